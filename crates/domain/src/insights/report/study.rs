//! The report beside the study behind limber: each fitness test and the
//! WHO-5 as first → last with its n, and one line with the study's three
//! figures next to the person's own. A change smaller than its measure can
//! detect is said to be within the usual variation, never better or worse.

use super::Report;
use super::words::percent;
use crate::insights::outcomes::{
    CHAIR_STAND_DETECTABLE, Detectable, TestChange, WHO5_DETECTABLE, pain_detectable,
};
use crate::model::FitnessTest;

/// The study's three figures, as it reported them.
/// What the study was, said once before its figures: a person should not
/// have to guess what they are compared with.
pub const ABOUT_STUDY: &str = "The study behind limber: 26 volunteers with chronic lower back pain cycled three times a week for twelve weeks (Simmons College, Boston, 2003); your numbers are yours, beside theirs, not a target.";

pub const STUDY: &str = "The study: fitness +11 %, psychological health +14 %, pain −8 %.";

/// "; within the usual variation (a change under 2.5 stands)", or its opposite.
fn verdict(d: Option<Detectable>, smallest: &str) -> String {
    match d {
        Some(Detectable::Within) => {
            format!("; within the usual variation (a change under {smallest})")
        }
        Some(Detectable::Up | Detectable::Down) => {
            format!("; more than the usual variation ({smallest} or more)")
        }
        None => String::new(),
    }
}

fn results(n: u32) -> String {
    if n == 1 {
        "1 result".to_string()
    } else {
        format!("{n} results")
    }
}

fn test_line(t: &TestChange) -> String {
    let unit = t.kind.unit();
    if t.practice_only {
        return format!(
            "{}: {} {unit}, a practice try so far (the next try is the first that counts)",
            t.kind.title(),
            t.first
        );
    }
    if t.n < 2 {
        return format!("{}: {} {unit}, one result so far", t.kind.title(), t.first);
    }
    let pct = t
        .change_pct
        .map_or(String::new(), |p| format!(" ({})", percent(p)));
    let smallest = match t.kind {
        FitnessTest::ChairStand => format!("{CHAIR_STAND_DETECTABLE} stands"),
        _ => String::new(),
    };
    format!(
        "{}: {} → {} {unit}{pct}, from {}{}{}",
        t.kind.title(),
        t.first,
        t.last,
        results(t.n),
        if t.from_practice {
            " (the first a practice try)"
        } else {
            ""
        },
        verdict(t.detectable, &smallest)
    )
}

impl Report {
    /// The fitness and wellbeing lines and the line beside the study.
    pub fn study_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let fitness = &self.outcomes.fitness;
        if fitness.tests.is_empty() {
            lines.push(
                "Fitness: no self-test in this window yet (`limber fitness`, or the fitness check in the app)"
                    .to_string(),
            );
        }
        lines.extend(fitness.tests.iter().map(test_line));
        let counted: Vec<&TestChange> = fitness
            .tests
            .iter()
            .filter(|t| t.change_pct.is_some())
            .collect();
        if let Some(p) = fitness.change_pct {
            lines.push(format!(
                "Fitness overall: {}, the mean of {}",
                percent(p),
                if counted.len() == 1 {
                    "1 test's change".to_string()
                } else {
                    format!("{} tests' changes", counted.len())
                }
            ));
        }
        let w = &self.outcomes.wellbeing;
        lines.push(match (w.first, w.last, w.n) {
            (Some(first), Some(last), n) if n >= 2 => format!(
                "Wellbeing (WHO-5, 0–100): {first} → {last}{}, from {}{}",
                w.change_pct
                    .map_or(String::new(), |p| format!(" ({})", percent(p))),
                results(n),
                verdict(w.detectable, &format!("{WHO5_DETECTABLE} points"))
            ),
            (Some(first), _, _) => {
                format!("Wellbeing (WHO-5, 0–100): {first}, one result so far")
            }
            _ => "Wellbeing (WHO-5): none in this window yet (`limber wellbeing`)".to_string(),
        });
        lines.push(ABOUT_STUDY.to_string());
        lines.push(format!("{STUDY} You: {}", self.you()));
        lines
    }

    /// "fitness +10 % (1 test, n = 2), psychological health +25 % (WHO-5,
    /// n = 2), pain −33 % (n = 10 and 10 check-ins)".
    fn you(&self) -> String {
        let within = "; within the usual variation";
        let fitness = &self.outcomes.fitness;
        let counted: Vec<&TestChange> = fitness
            .tests
            .iter()
            .filter(|t| t.change_pct.is_some())
            .collect();
        let fitness = match fitness.change_pct {
            Some(p) => {
                let n: u32 = counted.iter().map(|t| t.n).sum();
                let all_within = counted
                    .iter()
                    .all(|t| t.detectable == Some(Detectable::Within));
                format!(
                    "fitness {} ({}, n = {n}{})",
                    percent(p),
                    if counted.len() == 1 {
                        "1 test".to_string()
                    } else {
                        format!("{} tests", counted.len())
                    },
                    if all_within { within } else { "" }
                )
            }
            None => "fitness not measured twice yet".to_string(),
        };
        let w = &self.outcomes.wellbeing;
        let wellbeing = match w.change_pct {
            Some(p) => format!(
                "psychological health {} (WHO-5, n = {}{})",
                percent(p),
                w.n,
                if w.detectable == Some(Detectable::Within) {
                    within
                } else {
                    ""
                }
            ),
            None => "psychological health not measured twice yet".to_string(),
        };
        let pain = match (self.pain.baseline, self.pain.current, self.pain.change_pct) {
            (Some(b), Some(c), Some(p)) => format!(
                "pain {} (n = {} and {} check-ins{})",
                percent(p),
                self.pain.n_baseline,
                self.pain.n_current,
                if pain_detectable(b, c) == Detectable::Within {
                    within
                } else {
                    ""
                }
            ),
            _ => "pain not compared yet (too few check-ins)".to_string(),
        };
        format!("{fitness}, {wellbeing}, {pain}.")
    }
}
