//! The routines the app holds, read again: after a routine file was
//! edited in the app, and when a programme's level moved their doses.

use super::{App, Detail, Effect, Screen};
use crate::routine::Routine;
use crate::tui::screens::problems::RoutinesChanged;
use crate::tui::screens::today::TodayData;

/// A routine file edited with `e`: the routines and Today read again, and
/// its page or its problems shown.
pub(super) fn changed(app: &mut App, changed: Box<RoutinesChanged>) -> Vec<Effect> {
    app.routines = changed.routines.clone();
    app.today.refresh(changed.today.clone());
    if !changed.problems.is_empty() {
        app.screen = Screen::Problems(changed);
    } else {
        let fresh = app
            .routines
            .iter()
            .find(|r| r.slug == changed.slug)
            .cloned();
        match (&mut app.screen, fresh) {
            (Screen::Detail(detail), Some(routine)) => detail.refresh(routine),
            // Mended after a second try: show the routine as it is now.
            (Screen::Problems(_), Some(routine)) => {
                app.screen = Screen::Detail(Detail::new(routine));
            }
            (Screen::Problems(_), None) => app.screen = Screen::Today,
            _ => {}
        }
        app.notice = Some(format!("Saved {}.", changed.path.display()));
    }
    Vec::new()
}

/// A programme's level moved (a session, a correction, another window's
/// write): the routines at their new doses, and Today.
pub(super) fn doses_changed(
    app: &mut App,
    (routines, today): (Vec<Routine>, TodayData),
) -> Vec<Effect> {
    app.routines = routines;
    app.today.refresh(today);
    Vec::new()
}
