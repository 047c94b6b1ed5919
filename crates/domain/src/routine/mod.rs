//! Routines: what a routine, an exercise and its dose are, with the gentle
//! version and lengths. Parsing and the catalogue of files live beside it.

use std::path::PathBuf;

mod catalog;
mod check;
pub mod favourites;
mod parse;

pub use catalog::{
    BrokenRoutine, Catalog, MAX_FILE_BYTES, builtins, editable_path, load_file, template,
};
pub(crate) use check::parse_length;
pub use parse::{MAX_EXERCISES, parse};

/// The longest a single exercise, rest or get-ready may last.
pub const MAX_SECONDS: u32 = 2 * 60 * 60;
/// The most reps one set may ask for.
pub const MAX_REPS: u32 = 1000;
/// The most sets one exercise may ask for.
pub const MAX_SETS: u32 = 100;
/// How long one repetition is assumed to take when estimating a routine's length.
pub const SECONDS_PER_REP: u32 = 3;

/// The kinds of exercise a routine file names (`kind = "strength"`).
pub use crate::model::Kind;

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

    /// Each problem found in `text` (as file `t.toml`), as it is shown.
    pub(super) fn problems(text: &str) -> Vec<String> {
        match parse("t", "t.toml", text, Source::User) {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(ToString::to_string).collect(),
        }
    }

    pub(super) const GOOD: &str = r#"name = "Core basics"
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
    fn lengths_are_written_short() {
        assert_eq!(format_length(90), "1m30s");
        assert_eq!(format_length(0), "0s");
        assert_eq!(format_length(7200), "2h");
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
