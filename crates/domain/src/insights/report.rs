//! The progress report, in the terms of the study behind limber: twelve
//! weeks of regular exercise, change in pain and wellbeing in percent. It
//! reports what happened in the user's own numbers, with sample sizes, and
//! never claims a cause. How it is put in words is in `words`.

mod study;
mod words;

use serde::{Serialize, Serializer};
use time::{Date, Duration};

use super::ExposureStat;
use crate::model::{DayCheckins, DaySessions, Exposure, Scale, SessionPair};

/// Days at each end of the window that make the baseline and the current
/// mean; a shorter window is split in two halves that do not overlap.
pub const END_DAYS: i64 = 14;
/// Days on each side needed before "days after you moved" is said.
pub const MIN_DAYS: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub from: String,
    pub to: String,
    pub days: i64,
    /// The two periods compared, when they are not the window's first and
    /// last 14 days: a record that starts inside the window, or a window
    /// shorter than 28 days. Left out otherwise, so a long history's report
    /// keeps its shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared: Option<Compared>,
}

/// The baseline and current periods, as dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    pub baseline_from: String,
    pub baseline_to: String,
    pub current_from: String,
    pub current_to: String,
    /// Days in each period.
    pub days: i64,
    /// The baseline starts at the user's first check-in, inside the window.
    pub from_first_checkin: bool,
}

/// Means are kept exact and rounded once: to two places in the JSON, to
/// one in the words (3.1538 shows as 3.2, never 3.15 and then 3.1).
fn two_places<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round2(*x))
}

fn two_places_or_null<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => s.serialize_some(&round2(*x)),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleChange {
    #[serde(serialize_with = "two_places_or_null")]
    pub baseline: Option<f64>,
    #[serde(serialize_with = "two_places_or_null")]
    pub current: Option<f64>,
    pub change_pct: Option<i64>,
    /// The change in points between the means as shown (one place): what
    /// the words give.
    #[serde(serialize_with = "two_places_or_null")]
    pub change_points: Option<f64>,
    /// Days with a check-in in each period (the means are per day first).
    pub n_baseline: u32,
    pub n_current: u32,
    /// Days in each compared period (0 when the record is one day long).
    #[serde(skip)]
    pub period_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sessions {
    pub count: u32,
    /// Sessions a week over `days`: the days the record covers inside the
    /// window, from the first entry (`insights::count::per_week`).
    pub per_week: f64,
    /// The days the rate is over: the window from the first entry on.
    pub days: i64,
    pub goal_per_week: u32,
    pub active_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionEffect {
    #[serde(serialize_with = "two_places_or_null")]
    pub pain_delta: Option<f64>,
    #[serde(serialize_with = "two_places_or_null")]
    pub anxiety_delta: Option<f64>,
    pub n: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    #[serde(serialize_with = "two_places")]
    pub after_active: f64,
    #[serde(serialize_with = "two_places")]
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
    /// The exposure ladder's steps tried in the window (`ladder` in the
    /// JSON, left out when none); empty from `build`, filled by the caller.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ladder: Vec<crate::model::LadderLine>,
    /// The notes written in the window, oldest first: only when asked for
    /// (`report --notes`), as a report is often shown to someone else and
    /// notes are private.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<ReportNote>>,
    /// Fitness and wellbeing (`fitness`, `wellbeing` in the JSON); empty
    /// from `build`, filled from their own results by the caller.
    #[serde(flatten)]
    pub outcomes: super::outcomes::Outcomes,
    /// What goes with your pain (`tags`, `treatments`, `locations`,
    /// `location_halves`, `below_knee` in the JSON); empty from `build`,
    /// filled from the days' contexts by the caller.
    #[serde(flatten)]
    pub context: super::context::ContextReport,
}

/// A note of the diary as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportNote {
    pub date: String,
    /// The local time, "08:30"; none for a flare-up, which is a whole day.
    pub time: Option<String>,
    /// "check-in", "session" or "flare-up".
    pub kind: String,
    pub note: String,
}

/// The default window: the twelve weeks (84 days) ending on `to`.
pub fn default_from(to: Date) -> Date {
    to - Duration::days(83)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The mean of a scale over `[from, to]`, per day first: each day's mean,
/// then the mean of the days, so a day with a session's two check-ins
/// weighs no more than a day with one; with the number of days.
fn mean_between(days: &[DayCheckins], scale: Scale, from: Date, to: Date) -> (Option<f64>, u32) {
    let means: Vec<f64> = days
        .iter()
        .filter(|d| d.date >= from && d.date <= to)
        .filter_map(|d| d.mean(scale))
        .collect();
    let n = means.len() as u32;
    ((n > 0).then(|| means.iter().sum::<f64>() / f64::from(n)), n)
}

/// The baseline and current periods, `[start, start + half)` and
/// `(to - half, to]`, each `END_DAYS` long or half of `[start, to]` when
/// that is shorter, so they never overlap; `None` for a single day.
fn periods(start: Date, to: Date) -> Option<((Date, Date), (Date, Date))> {
    let half = ((to - start).whole_days() + 1).div_euclid(2).min(END_DAYS);
    (half > 0).then(|| {
        let last = Duration::days(half - 1);
        ((start, start + last), (to - last, to))
    })
}

fn change(
    days: &[DayCheckins],
    scale: Scale,
    periods: Option<((Date, Date), (Date, Date))>,
) -> ScaleChange {
    let Some(((b_from, b_to), (c_from, c_to))) = periods else {
        return ScaleChange {
            baseline: None,
            current: None,
            change_pct: None,
            change_points: None,
            n_baseline: 0,
            n_current: 0,
            period_days: 0,
        };
    };
    let (baseline, n_baseline) = mean_between(days, scale, b_from, b_to);
    let (current, n_current) = mean_between(days, scale, c_from, c_to);
    // From the means as the text shows them (one place), so "3.6 → 3.6"
    // never reads "−2 %".
    let change_pct = match (baseline.map(words::shown), current.map(words::shown)) {
        (Some(b), Some(c)) if b != 0.0 => Some(((c - b) / b * 100.0).round() as i64),
        _ => None,
    };
    let change_points = match (baseline, current) {
        (Some(b), Some(c)) => Some(words::scale_points(b, c)),
        _ => None,
    };
    ScaleChange {
        baseline,
        current,
        change_pct,
        change_points,
        n_baseline,
        n_current,
        period_days: (b_to - b_from).whole_days() + 1,
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
        after_active: a / f64::from(na),
        after_rest: r / f64::from(nr),
        n_active: na,
        n_rest: nr,
    })
}

/// The window `[from, to]` a report covers, and the first day of the
/// user's record (`None` for an empty store).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: Date,
    pub to: Date,
    pub first_day: Option<Date>,
}

