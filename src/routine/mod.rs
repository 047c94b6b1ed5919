//! Routines: what a routine, an exercise and its dose are, with the gentle
//! version and lengths. Parsing and the catalogue of files live beside it.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::located::Located;

mod catalog;

pub use catalog::{
    BrokenRoutine, Catalog, MAX_FILE_BYTES, builtins, editable_path, load_file, template,
};

/// The longest a single exercise, rest or get-ready may last.
pub const MAX_SECONDS: u32 = 2 * 60 * 60;
/// How long one repetition is assumed to take when estimating a routine's length.
pub const SECONDS_PER_REP: u32 = 3;
/// More than this many exercises is not a routine a person follows.
pub const MAX_EXERCISES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Stretch,
    Strength,
    Aerobic,
    Relaxation,
    Breathing,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Stretch,
        Kind::Strength,
        Kind::Aerobic,
        Kind::Relaxation,
        Kind::Breathing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Stretch => "stretch",
            Kind::Strength => "strength",
            Kind::Aerobic => "aerobic",
            Kind::Relaxation => "relaxation",
            Kind::Breathing => "breathing",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much of an exercise makes one set: a time, or a count the user confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Seconds(u32),
    Reps(u32),
}

/// Paced breathing: seconds to breathe in, hold, breathe out, hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreathPattern {
    pub inhale: u32,
    pub hold_in: u32,
    pub exhale: u32,
    pub hold_out: u32,
}

impl BreathPattern {
    pub fn cycle_seconds(&self) -> u32 {
        self.inhale + self.hold_in + self.exhale + self.hold_out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    pub name: String,
    pub kind: Kind,
    pub amount: Amount,
    pub sets: u32,
    /// Done on the left, then on the right.
    pub both_sides: bool,
    /// Seconds of rest after each set or side; `None` takes the configured default.
    pub rest: Option<u32>,
    pub instructions: String,
    pub cues: Vec<String>,
    pub pattern: Option<BreathPattern>,
    /// What to stop for.
    pub stop_if: Option<String>,
    /// How the exercise gets gentler on a hard day.
    pub gentle: Gentle,
}

/// How an exercise changes in the gentle version of its routine. Without
/// any of these, the gentle version halves its duration or reps and its
/// sets (never below one) and keeps its rests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gentle {
    /// `gentle = false`: left out of the gentle version.
    pub include: bool,
    pub duration: Option<u32>,
    pub sets: Option<u32>,
    pub reps: Option<u32>,
}

impl Default for Gentle {
    fn default() -> Self {
        Gentle {
            include: true,
            duration: None,
            sets: None,
            reps: None,
        }
    }
}

impl Exercise {
    /// Sets times sides: how many times the work is done.
    pub fn rounds(&self) -> u32 {
        self.sets * if self.both_sides { 2 } else { 1 }
    }

    /// Seconds of work in one round (an estimate for rep-based exercises).
    pub fn round_seconds(&self) -> u32 {
        match self.amount {
            Amount::Seconds(s) => s,
            Amount::Reps(r) => r * SECONDS_PER_REP,
        }
    }

    /// How much of it is done, as the routine views write it: "3 sets ×
    /// 30s", "each side", "rest 15s". The last exercise of a routine rests
    /// only between its own sets and sides, so a single round shows no rest.
    pub fn dose(&self, default_rest: u32, last: bool) -> Vec<String> {
        let amount = match self.amount {
            Amount::Seconds(s) => format_length(s),
            Amount::Reps(r) => format!("{r} reps"),
        };
        let mut parts = vec![if self.sets > 1 {
            format!("{} sets × {amount}", self.sets)
        } else {
            amount
        }];
        if self.both_sides {
            parts.push("each side".to_string());
        }
        let rest = self.rest.unwrap_or(default_rest);
        if rest > 0 && (!last || self.rounds() > 1) {
            parts.push(format!("rest {}", format_length(rest)));
        }
        parts
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Builtin,
    User,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Builtin => "builtin",
            Source::User => "user",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    /// The file's stem: what `limber run SLUG` takes.
    pub slug: String,
    pub name: String,
    pub description: String,
    pub get_ready: Option<u32>,
    pub exercises: Vec<Exercise>,
    pub source: Source,
    /// The user's file, for user routines.
    pub path: Option<PathBuf>,
    /// The TOML text it was read from.
    pub definition: String,
}

impl Routine {
    /// Estimated length in seconds: get ready, every round of work, and the
    /// rests between them (none after the very last round).
    pub fn total_seconds(&self, default_get_ready: u32, default_rest: u32) -> u32 {
        let mut total = self.get_ready.unwrap_or(default_get_ready);
        let mut last_rest = 0;
        for exercise in &self.exercises {
            let rest = exercise.rest.unwrap_or(default_rest);
            total += exercise.rounds() * (exercise.round_seconds() + rest);
            last_rest = rest;
        }
        total - last_rest
    }

