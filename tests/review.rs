//! The review pages of a real run over the bundled diarium (PDF, scanned PDF through Tesseract, DOCX,
//! stripped OCR text) and a text document carrying HTML, loaded in a real headless Chromium: every page
//! loads without a console message, the rendered DOM holds what each kind of page must show, document
//! text never becomes markup, and a screenshot of each kind of page shows the highlight colours.
//!
//! Needs `chromium` (Debian package `chromium`, installed by `.ci/run`); without it the test says so
//! and skips.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled diarium plus a plan whose uppdrag text holds markup that must stay text.
fn diarium(root: &Path) {
    copy_fixture_tree("diarium", root);
    std::fs::write(
        root.join("markup-plan.txt"),
        "Verksamhetsplan 2030\nRegion Testlän\n\nUppdrag till förvaltningen:\n\n\
         Nr 1. Att <script>document.title='pwned'</script> pröva <b>fetstil</b> & \"citat\" i texten.\n\n\
         Nr 2. Att <img src=x onerror=alert(1)> visa bilder som text.\n",
    )
    .expect("write markup plan");
}

/// The Chromium binary, or `None` (with a message) when it is not installed.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("chromium"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install chromium); the review pages were not \
             loaded in a browser"
        );
    }
    found
}

/// Chromium headless on one page, isolated: no network services, a fresh profile.
fn browse(chromium: &Path, page: &Path, what: &[&str]) -> Output {
    let profile = tempfile::tempdir().expect("profile");
    let url = format!("file://{}", page.display());
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(what)
        .arg(&url)
        .output()
        .expect("chromium runs")
}

