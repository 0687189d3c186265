//! One document's review page: where it came from, what was detected, its uppdrag and goals with the
//! text as written beside the repaired text, every repair in its context, the tables, the links and
//! near misses with their evidence, and the diagnostics.

use super::html::{esc, or_dash};
use super::{leftover_words, Linkage};
use crate::link::{Candidate, Endpoint, Link};
use crate::model::{Cell, Document, Repair, Span};
use std::fmt::Write;

/// Characters of context shown on each side of a repair.
const CONTEXT: usize = 40;

/// Which side of the raw/repaired pair a text is rendered for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Raw,
    Repaired,
}

/// The HTML of a document's page (without the frame).
pub fn body(doc: &Document, linkage: &Linkage, corrections: &[String]) -> String {
    let mut out = String::new();
    let title = doc.metadata.title.as_deref().unwrap_or(&doc.source.path);
    let _ = writeln!(out, "<h1>{}</h1>", esc(title));
    source(&mut out, doc);
    metadata(&mut out, doc);
    if !corrections.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"corrections\"><h2>Corrections applied</h2><ul>"
        );
        for c in corrections {
            let _ = writeln!(out, "<li>{}</li>", esc(c));
        }
        let _ = writeln!(out, "</ul></section>");
    }
    uppdrag(&mut out, doc);
    goals(&mut out, doc, linkage);
    repairs(&mut out, doc);
    leftovers(&mut out, doc);
    tables(&mut out, doc);
    links(&mut out, doc, linkage);
    diagnostics(&mut out, doc);
    out
}

fn source(out: &mut String, doc: &Document) {
    let s = &doc.source;
    let _ = writeln!(
        out,
        "<section id=\"source\"><h2>Source</h2><table>\
         <tr><th>file</th><td>{}</td></tr><tr><th>document id</th><td>{}</td></tr>\
         <tr><th>format</th><td>{}</td></tr><tr><th>bytes</th><td>{}</td></tr>\
         <tr><th>SHA-256</th><td>{}</td></tr><tr><th>pages</th><td>{}</td></tr>\
         <tr><th>OCR'd words</th><td>{}</td></tr></table></section>",
        esc(&s.path),
        esc(&doc.id),
        s.format.as_str(),
        s.bytes,
        esc(&s.sha256),
        doc.pages.len(),
        doc.ocr_words.len()
    );
}

fn metadata(out: &mut String, doc: &Document) {
    let m = &doc.metadata;
    let kind = m.kind.map(|k| k.name().to_string());
    let _ = writeln!(
        out,
        "<section id=\"metadata\"><h2>Detected</h2><table>\
         <tr><th>kind</th><td class=\"kind\">{}</td></tr><tr><th>year</th><td class=\"year\">{}</td></tr>\
         <tr><th>organisation</th><td class=\"organisation\">{}</td></tr><tr><th>body</th><td>{}</td></tr>\
         <tr><th>title</th><td>{}</td></tr><tr><th>diarienummer</th><td>{}</td></tr></table>",
        or_dash(kind.as_deref()),
        or_dash(m.year.map(|y| y.to_string()).as_deref()),
        or_dash(m.organisation.as_deref()),
        or_dash(m.body.as_deref()),
        or_dash(m.title.as_deref()),
        or_dash(m.diarienummer.as_deref()),
    );
    if !crate::link::placeable(doc) {
        let _ = writeln!(
            out,
            "<p class=\"warning not-linked\">Not linked: {}. A correction can set it (see docs/review.md).</p>",
            if m.year.is_none() {
                "the text states no year"
            } else {
                "not a plan or report"
            }
        );
    }
    let _ = writeln!(out, "</section>");
}

