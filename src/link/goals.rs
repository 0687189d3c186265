//! Goals followed across documents and years: a plan's goal (målsättning, effektmål) tied to the same
//! goal in the report that followed it up, in another document of its year, and in the later plan that
//! carried it on. Goals are matched as uppdrag are — the same similarity ([`compare_text`]), the same
//! one-to-one assignment ([`score_and_assign`]) and thresholds within a year, the same order of years —
//! so a goal link reads like an uppdrag link and carries the same evidence. Across years a goal has its
//! own threshold ([`LinkOptions::goal_continuation_threshold`]).

use super::score::{compare_text, text_levenshtein, Prepared};
use super::{
    same_organisation, score_and_assign, sides, threshold, within_year, years, Corpus, Evidence,
    LinkOptions, NumberMatch, Placed, Relation, Scored,
};
use crate::model::{DocKind, Goal};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One end of a goal link: which goal in which document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalEndpoint {
    pub document: String,
    pub year: i32,
    pub kind: DocKind,
    /// The goal's key (`Effektmål 1`, `Målsättning 6`, `Mål`).
    pub key: String,
    /// The goal's id (`goals[].id` of the document).
    pub goal: String,
}

/// A link between two goals, with its score and the figures it was decided on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalLink {
    pub from: GoalEndpoint,
    pub to: GoalEndpoint,
    pub relation: Relation,
    pub score: f64,
    pub evidence: Evidence,
}

/// How the numbers of two goals relate: `Same` when both are numbered and the numbers agree, whatever
/// the word before them (a plan's "Effektmål nr 9" and a later plan's "Målsättning nr 9").
fn number_match(a: &Goal, b: &Goal) -> NumberMatch {
    match (a.number, b.number) {
        (Some(x), Some(y)) if x == y => NumberMatch::Same,
        _ => NumberMatch::Different,
    }
}

/// The goals of a document that take part in links: a numbered goal stated more than once (a plan
/// lists its goals, then states each above its uppdrag) takes part once, as the statement with the most
/// uppdrag under it (the first of equals); unnumbered goals all take part.
fn taking_part(goals: &[Goal], uppdrag_under: impl Fn(&Goal) -> usize) -> Vec<usize> {
    let mut best: HashMap<u32, usize> = HashMap::new();
    for (i, g) in goals.iter().enumerate() {
        let Some(n) = g.number else { continue };
        let better = best
            .get(&n)
            .is_none_or(|&b| uppdrag_under(g) > uppdrag_under(&goals[b]));
        if better {
            best.insert(n, i);
        }
    }
    (0..goals.len())
        .filter(|&i| goals[i].number.is_none_or(|n| best.get(&n) == Some(&i)))
        .collect()
}

/// The goal links among the placed documents: within a year plan → report (`follow_up`) and documents
/// of one kind with each other (`same_assignment`); across years the later plan's goals from the
/// nearest earlier year's first (`continuation`), as for uppdrag.
pub(super) fn link(placed: &[Placed], corpus: &Corpus, opts: &LinkOptions) -> Vec<GoalLink> {
    let mut out = Vec::new();
    let all = |_: &Goal| true;
    for (a, b, relation) in within_year(placed) {
        out.extend(match_goals(a, b, relation, corpus, opts, (&all, &all)));
    }
    // goal id → earliest year it continues into; goal id → latest year it continues from.
    let mut continued_into: HashMap<String, i32> = HashMap::new();
    let mut continued_from: HashMap<String, i32> = HashMap::new();
    let years = years(placed);
    for (yi, &later) in years.iter().enumerate() {
        for &earlier in years[..yi].iter().rev() {
            for b in sides(placed, later) {
                for a in sides(placed, earlier)
                    .into_iter()
                    .filter(|a| same_organisation(a, b))
                {
                    let source_free =
                        |g: &Goal| continued_into.get(&g.id).is_none_or(|&y| y >= later);
                    let target_free =
                        |g: &Goal| continued_from.get(&g.id).is_none_or(|&y| y <= earlier);
                    let found = match_goals(
                        a,
                        b,
                        Relation::Continuation,
                        corpus,
                        opts,
                        (&source_free, &target_free),
                    );
                    for l in &found {
                        let into = continued_into.entry(l.from.goal.clone()).or_insert(later);
                        *into = (*into).min(later);
                        let from = continued_from.entry(l.to.goal.clone()).or_insert(earlier);
                        *from = (*from).max(earlier);
                    }
                    out.extend(found);
                }
            }
        }
    }
    out
}