impl Span {
    /// A window inside a record that started before it.
    pub fn within_record(from: Date, to: Date) -> Span {
        Span {
            from,
            to,
            first_day: Some(Date::MIN),
        }
    }
}

/// Builds the report for `span`. `days` are the daily check-in sums,
/// `sessions` the days with completed sessions (from the day before `from`,
/// for "days after you moved"), `pairs` the sessions with a check-in before
/// and after. When the record starts inside the window, the baseline is the
/// first days from the first check-in rather than days with none.
pub fn build(
    span: Span,
    days: &[DayCheckins],
    sessions: &[DaySessions],
    pairs: &[SessionPair],
    goal_per_week: u32,
    exposures: &[(String, Vec<Exposure>)],
) -> Report {
    let Span { from, to, .. } = span;
    let days: Vec<DayCheckins> = days
        .iter()
        .copied()
        .filter(|d| d.date >= from && d.date <= to)
        .collect();
    let length = (to - from).whole_days() + 1;
    let record_starts_inside = span.first_day.is_none_or(|first| first >= from);
    let start = days
        .iter()
        .find(|d| d.n > 0 || d.fear_n > 0)
        .map(|d| d.date)
        .filter(|_| record_starts_inside)
        .unwrap_or(from);
    let compare = periods(start, to);
    let in_window: Vec<&DaySessions> = sessions
        .iter()
        .filter(|s| s.date >= from && s.date <= to)
        .collect();
    let count: u32 = in_window.iter().map(|s| s.sessions).sum();
    let seconds: u32 = in_window.iter().map(|s| s.active_seconds).sum();
    // A rate over the person's own span: from the first entry, not from
    // days before they started.
    let first_entry = span.first_day.filter(|&f| f > from);
    let covered = first_entry
        .map_or(length, |f| (to - f).whole_days() + 1)
        .max(0);
    let per_week = if length > 0 {
        (super::count::per_week(count, from, to, first_entry) * 10.0).round() / 10.0
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
            pairs
                .iter()
                .map(|p| {
                    let (before, after) = f(p);
                    f64::from(after) - f64::from(before)
                })
                .sum::<f64>()
                / f64::from(n)
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
            compared: compare
                .filter(|&((b_from, b_to), _)| {
                    b_from != from || (b_to - b_from).whole_days() + 1 != END_DAYS
                })
                .map(|((b_from, b_to), (c_from, c_to))| Compared {
                    baseline_from: b_from.to_string(),
                    baseline_to: b_to.to_string(),
                    current_from: c_from.to_string(),
                    current_to: c_to.to_string(),
                    days: (b_to - b_from).whole_days() + 1,
                    from_first_checkin: b_from != from,
                }),
        },
        pain: change(&days, Scale::Pain, compare),
        anxiety: change(&days, Scale::Anxiety, compare),
        mood: change(&days, Scale::Mood, compare),
        fear: change(&days, Scale::Fear, compare),
        sessions: Sessions {
            count,
            per_week,
            days: covered,
            goal_per_week,
            active_minutes: super::minutes(seconds),
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
        ladder: Vec::new(),
        outcomes: Default::default(),
        context: super::context::context_report(&[], from, to),
        notes: None,
    }
}

#[cfg(test)]
mod tests;
