//! Golden tests on the three real documents: every uppdrag (and nothing else), goals, metadata and the
//! report's follow-up comments. The expectations were written by reading the documents.

mod common;
use common::*;
use styrdok::model::{DocKind, UppdragStatus};

#[test]
fn plan_2026_has_its_31_uppdrag_in_three_series() {
    let doc = extract(PLAN_2026);
    assert_uppdrag(
        &doc,
        &[
            (
                "Nr 10",
                "Att arbeta med omställning till nära vård, bland annat se över",
            ),
            (
                "Nr 11",
                "Att arbeta för att öka andelen elektiva ingrepp på Karlskoga",
            ),
            ("Nr 12", "Att arbeta för att öka andelen elektiva och akuta"),
            (
                "Nr 13",
                "Att fortsätta implementeringen av specialpsykiatriska omvårdnadsteam",
            ),
            (
                "Nr 14",
                "Att fortsätta det långsiktiga arbetet för att uppnå en läkare",
            ),
            (
                "Nr 15",
                "Att starta processen med målsättning att bli ett ackrediterat",
            ),
            ("Nr 16", "Att under året återinföra glasögonbidrag"),
            ("Nr 17", "Att vidareutveckla sprututbyte i länet."),
            ("Nr 18", "Att genomföra en översyn av hjälpmedelsavgifterna"),
            (
                "HS nr 1",
                "Att intensifiera arbetet för att fasa ut lågvärdevård",
            ),
            ("HS nr 2", "Att fortsätta arbetet med att BVC/MVC i länet"),
            (
                "Ber nr 1",
                "Regelbundet följa patientflödena inom psykiatrin",
            ),
            ("Ber nr 2", "Följa verksamheten SMO"),
            (
                "Ber nr 3",
                "Följa arbetet med nationell högspecialiserad vård",
            ),
            ("Ber nr 4", "Följa implementering av Överenskommelsen"),
            ("Ber nr 5", "Följa arbetet med omställningen till Nära vård"),
            ("Nr 44", "Att verka för implementering av precisionsmedicin"),
            (
                "Nr 45",
                "Att i samverkan med länets kommuner och Örebro universitet",
            ),
            ("Nr 46", "Att verka för att hälso-och sjukvårdens förmåga"),
            (
                "Ber nr 6",
                "Att följa och återrapportera till nämnden den regioninterna",
            ),
            ("Nr 51", "Att fortsätta främja den digitala kulturen"),
            ("Nr 52", "Att erbjuda användarvänliga digitala lösningar"),
            (
                "Ber nr 7",
                "Beredningarna får i uppdrag att följa utvecklingen av 1177-direkt",
            ),
            (
                "Nr 54",
                "Att utarbeta aktivitetsplaner utifrån Program för hållbar utveckling",
            ),
            ("Nr 55", "Att minska Region Örebro läns klimatavtryck"),
            ("Nr 56", "Att göra barnrätts- och jämställdhetsanalyser"),
            (
                "HS nr 3",
                "Att genom ett systematiskt arbete utifrån Antbiotikasmarts",
            ),
            (
                "Nr 41",
                "Att beakta den långsiktiga påverkan av kompetensförsörjningen",
            ),
            ("Nr 38", "Att fortsätta arbetet för en ekonomi i balans."),
            ("Nr 59", "Att beredskaps- och säkerhetsfrågor beaktas"),
            ("Nr 61", "Att fortsätta uppdraget från 2025 att förebygga"),
        ],
    );
    // Texts that run over line breaks end where the document ends them.
    assert_eq!(
        uppdrag(&doc, "Nr 13").text_raw,
        "Att fortsätta implementeringen av specialpsykiatriska omvårdnadsteam (SPOT) i område Örebro och söder."
    );
    assert!(uppdrag(&doc, "Nr 16")
        .text_raw
        .ends_with("för barn och unga i åldrarna 0–19 år."));
    assert_eq!(
        uppdrag(&doc, "Ber nr 2").text_raw,
        "Följa verksamheten SMO – samordnat medicinskt omhändertagande"
    );
    assert!(uppdrag(&doc, "Ber nr 4")
        .text_raw
        .ends_with("i hemmet inom respektive område."));
    assert!(uppdrag(&doc, "Ber nr 7")
        .text_raw
        .ends_with("för både patienter och medarbetare"));
}

