//! What Today, History, `status` and `report` read, assembled: rows read
//! from the store, put through the policies in `insights`. The store only
//! reads rows and `insights` only computes, so this is where the two meet
//! for the app and the commands alike.

use time::Date;

pub mod checkin;
pub mod programme;
pub mod routines;

use crate::insights::count::{self, Plan};
use crate::insights::report::{Report, Span};
use crate::insights::{self, Progress, Rated};
use crate::model::DaySessions;
use crate::store::{Result, Store};

/// Today's status, this week's count and the streak, in calendar weeks
/// that begin on Monday, with no programme.
pub fn progress(store: &Store, today: Date, weekly_goal: u32) -> Result<Progress> {
    progress_in_week(store, today, weekly_goal, time::Weekday::Monday)
}

/// As `progress`, for calendar weeks that begin on `first`
/// (config.toml's `week_start`), with no programme.
pub fn progress_in_week(
    store: &Store,
    today: Date,
    weekly_goal: u32,
    first: time::Weekday,
) -> Result<Progress> {
    progress_with(store, &Plan::calendar(first, weekly_goal), today)
}

/// Today's status, this week's count and the streak for the week and goal
/// of `plan` (see `plan`), every session counted by `insights::count`.
pub fn progress_with(store: &Store, plan: &Plan, today: Date) -> Result<Progress> {
    let from = store.first_day()?.unwrap_or(today).min(today);
    let days = daily_sessions(store, from, today)?;
    let flares = store.flare_days(from.min(plan.week_of(today)), today)?;
    Ok(Progress::of(plan, &days, &flares, today))
}

/// The week and goal a person is held to on `today`: the programme's
/// while `programme` runs, else the calendar week from `first` and
/// `weekly_goal` — the one definition every screen and command uses.
pub fn plan(
    programme: Option<&programme::Status>,
    first: time::Weekday,
    weekly_goal: u32,
    today: Date,
) -> Plan {
    let calendar = Plan::calendar(first, weekly_goal);
    match programme {
        Some(s) => Plan::with_programme(
            calendar,
            s.enrolment.started_on,
            s.weeks,
            s.sessions_per_week,
            today,
        ),
        None => calendar,
    }
}

/// The programme followed now (if any) and the plan of `env`'s today:
/// what Today, History, `status` and `report` all hold the week to.
pub fn todays_plan(
    store: &Store,
    env: &crate::env::Env,
) -> Result<(Option<programme::Status>, Plan)> {
    let today = env.clock.today();
    let status = programme::at_todays_doses(
        store,
        &mut env.catalog(),
        &env.paths.config_dir.join("programmes"),
        today,
    )?;
    let plan = plan(
        status.as_ref(),
        env.config.week_start,
        env.config.weekly_goal,
        today,
    );
    Ok((status, plan))
}

/// Each day's sessions in `[from, to]`, counted by `insights::count`: the
/// one count of Today, History, `status`, `report` and the programme.
pub fn daily_sessions(store: &Store, from: Date, to: Date) -> Result<Vec<DaySessions>> {
    Ok(count::by_day(&store.session_work(from, to)?))
}

/// The progress report for `[from, to]` (see `insights::report`).
pub fn report(store: &Store, from: Date, to: Date, goal_per_week: u32) -> Result<Report> {
    let days = store.daily_checkins(from, to)?;
    // From the day before: "the day after a session" for the first day.
    let sessions = daily_sessions(store, from.previous_day().unwrap_or(from), to)?;
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
    report.ladder = limber_domain::model::ladder_lines(&store.fear_ladder()?, from, to);
    Ok(report)
}

/// The fitness, WHO-5 and RAND-36 results of `[from, to]`, as the report
/// shows them.
pub fn outcomes(store: &Store, from: Date, to: Date) -> Result<insights::outcomes::Outcomes> {
    use insights::outcomes::scale_change;
    use limber_domain::model::Rand36Scale;
    let mut o =
        insights::outcomes::outcomes(&store.fitness_results()?, &store.who5_results()?, from, to);
    o.physical_functioning = scale_change(
        &store.rand36_results(Rand36Scale::PhysicalFunctioning)?,
        from,
        to,
    );
    o.mental_health = scale_change(
        &store.rand36_results(Rand36Scale::EmotionalWellBeing)?,
        from,
        to,
    );
    Ok(o)
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
        sessions: &daily_sessions(store, from, to)?,
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
/// in that year by pain's minimal important change or more
/// (`insights::hurt_more_than_expected`).
pub fn rated(store: &Store, today: Date) -> Result<Rated> {
    let from = today - time::Duration::days(364);
    let mut hurt_more_than_expected = Vec::new();
    for name in store.feared()? {
        let tries = store.exposures(&name, from, today)?;
        if insights::exposure_stat(&tries).is_some_and(|s| insights::hurt_more_than_expected(&s)) {
            hurt_more_than_expected.push(name);
        }
    }
    Ok(Rated {
        stats: store.exercise_stats(from, today)?,
        hurt_more_than_expected,
    })
}
