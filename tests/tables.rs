//! Golden tests of tables and indicators (styrtal) on the three real documents. Every expected cell was
//! written by reading the documents in `fixtures/seeds/`, not taken from the program's output.

mod common;
use common::*;
use styrdok::model::{Cell, Document, Indicator, Table};

fn texts(row: &[Cell]) -> Vec<&str> {
    row.iter().map(|c| c.text.as_str()).collect()
}

fn table<'a>(doc: &'a Document, title: &str) -> &'a Table {
    doc.tables
        .iter()
        .find(|t| t.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no table {title:?}"))
}

/// Asserts the body rows of a table, cell by cell.
fn assert_rows(t: &Table, expected: &[&[&str]]) {
    let got: Vec<Vec<&str>> = t.rows.iter().map(|r| texts(r)).collect();
    let want: Vec<Vec<&str>> = expected.iter().map(|r| r.to_vec()).collect();
    assert_eq!(got, want, "rows of {:?}", t.title);
}

fn value(c: &Cell) -> Option<f64> {
    c.quantity.as_ref().and_then(|q| q.value)
}

/// Every cell right of the label that has text holds a number (the tables below are all numeric).
fn assert_all_numeric(t: &Table) {
    for row in t.rows.iter().filter(|r| r.len() > 1) {
        for c in row.iter().skip(1).filter(|c| !c.text.is_empty()) {
            assert!(
                c.quantity.is_some(),
                "{:?}: {:?} has no quantity",
                t.title,
                c.text
            );
        }
    }
}

fn diagnostics<'a>(doc: &'a Document, code: &str) -> Vec<&'a str> {
    doc.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn plan_2026_has_its_four_budget_tables() {
    let doc = extract(PLAN_2026);
    let titles: Vec<Option<&str>> = doc.tables.iter().map(|t| t.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("4.3 Ekonomiska nyckeltal hälso- och sjukvård"),
            Some("4.4 Resultatbudget hälso- och sjukvård"),
            Some("4.5 Driftbudget hälso- och sjukvård"),
            Some("4.6 Investeringsbudget"),
        ]
    );
    for t in &doc.tables {
        assert_all_numeric(t);
        assert!(doc
            .slice(t.prov.span)
            .starts_with(t.title.as_deref().unwrap_or("")));
    }
}

#[test]
fn plan_2026_nyckeltal() {
    let doc = extract(PLAN_2026);
    let t = table(&doc, "4.3 Ekonomiska nyckeltal hälso- och sjukvård");
    assert_eq!(t.unit.as_deref(), Some("procent"));
    assert_eq!(
        texts(&t.header[0]),
        ["Procent", "Budget 2026", "Prognos 2025", "Budget 2025"]
    );
    assert_rows(
        t,
        &[
            &["Lönekostnadsökningstakt", "3,4", "5,4", "3,5"],
            &["Läkemedelskostnadsutveckling", "3,1", "1,2", "-0,7"],
        ],
    );
    assert_eq!(value(&t.rows[1][3]), Some(-0.7));
}

#[test]
fn plan_2026_resultatbudget_is_one_table_across_the_page_break() {
    let doc = extract(PLAN_2026);
    let t = table(&doc, "4.4 Resultatbudget hälso- och sjukvård");
    assert_eq!(t.unit.as_deref(), Some("mnkr"));
    assert_eq!(t.header.len(), 1);
    assert_eq!(
        texts(&t.header[0]),
        [
            "Belopp i mnkr",
            "Budget 2026",
            "Prognos 2025",
            "Budget 2025"
        ]
    );
    assert_rows(
        t,
        &[
            &["Verksamhetens intäkter", "", "", ""],
            &["Avgifter", "235,7", "221,7", "228,6"],
            &["Såld vård", "868,0", "843,1", "889,9"],
            &["Övriga intäkter", "2 451,7", "2 448,4", "2 433,5"],
            &["Summa intäkter", "3 555,4", "3 513,2", "3 552,0"],
            &["Verksamhetens kostnader", "", "", ""],
            &["Personalkostnader", "-6 975,0", "-6 662,6", "-6 649,7"],
            &["Köpt vård", "-470,0", "-454,4", "-465,3"],
            &["Hyrpersonal", "-135,7", "-140,0", "-115,7"],
            &["Läkemedel", "-1 317,5", "-1 315,2", "-1 317,5"],
            &["Övriga kostnader", "-2 909,1", "-3 207,6", "-3 059,2"],
            &["Avskrivningar, inventarier", "-194,5", "-180,0", "-189,7"],
            &["Avskrivningar, immateriella tillgångar", "-0,1", "-0,1", "-0,1"],
            &["Summa kostnader", "-12 001,9", "-11 959,9", "-11 797,2"],
            &["Verksamhetens nettokostnader", "-8 446,5", "-8 446,7", "-8 245,2"],
            &["Finansnetto", "-23,4", "-21,3", "-22,8"],
            &["Resultat *)", "-8 469,9", "-8 468,0", "-8 268,0"],
            &["*) Resultat budget 2026 ska överensstämma med nämndens budgetram från regionfullmäktige"],
        ],
    );
    assert_eq!(value(&t.rows[1][1]), Some(235.7));
    assert_eq!(value(&t.rows[3][1]), Some(2451.7));
    assert_eq!(value(&t.rows[6][1]), Some(-6975.0));
    assert_eq!(value(&t.rows[13][2]), Some(-11959.9));
    assert_eq!(value(&t.rows[16][3]), Some(-8268.0));
    assert_eq!(t.rows[17][0].col_span, 4);
    assert_eq!(diagnostics(&doc, "tables.repeated_header").len(), 1);
}

