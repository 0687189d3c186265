//! Repair does no harm: correctly written Swedish from real producers, and French and English documents,
//! come out unchanged (line-end joins aside, which only take out the hyphen and the line break); references,
//! capitals that open a sentence and diacritics the text has are left as written even in OCR text; a short
//! text is repaired when its words say it lost its diacritics, and refused with a note when they do not.

mod common;
use common::*;
use std::io::Write;
use std::process::{Command, Stdio};
use styrdok::model::Document;
use styrdok::repair::{apply, repair_text, Needs, RepairOptions};

/// Repairs other than line-end joins, and joins that do more than take out "-\n".
fn word_changes(doc: &Document) -> Vec<String> {
    doc.repairs
        .iter()
        .filter(|r| r.rule != "dehyphenate" || r.original.replace("-\n", "") != r.replacement)
        .map(|r| format!("{:?} -> {:?} ({})", r.original, r.replacement, r.rule))
        .collect()
}

/// Born-digital Swedish regulations whose text the issue saw harmed ("1 kap. 5 §" read as OCR, "nr L
/// 228" lowered, "Om" lowered): no word changes at all.
#[test]
fn born_digital_swedish_regulations_are_left_as_written() {
    for rel in [
        "real/se04_sjvfs-2009-26_foreskrifter.pdf",
        "real/se05_fffs-2011-39_foreskrifter.pdf",
    ] {
        let doc = extract(rel);
        assert_eq!(word_changes(&doc), Vec::<String>::new(), "{rel}");
        assert!(doc.repairs.iter().all(|r| doc.slice(r.span) == r.original));
    }
    // What the FFFS text says, read in the PDF: the references stand in the repaired text.
    let doc = extract("real/se05_fffs-2011-39_foreskrifter.pdf");
    let repaired = doc.repaired(styrdok::model::Span::new(0, doc.text.len()));
    for reference in ["1 kap. 5 §", "nr L 228", "FFFS 2011:39", "\nOm "] {
        assert!(repaired.contains(reference), "{reference}");
    }
}

/// Every other born-digital Swedish document of the real fixtures: no word changes either.
#[test]
fn other_born_digital_swedish_documents_get_no_word_changes() {
    for rel in [
        "real/se01_dir-2009-71_kommittedirektiv.pdf",
        "real/se02_ds-1998-10_departementsserien.pdf",
        "real/se03_hd-T170-08_dom.pdf",
        "real/se06_livsfs-2006-22-bilaga1.pdf",
        "real/se08_affs-2008-8_quartz.pdf",
        "real/se09_sfs-1999-175_prince.pdf",
        "real/se10_sfs-2000-80_distiller-mac.pdf",
        "real/se12_bofs-1987-4-tob6.pdf",
        "real/se13_fst-anvandarhandledning_word2010.pdf",
        "real/se14_fst-anvandarhandledning.docx",
        "real/se15_fst-info-verksamhetsansvarig_word2010.pdf",
        "real/se16_fst-info-verksamhetsansvarig.docx",
        "real/se17_helsingborg-samsynsguiden-2023.pdf",
    ] {
        let doc = extract(rel);
        assert_eq!(word_changes(&doc), Vec::<String>::new(), "{rel}");
    }
}

/// The French minutes and the three US documents are not Swedish: nothing is repaired, and a note says
/// why.
#[test]
fn documents_in_other_languages_are_not_repaired() {
    for (rel, code) in [
        ("real/xx1_fr-proces-verbal-2023-06-20.pdf", "fr"),
        ("real/xx2_us-federal-register-2col.pdf", "en"),
        ("real/xx3_us-ca-warn-report_excel.pdf", "en"),
        ("real/xx4_us-cupertino-agenda.pdf", "en"),
    ] {
        let doc = extract(rel);
        assert!(doc.repairs.is_empty(), "{rel}: {:?}", word_changes(&doc));
        let note = doc
            .diagnostics
            .iter()
            .find(|d| d.code == "repair.not_swedish")
            .unwrap_or_else(|| panic!("{rel}: no language note"));
        assert!(note.message.contains(code), "{rel}: {}", note.message);
    }
}

/// In OCR text (a plain-text input with OCR traces) the confusions are repaired, but the references, the
/// capital opening a line after an unfinished one, and a diacritic already there stay as written.
#[test]
fn ocr_repair_leaves_references_capitals_and_diacritics_alone() {
    let text = "Med kreditinstitut avses i 1 kap. 5 § lagen om bank- och finansieringsrörelse samt \
                direktivet i EGT nr L 228 och AFS 1999:3. Nämnden ska f6lja arbetet 1 samverkan med \
                kommunerna och dterkomma med en redovisning av det 6kade behovet under året\n\
                Om arbetet inte blir klart ska nämnden få veta det i Delårsrapporten.\n";
    let out = apply(text, &repair_text(text, &RepairOptions::default()));
    assert_eq!(
        out,
        "Med kreditinstitut avses i 1 kap. 5 § lagen om bank- och finansieringsrörelse samt \
         direktivet i EGT nr L 228 och AFS 1999:3. Nämnden ska följa arbetet i samverkan med \
         kommunerna och återkomma med en redovisning av det ökade behovet under året\n\
         Om arbetet inte blir klart ska nämnden få veta det i Delårsrapporten.\n"
    );
}

/// A word with å/ä/ö keeps them even where restoration runs and the plain spelling is the commoner word
/// ("delar" is far commoner than "delår").
#[test]
fn a_diacritic_the_text_has_is_never_removed() {
    let text = "Delår och helår redovisas for namnden i en rapport om hur arbetet gar.";
    let opts = RepairOptions {
        needs: Some(Needs {
            diacritics: true,
            ocr: true,
        }),
        ..RepairOptions::default()
    };
    let out = apply(text, &repair_text(text, &opts));
    assert!(out.starts_with("Delår och helår"), "{out}");
    assert!(out.contains("för nämnden"), "{out}");
}

fn styrdok_repair(stdin: &str) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["repair", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    assert!(out.status.success());
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Under 80 letters the share of å/ä/ö says nothing: a short text is repaired when a word of it is no
/// word as written but is one with a diacritic, and otherwise left as written with a note on stderr.
#[test]
fn short_text_is_repaired_or_refused_with_a_note() {
    let (out, err) = styrdok_repair("Halso- och sjukvardsnamnden i Region Orebro lan\n");
    assert_eq!(out, "Hälso- och sjukvårdsnämnden i Region Örebro län\n");
    assert!(err.is_empty(), "{err}");
    let (out, err) = styrdok_repair("Vi far se om det blir bra\n");
    assert_eq!(out, "Vi far se om det blir bra\n");
    assert!(err.contains("too few"), "{err}");
}
