//! The wall clock as limber sees it: "now" in UTC and the user's UTC offset,
//! read once at start-up. `LIMBER_NOW` pins "now" for tests and demos.

use time::{Date, OffsetDateTime, UtcOffset};

/// Where "now" comes from. Copy it freely; it holds no resource.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    offset: UtcOffset,
    fixed: Option<OffsetDateTime>,
}

impl Clock {
    /// The system clock in the given local offset.
    pub fn system(offset: UtcOffset) -> Self {
        Clock {
            offset,
            fixed: None,
        }
    }

    /// A clock stopped at `now` (a synthetic clock for tests).
    pub fn fixed(now: OffsetDateTime, offset: UtcOffset) -> Self {
        Clock {
            offset,
            fixed: Some(now),
        }
    }

    pub fn offset(&self) -> UtcOffset {
        self.offset
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
        at.to_offset(self.offset).date()
    }
}