#[test]
fn plan_2026_driftbudget_has_a_two_level_header() {
    let doc = extract(PLAN_2026);
    let t = table(&doc, "4.5 Driftbudget hälso- och sjukvård");
    assert_eq!(
        texts(&t.header[0]),
        ["Belopp i mnkr", "Budget 2026", "Prognos 2025"]
    );
    let spans: Vec<u32> = t.header[0].iter().map(|c| c.col_span).collect();
    assert_eq!(spans, [1, 2, 2]);
    assert_eq!(
        texts(&t.header[1]),
        [
            "",
            "Omsättning",
            "Varav budgetram",
            "Omsättning",
            "Varav budgetram"
        ]
    );
    assert_rows(
        t,
        &[
            &[
                "Område nära vård",
                "-2 189,6",
                "-422,9",
                "-2 122,8",
                "-413,2",
            ],
            &[
                "Område specialiserad vård",
                "-8 019,4",
                "-6 942,0",
                "-7 717,8",
                "-6 641,3",
            ],
            &["Område psykiatri", "-989,5", "-930,0", "-930,6", "-873,8"],
            &[
                "Område forskning och utbildning",
                "-568,9",
                "-298,8",
                "-534,3",
                "-281,8",
            ],
            &[
                "Hälso- och sjukvårdsgemensamt",
                "-257,9",
                "123,8",
                "-475,7",
                "-57,9",
            ],
            &["Summa", "-12 025,3", "-8 469,9", "-11 781,2", "-8 268,0"],
        ],
    );
    assert_eq!(value(&t.rows[4][2]), Some(123.8));
}

#[test]
fn plan_2026_investeringsbudget_keeps_a_wrapped_label_whole() {
    let doc = extract(PLAN_2026);
    let t = table(&doc, "4.6 Investeringsbudget");
    assert_rows(
        t,
        &[
            &["Immateriella anläggningstillgångar", "1,0", "0,5", "2,1"],
            &["Byggnadsinvesteringar", "", "", ""],
            &["Medicinteknisk utrustning", "140,0", "150,0", "345,8"],
            &["It-utrustning", "", "", ""],
            &["Övrig utrustning", "40,0", "16,0", "49,4"],
            &[
                "Investeringsbidrag (konto 2322, minusbelopp)",
                "0,0",
                "-0,5",
                "0,0",
            ],
            &["Summa", "181,0", "166,0", "397,3"],
        ],
    );
}

#[test]
fn plan_2026_sums_add_up() {
    let doc = extract(PLAN_2026);
    assert!(diagnostics(&doc, "tables.sum_mismatch").is_empty());
    assert!(diagnostics(&doc, "tables.ambiguous_number").is_empty());
}

/// (goal, number, name starts with, outcome, target, long-term target, period)
type Styrtal<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
);

fn assert_indicators(doc: &Document, expected: &[Styrtal]) {
    let cell = |c: &Option<Cell>| c.as_ref().map(|c| c.text.clone());
    assert_eq!(doc.indicators.len(), expected.len(), "indicators");
    for (i, e) in doc.indicators.iter().zip(expected) {
        let (goal, number, name, outcome, target, long, period) = *e;
        assert_eq!(i.goal.as_deref(), Some(goal), "{name}");
        assert_eq!(i.number.as_deref(), Some(number), "{name}");
        assert!(i.name.starts_with(name), "{:?} vs {name:?}", i.name);
        assert_eq!(cell(&i.outcome).as_deref(), outcome, "{name}");
        assert_eq!(cell(&i.target).as_deref(), target, "{name}");
        assert_eq!(cell(&i.long_term_target).as_deref(), long, "{name}");
        assert_eq!(i.period.as_deref(), Some(period), "{name}");
    }
}

