//! The report in words: plain lines, text and Markdown. Each number is the
//! user's own, shown with how many check-ins it comes from; nothing here
//! says why a number moved.

use super::{Compared, END_DAYS, Report, ReportNote, ScaleChange};
use crate::insights::outcomes::{Detectable, pain_detectable};
use crate::model::Scale;

/// "−8 %", "+3 %", "0 %" with a true minus sign.
pub(super) fn percent(p: i64) -> String {
    match p {
        p if p < 0 => format!("−{} %", -p),
        p if p > 0 => format!("+{p} %"),
        _ => "0 %".to_string(),
    }
}

/// "−1.2", "+0.4".
fn signed(x: f64) -> String {
    if x < 0.0 {
        format!("−{:.1}", -x)
    } else {
        format!("+{x:.1}")
    }
}

/// "two weeks", "day", "10 days".
fn period(days: i64) -> String {
    match days {
        END_DAYS => "two weeks".to_string(),
        1 => "day".to_string(),
        n => format!("{n} days"),
    }
}

/// "Compared: your first 10 days from your first check-in (…) with the last 10 (…)".
fn compared_line(c: &Compared) -> String {
    let first = if c.from_first_checkin {
        format!("your first {} from your first check-in", period(c.days))
    } else {
        format!("the first {}", period(c.days))
    };
    let last = if c.days == 1 {
        "the last day".to_string()
    } else if c.days == END_DAYS {
        "the last two weeks".to_string()
    } else {
        format!("the last {}", c.days)
    };
    format!(
        "Compared: {first} ({} to {}) with {last} ({} to {})",
        c.baseline_from, c.baseline_to, c.current_from, c.current_to
    )
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "2026-11-20 08:30, check-in": when a note was written, and with what.
fn note_head(n: &ReportNote) -> String {
    match &n.time {
        Some(time) => format!("{} {time}, {}", n.date, n.kind),
        None => format!("{}, {}", n.date, n.kind),
    }
}

/// Text that Markdown would read as markup, escaped so it shows as typed.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#|~!".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub use crate::text::shown;

/// The change between two means of a 0–10 scale as they are shown (one
/// place), so the words add up: "+0.4", "−1.2", "0".
pub fn scale_points(baseline: f64, current: f64) -> f64 {
    shown(current) - shown(baseline)
}

/// "+0.4 points", "−1.2 points", "no change".
fn points_words(points: f64) -> String {
    if points.abs() < 0.05 {
        "no change".to_string()
    } else {
        format!("{} points", signed(points))
    }
}

/// Pain against its minimal important change (Ostelo 2008, README).
pub fn pain_verdict(baseline: f64, current: f64) -> &'static str {
    match pain_detectable(baseline, current) {
        Detectable::Within => {
            "within the usual variation (under 2 points, or 30 % with at least 1 point)"
        }
        Detectable::Up | Detectable::Down => {
            "at least its minimal important change (2 points, or 30 % with at least 1 point)"
        }
    }
}

impl Report {
    /// A 0–10 scale's change in points ("−0.4 points"); pain's also in
    /// percent ("−0.4 points, −8 %"), since its minimal important change
    /// is 2 points or 30 %. `None` until both periods have a mean.
    pub fn scale_change(scale: Scale, c: &ScaleChange) -> Option<String> {
        let (b, cur) = (c.baseline?, c.current?);
        let points = points_words(scale_points(b, cur));
        Some(match (scale, c.change_pct) {
            (Scale::Pain, Some(p)) => format!("{points}, {}", percent(p)),
            _ => points,
        })
    }
}

impl Report {
    /// "Your notes (2):" and a line each, or what says there are none.
    pub fn notes_heading(notes: &[ReportNote]) -> String {
        match notes.len() {
            0 => "Your notes: none written in these days".to_string(),
            n => format!("Your notes ({n})"),
        }
    }

    pub fn scales(&self) -> [(Scale, &ScaleChange); 4] {
        [
            (Scale::Pain, &self.pain),
            (Scale::Anxiety, &self.anxiety),
            (Scale::Mood, &self.mood),
            (Scale::Fear, &self.fear),
        ]
    }

    /// "Pain: 5.0 → 4.6 (−0.4 points, −8 %), from 12 and 11 days with
    /// check-ins; within the usual variation (…)": the change in points,
    /// pain's also in percent and against its minimal important change.
    pub fn scale_line(scale: Scale, c: &ScaleChange) -> String {
        match (c.baseline, c.current) {
            (Some(b), Some(cur)) => {
                let verdict = match scale {
                    Scale::Pain => format!("; {}", pain_verdict(b, cur)),
                    _ => String::new(),
                };
                format!(
                    "{}: {b:.1} → {cur:.1} ({}), from {} and {} with check-ins{verdict}",
                    scale.title(),
                    Report::scale_change(scale, c).unwrap_or_default(),
                    plural(c.n_baseline, "day", "days"),
                    plural(c.n_current, "day", "days")
                )
            }
            _ if c.period_days == 0 => format!(
                "{}: not enough days to compare yet (your record is one day long)",
                scale.title()
            ),
            _ => format!(
                "{}: not enough check-ins to compare (check-ins on {} of the first {}, {} of the last {})",
                scale.title(),
                plural(c.n_baseline, "day", "days"),
                period(c.period_days),
                c.n_current,
                if c.period_days == END_DAYS {
                    "two".to_string()
                } else {
                    period(c.period_days)
                }
            ),
        }
    }