/// Which goals of one side may still be linked.
type Free<'f> = &'f dyn Fn(&Goal) -> bool;

/// Links the goals of document `a` to those of document `b`, one-to-one by score above the relation's
/// threshold.
fn match_goals(
    a: &Placed,
    b: &Placed,
    relation: Relation,
    corpus: &Corpus,
    opts: &LinkOptions,
    (a_free, b_free): (Free, Free),
) -> Vec<GoalLink> {
    let side = |p: &Placed, free: Free| -> (Vec<usize>, Vec<Prepared>) {
        let under = |g: &Goal| {
            p.doc
                .uppdrag
                .iter()
                .filter(|u| u.goal.as_deref() == Some(g.key.as_str()))
                .count()
        };
        let goals = &p.doc.goals;
        let rows: Vec<usize> = taking_part(goals, under)
            .into_iter()
            .filter(|&i| free(&goals[i]))
            .collect();
        let prepared = rows
            .iter()
            .map(|&i| Prepared::of_text(&goals[i].text, corpus))
            .collect();
        (rows, prepared)
    };
    let (rows, pa) = side(a, a_free);
    let (cols, pb) = side(b, b_free);
    let (ga, gb) = (&a.doc.goals, &b.doc.goals);
    let threshold = match relation {
        Relation::Continuation => opts.goal_continuation_threshold,
        _ => threshold(relation, opts),
    };
    let Scored {
        scores,
        mut evidence,
        chosen,
        ..
    } = score_and_assign(rows.len(), cols.len(), relation, threshold, opts, |r, c| {
        Evidence {
            number: number_match(&ga[rows[r]], &gb[cols[c]]),
            ..compare_text(&pa[r], &pb[c], corpus)
        }
    });
    let mut out = Vec::new();
    for (r, c) in chosen {
        let Some(mut e) = evidence.remove(&(r, c)) else {
            continue;
        };
        e.levenshtein = text_levenshtein(&pa[r], &pb[c]);
        out.push(GoalLink {
            from: endpoint(a, &ga[rows[r]]),
            to: endpoint(b, &gb[cols[c]]),
            relation,
            score: scores[r][c],
            evidence: e,
        });
    }
    out
}

fn endpoint(p: &Placed, g: &Goal) -> GoalEndpoint {
    GoalEndpoint {
        document: p.doc.id.clone(),
        year: p.year,
        kind: p.kind,
        key: g.key.clone(),
        goal: g.id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(key: &str, number: Option<u32>, text: &str) -> Goal {
        Goal {
            id: format!("g-{key}-{text}"),
            key: key.into(),
            label: "Effektmål".into(),
            number,
            text: text.into(),
            text_raw: text.into(),
            prov: Default::default(),
        }
    }

    #[test]
    fn a_numbered_goal_stated_twice_takes_part_once() {
        // Listed first, then stated above its three uppdrag; the unnumbered goals all take part.
        let goals = [
            goal("Effektmål 1", Some(1), "Länets invånare har en god hälsa"),
            goal("Mål", None, "En kunskapsorganisation"),
            goal("Effektmål 1", Some(1), "Länets invånare har en god hälsa."),
            goal("Mål", None, "En attraktiv arbetsgivare"),
        ];
        let under = |g: &Goal| if g.text.ends_with('.') { 3 } else { 0 };
        assert_eq!(taking_part(&goals, under), vec![1, 2, 3]);
        // Equals: the first statement.
        assert_eq!(taking_part(&goals, |_| 0), vec![0, 1, 3]);
    }

    #[test]
    fn goal_numbers_agree_whatever_the_label() {
        let a = goal("Effektmål 9", Some(9), "x");
        let b = Goal {
            label: "Målsättning".into(),
            ..goal("Målsättning 9", Some(9), "y")
        };
        assert_eq!(number_match(&a, &b), NumberMatch::Same);
        assert_eq!(
            number_match(&a, &goal("Mål", None, "z")),
            NumberMatch::Different
        );
    }
}