#[test]
fn plan_2026_styrtal_with_outcome_and_targets() {
    let doc = extract(PLAN_2026);
    let m1 = "Målsättning 1";
    let m6 = "Målsättning 6";
    let m7 = "Målsättning 7";
    let m9 = "Målsättning 9";
    assert_indicators(
        &doc,
        &[
            (
                m1,
                "1",
                "Kvalitetsindikatorer sjukvård.",
                Some("5 av 8"),
                Some("6 av 8"),
                Some("7 av 8"),
                "Hösten 2025",
            ),
            (
                m1,
                "2",
                "Patientrapporterade resultat cancervård",
                Some("87 %"),
                Some("90 %"),
                Some("95 %"),
                "2025",
            ),
            (
                m1,
                "3",
                "Vårdgaranti (exkl medicinsk vald väntan",
                None,
                None,
                None,
                "2023",
            ),
            (
                m1,
                "3 a",
                "Operation (< 90 dagar).",
                Some("56 %"),
                Some("65 %"),
                Some("100 %"),
                "2023",
            ),
            (
                m1,
                "3 b",
                "Barn- och ungdomspsykiatrin, första besök",
                Some("79 %"),
                Some("100 %"),
                Some("100 %"),
                "mars-juni 2025",
            ),
            (
                m1,
                "3 c",
                "Telefontillgängligheten i primärvård",
                Some("82 %"),
                Some("90 %"),
                Some("95 %"),
                "2023",
            ),
            (
                m6,
                "1",
                "Andel nationella och regionala kriterier",
                Some("89 %"),
                Some("95 %"),
                Some("98 %"),
                "2024",
            ),
            (
                m6,
                "2",
                "Egenfinansierad forskning per capita",
                Some("Plats 6 av 7"),
                Some("Plats 3 av 7"),
                Some("Plats 3 av 7"),
                "2023",
            ),
            (
                m6,
                "3",
                "Forskningsintensiv region per capita.",
                Some("10 av 21"),
                Some("9 av 21"),
                Some("8 av 21"),
                "2023",
            ),
            (
                m7,
                "1",
                "En hög andel av länets invånare",
                Some("95 %"),
                Some("95 %"),
                Some("96 %"),
                "2024",
            ),
            (
                m7,
                "2",
                "1177 inloggade e-tjänster, nöjda användare",
                Some("71 %"),
                Some("76 %"),
                Some("80 %"),
                "2024",
            ),
            (
                m7,
                "3 a",
                "Betyg vid digitala möten.",
                Some("3,7"),
                Some("3,8"),
                Some("3,9"),
                "2024",
            ),
            (
                m7,
                "3 b",
                "Betyg vid digitala möten.",
                Some("3,9"),
                Some("3,9"),
                Some("3,9"),
                "2024",
            ),
            (
                "Målsättning 8",
                "3",
                "Klimatpåverkan från produkter på klimatlistan",
                Some("1,4 ton koldioxidekvivalenter"),
                Some("-15 %"),
                Some("Beslutas i samband med revidering av Program för hållbar utveckling"),
                "2024",
            ),
            (
                m9,
                "1",
                "Hållbart medarbetarengagemang (HME)",
                Some("75%"),
                Some("77- 80"),
                Some("80%"),
                "2024",
            ),
            (
                m9,
                "2",
                "Systematiskt arbetsmiljöarbete (SAM)",
                Some("79%"),
                Some("90- 100 %"),
                Some("90-100%"),
                "2024",
            ),
            (
                m9,
                "3",
                "Sjukfrånvaron ska minska.",
                Some("6,6%"),
                Some("6,3- 6,1 %"),
                Some("6,0%"),
                "2024",
            ),
            (
                "Målsättning 10",
                "3",
                "Regionstyrelsens och nämndernas resultat",
                Some("-200 mnkr"),
                Some("-360 mnkr"),
                Some(">0 mnkr"),
                "Prognos budgetavvikelse 2025 per delår",
            ),
        ],
    );
}

fn find<'a>(doc: &'a Document, goal: &str, number: &str) -> &'a Indicator {
    doc.indicators
        .iter()
        .find(|i| i.goal.as_deref() == Some(goal) && i.number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("no styrtal {goal} {number}"))
}

#[test]
fn plan_2026_styrtal_values_are_parsed() {
    let doc = extract(PLAN_2026);
    let q = |c: &Option<Cell>| {
        c.as_ref()
            .and_then(|c| c.quantity.clone())
            .expect("quantity")
    };
    let kval = find(&doc, "Målsättning 1", "1");
    assert_eq!(
        (q(&kval.outcome).value, q(&kval.outcome).of),
        (Some(5.0), Some(8.0))
    );
    let plats = find(&doc, "Målsättning 6", "2");
    assert_eq!(q(&plats.target).value, Some(3.0));
    assert_eq!(q(&plats.target).of, Some(7.0));
    let hme = find(&doc, "Målsättning 9", "1");
    assert_eq!(
        (q(&hme.target).min, q(&hme.target).max),
        (Some(77.0), Some(80.0))
    );
    let sjuk = find(&doc, "Målsättning 9", "3");
    assert_eq!(q(&sjuk.outcome).value, Some(6.6));
    assert_eq!(q(&sjuk.outcome).unit.as_deref(), Some("%"));
    assert_eq!(
        (q(&sjuk.target).min, q(&sjuk.target).max),
        (Some(6.1), Some(6.3))
    );
    let klimat = find(&doc, "Målsättning 8", "3");
    assert_eq!(q(&klimat.outcome).value, Some(1.4));
    assert_eq!(
        q(&klimat.outcome).unit.as_deref(),
        Some("ton koldioxidekvivalenter")
    );
    assert_eq!(q(&klimat.target).value, Some(-15.0));
    assert!(klimat
        .long_term_target
        .as_ref()
        .is_some_and(|c| c.quantity.is_none()));
    let ekonomi = find(&doc, "Målsättning 10", "3");
    let over = q(&ekonomi.long_term_target);
    assert_eq!(over.comparator.as_deref(), Some(">"));
    assert_eq!(
        (over.value, over.unit.as_deref()),
        (Some(0.0), Some("mnkr"))
    );
    assert_eq!(q(&ekonomi.outcome).value, Some(-200.0));
    for i in &doc.indicators {
        assert!(doc
            .slice(i.prov.span)
            .starts_with(i.number.as_deref().unwrap_or("")));
    }
}

