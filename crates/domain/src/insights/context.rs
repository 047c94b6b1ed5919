//! What goes with your pain: for each tag and treatment, pain and anxiety
//! on the days with it and on the other days, and on the day after; for
//! each place on the body map, how often it was marked over the window.
//! Worded as what happened together, with how many days each number comes
//! from; nothing here says one thing caused another.

use std::collections::{BTreeMap, HashMap};

use serde::{Serialize, Serializer};
use time::{Date, Duration};

use crate::model::{DayContext, Region, word_key};

/// Days with a tag, and days without it, before the two are compared:
/// fewer is too little to put side by side.
pub const MIN_DAYS_EACH: u32 = 3;

/// How far apart the shares of days with pain below the knee in the two
/// halves must be (a tenth of the check-in days) to be called more or
/// less often, rather than about the same.
pub const TREND_MARGIN: f64 = 0.1;

/// Kept exact and rounded once: to two places in the JSON, to one in the
/// words (5.833 shows as 5.8, never 5.83 and then 5.9).
fn two_places<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round2(*x))
}

fn two_places_or_null<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => s.serialize_some(&round2(*x)),
        None => s.serialize_none(),
    }
}

fn slug<S: Serializer>(r: &Region, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.as_str())
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// Which words of a day are compared: its tags or its treatments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noted {
    Tag,
    Treatment,
}

impl Noted {
    fn words(self, day: &DayContext) -> &[String] {
        match self {
            Noted::Tag => &day.tags,
            Noted::Treatment => &day.took,
        }
    }
}

/// One tag or treatment: the days with it against the other check-in days
/// of the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Association {
    /// In the spelling of the latest day that has it.
    pub name: String,
    #[serde(skip)]
    pub noted: Noted,
    pub days_with: u32,
    pub days_without: u32,
    #[serde(serialize_with = "two_places")]
    pub pain_with: f64,
    #[serde(serialize_with = "two_places")]
    pub pain_without: f64,
    #[serde(serialize_with = "two_places")]
    pub anxiety_with: f64,
    #[serde(serialize_with = "two_places")]
    pub anxiety_without: f64,
    /// Mean pain on the calendar day after, over the days whose next day
    /// has a check-in; `None` when none has.
    #[serde(serialize_with = "two_places_or_null")]
    pub pain_next_day_with: Option<f64>,
    #[serde(serialize_with = "two_places_or_null")]
    pub pain_next_day_without: Option<f64>,
    /// How many days each next-day mean comes from.
    pub next_days_with: u32,
    pub next_days_without: u32,
}

/// For each tag (or treatment) with at least `MIN_DAYS_EACH` check-in days
/// with it and as many without in `[from, to]`: the means on each side,
/// the largest difference in pain first, a tie by name. Days outside the
/// window count only as a day after (the window's last day is followed by
/// the next, when `days` has it).
pub fn associations(days: &[DayContext], from: Date, to: Date, noted: Noted) -> Vec<Association> {
    let by_date: HashMap<Date, &DayContext> = days.iter().map(|d| (d.date, d)).collect();
    let mut window: Vec<&DayContext> = by_date
        .values()
        .copied()
        .filter(|d| (from..=to).contains(&d.date))
        .collect();
    window.sort_by_key(|d| d.date);
    // By key, the latest spelling.
    let mut names: BTreeMap<String, &str> = BTreeMap::new();
    for day in &window {
        for word in noted.words(day) {
            names.insert(word_key(word), word);
        }
    }
    let next_pain = |d: &DayContext| {
        d.date
            .next_day()
            .and_then(|next| by_date.get(&next))
            .map(|n| n.pain)
    };
    let mut found: Vec<Association> = names
        .into_iter()
        .filter_map(|(key, name)| {
            let (with, without): (Vec<&DayContext>, Vec<&DayContext>) = window
                .iter()
                .partition(|d| noted.words(d).iter().any(|w| word_key(w) == key));
            let (days_with, days_without) = (with.len() as u32, without.len() as u32);
            if days_with < MIN_DAYS_EACH || days_without < MIN_DAYS_EACH {
                return None;
            }
            let next_with: Vec<f64> = with.iter().filter_map(|d| next_pain(d)).collect();
            let next_without: Vec<f64> = without.iter().filter_map(|d| next_pain(d)).collect();
            Some(Association {
                name: name.to_string(),
                noted,
                days_with,
                days_without,
                pain_with: mean(with.iter().map(|d| d.pain))?,
                pain_without: mean(without.iter().map(|d| d.pain))?,
                anxiety_with: mean(with.iter().map(|d| d.anxiety))?,
                anxiety_without: mean(without.iter().map(|d| d.anxiety))?,
                pain_next_day_with: mean(next_with.iter().copied()),
                pain_next_day_without: mean(next_without.iter().copied()),
                next_days_with: next_with.len() as u32,
                next_days_without: next_without.len() as u32,
            })
        })
        .collect();
    // Differences equal to a billionth are a tie: a mean of thirds must not
    // outrank an equal one of halves by a rounding error.
    let size = |a: &Association| ((a.pain_with - a.pain_without).abs() * 1e9).round() as i64;
    found.sort_by(|a, b| {
        size(b)
            .cmp(&size(a))
            .then_with(|| word_key(&a.name).cmp(&word_key(&b.name)))
            .then_with(|| a.name.cmp(&b.name))
    });
    found
}