/// The page as Chromium built it, after checking it loaded without console messages or refusals.
fn dom(chromium: &Path, page: &Path) -> String {
    let out = browse(chromium, page, &["--dump-dom"]);
    assert!(
        out.status.success(),
        "chromium failed on {}",
        page.display()
    );
    let log = String::from_utf8_lossy(&out.stderr);
    for line in log.lines() {
        assert!(
            !line.contains(":CONSOLE") && !line.contains("Uncaught") && !line.contains("Refused"),
            "{}: the page logged: {line}",
            page.display()
        );
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The RGB pixels of a screenshot of the page.
fn screenshot(chromium: &Path, page: &Path) -> Vec<[u8; 3]> {
    let dir = tempfile::tempdir().expect("tmp");
    let png = dir.path().join("shot.png");
    let out = browse(
        chromium,
        page,
        &[&format!("--screenshot={}", png.display())],
    );
    assert!(out.status.success(), "no screenshot of {}", page.display());
    decode_png(&std::fs::read(&png).expect("screenshot written"))
}

/// A minimal PNG reader for Chromium's screenshots (8-bit RGB or RGBA, not interlaced).
fn decode_png(bytes: &[u8]) -> Vec<[u8; 3]> {
    use std::io::Read;
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let (mut width, mut channels) = (0usize, 0usize);
    let mut idat = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4")) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(data[0..4].try_into().expect("4")) as usize;
                assert_eq!(data[8], 8, "8-bit samples");
                channels = match data[9] {
                    2 => 3,
                    6 => 4,
                    other => panic!("colour type {other}"),
                };
                assert_eq!(data[12], 0, "not interlaced");
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("inflate");
    let stride = width * channels;
    let mut prev = vec![0u8; stride];
    let mut pixels = Vec::new();
    for line in raw.chunks(stride + 1) {
        let (filter, data) = (line[0], &line[1..]);
        let mut cur = vec![0u8; stride];
        for i in 0..stride {
            let a = if i >= channels { cur[i - channels] } else { 0 } as i16;
            let b = prev[i] as i16;
            let c = if i >= channels { prev[i - channels] } else { 0 } as i16;
            let predictor = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                other => panic!("filter {other}"),
            };
            cur[i] = data[i].wrapping_add(predictor as u8);
        }
        pixels.extend(cur.chunks(channels).map(|p| [p[0], p[1], p[2]]));
        prev = cur;
    }
    pixels
}

fn count(pixels: &[[u8; 3]], rgb: [u8; 3]) -> usize {
    pixels.iter().filter(|p| **p == rgb).count()
}

/// The id of the document read from a file of the diarium (the first 16 hex digits of its SHA-256).
fn id_of(out: &Path, source_end: &str) -> String {
    for e in std::fs::read_dir(out.join("documents")).expect("documents") {
        let path = e.expect("entry").path();
        let doc = styrdok::emit::read_document(&path).expect("document");
        if doc.source.path.ends_with(source_end) {
            return doc.id;
        }
    }
    panic!("no document from {source_end}")
}

#[test]
fn review_pages_load_in_chromium_and_show_what_a_reviewer_needs() {
    let dir = tempfile::tempdir().expect("tmp");
    let (input, out) = (dir.path().join("diarium"), dir.path().join("out"));
    diarium(&input);
    let status = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["run", "--quiet"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .status()
        .expect("styrdok runs");
    assert!(status.success());
    let review = out.join("review");
    let plan_2024 = id_of(&out, "2024/hsn-verksamhetsplan-2024-ocr.txt");
    let report_2024 = id_of(&out, "2024/hsn-verksamhetsberattelse-2024.docx");
    let scan = id_of(&out, "2026/hsn-verksamhetsplan-2026-uppdrag-skannad.pdf");
    let markup = id_of(&out, "markup-plan.txt");
    for id in [&plan_2024, &report_2024, &scan, &markup] {
        assert!(review.join(format!("{id}.html")).is_file(), "page of {id}");
    }
    // The pages are written without a browser; what follows needs one.
    let Some(chromium) = chromium() else { return };

    // Index: the run, every document, links to their pages, the unlinked scan marked.
    let index = dom(&chromium, &review.join("index.html"));
    assert!(index.contains("id=\"run\""));
    assert_eq!(index.matches("<tr class=\"document\">").count(), 5);
    for id in [&plan_2024, &report_2024, &scan, &markup] {
        assert!(
            index.contains(&format!("href=\"{id}.html\"")),
            "{id} listed"
        );
    }
    assert!(
        index.contains("not_linked")
            && index.contains("hsn-verksamhetsplan-2026-uppdrag-skannad.pdf"),
        "the scan without a year is named as not linked"
    );

    // The stripped 2024 plan: Nr 7c as written ("6ka", "pa") beside the repair ("öka", "på"), the
    // repairs with their rule and confidence, links to the report and near misses.
    let page = dom(&chromium, &review.join(format!("{plan_2024}.html")));
    for section in [
        "source",
        "metadata",
        "uppdrag",
        "goals",
        "repairs",
        "leftovers",
        "tables",
        "links",
        "candidates",
        "diagnostics",
    ] {
        assert!(
            page.contains(&format!("<section id=\"{section}\">")),
            "section {section}"
        );
    }
    let row_7c = page
        .split("<tr id=\"u-")
        .find(|row| row.contains("<td>Nr 7c</td>"))
        .expect("a row for Nr 7c");
    let (raw, repaired) = row_7c
        .split_once("class=\"repaired\"")
        .expect("raw and repaired cells");
    assert!(
        raw.contains(">6ka</mark>") && raw.contains("Karlskoga"),
        "{raw}"
    );
    assert!(repaired.contains(">öka</mark>"), "{repaired}");
    assert!(page.contains("<tr class=\"repair changed\">"));
    assert!(page.contains("diacritics"), "the rule is named");
    assert!(page.contains("<tr class=\"link\">") && page.contains("follow_up"));
    assert!(page.contains("<tr class=\"candidate\">") && page.contains("class=\"num margin\""));
    // Its goals point to the report's goals that follow them up: Effektmål 1 to the report's Effektmål 1.
    let goal_1 = page
        .split("<tr id=\"g-")
        .find(|row| row.contains("<td>Effektmål 1</td>"))
        .expect("a row for Effektmål 1");
    assert!(
        goal_1.contains(&format!("href=\"{report_2024}.html#g-"))
            && goal_1.contains("2024 report Effektmål 1</a> (follow_up"),
        "{goal_1}"
    );

    // The DOCX report: its tables rendered as tables, its comments beside the uppdrag.
    let page = dom(&chromium, &review.join(format!("{report_2024}.html")));
    assert!(page.matches("<table class=\"data\"").count() >= 10);
    assert!(page.contains("Utfall"), "a table header of the report");
    assert!(
        page.contains("presenterade och beslutade"),
        "the Nr 3-8 comment"
    );

    // The scan: read by OCR, no year, so not linked and said so.
    let page = dom(&chromium, &review.join(format!("{scan}.html")));
    assert!(page.contains("class=\"warning not-linked\""));
    assert!(
        page.contains("Nr 14"),
        "an uppdrag read from the scanned page"
    );

    // Markup in a document is text: no element made of it, no script run, the title unchanged.
    let page = dom(&chromium, &review.join(format!("{markup}.html")));
    assert!(page.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(page.contains("&lt;b&gt;fetstil&lt;/b&gt;"));
    assert!(!page.contains("<script") && !page.contains("<img") && !page.contains("<b>fetstil"));
    assert!(!page.contains("<title>pwned"));

    // Screenshots: the repaired words are green on the plan's page, table headers grey on the
    // report's, the index has its grey table header.
    let green = [0xc8, 0xf0, 0xc8];
    let grey = [0xee, 0xee, 0xee];
    let plan_shot = screenshot(&chromium, &review.join(format!("{plan_2024}.html")));
    assert!(count(&plan_shot, green) > 500, "repairs highlighted");
    let report_shot = screenshot(&chromium, &review.join(format!("{report_2024}.html")));
    assert!(count(&report_shot, grey) > 500, "table headers drawn");
    assert_eq!(count(&report_shot, green), 0, "the report needed no repair");
    let index_shot = screenshot(&chromium, &review.join("index.html"));
    assert!(count(&index_shot, grey) > 500);

    // `styrdok review OUT` writes the same pages again.
    std::fs::remove_dir_all(&review).expect("remove review");
    let status = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .arg("review")
        .arg(&out)
        .status()
        .expect("styrdok review runs");
    assert!(status.success());
    assert!(review.join("index.html").is_file());
    assert!(review.join(format!("{plan_2024}.html")).is_file());
}
