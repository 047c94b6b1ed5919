//! A routine flattened into the steps the timer walks through: get ready,
//! then for each exercise, each set, each side: work, then rest.

use std::time::Duration;

use crate::routine::{Amount, Exercise, Routine, SECONDS_PER_REP};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left side",
            Side::Right => "right side",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Before the first exercise.
    GetReady,
    /// One set (and side) of an exercise.
    Work {
        exercise: usize,
        /// 1-based.
        set: u32,
        side: Option<Side>,
    },
    /// The pause after a set or side of `exercise`.
    Rest { exercise: usize },
}

/// How a step ends: when its time is up, or when the user says the reps are done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Timed(Duration),
    Reps(u32),
}

impl Length {
    /// The time the step is planned to take (an estimate for reps).
    pub fn planned(self) -> Duration {
        match self {
            Length::Timed(d) => d,
            Length::Reps(r) => Duration::from_secs(u64::from(r * SECONDS_PER_REP)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    pub length: Length,
}

impl Step {
    pub fn exercise(&self) -> Option<usize> {
        match self.kind {
            StepKind::Work { exercise, .. } | StepKind::Rest { exercise } => Some(exercise),
            StepKind::GetReady => None,
        }
    }

    pub fn is_work(&self) -> bool {
        matches!(self.kind, StepKind::Work { .. })
    }
}

/// A routine ready to be walked through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub slug: String,
    pub name: String,
    pub exercises: Vec<Exercise>,
    pub steps: Vec<Step>,
}

impl Plan {
    pub fn new(routine: &Routine, default_get_ready: u32, default_rest: u32) -> Plan {
        let mut steps = Vec::new();
        let get_ready = routine.get_ready.unwrap_or(default_get_ready);
        if get_ready > 0 {
            steps.push(Step {
                kind: StepKind::GetReady,
                length: Length::Timed(Duration::from_secs(u64::from(get_ready))),
            });
        }
        for (index, exercise) in routine.exercises.iter().enumerate() {
            let length = match exercise.amount {
                Amount::Seconds(s) => Length::Timed(Duration::from_secs(u64::from(s))),
                Amount::Reps(r) => Length::Reps(r),
            };
            let sides: &[Option<Side>] = if exercise.both_sides {
                &[Some(Side::Left), Some(Side::Right)]
            } else {
                &[None]
            };
            let rest = exercise.rest.unwrap_or(default_rest);
            for set in 1..=exercise.sets {
                for &side in sides {
                    steps.push(Step {
                        kind: StepKind::Work {
                            exercise: index,
                            set,
                            side,
                        },
                        length,
                    });
                    if rest > 0 {
                        steps.push(Step {
                            kind: StepKind::Rest { exercise: index },
                            length: Length::Timed(Duration::from_secs(u64::from(rest))),
                        });
                    }
                }
            }
        }
        // No rest after the very last piece of work: the routine is over.
        if steps
            .last()
            .is_some_and(|s| matches!(s.kind, StepKind::Rest { .. }))
        {
            steps.pop();
        }
        Plan {
            slug: routine.slug.clone(),
            name: routine.name.clone(),
            exercises: routine.exercises.clone(),
            steps,
        }
    }

    /// The plan to go on with an interrupted session: a get-ready, then
    /// everything from the start of `exercise` on. Exercise positions stay
    /// as they were, so records keep their places.
    pub fn resume_from(&self, exercise: usize, get_ready: u32) -> Plan {
        let first = self.first_step(exercise).unwrap_or(self.steps.len());
        let mut steps = Vec::with_capacity(self.steps.len() - first + 1);
        if get_ready > 0 {
            steps.push(Step {
                kind: StepKind::GetReady,
                length: Length::Timed(Duration::from_secs(u64::from(get_ready))),
            });
        }
        steps.extend_from_slice(&self.steps[first..]);
        Plan {
            steps,
            ..self.clone()
        }
    }

    /// The planned length of the whole routine.
    pub fn total(&self) -> Duration {
        self.steps.iter().map(|s| s.length.planned()).sum()
    }

    /// The index of the last work step of an exercise.
    pub fn last_work_step(&self, exercise: usize) -> Option<usize> {
        self.steps
            .iter()
            .rposition(|s| matches!(s.kind, StepKind::Work { exercise: e, .. } if e == exercise))
    }

    /// The index of the first step of an exercise.
    pub fn first_step(&self, exercise: usize) -> Option<usize> {
        self.steps
            .iter()
            .position(|s| matches!(s.kind, StepKind::Work { exercise: e, .. } if e == exercise))
    }

    /// The next work step after `index`, if any.
    pub fn next_work(&self, index: usize) -> Option<&Step> {
        self.steps.iter().skip(index + 1).find(|s| s.is_work())
    }

    /// Work steps of an exercise.
    pub fn work_steps(&self, exercise: usize) -> impl Iterator<Item = (usize, &Step)> {
        self.steps.iter().enumerate().filter(
            move |(_, s)| matches!(s.kind, StepKind::Work { exercise: e, .. } if e == exercise),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::{Source, parse};

    fn routine(text: &str) -> Routine {
        parse("t", "t.toml", text, Source::User).expect("valid")
    }

    #[test]
    fn sets_sides_and_rests_are_flattened_in_order() {
        let r = routine(
            "name = \"x\"\nget_ready = 3\n\
             [[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 20\nsets = 2\nsides = \"both\"\nrest = 5\n\
             [[exercise]]\nname = \"B\"\nkind = \"strength\"\nreps = 8\n",
        );
        let plan = Plan::new(&r, 5, 10);
        let kinds: Vec<StepKind> = plan.steps.iter().map(|s| s.kind).collect();
        let work = |set, side| StepKind::Work {
            exercise: 0,
            set,
            side,
        };
        assert_eq!(
            kinds,
            vec![
                StepKind::GetReady,
                work(1, Some(Side::Left)),
                StepKind::Rest { exercise: 0 },
                work(1, Some(Side::Right)),
                StepKind::Rest { exercise: 0 },
                work(2, Some(Side::Left)),
                StepKind::Rest { exercise: 0 },
                work(2, Some(Side::Right)),
                StepKind::Rest { exercise: 0 },
                StepKind::Work {
                    exercise: 1,
                    set: 1,
                    side: None
                },
            ]
        );
        assert_eq!(plan.steps[9].length, Length::Reps(8));
        assert_eq!(plan.total(), Duration::from_secs(3 + 4 * 20 + 4 * 5 + 24));
        assert_eq!(
            plan.total().as_secs(),
            u64::from(r.total_seconds(5, 10)),
            "the plan and the routine agree on the length"
        );
        assert_eq!(plan.last_work_step(0), Some(7));
        assert_eq!(plan.first_step(1), Some(9));
    }

    #[test]
    fn zero_get_ready_and_zero_rest_add_no_steps() {
        let r = routine(
            "name = \"x\"\nget_ready = 0\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 20\nsets = 2\nrest = 0\n",
        );
        let plan = Plan::new(&r, 5, 10);
        assert_eq!(plan.steps.len(), 2);
        assert!(plan.steps.iter().all(Step::is_work));
    }
}