/// The part of the window each half covers: the window from its first
/// check-in (a record that starts inside it is not compared with days
/// before it), split in two of the same length; the middle day of an odd
/// number of days is in neither.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Halves {
    pub first_from: String,
    pub first_to: String,
    pub second_from: String,
    pub second_to: String,
    /// Days with a check-in in each half.
    pub checkin_days_first_half: u32,
    pub checkin_days_second_half: u32,
}

/// How often one place was marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionShare {
    #[serde(serialize_with = "slug")]
    pub region: Region,
    /// Check-in days in the window it was marked on.
    pub days: u32,
    /// Of the check-in days in each half, the part it was marked on (0–1);
    /// `None` for a half with no check-in.
    #[serde(serialize_with = "two_places_or_null")]
    pub share_first_half: Option<f64>,
    #[serde(serialize_with = "two_places_or_null")]
    pub share_second_half: Option<f64>,
    pub days_first_half: u32,
    pub days_second_half: u32,
}

/// Whether pain below the knee is marked more or less often lately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Not marked in the window.
    NotMarked,
    /// Fewer than `MIN_DAYS_EACH` check-in days in a half.
    TooFewDays,
    MoreOften,
    LessOften,
    AboutTheSame,
}

/// Pain below the knee (either leg), half against half.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BelowKnee {
    pub trend: Trend,
    pub days: u32,
    pub days_first_half: u32,
    pub days_second_half: u32,
    pub checkin_days_first_half: u32,
    pub checkin_days_second_half: u32,
}

/// Everything "what goes with your pain" says about a window; its field
/// names are the report's JSON keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextReport {
    pub tags: Vec<Association>,
    pub treatments: Vec<Association>,
    /// The places marked at least once, from the neck down.
    pub locations: Vec<RegionShare>,
    /// `None` when the window has no check-in.
    pub location_halves: Option<Halves>,
    pub below_knee: BelowKnee,
}

/// What goes with pain over `[from, to]`, from the days `Store::day_contexts`
/// gives (ask it for one day past `to`, so the last day has a day after).
pub fn context_report(days: &[DayContext], from: Date, to: Date) -> ContextReport {
    let (locations, location_halves, below_knee) = locations(days, from, to);
    ContextReport {
        tags: associations(days, from, to, Noted::Tag),
        treatments: associations(days, from, to, Noted::Treatment),
        locations,
        location_halves,
        below_knee,
    }
}

fn locations(
    days: &[DayContext],
    from: Date,
    to: Date,
) -> (Vec<RegionShare>, Option<Halves>, BelowKnee) {
    let window: Vec<&DayContext> = days
        .iter()
        .filter(|d| (from..=to).contains(&d.date))
        .collect();
    let mut below = BelowKnee {
        trend: Trend::NotMarked,
        days: 0,
        days_first_half: 0,
        days_second_half: 0,
        checkin_days_first_half: 0,
        checkin_days_second_half: 0,
    };
    let Some(start) = window.iter().map(|d| d.date).min() else {
        return (Vec::new(), None, below);
    };
    let half = ((to - start).whole_days() + 1) / 2;
    let first = start..=start + Duration::days(half - 1);
    let second = to - Duration::days(half - 1)..=to;
    let in_first = |d: &DayContext| half > 0 && first.contains(&d.date);
    let in_second = |d: &DayContext| half > 0 && second.contains(&d.date);
    let count = |pick: &dyn Fn(&DayContext) -> bool| -> (u32, u32, u32) {
        let marked = window.iter().filter(|d| pick(d));
        let all = marked.clone().count() as u32;
        let a = marked.clone().filter(|d| in_first(d)).count() as u32;
        let b = marked.filter(|d| in_second(d)).count() as u32;
        (all, a, b)
    };
    let (_, n_first, n_second) = count(&|_| true);
    let share = |n: u32, of: u32| (of > 0).then(|| f64::from(n) / f64::from(of));
    let regions = Region::ALL
        .into_iter()
        .filter_map(|region| {
            let (days, a, b) = count(&|d| d.regions.contains(&region));
            (days > 0).then(|| RegionShare {
                region,
                days,
                share_first_half: share(a, n_first),
                share_second_half: share(b, n_second),
                days_first_half: a,
                days_second_half: b,
            })
        })
        .collect();
    let (days, a, b) = count(&|d| d.regions.iter().any(|r| r.is_below_knee()));
    below.days = days;
    below.days_first_half = a;
    below.days_second_half = b;
    below.checkin_days_first_half = n_first;
    below.checkin_days_second_half = n_second;
    below.trend = match (share(a, n_first), share(b, n_second)) {
        _ if days == 0 => Trend::NotMarked,
        _ if n_first < MIN_DAYS_EACH || n_second < MIN_DAYS_EACH => Trend::TooFewDays,
        (Some(x), Some(y)) if y - x >= TREND_MARGIN => Trend::MoreOften,
        (Some(x), Some(y)) if x - y >= TREND_MARGIN => Trend::LessOften,
        _ => Trend::AboutTheSame,
    };
    let halves = Halves {
        first_from: first.start().to_string(),
        first_to: first.end().to_string(),
        second_from: second.start().to_string(),
        second_to: second.end().to_string(),
        checkin_days_first_half: n_first,
        checkin_days_second_half: n_second,
    };
    (regions, Some(halves), below)
}

