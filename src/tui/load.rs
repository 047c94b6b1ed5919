//! The screens' own data, filled from what `reading` reads (the routines
//! at today's doses, the week, the favourites: `reading::routines`) and
//! from a few store rows only a screen shows: Today, History, the Diary,
//! the Programme screen, and what the app needs at start (an unfinished
//! session).

use anyhow::Result;

use super::app::Startup;
use super::screens::history::HistoryData;
use super::screens::history::diary::DiaryEntry;
use super::screens::resume::Unfinished;
use super::screens::today::{ProgrammeLine, RoutineEntry, TodayData};
use crate::env::Env;
use crate::insights::Range;
use crate::model::CheckInKind;
use crate::reading::programme::Status;
use crate::reading::routines::Doses;
use crate::routine::{Catalog, Routine};
use crate::store::{SAFETY_NOTICE_READ, Store};

/// Today's list of routines: every usable one, then the broken files.
pub fn routine_entries(catalog: &Catalog, config: &crate::config::Config) -> Vec<RoutineEntry> {
    let mut routines: Vec<RoutineEntry> = catalog
        .routines
        .iter()
        .map(|r| RoutineEntry {
            slug: r.slug.clone(),
            name: r.name.clone(),
            total_seconds: r.total_seconds(config.get_ready, config.default_rest),
            exercises: r.exercises.len(),
            kinds: r
                .kinds()
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            problem: None,
        })
        .collect();
    routines.extend(catalog.broken.iter().map(|b| RoutineEntry {
        slug: b.slug.clone(),
        name: b.slug.clone(),
        total_seconds: 0,
        exercises: 0,
        kinds: String::new(),
        problem: Some(b.summary()),
    }));
    routines
}

/// Reads what Today shows.
pub fn load_today(store: &Store, env: &Env, catalog: &Catalog) -> Result<TodayData> {
    let status = crate::reading::routines::todays_programme(store, env)?.map(|(status, _)| status);
    today_with(store, env, catalog, status.as_ref())
}

/// Reads what Today shows, with the routines at today's doses and the
/// programme's status read once (`reading::routines::doses`).
pub fn load_today_at(store: &Store, env: &Env, doses: &Doses) -> Result<TodayData> {
    today_with(store, env, &doses.catalog, doses.status.as_ref())
}

fn today_with(
    store: &Store,
    env: &Env,
    catalog: &Catalog,
    status: Option<&Status>,
) -> Result<TodayData> {
    let favourites =
        crate::insights::for_today(&crate::reading::routines::rated_in(store, env, catalog)?, 3)
            .into_iter()
            .map(|s| (s.name.clone(), s.comfort.unwrap_or(0.0)))
            .collect();
    let routines = routine_entries(catalog, &env.config);
    let today = env.clock.today();
    // One "this week" on Today: the programme's, when one runs.
    let (_, progress) = crate::reading::routines::week(store, env, status, today)?;
    let programme = match status {
        Some(status) => Some(line_of(store, env, status, catalog, &routines)?),
        None => None,
    };
    Ok(TodayData {
        progress,
        last_checkin: store.last_checkin()?,
        programme,
        routines,
        favourites,
        loading: false,
    })
}

/// Today's line for the programme followed now, if any, and the next
/// routine's place in `routines`.
pub fn programme_line(
    store: &Store,
    env: &Env,
    doses: &Doses,
    routines: &[RoutineEntry],
) -> Result<Option<Box<ProgrammeLine>>> {
    match &doses.status {
        Some(status) => Ok(Some(line_of(store, env, status, &doses.catalog, routines)?)),
        None => Ok(None),
    }
}

fn line_of(
    store: &Store,
    env: &Env,
    status: &Status,
    base: &Catalog,
    routines: &[RoutineEntry],
) -> Result<Box<ProgrammeLine>> {
    let today = env.clock.today();
    let next = base
        .get(&status.next)
        .map_or_else(|| status.next.clone(), |r| r.name.clone());
    let line = |short| crate::reading::programme::headline(status, &next, today, short);
    let fitness_due = crate::reading::programme::fitness_due(store, status)?
        .then_some((status.week, status.weeks));
    Ok(Box::new(ProgrammeLine {
        long: line(false),
        short: line(true),
        next: routines.iter().position(|r| r.slug == status.next),
        fitness_due,
        next_time: status
            .exercises
            .iter()
            .map(|level| {
                let mut names: Vec<String> = status
                    .phase()
                    .ladder(&level.head)
                    .map(|l| l.rungs.iter().map(|r| r.name.clone()).collect())
                    .unwrap_or_default();
                names.push(level.head.clone());
                (names, level.reason.clone())
            })
            .collect(),
    }))
}

