//! The check-in form's part of the app: the words it offers (read once
//! from the store as it opens), what goes with a check-in when it is saved,
//! and the safety list's line when pain below the knee comes with numbness.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;
use time::Date;

use super::flow::checkin_done;
use super::{App, Screen};
use crate::keymap::Action;
use crate::model::CheckInContext;
use crate::tui::Effect;
use crate::tui::screens::checkin;
use crate::tui::screens::checkin::context::{NUMBNESS, Words};

/// What the app keeps for check-ins between screens.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// What goes with the before-check-in, until its session is written.
    pub(super) before_with: CheckInContext,
    /// The day `NUMBNESS` was said: not again that day.
    pub(super) numbness_said: Option<Date>,
}

/// A key on the check-in form.
pub(super) fn key(
    app: &mut App,
    key: KeyEvent,
    action: Option<Action>,
    now: Instant,
) -> Vec<Effect> {
    let Screen::CheckIn(form) = &mut app.screen else {
        return Vec::new();
    };
    let context = form.context;
    let outcome = form.handle_key(key, action, now);
    let with = form.context_answer().unwrap_or_default();
    match outcome {
        checkin::Outcome::None => Vec::new(),
        checkin::Outcome::Save(scales, note) => {
            if with.below_knee_with_numbness(note.as_deref()) {
                let today = app.clock.today();
                if app.kept.numbness_said != Some(today) {
                    app.kept.numbness_said = Some(today);
                    app.notice = Some(NUMBNESS.to_string());
                }
            }
            checkin_done(app, context, Some((scales, note)), with, now)
        }
        checkin::Outcome::Skip => checkin_done(app, context, None, CheckInContext::default(), now),
    }
}

/// `effects`, and when a check-in form has just opened, the reading of
/// the words it offers (`Msg::CheckInWords` brings them).
pub(super) fn with_words(app: &mut App, mut effects: Vec<Effect>) -> Vec<Effect> {
    if let Screen::CheckIn(form) = &mut app.screen
        && form.words_wanted()
    {
        effects.push(Effect::LoadCheckInWords);
    }
    effects
}

/// The words read from the store, for the form that asked.
pub(super) fn offer(app: &mut App, words: Words) -> Vec<Effect> {
    if let Screen::CheckIn(form) = &mut app.screen {
        form.offer(words);
    }
    Vec::new()
}
