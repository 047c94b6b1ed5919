//! What `limber programme` and the app's Programme screen say, in one
//! place, so the two cannot drift: a programme's line in the list, where
//! the person is in the one they follow, what starting one means, and what
//! starting and stopping did.

use time::{Date, Weekday};

use super::{Level, Status, days, headline, weekday};
use crate::programme::{BrokenProgramme, Catalog, Programme, SORENESS_NOTE};
use crate::text::one_line;

/// The first words when no programme is followed.
pub const NONE: &str = "No programme followed.";

/// A programme in the list, after its slug: "Back to moving · 12 weeks ·
/// 3 a week · built-in".
pub fn list_line(p: &Programme) -> String {
    format!(
        "{} · {} · {} a week · {}",
        one_line(&p.name),
        crate::text::count(u64::from(p.weeks), "week", "weeks"),
        p.sessions_per_week,
        p.source.as_str()
    )
}

/// A programme file that cannot be used, after its slug: "broken: …".
pub fn broken_line(broken: &BrokenProgramme) -> String {
    let first = broken
        .problems
        .first()
        .map_or_else(|| "unreadable".to_string(), ToString::to_string);
    format!("broken: {}", one_line(&first))
}

/// `limber programme list`: a header, each programme and each broken file
/// under its slug, and a note when the folder could not be read.
pub fn list(catalog: &Catalog) -> Vec<String> {
    let width = catalog
        .programmes
        .iter()
        .map(|p| p.slug.chars().count())
        .chain(catalog.broken.iter().map(|b| b.slug.chars().count()))
        .chain([4])
        .max()
        .unwrap_or(4);
    let mut lines = vec![format!("{:<width$}  NAME", "SLUG")];
    for p in &catalog.programmes {
        lines.push(format!("{:<width$}  {}", one_line(&p.slug), list_line(p)));
    }
    for broken in &catalog.broken {
        lines.push(format!(
            "{:<width$}  {}",
            one_line(&broken.slug),
            broken_line(broken)
        ));
    }
    if let Some(problem) = &catalog.folder_problem {
        lines.push(format!("note: {}", one_line(problem)));
    }
    lines
}

/// The planned days as stored ("mon,wed,fri") shown: "Mon, Wed, Fri".
pub fn days_shown(days_text: &str) -> String {
    days(days_text)
        .iter()
        .map(|d| d.to_string()[..3].to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The days as given ("mon,wed,fri"), checked and in order; by default
/// spread over the week for `per_week` sessions. Why not, when they cannot
/// be read.
pub fn planned_days(text: Option<&str>, per_week: u32) -> Result<String, String> {
    let Some(text) = text else {
        let spread = match per_week {
            1 => "wed",
            2 => "tue,fri",
            3 => "mon,wed,fri",
            4 => "mon,tue,thu,fri",
            5 => "mon,tue,wed,thu,fri",
            6 => "mon,tue,wed,thu,fri,sat",
            _ => "mon,tue,wed,thu,fri,sat,sun",
        };
        return Ok(spread.to_string());
    };
    let mut chosen: Vec<Weekday> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some(day) = weekday(part) else {
            return Err(format!(
                "--days: \"{}\" is not a day of the week; write them like mon,wed,fri",
                one_line(part)
            ));
        };
        if !chosen.contains(&day) {
            chosen.push(day);
        }
    }
    if chosen.is_empty() {
        return Err("--days is empty; write the days like mon,wed,fri".to_string());
    }
    chosen.sort_by_key(|d| d.number_days_from_monday());
    Ok(chosen
        .iter()
        .map(|d| d.to_string()[..3].to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(","))
}

/// How the levels move: the rule a person can read, as `programme show`
/// and the app's start question say it.
pub fn rule(p: &Programme) -> String {
    let schedule = if p.step_every == 1 {
        "after each session in which you did it in full".to_string()
    } else {
        format!(
            "after every {} sessions in which you did it in full",
            p.step_every
        )
    };
    format!(
        "Each exercise steps up a level on a planned schedule: {schedule}. It holds when pain after the session was 2 or more above before it, when your first check-in the next day was more than 2 above before it, or when you rated it 1 (made it worse); two holds in a row step it back. A session without check-ins steps up only if the last one with them did. The gentle version and flare days change nothing."
    )
}

/// "12 weeks from 2026-12-07, 3 a week on Mon, Wed, Fri": what following
/// `p` from `started_on` on `days_text` means.
pub fn plan(p: &Programme, started_on: Date, days_text: &str) -> String {
    format!(
        "{} from {}, {} a week on {}",
        crate::text::count(u64::from(p.weeks), "week", "weeks"),
        started_on,
        p.sessions_per_week,
        days_shown(days_text)
    )
}

/// What `limber programme start` says it did.
pub fn started(p: &Programme, started_on: Date, days_text: &str) -> String {
    format!(
        "Started {}: {}.",
        one_line(&p.name),
        plan(p, started_on, days_text)
    )
}

/// The question before starting: what starting means, in the command's
/// words (one at a time; the schedule; how the levels move).
pub fn start_question(p: &Programme, started_on: Date, days_text: &str) -> Vec<String> {
    vec![
        format!(
            "Start following {} (one at a time)? {}.",
            one_line(&p.name),
            plan(p, started_on, days_text)
        ),
        rule(p),
        SORENESS_NOTE.to_string(),
    ]
}

/// What `limber programme stop` says it did, without the shell's hint.
pub fn stopped(name: &str) -> String {
    format!(
        "Stopped {}. Your sessions and check-ins stay in your history.",
        one_line(name)
    )
}

/// The question before stopping.
pub fn stop_question(name: &str) -> String {
    format!(
        "Stop following {}? What you did stays in your history.",
        one_line(name)
    )
}

/// One exercise's line: "Bridge: level 2 of 3, 2 × 12 reps — …".
pub fn level_line(e: &Level) -> String {
    let name = if e.name == e.head {
        one_line(&e.name)
    } else {
        format!("{} ({})", one_line(&e.head), one_line(&e.name))
    };
    format!(
        "{name}: level {} of {}, {} — {}",
        e.level, e.levels, e.dose, e.reason
    )
}

/// `limber programme status` in text: the programme's name, where the
/// person is (`next` is the next routine's name), the planned days, each
/// exercise's level, and the soreness note; blank lines between parts.
pub fn status_lines(status: &Status, next: &str, today: Date) -> Vec<String> {
    let mut lines = vec![
        one_line(&status.programme.name),
        headline(status, next, today, false),
        format!("Days: {}", days_shown(&status.enrolment.days)),
    ];
    if !status.exercises.is_empty() {
        lines.push(String::new());
    }
    lines.extend(status.exercises.iter().map(level_line));
    lines.push(String::new());
    lines.push(SORENESS_NOTE.to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_spread_by_default_and_read_in_order() {
        assert_eq!(planned_days(None, 3).as_deref(), Ok("mon,wed,fri"));
        assert_eq!(
            planned_days(Some("fri, mon,fri"), 3).as_deref(),
            Ok("mon,fri")
        );
        assert_eq!(
            planned_days(Some("moon"), 3),
            Err("--days: \"moon\" is not a day of the week; write them like mon,wed,fri".into())
        );
        assert_eq!(days_shown("mon,wed,fri"), "Mon, Wed, Fri");
    }
}
