//! What the history says, as pure functions over plain rows and dates: no
//! SQLite, no terminal, no clock (today comes in as an argument).

pub mod charts;
pub mod context;
pub mod count;
mod days;
mod favourites;
pub mod outcomes;
pub mod progression;
mod range;
pub mod report;

pub use days::{Day, day_by_day};
pub use favourites::{
    HURT_MORE_BY, MOST_IN_ROUTINE, Rated, favourite_order, for_routine, for_today,
    hurt_more_than_expected, is_favourite, sort_favourites,
};
pub use range::Range;

use time::{Date, Duration, Weekday};

use crate::model::{DayCheckins, DaySessions, Exposure, Scale};

/// The first day of the week `day` is in, for weeks that begin on `first`
/// (Monday unless config.toml's `week_start` says otherwise). The calendar
/// and every weekly figure use this one rule, so they begin on the same day.
pub fn week_start(day: Date, first: Weekday) -> Date {
    let back = (7 + day.weekday().number_days_from_monday() - first.number_days_from_monday()) % 7;
    day - Duration::days(i64::from(back))
}

/// Consecutive active days up to today. A streak is still alive when today
/// has no session yet: the day is not over. A flare day (a rest day the
/// user chose) neither breaks nor extends it. `active` and `flares` may be
/// in any order.
pub fn streak(active: &[Date], flares: &[Date], today: Date) -> u32 {
    use std::collections::HashSet;
    let active: HashSet<Date> = active.iter().copied().filter(|d| *d <= today).collect();
    let flares: HashSet<Date> = flares.iter().copied().collect();
    let mut day = today;
    if !active.contains(&today) {
        match today.previous_day() {
            Some(d) => day = d,
            None => return 0,
        }
    }
    let mut count = 0;
    // At most one step per active or flare day before the run ends.
    for _ in 0..=(active.len() + flares.len()) {
        if active.contains(&day) {
            count += 1;
        } else if !flares.contains(&day) {
            break;
        }
        match day.previous_day() {
            Some(d) => day = d,
            None => break,
        }
    }
    count
}

/// The sessions a week asks for: one less in a week with a flare day,
/// never below one.
pub fn weekly_goal(goal: u32, flare_this_week: bool) -> u32 {
    if flare_this_week {
        goal.saturating_sub(1).max(1)
    } else {
        goal.max(1)
    }
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

/// The longest run of consecutive active days, flare days in between
/// neither breaking nor counting. Either list may be in any order.
pub fn longest_streak(active: &[Date], flares: &[Date]) -> u32 {
    use std::collections::HashSet;
    let flares: HashSet<Date> = flares.iter().copied().collect();
    let mut days: Vec<Date> = active.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut best = 0;
    let mut run = 0;
    let mut previous: Option<Date> = None;
    for day in days {
        let joined = previous.is_some_and(|p| {
            let mut d = p.next_day();
            while let Some(between) = d.filter(|d| *d < day) {
                if !flares.contains(&between) {
                    return false;
                }
                d = between.next_day();
            }
            true
        });
        run = if joined { run + 1 } else { 1 };
        best = best.max(run);
        previous = Some(day);
    }
    best
}

/// The daily means of one scale, as (date, mean) points, days without a
/// check-in left out.
pub fn daily_series(days: &[DayCheckins], scale: Scale) -> Vec<(Date, f64)> {
    days.iter()
        .filter_map(|d| d.mean(scale).map(|m| (d.date, m)))
        .collect()
}

/// The moving average over the `window` calendar days ending on each point's
/// day (days without data simply do not count). `series` is sorted by date.
pub fn moving_average(series: &[(Date, f64)], window: i64) -> Vec<(Date, f64)> {
    let mut out = Vec::with_capacity(series.len());
    let mut start = 0;
    let mut sum = 0.0;
    for (i, &(day, value)) in series.iter().enumerate() {
        sum += value;
        while series[start].0 <= day - Duration::days(window) {
            sum -= series[start].1;
            start += 1;
        }
        out.push((day, sum / (i + 1 - start) as f64));
    }
    out
}

pub use crate::model::minutes;

/// Sessions and active minutes in one week (from its first day, seven days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub start: Date,
    pub sessions: u32,
    pub minutes: u32,
}

