//! The routines as today has them, for Today's list, History's week and
//! `f`: every routine with the programme followed now at today's doses,
//! where the person is in that programme, the week's plan and progress,
//! and the favourites routine. The app's `tui/load.rs` puts these into
//! the screens' own data.

use crate::env::Env;
use crate::routine::{Catalog, Routine};
use crate::store::{Result, Store};

/// The routines as the app lists, shows and runs them — those of the
/// programme followed now at today's doses — and where the person is in
/// that programme: read once, for everything Today shows.
pub struct Doses {
    pub catalog: Catalog,
    pub status: Option<crate::reading::programme::Status>,
}

/// The routines of `base` at today's doses, and the programme's status.
pub fn doses(store: &Store, env: &Env, base: &Catalog) -> Result<Doses> {
    let mut catalog = base.clone();
    let dir = env.paths.config_dir.join("programmes");
    let status =
        crate::reading::programme::at_todays_doses(store, &mut catalog, &dir, env.clock.today())?;
    Ok(Doses { catalog, status })
}

/// Every routine, those of the programme followed now at today's doses:
/// what the app lists, shows and runs.
pub fn todays_catalog(store: &Store, env: &Env) -> Result<Catalog> {
    Ok(doses(store, env, &env.catalog())?.catalog)
}

/// The week's plan on `day` and the progress in it: the programme's
/// (`programme`) when one runs, else the calendar week and weekly goal.
pub fn week(
    store: &Store,
    env: &Env,
    programme: Option<&crate::reading::programme::Status>,
    day: time::Date,
) -> Result<(crate::insights::count::Plan, crate::insights::Progress)> {
    let plan = crate::reading::plan(
        programme,
        env.config.week_start,
        env.config.weekly_goal,
        day,
    );
    let progress = crate::reading::progress_with(store, &plan, day)?;
    Ok((plan, progress))
}

/// Where the person is in the programme followed now, if any, with the
/// routines as they are without it (the line names the next one).
pub fn todays_programme(
    store: &Store,
    env: &Env,
) -> Result<Option<(crate::reading::programme::Status, Catalog)>> {
    // No programme followed (the everyday case): no routine file is read.
    if store.active_programme()?.is_none() {
        return Ok(None);
    }
    let mut base = env.catalog();
    let dir = env.paths.config_dir.join("programmes");
    let today = env.clock.today();
    Ok(
        crate::reading::programme::at_todays_doses(store, &mut base, &dir, today)?
            .map(|status| (status, base)),
    )
}

/// The routine `f` starts: the best-rated exercises of the last year, each
/// as its routine file describes it, at the length last done. `None` while
/// fewer than three exercises are rated.
///
/// An exercise the programme followed now steps is at its level's dose,
/// from a routine of this phase, as its level line says: the programme,
/// not the last session, sets its length.
pub fn favourites_routine(store: &Store, env: &Env, catalog: &Catalog) -> Result<Option<Routine>> {
    let rated = rated_in(store, env, catalog)?;
    let status = todays_programme(store, env)?.map(|(status, _)| status);
    let stepped = |name: &str| {
        status
            .as_ref()
            .is_some_and(|s| s.exercises.iter().any(|l| l.name == name))
    };
    let in_phase = |r: &Routine| {
        status
            .as_ref()
            .is_some_and(|s| s.phase().routines.contains(&r.slug))
    };
    let mut picks = Vec::new();
    for stat in crate::insights::for_routine(&rated) {
        // The phase's routines first: they hold the stepped dose.
        let template = catalog
            .routines
            .iter()
            .filter(|r| in_phase(r))
            .chain(catalog.routines.iter().filter(|r| !in_phase(r)))
            .flat_map(|r| r.exercises.iter())
            .find(|e| e.name == stat.name);
        if let Some(template) = template {
            let last = if stepped(&stat.name) {
                None
            } else {
                store.last_done(&stat.name)?
            };
            picks.push((template.clone(), last));
        }
    }
    Ok(crate::routine::favourites::build(picks))
}

/// What the favourites rule (`insights::is_favourite`) reads, for Today's
/// line and `f` alike: the rated exercises that a routine still describes,
/// since `f` can only hold those, and Today names what `f` would start.
pub fn rated_in(store: &Store, env: &Env, catalog: &Catalog) -> Result<crate::insights::Rated> {
    let mut rated = crate::reading::rated(store, env.clock.today())?;
    rated.stats.retain(|s| {
        catalog
            .routines
            .iter()
            .any(|r| r.exercises.iter().any(|e| e.name == s.name))
    });
    Ok(rated)
}
