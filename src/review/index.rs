//! The review's index page: how the run went (from `run-report.json`) and one row per document with
//! what was found in it, so the documents that need a look (not linked, many flagged repairs,
//! leftover words, warnings) stand out.

use super::html::{esc, or_dash};
use crate::model::{Document, Severity};
use std::fmt::Write;

/// What the index says about one document.
pub struct Row {
    pub id: String,
    source: String,
    format: &'static str,
    kind: Option<String>,
    year: Option<i32>,
    organisation: Option<String>,
    linked: bool,
    uppdrag: usize,
    goals: usize,
    tables: usize,
    repairs_made: usize,
    repairs_flagged: usize,
    leftovers: usize,
    warnings: usize,
    links: usize,
    candidates: usize,
    corrections: usize,
}

impl Row {
    pub fn of(doc: &Document, links: usize, candidates: usize, corrections: usize) -> Row {
        let made = doc.repairs.iter().filter(|r| r.applied).count();
        Row {
            id: doc.id.clone(),
            source: doc.source.path.clone(),
            format: doc.source.format.as_str(),
            kind: doc.metadata.kind.map(|k| k.name().to_string()),
            year: doc.metadata.year,
            organisation: doc.metadata.organisation.clone(),
            linked: crate::link::placeable(doc),
            uppdrag: doc.uppdrag.len(),
            goals: doc.goals.len(),
            tables: doc.tables.len(),
            repairs_made: made,
            repairs_flagged: doc.repairs.len() - made,
            leftovers: super::leftover_words(&doc.text).len(),
            warnings: doc
                .diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
                .count(),
            links,
            candidates,
            corrections,
        }
    }
}

/// The index page's body.
pub fn body(
    rows: &[Row],
    report: Option<&serde_json::Value>,
    unreadable: &[(String, String)],
) -> String {
    let mut out = String::from("<h1>styrdok review</h1>\n");
    run_summary(&mut out, report);
    let _ = writeln!(
        out,
        "<section id=\"documents\"><h2>Documents ({})</h2><table id=\"document-list\">\
         <tr><th>document</th><th>format</th><th>kind</th><th>year</th><th>organisation</th><th>linked</th>\
         <th>uppdrag</th><th>goals</th><th>tables</th><th>repairs made</th><th>flagged</th><th>leftover words</th>\
         <th>warnings</th><th>links</th><th>near misses</th><th>corrections</th></tr>",
        rows.len()
    );
    for r in rows {
        let linked = if r.linked {
            "yes".to_string()
        } else {
            "<span class=\"warning\">no</span>".to_string()
        };
        let _ = writeln!(
            out,
            "<tr class=\"document\"><td><a href=\"{}.html\">{}</a><br><span class=\"dim\">{}</span></td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{linked}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&r.id),
            esc(&r.source),
            esc(&r.id),
            r.format,
            or_dash(r.kind.as_deref()),
            or_dash(r.year.map(|y| y.to_string()).as_deref()),
            or_dash(r.organisation.as_deref()),
            r.uppdrag,
            r.goals,
            r.tables,
            r.repairs_made,
            r.repairs_flagged,
            r.leftovers,
            r.warnings,
            r.links,
            r.candidates,
            r.corrections,
        );
    }
    let _ = writeln!(out, "</table></section>");
    if !unreadable.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"unreadable\"><h2>Unreadable document files</h2><ul>"
        );
        for (file, reason) in unreadable {
            let _ = writeln!(
                out,
                "<li class=\"error\">{}: {}</li>",
                esc(file),
                esc(reason)
            );
        }
        let _ = writeln!(out, "</ul></section>");
    }
    out
}

/// The run's status, counts, warnings and failures, as far as the report has them.
fn run_summary(out: &mut String, report: Option<&serde_json::Value>) {
    let Some(r) = report else {
        let _ = writeln!(
            out,
            "<section id=\"run\"><p class=\"dim\">No run-report.json in this folder.</p></section>"
        );
        return;
    };
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let _ = writeln!(
        out,
        "<section id=\"run\"><h2>Run</h2><table><tr><th>status</th><td class=\"status\">{}</td></tr>\
         <tr><th>started</th><td>{}</td></tr><tr><th>finished</th><td>{}</td></tr><tr><th>input</th><td>{}</td></tr>",
        esc(&text(&r["status"])),
        esc(&text(&r["started_at"])),
        esc(&text(&r["finished_at"])),
        esc(&text(&r["input"])),
    );
    if let Some(counts) = r["counts"].as_object() {
        for (k, v) in counts {
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(k),
                esc(&text(v))
            );
        }
    }
    let _ = writeln!(out, "</table>");
    let list = |out: &mut String, key: &str, heading: &str, class: &str| {
        let items = r[key].as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "<h3>{heading} ({})</h3><ul id=\"{key}\">", items.len());
        for item in &items {
            let line = match item {
                serde_json::Value::Object(o) => o
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| format!("{k}: {}", text(v)))
                    .collect::<Vec<_>>()
                    .join("; "),
                other => text(other),
            };
            let _ = writeln!(out, "<li class=\"{class}\">{}</li>", esc(&line));
        }
        let _ = writeln!(out, "</ul>");
    };
    list(out, "warnings", "Warnings", "warning");
    list(out, "failures", "Failures", "error");
    list(out, "notes", "Notes", "dim");
    let _ = writeln!(out, "</section>");
}