/// Every week (beginning on `first`) from the one holding `from` to the one
/// holding `to`, empty weeks included, with their sessions and minutes.
pub fn weekly_totals(days: &[DaySessions], from: Date, to: Date, first: Weekday) -> Vec<Week> {
    let mut weeks = Vec::new();
    let mut start = week_start(from, first);
    let last = week_start(to, first);
    let mut i = 0;
    while start <= last {
        let end = start + Duration::days(7);
        let mut week = Week {
            start,
            sessions: 0,
            minutes: 0,
        };
        let mut seconds = 0;
        while i < days.len() && days[i].date < end {
            if days[i].date >= start {
                week.sessions += days[i].sessions;
                seconds += days[i].active_seconds;
            }
            i += 1;
        }
        week.minutes = minutes(seconds);
        weeks.push(week);
        start = end;
    }
    weeks
}

/// How a feared exercise went against what was expected: the tries with
/// both answers, and the means of each.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ExposureStat {
    pub n: u32,
    pub expected_mean: f64,
    pub actual_mean: f64,
}

impl ExposureStat {
    /// "you expected 6 and got 3, over 9 tries".
    pub fn sentence(&self) -> String {
        let tries = if self.n == 1 {
            "1 try".to_string()
        } else {
            format!("{} tries", self.n)
        };
        format!(
            "you expected {} and got {}, over {tries}",
            trim_mean(self.expected_mean),
            trim_mean(self.actual_mean)
        )
    }
}

/// 6.0 → "6", 5.5 → "5.5".
fn trim_mean(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// Expected against actual over the tries that have both answers; `None`
/// when no try has both.
pub fn exposure_stat(tries: &[Exposure]) -> Option<ExposureStat> {
    let both: Vec<(f64, f64)> = tries
        .iter()
        .filter_map(|t| Some((f64::from(t.expected?), f64::from(t.actual?))))
        .collect();
    let n = both.len() as u32;
    (n > 0).then(|| ExposureStat {
        n,
        expected_mean: both.iter().map(|p| p.0).sum::<f64>() / f64::from(n),
        actual_mean: both.iter().map(|p| p.1).sum::<f64>() / f64::from(n),
    })
}

/// Buckets a daily series into at most `buckets` points (the mean of each
/// bucket), so a chart of ten years draws as fast as one of two weeks.
pub fn downsample(series: &[(f64, f64)], buckets: usize) -> Vec<(f64, f64)> {
    if series.len() <= buckets || buckets == 0 {
        return series.to_vec();
    }
    let (first, last) = (series[0].0, series[series.len() - 1].0);
    let width = (last - first) / buckets as f64;
    let mut out = Vec::with_capacity(buckets);
    let (mut sx, mut sy, mut n, mut bucket) = (0.0, 0.0, 0.0, 0usize);
    for &(x, y) in series {
        let b = (((x - first) / width) as usize).min(buckets - 1);
        if b != bucket && n > 0.0 {
            out.push((sx / n, sy / n));
            (sx, sy, n) = (0.0, 0.0, 0.0);
        }
        bucket = b;
        sx += x;
        sy += y;
        n += 1.0;
    }
    if n > 0.0 {
        out.push((sx / n, sy / n));
    }
    out
}

/// Today, this week and the streak, as `status`, Today and History show
/// them, counted by the one rule in `count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The day this is for: the app reads it again when the date moves on.
    pub day: Date,
    /// A session that counts was done today.
    pub done_today: bool,
    /// Something was done today, too little to count as a session.
    pub short_today: bool,
    /// Today is marked as a flare-up.
    pub flare_today: bool,
    /// The first day of this week (the programme's week while one runs).
    pub week_start: Date,
    pub this_week: u32,
    /// This week's goal: one less when the week has a flare day.
    pub weekly_goal: u32,
    /// Weeks in a row that met their goal (see `count::week_streak`).
    pub streak: u32,
    /// Days in a row with a counted session, flare days neither breaking
    /// nor counting (`status --format json`'s `streak_days`).
    pub streak_days: u32,
}

