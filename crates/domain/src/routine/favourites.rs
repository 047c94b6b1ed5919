//! "Your favourites": a routine made of the exercises the user rated best,
//! at the lengths they last did them — the exercise they like is the one
//! they do. Pure: the picks (`insights::for_routine`) come in, a routine
//! goes out.

use super::{Amount, Exercise, Routine, Source};
use crate::model::LastDone;

/// How many rated exercises it needs.
pub const LEAST: usize = 3;

/// The routine, from each pick's definition (its instructions, cues and
/// what to stop for) and what was last done of it. `None` with fewer than
/// `LEAST` exercises.
pub fn build(picks: Vec<(Exercise, Option<LastDone>)>) -> Option<Routine> {
    if picks.len() < LEAST {
        return None;
    }
    let exercises: Vec<Exercise> = picks
        .into_iter()
        .map(|(mut e, last)| {
            if let Some(last) = last {
                let sets = last.sets.max(1).min(e.sets.max(1));
                let sides = if e.both_sides { 2 } else { 1 };
                e.amount = match (e.amount, last.reps) {
                    (Amount::Reps(_), Some(reps)) if reps > 0 => Amount::Reps(reps),
                    (Amount::Seconds(planned), _) => {
                        let per_round = last.seconds / (sets * sides).max(1);
                        // Too short to be real (ended early): keep the plan.
                        Amount::Seconds(if per_round >= 10 {
                            per_round.min(crate::routine::MAX_SECONDS)
                        } else {
                            planned
                        })
                    }
                    (amount, _) => amount,
                };
                e.sets = sets;
                // The gentle version is never more than the full one.
                let cap = |gentle: Option<u32>, full: u32| gentle.map(|g| g.min(full));
                e.gentle.sets = cap(e.gentle.sets, sets);
                match e.amount {
                    Amount::Seconds(s) => e.gentle.duration = cap(e.gentle.duration, s),
                    Amount::Reps(r) => e.gentle.reps = cap(e.gentle.reps, r),
                }
            }
            e
        })
        .collect();
    let mut exercises = exercises;
    // Each left out of its own routine's gentle version, together they
    // would leave this one without any: then they all stay in.
    if exercises.iter().all(|e| !e.gentle.include) {
        for e in &mut exercises {
            e.gentle.include = true;
        }
    }
    let definition = toml_text(&exercises);
    Some(Routine {
        slug: "favourites".to_string(),
        name: "Your favourites".to_string(),
        description: "The exercises you rated best, at the lengths you last did them".to_string(),
        get_ready: None,
        exercises,
        source: Source::User,
        path: None,
        definition,
    })
}

