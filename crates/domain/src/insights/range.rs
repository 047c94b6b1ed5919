//! A span of days that History and `limber screen` look at, ending today.

use time::{Date, Duration};

/// How far back History looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    TwoWeeks,
    ThreeMonths,
    Year,
    All,
}

impl Range {
    pub const ALL: [Range; 4] = [Range::TwoWeeks, Range::ThreeMonths, Range::Year, Range::All];

    pub fn title(self) -> &'static str {
        match self {
            Range::TwoWeeks => "2 weeks",
            Range::ThreeMonths => "3 months",
            Range::Year => "1 year",
            Range::All => "all",
        }
    }

    /// The first day of the range ending `today`; `first` is the first day
    /// anything was recorded (for "all").
    pub fn from(self, today: Date, first: Option<Date>) -> Date {
        match self {
            Range::TwoWeeks => today - Duration::days(13),
            Range::ThreeMonths => today - Duration::days(90),
            Range::Year => today - Duration::days(364),
            Range::All => first
                .filter(|f| *f < today)
                .unwrap_or(today - Duration::days(13)),
        }
    }

    /// The range `by` places longer (or shorter, when negative), kept within
    /// the list.
    pub fn step(self, by: isize) -> Range {
        let i = Range::ALL.iter().position(|r| *r == self).unwrap_or(0) as isize;
        Range::ALL[(i + by).clamp(0, Range::ALL.len() as isize - 1) as usize]
    }

    /// The range a short name (`2w`, `3m`, `1y`, `all`) stands for, as
    /// `limber screen --range` takes it.
    pub fn parse(text: &str) -> Result<Range, String> {
        match text {
            "2w" => Ok(Range::TwoWeeks),
            "3m" => Ok(Range::ThreeMonths),
            "1y" => Ok(Range::Year),
            "all" => Ok(Range::All),
            _ => Err(format!("\"{text}\" is not a range; use 2w, 3m, 1y or all")),
        }
    }
}
