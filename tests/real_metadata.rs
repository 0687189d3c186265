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
    e(
        "se12_bofs-1987-4-tob6.pdf",
        Some("Bostadsstyrelsens föreskrifter och information om ändring av föreskrifterna och informationen till förordningen (1983:1021) om tilläggslån för ombyggnad av bostadshus m m"),
        Some("BOFS 1987:4"),
        Some(1987),
        Some("Bostadsstyrelsen"),
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
    // The Word-made PDFs of se14/se16: the date sits in a page-header grid that PDF reading may keep
    // as a table; the year is 2016 or not given, never another.
    for (file, title) in [
        (
            "se13_fst-anvandarhandledning_word2010.pdf",
            "Föreskriftshantering som tjänst (FST)",
        ),
        (
            "se15_fst-info-verksamhetsansvarig_word2010.pdf",
            "Pröva och utvärdera FST på din myndighet - information till projektledare/verksamhetsansvarig",
        ),
    ] {
        let m = metadata(file);
        assert_eq!(m.title.as_deref(), Some(title), "{file}");
        assert!(matches!(m.year, None | Some(2016)), "{file}: {:?}", m.year);
        assert_eq!((m.organisation, m.body, m.number), (None, None, None), "{file}");
    }
    // Foreign documents: titles from their largest text, no Swedish organisation or nämnd.
    let minutes = metadata("xx1_fr-proces-verbal-2023-06-20.pdf");
    assert!(
        minutes
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("COMITÉ DE DÉMOLITION PROCÈS-VERBAL")),
        "{:?}",
        minutes.title
    );
    // The page gives "20 juin" without a year.
    assert_eq!(minutes.year, None);
    let warn = metadata("xx3_us-ca-warn-report_excel.pdf");
    assert!(warn
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("WARN Report")));
    for file in [
        "xx1_fr-proces-verbal-2023-06-20.pdf",
        "xx2_us-federal-register-2col.pdf",
        "xx3_us-ca-warn-report_excel.pdf",
        "se06_livsfs-2006-22-bilaga1.pdf",
    ] {
        let m = if file == "xx1_fr-proces-verbal-2023-06-20.pdf" {
            minutes.clone()
        } else if file == "xx3_us-ca-warn-report_excel.pdf" {
            warn.clone()
        } else {
            metadata(file)
        };
        assert_eq!((m.organisation, m.body), (None, None), "{file}");
    }
}
