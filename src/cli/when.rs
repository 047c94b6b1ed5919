//! Reading the times and days a user writes after `--at`, `--from` and `--to`.

use anyhow::{Result, bail};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::clock::{Clock, Local};
use crate::text::one_line;

/// A WHEN argument read: the instant, the local date it falls on, and a
/// word for stderr when the reading needed a choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub at: OffsetDateTime,
    pub day: Date,
    pub note: Option<String>,
}

/// Parses a WHEN argument into an instant and the local date it falls on.
/// Local forms are read in the user's time zone, by its rules for that day;
/// RFC 3339 carries its own offset. A local time the clocks skipped is
/// refused; one they repeated is taken the first time, with a note.
pub fn parse_when(text: &str, clock: &Clock) -> Result<When> {
    let text = text.trim();
    let shown = one_line(text);
    let wall = |t: PrimitiveDateTime| -> Result<(OffsetDateTime, Option<String>)> {
        let written = wall_text(t);
        let zone = clock.zone_name();
        match clock.instant(t) {
            Local::Unique(at) => Ok((at, None)),
            Local::Skipped { after } => bail!(
                "--at \"{shown}\": {written} does not exist in {zone}: the clocks went forward; did you mean {}?",
                wall_text(local_wall(clock.local(after)))
            ),
            Local::Twice { first, second } => Ok((
                first,
                Some(format!(
                    "{written} happened twice in {zone} (the clocks went back); took the first, {}; for the second write {}",
                    rfc3339(clock.local(first)),
                    rfc3339(clock.local(second))
                )),
            )),
        }
    };
    let parsed = if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        Some((t, clock.local_date(t), None))
    } else if let Ok(d) = Date::parse(text, format_description!("[year]-[month]-[day]")) {
        // A day without a time is taken as its noon, safely inside the day;
        // today before noon, as now.
        let noon = clock
            .instant(PrimitiveDateTime::new(d, Time::from_hms(12, 0, 0)?))
            .lenient();
        let at = noon.min(clock.now().max(clock.start_of_day(d)));
        Some((at, d, None))
    } else {
        match [
            format_description!("[year]-[month]-[day] [hour]:[minute]"),
            format_description!("[year]-[month]-[day]T[hour]:[minute]"),
            format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        ]
        .iter()
        .find_map(|f| PrimitiveDateTime::parse(text, f).ok())
        {
            Some(t) => {
                let (at, note) = wall(t)?;
                Some((at, t.date(), note))
            }
            None => None,
        }
    };
    let Some((at, day, note)) = parsed else {
        bail!(
            "--at \"{shown}\" is not a time; write 2026-11-25, \"2026-11-25 08:30\", 2026-11-25T08:30 or RFC 3339 (2026-11-25T08:30:00Z)"
        );
    };
    if !(crate::store::in_years(day) && crate::store::in_years(at.to_offset(UtcOffset::UTC).date()))
    {
        bail!("--at \"{shown}\" is outside the years limber keeps (1900–2999)");
    }
    if at > clock.now() + Duration::minutes(1) {
        bail!("--at \"{shown}\" is in the future; limber records what has happened");
    }
    Ok(When { at, day, note })
}

/// A wall time as people write it: "2026-03-29 01:30", seconds when set.
fn wall_text(t: PrimitiveDateTime) -> String {
    let minutes = format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute());
    match t.second() {
        0 => minutes,
        s => format!("{minutes}:{s:02}"),
    }
}

fn local_wall(t: OffsetDateTime) -> PrimitiveDateTime {
    PrimitiveDateTime::new(t.date(), t.time())
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

pub(super) fn parse_day(flag: &str, text: &str) -> Result<Date> {
    match Date::parse(text.trim(), format_description!("[year]-[month]-[day]")) {
        Ok(day) if crate::store::in_years(day) => Ok(day),
        Ok(day) => bail!("{flag} {day} is outside the years limber keeps (1900–2999)"),
        Err(_) => bail!(
            "{flag} \"{}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01",
            one_line(text)
        ),
    }
}
