//! The rules for one phase's week range and one exercise's ladder, each
//! problem kept with its place in the file.

use serde::Deserialize;
use toml::Spanned;

use super::{Ladder, MAX_LEVELS};
pub(super) use crate::located::Checker;
use crate::routine::{Amount, Exercise, MAX_REPS, MAX_SECONDS, MAX_SETS, Routine, parse_length};
use crate::text::one_line;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub(super) name: Option<Spanned<String>>,
    progress: Option<Spanned<RawProgress>>,
    then: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgress {
    reps: Option<Spanned<toml::Value>>,
    duration: Option<Spanned<toml::Value>>,
    sets: Option<Spanned<toml::Value>>,
    minutes: Option<Spanned<toml::Value>>,
    max: Option<Spanned<toml::Value>>,
    /// Level 1's dose, when not the routine's own.
    start: Option<Spanned<toml::Value>>,
}

/// The checks of this format's fields.
impl Checker<'_> {
    /// A whole number in `range`, named `key` in the message.
    pub(super) fn number(
        &mut self,
        key: &str,
        value: &Spanned<i64>,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let n = *value.get_ref();
        match u32::try_from(n) {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                self.at(
                    value.span().start,
                    format!(
                        "{key} is {n}; it must be {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }

    /// A phase's `weeks`: "3-6" or 5, within the programme's `weeks`.
    pub(super) fn weeks(&mut self, value: &Spanned<toml::Value>, weeks: u32) -> Option<(u32, u32)> {
        let at = value.span().start;
        let range = match value.get_ref() {
            toml::Value::Integer(n) => Some((*n, *n)),
            toml::Value::String(s) => {
                let (a, b) = s.split_once('-').unwrap_or((s, s));
                a.trim().parse().ok().zip(b.trim().parse().ok())
            }
            _ => None,
        };
        let Some((first, last)) = range else {
            let shown = match value.get_ref() {
                toml::Value::String(s) => format!("\"{}\"", one_line(s)),
                other => other.to_string(),
            };
            self.at(
                at,
                format!("weeks {shown} is not a week range; write \"1-4\" or 5"),
            );
            return None;
        };
        if first < 1 || last < first {
            self.at(
                at,
                format!(
                    "weeks {first}-{last} is not a week range; the first week is 1 or more and comes before the last"
                ),
            );
            return None;
        }
        if last > i64::from(weeks) {
            self.at(
                at,
                format!("weeks {first}-{last} go past the programme's {weeks} weeks"),
            );
            return None;
        }
        Some((first as u32, last as u32))
    }
}

/// What a step changes, and the numbers it is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum What {
    Reps,
    Duration,
    Sets,
    Minutes,
}

impl What {
    fn key(self) -> &'static str {
        match self {
            What::Reps => "reps",
            What::Duration => "duration",
            What::Sets => "sets",
            What::Minutes => "minutes",
        }
    }

    /// A value of this kind as a number: reps, sets, seconds (duration and
    /// minutes both in seconds). `step` allows a leading "+".
    fn read(self, value: &toml::Value, step: bool) -> Option<i64> {
        let text = match value {
            toml::Value::Integer(n) => return Some(n * self.factor()),
            toml::Value::String(s) => s.trim(),
            _ => return None,
        };
        let text = if step {
            text.strip_prefix('+').unwrap_or(text)
        } else {
            text
        };
        match self {
            What::Duration => parse_length(text),
            _ => text.parse::<i64>().ok().map(|n| n * self.factor()),
        }
    }

    fn factor(self) -> i64 {
        if self == What::Minutes { 60 } else { 1 }
    }

    fn shown(self, n: i64) -> String {
        match self {
            What::Reps => format!("{n} reps"),
            What::Sets => format!("{n} sets"),
            What::Duration | What::Minutes => format_length(n),
        }
    }

    fn limit(self) -> i64 {
        match self {
            What::Reps => i64::from(MAX_REPS),
            What::Sets => i64::from(MAX_SETS),
            What::Duration | What::Minutes => i64::from(MAX_SECONDS),
        }
    }
}

fn noun(what: What) -> &'static str {
    match what {
        What::Duration | What::Minutes => "length of time",
        _ => "count",
    }
}

