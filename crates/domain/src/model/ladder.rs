//! The graded exposure ladder: the everyday activities a person fears,
//! each with the harm they expect it to do (0–100), in their own order,
//! and each try of one with the expectation before it, what happened, the
//! expectation re-rated after and the pain after. The words say the
//! person's own numbers with their n, and never what caused a change.

use time::{Date, OffsetDateTime};

/// The highest expected harm: 0 is none (a 0–100 rating of harm, as the
/// PHODA's ratings of daily activities are; see the README).
pub const HARM_MAX: u8 = 100;

/// Where the 0–100 scale comes from, for the screen and the command.
pub const HARM_SCALE: &str =
    "Expected harm is your own rating: 0 (no harm at all) to 100 (the most harm you can imagine).";

/// One feared everyday activity: a step of the ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FearStep {
    pub uuid: String,
    pub name: String,
    /// The person's own order (lower first).
    pub position: i64,
    /// The harm expected when it was named, 0–100.
    pub expected: u8,
    pub created_at: OffsetDateTime,
    pub local_date: Date,
}

/// One try of a step: begun (an expectation before) and, once done, what
/// happened and the expectation re-rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FearTry {
    pub uuid: String,
    /// The step's UUID.
    pub step: String,
    pub at: OffsetDateTime,
    pub local_date: Date,
    pub before: Option<u8>,
    pub happened: Option<String>,
    pub after: Option<u8>,
    /// Pain after, 0–10.
    pub pain: Option<u8>,
    pub note: Option<String>,
}

impl FearTry {
    /// Begun and not yet done: no expectation after.
    pub fn is_open(&self) -> bool {
        self.after.is_none()
    }
}

/// A step with its tries, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderStep {
    pub step: FearStep,
    pub tries: Vec<FearTry>,
}

impl LadderStep {
    /// The tries done (re-rated after).
    pub fn done(&self) -> impl Iterator<Item = &FearTry> {
        self.tries.iter().filter(|t| !t.is_open())
    }

    /// How many tries were done.
    pub fn tries_done(&self) -> usize {
        self.done().count()
    }

    /// The expectation before the first try done, else the one given when
    /// the step was named.
    pub fn first_expected(&self) -> u8 {
        self.done()
            .next()
            .and_then(|t| t.before)
            .unwrap_or(self.step.expected)
    }

    /// The expectation re-rated after the last try done, else the first.
    pub fn latest_expected(&self) -> u8 {
        self.done()
            .last()
            .and_then(|t| t.after)
            .unwrap_or(self.step.expected)
    }

    /// The try begun and not yet done, if any (the latest).
    pub fn open_try(&self) -> Option<&FearTry> {
        self.tries.iter().rev().find(|t| t.is_open())
    }

    /// The mean pain after the tries done that have one, and how many.
    pub fn mean_pain(&self) -> Option<(f64, usize)> {
        let pains: Vec<f64> = self.done().filter_map(|t| t.pain).map(f64::from).collect();
        if pains.is_empty() {
            None
        } else {
            Some((pains.iter().sum::<f64>() / pains.len() as f64, pains.len()))
        }
    }

    /// The ladder's line for the step numbered `n` (from 1), in plain
    /// words: "2. lifting a bag — expected harm 80 at first, 40 now (down
    /// 40 points) · 5 tries".
    pub fn line(&self, n: usize) -> String {
        let name = crate::text::one_line(&self.step.name);
        let (first, latest) = (self.first_expected(), self.latest_expected());
        let tries = match self.tries_done() {
            0 => "not tried yet".to_string(),
            1 => "1 try".to_string(),
            k => format!("{k} tries"),
        };
        let now = if self.tries_done() == 0 {
            String::new()
        } else if first == latest {
            format!(", {latest} now (no change)")
        } else {
            let points = i16::from(latest) - i16::from(first);
            let way = if points < 0 { "down" } else { "up" };
            let p = points.unsigned_abs();
            let unit = if p == 1 { "point" } else { "points" };
            format!(", {latest} now ({way} {p} {unit})")
        };
        let open = if self.open_try().is_some() {
            " · a try begun"
        } else {
            ""
        };
        format!("{n}. {name} — expected harm {first} at first{now} · {tries}{open}")
    }

    /// The step's own sentence, for History and the report: its
    /// expectation from the first try to the latest, with n, beside the
    /// pain after. `None` before any try is done.
    pub fn sentence(&self) -> Option<String> {
        let n = self.tries_done();
        if n == 0 {
            return None;
        }
        let name = crate::text::one_line(&self.step.name);
        let (from, to) = (self.first_expected(), self.latest_expected());
        let tries = if n == 1 {
            "1 try".to_string()
        } else {
            format!("{n} tries")
        };
        let change = if from == to {
            format!("Your expected harm for {name} stayed at {to} over {tries}")
        } else {
            let points = i16::from(to) - i16::from(from);
            let way = if points < 0 { "down" } else { "up" };
            let p = points.unsigned_abs();
            let unit = if p == 1 { "point" } else { "points" };
            format!(
                "Your expected harm for {name} went from {from} to {to} ({way} {p} {unit}) over {tries}"
            )
        };
        let pain = match self.mean_pain() {
            None => "; no pain after was recorded.".to_string(),
            Some((mean, k)) if k == n => format!("; pain after averaged {mean:.1} out of 10."),
            Some((mean, k)) => {
                format!("; pain after averaged {mean:.1} out of 10 (given for {k} of them).")
            }
        };
        Some(format!("{change}{pain}"))
    }
}

