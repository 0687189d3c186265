//! What the data package says about each column beyond its name and type: a description, the values
//! an enumerated column can take, and the foreign keys that join the files, so that a researcher (or
//! `frictionless validate`) knows what every column means and how the files fit together.

use serde_json::{json, Value};

/// The description of a column of one of the dataset's fixed files; `None` for per-table files.
pub(super) fn description(path: &str, column: &str) -> Option<&'static str> {
    let common = match column {
        "document" => Some("Document id: the first 16 hex digits of the SHA-256 of the source file; documents/<id>.json holds the whole extraction."),
        "source" => Some("Path of the source file, as the run found it."),
        "year" => Some("The year a plan is for, or a report covers, as the document states it (or a correction sets it)."),
        "kind" => Some("plan (verksamhetsplan), report (verksamhetsberättelse, årsredovisning), interim_report (delårsrapport), other."),
        "uppdrag" if path != "documents.csv" && path != "goals.csv" => Some("The uppdrag occurrence's id, stable across runs: derived from the document id and the key."),
        "key" if path != "goals.csv" => Some("The uppdrag's normalized key: 'Nr 10', 'HS nr 1', 'Ber nr 4', 'Nr 3a', 'Nr 3-8'."),
        "page" => Some("1-based page number, when the format knows pages."),
        "text" => Some("Text after repair (å/ä/ö restored, OCR confusions undone), whitespace collapsed."),
        "text_raw" => Some("Text as in the source, whitespace collapsed."),
        _ => None,
    };
    let specific = match (path, column) {
        ("uppdrag.csv", "lineage_id") => "The lineage the occurrence belongs to (for a range follow-up that belongs to several: the first).",
        ("uppdrag.csv", "lineage_ids") => "Every lineage the occurrence belongs to, separated by ';' (more than one only for a range such as 'Nr 3-8').",
        ("uppdrag.csv", "series") => "'' for the plain Nr series, 'HS', 'Ber'.",
        ("uppdrag.csv", "number") => "The uppdrag's number (the first of a range).",
        ("uppdrag.csv", "number_end") => "The last number of a range such as 'Nr 3 - 8'.",
        ("uppdrag.csv", "sub") => "The letter of a sub-item ('a' in 'Nr 3a').",
        ("uppdrag.csv", "parent") => "Key of the numbered uppdrag a sub-item stands under.",
        ("uppdrag.csv", "issuer") => "Who gives the uppdrag, when the text says.",
        ("uppdrag.csv", "recipient") => "Who receives the uppdrag ('Uppdrag till Hälso- och sjukvårdsförvaltningen').",
        ("uppdrag.csv", "goal") => "Key of the goal the uppdrag stands under (goals.csv key).",
        ("uppdrag.csv", "status") => "In reports: how far the follow-up comment says the uppdrag has come; statuses.csv has the words it was read from.",
        ("uppdrag.csv", "comment") => "In reports: the follow-up comment, repaired.",
        ("uppdrag.csv", "comment_raw") => "The follow-up comment as written.",
        ("goal_links.csv", "from_key") => "The from side's goal key ('Effektmål 1', 'Målsättning 6', 'Mål').",
        ("goal_links.csv", "from_goal") => "The from side's goal id (goals.csv goal).",
        ("goal_links.csv", "to_key") => "The to side's goal key.",
        ("goal_links.csv", "to_goal") => "The to side's goal id (goals.csv goal).",
        ("goal_links.csv", "relation") => "follow_up: a plan's goal → the same goal in the report of the same year; continuation: an earlier year's goal → the later plan's; same_assignment: the same goal in two documents of one year.",
        ("goal_links.csv", "score") => "For method text: round(text_score + number_weight, 4); identical: 1.",
        ("goal_links.csv", "method") => "text (scored as uppdrag are, assigned one-to-one), identical (a document repeating another word for word).",
        ("goal_links.csv", "number") => "same: both goals are numbered and the numbers agree (Effektmål nr 9, Målsättning nr 9); different.",
        ("goal_links.csv", "shared_rare_terms") => "The shared words, rarest first, separated by ';'.",
        ("goal_links.csv", "reference") => "Always empty: goals are linked by their words only (kept so the columns are those of links.csv).",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "from_document") => "The from side's document id (the plan of a follow-up, the earlier year of a continuation).",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "from_year") => "The from side's year.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "from_kind") => "The from side's kind: plan, report, interim_report, other.",
        ("links.csv" | "candidates.csv", "from_key") => "The from side's uppdrag key.",
        ("links.csv" | "candidates.csv", "from_uppdrag") => "The from side's uppdrag id (uppdrag.csv uppdrag).",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "to_document") => "The to side's document id.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "to_year") => "The to side's year.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "to_kind") => "The to side's kind: plan, report, interim_report, other.",
        ("links.csv" | "candidates.csv", "to_key") => "The to side's uppdrag key.",
        ("links.csv" | "candidates.csv", "to_uppdrag") => "The to side's uppdrag id (uppdrag.csv uppdrag).",
        ("links.csv" | "candidates.csv", "relation") => "follow_up: plan → report of the same year; continuation: an earlier year → the later plan; same_assignment: the same uppdrag in two documents of one year.",
        ("links.csv" | "candidates.csv", "score") => "For method text: round(text_score + number_weight, 4). range: that, at least 0.35; reference, identical, correction: 1.",
        ("links.csv" | "candidates.csv", "method") => "text (scored, assigned one-to-one), range (a report's range following up each uppdrag it covers), reference (the later uppdrag names the earlier), identical (a document repeating another word for word), correction (forced by the corrections file).",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "weighted_similarity") => "Cosine of the rarity-weighted (IDF) token sets with soft word matching, 0–1.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "weighted_overlap") => "Rarity-weighted overlap coefficient: weight of the shared words over the weight of the shorter text's words, 0–1.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "token_jaccard") => "Jaccard of the token sets, 0–1 (not part of the score).",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "dice") => "Sørensen–Dice over character bigrams of the folded texts, 0–1.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "levenshtein") => "Normalized Levenshtein similarity of the folded texts, 0–1 (not part of the score).",
        ("links.csv" | "candidates.csv", "number") => "same: same series, number and sub-item; in_range: one lies in the other's range; different.",
        ("links.csv" | "candidates.csv", "shared_rare_terms") => "The shared words, rarest first, separated by ';'.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "abbreviations") => "Abbreviations that bridged the texts ('USÖ = Universitetssjukhuset Örebro'), separated by ';'.",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "text_score") => "0.45 × weighted_similarity + 0.35 × weighted_overlap + 0.2 × dice (unrounded).",
        ("links.csv" | "candidates.csv" | "goal_links.csv", "number_weight") => "What equal numbers add: 0.35 within a year, 0.05 across years (continuation), else 0.",
        ("links.csv" | "candidates.csv", "reference") => "For method reference: the words of the later uppdrag that name the earlier one.",
        ("candidates.csv", "threshold") => "The relation's threshold: 0.35 follow_up, 0.38 continuation, 0.45 same_assignment.",
        ("candidates.csv", "margin") => "score − threshold: negative below the threshold.",
        ("candidates.csv", "reason") => "below_threshold, or one_to_one: above the threshold but one of the two was linked to a better partner.",
        ("lineage_members.csv", "lineage_id") => "The lineage: 'l-' + a hash of its earliest member's uppdrag id.",
        ("lineage_members.csv", "position") => "Order within the lineage: by year, plan before reports.",
        ("lineage_members.csv", "shared") => "True for a range follow-up ('Nr 3-8') that is a member of several lineages.",
        ("table_cells.csv", "table") => "The table's id within the document.",
        ("table_cells.csv", "title") => "The table's caption.",
        ("table_cells.csv", "unit") => "The table's unit ('mnkr', 'tkr', '%'), when stated.",
        ("table_cells.csv", "part") => "header or body.",
        ("table_cells.csv", "row") => "0-based row within the part.",
        ("table_cells.csv", "col") => "0-based column.",
        ("table_cells.csv", "text") => "The cell as written.",
        ("table_cells.csv", "value") => "The number the cell holds, parsed from Swedish notation ('-6 975,0' → -6975).",
        ("table_cells.csv", "quantity_unit") => "The unit written with the number.",
        ("table_cells.csv", "min") => "Lower end of a range ('77- 80').",
        ("table_cells.csv", "max") => "Upper end of a range.",
        ("table_cells.csv", "of") => "Denominator of '5 av 8'.",
        ("table_cells.csv", "comparator") => "Comparison such as '>' in '> 0 mnkr'.",
        ("documents.csv", "sha256") => "SHA-256 of the source file.",
        ("documents.csv", "format") => "The input format, detected from content.",
        ("documents.csv", "bytes") => "Size of the source file.",
        ("documents.csv", "pages") => "Pages (0 for formats without pages).",
        ("documents.csv", "title") => "The title as the document states it.",
        ("documents.csv", "organisation") => "The issuing organisation ('Region Örebro län').",
        ("documents.csv", "body") => "The issuing body ('Hälso- och sjukvårdsnämnden').",
        ("documents.csv", "diarienummer") => "The registration number, when stated.",
        ("documents.csv", "linked") => "Whether the linker places the document (it has a year and is a plan or report); false: its uppdrag are not linked.",
        ("documents.csv", "uppdrag") => "Number of uppdrag found.",
        ("documents.csv", "goals") => "Number of goals found.",
        ("documents.csv", "repairs_applied") => "Repairs made.",
        ("documents.csv", "repairs_flagged") => "Repairs proposed below the threshold and not made.",
        ("documents.csv", "ocr_words") => "Words recognised by OCR.",
        ("goals.csv", "goal") => "The goal's id.",
        ("goals.csv", "key") => "Normalized key: 'Målsättning 1', 'Effektmål 9', 'Mål'.",
        ("goals.csv", "label") => "The word the document uses: Målsättning, Effektmål, Mål.",
        ("goals.csv", "number") => "The goal's number.",
        ("goals.csv", "uppdrag") => "Number of uppdrag of the document under this goal (uppdrag.csv goal = key).",
        ("repairs.csv", "start") => "Byte offset of the word in the document's normalized text (documents/<id>.json text).",
        ("repairs.csv", "end") => "End of the word (exclusive).",
        ("repairs.csv", "original") => "The word as written.",
        ("repairs.csv", "replacement") => "The repaired word.",
        ("repairs.csv", "rule") => "diacritics, letters, ocr, corpus_acronym, dehyphenate, … (see docs/repair.md, Rule ids).",
        ("repairs.csv", "confidence") => "How sure the rule is, 0–1.",
        ("repairs.csv", "applied") => "False: below the threshold, flagged for a person and not made.",
        ("indicators.csv", "indicator") => "The indicator's id, stable across runs.",
        ("indicators.csv", "goal") => "Key of the goal it measures.",
        ("indicators.csv", "number") => "Its number in the goal's list ('3 a').",
        ("indicators.csv", "name") => "The indicator's wording.",
        ("indicators.csv", "outcome") => "The latest outcome (Utfall) as written.",
        ("indicators.csv", "outcome_value") => "The outcome parsed.",
        ("indicators.csv", "period") => "The period of the outcome ('2024').",
        ("indicators.csv", "target") => "This year's target (Årets målvärde) as written.",
        ("indicators.csv", "target_value") => "The target parsed.",
        ("indicators.csv", "long_term_target") => "The long-term target as written.",
        ("indicators.csv", "long_term_target_value") => "The long-term target parsed.",
        ("indicators.csv", "unit") => "The unit of the first parsed value that has one.",
        ("indicators.csv", "comment") => "The follow-up comment, in reports.",
        ("statuses.csv", "item") => "What the status is for: the uppdrag's own key, or a sub-item named in a range's comment ('Nr 3b' in the comment on 'Nr 3-8').",
        ("statuses.csv", "status") => "completed, in_progress, multi_year, not_started.",
        ("statuses.csv", "evidence") => "The words of the comment the status was read from ('är flerårigt', 'är presenterade och beslutade').",
        ("statuses.csv", "source") => "comment: the uppdrag's own status; range_comment: a sub-item named in a range's comment, in a sentence stating a status.",
        _ => "",
    };
    if specific.is_empty() {
        common
    } else {
        Some(specific)
    }
}