fn format_length(n: i64) -> String {
    crate::routine::format_length(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Checks one `[[phase.exercise]]` against the phase's routines (where the
/// exercise must be) and every routine (where its `then` may be), and
/// builds its ladder.
pub(super) fn check_step(
    check: &mut Checker<'_>,
    at: usize,
    raw: &RawStep,
    phase_routines: &[&Routine],
    all: &[Routine],
) -> Option<Ladder> {
    let Some(name) = &raw.name else {
        check.at(at, "the exercise has no name; add name = \"…\"");
        return None;
    };
    let wanted = name.get_ref().trim();
    let Some(base) = phase_routines
        .iter()
        .flat_map(|r| &r.exercises)
        .find(|e| e.name.eq_ignore_ascii_case(wanted))
    else {
        let slugs: Vec<&str> = phase_routines.iter().map(|r| r.slug.as_str()).collect();
        check.at(
            name.span().start,
            format!(
                "no exercise \"{}\" in this phase's routines ({})",
                one_line(wanted),
                slugs.join(", ")
            ),
        );
        return None;
    };
    let then = match &raw.then {
        None => None,
        Some(then) => {
            let wanted = then.get_ref().trim();
            let found = all
                .iter()
                .flat_map(|r| &r.exercises)
                .find(|e| e.name.eq_ignore_ascii_case(wanted));
            if found.is_none() {
                check.at(
                    then.span().start,
                    format!(
                        "then names \"{}\", which is in no routine; name an exercise of a routine",
                        one_line(wanted)
                    ),
                );
                return None;
            }
            found
        }
    };
    let mut rungs = match &raw.progress {
        Some(progress) => climb(check, base, progress, then.is_some())?,
        None if then.is_some() => vec![base.clone()],
        None => {
            check.at(
                name.span().start,
                format!(
                    "exercise \"{}\" has neither progress nor then; give it progress = {{ reps = \"+2\", max = 20 }} or leave it out",
                    one_line(wanted)
                ),
            );
            return None;
        }
    };
    rungs.extend(then.cloned());
    Some(Ladder {
        head: base.name.clone(),
        rungs,
    })
}

/// The doses from the exercise's own up to `max`, one step at a time.
fn climb(
    check: &mut Checker<'_>,
    base: &Exercise,
    progress: &Spanned<RawProgress>,
    has_then: bool,
) -> Option<Vec<Exercise>> {
    let raw = progress.get_ref();
    let given: Vec<(What, &Spanned<toml::Value>)> = [
        (What::Reps, &raw.reps),
        (What::Duration, &raw.duration),
        (What::Sets, &raw.sets),
        (What::Minutes, &raw.minutes),
    ]
    .into_iter()
    .filter_map(|(w, v)| v.as_ref().map(|v| (w, v)))
    .collect();
    let &[(what, step)] = given.as_slice() else {
        check.at(
            progress.span().start,
            "progress needs exactly one of reps, duration, sets or minutes, e.g. { reps = \"+2\", max = 20 }",
        );
        return None;
    };
    let label = format!("exercise \"{}\"", one_line(&base.name));
    let start = match (what, base.amount) {
        (What::Reps, Amount::Reps(r)) => i64::from(r),
        (What::Duration | What::Minutes, Amount::Seconds(s)) => i64::from(s),
        (What::Sets, _) => i64::from(base.sets),
        (What::Reps, Amount::Seconds(_)) => {
            check.at(
                step.span().start,
                format!("{label} is timed, not counted; step its duration or minutes"),
            );
            return None;
        }
        (_, Amount::Reps(_)) => {
            check.at(
                step.span().start,
                format!("{label} is counted in reps, not timed; step its reps"),
            );
            return None;
        }
    };
    let start = match &raw.start {
        None => start,
        Some(value) => match what
            .read(value.get_ref(), false)
            .filter(|n| (1..=what.limit()).contains(n))
        {
            Some(n) => n,
            None => {
                check.at(
                    value.span().start,
                    format!("start is not a {} within limber's limits", noun(what)),
                );
                return None;
            }
        },
    };
    let Some(by) = what.read(step.get_ref(), true).filter(|n| *n > 0) else {
        let example = match what {
            What::Duration => "\"+5s\"",
            _ => "\"+2\"",
        };
        check.at(
            step.span().start,
            format!(
                "{} step is not a step up; write it like {example}",
                what.key()
            ),
        );
        return None;
    };
    let Some(max_value) = &raw.max else {
        check.at(
            progress.span().start,
            format!("{label}: progress has no max; say where it stops, e.g. max = 20"),
        );
        return None;
    };
    let Some(max) = what
        .read(max_value.get_ref(), false)
        .filter(|n| (1..=what.limit()).contains(n))
    else {
        check.at(
            max_value.span().start,
            format!("max is not a {} within limber's limits", noun(what)),
        );
        return None;
    };
    if start > max || (start == max && !has_then) {
        check.at(
            max_value.span().start,
            format!(
                "{label} starts at {}, already at or past its max of {}; raise max, or name a next exercise with then",
                what.shown(start),
                what.shown(max)
            ),
        );
        return None;
    }
    if start < max && start + by > max {
        check.at(
            step.span().start,
            format!(
                "{label}: a step of {} goes past its max of {} from {}; make the step at most {}",
                what.shown(by),
                what.shown(max),
                what.shown(start),
                what.shown(max - start)
            ),
        );
        return None;
    }
    let levels = 1 + (max - start + by - 1) / by;
    if levels > MAX_LEVELS as i64 {
        check.at(
            step.span().start,
            format!(
                "{label} would take {levels} steps to reach its max; at most {MAX_LEVELS}, so make the step larger"
            ),
        );
        return None;
    }
    let mut rungs = Vec::new();
    let mut n = start;
    loop {
        let value = u32::try_from(n.min(max)).expect("within the limits checked above");
        let mut rung = base.clone();
        // A gentle dose the routine names is never above the rung's own.
        match what {
            What::Reps => {
                rung.amount = Amount::Reps(value);
                rung.gentle.reps = rung.gentle.reps.map(|g| g.min(value));
            }
            What::Duration | What::Minutes => {
                rung.amount = Amount::Seconds(value);
                rung.gentle.duration = rung.gentle.duration.map(|g| g.min(value));
            }
            What::Sets => {
                rung.sets = value;
                rung.gentle.sets = rung.gentle.sets.map(|g| g.min(value));
            }
        }
        rungs.push(rung);
        if n >= max {
            break;
        }
        n += by;
    }
    Some(rungs)
}
