//! Reading a programme file: TOML into a `Programme`, with the rules for
//! the file as a whole (its weeks covered by phases, one after the other);
//! every problem is reported with its `file:line:col`.

use serde::Deserialize;
use toml::Spanned;

use super::check::{Checker, RawStep, check_step};
use super::{DEFAULT_STEP_EVERY, MAX_STEP_EVERY, MAX_WEEKS, Phase, Programme};
use crate::located::Located;
use crate::routine::{Routine, Source};
use crate::text::one_line;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    name: Option<Spanned<String>>,
    description: Option<String>,
    weeks: Option<Spanned<i64>>,
    sessions_per_week: Option<Spanned<i64>>,
    step_every: Option<Spanned<i64>>,
    #[serde(default)]
    phase: Vec<Spanned<RawPhase>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    weeks: Option<Spanned<toml::Value>>,
    routines: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    exercise: Vec<Spanned<RawStep>>,
}

/// Parses and validates one programme file against the routines limber
/// knows. `file` is how messages name it. Every problem found is returned.
pub fn parse(
    slug: &str,
    file: &str,
    text: &str,
    source: Source,
    routines: &[Routine],
) -> Result<Programme, Vec<Located>> {
    let mut check = Checker::new(file, text);
    let raw: RawProgramme = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![Located::toml(file, text, &e)]),
    };
    let name = match &raw.name {
        Some(name) if !name.get_ref().trim().is_empty() => name.get_ref().trim().to_string(),
        Some(name) => {
            check.at(
                name.span().start,
                "name is empty; give the programme a name",
            );
            String::new()
        }
        None => {
            check.at(0, "the programme has no name; add name = \"…\" at the top");
            String::new()
        }
    };
    let weeks = match &raw.weeks {
        Some(w) => check.number("weeks", w, 1..=MAX_WEEKS),
        None => {
            check.at(0, "the programme has no weeks; add weeks = 12 at the top");
            None
        }
    };
    let per_week = match &raw.sessions_per_week {
        Some(n) => check.number("sessions_per_week", n, 1..=7),
        None => {
            check.at(
                0,
                "the programme has no sessions_per_week; add sessions_per_week = 3 at the top",
            );
            None
        }
    };
    let step_every = match &raw.step_every {
        Some(n) => check.number("step_every", n, 1..=MAX_STEP_EVERY),
        None => Some(DEFAULT_STEP_EVERY),
    };
    if raw.phase.is_empty() {
        check.at(
            text.len(),
            "the programme has no phases; add at least one [[phase]] with weeks and routines",
        );
    }
    let mut phases: Vec<(usize, Phase)> = Vec::new();
    for spanned in &raw.phase {
        if let Some(phase) = check_phase(&mut check, spanned, weeks, routines) {
            phases.push(phase);
        }
    }
    if let Some(weeks) = weeks
        && check.problems.is_empty()
    {
        check_cover(&mut check, &mut phases, weeks, text.len());
    }
    match (weeks, per_week, step_every) {
        (Some(weeks), Some(sessions_per_week), Some(step_every)) if check.problems.is_empty() => {
            Ok(Programme {
                slug: slug.to_string(),
                name,
                description: raw.description.unwrap_or_default().trim().to_string(),
                weeks,
                sessions_per_week,
                step_every,
                phases: phases.into_iter().map(|(_, p)| p).collect(),
                source,
                path: None,
            })
        }
        _ => Err(check.problems),
    }
}