    /// The gentle version: exercises marked `gentle = false` left out, the
    /// rest at their gentle duration, reps and sets (by default half, never
    /// below one), with the same rests.
    pub fn gentle(&self) -> Routine {
        let half = |n: u32| (n / 2).max(1);
        let exercises = self
            .exercises
            .iter()
            .filter(|e| e.gentle.include)
            .map(|e| Exercise {
                amount: match e.amount {
                    Amount::Seconds(s) => Amount::Seconds(e.gentle.duration.unwrap_or(half(s))),
                    Amount::Reps(r) => Amount::Reps(e.gentle.reps.unwrap_or(half(r))),
                },
                sets: e.gentle.sets.unwrap_or(half(e.sets)),
                ..e.clone()
            })
            .collect();
        Routine {
            exercises,
            ..self.clone()
        }
    }

    /// The kinds of exercise in it, each once, in order of first appearance.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut kinds = Vec::new();
        for exercise in &self.exercises {
            if !kinds.contains(&exercise.kind) {
                kinds.push(exercise.kind);
            }
        }
        kinds
    }
}

/// One problem in a routine file, with where it is. `Located` under the
/// name the routine screens and the command line know it by.
pub type Problem = Located;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoutine {
    name: Option<Spanned<String>>,
    description: Option<String>,
    get_ready: Option<Spanned<toml::Value>>,
    #[serde(default)]
    exercise: Vec<Spanned<RawExercise>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    name: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    duration: Option<Spanned<toml::Value>>,
    reps: Option<Spanned<i64>>,
    sets: Option<Spanned<i64>>,
    sides: Option<Spanned<String>>,
    rest: Option<Spanned<toml::Value>>,
    instructions: Option<String>,
    #[serde(default)]
    cues: Vec<String>,
    pattern: Option<Spanned<Vec<i64>>>,
    stop_if: Option<String>,
    gentle: Option<bool>,
    gentle_duration: Option<Spanned<toml::Value>>,
    gentle_sets: Option<Spanned<i64>>,
    gentle_reps: Option<Spanned<i64>>,
}

/// Collects problems with their positions while a file is checked.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        self.problems
            .push(Located::at(self.file, self.text, offset, message));
    }

    /// A length of time: whole seconds, or text like "45s", "1m30s", "2m".
    fn seconds(
        &mut self,
        key: &str,
        value: &Spanned<toml::Value>,
        allow_zero: bool,
    ) -> Option<u32> {
        let start = value.span().start;
        let seconds = match value.get_ref() {
            toml::Value::Integer(n) => Some(*n),
            toml::Value::String(s) => match parse_length(s) {
                Some(n) => Some(n),
                None => {
                    self.at(
                        start,
                        format!(
                            "{key} \"{}\" is not a length of time; write 45, \"45s\", \"1m30s\" or \"2m\"",
                            crate::text::one_line(s)
                        ),
                    );
                    return None;
                }
            },
            other => {
                self.at(
                    start,
                    format!(
                        "{key} must be a number of seconds or text like \"1m30s\", not a {}",
                        other.type_str()
                    ),
                );
                return None;
            }
        }?;
        self.in_range(key, seconds, start, allow_zero, i64::from(MAX_SECONDS))
    }

    fn count(&mut self, key: &str, value: &Spanned<i64>, max: i64) -> Option<u32> {
        self.in_range(key, *value.get_ref(), value.span().start, false, max)
    }

    fn in_range(
        &mut self,
        key: &str,
        n: i64,
        at: usize,
        allow_zero: bool,
        max: i64,
    ) -> Option<u32> {
        if n < 0 || (n == 0 && !allow_zero) {
            let floor = if allow_zero {
                "0 or more"
            } else {
                "more than 0"
            };
            self.at(at, format!("{key} is {n}; it must be {floor}"));
            None
        } else if n > max {
            let limit = if key == "reps" || key == "sets" {
                format!("at most {max}")
            } else {
                format!("at most {} (2 hours)", format_length(MAX_SECONDS))
            };
            self.at(at, format!("{key} is {n}; it must be {limit}"));
            None
        } else {
            u32::try_from(n).ok()
        }
    }
}