impl Progress {
    /// From the counted sessions by day (`count::by_day`) and the flare
    /// days, for the week and goal of `plan`.
    pub fn of(plan: &count::Plan, days: &[DaySessions], flares: &[Date], today: Date) -> Progress {
        let week = plan.week_of(today);
        let today_row = days.iter().find(|d| d.date == today);
        let active = count::counted_days(days);
        Progress {
            day: today,
            done_today: today_row.is_some_and(|d| d.sessions > 0),
            short_today: today_row.is_some_and(|d| d.sessions == 0 && d.active_seconds > 0),
            flare_today: flares.contains(&today),
            week_start: week,
            this_week: days
                .iter()
                .filter(|d| d.date >= week && d.date <= today)
                .map(|d| d.sessions)
                .sum(),
            weekly_goal: plan.goal_of(week, flares),
            streak: count::week_streak(plan, days, flares, today),
            streak_days: streak(&active, flares, today),
        }
    }

    /// A placeholder for a first frame and tests: `active` days of one
    /// session each, `this_week` as given, in calendar weeks from Monday.
    pub fn new(
        active: &[Date],
        flares: &[Date],
        this_week: u32,
        goal: u32,
        today: Date,
    ) -> Progress {
        let days: Vec<DaySessions> = active
            .iter()
            .map(|&date| DaySessions {
                date,
                sessions: 1,
                active_seconds: 0,
            })
            .collect();
        let plan = count::Plan::calendar(Weekday::Monday, goal);
        Progress {
            this_week,
            ..Progress::of(&plan, &days, flares, today)
        }
    }

    /// This week's goal is met.
    pub fn week_met(&self) -> bool {
        self.this_week >= self.weekly_goal
    }

    /// "2-week streak", "no streak yet".
    pub fn streak_words(&self) -> String {
        match self.streak {
            0 => "no streak yet".to_string(),
            n => format!("{n}-week streak"),
        }
    }

    /// One line, for a shell prompt.
    pub fn line(&self) -> String {
        let today = if self.done_today {
            "done today"
        } else if self.flare_today {
            "a rest day you chose"
        } else if self.short_today {
            "a short session today"
        } else {
            "no session yet today"
        };
        format!(
            "{today} · {} of {} this week · {}",
            self.this_week,
            self.weekly_goal,
            self.streak_words()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn weeks_start_on_monday() {
        let monday = Weekday::Monday;
        assert_eq!(
            week_start(date!(2026 - 11 - 25), monday),
            date!(2026 - 11 - 23)
        );
        assert_eq!(
            week_start(date!(2026 - 11 - 23), monday),
            date!(2026 - 11 - 23)
        );
        assert_eq!(
            week_start(date!(2026 - 11 - 29), monday),
            date!(2026 - 11 - 23)
        );
        // A week that begins on Sunday: the 29th (a Sunday) begins its own.
        let sunday = Weekday::Sunday;
        assert_eq!(
            week_start(date!(2026 - 11 - 25), sunday),
            date!(2026 - 11 - 22)
        );
        assert_eq!(
            week_start(date!(2026 - 11 - 29), sunday),
            date!(2026 - 11 - 29)
        );
        assert_eq!(
            week_start(date!(2026 - 11 - 28), Weekday::Saturday),
            date!(2026 - 11 - 28)
        );
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
        assert_eq!(streak(&days, &[], today), 3);
    }

    #[test]
    fn streak_is_alive_until_today_is_over() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(
            streak(&[date!(2026 - 11 - 24), date!(2026 - 11 - 23)], &[], today),
            2
        );
        assert_eq!(streak(&[date!(2026 - 11 - 23)], &[], today), 0);
        assert_eq!(streak(&[], &[], today), 0);
    }

    #[test]
    fn days_after_today_are_ignored() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(
            streak(&[date!(2026 - 11 - 27), date!(2026 - 11 - 25)], &[], today),
            1
        );
    }

    #[test]
    fn longest_streak_finds_the_longest_run() {
        let days = [
            date!(2026 - 01 - 01),
            date!(2026 - 01 - 02),
            date!(2026 - 03 - 01),
            date!(2026 - 03 - 02),
            date!(2026 - 03 - 03),
            date!(2026 - 03 - 02),
            date!(2025 - 12 - 31),
        ];
        assert_eq!(longest_streak(&days, &[]), 3);
        assert_eq!(longest_streak(&[], &[]), 0);
        assert_eq!(longest_streak(&[date!(2026 - 01 - 01)], &[]), 1);
    }