/// The values an enumerated column takes.
pub(super) fn values(path: &str, column: &str) -> Option<&'static [&'static str]> {
    const KINDS: &[&str] = &["plan", "report", "interim_report", "other"];
    const RELATIONS: &[&str] = &["follow_up", "continuation", "same_assignment"];
    const STATUSES: &[&str] = &["completed", "in_progress", "multi_year", "not_started"];
    match (path, column) {
        (_, "kind" | "from_kind" | "to_kind") => Some(KINDS),
        ("links.csv" | "candidates.csv" | "goal_links.csv", "relation") => Some(RELATIONS),
        ("goal_links.csv", "method") => Some(&["text", "identical"]),
        ("goal_links.csv", "number") => Some(&["same", "different"]),
        ("links.csv", "method") => Some(&["text", "range", "reference", "identical", "correction"]),
        ("candidates.csv", "method") => Some(&["text"]),
        ("links.csv" | "candidates.csv", "number") => Some(&["same", "in_range", "different"]),
        ("candidates.csv", "reason") => Some(&["below_threshold", "one_to_one"]),
        ("uppdrag.csv" | "statuses.csv", "status") => Some(STATUSES),
        ("statuses.csv", "source") => Some(&["comment", "range_comment"]),
        ("table_cells.csv", "part") => Some(&["header", "body"]),
        ("documents.csv", "format") => Some(&["text", "pdf", "docx", "image"]),
        _ => None,
    }
}