#[test]
fn plan_2026_context_issuer_recipient_goal() {
    let doc = extract(PLAN_2026);
    let nr10 = uppdrag(&doc, "Nr 10");
    assert_eq!(nr10.issuer.as_deref(), Some("regionfullmäktige"));
    assert_eq!(
        nr10.recipient.as_deref(),
        Some("hälso- och sjukvårdsnämnd/förvaltning")
    );
    assert_eq!(nr10.goal.as_deref(), Some("Målsättning 1"));
    let hs1 = uppdrag(&doc, "HS nr 1");
    assert_eq!(hs1.issuer.as_deref(), Some("Hälso- och sjukvårdsnämnden"));
    assert_eq!(
        hs1.recipient.as_deref(),
        Some("Hälso- och sjukvårdsförvaltningen")
    );
    assert_eq!(
        uppdrag(&doc, "Ber nr 1").recipient.as_deref(),
        Some("Beredningen för psykiatri")
    );
    assert_eq!(
        uppdrag(&doc, "Ber nr 6").recipient.as_deref(),
        Some("beredningen för forskning och utbildning")
    );
    assert_eq!(
        uppdrag(&doc, "Ber nr 7").recipient.as_deref(),
        Some("samtliga beredningar")
    );
    assert_eq!(
        uppdrag(&doc, "Nr 44").goal.as_deref(),
        Some("Målsättning 6")
    );
    assert_eq!(
        uppdrag(&doc, "Nr 38").goal.as_deref(),
        Some("Målsättning 10")
    );
    // Nr 59 and Nr 61 stand under their own headings (Beredskap och säkerhet, Motverka
    // välfärdsbrottslighet), after the goals.
    assert_eq!(uppdrag(&doc, "Nr 59").goal, None);

    let goals: Vec<&str> = doc.goals.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(
        goals,
        [
            "Målsättning 1",
            "Målsättning 6",
            "Målsättning 7",
            "Målsättning 8",
            "Målsättning 9",
            "Målsättning 10"
        ]
    );
    assert_eq!(
        doc.goals[5].text_raw,
        "En långsiktig stark och hållbar ekonomi med finansiell god hushållning."
    );
}

#[test]
fn plan_2026_metadata_and_running_headers() {
    let doc = extract(PLAN_2026);
    assert_eq!(doc.metadata.kind, Some(DocKind::Plan));
    assert_eq!(doc.metadata.year, Some(2026));
    assert_eq!(
        doc.metadata.organisation.as_deref(),
        Some("Region Örebro län")
    );
    assert_eq!(
        doc.metadata.body.as_deref(),
        Some("Hälso- och sjukvårdsnämnden")
    );
    assert_eq!(doc.metadata.diarienummer, None);
    // The two running headers ("… 14(25)", "… 24(25)") are furniture, not body text.
    assert!(!doc.text.contains("Verksamhetsplan med budget 14(25)"));
    assert!(doc.text.contains("för att lyckas\nrekrytera samt utbilda"));
    let pages: Vec<_> = doc.furniture.iter().filter_map(|f| f.page).collect();
    assert_eq!(pages, [14, 24]);
}

