//! The rules for one `[[exercise]]`, one function per field, and the shared
//! rules for a length of time and a count, each problem kept with its place.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::{Amount, BreathPattern, Exercise, Gentle, Kind, MAX_SECONDS, format_length};
pub(super) use crate::located::Checker;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExercise {
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

/// The checks of this format's fields.
impl Checker<'_> {
    /// A length of time: whole seconds, or text like "45s", "1m30s", "2m".
    pub(super) fn seconds(
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
pub(crate) fn parse_length(text: &str) -> Option<i64> {
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

const MAX_REPS: i64 = super::MAX_REPS as i64;
const MAX_SETS: i64 = super::MAX_SETS as i64;

/// Checks one `[[exercise]]` table, starting at byte `at`: each field by its
/// own rule, every problem kept. `seen` holds the (lower-case) names so far.
pub(super) fn check_exercise(
    check: &mut Checker<'_>,
    index: usize,
    at: usize,
    raw: &RawExercise,
    seen: &mut HashSet<String>,
) -> Option<Exercise> {
    let before = check.problems.len();
    let name = check_name(check, raw, index, at, seen);
    let label = label(&name, index);
    let kind = check_kind(check, raw, at, &label);
    let amount = check_amount(check, raw, at, &label);
    let sets = check_sets(check, raw);
    let both_sides = check_sides(check, raw);
    let rest = check_rest(check, raw);
    let pattern = check_pattern(check, raw, kind, &label);
    let gentle = check_gentle(check, raw, &label);
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
            .as_deref()
            .and_then(trimmed)
            .unwrap_or_default(),
        cues: raw.cues.iter().filter_map(|c| trimmed(c)).collect(),
        pattern,
        stop_if: raw.stop_if.as_deref().and_then(trimmed),
        gentle,
    })
}

/// `name`: there, not blank, and no other exercise's (whatever the case).
fn check_name(
    check: &mut Checker<'_>,
    raw: &RawExercise,
    index: usize,
    at: usize,
    seen: &mut HashSet<String>,
) -> String {
    let Some(name) = &raw.name else {
        check.at(
            at,
            format!("exercise {} has no name; add name = \"…\"", index + 1),
        );
        return String::new();
    };
    let trimmed = name.get_ref().trim().to_string();
    if trimmed.is_empty() {
        check.at(name.span().start, "exercise name is empty");
    } else if !seen.insert(trimmed.to_lowercase()) {
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

/// How messages name an exercise: by its name, or by its number if it has none.
fn label(name: &str, index: usize) -> String {
    if name.is_empty() {
        format!("exercise {}", index + 1)
    } else {
        format!("exercise \"{}\"", crate::text::one_line(name))
    }
}

/// `kind`: there, and one of the five.
fn check_kind(check: &mut Checker<'_>, raw: &RawExercise, at: usize, label: &str) -> Option<Kind> {
    let Some(kind) = &raw.kind else {
        check.at(
            at,
            format!("{label} has no kind; add kind = \"stretch\" (or strength, aerobic, relaxation, breathing)"),
        );
        return None;
    };
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

/// `duration` or `reps`: exactly one of them.
fn check_amount(
    check: &mut Checker<'_>,
    raw: &RawExercise,
    at: usize,
    label: &str,
) -> Option<Amount> {
    match (&raw.duration, &raw.reps) {
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
        (None, Some(reps)) => check.count("reps", reps, MAX_REPS).map(Amount::Reps),
    }
}

/// `sets`: one when left out.
fn check_sets(check: &mut Checker<'_>, raw: &RawExercise) -> Option<u32> {
    raw.sets
        .as_ref()
        .map_or(Some(1), |sets| check.count("sets", sets, MAX_SETS))
}

/// `sides`: "both" (left, then right), or left out.
fn check_sides(check: &mut Checker<'_>, raw: &RawExercise) -> bool {
    let Some(sides) = &raw.sides else {
        return false;
    };
    if sides.get_ref().trim() == "both" {
        return true;
    }
    check.at(
        sides.span().start,
        format!(
            "sides \"{}\" is not known; write sides = \"both\" (left, then right) or leave it out",
            crate::text::one_line(sides.get_ref())
        ),
    );
    false
}

/// `rest`: a length of time, zero allowed; left out, the configured default.
fn check_rest(check: &mut Checker<'_>, raw: &RawExercise) -> Option<u32> {
    raw.rest
        .as_ref()
        .and_then(|rest| check.seconds("rest", rest, true))
}

/// `pattern`: for breathing only, four whole seconds (in, hold, out, hold)
/// of at most a minute each, with time to breathe in and out.
fn check_pattern(
    check: &mut Checker<'_>,
    raw: &RawExercise,
    kind: Option<Kind>,
    label: &str,
) -> Option<BreathPattern> {
    let pattern = raw.pattern.as_ref()?;
    let start = pattern.span().start;
    if kind.is_some_and(|k| k != Kind::Breathing) {
        check.at(
            start,
            format!("{label}: pattern is only for breathing exercises"),
        );
    }
    let values = pattern.get_ref();
    let &[inhale, hold_in, exhale, hold_out] = values.as_slice() else {
        check.at(
            start,
            format!(
                "pattern has {} numbers; give four: seconds to breathe in, hold, breathe out, hold",
                values.len()
            ),
        );
        return None;
    };
    if values.iter().any(|v| !(0..=60).contains(v)) {
        check.at(start, "pattern values must be between 0 and 60 seconds");
        return None;
    }
    if inhale == 0 || exhale == 0 {
        check.at(
            start,
            "pattern needs time to breathe in and to breathe out (the first and third numbers)",
        );
        return None;
    }
    // Each value was just checked to be within 0..=60.
    Some(BreathPattern {
        inhale: inhale as u32,
        hold_in: hold_in as u32,
        exhale: exhale as u32,
        hold_out: hold_out as u32,
    })
}

/// `gentle`, `gentle_duration`, `gentle_reps` and `gentle_sets`: the
/// exercise in the gentle version.
fn check_gentle(check: &mut Checker<'_>, raw: &RawExercise, label: &str) -> Gentle {
    let duration = check_gentle_duration(check, raw, label);
    let reps = check_gentle_reps(check, raw, label);
    let sets = raw
        .gentle_sets
        .as_ref()
        .and_then(|g| check.count("gentle_sets", g, MAX_SETS));
    Gentle {
        include: raw.gentle.unwrap_or(true),
        duration,
        sets,
        reps,
    }
}

/// `gentle_duration`: only beside a `duration`.
fn check_gentle_duration(check: &mut Checker<'_>, raw: &RawExercise, label: &str) -> Option<u32> {
    let gentle = raw.gentle_duration.as_ref()?;
    if raw.duration.is_none() {
        check.at(
            gentle.span().start,
            format!("{label}: gentle_duration goes with duration; for reps write gentle_reps"),
        );
        return None;
    }
    check.seconds("gentle_duration", gentle, false)
}

/// `gentle_reps`: only beside `reps`.
fn check_gentle_reps(check: &mut Checker<'_>, raw: &RawExercise, label: &str) -> Option<u32> {
    let gentle = raw.gentle_reps.as_ref()?;
    if raw.reps.is_none() {
        check.at(
            gentle.span().start,
            format!("{label}: gentle_reps goes with reps; for a duration write gentle_duration"),
        );
        return None;
    }
    check.count("gentle_reps", gentle, MAX_REPS)
}

/// Text as written without the spaces around it; `None` if nothing is left.
fn trimmed(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::tests::problems;

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
    fn duplicate_names_are_refused_at_the_second() {
        let text = "name = \"x\"\n[[exercise]]\nname = \"Bridge\"\nkind = \"strength\"\nreps = 5\n\
                    [[exercise]]\nname = \"bridge\"\nkind = \"strength\"\nreps = 5\n";
        assert_eq!(
            problems(text),
            vec!["t.toml:7:8: exercise \"bridge\" appears twice; give each exercise its own name"]
        );
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
}