    fn checkins(date: Date, pains: &[u8]) -> DayCheckins {
        DayCheckins {
            date,
            n: pains.len() as u32,
            pain: pains.iter().map(|&p| f64::from(p)).sum(),
            anxiety: 0.0,
            mood: 0.0,
            fear: 4.0,
            fear_n: 1,
        }
    }

    #[test]
    fn daily_means_and_a_day_with_several_check_ins() {
        let days = [
            checkins(date!(2026 - 11 - 01), &[2, 4, 9]),
            checkins(date!(2026 - 11 - 03), &[6]),
        ];
        assert_eq!(
            daily_series(&days, Scale::Pain),
            vec![(date!(2026 - 11 - 01), 5.0), (date!(2026 - 11 - 03), 6.0)]
        );
        assert_eq!(days[0].mean(Scale::Fear), Some(4.0));
        assert_eq!(daily_series(&[], Scale::Mood), vec![]);
    }

    #[test]
    fn moving_average_covers_seven_calendar_days_across_gaps() {
        let d = |n: i64| date!(2026 - 01 - 01) + Duration::days(n);
        let series = [
            (d(0), 2.0),
            (d(1), 4.0),
            (d(6), 6.0),
            (d(7), 8.0),
            (d(100), 1.0),
        ];
        assert_eq!(
            moving_average(&series, 7),
            vec![
                (d(0), 2.0),
                (d(1), 3.0),
                (d(6), 4.0),
                (d(7), 6.0),
                (d(100), 1.0)
            ]
        );
        assert_eq!(moving_average(&[], 7), vec![]);
        assert_eq!(moving_average(&[(d(0), 5.0)], 7), vec![(d(0), 5.0)]);
    }

    #[test]
    fn weekly_totals_include_empty_weeks() {
        let sessions = [
            DaySessions {
                date: date!(2026 - 11 - 02),
                sessions: 1,
                active_seconds: 600,
            },
            DaySessions {
                date: date!(2026 - 11 - 04),
                sessions: 2,
                active_seconds: 1500,
            },
            DaySessions {
                date: date!(2026 - 11 - 20),
                sessions: 1,
                active_seconds: 89,
            },
        ];
        let weeks = weekly_totals(
            &sessions,
            date!(2026 - 11 - 03),
            date!(2026 - 11 - 22),
            Weekday::Monday,
        );
        assert_eq!(
            weeks,
            vec![
                Week {
                    start: date!(2026 - 11 - 02),
                    sessions: 3,
                    minutes: 35
                },
                Week {
                    start: date!(2026 - 11 - 09),
                    sessions: 0,
                    minutes: 0
                },
                Week {
                    start: date!(2026 - 11 - 16),
                    sessions: 1,
                    minutes: 1
                },
            ]
        );
        assert_eq!(
            weekly_totals(
                &[],
                date!(2026 - 11 - 25),
                date!(2026 - 11 - 25),
                Weekday::Monday
            )
            .len(),
            1
        );
    }

