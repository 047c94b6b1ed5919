//! The wall clock as limber sees it: "now" in UTC and the user's time zone.
//! Every turn from an instant to a local date or wall time, and back, is a
//! function here, and each uses the zone's rules for that instant: one UTC
//! offset read at start-up is wrong on the far side of a clock change.
//! `LIMBER_NOW` pins "now" for tests and demos; the zone still comes from TZ.

use jiff::tz::{AmbiguousOffset, TimeZone};
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Where "now" comes from, and in which time zone. Cloning is cheap.
#[derive(Debug, Clone)]
pub struct Clock {
    zone: TimeZone,
    fixed: Option<OffsetDateTime>,
}

/// A local wall time read in a zone: most name one instant, but the hour
/// skipped when the clocks go forward names none and the hour repeated when
/// they go back names two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    Unique(OffsetDateTime),
    /// The clocks went forward over it; `after` is where the same reading
    /// on the new offset lands (past the gap).
    Skipped {
        after: OffsetDateTime,
    },
    /// The clocks went back over it: it happened twice.
    Twice {
        first: OffsetDateTime,
        second: OffsetDateTime,
    },
}

impl Local {
    /// One instant whatever happened: a skipped time moves on by the size of
    /// the gap and a repeated one is taken the first time (RFC 5545's rule).
    pub fn lenient(self) -> OffsetDateTime {
        match self {
            Local::Unique(at) | Local::Skipped { after: at } | Local::Twice { first: at, .. } => at,
        }
    }
}

impl Clock {
    /// The system clock in the given time zone.
    pub fn system(zone: TimeZone) -> Self {
        Clock { zone, fixed: None }
    }

    /// A clock stopped at `now` (a synthetic clock for tests).
    pub fn fixed(now: OffsetDateTime, zone: TimeZone) -> Self {
        Clock {
            zone,
            fixed: Some(now),
        }
    }

    /// The machine's time zone (TZ, else /etc/localtime), or UTC with the
    /// reason it could not be read.
    pub fn system_zone() -> (TimeZone, Option<String>) {
        if let Some(zone) = zone_from_its_file() {
            return (zone, None);
        }
        match TimeZone::try_system() {
            Ok(zone) => (zone, None),
            Err(e) => (TimeZone::UTC, Some(e.to_string())),
        }
    }

    /// The zone's name for people: "Europe/London", or "your time zone".
    pub fn zone_name(&self) -> &str {
        self.zone.iana_name().unwrap_or("your time zone")
    }

    /// Now, in UTC, to the whole second (what the store keeps).
    pub fn now(&self) -> OffsetDateTime {
        let now = self.fixed.unwrap_or_else(OffsetDateTime::now_utc);
        now.to_offset(UtcOffset::UTC)
            .replace_nanosecond(0)
            .unwrap_or(now)
    }

    /// The user's calendar date now.
    pub fn today(&self) -> Date {
        self.local_date(self.now())
    }

    /// The user's calendar date at an instant.
    pub fn local_date(&self, at: OffsetDateTime) -> Date {
        self.local(at).date()
    }

    /// An instant as the user's wall clock showed it then, carrying the
    /// offset in force at that instant.
    pub fn local(&self, at: OffsetDateTime) -> OffsetDateTime {
        let offset = jiff::Timestamp::from_second(at.unix_timestamp())
            .map(|t| self.zone.to_offset(t))
            .ok()
            .and_then(|o| utc_offset(o).ok());
        offset.and_then(|o| at.checked_to_offset(o)).unwrap_or(at)
    }

    /// The instant(s) a local wall time names in the user's zone.
    pub fn instant(&self, wall: PrimitiveDateTime) -> Local {
        let civil = jiff::civil::DateTime::new(
            wall.year() as i16,
            u8::from(wall.month()) as i8,
            wall.day() as i8,
            wall.hour() as i8,
            wall.minute() as i8,
            wall.second() as i8,
            0,
        );
        // Outside jiff's years (±9999, as time's): read as UTC, which the
        // caller's range check then refuses.
        let Ok(civil) = civil else {
            return Local::Unique(wall.assume_utc());
        };
        let at = |o: jiff::tz::Offset| match utc_offset(o) {
            Ok(o) => wall.assume_offset(o),
            Err(_) => wall.assume_utc(),
        };
        match self.zone.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => Local::Unique(at(offset)),
            AmbiguousOffset::Gap { before, .. } => Local::Skipped { after: at(before) },
            AmbiguousOffset::Fold { before, after } => Local::Twice {
                first: at(before),
                second: at(after),
            },
        }
    }

    /// The first instant of a local day (midnight, or the first time after
    /// it where the clocks skip midnight).
    pub fn start_of_day(&self, day: Date) -> OffsetDateTime {
        self.instant(day.midnight()).lenient()
    }

    /// How long from now until the user's next local day begins.
    pub fn until_tomorrow(&self) -> std::time::Duration {
        let now = self.now();
        let next = self
            .local_date(now)
            .next_day()
            .map_or(now, |d| self.start_of_day(d));
        std::time::Duration::try_from(next - now).unwrap_or_default()
    }
}

