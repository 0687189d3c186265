//! Metadata of real documents from real producers (fixtures/real/, sources in its SOURCES.md), read from
//! their title pages. Every expected value was written by looking at page 1 of the file (its largest
//! text, the series number in its box or running header, the date): null where the page does not state
//! it. No organisation or nämnd may come from a passing mention in the text.

mod common;
use common::*;
use styrdok::model::Metadata;

/// What the title page states: title, number, year, organisation.
struct Expect {
    file: &'static str,
    title: Option<&'static str>,
    number: Option<&'static str>,
    year: Option<i32>,
    organisation: Option<&'static str>,
}

const fn e(
    file: &'static str,
    title: Option<&'static str>,
    number: Option<&'static str>,
    year: Option<i32>,
    organisation: Option<&'static str>,
) -> Expect {
    Expect {
        file,
        title,
        number,
        year,
        organisation,
    }
}

const STATED: &[Expect] = &[
    e(
        "se01_dir-2009-71_kommittedirektiv.pdf",
        Some("Rätt till skolgång m.m. för barn som vistas i landet utan tillstånd"),
        Some("Dir. 2009:71"),
        Some(2009),
        None,
    ),
    // The file begins at the foreword: no title page, the number only in the running header.
    e(
        "se02_ds-1998-10_departementsserien.pdf",
        None,
        Some("Ds 1998:10"),
        Some(1998),
        None,
    ),
    e(
        "se03_hd-T170-08_dom.pdf",
        Some("HÖGSTA DOMSTOLENS DOM"),
        Some("T 170-08"),
        Some(2009),
        None,
    ),
    e(
        "se04_sjvfs-2009-26_foreskrifter.pdf",
        Some("Statens jordbruksverks föreskrifter om hästdjur som används till avel och om identifiering av hästdjur"),
        Some("SJVFS 2009:26"),
        Some(2009),
        Some("Statens jordbruksverk"),
    ),
    e(
        "se05_fffs-2011-39_foreskrifter.pdf",
        Some("Finansinspektionens föreskrifter och allmänna råd om information som gäller försäkring och tjänstepension"),
        Some("FFFS 2011:39"),
        Some(2011),
        Some("Finansinspektionen"),
    ),
    // Page 1 is the first page of the annex's table ("Substanser och gränsvärden i mg/kg" heads its
    // columns): no title stated, the number in the page header and footer.
    e(
        "se06_livsfs-2006-22-bilaga1.pdf",
        None,
        Some("LIVSFS 2006:22"),
        Some(2006),
        None,
    ),
    e(
        "se08_affs-2008-8_quartz.pdf",
        Some("Arbetsförmedlingens administrativa föreskrifter om uppgiftsfördelning i det systematiska arbetsmiljöarbetet vid Arbetsförmedlingen"),
        Some("AFFS 2008:8"),
        Some(2008),
        Some("Arbetsförmedlingen"),
    ),
    // "Svensk författningssamling" names the series, not who issued the statute.
    e(
        "se09_sfs-1999-175_prince.pdf",
        Some("Rättsinformationsförordning"),
        Some("SFS 1999:175"),
        Some(1999),
        None,
    ),
    e(
        "se10_sfs-2000-80_distiller-mac.pdf",
        Some("Förordning om ändring i rättsinformationsförordningen (1999:175)"),
        Some("SFS 2000:80"),
        Some(2000),
        None,
    ),
    // The title's last line is the end of a broken word and the statute the advice belongs to; the
    // number of the advice itself stands alone in the box beside it.
    e(
        "se11_vervafs-2007-2-allmanna-rad.pdf",
        Some("Vervas allmänna råd till föreskrift om statliga myndigheters arbete med säkert elektroniskt informationsutbyte, VERVAFS 2007:2"),
        Some("VERVAFS 2007:2AR"),
        Some(2007),
        Some("Verket för förvaltningsutveckling"),
    ),
    e(
        "se12_bofs-1987-4-tob6.pdf",
        Some("Bostadsstyrelsens föreskrifter och information om ändring av föreskrifterna och informationen till förordningen (1983:1021) om tilläggslån för ombyggnad av bostadshus m m"),
        Some("BOFS 1987:4"),
        Some(1987),
        Some("Bostadsstyrelsen"),
    ),
    // The Word-made PDFs of se14 and se16: the date (DATUM 2016-12-05, 2016-12-16) stands in the
    // header grid of page 1.
    e(
        "se13_fst-anvandarhandledning_word2010.pdf",
        Some("Föreskriftshantering som tjänst (FST)"),
        None,
        Some(2016),
        None,
    ),
    e(
        "se15_fst-info-verksamhetsansvarig_word2010.pdf",
        Some("Pröva och utvärdera FST på din myndighet - information till projektledare/verksamhetsansvarig"),
        None,
        Some(2016),
        None,
    ),
    // The Word original: the date 2016-12-05 stands in the header grid of page 1.
    e(
        "se14_fst-anvandarhandledning.docx",
        Some("Föreskriftshantering som tjänst (FST)"),
        None,
        Some(2016),
        None,
    ),
    e(
        "se16_fst-info-verksamhetsansvarig.docx",
        Some("Pröva och utvärdera FST på din myndighet - information till projektledare/verksamhetsansvarig"),
        None,
        Some(2016),
        None,
    ),
    // A Helsingborgs stad guide that names Region Skåne once in an example and Byggnadsnämnden in
    // passing; its page header says "Version 2023-10-10".
    e(
        "se17_helsingborg-samsynsguiden-2023.pdf",
        Some("Samsynsguiden – Hantering av bygglovs- och tekniska frågor"),
        None,
        Some(2023),
        None,
    ),
    // Centred: the committee, "PROCÈS-VERBAL" and the sitting; "Présences" at the left margin below
    // is the first section. The page gives "20 juin" without a year.
    e(
        "xx1_fr-proces-verbal-2023-06-20.pdf",
        Some("COMITÉ DE DÉMOLITION PROCÈS-VERBAL Séance publique tenue le 20 juin, à 16h00 à la salle du conseil"),
        None,
        None,
        None,
    ),
    // "Proposed Rules", the largest text, is the Federal Register's section, repeated in every running
    // header ("Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules"); the
    // rule's own title is set in bold body size and is not taken.
    e(
        "xx2_us-federal-register-2col.pdf",
        None,
        None,
        Some(2020),
        None,
    ),
    e(
        "xx4_us-cupertino-agenda.pdf",
        Some("Board of Education Special Meeting AGENDA"),
        None,
        Some(2016),
        None,
    ),
];