    #[test]
    fn downsampling_keeps_short_series_and_averages_long_ones() {
        let short: Vec<(f64, f64)> = (0..5).map(|i| (f64::from(i), 1.0)).collect();
        assert_eq!(downsample(&short, 10), short);
        let long: Vec<(f64, f64)> = (0..1000)
            .map(|i| (f64::from(i), f64::from(i % 2)))
            .collect();
        let out = downsample(&long, 50);
        assert!(out.len() <= 50 && out.len() >= 45, "{}", out.len());
        assert!(out.iter().all(|&(_, y)| (y - 0.5).abs() < 0.06));
        assert!(out.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn gaps_of_months_break_a_streak_but_not_the_longest() {
        let days = [
            date!(2026 - 11 - 25),
            date!(2026 - 11 - 24),
            date!(2026 - 06 - 03),
            date!(2026 - 06 - 02),
            date!(2026 - 06 - 01),
        ];
        assert_eq!(streak(&days, &[], date!(2026 - 11 - 25)), 2);
        assert_eq!(longest_streak(&days, &[]), 3);
    }

    #[test]
    fn a_flare_between_two_active_days_keeps_the_streak() {
        let today = date!(2026 - 11 - 25);
        let active = [
            date!(2026 - 11 - 25),
            date!(2026 - 11 - 23),
            date!(2026 - 11 - 22),
        ];
        let flares = [date!(2026 - 11 - 24)];
        // Three active days; the flare day neither breaks nor counts.
        assert_eq!(streak(&active, &flares, today), 3);
        assert_eq!(streak(&active, &[], today), 1);
        assert_eq!(longest_streak(&active, &flares), 3);
        assert_eq!(longest_streak(&active, &[]), 2);
        // A flare today keeps yesterday's streak alive, and adds nothing.
        let active = [date!(2026 - 11 - 24), date!(2026 - 11 - 23)];
        assert_eq!(streak(&active, &[today], today), 2);
        // A flare alone is no streak.
        assert_eq!(streak(&[], &[today], today), 0);
    }

    fn counted(dates: &[Date]) -> Vec<DaySessions> {
        dates
            .iter()
            .map(|&date| DaySessions {
                date,
                sessions: 1,
                active_seconds: 600,
            })
            .collect()
    }

    #[test]
    fn a_flare_day_with_a_session_still_counts_the_session() {
        let today = date!(2026 - 11 - 25);
        let active = [date!(2026 - 11 - 24), date!(2026 - 11 - 25)];
        assert_eq!(streak(&active, &[today], today), 2);
        let plan = count::Plan::calendar(Weekday::Monday, 3);
        let p = Progress::of(&plan, &counted(&active), &[today], today);
        assert!(p.done_today && p.flare_today);
        assert_eq!(p.this_week, 2);
        assert_eq!(p.streak_days, 2);
    }

    #[test]
    fn a_week_with_a_flare_day_asks_for_one_session_less() {
        assert_eq!(weekly_goal(3, true), 2);
        assert_eq!(weekly_goal(3, false), 3);
        assert_eq!(weekly_goal(1, true), 1, "never below one");
        // A goal of 3 with a flare on Monday is met by two sessions.
        let today = date!(2026 - 11 - 25);
        let plan = count::Plan::calendar(Weekday::Monday, 3);
        let p = Progress::of(
            &plan,
            &counted(&[date!(2026 - 11 - 24), date!(2026 - 11 - 25)]),
            &[date!(2026 - 11 - 23)],
            today,
        );
        assert_eq!(p.weekly_goal, 2);
        assert!(p.week_met());
        assert_eq!(p.streak, 1);
        // A flare last week changes nothing this week.
        let p = Progress::of(&plan, &[], &[date!(2026 - 11 - 22)], today);
        assert_eq!(p.weekly_goal, 3);
        assert_eq!(
            p.line(),
            "no session yet today · 0 of 3 this week · no streak yet"
        );
        let p = Progress::of(&plan, &[], &[today], today);
        assert_eq!(
            p.line(),
            "a rest day you chose · 0 of 2 this week · no streak yet"
        );
    }

    #[test]
    fn a_short_session_is_said_and_not_counted() {
        let today = date!(2026 - 11 - 25);
        let plan = count::Plan::calendar(Weekday::Monday, 3);
        let days = [DaySessions {
            date: today,
            sessions: 0,
            active_seconds: 150,
        }];
        let p = Progress::of(&plan, &days, &[], today);
        assert!(!p.done_today && p.short_today);
        assert_eq!(
            p.line(),
            "a short session today · 0 of 3 this week · no streak yet"
        );
    }

    fn try_of(expected: Option<u8>, actual: Option<u8>) -> Exposure {
        Exposure {
            date: time::macros::date!(2026 - 11 - 20),
            expected,
            actual,
        }
    }

    #[test]
    fn exposure_statistics_use_tries_with_both_answers() {
        let tries = [
            try_of(Some(7), Some(3)),
            try_of(Some(6), Some(4)),
            try_of(Some(5), None),
            try_of(None, Some(1)),
        ];
        let stat = exposure_stat(&tries).expect("two complete tries");
        assert_eq!(stat.n, 2);
        assert_eq!(stat.expected_mean, 6.5);
        assert_eq!(stat.actual_mean, 3.5);
        assert_eq!(
            stat.sentence(),
            "you expected 6.5 and got 3.5, over 2 tries"
        );
        assert_eq!(exposure_stat(&[try_of(Some(6), None)]), None);
        assert_eq!(exposure_stat(&[]), None);
        let one = exposure_stat(&[try_of(Some(6), Some(3))]).expect("one");
        assert_eq!(one.sentence(), "you expected 6 and got 3, over 1 try");
    }
}
