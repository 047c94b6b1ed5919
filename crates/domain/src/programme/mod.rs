//! Programmes: weeks of routines that grow with the person. A programme
//! names, week by week (in phases), the routines to do and how each of
//! their exercises steps up: a ladder of doses, level 1 being the dose the
//! routine gives. Which level a person is at is worked out from what they
//! recorded (`insights::progression`), never counted here.

use std::path::PathBuf;

use crate::routine::{Amount, Exercise, Routine, Source, format_length};

mod catalog;
mod check;
mod parse;

pub use catalog::{BrokenProgramme, Catalog, builtins, load_file};
pub use parse::parse;

/// The longest programme limber follows, in weeks.
pub const MAX_WEEKS: u32 = 52;
/// How many sessions done in full at a level before the next step, when
/// the file does not say (`step_every = N`): graded activity raises the
/// dose on a schedule set in advance, by sessions done, not by pain felt.
pub const DEFAULT_STEP_EVERY: u32 = 1;
/// A step less often than this is no longer a schedule that moves.
pub const MAX_STEP_EVERY: u32 = 12;
/// More levels than this is a ladder of steps too small to notice.
pub const MAX_LEVELS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    /// The file's stem: what `limber programme start SLUG` takes.
    pub slug: String,
    pub name: String,
    pub description: String,
    pub weeks: u32,
    pub sessions_per_week: u32,
    /// Sessions done in full at a level before it steps up (the planned
    /// schedule; `DEFAULT_STEP_EVERY` unless the file says).
    pub step_every: u32,
    /// In week order, one after the other, covering every week.
    pub phases: Vec<Phase>,
    pub source: Source,
    pub path: Option<PathBuf>,
}

/// A run of weeks with its routines and its ladders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub first_week: u32,
    pub last_week: u32,
    /// Routine slugs, done in turn.
    pub routines: Vec<String>,
    pub ladders: Vec<Ladder>,
}

/// How one exercise steps up: its doses, level 1 first. A named next
/// exercise (`then`) is the rung after the last dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    /// The exercise's name in the routine.
    pub head: String,
    /// The exercise at each level.
    pub rungs: Vec<Exercise>,
}

impl Ladder {
    /// The exercise at `level` (1-based, kept within the ladder).
    pub fn at(&self, level: u32) -> &Exercise {
        let i = (level.max(1) as usize - 1).min(self.rungs.len() - 1);
        &self.rungs[i]
    }

    /// How many levels it has.
    pub fn levels(&self) -> u32 {
        self.rungs.len() as u32
    }
}

impl Phase {
    pub fn ladder(&self, name: &str) -> Option<&Ladder> {
        self.ladders
            .iter()
            .find(|l| l.head.eq_ignore_ascii_case(name))
    }

    /// The weeks as the file writes them: "1-4", or "5".
    pub fn weeks_text(&self) -> String {
        if self.first_week == self.last_week {
            self.first_week.to_string()
        } else {
            format!("{}-{}", self.first_week, self.last_week)
        }
    }
}

impl Programme {
    /// The phase of week `week` (1-based); past the end, the last one.
    pub fn phase(&self, week: u32) -> &Phase {
        self.phases
            .iter()
            .find(|p| (p.first_week..=p.last_week).contains(&week))
            .or_else(|| self.phases.last())
            .expect("a programme has at least one phase (checked when parsed)")
    }

    /// Every routine slug it uses, each once, in order.
    pub fn routines(&self) -> Vec<&str> {
        let mut slugs: Vec<&str> = Vec::new();
        for phase in &self.phases {
            for slug in &phase.routines {
                if !slugs.contains(&slug.as_str()) {
                    slugs.push(slug);
                }
            }
        }
        slugs
    }
}

/// A routine at the levels given (by ladder head, 1-based): each exercise
/// with a ladder in `phase` becomes its rung at that level; the others stay
/// as the routine has them.
pub fn at_levels(routine: &Routine, phase: &Phase, levels: &[(String, u32)]) -> Routine {
    let exercises = routine
        .exercises
        .iter()
        .map(|e| match phase.ladder(&e.name) {
            Some(ladder) => {
                let level = levels
                    .iter()
                    .find(|(head, _)| head.eq_ignore_ascii_case(&ladder.head))
                    .map_or(1, |(_, l)| *l);
                ladder.at(level).clone()
            }
            None => e.clone(),
        })
        .collect();
    Routine {
        exercises,
        ..routine.clone()
    }
}