#[test]
fn report_2024_resultatrapport_with_five_value_columns() {
    let doc = extract(REPORT_2024);
    let t = table(&doc, "Resultatrapport");
    assert_eq!(t.unit.as_deref(), Some("mnkr"));
    assert_eq!(
        texts(&t.header[0]),
        [
            "Belopp i mnkr",
            "Utfall",
            "Budget",
            "Utfall fg år",
            "Budget- avvikelse",
            "Utfalls- avvikelse"
        ]
    );
    assert_rows(
        t,
        &[
            &["Avgifter", "227.0", "226.7", "213.2", "0.3", "13.7"],
            &["Såld vård", "827.3", "870.6", "818.9", "-43.3", "8.4"],
            &[
                "Övriga intäkter",
                "2 295.8",
                "2 401.2",
                "2 333.1",
                "-105.4",
                "-37.3",
            ],
            &[
                "Summa Intäkter",
                "3 350.1",
                "3 498.5",
                "3 365.2",
                "-148.3",
                "-15.1",
            ],
            &[
                "Personalkostnader",
                "-6 913.5",
                "-6 984.7",
                "-6 679.6",
                "71.1",
                "-234.0",
            ],
            &["Köpt vård", "-472.6", "-455.2", "-418.3", "-17.4", "-54.3"],
            &["Hyrläkare", "-158.9", "-105.2", "-220.8", "-53.7", "61.9"],
            &[
                "Läkemedel",
                "-1 299.3",
                "-1 296.1",
                "-1 251.2",
                "-3.2",
                "-48.1",
            ],
            &[
                "Övriga kostnader",
                "-3 211.0",
                "-2 889.9",
                "-3 053.7",
                "-321.1",
                "-157.3",
            ],
            &[
                "Avskrivningar, inventarier",
                "-179.9",
                "-186.1",
                "-169.2",
                "6.2",
                "-10.7",
            ],
            &[
                "Avskrivningar, immateriella tillgångar",
                "-0.1",
                "-2.1",
                "0.0",
                "2.0",
                "0.0",
            ],
            &[
                "Summa Kostnader",
                "-12 235.2",
                "-11 919.1",
                "-11 792.7",
                "-316.1",
                "-442.4",
            ],
            &[
                "Verksamhetens nettokostnad",
                "-8 885.1",
                "-8 420.7",
                "-8 427.5",
                "-464.4",
                "-457.6",
            ],
            &["Finansnetto", "-21.3", "-23.7", "-9.8", "2.3", "-11.5"],
            &[
                "Resultat", "-8 906.4", "-8 444.3", "-8 437.3", "-462.1", "-469.1",
            ],
        ],
    );
    assert_all_numeric(t);
    assert_eq!(value(&t.rows[0][1]), Some(227.0));
    assert_eq!(value(&t.rows[2][1]), Some(2295.8));
    assert_eq!(value(&t.rows[11][1]), Some(-12235.2));
}

#[test]
fn report_2024_drift_and_investment_tables() {
    let doc = extract(REPORT_2024);
    let t = table(&doc, "Driftredovisning hälso- och sjukvårdsnämnden");
    assert_eq!(
        texts(&t.header[0]),
        [
            "Belopp i mnkr",
            "Budgetavvikelse 2024",
            "Omsättning *) 2024",
            "Relation (%)",
            "Budgetavvikelse 2023"
        ]
    );
    assert_rows(
        t,
        &[
            &["Område nära vård", "-38,3", "-2 142,3", "1,8", "-86,8"],
            &[
                "Område specialiserad vård",
                "-82,9",
                "-7 812,5",
                "1,1",
                "-145,6",
            ],
            &["Område psykiatri", "6,3", "-952,7", "-0,7", "-32,4"],
            &[
                "Område forskning och utbildning",
                "-5,5",
                "-521,3",
                "1,1",
                "-13,5",
            ],
            &[
                "Hälso- och sjukvårdsgemensamt",
                "-341,7",
                "-365,8",
                "93,4",
                "-937,8",
            ],
            &["Resultat", "-462,1", "-11 794,6", "3,9", "-1 216,1"],
            &["*) Definition av omsättning är ackumulerade intäkter och ackumulerad budgetram."],
        ],
    );
    let inv = doc
        .tables
        .iter()
        .find(|t| t.header[0][0].text == "Investeringar brutto, mnkr")
        .expect("investment table");
    assert_eq!(inv.unit.as_deref(), Some("mnkr"));
    assert_rows(
        inv,
        &[
            &["Immateriella anläggningstillgångar", "-8.3", "19.4", "10.5"],
            &["Medicinteknisk utrustning", "113.8", "356.6", "193.2"],
            &["Övrig utrustning", "39.8", "104.9", "79.0"],
            &[
                "Investeringsbidrag (konto 2322, minusbelopp)",
                "-1.4",
                "0.0",
                "0.0",
            ],
            &["Summa", "143.8", "480.9", "282.8"],
        ],
    );
    let mt = table(&doc, "Hälso- och sjukvårdsnämnd");
    assert_eq!(
        texts(&mt.header[0]),
        ["(mnkr)", "Budget 2024", "Utfall 2024", "Status"]
    );
    assert_eq!(mt.rows.len(), 14);
    assert_eq!(
        texts(&mt.rows[0]),
        [
            "Linjäraccelerator till strålbehandlingen",
            "19,00",
            "0,0",
            "Meddelande om tilldelning publicerad."
        ]
    );
    assert_eq!(
        texts(&mt.rows[13]),
        [
            "Autoklaver ånga med in- och urlastare",
            "2,51",
            "0,0",
            "Avtal tecknat."
        ]
    );
    assert_eq!(value(&mt.rows[7][1]), Some(4.28));
    assert!(mt.rows[0][3].quantity.is_none());
}

