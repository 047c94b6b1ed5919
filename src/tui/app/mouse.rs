//! The mouse: the wheel as the screen's movement actions, and a click on
//! Today's list, History's tab bar or the check-in's body map, looked up in
//! the last frame's click map.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Screen, act, closed_the_keys};
use crate::keymap::Action;
use crate::tui::Effect;
use crate::tui::hits::Target;
use crate::tui::screens::history;

/// What the wheel means where it turns: a list moves; on History's charts
/// and calendar the range widens or narrows.
fn wheel_action(app: &App, direction: i8) -> Option<Action> {
    let forward = direction > 0;
    let pick = |a: Action, b: Action| Some(if forward { a } else { b });
    match &app.screen {
        Screen::Today | Screen::Detail(_) | Screen::Summary(_) => pick(Action::Down, Action::Up),
        Screen::History(h) => match h.tab {
            history::Tab::Trends | history::Tab::Activity => {
                pick(Action::LongerRange, Action::ShorterRange)
            }
            _ => pick(Action::Down, Action::Up),
        },
        _ => None,
    }
}

/// A turn of the wheel, as its action on the screen at hand.
pub(super) fn wheel(app: &mut App, direction: i8, now: Instant) -> Vec<Effect> {
    app.notice = None;
    if closed_the_keys(app) {
        return Vec::new();
    }
    match wheel_action(app, direction) {
        Some(action) => act(app, KeyEvent::from(KeyCode::Null), Some(action), now),
        None => Vec::new(),
    }
}

/// A click, on what the last frame drew there: on Today's list it picks a
/// routine (a second click opens it); on History's tab bar it opens the tab.
pub(super) fn click(app: &mut App, column: u16, row: u16, now: Instant) -> Vec<Effect> {
    // Like a key: a click first clears the notice, or only closes the keys.
    app.notice = None;
    if closed_the_keys(app) {
        return Vec::new();
    }
    if let (Some(Target::Region(region)), Screen::CheckIn(form)) =
        (app.hits.at(column, row), &mut app.screen)
    {
        form.click_region(region);
        return Vec::new();
    }
    match (app.hits.at(column, row), &app.screen) {
        (Some(Target::Routine(index)), Screen::Today) if index < app.today.data.routines.len() => {
            if index == app.today.selected {
                act(app, KeyEvent::from(KeyCode::Null), Some(Action::Open), now)
            } else {
                app.today.selected = index;
                Vec::new()
            }
        }
        (Some(Target::Tab(tab)), Screen::History(_)) => {
            // A tab's number is its key (numbers are not actions).
            let digit = KeyCode::Char(char::from(b'1' + tab.index() as u8));
            act(app, KeyEvent::from(digit), None, now)
        }
        _ => Vec::new(),
    }
}