/// The text of a span with the repairs inside it marked: on the raw side the words as written (a
/// change in green, a flagged proposal in orange), on the repaired side the words as repaired; words
/// that still look damaged are marked red on both sides.
fn marked(doc: &Document, span: Span, side: Side) -> String {
    let mut out = String::new();
    let mut at = span.start;
    let inside = doc
        .repairs
        .iter()
        .filter(|r| span.contains(&r.span) && !r.span.is_empty());
    for r in inside {
        if r.span.start < at {
            continue;
        }
        out.push_str(&plain(doc.text.get(at..r.span.start).unwrap_or("")));
        let title = esc(&format!(
            "{} → {} ({}, {:.2}{})",
            r.original,
            r.replacement,
            r.rule,
            r.confidence,
            if r.applied { "" } else { ", flagged, not made" }
        ));
        let (class, text) = match (side, r.applied) {
            (Side::Repaired, true) => ("changed", &r.replacement),
            (_, true) => ("changed", &r.original),
            (_, false) => ("flagged", &r.original),
        };
        let _ = write!(
            out,
            "<mark class=\"{class}\" title=\"{title}\">{}</mark>",
            esc(text)
        );
        at = r.span.end;
    }
    out.push_str(&plain(doc.text.get(at..span.end.max(at)).unwrap_or("")));
    out
}

/// Unrepaired text, escaped, with leftover words marked.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in leftover_words(text) {
        out.push_str(&esc(&text[at..start]));
        let _ = write!(
            out,
            "<mark class=\"leftover\" title=\"still looks damaged\">{}</mark>",
            esc(&text[start..end])
        );
        at = end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

fn uppdrag(out: &mut String, doc: &Document) {
    let _ = writeln!(
        out,
        "<section id=\"uppdrag\"><h2>Uppdrag ({})</h2>",
        doc.uppdrag.len()
    );
    if doc.uppdrag.is_empty() {
        let _ = writeln!(out, "<p class=\"dim\">none found</p></section>");
        return;
    }
    let _ = writeln!(
        out,
        "<table><tr><th>key</th><th>page</th><th>as written</th><th>repaired</th><th>goal</th>\
         <th>status</th><th>comment</th></tr>"
    );
    for u in &doc.uppdrag {
        let raw = marked(doc, u.prov.span, Side::Raw);
        let mut repaired = marked(doc, u.prov.span, Side::Repaired);
        // A text set by a correction (or one detection tidied) is shown as stored too.
        let shown = crate::model::collapse_whitespace(&doc.repaired(u.prov.span));
        if !shown.contains(&u.text) {
            let _ = write!(
                repaired,
                "<div class=\"stored\"><b>stored text:</b> {}</div>",
                esc(&u.text)
            );
        }
        let comment = match (&u.comment, &u.comment_raw) {
            (Some(c), Some(r)) if c != r => format!(
                "<div>{}</div><div class=\"dim\">as written: {}</div>",
                esc(c),
                esc(r)
            ),
            (Some(c), _) => esc(c),
            _ => String::new(),
        };
        let status = u.status.map(|s| super::name(&s)).unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr id=\"u-{}\" class=\"uppdrag\"><td>{}</td><td class=\"num\">{}</td><td class=\"raw\">{raw}</td>\
             <td class=\"repaired\">{repaired}</td><td>{}</td><td>{}</td><td>{comment}</td></tr>",
            esc(&u.id),
            esc(&u.key),
            or_dash(u.page.map(|p| p.to_string()).as_deref()),
            or_dash(u.goal.as_deref()),
            esc(&status),
        );
    }
    let _ = writeln!(out, "</table></section>");
}