/// One exercise's dose in a few words: "2 sets × 12 reps", "25s each side".
pub fn dose_text(exercise: &Exercise) -> String {
    let amount = match exercise.amount {
        Amount::Seconds(s) => format_length(s),
        Amount::Reps(r) => format!("{r} reps"),
    };
    let mut text = if exercise.sets > 1 {
        format!("{} sets × {amount}", exercise.sets)
    } else {
        amount
    };
    if exercise.both_sides {
        text.push_str(" each side");
    }
    text
}

/// What `programme show` and `status` print beside the safety list.
pub const SORENESS_NOTE: &str = "Some extra soreness in the first weeks of new exercise is common and is not harm; it settles as the body gets used to the work.";

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A routine with a bridge (reps), a side plank (time) and a breath.
    pub(crate) const ROUTINE: &str = r#"name = "Strong"
description = "x"
[[exercise]]
name = "Bridge"
kind = "strength"
reps = 10
sets = 2
instructions = "Lift."
[[exercise]]
name = "Side plank on knees"
kind = "strength"
duration = "20s"
sides = "both"
[[exercise]]
name = "Breath"
kind = "breathing"
duration = 60
[[exercise]]
name = "Single-leg bridge"
kind = "strength"
reps = 6
sides = "both"
"#;

    pub(crate) fn routines() -> Vec<Routine> {
        vec![crate::routine::parse("strong", "strong.toml", ROUTINE, Source::User).expect("valid")]
    }

    /// Each problem found in `text` (as file `p.toml`), as it is shown.
    pub(crate) fn problems(text: &str) -> Vec<String> {
        match parse("p", "p.toml", text, Source::User, &routines()) {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(ToString::to_string).collect(),
        }
    }

    pub(crate) const GOOD: &str = r#"name = "Two steps"
description = "A test"
weeks = 4
sessions_per_week = 3

[[phase]]
weeks = "1-2"
routines = ["strong"]

[[phase.exercise]]
name = "Bridge"
progress = { reps = "+2", max = 14 }
then = "Single-leg bridge"

[[phase]]
weeks = "3-4"
routines = ["strong"]

[[phase.exercise]]
name = "Side plank on knees"
progress = { duration = "+5s", max = "30s" }
"#;

    #[test]
    fn ladders_climb_to_their_maximum_then_the_next_exercise() {
        let p = parse("two", "two.toml", GOOD, Source::User, &routines()).expect("valid");
        let bridge = p.phases[0].ladder("bridge").expect("bridge ladder");
        let doses: Vec<String> = bridge.rungs.iter().map(dose_text).collect();
        assert_eq!(
            doses,
            [
                "2 sets × 10 reps",
                "2 sets × 12 reps",
                "2 sets × 14 reps",
                "6 reps each side"
            ]
        );
        assert_eq!(bridge.at(4).name, "Single-leg bridge");
        assert_eq!(bridge.at(99).name, "Single-leg bridge");
        let plank = p.phase(3).ladder("Side plank on knees").expect("plank");
        let doses: Vec<String> = plank.rungs.iter().map(dose_text).collect();
        assert_eq!(doses, ["20s each side", "25s each side", "30s each side"]);
        assert_eq!(p.phase(1).first_week, 1);
        assert_eq!(p.phase(40).first_week, 3);
    }

    #[test]
    fn the_schedule_is_the_files_or_one_step_a_session() {
        let p = parse("two", "two.toml", GOOD, Source::User, &routines()).expect("valid");
        assert_eq!(p.step_every, DEFAULT_STEP_EVERY);
        let every3 = GOOD.replace(
            "sessions_per_week = 3",
            "sessions_per_week = 3\nstep_every = 3",
        );
        let p = parse("two", "two.toml", &every3, Source::User, &routines()).expect("valid");
        assert_eq!(p.step_every, 3);
        let never = GOOD.replace(
            "sessions_per_week = 3",
            "sessions_per_week = 3\nstep_every = 0",
        );
        let problems = problems(&never);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("step_every"), "{problems:?}");
    }

    #[test]
    fn a_routine_at_levels_takes_each_rung() {
        let p = parse("two", "two.toml", GOOD, Source::User, &routines()).expect("valid");
        let routine = &routines()[0];
        let at = at_levels(routine, &p.phases[0], &[("Bridge".to_string(), 2)]);
        assert_eq!(at.exercises[0].amount, Amount::Reps(12));
        assert_eq!(at.exercises[1], routine.exercises[1]);
        let top = at_levels(routine, &p.phases[0], &[("Bridge".to_string(), 4)]);
        assert_eq!(top.exercises[0].name, "Single-leg bridge");
    }
}