#[test]
fn report_2024_handlingsplan_and_production_tables() {
    let doc = extract(REPORT_2024);
    let t = table(
        &doc,
        "Uppföljning av intäktsförstärkningar och kostnadsreduceringar enligt regionfullmäktiges verksamhetsplan med budget 2024.",
    );
    assert_eq!(
        texts(&t.header[0]),
        [
            "Handlingsplan",
            "Utfall 2024",
            "Prognos 2025",
            "Prognos 2026"
        ]
    );
    assert_rows(
        t,
        &[
            &[
                "Antal minskade årsarbetare, enligt avtalad tjänstgöringsgrad",
                "",
                "",
                "",
            ],
            &["Antal årsarbetare", "135", "120", "15"],
            &["Synliga effekter i ekonomin (mnkr)", "", "", ""],
            &["Intäkter", "39,0", "18,0", "21,0"],
            &["Hyrläkare", "43,7", "42,3", "1,4"],
            &["Personalkostnader", "148,8", "113,0", "35,8"],
            &["Övriga kostnader", "161,5", "121,7", "39,8"],
            &["Summa", "393,0", "295,0", "98,0"],
        ],
    );
    // The production tables lost their values in the source (Cosmic); only the relation column is filled.
    let op = table(&doc, "Operationer");
    assert_eq!(
        texts(&op.header[0]),
        [
            "",
            "Utfall 2024",
            "Utfall 2023",
            "Förändring",
            "Relation (%)"
        ]
    );
    assert_rows(
        op,
        &[
            &["Antal operationer", "", "", "", "-100"],
            &["Antal operationstimmar", "", "", "", "-100"],
        ],
    );
    for title in [
        "Läkarbesök",
        "Behandlingsbesök",
        "DRG-poäng (diagnosrelaterade grupper) i somatisk slutenvård",
        "Vårddagar i psykiatrisk slutenvård",
    ] {
        let t = table(&doc, title);
        assert_eq!(t.rows.len(), 1, "{title}");
        assert_eq!(value(&t.rows[0][4]), Some(-100.0), "{title}");
    }
    let vuxna = table(&doc, "Vårdplatssituationen i länet, vuxna");
    assert_eq!(vuxna.header[0].len(), 7);
    let labels: Vec<&str> = vuxna.rows.iter().map(|r| r[0].text.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Område specialiserad vård",
            "Område nära vård",
            "Totalt somatik",
            "Område psykiatri",
            "Totalt hälso- och sjukvård"
        ]
    );
    assert!(vuxna
        .rows
        .iter()
        .all(|r| r.len() == 7 && r[1..].iter().all(|c| c.text.is_empty())));
}

#[test]
fn report_2024_personnel_tables() {
    let doc = extract(REPORT_2024);
    let k = table(&doc, "Kostnadsanalys");
    assert_eq!(
        texts(&k.header[0]),
        [
            "Kategori",
            "Utfall",
            "Utfall fg år",
            "Förändring, mnkr",
            "Förändring %"
        ]
    );
    assert_rows(
        k,
        &[
            &["Månadslöner", "-2 971.7", "-2 896.8", "-74.9", "2.6"],
            &["Timanställda", "-104.1", "-103.9", "-0.2", "0.2"],
            &["Obekväm arbetstid", "-189.7", "-183.5", "-6.2", "3.4"],
            &["Övertid/mertid", "-105.9", "-139.1", "33.2", "-23.9"],
            &["Jour och beredskap", "-127.2", "-130.1", "2.9", "-2.3"],
            &[
                "Förändring skuld jour, beredskap och övertid",
                "-4.0",
                "5.5",
                "-9.6",
                "-172.7",
            ],
            &[
                "Semesterkostnad inkl. skuldförändring",
                "-538.4",
                "-531.9",
                "-6.5",
                "1.2",
            ],
            &["Sjuklön", "-71.2", "-75.3", "4.1", "-5.4"],
            &["Övrigt konto 40xx-41xx", "-282.4", "-303.2", "20.8", "-6.9"],
            &[
                "Totalt kontoklass 40-41",
                "-4 394.7",
                "-4 358.3",
                "-36.4",
                "0.8",
            ],
        ],
    );
    let p = table(&doc, "Personalkostnader");
    assert_rows(
        p,
        &[&[
            "Lönekostnad (40-41) (mnkr)",
            "-4 394.7",
            "-4 358.3",
            "0.8",
            "4.6",
        ]],
    );

    let e = table(&doc, "Extratid");
    assert_eq!(
        texts(&e.header[0]),
        [
            "Extratid",
            "Utfall jan - dec 2024",
            "Utfall jan - dec 2023",
            "Förändring"
        ]
    );
    assert_eq!(e.header[0][1].col_span, 3);
    assert_eq!(
        texts(&e.header[1]),
        [
            "i timmar", "Kvinnor", "Män", "Totalt", "Kvinnor", "Män", "Totalt", "Kvinnor", "Män",
            "Totalt"
        ]
    );
    assert_eq!(e.unit.as_deref(), Some("timmar"));
    assert_rows(
        e,
        &[
            &[
                "Timtid", "321 594", "114 363", "435 957", "316 978", "113 380", "430 358", "4616",
                "983", "5599",
            ],
            &[
                "Fyllnadstid",
                "47 380",
                "11 976",
                "59 356",
                "52 673",
                "12 371",
                "65 044",
                "-5293",
                "-395",
                "-5688",
            ],
            &[
                "Enkel övertid",
                "22 490",
                "5 188",
                "27 678",
                "27 622",
                "6 051",
                "33 673",
                "-5132",
                "-863",
                "-5995",
            ],
            &[
                "Kvalificerad övertid",
                "134 712",
                "38 892",
                "173 604",
                "180 308",
                "49 160",
                "229 468",
                "-45596",
                "-10268",
                "-55864",
            ],
            &[
                "Arbetad tid under jour o beredskap",
                "94 750",
                "119 554",
                "214 304",
                "97 121",
                "118 022",
                "215 143",
                "-2371",
                "1532",
                "-839",
            ],
        ],
    );
    assert_eq!(value(&e.rows[0][1]), Some(321594.0));
    assert_eq!(value(&e.rows[3][7]), Some(-45596.0));

    let s = table(&doc, "Sjukfrånvaro");
    assert_eq!(texts(&s.header[1])[0], "");
    assert_rows(
        s,
        &[
            &[
                "Sjukfrånvaro, korttidsfrånvaro %",
                "2,7",
                "2,0",
                "2,5",
                "2,8",
                "2,1",
                "2,7",
                "-0,2",
                "-0,1",
                "-0,1",
            ],
            &[
                "Sjukfrånvaro, långtidsfrånvaro %",
                "4,5",
                "2,1",
                "4,1",
                "4,3",
                "2,1",
                "3,9",
                "0,2",
                "0,0",
                "0,2",
            ],
            &[
                "Sjukfrånvaro totalt %",
                "7,2",
                "4,1",
                "6,6",
                "7,1",
                "4,2",
                "6,6",
                "0,1",
                "-0,1",
                "0,0",
            ],
        ],
    );

    let a = table(
        &doc,
        "Årsarbetare tillsvidareanställda avtalad sysselsättningsgrad",
    );
    assert_eq!(
        texts(&a.header[0]),
        [
            "Yrkesgrupp/ antal",
            "Antal årsarbetare per 31 dec 2024",
            "Antal årsarbetare per 31 dec 2023",
            "Förändring"
        ]
    );
    assert_eq!(a.rows.len(), 26);
    assert_eq!(
        texts(&a.rows[0]),
        [
            "Administratör",
            "138,3",
            "14,5",
            "152,8",
            "139,8",
            "8,5",
            "148,3",
            "-1,5",
            "6,0",
            "4,5"
        ]
    );
    assert_eq!(
        texts(&a.rows[24]),
        [
            "Summa", "6 673,0", "1 529,7", "8 202,6", "6 745,5", "1 526,4", "8 271,8", "-72,5",
            "3,1", "-69,3"
        ]
    );
    assert!(a.rows[25][0]
        .text
        .starts_with("Definition: Med årsarbetare avtalad"));
    assert_eq!(a.rows[25][0].col_span, 10);

    let f = table(
        &doc,
        "Årsarbetare, faktiskt arbetad tid (nettoarbetstid + extra tid (mertid, övertid))",
    );
    // The first row of this table has no occupational group in the source.
    assert_eq!(
        texts(&f.rows[0]),
        ["", "1,6", "3,8", "5,4", "3,5", "4,6", "8,1", "-2,0", "-0,7", "-2,7"]
    );
    assert_eq!(
        texts(&f.rows[25]),
        [
            "Summa", "5 012,0", "1 330,3", "6 342,2", "5 066,7", "1 334,0", "6 401,4", "-55,4",
            "-3,9", "-59,2"
        ]
    );
    let x = table(&doc, "Årsarbetare exklusive tjänstlediga");
    assert_eq!(texts(&x.header[1])[1], "Tills- vidare");
    assert_eq!(
        texts(&x.rows[24]),
        [
            "Summa", "7 265,5", "356,9", "7 622,0", "7 347,3", "379,2", "7 726,2", "-82,1",
            "-22,3", "-104,3"
        ]
    );
}

