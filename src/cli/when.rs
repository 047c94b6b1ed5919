//! Reading the times and days a user writes after `--at`, `--from` and `--to`.

use anyhow::{Result, anyhow, bail};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time};

use crate::clock::Clock;
use crate::text::one_line;

/// Parses a WHEN argument into an instant and the local date it falls on.
/// Local forms are read in the user's UTC offset; RFC 3339 carries its own.
pub fn parse_when(text: &str, clock: &Clock) -> Result<(OffsetDateTime, Date)> {
    let text = text.trim();
    let offset = clock.offset();
    let local = |t: PrimitiveDateTime| {
        let at = t.assume_offset(offset);
        (at, t.date())
    };
    let parsed = if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        Some((t, clock.local_date(t)))
    } else if let Ok(d) = Date::parse(text, format_description!("[year]-[month]-[day]")) {
        // A day without a time is taken as its noon, safely inside the day;
        // today before noon, as now.
        let (noon, day) = local(PrimitiveDateTime::new(d, Time::from_hms(12, 0, 0)?));
        Some((noon.min(clock.now().max(noon - Duration::hours(12))), day))
    } else {
        [
            format_description!("[year]-[month]-[day] [hour]:[minute]"),
            format_description!("[year]-[month]-[day]T[hour]:[minute]"),
            format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        ]
        .iter()
        .find_map(|f| PrimitiveDateTime::parse(text, f).ok())
        .map(local)
    };
    let (at, day) = parsed
        .filter(|(at, day)| crate::store::in_years(*day) && crate::store::in_years(at.date()))
        .ok_or_else(|| {
        anyhow!(
            "--at \"{}\" is not a time; write 2026-11-25, \"2026-11-25 08:30\", 2026-11-25T08:30 or RFC 3339 (2026-11-25T08:30:00Z)",
            one_line(text)
        )
    })?;
    if at > clock.now() + Duration::minutes(1) {
        bail!(
            "--at \"{}\" is in the future; limber records what has happened",
            one_line(text)
        );
    }
    Ok((at, day))
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
