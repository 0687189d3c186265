//! Word's own files from a real producer (Domstolsverket, Word 2010, fixtures/real/): list numbers
//! resolved through style inheritance, the table of contents kept out of the body, and text set in
//! layout tables read in its place. The expected headings were written from the Word-made PDFs of the
//! same documents (se13, se15: the numbers Word prints in the headings and in its table of contents).

mod common;
use common::*;
use styrdok::model::{BlockKind, Document, FurnitureKind};

const GUIDE: &str = "real/se14_fst-anvandarhandledning.docx";
const LETTER: &str = "real/se16_fst-info-verksamhetsansvarig.docx";

/// The headings of levels 1 and 2 as "number text", the tab Word puts after the number read as a space.
fn headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading && b.level.is_some_and(|l| l <= 2))
        .map(|b| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn position(doc: &Document, start: &str) -> usize {
    doc.blocks
        .iter()
        .position(|b| b.text.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("{}: no block starting {start:?}", doc.source.path))
}

#[test]
fn the_guide_numbers_its_headings_as_word_does() {
    let doc = extract(GUIDE);
    let want = [
        "1 Redaktör - Kom igång",
        "2 Redaktör – Mata in föreskrifter och allmänna råd",
        "2.1 Lägga till föreskrifter",
        "2.2 Spara och kontrollera dokumentet",
        "2.3 Redigera dokument",
        "2.4 Radera dokument",
        "2.5 Lägga till allmänna råd",
        "3 Redaktör – Publicera föreskrifter och allmänna råd",
        "3.1 Se det publicerade dokumentet i ATOM-flödet",
        "3.2 Om du redigerar i ett publicerat dokument…",
        "3.3 Radera inte publicerade dokument",
        "4 Administratör – Kom igång",
        "5 Administratör - Hantera användare och grupper",
        "5.1 Lägga upp och redigera användare",
        "5.2 Radera inte användare!",
        "5.3 Lägga upp grupper (roller)",
        "5.4 Redigera grupper",
        "6 Administratör – Förbered för inmatning av dokument",
        "6.1 Lägga till en myndighet",
        "6.2 Lägga till en eller flera författningssamlingar",
        "6.3 Lägga in referenser till bemyndiganden",
        "6.4 Lägga in referenser till EU-rätt",
        "6.5 Lägga till ämnesord",
        "6.6 Konsoliderade föreskrifter",
        "7 Tips för redaktörer och administratörer",
        "7.1 Alternativ ingång till formulär för att lägga till",
        "7.2 Filtrera på olika sidor",
    ];
    assert_eq!(headings(&doc), want);
    let levels: Vec<u8> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .filter_map(|b| b.level)
        .filter(|&l| l <= 2)
        .collect();
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 7);
    assert_eq!(levels.iter().filter(|&&l| l == 2).count(), 20);
}

#[test]
fn the_table_of_contents_is_furniture_not_body() {
    for (rel, entries, first, last) in [
        (
            GUIDE,
            27,
            "1 Redaktör - Kom igång 3",
            "7.2 Filtrera på olika sidor 26",
        ),
        (
            LETTER,
            7,
            "1 Vad är FST? 3",
            "7 Kontakt och mer information 6",
        ),
    ] {
        let doc = extract(rel);
        let toc: Vec<String> = doc
            .furniture
            .iter()
            .filter(|f| f.kind == FurnitureKind::TableOfContents)
            .map(|f| f.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        // The heading "Innehåll" and one entry per heading, with Word's page numbers.
        assert_eq!(toc.len(), entries + 1, "{rel}: {toc:?}");
        assert_eq!(toc[0], "Innehåll", "{rel}");
        assert_eq!(toc[1], first, "{rel}");
        assert_eq!(toc[entries], last, "{rel}");
        // None of it is in the text: no block is an entry, and no heading carries a page number.
        assert!(
            !doc.blocks.iter().any(|b| b.text.trim() == "Innehåll"),
            "{rel}"
        );
        for b in &doc.blocks {
            let flat = b.text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                !toc[1..].contains(&flat),
                "{rel}: TOC entry {flat:?} in body"
            );
        }
        assert!(
            doc.diagnostics.iter().any(|d| d.code == "docx.toc"),
            "{rel}"
        );
    }
}

#[test]
fn the_title_set_in_a_layout_table_is_read_in_its_place() {
    // se15 page 1: the authors, then the title in bold 15 pt, then the opening paragraph.
    let doc = extract(LETTER);
    let authors = position(&doc, "Jonas Beckman, konsult");
    let title = position(&doc, "Pröva och utvärdera FST på din myndighet");
    let opening = position(&doc, "Detta dokument vänder sig till dig");
    assert!(
        authors < title && title < opening,
        "{authors} {title} {opening}"
    );
    let block = &doc.blocks[title];
    assert_eq!(
        block.text.split_whitespace().collect::<Vec<_>>().join(" "),
        "Pröva och utvärdera FST på din myndighet - information till projektledare/verksamhetsansvarig"
    );
    assert_eq!(block.prov.page, Some(1));
    assert_eq!(block.font_size, Some(15.0));
    // The first heading opens page 3, after the table of contents on page 2.
    assert_eq!(
        doc.blocks[position(&doc, "1\tVad är FST?")].prov.page,
        Some(3)
    );
    // Both tables of the letter only lay text out: no table is left.
    assert!(doc.tables.is_empty(), "{:?}", doc.tables);

    let doc = extract(GUIDE);
    let title = position(&doc, "Föreskriftshantering som tjänst (FST)");
    let subtitle = position(&doc, "Användarhandledning");
    let opening = position(&doc, "FST är en webbtjänst för att publicera");
    assert!(title < subtitle && subtitle < opening);
    assert!(!doc.tables.iter().any(|t| t
        .header
        .iter()
        .chain(&t.rows)
        .flatten()
        .any(|c| c.text.contains("Föreskriftshantering som tjänst"))));
}