#[test]
fn report_2024_text_tables_and_follow_ups() {
    let doc = extract(REPORT_2024);
    assert_eq!(doc.tables.len(), 39);
    let k = doc
        .tables
        .iter()
        .find(|t| t.header[0].first().is_some_and(|c| c.text == "Område"))
        .expect("comment table");
    assert_eq!(texts(&k.header[0]), ["Område", "Kommentarer"]);
    assert_eq!(k.rows.len(), 6);
    assert_eq!(
        texts(&k.rows[5]),
        [
            "Hälso- och sjukvårdsgemens",
            "Förväntat resultat jämfört med budget, - 460 mnkr"
        ]
    );
    assert!(k.rows[5][1].quantity.is_none());
    // The internal control follow-ups: 19 risks, each with its actions and comments.
    let follow: Vec<&Table> = doc
        .tables
        .iter()
        .filter(|t| texts(&t.header[0]) == ["Status", "Åtgärd", "Kommentar"])
        .collect();
    assert_eq!(follow.len(), 19);
    let inkop = table(&doc, "Risken att inköp görs utanför avtal.");
    assert_eq!(inkop.rows.len(), 1);
    assert_eq!(
        inkop.rows[0][1].text,
        "Öka beställarkompetens samt tydliggöra och utveckla beställarorganisationen."
    );
    assert!(inkop.rows[0][2]
        .text
        .starts_with("Det görs stickprov på inköp av teknik och IT-artiklar"));
    let attest = table(
        &doc,
        "Risk att beställningar över 10 tkr inte beslutsattesteras i tid",
    );
    let actions: Vec<&str> = attest.rows.iter().map(|r| r[1].text.as_str()).collect();
    assert_eq!(
        actions,
        [
            "Öka antalet attestanter",
            "Inventera/lägg beställningar tidigare",
            "Avsätt tid för beslutsattestering på morgonen"
        ]
    );
}

#[test]
fn report_2024_sums_add_up() {
    let doc = extract(REPORT_2024);
    assert_eq!(diagnostics(&doc, "tables.sum_mismatch"), Vec::<&str>::new());
}