fn goals(out: &mut String, doc: &Document, linkage: &Linkage) {
    let _ = writeln!(
        out,
        "<section id=\"goals\"><h2>Goals ({})</h2>",
        doc.goals.len()
    );
    if doc.goals.is_empty() {
        let _ = writeln!(out, "<p class=\"dim\">none found</p></section>");
        return;
    }
    let _ = writeln!(
        out,
        "<table><tr><th>key</th><th>page</th><th>as written</th><th>repaired</th><th>linked goals</th></tr>"
    );
    for g in &doc.goals {
        let _ = writeln!(
            out,
            "<tr id=\"g-{}\" class=\"goal\"><td>{}</td><td class=\"num\">{}</td><td class=\"raw\">{}</td><td class=\"repaired\">{}</td><td>{}</td></tr>",
            esc(&g.id),
            esc(&g.key),
            or_dash(g.prov.page.map(|p| p.to_string()).as_deref()),
            marked(doc, g.prov.span, Side::Raw),
            marked(doc, g.prov.span, Side::Repaired),
            goal_links(&g.id, linkage),
        );
    }
    let _ = writeln!(out, "</table></section>");
}

/// The goals a goal is linked to, each a link to its row on the other document's page with the
/// relation and score: "→ 2026 plan Målsättning 9 (continuation, 0.412)".
fn goal_links(goal: &str, linkage: &Linkage) -> String {
    let items: Vec<String> = linkage
        .goal_links_of(goal)
        .into_iter()
        .map(|l| {
            let (dir, document, year, kind, key, id) = if l.from_goal == goal {
                ("→", &l.to_document, l.to_year, &l.to_kind, &l.to_key, &l.to_goal)
            } else {
                ("←", &l.from_document, l.from_year, &l.from_kind, &l.from_key, &l.from_goal)
            };
            format!(
                "<span class=\"goal-link\">{dir} <a href=\"{}.html#g-{}\">{year} {} {}</a> ({}, {:.3})</span>",
                esc(document),
                esc(id),
                esc(kind),
                esc(key),
                esc(&l.relation),
                l.score
            )
        })
        .collect();
    if items.is_empty() {
        "<span class=\"dim\">–</span>".to_string()
    } else {
        items.join("<br>")
    }
}

/// Up to [`CONTEXT`] characters before and after a span, on character boundaries.
fn context(doc: &Document, r: &Repair) -> (String, String) {
    let before: String = {
        let head = doc.text.get(..r.span.start).unwrap_or("");
        let chars: Vec<char> = head.chars().rev().take(CONTEXT).collect();
        chars.into_iter().rev().collect()
    };
    let after: String = doc
        .text
        .get(r.span.end..)
        .unwrap_or("")
        .chars()
        .take(CONTEXT)
        .collect();
    (before, after)
}

fn repairs(out: &mut String, doc: &Document) {
    let applied = doc.repairs.iter().filter(|r| r.applied).count();
    let _ = writeln!(
        out,
        "<section id=\"repairs\"><h2>Repairs ({applied} made, {} flagged)</h2>",
        doc.repairs.len() - applied
    );
    if doc.repairs.is_empty() {
        let _ = writeln!(out, "<p class=\"dim\">none</p></section>");
        return;
    }
    let _ = writeln!(
        out,
        "<table><tr><th>page</th><th>context</th><th>as written</th><th>repaired</th><th>rule</th>\
         <th>confidence</th><th>made</th></tr>"
    );
    for r in &doc.repairs {
        let (before, after) = context(doc, r);
        let class = if r.applied { "changed" } else { "flagged" };
        let _ = writeln!(
            out,
            "<tr class=\"repair {class}\"><td class=\"num\">{}</td><td>…{}<mark class=\"{class}\">{}</mark>{}…</td>\
             <td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{:.2}</td><td>{}</td></tr>",
            or_dash(doc.page_at(r.span.start).map(|p| p.to_string()).as_deref()),
            esc(&before),
            esc(&r.original),
            esc(&after),
            esc(&r.original),
            esc(&r.replacement),
            esc(&r.rule),
            r.confidence,
            if r.applied { "yes" } else { "no: flagged" },
        );
    }
    let _ = writeln!(out, "</table></section>");
}