/// Parses "90", "45s", "2m", "1m30s", "1h" into seconds.
fn parse_length(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(n) = text.parse::<i64>() {
        return Some(n);
    }
    let mut total: i64 = 0;
    let mut digits = String::new();
    let mut last_unit = 0; // h = 3, m = 2, s = 1: units must come in that order
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let (unit, factor) = match c {
            'h' => (3, 3600),
            'm' => (2, 60),
            's' => (1, 1),
            _ => return None,
        };
        if digits.is_empty() || (last_unit != 0 && unit >= last_unit) {
            return None;
        }
        let n: i64 = digits.parse().ok()?;
        total = total.checked_add(n.checked_mul(factor)?)?;
        digits.clear();
        last_unit = unit;
    }
    digits.is_empty().then_some(total)
}

/// "45s", "2m", "1m30s", "1h5m": the way limber writes a length of time.
pub fn format_length(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, (seconds / 60) % 60, seconds % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// "about 13 min": a routine's length as a person says it.
pub fn format_about(seconds: u32) -> String {
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min", (seconds + 30) / 60)
    }
}

/// Parses and validates one routine file. `file` is how messages name it.
/// Every problem found is returned, not only the first.
pub fn parse(slug: &str, file: &str, text: &str, source: Source) -> Result<Routine, Vec<Problem>> {
    let mut check = Checker {
        file,
        text,
        problems: Vec::new(),
    };
    let raw: RawRoutine = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![Located::toml(file, text, &e)]),
    };

    let name = match raw.name {
        Some(name) if !name.get_ref().trim().is_empty() => name.into_inner().trim().to_string(),
        Some(name) => {
            check.at(name.span().start, "name is empty; give the routine a name");
            String::new()
        }
        None => {
            check.at(0, "the routine has no name; add name = \"…\" at the top");
            String::new()
        }
    };
    let get_ready = raw
        .get_ready
        .as_ref()
        .and_then(|v| check.seconds("get_ready", v, true));

    if raw.exercise.is_empty() {
        check.at(
            text.len(),
            "the routine has no exercises; add at least one [[exercise]]",
        );
    }
    if raw.exercise.len() > MAX_EXERCISES {
        check.at(
            raw.exercise[MAX_EXERCISES].span().start,
            format!(
                "the routine has {} exercises; at most {MAX_EXERCISES} are allowed",
                raw.exercise.len()
            ),
        );
        return Err(check.problems);
    }

    let mut seen = HashSet::new();
    let mut exercises = Vec::with_capacity(raw.exercise.len());
    for (index, spanned) in raw.exercise.iter().enumerate() {
        let at = spanned.span().start;
        if let Some(exercise) = check_exercise(&mut check, index, at, spanned.get_ref(), &mut seen)
        {
            exercises.push(exercise);
        }
    }

    if check.problems.is_empty()
        && !exercises.is_empty()
        && exercises.iter().all(|e| !e.gentle.include)
    {
        check.at(
            raw.exercise[0].span().start,
            "every exercise has gentle = false, so the gentle version would be empty; keep at least one",
        );
    }
    if check.problems.is_empty() {
        Ok(Routine {
            slug: slug.to_string(),
            name,
            description: raw.description.unwrap_or_default().trim().to_string(),
            get_ready,
            exercises,
            source,
            path: None,
            definition: text.to_string(),
        })
    } else {
        Err(check.problems)
    }
}