#[test]
fn report_2024_indicators_without_values() {
    let doc = extract(REPORT_2024);
    let expected: &[(&str, &str)] = &[
        (
            "Effektmål 1",
            "Förbättrade resultat i det förebyggande arbetet.",
        ),
        (
            "Effektmål 1",
            "Tillsammans med patienten/individen ska levnadsvanor",
        ),
        ("Effektmål 1", "Länets invånare deltar i hög utsträckning"),
        (
            "Effektmål 1",
            "Åtgärder finns insatta för att förbättra psykisk hälsa",
        ),
        ("Effektmål 2", "Goda medicinska resultat"),
        ("Effektmål 2", "Uppfyllelse av den nationella vårdgarantin."),
        ("Effektmål 2", "Återbesök inom planerad tid."),
        (
            "Effektmål 2",
            "Indikatorerna för målen under e-hälsa se effektmål 8.",
        ),
        (
            "Effektmål 2",
            "Fortsatt utveckling av den högspecialiserade vården.",
        ),
        ("Effektmål 2", "Fortsatt omställning till mer av nära vård"),
        ("Effektmål 2", "Proaktivt patientsäkerhetsarbete"),
        (
            "Effektmål 6",
            "Den kliniska forskningen ska vara fördubblad",
        ),
        ("Effektmål 6", "Forskningsanslag erhållna i nationell"),
        ("Effektmål 7", "Andel studenter, elever och medarbetare"),
        ("Effektmål 7", "Andel studenter som uppger"),
        (
            "Effektmål 8",
            "Ett fortsatt ökat utbud av digitala tjänster",
        ),
        (
            "Effektmål 8",
            "Förbättrad tillgänglighet i första linjens vård",
        ),
        ("Mål", "Bibehållen eller ökad andel av verksamheterna"),
        ("Mål", "Andel medarbetare med utbildningsuppdrag"),
        ("Mål", "Kunskapsstödsprocessen tillämpas"),
        ("Mål", "Ökad volym såld vård totalt."),
        ("Mål", "Framtagande av kompetensutvecklingsplaner"),
        ("Effektmål 9", "Hållbart medarbetarengagemang, HME"),
        (
            "Effektmål 9",
            "Verksamheterna arbetar med förbättringsåtgärder",
        ),
        ("Effektmål 9", "Jämställdhetsindex, Jämix"),
        ("Effektmål 9", "Frisktalet ska förbättras"),
        ("Effektmål 9", "Personalomsättningen externt ska redovisas."),
        (
            "Effektmål 9",
            "Region Örebro läns värdegrund ska efterlevas",
        ),
        (
            "Effektmål 10",
            "Styrelsen och nämnderna redovisar ett resultat i balans.",
        ),
        (
            "Effektmål 10",
            "Verksamheten har tillgång till relevanta (realtids)data",
        ),
    ];
    assert_indicator_names(&doc, expected);
    for i in &doc.indicators {
        assert!(i.outcome.is_none() && i.target.is_none() && i.long_term_target.is_none());
    }
    let omsattning = &doc.indicators[26];
    assert!(omsattning
        .comment
        .as_deref()
        .is_some_and(|c| c.starts_with("Under 2024 slutade 578 av 8319 tillsvidareanställda")));
    assert_eq!(
        doc.indicators[28].comment.as_deref(),
        Some("Se sammanfattande analys i avsnitt 4 Ekonomi.")
    );
    // A row that only points elsewhere has no comment of its own.
    assert_eq!(doc.indicators[7].comment, None);
}

fn assert_indicator_names(doc: &Document, expected: &[(&str, &str)]) {
    let got: Vec<(Option<&str>, &str)> = doc
        .indicators
        .iter()
        .map(|i| (i.goal.as_deref(), i.name.as_str()))
        .collect();
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((goal, name), (want_goal, start)) in got.iter().zip(expected) {
        assert_eq!(*goal, Some(*want_goal), "{name}");
        assert!(
            name.starts_with(start),
            "{name:?} does not start with {start:?}"
        );
    }
}

#[test]
fn plan_2024_ocr_indicator_lists() {
    let doc = extract(PLAN_2024_OCR);
    assert!(doc.tables.is_empty());
    let expected: &[(&str, &str)] = &[
        ("Effektmål 1", "Fodrbattrade resultat i det forebyggande arbetet"),
        ("Effektmål 1", "Tillsammans med patienten/individen ska levnadsvanor"),
        ("Effektmål 1", "Lanets invanare deltar i hdg utstrackning"),
        ("Effektmål 1", "Atgarder finns insatta for att férbattra psykisk halsa"),
        ("Effektmål 2", "Goda medicinska resultat som uppnar"),
        ("Effektmål 2", "Uppfyllelse av den statliga vardgarantin"),
        ("Effektmål 2", "Aterbesok inom planerad tid"),
        ("Effektmål 2", "Indikatorerna for inriktningsmalen under e-halsa, se effektmal 8"),
        ("Effektmål 2", "Proaktivt patientsakerhetsarbete samt uppfdljning av tillbud och negativa handelser"),
        ("Effektmål 2", "Fortsatt utveckling av den hégspecialiserade varden"),
        ("Effektmål 2", "Fortsatt omstallning till mer av nara vard bade internt och i samverkan med lanets kommuner"),
        ("Effektmål 6", "Den kliniska forskningen ska vara férdubblad"),
        ("Effektmål 6", "Forskningsanslag erhallna i nationell"),
        ("Effektmål 7", "Andel studenter, elever och medarbetare"),
        ("Effektmål 7", "Andel studenter som uppger"),
        ("Effektmål 8", "Ett fortsatt 6kat utbud av digitala tjanster"),
        ("Effektmål 8", "Forbattrad tillganglighet i forsta linjens sjukvard"),
        ("Mål", "Bibehallen eller 6kad andel"),
        ("Mål", "Andel medarbetare med utbildningsuppdrag med grundutbildning i klinisk handledning ska uppga till > 90 %"),
        ("Mål", "Kunskapsstddsprocessen tillampas"),
        ("Mål", "Verksamheten har tillgang till relevanta (realtids)data fér analys och uppf6ljning."),
        ("Mål", "Okad sald vard totalt."),
        ("Mål", "Framtagande av kompetensutvecklingsplaner"),
        ("Effektmål 9", "Hallbart medarbetarengagemang, HME, ska ligga pa en hog niva i intervallet 77 -80 for totalt HME."),
        ("Effektmål 9", "Verksamheterna arbetar med forbattringsatgarder"),
        ("Effektmål 9", "Attraktiv arbetsgivarindex, AVI"),
        ("Effektmål 9", "Jamstalldhetsindex, Jamix"),
        ("Effektmål 9", "Frisktalet ska forbattras"),
        ("Effektmål 9", "Personalomsattning, externt ska redovisas. Det ska minska"),
        ("Effektmål 9", "Region Orebro l&ns vardegrund ska efterlevas"),
        ("Effektmål 10", "Styrelsen och namnderna redovisar ett resultat i balans."),
        ("Effektmål 10", "Verksamheten har tillgang till relevanta (realtids)data samt har kunskap"),
    ];
    assert_indicator_names(&doc, expected);
    assert!(doc.indicators[31].name.ends_with("éverenskomna uppdrag."));
}

