//! What goes with your pain: for each tag and treatment, pain and anxiety
//! on the days with it and on the other days, and on the day after; for
//! each place on the body map, how often it was marked over the window.
//! Worded as what happened together, with how many days each number comes
//! from; nothing here says one thing caused another.

use std::collections::{BTreeMap, HashMap};

use serde::{Serialize, Serializer};
use time::{Date, Duration};

use crate::model::{DayContext, Region, word_key};

/// Days with a tag, and answered days without it, before the two are
/// compared: below this on either side limber says "too few to tell".
/// limber's own choice, not a clinical rule: one day moves a mean of a
/// 0–10 scale over n days by at most 10/n points, which from ten days on
/// is at most 1 point, half of pain's minimal important change (2 points,
/// `PAIN_DETECTABLE_POINTS`); over 3 days it could be 3.3 points.
pub const MIN_DAYS_EACH: u32 = 10;

/// How far apart the shares of days with pain below the knee in the two
/// halves must be (a tenth of the answered days) to be called more or
/// less often, rather than about the same; and it is called either only
/// with `MIN_DAYS_EACH` days marked in the window.
pub const TREND_MARGIN: f64 = 0.1;

/// Two means of pain closer than this are not worded as a difference:
/// pain's minimal important change (Ostelo et al. 2008; see README).
pub const PAIN_DIFFERENCE: f64 = super::outcomes::PAIN_DETECTABLE_POINTS;

/// Said wherever a treatment is set beside pain.
pub const TREATMENT_CAVEAT: &str = "Treatments are often taken on worse days, so pain on and after the days of a treatment says nothing about whether it helped or made the pain worse.";

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

    /// Whether the day's row was answered (so a day without the word is
    /// "without", not unknown).
    fn answered(self, day: &DayContext) -> bool {
        !self.words(day).is_empty()
            || match self {
                Noted::Tag => day.answered.tags,
                Noted::Treatment => day.answered.took,
            }
    }
}

/// A tag or treatment with too few days on a side to compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TooFew {
    pub name: String,
    pub days_with: u32,
    /// The days whose row was answered without it.
    pub days_without: u32,
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
/// with it and as many answered days without it in `[from, to]`: the means
/// on each side, the most evidence first (the most days on its smaller
/// side, then in all), a tie by name. A day whose row was not answered
/// (nothing marked and not answered with nothing) is on neither side.
/// Days outside the window count only as a day after (the window's last
/// day is followed by the next, when `days` has it).
pub fn associations(days: &[DayContext], from: Date, to: Date, noted: Noted) -> Vec<Association> {
    compare(days, from, to, noted).0
}

/// The tags (or treatments) in `[from, to]` with fewer than
/// `MIN_DAYS_EACH` days on a side: too few to tell. The most days with it
/// first, a tie by name.
pub fn too_few_to_tell(days: &[DayContext], from: Date, to: Date, noted: Noted) -> Vec<TooFew> {
    compare(days, from, to, noted).1
}