#[test]
fn plan_2024_ocr_has_nr_1_to_19_with_sub_items() {
    let doc = extract(PLAN_2024_OCR);
    assert_uppdrag(
        &doc,
        &[
            ("Nr 1", "Att utifrdn ett medborgarperspektiv"),
            ("Nr 2", "Att dterkomma till namnden med en beskrivning"),
            ("Nr 3", "Att ta fram en fardplan for slutenvard"),
            ("Nr 3a", "Ett forslag till forandring av virdplatser"),
            ("Nr 3b", "En plan for koncentration av psykiatriska heldygnsplatser"),
            ("Nr 3c", "En beskrivning och ett forslag pa hur arbetet"),
            ("Nr 4", "Att ta fram en fardplan for Oppenvard"),
            ("Nr 4a", "En plan for jamlik vard"),
            ("Nr 4b", "Ett forslag till specialistpsykiatriska"),
            ("Nr 4c", "Enbeskrivning och forslag for samarbetsomréden"),
            ("Nr 5", "Att ta fram en fardplan for akut omhandertagande"),
            ("Nr 5a", "Ett forslag for hur det akuta kirurgiska patientflodet"),
            ("Nr 5b", "Ett forslag for hur jourverksamhet primarvard"),
            ("Nr 6", "Att ta fram en fardplan for specialistmottagningar"),
            ("Nr 7", "Att ta fram en fardplan for operationsflodet"),
            ("Nr 7a", "En plan for att ka elektiva och akuta"),
            ("Nr 7b", "En plan for att minska ej"),
            ("Nr 7c", "Enplan for att 6ka elektiva ingrepp pa Karlskoga och Lindesbergs lasarett"),
            ("Nr 7d", "En plan for att avsluta akuta kirurgiska ingrepp pa Lindesbergs lasarett"),
            ("Nr 8", "Att ta fram en fardplan for stodfunktioner"),
            ("Nr 8a", "En plan for nivastrukturering av intensivvarden"),
            ("Nr 8b", "Ett forslag till hur sjuktransportresor"),
            ("Nr 8c", "Ett forslag till vilken servicenivd"),
            ("Nr 8d", "En beskrivning av hur forskning och utbildning"),
            ("Nr 9", "Att folja implementeringen av de fardplaner"),
            ("Nr 10", "Att folja arbetet med arlig avgiftsoversyn"),
            ("Nr 11", "Att f6lja och dterrapportera till nimnden det som berdr"),
            ("Nr 12", "Att folja arbetet med fardplanen for nira vard"),
            ("Nr 13", "Att f6lja och dterrapportera till nimnden arbetet med de nationella"),
            ("Nr 14", "Att fortsitta folja och aterrapportera till nimnden arbetet med den nu fardiga ALF"),
            ("Nr 15", "Att folja och aterrapportera till namnden processen"),
            ("Nr 16", "Att fortsitta arbetet med och implementeringen av faktabaserad styrning."),
            ("Nr 17", "Att fortsdtta arbetet med omstéllning till Nira vard"),
            ("Nr 18", "Att fortsitta arbetet med en kompetensforsorjningsplan."),
            ("Nr 19", "Utifran det rdidande ekonomiska laget arbeta for en ekonomi 1 balans."),
        ],
    );
    let nr3a = uppdrag(&doc, "Nr 3a");
    assert_eq!(nr3a.parent.as_deref(), Some("Nr 3"));
    assert_eq!(nr3a.sub.as_deref(), Some("a"));
    assert!(uppdrag(&doc, "Nr 3")
        .text_raw
        .ends_with("aterkomma till nimnden med"));
    // The text of Nr 15 runs on over a blank line.
    let nr15 = &uppdrag(&doc, "Nr 15").text_raw;
    assert!(
        nr15.contains("kommuner och universitetet prioritera"),
        "{nr15}"
    );
    assert!(
        nr15.ends_with("forskningsforankringen av folkhélsoarbetet."),
        "{nr15}"
    );
    // Garbled recipient lines are still read, and carry the repaired spelling.
    assert!(uppdrag(&doc, "Nr 1")
        .recipient
        .as_deref()
        .unwrap_or("")
        .contains("sjukvårdsförvaltningen"));
    assert!(uppdrag(&doc, "Nr 12")
        .recipient
        .as_deref()
        .unwrap_or("")
        .ends_with("beredning för närsjukvård"));
    // "… beredningar är fria … Utöver detta får de även i / uppdrag:" breaks over two lines; Nr 9 and 10
    // go to the beredningar, not to the förvaltning named before.
    for key in ["Nr 9", "Nr 10"] {
        let r = uppdrag(&doc, key)
            .recipient
            .as_deref()
            .unwrap_or("")
            .to_lowercase();
        assert!(r.ends_with("beredningar"), "{key}: {r}");
    }
    // Uppdrag 2024 is its own section: the uppdrag stand under no goal.
    assert_eq!(uppdrag(&doc, "Nr 1").goal, None);
}

#[test]
fn plan_2024_ocr_goals_and_metadata() {
    let doc = extract(PLAN_2024_OCR);
    let goals: Vec<&str> = doc.goals.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(
        goals,
        [
            "Effektmål 1",
            "Effektmål 2",
            "Effektmål 6",
            "Effektmål 7",
            "Effektmål 8",
            "Mål",
            "Effektmål 9",
            "Effektmål 10"
        ]
    );
    assert_eq!(doc.metadata.kind, Some(DocKind::Plan));
    assert_eq!(doc.metadata.year, Some(2024));
}

