//! The progress report, in the terms of the study behind limber: twelve
//! weeks of regular exercise, change in pain and wellbeing in percent. It
//! reports what happened in the user's own numbers, with sample sizes, and
//! never claims a cause.

use serde::Serialize;
use time::{Date, Duration};

use super::ExposureStat;
use crate::model::{DayCheckins, DaySessions, Exposure, Scale, SessionPair};

/// Days at each end of the window that make the baseline and the current mean.
pub const END_DAYS: i64 = 14;
/// Days on each side needed before "days after you moved" is said.
pub const MIN_DAYS: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub from: String,
    pub to: String,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleChange {
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub change_pct: Option<i64>,
    pub n_baseline: u32,
    pub n_current: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sessions {
    pub count: u32,
    pub per_week: f64,
    pub goal_per_week: u32,
    pub active_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionEffect {
    pub pain_delta: Option<f64>,
    pub anxiety_delta: Option<f64>,
    pub n: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    pub after_active: f64,
    pub after_rest: f64,
    pub n_active: u32,
    pub n_rest: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovementEffect {
    pub pain: Option<Split>,
    pub anxiety: Option<Split>,
    pub mood: Option<Split>,
}

/// Expected against actual pain of one feared exercise in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FearedExercise {
    pub exercise: String,
    /// Its means rounded to two places.
    #[serde(flatten)]
    pub stat: ExposureStat,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub window: Window,
    pub pain: ScaleChange,
    pub anxiety: ScaleChange,
    pub mood: ScaleChange,
    pub fear: ScaleChange,
    pub sessions: Sessions,
    pub session_effect: SessionEffect,
    pub movement_effect: MovementEffect,
    pub exposure: Vec<FearedExercise>,
}

/// The default window: the twelve weeks (84 days) ending on `to`.
pub fn default_from(to: Date) -> Date {
    to - Duration::days(83)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The mean of a scale over every check-in with a date in `[from, to]`.
fn mean_between(days: &[DayCheckins], scale: Scale, from: Date, to: Date) -> (Option<f64>, u32) {
    let (mut sum, mut n) = (0.0, 0);
    for d in days.iter().filter(|d| d.date >= from && d.date <= to) {
        let (s, k) = match scale {
            Scale::Pain => (d.pain, d.n),
            Scale::Anxiety => (d.anxiety, d.n),
            Scale::Mood => (d.mood, d.n),
            Scale::Fear => (d.fear, d.fear_n),
        };
        sum += s;
        n += k;
    }
    ((n > 0).then(|| sum / f64::from(n)), n)
}

fn change(days: &[DayCheckins], scale: Scale, from: Date, to: Date) -> ScaleChange {
    let (baseline, n_baseline) =
        mean_between(days, scale, from, from + Duration::days(END_DAYS - 1));
    let (current, n_current) = mean_between(days, scale, to - Duration::days(END_DAYS - 1), to);
    let change_pct = match (baseline, current) {
        (Some(b), Some(c)) if b != 0.0 => Some(((c - b) / b * 100.0).round() as i64),
        _ => None,
    };
    ScaleChange {
        baseline: baseline.map(round2),
        current: current.map(round2),
        change_pct,
        n_baseline,
        n_current,
    }
}

fn split(days: &[DayCheckins], active: &[Date], scale: Scale) -> Option<Split> {
    let (mut a, mut na, mut r, mut nr) = (0.0, 0u32, 0.0, 0u32);
    for d in days {
        let Some(mean) = d.mean(scale) else { continue };
        let moved = d
            .date
            .previous_day()
            .is_some_and(|p| active.binary_search(&p).is_ok());
        if moved {
            a += mean;
            na += 1;
        } else {
            r += mean;
            nr += 1;
        }
    }
    (na >= MIN_DAYS && nr >= MIN_DAYS).then(|| Split {
        after_active: round2(a / f64::from(na)),
        after_rest: round2(r / f64::from(nr)),
        n_active: na,
        n_rest: nr,
    })
}

/// Builds the report for `[from, to]`. `days` are the daily check-in sums,
/// `sessions` the days with completed sessions (from the day before `from`,
/// for "days after you moved"), `pairs` the sessions with a check-in before
/// and after.
pub fn build(
    from: Date,
    to: Date,
    days: &[DayCheckins],
    sessions: &[DaySessions],
    pairs: &[SessionPair],
    goal_per_week: u32,
    exposures: &[(String, Vec<Exposure>)],
) -> Report {
    let days: Vec<DayCheckins> = days
        .iter()
        .copied()
        .filter(|d| d.date >= from && d.date <= to)
        .collect();
    let length = (to - from).whole_days() + 1;
    let in_window: Vec<&DaySessions> = sessions
        .iter()
        .filter(|s| s.date >= from && s.date <= to)
        .collect();
    let count: u32 = in_window.iter().map(|s| s.sessions).sum();
    let seconds: u32 = in_window.iter().map(|s| s.active_seconds).sum();
    let per_week = if length > 0 {
        (f64::from(count) / (length as f64 / 7.0) * 10.0).round() / 10.0
    } else {
        0.0
    };
    let pairs: Vec<&SessionPair> = pairs
        .iter()
        .filter(|p| p.date >= from && p.date <= to)
        .collect();
    let n = pairs.len() as u32;
    let delta = |f: fn(&SessionPair) -> (u8, u8)| {
        (n > 0).then(|| {
            round2(
                pairs
                    .iter()
                    .map(|p| {
                        let (before, after) = f(p);
                        f64::from(after) - f64::from(before)
                    })
                    .sum::<f64>()
                    / f64::from(n),
            )
        })
    };
    let mut active: Vec<Date> = sessions
        .iter()
        .filter(|s| s.sessions > 0)
        .map(|s| s.date)
        .collect();
    active.sort_unstable();
    Report {
        window: Window {
            from: from.to_string(),
            to: to.to_string(),
            days: length,
        },
        pain: change(&days, Scale::Pain, from, to),
        anxiety: change(&days, Scale::Anxiety, from, to),
        mood: change(&days, Scale::Mood, from, to),
        fear: change(&days, Scale::Fear, from, to),
        sessions: Sessions {
            count,
            per_week,
            goal_per_week,
            active_minutes: (seconds + 30) / 60,
        },
        session_effect: SessionEffect {
            pain_delta: delta(|p| p.pain),
            anxiety_delta: delta(|p| p.anxiety),
            n,
        },
        movement_effect: MovementEffect {
            pain: split(&days, &active, Scale::Pain),
            anxiety: split(&days, &active, Scale::Anxiety),
            mood: split(&days, &active, Scale::Mood),
        },
        exposure: exposures
            .iter()
            .filter_map(|(name, tries)| {
                super::exposure_stat(tries).map(|s| FearedExercise {
                    exercise: name.clone(),
                    stat: ExposureStat {
                        n: s.n,
                        expected_mean: round2(s.expected_mean),
                        actual_mean: round2(s.actual_mean),
                    },
                })
            })
            .collect(),
    }
}

/// "−8 %", "+3 %", "0 %" with a true minus sign.
fn percent(p: i64) -> String {
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

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Report {
    fn scales(&self) -> [(Scale, &ScaleChange); 4] {
        [
            (Scale::Pain, &self.pain),
            (Scale::Anxiety, &self.anxiety),
            (Scale::Mood, &self.mood),
            (Scale::Fear, &self.fear),
        ]
    }

    /// "Pain: 5.0 → 4.6 (−8 %), from 12 and 11 check-ins".
    pub fn scale_line(scale: Scale, c: &ScaleChange) -> String {
        match (c.baseline, c.current) {
            (Some(b), Some(cur)) => {
                let pct = c
                    .change_pct
                    .map_or(String::new(), |p| format!(" ({})", percent(p)));
                format!(
                    "{}: {b:.1} → {cur:.1}{pct}, from {} and {} check-ins",
                    scale.title(),
                    c.n_baseline,
                    c.n_current
                )
            }
            _ => format!(
                "{}: not enough check-ins to compare ({} in the first two weeks, {} in the last two)",
                scale.title(),
                c.n_baseline,
                c.n_current
            ),
        }
    }

    /// The report's lines in plain words, without headings.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (scale, c) in self.scales() {
            lines.push(Report::scale_line(scale, c));
        }
        let s = &self.sessions;
        lines.push(format!(
            "Sessions: {} in {} days, {:.1} a week (your goal: {}), {} active minutes",
            s.count, self.window.days, s.per_week, s.goal_per_week, s.active_minutes
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
                    "On the {} after a session your {} averaged {:.1}; on the {} other days {:.1}",
                    plural(sp.n_active, "day", "days"),
                    scale.name(),
                    sp.after_active,
                    sp.n_rest,
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
        lines
    }

    pub fn title(&self) -> String {
        format!(
            "Your progress, {} to {} ({} days)",
            self.window.from, self.window.to, self.window.days
        )
    }

    pub const NOTE: &'static str = "These are your own numbers and how many check-ins they come from. They describe what happened; they do not say why, and they are not a diagnosis.";

    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.title());
        for line in self.lines() {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
        out.push_str(Report::NOTE);
        out.push('\n');
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n", self.title());
        for line in self.lines() {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str(&format!("\n_{}_\n", Report::NOTE));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn day(date: Date, pains: &[u8]) -> DayCheckins {
        DayCheckins {
            date,
            n: pains.len() as u32,
            pain: pains.iter().map(|&p| f64::from(p)).sum(),
            anxiety: pains.len() as f64 * 3.0,
            mood: pains.len() as f64 * 6.0,
            fear: 0.0,
            fear_n: 0,
        }
    }

    /// The study's test case: twelve weeks in which pain falls from a mean
    /// of 5.0 in the first two weeks to 4.6 in the last two, with noise in
    /// between that must not count and a day with two check-ins.
    #[test]
    fn pain_falling_from_5_0_to_4_6_is_minus_8_percent() {
        let from = date!(2026 - 09 - 02);
        let to = from + Duration::days(83);
        let mut days = Vec::new();
        // First 14 days: 12 check-ins, six 4s and six 6s; day 0 has two.
        days.push(day(from, &[4, 6]));
        for i in 1..11 {
            days.push(day(
                from + Duration::days(i),
                &[if i % 2 == 0 { 4 } else { 6 }],
            ));
        }
        // The middle: noise.
        for i in 20..60 {
            days.push(day(from + Duration::days(i), &[9]));
        }
        // Last 14 days: ten check-ins, six 5s and four 4s: 46 / 10 = 4.6.
        for i in 0..10 {
            days.push(day(to - Duration::days(i), &[if i < 6 { 5 } else { 4 }]));
        }
        let report = build(from, to, &days, &[], &[], 3, &[]);
        assert_eq!(report.window.days, 84);
        assert_eq!((report.pain.n_baseline, report.pain.n_current), (12, 10));
        assert_eq!(report.pain.baseline, Some(5.0));
        assert_eq!(report.pain.current, Some(4.6));
        assert_eq!(report.pain.change_pct, Some(-8));
        assert_eq!(
            Report::scale_line(Scale::Pain, &report.pain),
            "Pain: 5.0 → 4.6 (−8 %), from 12 and 10 check-ins"
        );
        assert_eq!(report.fear.change_pct, None);
        assert_eq!(report.fear.n_baseline, 0);
    }

    #[test]
    fn an_empty_history_has_nulls_and_kind_words() {
        let to = date!(2026 - 11 - 25);
        let report = build(default_from(to), to, &[], &[], &[], 3, &[]);
        assert_eq!(report.window.from, "2026-09-03");
        assert_eq!(report.pain.baseline, None);
        assert_eq!(report.pain.change_pct, None);
        assert_eq!(report.sessions.count, 0);
        assert_eq!(report.session_effect.n, 0);
        assert_eq!(report.movement_effect.pain, None);
        let text = report.text();
        assert!(text.contains("not enough check-ins to compare"), "{text}");
        assert!(text.contains("not a diagnosis"));
    }

    #[test]
    fn a_zero_baseline_has_no_percent() {
        let from = date!(2026 - 09 - 02);
        let to = from + Duration::days(83);
        let days = vec![day(from, &[0]), day(to, &[2])];
        let report = build(from, to, &days, &[], &[], 3, &[]);
        assert_eq!(report.pain.baseline, Some(0.0));
        assert_eq!(report.pain.change_pct, None);
    }

    #[test]
    fn sessions_effects_and_days_after_moving() {
        let from = date!(2026 - 11 - 01);
        let to = date!(2026 - 11 - 28);
        // Sessions on the 1st, 3rd, 5th, 7th (and one the day before the window).
        let sessions: Vec<DaySessions> = [
            date!(2026 - 10 - 31),
            date!(2026 - 11 - 01),
            date!(2026 - 11 - 03),
            date!(2026 - 11 - 05),
            date!(2026 - 11 - 07),
        ]
        .iter()
        .map(|&d| DaySessions {
            date: d,
            sessions: 1,
            active_seconds: 600,
        })
        .collect();
        // Pain 3 on days after a session (1st, 2nd, 4th, 6th, 8th), 6 otherwise (9th–12th).
        let mut days = Vec::new();
        for d in [1, 2, 4, 6, 8] {
            days.push(day(
                Date::from_calendar_date(2026, time::Month::November, d).expect("date"),
                &[3],
            ));
        }
        for d in 9..=12 {
            days.push(day(
                Date::from_calendar_date(2026, time::Month::November, d).expect("date"),
                &[6],
            ));
        }
        let pairs = [
            SessionPair {
                date: date!(2026 - 11 - 01),
                pain: (6, 4),
                anxiety: (5, 4),
            },
            SessionPair {
                date: date!(2026 - 11 - 03),
                pain: (5, 4),
                anxiety: (4, 4),
            },
            SessionPair {
                date: date!(2026 - 10 - 31),
                pain: (9, 0),
                anxiety: (9, 0),
            },
        ];
        let report = build(from, to, &days, &sessions, &pairs, 3, &[]);
        assert_eq!(report.sessions.count, 4);
        assert_eq!(report.sessions.per_week, 1.0);
        assert_eq!(report.sessions.active_minutes, 40);
        assert_eq!(report.session_effect.n, 2);
        assert_eq!(report.session_effect.pain_delta, Some(-1.5));
        assert_eq!(report.session_effect.anxiety_delta, Some(-0.5));
        let pain = report.movement_effect.pain.clone().expect("enough days");
        assert_eq!((pain.n_active, pain.n_rest), (5, 4));
        assert_eq!((pain.after_active, pain.after_rest), (3.0, 6.0));
        let text = report.text();
        assert!(
            text.contains(
                "On the 5 days after a session your pain averaged 3.0; on the 4 other days 6.0"
            ),
            "{text}"
        );
        for word in ["because", "caused", "helps", "improve"] {
            assert!(
                !text.to_lowercase().contains(word),
                "the report says {word:?}"
            );
        }
    }

    #[test]
    fn the_json_has_the_documented_shape() {
        let to = date!(2026 - 11 - 25);
        let report = build(default_from(to), to, &[], &[], &[], 3, &[]);
        let json = serde_json::to_value(&report).expect("json");
        for key in [
            "window",
            "pain",
            "anxiety",
            "mood",
            "fear",
            "sessions",
            "session_effect",
            "movement_effect",
        ] {
            assert!(json.get(key).is_some(), "no {key}");
        }
        for key in [
            "baseline",
            "current",
            "change_pct",
            "n_baseline",
            "n_current",
        ] {
            assert!(json["pain"].get(key).is_some(), "no pain.{key}");
        }
        for key in ["count", "per_week", "goal_per_week", "active_minutes"] {
            assert!(json["sessions"].get(key).is_some(), "no sessions.{key}");
        }
        assert_eq!(json["window"]["days"], 84);
        assert!(json["movement_effect"]["pain"].is_null());
    }

    fn try_of(expected: Option<u8>, actual: Option<u8>) -> Exposure {
        Exposure {
            date: date!(2026 - 11 - 20),
            expected,
            actual,
        }
    }

    #[test]
    fn exposure_rows_name_the_exercise_with_n_and_means() {
        let to = date!(2026 - 11 - 25);
        let exposures = vec![
            (
                "Bird-dog".to_string(),
                vec![try_of(Some(7), Some(3)), try_of(Some(5), Some(3))],
            ),
            ("Bridge".to_string(), vec![try_of(Some(4), None)]),
        ];
        let report = build(default_from(to), to, &[], &[], &[], 3, &exposures);
        assert_eq!(
            report.exposure,
            vec![FearedExercise {
                exercise: "Bird-dog".to_string(),
                stat: ExposureStat {
                    n: 2,
                    expected_mean: 6.0,
                    actual_mean: 3.0
                }
            }]
        );
        assert!(
            report.text().contains(
                "Bird-dog (an exercise you fear): you expected 6 and got 3, over 2 tries"
            )
        );
        let json = serde_json::to_value(&report).expect("json");
        assert_eq!(
            json["exposure"],
            serde_json::json!([{"exercise": "Bird-dog", "n": 2, "expected_mean": 6.0, "actual_mean": 3.0}])
        );
    }

    #[test]
    fn one_check_in_gives_a_baseline_and_no_change() {
        let to = date!(2026 - 11 - 25);
        let from = default_from(to);
        let report = build(
            from,
            to,
            &[day(from + Duration::days(2), &[4])],
            &[],
            &[],
            3,
            &[],
        );
        assert_eq!(
            (report.pain.baseline, report.pain.n_baseline),
            (Some(4.0), 1)
        );
        assert_eq!((report.pain.current, report.pain.n_current), (None, 0));
        assert_eq!(report.pain.change_pct, None);
        assert!(report.text().contains(
            "Pain: not enough check-ins to compare (1 in the first two weeks, 0 in the last two)"
        ));
    }
}