fn check_exercise(
    check: &mut Checker<'_>,
    index: usize,
    at: usize,
    raw: &RawExercise,
    seen: &mut HashSet<String>,
) -> Option<Exercise> {
    let before = check.problems.len();
    let name = match &raw.name {
        Some(name) if !name.get_ref().trim().is_empty() => {
            let trimmed = name.get_ref().trim().to_string();
            if !seen.insert(trimmed.to_lowercase()) {
                check.at(
                    name.span().start,
                    format!(
                        "exercise \"{}\" appears twice; give each exercise its own name",
                        crate::text::one_line(&trimmed)
                    ),
                );
            }
            trimmed
        }
        Some(name) => {
            check.at(name.span().start, "exercise name is empty");
            String::new()
        }
        None => {
            check.at(
                at,
                format!("exercise {} has no name; add name = \"…\"", index + 1),
            );
            String::new()
        }
    };
    let label = if name.is_empty() {
        format!("exercise {}", index + 1)
    } else {
        format!("exercise \"{}\"", crate::text::one_line(&name))
    };

    let kind = match &raw.kind {
        Some(kind) => {
            let parsed = Kind::parse(kind.get_ref().trim());
            if parsed.is_none() {
                check.at(
                    kind.span().start,
                    format!(
                        "unknown kind \"{}\"; use one of stretch, strength, aerobic, relaxation, breathing",
                        crate::text::one_line(kind.get_ref())
                    ),
                );
            }
            parsed
        }
        None => {
            check.at(
                at,
                format!("{label} has no kind; add kind = \"stretch\" (or strength, aerobic, relaxation, breathing)"),
            );
            None
        }
    };

    let amount = match (&raw.duration, &raw.reps) {
        (Some(_), Some(reps)) => {
            check.at(
                reps.span().start,
                format!("{label} has both duration and reps; keep one"),
            );
            None
        }
        (None, None) => {
            check.at(
                at,
                format!("{label} has neither duration nor reps; add one"),
            );
            None
        }
        (Some(duration), None) => check
            .seconds("duration", duration, false)
            .map(Amount::Seconds),
        (None, Some(reps)) => check.count("reps", reps, 1000).map(Amount::Reps),
    };

    let sets = match &raw.sets {
        Some(sets) => check.count("sets", sets, 100),
        None => Some(1),
    };

    let both_sides = match &raw.sides {
        None => false,
        Some(sides) if sides.get_ref().trim() == "both" => true,
        Some(sides) => {
            check.at(
                sides.span().start,
                format!(
                    "sides \"{}\" is not known; write sides = \"both\" (left, then right) or leave it out",
                    crate::text::one_line(sides.get_ref())
                ),
            );
            false
        }
    };

    let rest = raw
        .rest
        .as_ref()
        .and_then(|r| check.seconds("rest", r, true));

    let pattern = match &raw.pattern {
        None => None,
        Some(pattern) => {
            let start = pattern.span().start;
            if kind.is_some_and(|k| k != Kind::Breathing) {
                check.at(
                    start,
                    format!("{label}: pattern is only for breathing exercises"),
                );
            }
            let values = pattern.get_ref();
            if values.len() != 4 {
                check.at(
                    start,
                    format!(
                        "pattern has {} numbers; give four: seconds to breathe in, hold, breathe out, hold",
                        values.len()
                    ),
                );
                None
            } else if values.iter().any(|v| !(0..=60).contains(v)) {
                check.at(start, "pattern values must be between 0 and 60 seconds");
                None
            } else if values[0] == 0 || values[2] == 0 {
                check.at(
                    start,
                    "pattern needs time to breathe in and to breathe out (the first and third numbers)",
                );
                None
            } else {
                // Each value was just checked to be within 0..=60.
                let v: Vec<u32> = values.iter().map(|&v| v as u32).collect();
                Some(BreathPattern {
                    inhale: v[0],
                    hold_in: v[1],
                    exhale: v[2],
                    hold_out: v[3],
                })
            }
        }
    };

    let gentle_duration = match (&raw.gentle_duration, &raw.duration) {
        (Some(g), Some(_)) => check.seconds("gentle_duration", g, false),
        (Some(g), None) => {
            check.at(
                g.span().start,
                format!("{label}: gentle_duration goes with duration; for reps write gentle_reps"),
            );
            None
        }
        (None, _) => None,
    };
    let gentle_reps = match (&raw.gentle_reps, &raw.reps) {
        (Some(g), Some(_)) => check.count("gentle_reps", g, 1000),
        (Some(g), None) => {
            check.at(
                g.span().start,
                format!(
                    "{label}: gentle_reps goes with reps; for a duration write gentle_duration"
                ),
            );
            None
        }
        (None, _) => None,
    };
    let gentle_sets = raw
        .gentle_sets
        .as_ref()
        .and_then(|g| check.count("gentle_sets", g, 100));

    if check.problems.len() > before {
        return None;
    }
    Some(Exercise {
        name,
        kind: kind?,
        amount: amount?,
        sets: sets?,
        both_sides,
        rest,
        instructions: raw
            .instructions
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
        cues: raw
            .cues
            .iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect(),
        pattern,
        stop_if: raw
            .stop_if
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        gentle: Gentle {
            include: raw.gentle.unwrap_or(true),
            duration: gentle_duration,
            sets: gentle_sets,
            reps: gentle_reps,
        },
    })
}