    /// The report's lines in plain words, what goes with your pain last,
    /// under its heading: what History's Report tab shows.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = self.progress_lines();
        lines.push(String::new());
        lines.push(Report::CONTEXT_HEADING.to_string());
        lines.extend(self.context_lines());
        lines
    }

    pub const CONTEXT_HEADING: &'static str =
        "What goes with your pain (these describe what happened, not why)";

    /// What goes with your pain, in words: the tags and treatments with
    /// enough days on each side, the places marked and pain below the knee;
    /// or what there is not enough of yet.
    pub fn context_lines(&self) -> Vec<String> {
        let c = &self.context;
        let mut lines = Vec::new();
        if c.tags.is_empty() && c.treatments.is_empty() {
            lines.push(format!(
                "No tag or treatment has {} days with it and {} answered days without it in these days yet; tag check-ins (limber checkin --tag \"poor sleep\", or in the app) to see what goes with your pain",
                super::super::context::MIN_DAYS_EACH,
                super::super::context::MIN_DAYS_EACH
            ));
        }
        lines.extend(c.lines());
        if c.locations.is_empty() {
            lines.push(
                "Where it hurts: not marked in these days (limber checkin --where lower-back)"
                    .to_string(),
            );
        }
        lines
    }

    /// The report's lines in plain words, without headings, but for what
    /// goes with your pain.
    pub fn progress_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(c) = &self.window.compared {
            lines.push(compared_line(c));
        }
        for (scale, c) in self.scales() {
            lines.push(Report::scale_line(scale, c));
        }
        let s = &self.sessions;
        lines.push(format!(
            "Sessions: {} in {}, {:.1} a week (your goal: {}), {}",
            s.count,
            crate::text::count(u64::try_from(s.days).unwrap_or(0), "day", "days"),
            s.per_week,
            s.goal_per_week,
            plural(s.active_minutes, "active minute", "active minutes")
        ));
        let e = &self.session_effect;
        match (e.pain_delta, e.anxiety_delta) {
            (Some(p), Some(a)) => lines.push(format!(
                "Around a session: pain moved by {} and anxiety by {} on average, over {} with a check-in before and after",
                signed(p),
                signed(a),
                plural(e.n, "session", "sessions")
            )),
            _ => lines.push(
                "Around a session: no session with a check-in before and after yet".to_string(),
            ),
        }
        for (scale, split) in [
            (Scale::Pain, &self.movement_effect.pain),
            (Scale::Anxiety, &self.movement_effect.anxiety),
            (Scale::Mood, &self.movement_effect.mood),
        ] {
            match split {
                Some(sp) => lines.push(format!(
                    "On the {} after a session your {} averaged {:.1}; on the {} {:.1}",
                    plural(sp.n_active, "day", "days"),
                    scale.name(),
                    sp.after_active,
                    plural(sp.n_rest, "other day", "other days"),
                    sp.after_rest
                )),
                None => lines.push(format!(
                    "Days after a session and other days ({}): not enough days on each side yet (3 each)",
                    scale.name()
                )),
            }
        }
        for e in &self.exposure {
            lines.push(format!(
                "{} (an exercise you fear): {}",
                crate::text::one_line(&e.exercise),
                e.stat.sentence()
            ));
        }
        // The exposure ladder: each everyday activity tried in the window.
        lines.extend(self.ladder.iter().map(|l| l.sentence.clone()));
        lines
    }

    pub fn title(&self) -> String {
        format!(
            "Your progress, {} to {} ({})",
            self.window.from,
            self.window.to,
            crate::text::count(u64::try_from(self.window.days).unwrap_or(0), "day", "days")
        )
    }

    pub const NOTE: &'static str = "These are your own numbers and how many check-ins they come from. They describe what happened; they do not say why, and they are not a diagnosis.";

    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.title());
        for line in self.progress_lines() {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
        for line in self.study_lines() {
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&format!("\n{}\n", Report::CONTEXT_HEADING));
        for line in self.context_lines() {
            out.push_str(&line);
            out.push('\n');
        }
        if let Some(notes) = &self.notes {
            out.push_str(&format!("\n{}\n", Report::notes_heading(notes)));
            for n in notes {
                out.push_str(&format!(
                    "{}: {}\n",
                    note_head(n),
                    crate::text::one_line(&n.note)
                ));
            }
        }
        out.push('\n');
        out.push_str(Report::NOTE);
        out.push('\n');
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n", self.title());
        for line in self.progress_lines() {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str("\n## Beside the study\n\n");
        for line in self.study_lines() {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str(&format!("\n## {}\n\n", Report::CONTEXT_HEADING));
        for line in self.context_lines() {
            out.push_str(&format!("- {}\n", markdown_text(&line)));
        }
        if let Some(notes) = &self.notes {
            out.push_str(&format!("\n## {}\n\n", Report::notes_heading(notes)));
            for n in notes {
                out.push_str(&format!(
                    "- {}: {}\n",
                    note_head(n),
                    markdown_text(&crate::text::one_line(&n.note))
                ));
            }
        }
        out.push_str(&format!("\n_{}_\n", Report::NOTE));
        out
    }
}