/// The routine as a routine file, so a session of it can be resumed.
fn toml_text(exercises: &[Exercise]) -> String {
    use toml::{Table, Value};
    let mut top = Table::new();
    top.insert("name".into(), Value::from("Your favourites"));
    let list: Vec<Value> = exercises
        .iter()
        .map(|e| {
            let mut t = Table::new();
            t.insert("name".into(), Value::from(e.name.as_str()));
            t.insert("kind".into(), Value::from(e.kind.as_str()));
            match e.amount {
                Amount::Seconds(s) => t.insert("duration".into(), Value::from(i64::from(s))),
                Amount::Reps(r) => t.insert("reps".into(), Value::from(i64::from(r))),
            };
            t.insert("sets".into(), Value::from(i64::from(e.sets)));
            if e.both_sides {
                t.insert("sides".into(), Value::from("both"));
            }
            if let Some(rest) = e.rest {
                t.insert("rest".into(), Value::from(i64::from(rest)));
            }
            if !e.instructions.is_empty() {
                t.insert("instructions".into(), Value::from(e.instructions.as_str()));
            }
            if !e.cues.is_empty() {
                t.insert(
                    "cues".into(),
                    Value::Array(e.cues.iter().map(|c| Value::from(c.as_str())).collect()),
                );
            }
            if let Some(p) = e.pattern {
                t.insert(
                    "pattern".into(),
                    Value::Array(
                        [p.inhale, p.hold_in, p.exhale, p.hold_out]
                            .iter()
                            .map(|&v| Value::from(i64::from(v)))
                            .collect(),
                    ),
                );
            }
            if let Some(stop) = &e.stop_if {
                t.insert("stop_if".into(), Value::from(stop.as_str()));
            }
            // The gentle settings too: a resumed gentle session lines up
            // with the one that was stopped.
            if !e.gentle.include {
                t.insert("gentle".into(), Value::from(false));
            }
            let mut gentle = |key: &str, value: Option<u32>| {
                if let Some(v) = value {
                    t.insert(key.into(), Value::from(i64::from(v)));
                }
            };
            match e.amount {
                Amount::Seconds(_) => gentle("gentle_duration", e.gentle.duration),
                Amount::Reps(_) => gentle("gentle_reps", e.gentle.reps),
            }
            gentle("gentle_sets", e.gentle.sets);
            Value::Table(t)
        })
        .collect();
    top.insert("exercise".into(), Value::Array(list));
    toml::to_string(&top).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(name: &str) -> Exercise {
        crate::routine::builtins()
            .iter()
            .flat_map(|r| r.exercises.clone())
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} is in a built-in routine"))
    }

    /// The routine read back from its stored definition.
    fn reparsed(routine: &Routine) -> Routine {
        crate::routine::parse(
            "favourites",
            "favourites",
            &routine.definition,
            Source::User,
        )
        .expect("the definition parses")
    }

    #[test]
    fn the_routine_takes_the_lengths_last_done() {
        let picks = vec![
            (
                exercise("Bird-dog"),
                Some(LastDone {
                    seconds: 100,
                    reps: None,
                    sets: 1,
                }),
            ),
            (
                exercise("Bridge"),
                Some(LastDone {
                    seconds: 40,
                    reps: Some(8),
                    sets: 1,
                }),
            ),
            (exercise("Dead bug"), None),
        ];
        let routine = build(picks).expect("three picks");
        assert_eq!(routine.slug, "favourites");
        let bird = &routine.exercises[0];
        // Bird-dog is done on both sides: 100 s over one set of two sides.
        assert_eq!((bird.amount, bird.sets), (Amount::Seconds(50), 1));
        assert_eq!(routine.exercises[1].amount, Amount::Reps(8));
        assert_eq!(routine.exercises[2], exercise("Dead bug"));
        // Its definition is a routine file that reads back the same.
        let again = reparsed(&routine);
        assert_eq!(again.exercises, routine.exercises);
    }

    #[test]
    fn gentle_settings_survive_in_the_definition() {
        let mut bird = exercise("Bird-dog");
        bird.gentle = crate::routine::Gentle {
            include: true,
            duration: Some(12),
            sets: Some(1),
            reps: None,
        };
        let mut bridge = exercise("Bridge");
        bridge.gentle.include = false;
        let mut dead_bug = exercise("Dead bug");
        dead_bug.gentle.reps = Some(3);
        let routine = build(vec![(bird, None), (bridge, None), (dead_bug, None)]).expect("three");
        let again = reparsed(&routine);
        assert_eq!(again.exercises, routine.exercises);
        assert_eq!(again.gentle().exercises, routine.gentle().exercises);
        assert_eq!(routine.gentle().exercises.len(), 2);
    }

    #[test]
    fn the_gentle_version_is_never_longer_than_what_was_last_done() {
        let mut bird = exercise("Bird-dog");
        bird.gentle.duration = Some(40);
        bird.gentle.sets = Some(3);
        let last = LastDone {
            seconds: 40,
            reps: None,
            sets: 1,
        };
        let others = [exercise("Bridge"), exercise("Dead bug")].map(|e| (e, None));
        let mut picks = vec![(bird, Some(last))];
        picks.extend(others);
        let routine = build(picks).expect("three");
        // 40 s over both sides: 20 s a side, and the gentle version no more.
        assert_eq!(routine.exercises[0].amount, Amount::Seconds(20));
        let gentle = &routine.gentle().exercises[0];
        assert_eq!((gentle.amount, gentle.sets), (Amount::Seconds(20), 1));
        assert_eq!(reparsed(&routine).gentle().exercises[0], *gentle);
    }

    #[test]
    fn a_routine_of_exercises_all_left_out_of_gentle_versions_keeps_them() {
        let picks = ["Bird-dog", "Bridge", "Dead bug"]
            .map(|n| {
                let mut e = exercise(n);
                e.gentle.include = false;
                (e, None)
            })
            .to_vec();
        let routine = build(picks).expect("three");
        assert_eq!(routine.gentle().exercises.len(), 3);
        assert_eq!(reparsed(&routine).gentle().exercises.len(), 3);
    }

    #[test]
    fn fewer_than_three_is_no_routine() {
        assert!(
            build(vec![
                (exercise("Bridge"), None),
                (exercise("Bird-dog"), None)
            ])
            .is_none()
        );
    }
}