/// A slug from a routine's name: lower case, words joined by dashes.
pub fn slug_for(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match parse("t", "t.toml", text, Source::User) {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(ToString::to_string).collect(),
        }
    }

    const GOOD: &str = r#"name = "Core basics"
description = "Gentle strength"
get_ready = 5

[[exercise]]
name = "Bird-dog"
kind = "strength"
duration = "30s"
sets = 2
sides = "both"
rest = 15
instructions = "On hands and knees."
cues = ["Keep the back flat", "Breathe out as you reach"]

[[exercise]]
name = "Bridge"
kind = "strength"
reps = 10
sets = 2

[[exercise]]
name = "Box breathing"
kind = "breathing"
duration = "1m"
pattern = [4, 4, 4, 4]
rest = 0
"#;

    #[test]
    fn the_dose_shows_sets_sides_and_only_a_rest_that_is_taken() {
        let routine = parse("core", "core.toml", GOOD, Source::User).expect("valid");
        let [bird, bridge, _] = &routine.exercises[..] else {
            panic!("three exercises");
        };
        assert_eq!(
            bird.dose(10, false),
            ["2 sets × 30s", "each side", "rest 15s"]
        );
        assert_eq!(bridge.dose(10, false), ["2 sets × 10 reps", "rest 10s"]);
        // Last, it still rests between its own sets.
        assert_eq!(bridge.dose(10, true), ["2 sets × 10 reps", "rest 10s"]);
        let mut single = bridge.clone();
        single.sets = 1;
        assert_eq!(single.dose(10, false), ["10 reps", "rest 10s"]);
        assert_eq!(single.dose(10, true), ["10 reps"]);
        assert_eq!(single.dose(0, false), ["10 reps"]);
    }

    #[test]
    fn a_good_routine_parses() {
        let routine = parse("core", "core.toml", GOOD, Source::User).expect("valid");
        assert_eq!(routine.name, "Core basics");
        assert_eq!(routine.get_ready, Some(5));
        assert_eq!(routine.exercises.len(), 3);
        let bird = &routine.exercises[0];
        assert_eq!(bird.amount, Amount::Seconds(30));
        assert_eq!(bird.rounds(), 4);
        assert!(bird.both_sides);
        assert_eq!(bird.cues.len(), 2);
        assert_eq!(routine.exercises[1].amount, Amount::Reps(10));
        assert_eq!(routine.exercises[1].rest, None);
        assert_eq!(
            routine.exercises[2].pattern,
            Some(BreathPattern {
                inhale: 4,
                hold_in: 4,
                exhale: 4,
                hold_out: 4
            })
        );
        assert_eq!(routine.kinds(), vec![Kind::Strength, Kind::Breathing]);
        // 5 + bird-dog 4 × (30 + 15) + bridge 2 × (30 + 10) + breathing 60 + 0, last rest 0.
        assert_eq!(routine.total_seconds(9, 10), 5 + 180 + 80 + 60);
    }

    #[test]
    fn lengths_parse_in_every_form() {
        assert_eq!(parse_length("45"), Some(45));
        assert_eq!(parse_length("45s"), Some(45));
        assert_eq!(parse_length("2m"), Some(120));
        assert_eq!(parse_length("1m30s"), Some(90));
        assert_eq!(parse_length("1h5m"), Some(3900));
        assert_eq!(parse_length("30s1m"), None);
        assert_eq!(parse_length("1x"), None);
        assert_eq!(parse_length("m"), None);
        assert_eq!(parse_length("5m5"), None);
        assert_eq!(format_length(90), "1m30s");
        assert_eq!(format_length(0), "0s");
        assert_eq!(format_length(7200), "2h");
    }

    #[test]
    fn an_empty_exercise_list_is_named() {
        assert_eq!(
            problems("name = \"x\"\n"),
            vec!["t.toml:2:1: the routine has no exercises; add at least one [[exercise]]"]
        );
    }

    #[test]
    fn both_duration_and_reps_is_an_error_at_reps() {
        let text = "name = \"x\"\n[[exercise]]\nname = \"Bridge\"\nkind = \"strength\"\nduration = 30\nreps = 10\n";
        assert_eq!(
            problems(text),
            vec!["t.toml:6:8: exercise \"Bridge\" has both duration and reps; keep one"]
        );
    }

    #[test]
    fn neither_duration_nor_reps_is_an_error_at_the_exercise() {
        let text = "name = \"x\"\n\n[[exercise]]\nname = \"Bridge\"\nkind = \"strength\"\n";
        let p = problems(text);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].ends_with("exercise \"Bridge\" has neither duration nor reps; add one"),
            "{p:?}"
        );
        assert!(
            p[0].starts_with("t.toml:3:") || p[0].starts_with("t.toml:4:"),
            "{p:?}"
        );
    }

    #[test]
    fn zero_and_negative_values_are_refused() {
        let text = "name = \"x\"\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 0\n\
                    [[exercise]]\nname = \"B\"\nkind = \"strength\"\nreps = -3\n\
                    [[exercise]]\nname = \"C\"\nkind = \"strength\"\nreps = 3\nsets = 0\n";
        assert_eq!(
            problems(text),
            vec![
                "t.toml:5:12: duration is 0; it must be more than 0",
                "t.toml:9:8: reps is -3; it must be more than 0",
                "t.toml:14:8: sets is 0; it must be more than 0",
            ]
        );
    }

    #[test]
    fn durations_over_two_hours_are_refused() {
        let text = "name = \"x\"\n[[exercise]]\nname = \"Walk\"\nkind = \"aerobic\"\nduration = \"2h1s\"\n";
        assert_eq!(
            problems(text),
            vec!["t.toml:5:12: duration is 7201; it must be at most 2h (2 hours)"]
        );
    }

    #[test]
    fn a_bad_duration_text_says_how_to_write_it() {
        let text = "name = \"x\"\n[[exercise]]\nname = \"Walk\"\nkind = \"aerobic\"\nduration = \"ten minutes\"\n";
        assert_eq!(
            problems(text),
            vec![
                "t.toml:5:12: duration \"ten minutes\" is not a length of time; write 45, \"45s\", \"1m30s\" or \"2m\""
            ]
        );
    }

    #[test]
    fn unknown_kind_lists_the_known_ones() {
        let text =
            "name = \"x\"\n[[exercise]]\nname = \"Swim\"\nkind = \"swimming\"\nduration = 60\n";
        assert_eq!(
            problems(text),
            vec![
                "t.toml:4:8: unknown kind \"swimming\"; use one of stretch, strength, aerobic, relaxation, breathing"
            ]
        );
    }

    #[test]
    fn unknown_key_is_named_with_its_position() {
        let text = "name = \"x\"\n[[exercise]]\nname = \"Swim\"\nkind = \"aerobic\"\nduration = 60\nspeed = 3\n";
        let p = problems(text);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("t.toml:6:1: unknown field `speed`"),
            "{p:?}"
        );
        let top = problems("name = \"x\"\ncolour = \"red\"\n");
        assert!(
            top[0].starts_with("t.toml:2:1: unknown field `colour`"),
            "{top:?}"
        );
    }

    #[test]
    fn duplicate_names_are_refused_at_the_second() {
        let text = "name = \"x\"\n[[exercise]]\nname = \"Bridge\"\nkind = \"strength\"\nreps = 5\n\
                    [[exercise]]\nname = \"bridge\"\nkind = \"strength\"\nreps = 5\n";
        assert_eq!(
            problems(text),
            vec!["t.toml:7:8: exercise \"bridge\" appears twice; give each exercise its own name"]
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let p = problems("name = \"x\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("t.toml:1:"), "{p:?}");
    }

    #[test]
    fn wrong_types_are_named() {
        let p = problems("name = 3\n");
        assert!(p[0].starts_with("t.toml:1:8: invalid type"), "{p:?}");
        let p = problems(
            "name = \"x\"\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = true\n",
        );
        assert_eq!(
            p,
            vec![
                "t.toml:5:12: duration must be a number of seconds or text like \"1m30s\", not a boolean"
            ]
        );
    }

    #[test]
    fn pattern_rules() {
        let base = "name = \"x\"\n[[exercise]]\nname = \"A\"\nduration = 60\n";
        assert_eq!(
            problems(&format!(
                "{base}kind = \"stretch\"\npattern = [4, 4, 4, 4]\n"
            )),
            vec!["t.toml:6:11: exercise \"A\": pattern is only for breathing exercises"]
        );
        assert_eq!(
            problems(&format!("{base}kind = \"breathing\"\npattern = [4, 4]\n")),
            vec![
                "t.toml:6:11: pattern has 2 numbers; give four: seconds to breathe in, hold, breathe out, hold"
            ]
        );
        assert_eq!(
            problems(&format!(
                "{base}kind = \"breathing\"\npattern = [0, 4, 4, 0]\n"
            )),
            vec![
                "t.toml:6:11: pattern needs time to breathe in and to breathe out (the first and third numbers)"
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let text = "[[exercise]]\nname = \"A\"\nkind = \"yoga\"\nduration = -1\n";
        assert_eq!(problems(text).len(), 3, "{:?}", problems(text));
    }

    #[test]
    fn the_gentle_version_halves_and_leaves_out() {
        let text = "name = \"x\"\n\
            [[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 45\nsets = 3\nrest = 10\n\
            [[exercise]]\nname = \"B\"\nkind = \"strength\"\nreps = 9\ngentle = false\n\
            [[exercise]]\nname = \"C\"\nkind = \"strength\"\nreps = 1\n\
            [[exercise]]\nname = \"D\"\nkind = \"stretch\"\nduration = 60\nsets = 2\ngentle_duration = \"40s\"\ngentle_sets = 2\n";
        let routine = parse("x", "x.toml", text, Source::User).expect("valid");
        let gentle = routine.gentle();
        let summary: Vec<(&str, Amount, u32, Option<u32>)> = gentle
            .exercises
            .iter()
            .map(|e| (e.name.as_str(), e.amount, e.sets, e.rest))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("A", Amount::Seconds(22), 1, Some(10)),
                ("C", Amount::Reps(1), 1, None),
                ("D", Amount::Seconds(40), 2, None),
            ]
        );
        assert!(gentle.total_seconds(5, 15) < routine.total_seconds(5, 15));
    }

    #[test]
    fn gentle_settings_are_checked() {
        let base = "name = \"x\"\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\n";
        assert_eq!(
            problems(&format!("{base}reps = 5\ngentle_duration = 20\n")),
            vec![
                "t.toml:6:19: exercise \"A\": gentle_duration goes with duration; for reps write gentle_reps"
            ]
        );
        assert_eq!(
            problems(&format!("{base}duration = 30\ngentle_sets = 0\n")),
            vec!["t.toml:6:15: gentle_sets is 0; it must be more than 0"]
        );
        assert_eq!(
            problems(&format!("{base}duration = 30\ngentle = false\n")),
            vec![
                "t.toml:2:1: every exercise has gentle = false, so the gentle version would be empty; keep at least one"
            ]
        );
    }

    #[test]
    fn every_builtin_has_a_shorter_gentle_version_that_is_never_empty() {
        for routine in builtins() {
            let gentle = routine.gentle();
            assert!(!gentle.exercises.is_empty(), "{}", routine.slug);
            assert!(
                gentle.total_seconds(5, 15) < routine.total_seconds(5, 15),
                "{} is not shorter",
                routine.slug
            );
            for e in &gentle.exercises {
                assert!(e.sets >= 1, "{}: {}", routine.slug, e.name);
                match e.amount {
                    Amount::Seconds(s) => assert!((1..=MAX_SECONDS).contains(&s)),
                    Amount::Reps(r) => assert!(r >= 1),
                }
            }
            // Every exercise of it is still a valid exercise: the plan runs.
            let plan = crate::plan::Plan::new(&gentle, 5, 15);
            assert!(plan.steps.iter().any(crate::plan::Step::is_work));
        }
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug_for("  My Evening  Stretch! "), "my-evening-stretch");
        assert_eq!(slug_for("Été 2"), "été-2");
    }
}
