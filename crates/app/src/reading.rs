//! What Today, History, `status` and `report` read, assembled: rows read
//! from the store, put through the policies in `insights`. The store only
//! reads rows and `insights` only computes, so this is where the two meet
//! for the app and the commands alike.

use time::Date;

pub mod programme;

use crate::insights::report::{Report, Span};
use crate::insights::{self, Progress, Rated};
use crate::store::{Result, Store};

/// Today's status, this week's count and the streak, for weeks that begin
/// on Monday.
pub fn progress(store: &Store, today: Date, weekly_goal: u32) -> Result<Progress> {
    progress_in_week(store, today, weekly_goal, time::Weekday::Monday)
}

/// As `progress`, for weeks that begin on `first` (config.toml's `week_start`).
pub fn progress_in_week(
    store: &Store,
    today: Date,
    weekly_goal: u32,
    first: time::Weekday,
) -> Result<Progress> {
    // Most streaks are short: read the latest days first, and more only
    // while every day read belongs to the streak.
    let mut limit = 64;
    let active = loop {
        let active = store.active_days_before(today, limit)?;
        let oldest = active.last().copied();
        let flares = match oldest {
            Some(o) => store.flare_days(o, today)?,
            None => Vec::new(),
        };
        let reaches_back = insights::streak(&active, &flares, today) as usize >= active.len();
        if (active.len() as u32) < limit || !reaches_back {
            break active;
        }
        limit = limit.saturating_mul(8);
    };
    let week = insights::week_start(today, first);
    let oldest = active.last().map_or(week, |&d| d.min(week));
    let flares = store.flare_days(oldest, today)?;
    let this_week = store.completed_sessions_between(week, today)?;
    Ok(Progress::in_week(
        &active,
        &flares,
        this_week,
        weekly_goal,
        today,
        first,
    ))
}

/// The progress report for `[from, to]` (see `insights::report`).
pub fn report(store: &Store, from: Date, to: Date, goal_per_week: u32) -> Result<Report> {
    let days = store.daily_checkins(from, to)?;
    // From the day before: "the day after a session" for the first day.
    let sessions = store.daily_sessions(from.previous_day().unwrap_or(from), to)?;
    let pairs = store.session_pairs(from, to)?;
    let mut exposures = Vec::new();
    for name in store.exposed_exercises(from, to)? {
        let tries = store.exposures(&name, from, to)?;
        exposures.push((name, tries));
    }
    let span = Span {
        from,
        to,
        first_day: store.first_day()?,
    };
    let mut report =
        insights::report::build(span, &days, &sessions, &pairs, goal_per_week, &exposures);
    report.outcomes = outcomes(store, from, to)?;
    // One day past `to`, so the last day has a day after.
    let days = store.day_contexts(from, to.next_day().unwrap_or(to))?;
    report.context = insights::context::context_report(&days, from, to);
    Ok(report)
}

/// The fitness and WHO-5 results of `[from, to]`, as the report shows them.
pub fn outcomes(store: &Store, from: Date, to: Date) -> Result<insights::outcomes::Outcomes> {
    Ok(insights::outcomes::outcomes(
        &store.fitness_results()?,
        &store.who5_results()?,
        from,
        to,
    ))
}

/// The report's charts for `[from, to]` (see `insights::charts`).
pub fn report_charts(
    store: &Store,
    from: Date,
    to: Date,
    goal_per_week: u32,
) -> Result<insights::charts::ReportCharts> {
    let rows = insights::charts::ChartRows {
        checkins: &store.daily_checkins(from, to)?,
        sessions: &store.daily_sessions(from, to)?,
        pairs: &store.session_pairs(from, to)?,
        fitness: &store.fitness_results()?,
        who5: &store.who5_results()?,
    };
    Ok(insights::charts::report_charts(
        from,
        to,
        rows,
        goal_per_week,
    ))
}

/// What the favourites rule reads: the last year of ratings (what the
/// person likes now) and the feared exercises that hurt more than expected
/// in that year.
pub fn rated(store: &Store, today: Date) -> Result<Rated> {
    let from = today - time::Duration::days(364);
    let mut hurt_more_than_expected = Vec::new();
    for name in store.feared()? {
        let tries = store.exposures(&name, from, today)?;
        if insights::exposure_stat(&tries).is_some_and(|s| s.actual_mean > s.expected_mean) {
            hurt_more_than_expected.push(name);
        }
    }
    Ok(Rated {
        stats: store.exercise_stats(from, today)?,
        hurt_more_than_expected,
    })
}