fn leftovers(out: &mut String, doc: &Document) {
    let found: Vec<(usize, usize)> = leftover_words(&doc.text)
        .into_iter()
        .filter(|&(s, e)| {
            !doc.repairs
                .iter()
                .any(|r| r.applied && r.span.start <= s && e <= r.span.end)
        })
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"leftovers\"><h2>Leftover words ({})</h2>\
         <p class=\"dim\">Words that still mix letters with digits or bars, as OCR damage does, and no repair changed.</p>",
        found.len()
    );
    if !found.is_empty() {
        let _ = writeln!(out, "<ul>");
        for (s, e) in found {
            let _ = writeln!(
                out,
                "<li>page {}: <mark class=\"leftover\">{}</mark></li>",
                or_dash(doc.page_at(s).map(|p| p.to_string()).as_deref()),
                esc(&doc.text[s..e])
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");
}

fn cell(tag: &str, c: &Cell) -> String {
    let mut attrs = String::new();
    if c.col_span > 1 {
        let _ = write!(attrs, " colspan=\"{}\"", c.col_span);
    }
    if c.row_span > 1 {
        let _ = write!(attrs, " rowspan=\"{}\"", c.row_span);
    }
    let class = if c.quantity.is_some() {
        " class=\"num\""
    } else {
        ""
    };
    format!("<{tag}{attrs}{class}>{}</{tag}>", esc(&c.text))
}

fn tables(out: &mut String, doc: &Document) {
    let _ = writeln!(
        out,
        "<section id=\"tables\"><h2>Tables ({})</h2>",
        doc.tables.len()
    );
    for t in &doc.tables {
        let _ = writeln!(
            out,
            "<h3>{} <span class=\"dim\">({}page {}{})</span></h3><table class=\"data\" id=\"t-{}\">",
            or_dash(t.title.as_deref()),
            esc(&t.id),
            or_dash(t.prov.page.map(|p| p.to_string()).as_deref()),
            t.unit
                .as_deref()
                .map(|u| format!(", unit {}", esc(u)))
                .unwrap_or_default(),
            esc(&t.id),
        );
        for row in &t.header {
            let cells: String = row.iter().map(|c| cell("th", c)).collect();
            let _ = writeln!(out, "<tr>{cells}</tr>");
        }
        for row in &t.rows {
            let cells: String = row.iter().map(|c| cell("td", c)).collect();
            let _ = writeln!(out, "<tr>{cells}</tr>");
        }
        let _ = writeln!(out, "</table>");
    }
    if !doc.indicators.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Indicators (styrtal)</h3><table class=\"indicators\"><tr><th>goal</th><th>number</th>\
             <th>name</th><th>outcome</th><th>period</th><th>target</th><th>long-term target</th></tr>"
        );
        for i in &doc.indicators {
            let text = |c: &Option<Cell>| or_dash(c.as_ref().map(|c| c.text.as_str()));
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                or_dash(i.goal.as_deref()),
                or_dash(i.number.as_deref()),
                esc(&i.name),
                text(&i.outcome),
                or_dash(i.period.as_deref()),
                text(&i.target),
                text(&i.long_term_target),
            );
        }
        let _ = writeln!(out, "</table>");
    }
    let _ = writeln!(out, "</section>");
}

/// A link to the other end of a link or candidate.
fn other(doc: &Document, from: &Endpoint, to: &Endpoint) -> (String, String, String) {
    let (mine, theirs, dir) = if from.document == doc.id {
        (from, to, "→")
    } else {
        (to, from, "←")
    };
    let href = format!("{}.html#u-{}", esc(&theirs.document), esc(&theirs.uppdrag));
    (
        format!(
            "<a href=\"#u-{}\">{}</a>",
            esc(&mine.uppdrag),
            esc(&mine.key)
        ),
        dir.to_string(),
        format!(
            "<a href=\"{href}\">{} {} {}</a>",
            theirs.year,
            theirs.kind.name(),
            esc(&theirs.key)
        ),
    )
}

