//! Reading a routine file: TOML into a `Routine`, with the rules for the file
//! as a whole; every problem is reported with its `file:line:col`.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::check::{Checker, RawExercise, check_exercise};
use super::{Routine, Source};
use crate::located::Located;

/// More than this many exercises is not a routine a person follows.
pub const MAX_EXERCISES: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoutine {
    name: Option<Spanned<String>>,
    description: Option<String>,
    get_ready: Option<Spanned<toml::Value>>,
    #[serde(default)]
    exercise: Vec<Spanned<RawExercise>>,
}

/// Parses and validates one routine file. `file` is how messages name it.
/// Every problem found is returned, not only the first.
pub fn parse(slug: &str, file: &str, text: &str, source: Source) -> Result<Routine, Vec<Located>> {
    let mut check = Checker::new(file, text);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::tests::{GOOD, problems};
    use crate::routine::{Amount, BreathPattern, Kind};

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
    fn an_empty_exercise_list_is_named() {
        assert_eq!(
            problems("name = \"x\"\n"),
            vec!["t.toml:2:1: the routine has no exercises; add at least one [[exercise]]"]
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
    fn syntax_errors_have_a_position() {
        let p = problems("name = \"x\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("t.toml:1:"), "{p:?}");
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let text = "[[exercise]]\nname = \"A\"\nkind = \"yoga\"\nduration = -1\n";
        assert_eq!(problems(text).len(), 3, "{:?}", problems(text));
    }
}