/// Reads what History shows for a range.
pub fn load_history(store: &Store, env: &Env, range: Range) -> Result<HistoryData> {
    let to = env.clock.today();
    let from = range.from(to, store.first_day()?);
    let all_flares = store.flare_days(time::Date::MIN, to)?;
    // The week, goal and streak as Today counts them.
    let status = crate::reading::routines::todays_programme(store, env)?;
    let (plan, progress) =
        crate::reading::routines::week(store, env, status.as_ref().map(|(s, _)| s), to)?;
    let all_days = crate::reading::daily_sessions(store, time::Date::MIN, to)?;
    let mut exercises = store.exercise_stats(from, to)?;
    crate::insights::sort_favourites(&mut exercises);
    let goal = plan.goal;
    let mut exposures = Vec::new();
    for name in store.exposed_exercises(from, to)? {
        let tries = store.exposures(&name, from, to)?;
        exposures.push((name, tries));
    }
    let in_range = |d: time::Date| d >= from && d <= to;
    Ok(HistoryData {
        levels: crate::reading::programme::levels_by_week(
            store,
            &env.paths.config_dir.join("programmes"),
            &env.catalog().routines,
            to,
        )?,
        fitness: store
            .fitness_results()?
            .into_iter()
            .filter(|r| in_range(r.local_date))
            .collect(),
        who5: store
            .who5_results()?
            .into_iter()
            .filter(|r| in_range(r.local_date))
            .collect(),
        feared: store.feared()?,
        exposures,
        range,
        from,
        to,
        checkins: store.daily_checkins(from, to)?,
        sessions: all_days
            .iter()
            .copied()
            .filter(|d| d.date >= from)
            .collect(),
        session_lines: store
            .session_lines(from, to)?
            .into_iter()
            .map(|line| in_local(line, env))
            .collect(),
        exercises,
        report: crate::reading::report(store, crate::insights::report::default_from(to), to, goal)?,
        longest_streak: crate::insights::count::longest_week_streak(
            &plan,
            &all_days,
            &all_flares,
            to,
        ),
        flares: all_flares.iter().copied().filter(|d| *d >= from).collect(),
        week_start: plan.first,
        weekly_goal: plan.goal,
        progress,
    })
}

/// Every entry History's Diary lists for a range, newest first.
pub fn load_diary(store: &Store, env: &Env, range: Range) -> Result<Vec<DiaryEntry>> {
    let to = env.clock.today();
    let from = range.from(to, store.first_day()?);
    let mut contexts: std::collections::HashMap<String, crate::model::CheckInContext> = store
        .checkin_contexts_between(from, to)?
        .into_iter()
        .collect();
    Ok(store
        .entries(from, to, None)?
        .into_iter()
        .map(|e| {
            let with = contexts.remove(&e.uuid).unwrap_or_default();
            DiaryEntry::with(e, with, &env.clock)
        })
        .collect())
}

/// Reads what the app needs to know at start.
pub fn load_startup(
    store: &Store,
    catalog: &Catalog,
    run: Option<Routine>,
    run_gentle: bool,
) -> Result<Startup> {
    let safety_read = store.state(SAFETY_NOTICE_READ)?.is_some();
    let unfinished = match store.unfinished_session()? {
        None => None,
        Some(session) => {
            // The routine as it was when the session began (its stored
            // definition), so an edited file cannot shift the exercises; the
            // file as it is now only when that cannot be read. A gentle
            // session goes on in its gentle version.
            let routine = match session.routine_slug.as_deref() {
                None => None,
                Some(slug) => store
                    .routine_definition(slug)?
                    .and_then(|text| {
                        crate::routine::parse(slug, slug, &text, crate::routine::Source::User).ok()
                    })
                    .or_else(|| catalog.get(slug).cloned()),
            }
            .map(|r| if session.gentle { r.gentle() } else { r });
            let records = store.session_exercises(session.id)?;
            let before = store.session_checkin(session.id, CheckInKind::Before)?;
            Some(Unfinished {
                session,
                routine,
                records,
                before,
            })
        }
    };
    Ok(Startup {
        safety_read,
        unfinished,
        run,
        run_gentle,
        feared: store.feared()?,
    })
}

/// A session line with its start at the local offset of that instant, for
/// the time of day History shows.
pub fn in_local(mut line: crate::store::SessionLine, env: &Env) -> crate::store::SessionLine {
    line.started_at = env.clock.local(line.started_at);
    line
}

/// What the Programme screen shows: every programme as `limber programme
/// list` says it, and the one followed now as `limber programme status`
/// says it.
pub fn load_programmes(
    store: &Store,
    env: &Env,
) -> Result<super::screens::programme::ProgrammeData> {
    use super::screens::programme::{Entry, ProgrammeData, Running};
    use crate::reading::programme::{status, words};
    let routines = env.catalog();
    let catalog = crate::programme::Catalog::load(
        &env.paths.config_dir.join("programmes"),
        &routines.routines,
    );
    let today = env.clock.today();
    let mut entries: Vec<Entry> = catalog
        .programmes
        .iter()
        .map(|p| Entry {
            slug: p.slug.clone(),
            line: words::list_line(p),
            programme: Some(Box::new(p.clone())),
        })
        .collect();
    entries.extend(catalog.broken.iter().map(|b| Entry {
        slug: b.slug.clone(),
        line: words::broken_line(b),
        programme: None,
    }));
    let running = match store.active_programme()? {
        None => None,
        Some(enrolment) => Some(match catalog.get(&enrolment.slug) {
            Some(p) => {
                let s = status(store, p, &enrolment, today)?;
                let next = routines
                    .get(&s.next)
                    .map_or_else(|| s.next.clone(), |r| r.name.clone());
                Running {
                    slug: p.slug.clone(),
                    name: p.name.clone(),
                    lines: words::status_lines(&s, &next, today),
                }
            }
            None => Running {
                slug: enrolment.slug.clone(),
                name: enrolment.slug.clone(),
                lines: vec![enrolment.slug.clone(), catalog.unknown(&enrolment.slug)],
            },
        }),
    };
    Ok(ProgrammeData {
        today,
        entries,
        running,
        note: catalog.folder_problem.clone(),
    })
}