fn compare(
    days: &[DayContext],
    from: Date,
    to: Date,
    noted: Noted,
) -> (Vec<Association>, Vec<TooFew>) {
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
    let mut few = Vec::new();
    let mut found: Vec<Association> = names
        .into_iter()
        .filter_map(|(key, name)| {
            let has = |d: &DayContext| noted.words(d).iter().any(|w| word_key(w) == key);
            let with: Vec<&DayContext> = window.iter().copied().filter(|d| has(d)).collect();
            let without: Vec<&DayContext> = window
                .iter()
                .copied()
                .filter(|d| !has(d) && noted.answered(d))
                .collect();
            let (days_with, days_without) = (with.len() as u32, without.len() as u32);
            if days_with < MIN_DAYS_EACH || days_without < MIN_DAYS_EACH {
                // A word on every day has nothing to compare with, and is
                // no finding to wait for either.
                if with.len() < window.len() {
                    few.push(TooFew {
                        name: name.to_string(),
                        days_with,
                        days_without,
                    });
                }
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
    // The size of a difference plays no part: sorted by it, the largest
    // (so often the chanciest) would come first.
    let evidence = |a: &Association| {
        (
            a.days_with.min(a.days_without),
            a.days_with + a.days_without,
        )
    };
    found.sort_by(|a, b| {
        evidence(b)
            .cmp(&evidence(a))
            .then_with(|| word_key(&a.name).cmp(&word_key(&b.name)))
            .then_with(|| a.name.cmp(&b.name))
    });
    few.sort_by(|a, b| {
        b.days_with
            .cmp(&a.days_with)
            .then_with(|| word_key(&a.name).cmp(&word_key(&b.name)))
    });
    (found, few)
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
    /// Fewer than `MIN_DAYS_EACH` answered days in a half.
    TooFewDays,
    /// Marked on fewer than `MIN_DAYS_EACH` days in the two halves: a day
    /// or two either way would swing the shares.
    TooFewMarked,
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
    /// Those with fewer than `MIN_DAYS_EACH` days on a side.
    pub tags_too_few: Vec<TooFew>,
    pub treatments_too_few: Vec<TooFew>,
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
        tags_too_few: too_few_to_tell(days, from, to, Noted::Tag),
        treatments_too_few: too_few_to_tell(days, from, to, Noted::Treatment),
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
    // The halves start at the first check-in; the days counted are those
    // whose "where it hurts" row was answered (marked, or with nothing).
    let all: Vec<&DayContext> = days
        .iter()
        .filter(|d| (from..=to).contains(&d.date))
        .collect();
    let window: Vec<&DayContext> = all
        .iter()
        .copied()
        .filter(|d| d.answered.regions || !d.regions.is_empty())
        .collect();
    let mut below = BelowKnee {
        trend: Trend::NotMarked,
        days: 0,
        days_first_half: 0,
        days_second_half: 0,
        checkin_days_first_half: 0,
        checkin_days_second_half: 0,
    };
    let Some(start) = all.iter().map(|d| d.date).min() else {
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
        _ if a + b < MIN_DAYS_EACH => Trend::TooFewMarked,
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

/// Two pain means at least pain's minimal important change apart, as they
/// are shown (one place): "6.0 and 4.0" are 2 points apart, whatever the
/// second place was.
fn apart(a: f64, b: f64) -> bool {
    round2((crate::text::shown(a) - crate::text::shown(b)).abs()) >= PAIN_DIFFERENCE
}

impl Association {
    fn verb(&self) -> &'static str {
        match self.noted {
            Noted::Tag => "tagged",
            Noted::Treatment => "noted",
        }
    }

    /// Whether the two means of pain are at least pain's minimal important
    /// change apart (to a hundredth, as the JSON has them).
    pub fn pain_differs(&self) -> bool {
        apart(self.pain_with, self.pain_without)
    }

    /// "On the 12 days you tagged poor sleep your pain averaged 5.8; on the
    /// 40 days without it 3.1." Under pain's minimal important change
    /// apart, not worded as a difference: "On the 12 days you noted heat
    /// pack and the 48 days without it your pain averaged much the same
    /// (4.0 and 3.8; less than 2 points apart)."
    pub fn sentence(&self) -> String {
        if self.pain_differs() {
            format!(
                "On the {} you {} {} your pain averaged {:.1}; on the {} without it {:.1}.",
                days(self.days_with),
                self.verb(),
                self.name,
                self.pain_with,
                days(self.days_without),
                self.pain_without
            )
        } else {
            format!(
                "On the {} you {} {} and the {} without it your pain averaged much the same ({:.1} and {:.1}; less than {PAIN_DIFFERENCE:.0} points apart).",
                days(self.days_with),
                self.verb(),
                self.name,
                days(self.days_without),
                self.pain_with,
                self.pain_without
            )
        }
    }

    /// "Anxiety averaged 4.2 on those days and 3.0 on the others."
    pub fn anxiety_sentence(&self) -> String {
        format!(
            "Anxiety averaged {:.1} on those days and {:.1} on the others.",
            self.anxiety_with, self.anxiety_without
        )
    }

    /// "The day after, pain averaged 5.1 (over 6 days) and 2.3 after the
    /// other days (over 35)"; under 2 points apart, "much the same". `None`
    /// when either side has no day after with a check-in.
    pub fn next_day_sentence(&self) -> Option<String> {
        let (with, without) = (self.pain_next_day_with?, self.pain_next_day_without?);
        Some(if apart(with, without) {
            format!(
                "The day after, pain averaged {with:.1} (over {}) and {without:.1} after the other days (over {}).",
                days(self.next_days_with),
                days(self.next_days_without)
            )
        } else {
            format!(
                "The day after, pain averaged much the same: {with:.1} (over {}) and {without:.1} after the other days (over {}).",
                days(self.next_days_with),
                days(self.next_days_without)
            )
        })
    }

    /// Its lines in order: pain, anxiety, the day after.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.sentence(), self.anxiety_sentence()];
        lines.extend(self.next_day_sentence());
        lines
    }
}

/// "Too few to tell yet (limber's minimum is 10 days with it and 10
/// answered days without): tags: poor sleep (6 with, 43 without);
/// treatments: heat pack (5 with, 55 without)."; `None` when there is none.
fn too_few_sentence(tags: &[TooFew], treatments: &[TooFew]) -> Option<String> {
    const SHOWN: usize = 4;
    let list = |what: &str, few: &[TooFew]| -> Option<String> {
        if few.is_empty() {
            return None;
        }
        let mut named: Vec<String> = few
            .iter()
            .take(SHOWN)
            .map(|f| {
                format!(
                    "{} ({} with, {} without)",
                    f.name, f.days_with, f.days_without
                )
            })
            .collect();
        if few.len() > SHOWN {
            named.push(format!("{} more", few.len() - SHOWN));
        }
        Some(format!("{what}: {}", named.join(", ")))
    };
    let parts: Vec<String> = [list("tags", tags), list("treatments", treatments)]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "Too few to tell yet (limber's minimum is {MIN_DAYS_EACH} days with it and {MIN_DAYS_EACH} answered days without): {}.",
            parts.join("; ")
        )
    })
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
                "{head}; on {} of the answered days in the first half of the window and {} in the second.",
                percent(a),
                percent(b)
            ),
            _ => format!("{head}."),
        }
    }
}