#[test]
fn every_seed_validates_against_the_schema_with_tables_and_indicators() {
    for rel in [PLAN_2026, PLAN_2024_OCR, REPORT_2024] {
        let doc = extract(rel);
        let json: serde_json::Value =
            serde_json::from_str(&styrdok::emit::to_json(&doc)).expect("json");
        assert!(json["indicators"].as_array().is_some_and(|a| !a.is_empty()));
        let mut ids: Vec<&str> = doc.tables.iter().map(|t| t.id.as_str()).collect();
        ids.extend(doc.indicators.iter().map(|i| i.id.as_str()));
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{rel}: table and indicator ids are unique");
        styrdok::emit::schema::validate(styrdok::emit::schema::SchemaKind::Document, &json)
            .unwrap_or_else(|e| panic!("{rel}: {e:?}"));
    }
}

#[test]
fn native_tables_get_their_numbers_parsed_and_checked() {
    use styrdok::model::Provenance;
    use styrdok::tables::{tables, TableOptions};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.txt");
    std::fs::write(&path, "Verksamhetsplan 2026\n\nEn rad text.\n").expect("write");
    let mut doc = styrdok::pipeline::extract_path(&path, &Default::default()).expect("extract");
    let row = |cells: &[&str]| cells.iter().map(|t| Cell::text(*t)).collect::<Vec<_>>();
    // As a DOCX or PDF ingester hands a table over: text only, no quantities.
    doc.tables = vec![Table {
        id: "t-native".into(),
        title: Some("Resultatbudget".into()),
        unit: Some("mnkr".into()),
        header: vec![row(&["Belopp i mnkr", "Budget 2026", "Prognos 2025"])],
        rows: vec![
            row(&["Avgifter", "235,7", "221,7"]),
            row(&["Såld vård", "868,0", "843,1"]),
            row(&["Summa intäkter", "1 103,7", "1 000,0"]),
            row(&["Status", "Avtal tecknat.", "1.250"]),
        ],
        prov: Provenance::default(),
    }];
    let doc = tables(doc, &TableOptions::default());
    let t = &doc.tables[0];
    assert_eq!(value(&t.rows[0][1]), Some(235.7));
    assert_eq!(value(&t.rows[2][1]), Some(1103.7));
    assert!(t.rows[3][1].quantity.is_none());
    // "1.250" could be 1250 or 1,25: no value, and a diagnostic says why.
    assert!(t.rows[3][2].quantity.is_none());
    assert_eq!(diagnostics(&doc, "tables.ambiguous_number").len(), 1);
    // 221,7 + 843,1 = 1 064,8, not 1 000,0; the first column adds up.
    let mismatch = diagnostics(&doc, "tables.sum_mismatch");
    assert_eq!(mismatch.len(), 1, "{mismatch:?}");
    assert!(mismatch[0].contains("Prognos 2025") && mismatch[0].contains("1064.80"));
}

#[test]
fn run_writes_each_table_as_csv() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture(PLAN_2026), input.path().join("plan.txt")).expect("copy");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .arg("run")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .arg("--table-files")
        .status()
        .expect("runs");
    assert!(status.success());
    // The dataset writes each table as tables/<document>-<table>.csv with one header line.
    let csvs: Vec<String> = std::fs::read_dir(out.path().join("tables"))
        .expect("tables folder")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("csv"))
        .collect();
    assert_eq!(csvs.len(), 4, "{csvs:?}");
    let find = |first_row: &str| {
        csvs.iter()
            .find(|c| c.lines().nth(1).is_some_and(|l| l.starts_with(first_row)))
            .unwrap_or_else(|| panic!("no table starting with {first_row}"))
    };
    let resultat: Vec<&str> = find("Verksamhetens intäkter").lines().collect();
    assert_eq!(
        resultat[0],
        "Belopp i mnkr,Budget 2026,Prognos 2025,Budget 2025"
    );
    assert_eq!(resultat[1], "Verksamhetens intäkter,,,");
    assert_eq!(
        resultat[4],
        "Övriga intäkter,\"2 451,7\",\"2 448,4\",\"2 433,5\""
    );
    assert_eq!(
        resultat[17],
        "Resultat *),\"-8 469,9\",\"-8 468,0\",\"-8 268,0\""
    );
    let drift = find("Område nära vård");
    assert!(drift.starts_with(
        "Belopp i mnkr,Budget 2026 / Omsättning,Budget 2026 / Varav budgetram,Prognos 2025 / Omsättning,Prognos 2025 / Varav budgetram\n"
    ), "{drift}");
}
