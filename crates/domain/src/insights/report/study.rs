//! The report beside the study behind limber: each fitness test, the WHO-5
//! and the study's own two questionnaires (RAND-36 physical functioning and
//! the MHI-5) as first → last with its n, and one line with the study's
//! three figures next to the person's own. A change smaller than its
//! measure's detectable or minimal important change is said to be within
//! the usual variation; a scale with no cited threshold gets points only.

use super::Report;
use super::words::percent;
use crate::insights::outcomes::{
    CHAIR_STAND_DETECTABLE, Detectable, QuestionnaireChange, TestChange, WHO5_DETECTABLE,
    pain_detectable,
};
use crate::model::{FitnessTest, Rand36Scale, points_text, score_text};

/// What the study was, said once before its figures: a person should not
/// have to guess what they are compared with.
pub const ABOUT_STUDY: &str = "The study behind limber (Iversen, Fossel & Katz, Arch Phys Med Rehabil 2003) was an uncontrolled cohort of adults aged 55+ (median 72) with chronic low back pain, exercising three times a week for twelve weeks: 26 eligible, 18 completed. With no comparison group, it cannot show what brought its changes about. Your numbers are yours, beside theirs, not a target.";

/// The study's three figures, as it reported them, each by its measure.
pub const STUDY: &str = "The study: physical functioning (SF-36) +11 %, mental health (MHI-5) +14 %, low-back symptoms −8 %.";

/// Said under the RAND-36 scales when either has changed: the reader
/// should know why no verdict stands beside them.
pub const NO_MIC: &str = "Physical functioning and mental health are 0–100, higher is better; limber cites no minimal important change for them, so a change is given in points and not called better or worse.";

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
        if t.from_practice && crate::insights::outcomes::threshold(t.kind).is_some() {
            " (the first a practice try, so the change is not judged against the usual variation)"
        } else if t.from_practice {
            " (the first a practice try)"
        } else {
            ""
        },
        verdict(t.detectable, &smallest)
    )
}

/// "Physical functioning (RAND-36, 0–100): 65 → 95 (+30 points), from 2
/// results", or one result, or none yet.
fn questionnaire_line(
    name: &str,
    instrument: &str,
    command: &str,
    c: &QuestionnaireChange,
) -> String {
    match (c.first, c.last, c.change_points) {
        (Some(first), Some(last), Some(change)) => format!(
            "{name} ({instrument}, 0–100): {} → {} ({} points), from {}",
            score_text(first),
            score_text(last),
            points_text(change),
            results(c.n)
        ),
        (Some(first), _, _) => format!(
            "{name} ({instrument}, 0–100): {}, one result so far",
            score_text(first)
        ),
        _ => format!("{name} ({instrument}): none in this window yet (`limber {command}`)"),
    }
}

/// "physical functioning 65 → 95 (+30 points, +46 %; n = 2)".
fn questionnaire_you(name: &str, c: &QuestionnaireChange) -> String {
    match (c.first, c.last, c.change_points) {
        (Some(first), Some(last), Some(change)) => format!(
            "{name} {} → {} ({} points{}; n = {})",
            score_text(first),
            score_text(last),
            points_text(change),
            c.change_pct
                .map_or(String::new(), |p| format!(", {}", percent(p))),
            c.n
        ),
        _ => format!("{name} not measured twice yet"),
    }
}

impl Report {
    /// The fitness, WHO-5 and RAND-36 lines and the lines beside the study.
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
        let w = &self.outcomes.wellbeing;
        lines.push(match (w.first, w.last, w.n) {
            (Some(first), Some(last), n) if w.too_soon => format!(
                "Wellbeing (WHO-5, 0–100, higher is better): {first}, then {last}, from {}; too soon to compare: no result 14 days or more after the first, and the WHO-5 asks about the last two weeks",
                results(n)
            ),
            (Some(first), Some(last), n) if n >= 2 => format!(
                "Wellbeing (WHO-5, 0–100, higher is better): {first} → {last} ({} points), from {}{}",
                points_text(f64::from(last) - f64::from(first)),
                results(n),
                verdict(w.detectable, &format!("{WHO5_DETECTABLE} points"))
            ),
            (Some(first), _, _) => {
                format!("Wellbeing (WHO-5, 0–100, higher is better): {first}, one result so far")
            }
            _ => "Wellbeing (WHO-5): none in this window yet (`limber wellbeing`)".to_string(),
        });
        let o = &self.outcomes;
        lines.push(questionnaire_line(
            "Physical functioning",
            "RAND-36",
            Rand36Scale::PhysicalFunctioning.command(),
            &o.physical_functioning,
        ));
        lines.push(questionnaire_line(
            "Mental health",
            "MHI-5",
            Rand36Scale::EmotionalWellBeing.command(),
            &o.mental_health,
        ));
        if o.physical_functioning.n > 0 || o.mental_health.n > 0 {
            lines.push(NO_MIC.to_string());
        }
        lines.push(ABOUT_STUDY.to_string());
        lines.push(format!("{STUDY} You: {}", self.you()));
        lines
    }

    /// "physical functioning 65 → 95 (+30 points, +46 %; n = 2), mental
    /// health not measured twice yet, pain 4.0 → 3.1 (−0.9 points, −23 %;
    /// n = 10 and 12 days; within the usual variation)".
    fn you(&self) -> String {
        let o = &self.outcomes;
        let function = questionnaire_you("physical functioning", &o.physical_functioning);
        let mental = questionnaire_you("mental health", &o.mental_health);
        let pain = match (self.pain.baseline, self.pain.current) {
            (Some(b), Some(c)) => format!(
                "pain {b:.1} → {c:.1} ({} points{}; n = {} and {} days; {})",
                // From the means as shown, so the words add up.
                points_text(super::words::scale_points(b, c)),
                self.pain
                    .change_pct
                    .map_or(String::new(), |p| format!(", {}", percent(p))),
                self.pain.n_baseline,
                self.pain.n_current,
                if pain_detectable(b, c) == Detectable::Within {
                    "within the usual variation"
                } else {
                    "at least its minimal important change"
                }
            ),
            _ => "pain not compared yet (too few check-ins)".to_string(),
        };
        format!("{function}, {mental}, {pain}.")
    }
}