/// Every place in one sentence: "Where it hurts, marked on: lower back 20
/// days (60 % of the answered days in the first half of the window, 45 %
/// in the second); left thigh 3 days (5 %, 10 %)." `None` for none.
fn places_sentence(places: &[RegionShare]) -> Option<String> {
    let parts: Vec<String> = places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let shares = match (p.share_first_half, p.share_second_half) {
                (Some(a), Some(b)) if i == 0 => format!(
                    " ({} of the answered days in the first half of the window, {} in the second)",
                    percent(a),
                    percent(b)
                ),
                (Some(a), Some(b)) => format!(" ({}, {})", percent(a), percent(b)),
                _ => String::new(),
            };
            format!("{} {}{shares}", p.region.label(), days(p.days))
        })
        .collect();
    (!parts.is_empty()).then(|| format!("Where it hurts, marked on: {}.", parts.join("; ")))
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
            "Pain below the knee was marked on {} of {} answering where it hurts in the first half of the window and {} of {} in the second",
            self.days_first_half,
            days(self.checkin_days_first_half),
            self.days_second_half,
            self.checkin_days_second_half
        );
        Some(match self.trend {
            Trend::NotMarked => return None,
            Trend::TooFewDays => format!(
                "Pain below the knee was marked on {}; too few days answering where it hurts yet to tell whether it is becoming more or less frequent.",
                days(self.days)
            ),
            Trend::TooFewMarked => format!(
                "{counts}: too few marked days to tell whether it is becoming more or less frequent."
            ),
            Trend::MoreOften => format!("{counts}: more often lately."),
            Trend::LessOften => format!("{counts}: less often lately."),
            Trend::AboutTheSame => format!("{counts}: about as often."),
        })
    }
}

impl ContextReport {
    /// The report's lines about it, in order: tags, treatments, places.
    /// Each paragraph is one `Vec`: a tag's or treatment's lines, the
    /// treatments' caveat, what is too few to tell, each place.
    pub fn paragraphs(&self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = self.tags.iter().map(Association::lines).collect();
        if !self.treatments.is_empty() {
            out.push(vec![TREATMENT_CAVEAT.to_string()]);
        }
        out.extend(self.treatments.iter().map(Association::lines));
        out.extend(too_few_sentence(&self.tags_too_few, &self.treatments_too_few).map(|l| vec![l]));
        out.extend(places_sentence(&self.locations).map(|l| vec![l]));
        out.extend(self.below_knee.sentence().map(|l| vec![l]));
        out
    }

    pub fn lines(&self) -> Vec<String> {
        self.paragraphs().into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests;