/// One `[[phase]]`: its weeks, its routines (each known) and its ladders.
/// Returned with the place of its weeks, for the messages about order.
fn check_phase(
    check: &mut Checker<'_>,
    spanned: &Spanned<RawPhase>,
    weeks: Option<u32>,
    routines: &[Routine],
) -> Option<(usize, Phase)> {
    let raw = spanned.get_ref();
    let before = check.problems.len();
    let range = match (&raw.weeks, weeks) {
        (Some(value), Some(weeks)) => check.weeks(value, weeks).map(|r| (value.span().start, r)),
        (Some(_), None) => None,
        (None, _) => {
            check.at(
                spanned.span().start,
                "the phase has no weeks; add weeks = \"1-4\"",
            );
            None
        }
    };
    let mut used: Vec<&Routine> = Vec::new();
    match &raw.routines {
        None => check.at(
            spanned.span().start,
            "the phase has no routines; add routines = [\"core-basics\"]",
        ),
        Some(list) if list.get_ref().is_empty() => check.at(
            list.span().start,
            "the phase's routines are empty; name at least one routine",
        ),
        Some(list) => {
            for slug in list.get_ref() {
                match routines.iter().find(|r| r.slug == *slug.get_ref()) {
                    Some(r) => used.push(r),
                    None => {
                        let known: Vec<&str> = routines.iter().map(|r| r.slug.as_str()).collect();
                        check.at(
                            slug.span().start,
                            format!(
                                "no routine \"{}\"; known routines: {}",
                                one_line(slug.get_ref()),
                                known.join(", ")
                            ),
                        );
                    }
                }
            }
        }
    }
    let mut ladders: Vec<super::Ladder> = Vec::new();
    if check.problems.len() == before {
        for step in &raw.exercise {
            let Some(ladder) =
                check_step(check, step.span().start, step.get_ref(), &used, routines)
            else {
                continue;
            };
            if ladders.iter().any(|l| l.head == ladder.head) {
                let at = step
                    .get_ref()
                    .name
                    .as_ref()
                    .map_or(step.span().start, |n| n.span().start);
                check.at(
                    at,
                    format!(
                        "exercise \"{}\" has two ladders in this phase; keep one",
                        one_line(&ladder.head)
                    ),
                );
                continue;
            }
            ladders.push(ladder);
        }
    }
    let (at, (first_week, last_week)) = range?;
    (check.problems.len() == before).then(|| {
        (
            at,
            Phase {
                first_week,
                last_week,
                routines: used.iter().map(|r| r.slug.clone()).collect(),
                ladders,
            },
        )
    })
}

/// The phases in week order, with no week in two and none in none.
fn check_cover(check: &mut Checker<'_>, phases: &mut [(usize, Phase)], weeks: u32, end: usize) {
    phases.sort_by_key(|(_, p)| p.first_week);
    let mut next = 1;
    let mut previous: Option<&Phase> = None;
    for (at, phase) in phases.iter() {
        if let Some(prev) = previous
            && phase.first_week <= prev.last_week
        {
            check.at(
                *at,
                format!(
                    "weeks {} overlap the phase of weeks {}; each week belongs to one phase",
                    phase.weeks_text(),
                    prev.weeks_text()
                ),
            );
        } else if phase.first_week > next {
            check.at(*at, gap(next, phase.first_week - 1));
        }
        next = next.max(phase.last_week + 1);
        previous = Some(phase);
    }
    if next <= weeks {
        check.at(end, gap(next, weeks));
    }
}

fn gap(first: u32, last: u32) -> String {
    if first == last {
        format!("week {first} is in no phase; every week needs its routines")
    } else {
        format!("weeks {first}-{last} are in no phase; every week needs its routines")
    }
}

#[cfg(test)]
mod tests {
    use crate::programme::tests::{GOOD, problems};

    const HEAD: &str = "name = \"x\"\nweeks = 8\nsessions_per_week = 3\n";

    #[test]
    fn a_good_programme_has_no_problems() {
        assert_eq!(problems(GOOD), Vec::<String>::new());
    }

    #[test]
    fn a_bad_week_range_is_named_where_it_is() {
        let text = format!("{HEAD}[[phase]]\nweeks = \"6-3\"\nroutines = [\"strong\"]\n");
        assert_eq!(
            problems(&text),
            [
                "p.toml:5:9: weeks 6-3 is not a week range; the first week is 1 or more and comes before the last"
            ]
        );
        let text = format!("{HEAD}[[phase]]\nweeks = \"1-x\"\nroutines = [\"strong\"]\n");
        assert_eq!(
            problems(&text),
            ["p.toml:5:9: weeks \"1-x\" is not a week range; write \"1-4\" or 5"]
        );
        let text = format!("{HEAD}[[phase]]\nweeks = \"1-9\"\nroutines = [\"strong\"]\n");
        assert_eq!(
            problems(&text),
            ["p.toml:5:9: weeks 1-9 go past the programme's 8 weeks"]
        );
    }