/// "1 day", "7 days".
fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// "40 %".
fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

impl Association {
    /// "On the 7 days you tagged poor sleep your pain averaged 5.8; on the
    /// 40 other days 4.1."
    pub fn sentence(&self) -> String {
        let verb = match self.noted {
            Noted::Tag => "tagged",
            Noted::Treatment => "noted",
        };
        format!(
            "On the {} you {verb} {} your pain averaged {:.1}; on the {} other days {:.1}.",
            days(self.days_with),
            self.name,
            self.pain_with,
            self.days_without,
            self.pain_without
        )
    }

    /// "Anxiety averaged 4.2 on those days and 3.0 on the others."
    pub fn anxiety_sentence(&self) -> String {
        format!(
            "Anxiety averaged {:.1} on those days and {:.1} on the others.",
            self.anxiety_with, self.anxiety_without
        )
    }

    /// "The day after, pain averaged 5.1 (over 6 days) and 4.3 after the
    /// other days (over 35)." `None` when either side has no day after
    /// with a check-in.
    pub fn next_day_sentence(&self) -> Option<String> {
        let (with, without) = (self.pain_next_day_with?, self.pain_next_day_without?);
        Some(format!(
            "The day after, pain averaged {with:.1} (over {}) and {without:.1} after the other days (over {}).",
            days(self.next_days_with),
            days(self.next_days_without)
        ))
    }
}

impl RegionShare {
    /// "Lower back: marked on 20 days; on 60 % of the days with a check-in
    /// in the first half of the window and 45 % in the second."
    pub fn sentence(&self) -> String {
        let head = format!(
            "{}: marked on {}",
            capitalised(self.region.label()),
            days(self.days)
        );
        match (self.share_first_half, self.share_second_half) {
            (Some(a), Some(b)) => format!(
                "{head}; on {} of the days with a check-in in the first half of the window and {} in the second.",
                percent(a),
                percent(b)
            ),
            _ => format!("{head}."),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl BelowKnee {
    /// In words, calmly; `None` when it was not marked.
    pub fn sentence(&self) -> Option<String> {
        let counts = format!(
            "Pain below the knee was marked on {} of {} with a check-in in the first half of the window and {} of {} in the second",
            self.days_first_half,
            days(self.checkin_days_first_half),
            self.days_second_half,
            self.checkin_days_second_half
        );
        Some(match self.trend {
            Trend::NotMarked => return None,
            Trend::TooFewDays => format!(
                "Pain below the knee was marked on {}; too few days with a check-in yet to tell whether it is becoming more or less frequent.",
                days(self.days)
            ),
            Trend::MoreOften => format!("{counts}: more often lately."),
            Trend::LessOften => format!("{counts}: less often lately."),
            Trend::AboutTheSame => format!("{counts}: about as often."),
        })
    }
}

impl ContextReport {
    /// The report's lines about it, in order: tags, treatments, places.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for a in self.tags.iter().chain(&self.treatments) {
            lines.push(a.sentence());
            lines.push(a.anxiety_sentence());
            lines.extend(a.next_day_sentence());
        }
        lines.extend(self.locations.iter().map(RegionShare::sentence));
        lines.extend(self.below_knee.sentence());
        lines
    }
}

#[cfg(test)]
mod tests;
