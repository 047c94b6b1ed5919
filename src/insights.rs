//! What the history says, as pure functions over plain rows and dates: no
//! SQLite, no terminal, no clock (today comes in as an argument).

use time::{Date, Duration, Weekday};

/// The Monday of the week `day` is in (weeks run Monday to Sunday).
pub fn week_start(day: Date) -> Date {
    day - Duration::days(i64::from(day.weekday().number_days_from_monday()))
}

/// Consecutive active days up to today. A streak is still alive when today
/// has no session yet but yesterday had one: the day is not over.
/// `active_desc` is the list of active days, newest first, without repeats.
pub fn streak(active_desc: &[Date], today: Date) -> u32 {
    let mut days = active_desc
        .iter()
        .copied()
        .skip_while(|d| *d > today)
        .peekable();
    let mut expected = match days.peek() {
        Some(&d) if d == today => today,
        Some(&d) if Some(d) == today.previous_day() => d,
        _ => return 0,
    };
    let mut count = 0;
    for day in days {
        if day != expected {
            break;
        }
        count += 1;
        match expected.previous_day() {
            Some(prev) => expected = prev,
            None => break,
        }
    }
    count
}

/// Days of the week, Monday first, as limber prints them.
pub fn weekday_short(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(date!(2026 - 11 - 25)), date!(2026 - 11 - 23));
        assert_eq!(week_start(date!(2026 - 11 - 23)), date!(2026 - 11 - 23));
        assert_eq!(week_start(date!(2026 - 11 - 29)), date!(2026 - 11 - 23));
    }

    #[test]
    fn streak_counts_back_from_today() {
        let today = date!(2026 - 11 - 25);
        let days = [
            date!(2026 - 11 - 25),
            date!(2026 - 11 - 24),
            date!(2026 - 11 - 23),
            date!(2026 - 11 - 20),
        ];
        assert_eq!(streak(&days, today), 3);
    }

    #[test]
    fn streak_is_alive_until_today_is_over() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(
            streak(&[date!(2026 - 11 - 24), date!(2026 - 11 - 23)], today),
            2
        );
        assert_eq!(streak(&[date!(2026 - 11 - 23)], today), 0);
        assert_eq!(streak(&[], today), 0);
    }

    #[test]
    fn days_after_today_are_ignored() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(
            streak(&[date!(2026 - 11 - 27), date!(2026 - 11 - 25)], today),
            1
        );
    }
}

/// Today, this week and the streak, as `status` and Today show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done_today: bool,
    pub this_week: u32,
    pub weekly_goal: u32,
    pub streak: u32,
}

impl Progress {
    /// From the active days (newest first) and this week's session count.
    pub fn new(active_desc: &[Date], this_week: u32, weekly_goal: u32, today: Date) -> Progress {
        Progress {
            done_today: active_desc.contains(&today),
            this_week,
            weekly_goal,
            streak: streak(active_desc, today),
        }
    }

    /// One line, for a shell prompt.
    pub fn line(&self) -> String {
        let today = if self.done_today {
            "done today"
        } else {
            "not yet today"
        };
        let streak = match self.streak {
            0 => "no streak yet".to_string(),
            1 => "1-day streak".to_string(),
            n => format!("{n}-day streak"),
        };
        format!(
            "{today} · {} of {} this week · {streak}",
            self.this_week, self.weekly_goal
        )
    }
}