/// One step of the ladder as the report and History show it: its tries
/// done in the window, the expectation before the first of them and after
/// the last, and the pain after.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LadderLine {
    pub activity: String,
    pub tries: usize,
    pub first_expected: u8,
    pub latest_expected: u8,
    /// The change from the first to the latest, in points of 0–100.
    pub change_points: i16,
    /// The mean pain after (0–10), over `pain_after_given` of the tries.
    pub mean_pain_after: Option<f64>,
    pub pain_after_given: usize,
    /// The sentence in plain words.
    pub sentence: String,
}

/// The steps with a try done in `[from, to]`, in the ladder's order, each
/// over its tries of those days only.
pub fn ladder_lines(ladder: &[LadderStep], from: Date, to: Date) -> Vec<LadderLine> {
    ladder
        .iter()
        .filter_map(|s| {
            let within = LadderStep {
                step: s.step.clone(),
                tries: s
                    .tries
                    .iter()
                    .filter(|t| t.local_date >= from && t.local_date <= to)
                    .cloned()
                    .collect(),
            };
            let sentence = within.sentence()?;
            let (first, latest) = (within.first_expected(), within.latest_expected());
            Some(LadderLine {
                activity: s.step.name.clone(),
                tries: within.tries_done(),
                first_expected: first,
                latest_expected: latest,
                change_points: i16::from(latest) - i16::from(first),
                mean_pain_after: within.mean_pain().map(|(m, _)| (m * 10.0).round() / 10.0),
                pain_after_given: within.mean_pain().map_or(0, |(_, k)| k),
                sentence,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn step(expected: u8) -> FearStep {
        FearStep {
            uuid: "s".into(),
            name: "lifting a bag".into(),
            position: 1,
            expected,
            created_at: datetime!(2026-11-01 9:00 UTC),
            local_date: date!(2026 - 11 - 01),
        }
    }

    fn tried(before: u8, after: Option<u8>, pain: Option<u8>) -> FearTry {
        FearTry {
            uuid: format!("t{before}"),
            step: "s".into(),
            at: datetime!(2026-11-02 9:00 UTC),
            local_date: date!(2026 - 11 - 02),
            before: Some(before),
            happened: after.map(|_| "fine".to_string()),
            after,
            pain,
            note: None,
        }
    }

    #[test]
    fn the_sentence_gives_points_tries_and_pain_and_no_cause() {
        let ladder = LadderStep {
            step: step(80),
            tries: vec![
                tried(80, Some(70), Some(4)),
                tried(70, Some(55), Some(3)),
                tried(55, Some(40), None),
                tried(40, None, None),
            ],
        };
        assert_eq!(ladder.tries_done(), 3);
        assert_eq!(ladder.first_expected(), 80);
        assert_eq!(ladder.latest_expected(), 40);
        assert!(ladder.open_try().is_some());
        let said = ladder.sentence().expect("tries done");
        assert_eq!(
            said,
            "Your expected harm for lifting a bag went from 80 to 40 (down 40 points) over 3 tries; pain after averaged 3.5 out of 10 (given for 2 of them)."
        );
        for word in ["because", "helped", "worked", "better"] {
            assert!(!said.contains(word), "{said}");
        }
    }

    #[test]
    fn the_line_says_first_latest_and_tries_in_plain_words() {
        let ladder = LadderStep {
            step: step(80),
            tries: vec![tried(80, Some(79), None), tried(79, None, None)],
        };
        assert_eq!(
            ladder.line(2),
            "2. lifting a bag — expected harm 80 at first, 79 now (down 1 point) · 1 try · a try begun"
        );
        let new = LadderStep {
            step: step(30),
            tries: Vec::new(),
        };
        assert_eq!(
            new.line(1),
            "1. lifting a bag — expected harm 30 at first · not tried yet"
        );
    }

    #[test]
    fn the_report_lines_count_only_the_tries_in_the_window() {
        let mut old = tried(90, Some(80), Some(5));
        old.local_date = date!(2026 - 08 - 01);
        let ladder = [
            LadderStep {
                step: step(90),
                tries: vec![old, tried(80, Some(60), Some(2))],
            },
            LadderStep {
                step: step(50),
                tries: Vec::new(),
            },
        ];
        let lines = ladder_lines(&ladder, date!(2026 - 09 - 01), date!(2026 - 11 - 30));
        assert_eq!(lines.len(), 1, "a step never tried has no line");
        assert_eq!(
            (
                lines[0].first_expected,
                lines[0].latest_expected,
                lines[0].tries
            ),
            (80, 60, 1)
        );
        assert_eq!(lines[0].change_points, -20);
    }

    #[test]
    fn no_try_done_says_nothing_and_keeps_the_first_rating() {
        let ladder = LadderStep {
            step: step(60),
            tries: vec![tried(65, None, None)],
        };
        assert_eq!(ladder.sentence(), None);
        assert_eq!(ladder.latest_expected(), 60);
        let same = LadderStep {
            step: step(60),
            tries: vec![tried(60, Some(60), Some(2))],
        };
        assert_eq!(
            same.sentence().as_deref(),
            Some(
                "Your expected harm for lifting a bag stayed at 60 over 1 try; pain after averaged 2.0 out of 10."
            )
        );
    }
}