/// The foreign keys of a fixed file, as the data package writes them.
pub(super) fn foreign_keys(path: &str) -> Value {
    let to_documents = |field: &str| json!({"fields": field, "reference": {"resource": "documents", "fields": "document"}});
    let to_goal = |document: &str, goal: &str| json!({"fields": [document, goal], "reference": {"resource": "goals", "fields": ["document", "goal"]}});
    let to_uppdrag = |document: &str, uppdrag: &str| json!({"fields": [document, uppdrag], "reference": {"resource": "uppdrag", "fields": ["document", "uppdrag"]}});
    match path {
        "uppdrag.csv" | "table_cells.csv" | "goals.csv" | "repairs.csv" | "indicators.csv" => {
            json!([to_documents("document")])
        }
        "statuses.csv" => json!([to_uppdrag("document", "uppdrag")]),
        "lineage_members.csv" => json!([to_uppdrag("document", "uppdrag")]),
        "links.csv" | "candidates.csv" => json!([
            to_uppdrag("from_document", "from_uppdrag"),
            to_uppdrag("to_document", "to_uppdrag")
        ]),
        "goal_links.csv" => json!([
            to_goal("from_document", "from_goal"),
            to_goal("to_document", "to_goal")
        ]),
        _ => json!([]),
    }
}