#[test]
fn report_2024_follows_up_nr_1_to_19() {
    let doc = extract(REPORT_2024);
    assert_uppdrag(
        &doc,
        &[
            (
                "Nr 1",
                "Att utifrån ett medborgarperspektiv se över möjligheterna",
            ),
            (
                "Nr 2",
                "Att återkomma till nämnden med en beskrivning av arbetet med krisberedskap",
            ),
            (
                "Nr 3-8",
                "Att ta fram färdplaner för genomförandet av utvecklingsplanen",
            ),
            ("Nr 9", "Att följa implementeringen av de färdplaner"),
            ("Nr 10", "Att följa arbetet med årlig avgiftsöversyn"),
            (
                "Nr 11",
                "Att följa och återrapportera till nämnden det som berör",
            ),
            ("Nr 12", "Att följa arbetet med färdplanen för nära vård"),
            (
                "Nr 13",
                "Att följa och återrapportera till nämnden arbetet med de nationella",
            ),
            (
                "Nr 14",
                "Att fortsätta följa och återrapportera till nämnden arbetet med den nu färdiga",
            ),
            (
                "Nr 15",
                "Att följa och återrapportera till nämnden processen",
            ),
            (
                "Nr 16",
                "Att fortsätta arbetet med och implementeringen av faktabaserad styrning.",
            ),
            (
                "Nr 17",
                "Att fortsätta arbetet med omställning till nära vård.",
            ),
            (
                "Nr 18",
                "Att fortsätta arbetet med en kompetensförsörjningsplan.",
            ),
            (
                "Nr 19",
                "Utifrån det rådande ekonomiska läget arbeta för en ekonomi i balans.",
            ),
        ],
    );
    let range = uppdrag(&doc, "Nr 3-8");
    assert_eq!((range.number, range.number_end), (3, Some(8)));

    let comment = |key| uppdrag(&doc, key).comment.clone().unwrap_or_default();
    assert!(comment("Nr 17").starts_with("Arbete pågår inom flera områden"));
    assert!(comment("Nr 19").starts_with("Hälso- och sjukvårdsnämndens arbete med handlingsplaner"));
    assert!(comment("Nr 2").contains("· En ny krisstödsbroschyr är framtagen"));
    assert!(comment("Nr 2").ends_with("inom katastrofmedicinsk beredskap."));
    assert!(comment("Nr 15").ends_with("pågår fram till och med 2025."));
    assert!(!comment("Nr 18").contains("Strategi"));
    assert!(!comment("Nr 3-8").contains("får de även i uppdrag"));

    let status = |key| uppdrag(&doc, key).status;
    assert_eq!(status("Nr 9"), Some(UppdragStatus::MultiYear));
    assert_eq!(status("Nr 11"), Some(UppdragStatus::MultiYear));
    assert_eq!(status("Nr 12"), Some(UppdragStatus::InProgress));
    assert_eq!(status("Nr 13"), Some(UppdragStatus::InProgress));
    assert_eq!(status("Nr 17"), Some(UppdragStatus::InProgress));

    assert_eq!(
        uppdrag(&doc, "Nr 12").recipient.as_deref(),
        Some("Hälso- och sjukvårdsnämndens beredning för närsjukvård")
    );
    assert_eq!(
        uppdrag(&doc, "Nr 9").recipient.as_deref(),
        Some("Hälso- och sjukvårdsnämndens beredningar")
    );
}

#[test]
fn report_2024_metadata_and_export_artifacts() {
    let doc = extract(REPORT_2024);
    assert_eq!(doc.metadata.kind, Some(DocKind::Report));
    assert_eq!(doc.metadata.year, Some(2024));
    assert_eq!(doc.metadata.diarienummer.as_deref(), Some("25RS268"));
    assert_eq!(
        doc.metadata.body.as_deref(),
        Some("Hälso- och sjukvårdsnämnden")
    );
    assert!(doc
        .metadata
        .title
        .as_deref()
        .unwrap_or("")
        .starts_with("Verksamhetsberättelse"));
    assert!(!doc.text.contains("[bookmark:"));
    assert!(!doc.text.contains("[image:"));
    // The appended image names and their OCR'd chart text are furniture, not body.
    assert!(!doc.text.contains("image20.png"));
    assert!(!doc.text.contains("Budgetavvikelse Hilso- och"));
    assert!(doc.text.trim_end().ends_with(
        "Nämnden bedömer därmed att den interna styrningen och kontrollen är tillräcklig."
    ));
}

#[test]
fn uppdrag_ids_are_stable_and_distinct() {
    let a = extract(PLAN_2026);
    let b = extract(PLAN_2026);
    let ids: Vec<&str> = a.uppdrag.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        b.uppdrag.iter().map(|u| u.id.as_str()).collect::<Vec<_>>()
    );
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn every_seed_output_validates_against_the_schema() {
    for rel in [PLAN_2026, PLAN_2024_OCR, REPORT_2024] {
        let doc = extract(rel);
        let value: serde_json::Value =
            serde_json::from_str(&styrdok::emit::to_json(&doc)).expect("json");
        if let Err(errors) =
            styrdok::emit::schema::validate(styrdok::emit::schema::SchemaKind::Document, &value)
        {
            panic!("{rel}: {errors:?}");
        }
    }
}