fn metadata(file: &str) -> Metadata {
    extract(&format!("real/{file}")).metadata
}

#[test]
fn title_number_year_and_organisation_from_the_title_page() {
    let mut wrong = Vec::new();
    for want in STATED {
        let got = metadata(want.file);
        let file = want.file;
        let mut push = |s: String| wrong.push(format!("{file}: {s}"));
        if got.title.as_deref() != want.title {
            push(format!("title {:?}, want {:?}", got.title, want.title));
        }
        if got.number.as_deref() != want.number {
            push(format!("number {:?}, want {:?}", got.number, want.number));
        }
        if got.year != want.year {
            push(format!("year {:?}, want {:?}", got.year, want.year));
        }
        if got.organisation.as_deref() != want.organisation {
            push(format!(
                "organisation {:?}, want {:?}",
                got.organisation, want.organisation
            ));
        }
        // None of these is a nämnd's document; a body could only come from a passing mention.
        if got.body.is_some() {
            push(format!("body {:?}, want None", got.body));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn partly_stated_title_pages_are_never_wrong() {
    let warn = metadata("xx3_us-ca-warn-report_excel.pdf");
    assert!(warn
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("WARN Report")));
    assert_eq!((warn.organisation, warn.body), (None, None));
    // Scanned pages, read by OCR, which gives no font sizes: the title
    // ("Riksarkivets föreskrifter och allmänna råd om gallring och återlämnande av handlingar vid
    // upphandling", beside the boxed number) is not found, and nothing else is taken for it.
    let scan = metadata("se07_ra-fs-2004-2_scan.pdf");
    assert_eq!(scan.number.as_deref(), Some("RA-FS 2004:2"));
    assert_eq!(scan.year, Some(2004));
    assert!(
        scan.title.is_none()
            || scan
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with("Riksarkivets föreskrifter och allmänna råd")),
        "{:?}",
        scan.title
    );
    assert!(matches!(
        scan.organisation.as_deref(),
        None | Some("Riksarkivet")
    ));
    assert_eq!(scan.body, None);
}