fn evidence_cells(e: &crate::link::Evidence) -> String {
    format!(
        "<td class=\"num\">{:.3}</td><td class=\"num\">{:.3}</td><td class=\"num\">{:.3}</td><td>{}</td><td>{}</td><td>{}</td>",
        e.weighted_similarity,
        e.weighted_overlap,
        e.dice,
        esc(&super::name(&e.number)),
        esc(&e.shared_rare_terms.join(", ")),
        esc(&e.abbreviations.join(", ")),
    )
}

fn links(out: &mut String, doc: &Document, linkage: &Linkage) {
    let mine: Vec<&Link> = linkage.links_of(&doc.id);
    let _ = writeln!(out, "<section id=\"links\"><h2>Links ({})</h2>", mine.len());
    if !mine.is_empty() {
        let _ = writeln!(
            out,
            "<table><tr><th>uppdrag</th><th></th><th>other</th><th>relation</th><th>method</th><th>score</th>\
             <th>cosine</th><th>overlap</th><th>dice</th><th>number</th><th>shared words</th><th>abbreviations</th></tr>"
        );
        for l in mine {
            let (a, dir, b) = other(doc, &l.from, &l.to);
            let method = match &l.evidence.reference {
                Some(phrase) => format!("{}: “{}”", l.evidence.method, phrase),
                None => l.evidence.method.clone(),
            };
            let _ = writeln!(
                out,
                "<tr class=\"link\"><td>{a}</td><td>{dir}</td><td>{b}</td><td>{}</td><td>{}</td><td class=\"num\">{:.3}</td>{}</tr>",
                l.relation.as_str(),
                esc(&method),
                l.score,
                evidence_cells(&l.evidence)
            );
        }
        let _ = writeln!(out, "</table>");
    }
    let _ = writeln!(out, "</section>");
    let near: Vec<&Candidate> = linkage.candidates_of(&doc.id);
    let _ = writeln!(
        out,
        "<section id=\"candidates\"><h2>Near misses ({})</h2>\
         <p class=\"dim\">Pairs compared and not linked that scored within {} of the threshold, or above it but lost to a better pair.</p>",
        near.len(),
        crate::link::NEAR_MISS
    );
    if !near.is_empty() {
        let _ = writeln!(
            out,
            "<table><tr><th>uppdrag</th><th></th><th>other</th><th>relation</th><th>why not</th><th>score</th>\
             <th>threshold</th><th>margin</th><th>cosine</th><th>overlap</th><th>dice</th><th>number</th>\
             <th>shared words</th><th>abbreviations</th></tr>"
        );
        for c in near {
            let (a, dir, b) = other(doc, &c.from, &c.to);
            let _ = writeln!(
                out,
                "<tr class=\"candidate\"><td>{a}</td><td>{dir}</td><td>{b}</td><td>{}</td><td>{}</td>\
                 <td class=\"num\">{:.3}</td><td class=\"num\">{:.2}</td><td class=\"num margin\">{:+.3}</td>{}</tr>",
                c.relation.as_str(),
                esc(&c.reason),
                c.score,
                c.threshold,
                c.margin,
                evidence_cells(&c.evidence)
            );
        }
        let _ = writeln!(out, "</table>");
    }
    let _ = writeln!(out, "</section>");
}

fn diagnostics(out: &mut String, doc: &Document) {
    let _ = writeln!(
        out,
        "<section id=\"diagnostics\"><h2>Diagnostics ({})</h2>",
        doc.diagnostics.len()
    );
    if !doc.diagnostics.is_empty() {
        let _ = writeln!(
            out,
            "<table><tr><th>severity</th><th>code</th><th>page</th><th>message</th></tr>"
        );
        for d in &doc.diagnostics {
            let severity = super::name(&d.severity);
            let _ = writeln!(
                out,
                "<tr class=\"diagnostic {severity}\"><td>{severity}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&d.code),
                or_dash(d.page.map(|p| p.to_string()).as_deref()),
                esc(&d.message)
            );
        }
        let _ = writeln!(out, "</table>");
    }
    let _ = writeln!(out, "</section>");
}
