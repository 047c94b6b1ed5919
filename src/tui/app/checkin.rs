//! The check-in form's part of the app: the words it offers (read once
//! from the store as it opens), what goes with a check-in when it is saved,
//! and the list of signs that need help now when a check-in calls for it.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;
use time::Date;

use super::flow::checkin_done;
use super::{App, Screen};
use crate::keymap::Action;
use crate::model::{CheckInContext, CheckInKind};
use crate::reading::checkin::Words;
use crate::safety;
use crate::tui::Effect;
use crate::tui::screens::checkin;

/// What the app keeps for check-ins between screens.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// What goes with the before-check-in, until its session is written.
    pub(super) before_with: CheckInContext,
    /// The day the list was shown for numbness below the knee in one leg
    /// alone: not again for that alone that day.
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
            let before = match context {
                CheckInKind::After => app.pending_summary.as_ref().and_then(|s| s.before),
                _ => None,
            };
            let warning = safety::warning(safety::Said {
                pain: scales.pain,
                before: before.map(|b| b.pain),
                with: &with,
                note: note.as_deref(),
            });
            let mut effects = checkin_done(app, context, Some((scales, note)), with, now);
            if let Some(warning) = warning {
                let today = app.clock.today();
                let again = warning.below_knee_only && app.kept.numbness_said == Some(today);
                if warning.below_knee_only {
                    app.kept.numbness_said = Some(today);
                }
                if !again {
                    effects.extend(app.show_red_flags(warning, now));
                }
            }
            effects
        }
        checkin::Outcome::Skip => checkin_done(app, context, None, CheckInContext::default(), now),
    }
}

/// `effects`, and when a check-in form has just opened, the reading of
/// the words it offers (`Msg::CheckInWords` brings them).
pub(super) fn with_words(app: &mut App, mut effects: Vec<Effect>) -> Vec<Effect> {
    if let Some(form) = open_form(app)
        && form.words_wanted()
    {
        effects.push(Effect::LoadCheckInWords);
    }
    effects
}

/// The words read from the store, for the form that asked.
pub(super) fn offer(app: &mut App, words: Words) -> Vec<Effect> {
    if let Some(form) = open_form(app) {
        form.offer(words);
    }
    Vec::new()
}

/// The check-in form open: a new check-in's, or the Diary's correcting one.
fn open_form(app: &mut App) -> Option<&mut checkin::CheckInForm> {
    use crate::tui::screens::history::diary::{Editing, Form};
    match &mut app.screen {
        Screen::CheckIn(form) => Some(form),
        Screen::History(h) => match &mut h.diary.editing {
            Some(Editing {
                form: Form::CheckIn(form),
                ..
            }) => Some(form),
            _ => None,
        },
        _ => None,
    }
}
