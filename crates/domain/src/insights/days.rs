//! `limber history`'s rows: every day of a span with its check-ins and
//! sessions summed, days without either included.

use serde::Serialize;
use time::Date;

use crate::model::{DayCheckins, DaySessions, Scale};

/// One day: how many check-ins and their means (to one decimal), and the
/// completed sessions with their minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    pub date: String,
    pub checkins: u32,
    pub pain: Option<f64>,
    pub anxiety: Option<f64>,
    pub mood: Option<f64>,
    pub fear: Option<f64>,
    pub sessions: u32,
    pub active_minutes: u32,
}

/// Every day from `from` to `to`, from the store's day rows (each sorted by
/// date, as the store returns them).
pub fn day_by_day(
    from: Date,
    to: Date,
    checkins: &[DayCheckins],
    sessions: &[DaySessions],
) -> Vec<Day> {
    let round1 = |x: Option<f64>| x.map(|v| (v * 10.0).round() / 10.0);
    let mut days = Vec::new();
    let (mut c, mut s) = (checkins.iter().peekable(), sessions.iter().peekable());
    let mut day = from;
    while day <= to {
        let checkin = c.next_if(|d| d.date == day);
        let session = s.next_if(|d| d.date == day);
        days.push(Day {
            date: day.to_string(),
            checkins: checkin.map_or(0, |d| d.n),
            pain: round1(checkin.and_then(|d| d.mean(Scale::Pain))),
            anxiety: round1(checkin.and_then(|d| d.mean(Scale::Anxiety))),
            mood: round1(checkin.and_then(|d| d.mean(Scale::Mood))),
            fear: round1(checkin.and_then(|d| d.mean(Scale::Fear))),
            sessions: session.map_or(0, |d| d.sessions),
            active_minutes: session.map_or(0, |d| super::minutes(d.active_seconds)),
        });
        match day.next_day() {
            Some(next) => day = next,
            None => break,
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn every_day_is_listed_with_its_means_and_minutes() {
        let checkins = [DayCheckins {
            date: date!(2026 - 11 - 24),
            n: 3,
            pain: 10.0,
            anxiety: 6.0,
            mood: 20.0,
            fear: 0.0,
            fear_n: 0,
        }];
        let sessions = [DaySessions {
            date: date!(2026 - 11 - 25),
            sessions: 2,
            active_seconds: 89,
        }];
        let days = day_by_day(
            date!(2026 - 11 - 23),
            date!(2026 - 11 - 25),
            &checkins,
            &sessions,
        );
        assert_eq!(days.len(), 3);
        assert_eq!((days[0].checkins, days[0].sessions), (0, 0));
        assert_eq!(days[1].date, "2026-11-24");
        assert_eq!(days[1].pain, Some(3.3));
        assert_eq!(days[1].anxiety, Some(2.0));
        assert_eq!(days[1].mood, Some(6.7));
        assert_eq!(days[1].fear, None);
        assert_eq!((days[2].sessions, days[2].active_minutes), (2, 1));
    }
}