fn utc_offset(o: jiff::tz::Offset) -> Result<UtcOffset, time::error::ComponentRange> {
    UtcOffset::from_whole_seconds(o.seconds())
}

/// The zone TZ names (or /etc/localtime is), read straight from its TZif
/// file. jiff's own lookup first lists the whole time-zone database, a few
/// milliseconds of start-up spent before the first frame; this reads one
/// file. `None` leaves the answer to jiff: a POSIX rule in TZ
/// ("GMT0BST,M3.5.0/1,M10.5.0"), a name with no file here, a copy of a zone
/// with no name to give it.
fn zone_from_its_file() -> Option<TimeZone> {
    let dir = std::env::var_os("TZDIR")
        .filter(|d| !d.is_empty())
        .map_or_else(
            || std::path::PathBuf::from("/usr/share/zoneinfo"),
            Into::into,
        );
    let (name, path) = match std::env::var("TZ") {
        Ok(tz) if !tz.is_empty() => {
            let name = tz.strip_prefix(':').unwrap_or(&tz).to_string();
            let plain = name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
            if !plain || name.starts_with('/') || name.split('/').any(|p| p.is_empty() || p == "..")
            {
                return None;
            }
            let path = dir.join(&name);
            (name, path)
        }
        Ok(_) => return None,
        Err(_) => {
            let target = std::fs::read_link("/etc/localtime").ok()?;
            let target = target.to_str()?;
            let name = target.split_once("zoneinfo/")?.1.to_string();
            (name, std::path::PathBuf::from("/etc/localtime"))
        }
    };
    let bytes = std::fs::read(path).ok()?;
    TimeZone::tzif(&name, &bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn london(now: OffsetDateTime) -> Clock {
        Clock::fixed(now, TimeZone::get("Europe/London").expect("Europe/London"))
    }

    #[test]
    fn a_summer_night_in_london_is_already_the_next_day() {
        let clock = london(datetime!(2026-07-15 23:30 UTC));
        assert_eq!(clock.today(), date!(2026 - 07 - 16));
        assert_eq!(clock.zone_name(), "Europe/London");
        // The same clock puts a winter instant on its UTC date.
        assert_eq!(
            clock.local_date(datetime!(2026-01-15 23:30 UTC)),
            date!(2026 - 01 - 15)
        );
    }

    #[test]
    fn wall_times_around_the_changes_name_none_one_or_two_instants() {
        let clock = london(datetime!(2026-11-30 12:00 UTC));
        assert_eq!(
            clock.instant(datetime!(2026-07-16 00:30)),
            Local::Unique(datetime!(2026-07-15 23:30 UTC))
        );
        assert_eq!(
            clock.instant(datetime!(2026-03-29 01:30)),
            Local::Skipped {
                after: datetime!(2026-03-29 01:30 UTC)
            }
        );
        assert_eq!(
            clock.instant(datetime!(2026-10-25 01:30)),
            Local::Twice {
                first: datetime!(2026-10-25 00:30 UTC),
                second: datetime!(2026-10-25 01:30 UTC),
            }
        );
    }

    #[test]
    fn the_next_day_begins_at_local_midnight_on_either_side_of_a_change() {
        // 23:00 BST on the Saturday before the clocks go back: one hour.
        let clock = london(datetime!(2026-10-24 22:00 UTC));
        assert_eq!(clock.until_tomorrow().as_secs(), 3600);
        // 23:00 GMT on the Saturday before they go forward: one hour too.
        let clock = london(datetime!(2026-03-28 23:00 UTC));
        assert_eq!(clock.until_tomorrow().as_secs(), 3600);
        assert_eq!(
            clock.local(datetime!(2026-03-29 01:00 UTC)).hour(),
            2,
            "01:00 UTC is 02:00 BST"
        );
    }
}
