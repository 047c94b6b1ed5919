//! Today's way into the fitness check, the WHO-5 and the RAND-36 scales, and what their keys
//! do to the app: kept here so `app.rs` names them in a line each.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::{App, Screen};
use crate::keymap::Action;
use crate::model::Rand36Scale;
use crate::tui::Effect;
use crate::tui::screens::fitness;
use crate::tui::screens::rand36::{self, Rand36Form};
use crate::tui::screens::who5::{self, Who5Form};

/// Whether a key on Today opens one of them.
pub(super) fn opens(action: Option<Action>) -> bool {
    matches!(
        action,
        Some(Action::FitnessCheck | Action::Wellbeing | Action::Function | Action::MentalHealth)
    )
}

/// Opens the WHO-5 at once; the fitness check once the loop has read
/// which tests were tried before (the first try of each is practice).
pub(super) fn open(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Wellbeing) => {
            app.screen = Screen::Who5(Who5Form::default());
            Vec::new()
        }
        Some(Action::Function) => {
            app.screen =
                Screen::Rand36(Box::new(Rand36Form::new(Rand36Scale::PhysicalFunctioning)));
            Vec::new()
        }
        Some(Action::MentalHealth) => {
            app.screen = Screen::Rand36(Box::new(Rand36Form::new(Rand36Scale::EmotionalWellBeing)));
            Vec::new()
        }
        Some(Action::FitnessCheck) => vec![Effect::OpenFitness],
        _ => Vec::new(),
    }
}

/// The fitness check, once the loop has read which tests were tried
/// before and whether a WHO-5 was answered in the last 14 days; only if Today is
/// still what the person sees.
pub(super) fn opened(
    app: &mut App,
    tried: crate::tui::screens::fitness::Tried,
    who5_done: bool,
) -> Vec<Effect> {
    if matches!(app.screen, Screen::Today) {
        let mut check = fitness::FitnessCheck::new(tried);
        check.who5_done = who5_done;
        app.screen = Screen::Fitness(Box::new(check));
    }
    Vec::new()
}

pub(super) fn act(
    app: &mut App,
    key: KeyEvent,
    action: Option<Action>,
    now: Instant,
) -> Vec<Effect> {
    match &mut app.screen {
        Screen::Fitness(check) => match check.handle_key(key, action, now) {
            fitness::Outcome::None => Vec::new(),
            fitness::Outcome::Save(test, value) => vec![Effect::SaveFitness { test, value }],
            // Today's "Fitness check due" line follows what was done.
            fitness::Outcome::Back => {
                app.screen = Screen::Today;
                vec![Effect::ReloadToday]
            }
            fitness::Outcome::Rand36(scale) => {
                app.screen = Screen::Rand36(Box::new(Rand36Form::new(scale)));
                Vec::new()
            }
            fitness::Outcome::Who5 => {
                app.screen = Screen::Who5(Who5Form::default());
                Vec::new()
            }
        },
        Screen::Who5(form) => match form.handle_key(key, action) {
            who5::Outcome::None => Vec::new(),
            who5::Outcome::Save(who5) => {
                app.screen = Screen::Today;
                vec![Effect::SaveWho5(who5), Effect::ReloadToday]
            }
            who5::Outcome::Back => {
                app.screen = Screen::Today;
                vec![Effect::ReloadToday]
            }
        },
        Screen::Rand36(form) => match form.handle_key(key, action) {
            rand36::Outcome::None => Vec::new(),
            rand36::Outcome::Save(r) => {
                app.screen = Screen::Today;
                vec![Effect::SaveRand36(r)]
            }
            rand36::Outcome::Back => {
                app.screen = Screen::Today;
                Vec::new()
            }
        },
        _ => Vec::new(),
    }
}