    #[test]
    fn an_unknown_routine_is_named_where_it_is() {
        let text = format!("{HEAD}[[phase]]\nweeks = \"1-8\"\nroutines = [\"strong\", \"yoga\"]\n");
        assert_eq!(
            problems(&text),
            ["p.toml:6:23: no routine \"yoga\"; known routines: strong"]
        );
    }

    #[test]
    fn overlapping_phases_and_gaps_are_refused() {
        let text = format!(
            "{HEAD}[[phase]]\nweeks = \"1-4\"\nroutines = [\"strong\"]\n[[phase]]\nweeks = \"4-8\"\nroutines = [\"strong\"]\n"
        );
        assert_eq!(
            problems(&text),
            [
                "p.toml:8:9: weeks 4-8 overlap the phase of weeks 1-4; each week belongs to one phase"
            ]
        );
        let text = format!(
            "{HEAD}[[phase]]\nweeks = \"1-3\"\nroutines = [\"strong\"]\n[[phase]]\nweeks = \"5-7\"\nroutines = [\"strong\"]\n"
        );
        assert_eq!(
            problems(&text),
            [
                "p.toml:8:9: week 4 is in no phase; every week needs its routines",
                "p.toml:10:1: week 8 is in no phase; every week needs its routines"
            ]
        );
    }

    #[test]
    fn a_step_past_its_maximum_is_refused() {
        let base = format!(
            "{HEAD}[[phase]]\nweeks = \"1-8\"\nroutines = [\"strong\"]\n[[phase.exercise]]\nname = \"Bridge\"\n"
        );
        assert_eq!(
            problems(&format!("{base}progress = {{ reps = \"+6\", max = 14 }}\n")),
            [
                "p.toml:9:21: exercise \"Bridge\": a step of 6 reps goes past its max of 14 reps from 10 reps; make the step at most 4 reps"
            ]
        );
        assert_eq!(
            problems(&format!("{base}progress = {{ reps = \"+2\", max = 8 }}\n")),
            [
                "p.toml:9:33: exercise \"Bridge\" starts at 10 reps, already at or past its max of 8 reps; raise max, or name a next exercise with then"
            ]
        );
        assert_eq!(
            problems(&format!(
                "{base}progress = {{ duration = \"+5s\", max = \"1m\" }}\n"
            )),
            ["p.toml:9:25: exercise \"Bridge\" is counted in reps, not timed; step its reps"]
        );
        assert_eq!(
            problems(&format!("{base}progress = {{ reps = \"-2\", max = 20 }}\n")),
            ["p.toml:9:21: reps step is not a step up; write it like \"+2\""]
        );
    }

    #[test]
    fn exercises_and_next_exercises_must_exist() {
        let base = format!(
            "{HEAD}[[phase]]\nweeks = \"1-8\"\nroutines = [\"strong\"]\n[[phase.exercise]]\n"
        );
        assert_eq!(
            problems(&format!(
                "{base}name = \"Plank\"\nprogress = {{ reps = \"+2\", max = 20 }}\n"
            )),
            ["p.toml:8:8: no exercise \"Plank\" in this phase's routines (strong)"]
        );
        assert_eq!(
            problems(&format!(
                "{base}name = \"Bridge\"\nthen = \"Flying bridge\"\n"
            )),
            [
                "p.toml:9:8: then names \"Flying bridge\", which is in no routine; name an exercise of a routine"
            ]
        );
    }

    #[test]
    fn the_head_numbers_are_checked() {
        let text = "name = \"x\"\nweeks = 0\nsessions_per_week = 9\n[[phase]]\nweeks = 1\nroutines = [\"strong\"]\n";
        assert_eq!(
            problems(text),
            [
                "p.toml:2:9: weeks is 0; it must be 1 to 52",
                "p.toml:3:21: sessions_per_week is 9; it must be 1 to 7"
            ]
        );
    }
}
