//! What a key press does: the keys every screen shares, then the screen at hand's.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::insights::Range;
use crate::keymap::{Action, Scope};
use crate::model::CheckInKind;
use crate::tui::Effect;
use crate::tui::screens::checkin::CheckInForm;
use crate::tui::screens::detail::{self, Detail};
use crate::tui::screens::gentle::{self, GentleOffer};
use crate::tui::screens::history::{self, History};
use crate::tui::screens::problems;
use crate::tui::screens::programme;
use crate::tui::screens::recovery;
use crate::tui::screens::resume;
use crate::tui::screens::safety;
use crate::tui::screens::summary;
use crate::tui::screens::today;

use super::{App, Screen, checkin, self_tests, suspend};

pub(super) fn handle_key(app: &mut App, key: KeyEvent, now: Instant) -> Vec<Effect> {
    app.notice = None;
    if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c')) {
        // Ctrl-C ends at once; a session under way is kept as ended early.
        let mut effects = match &mut app.screen {
            Screen::Session(session) => session.end(now).effects,
            _ => Vec::new(),
        };
        effects.push(Effect::Quit);
        return effects;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('z')) {
        return suspend(app, now);
    }
    if let Screen::CheckIn(form) = &app.screen
        && form.quiet(now)
    {
        return Vec::new();
    }
    if closed_the_keys(app) {
        return Vec::new();
    }
    if let Some(list) = &mut app.red_flags {
        // Scrolled with the safety notice's keys; any other closes it.
        let action = app.config.keys.action(Scope::Safety, &key);
        let area = Rect::new(0, 0, app.size.0, app.size.1);
        if list.handle_key(action, area) == safety::ListOutcome::Close {
            app.red_flags = None;
        }
        return Vec::new();
    }
    let action = app
        .scope()
        .and_then(|scope| app.config.keys.action(scope, &key));
    if action == Some(Action::Help) {
        app.help = true;
        return Vec::new();
    }
    if action == Some(Action::SafetyList) {
        return app.show_red_flags(crate::safety::Warning::asked(), now);
    }
    act(app, key, action, now)
}

/// What a key press does on the screen at hand: its action, if the keymap
/// gives it one, and the key itself for numbers and text.
pub(super) fn act(
    app: &mut App,
    key: KeyEvent,
    action: Option<Action>,
    now: Instant,
) -> Vec<Effect> {
    match &mut app.screen {
        Screen::Safety(notice) => {
            let area = Rect::new(0, 0, app.size.0, app.size.1);
            match notice.handle_key(action, area) {
                safety::Outcome::None => Vec::new(),
                safety::Outcome::Read => {
                    let mut effects = vec![Effect::MarkSafetyRead];
                    effects.extend(app.after_intro(now));
                    effects
                }
                safety::Outcome::Quit => vec![Effect::Quit],
            }
        }
        // Resumed or closed only once this window holds it: another may
        // have taken it since the question was asked.
        Screen::Resume(unfinished) => match unfinished.handle_key(action) {
            then @ (resume::Outcome::Resume | resume::Outcome::KeepEnded) => {
                vec![Effect::HoldSession {
                    session: unfinished.session.id,
                    then,
                }]
            }
            resume::Outcome::Quit => vec![Effect::Quit],
            resume::Outcome::None => Vec::new(),
        },
        Screen::Today if self_tests::opens(action) => self_tests::open(app, action),
        Screen::Fitness(_) | Screen::Who5(_) | Screen::Rand36(_) => {
            self_tests::act(app, key, action, now)
        }
        Screen::Today => match app.today.handle_key(action) {
            today::Outcome::Quit => vec![Effect::Quit],
            today::Outcome::History => {
                app.screen = Screen::History(Box::new(History::new(Range::ThreeMonths)));
                vec![Effect::LoadHistory(Range::ThreeMonths)]
            }
            today::Outcome::Flare => vec![Effect::ToggleFlare],
            today::Outcome::Programme => {
                app.screen = Screen::Programme(Box::default());
                vec![Effect::LoadProgrammes]
            }
            today::Outcome::Ladder => {
                app.screen = Screen::Ladder(Box::default());
                vec![Effect::LoadLadder]
            }
            today::Outcome::Favourites => vec![Effect::StartFavourites],
            today::Outcome::Edit(i) => {
                vec![Effect::EditRoutine(app.today.data.routines[i].slug.clone())]
            }
            today::Outcome::CheckIn => {
                app.screen =
                    Screen::CheckIn(CheckInForm::new(CheckInKind::Daily, app.last_scales()));
                Vec::new()
            }
            today::Outcome::Open(i) => {
                let entry = &app.today.data.routines[i];
                match (
                    &entry.problem,
                    app.routines.iter().find(|r| r.slug == entry.slug),
                ) {
                    (None, Some(routine)) => {
                        app.screen = Screen::Detail(Detail::new(routine.clone()));
                    }
                    (Some(problem), _) => {
                        app.notice = Some(format!("This routine file has a problem: {problem}"));
                    }
                    (None, None) => {}
                }
                Vec::new()
            }
            today::Outcome::None => Vec::new(),
        },
        Screen::Recovery(offer) => match offer.handle_key(action) {
            recovery::Outcome::BringIn => {
                let mut effects: Vec<Effect> =
                    offer.files.iter().cloned().map(Effect::BringIn).collect();
                effects.extend(app.after_intro(now));
                effects.push(Effect::ReloadToday);
                effects
            }
            recovery::Outcome::Later => app.after_intro(now),
            recovery::Outcome::Quit => vec![Effect::Quit],
            recovery::Outcome::None => Vec::new(),
        },
        Screen::Problems(changed) => match changed.handle_key(action) {
            problems::Outcome::Edit => vec![Effect::EditRoutine(changed.slug.clone())],
            problems::Outcome::Back => {
                app.screen = Screen::Today;
                Vec::new()
            }
            problems::Outcome::None => Vec::new(),
        },
        Screen::Gentle(offer) => match offer.handle_key(action) {
            gentle::Outcome::Start { gentle } => {
                let GentleOffer { routine, before } = (**offer).clone();
                app.start(routine, before, gentle, now)
            }
            // Back to the routine's page; what the user said is kept, and the
            // next session within the hour takes it (see `flow::Given`).
            gentle::Outcome::Back => {
                app.screen = Screen::Detail(Detail::new(offer.routine.clone()));
                Vec::new()
            }
            gentle::Outcome::None => Vec::new(),
        },
        Screen::Detail(detail) => match detail.handle_key(action) {
            detail::Outcome::Start => {
                let routine = detail.routine.clone();
                app.begin(routine, false, now)
            }
            detail::Outcome::Edit => vec![Effect::EditRoutine(detail.routine.slug.clone())],
            detail::Outcome::NoFile => {
                app.notice = Some(
                    "This routine is made from your ratings; there is no file to edit.".into(),
                );
                Vec::new()
            }
            detail::Outcome::Fear(name) => {
                let feared = !app.feared.contains(&name);
                if feared {
                    app.feared.push(name.clone());
                } else {
                    app.feared.retain(|n| n != &name);
                }
                vec![Effect::SetFeared { name, feared }]
            }
            detail::Outcome::Back => {
                app.screen = Screen::Today;
                Vec::new()
            }
            detail::Outcome::None => Vec::new(),
        },
        Screen::CheckIn(_) => checkin::key(app, key, action, now),
        Screen::Session(session) => {
            let step = session.handle_key(key, action, now);
            // An exercise marked (or unmarked) as feared here is so for the
            // routine's page and the next session too.
            for effect in &step.effects {
                if let Effect::SetFeared { name, feared } = effect {
                    app.feared.retain(|n| n != name);
                    if *feared {
                        app.feared.push(name.clone());
                    }
                }
            }
            app.session_went(step, now)
        }
        Screen::History(h) => match h.handle_key(key, action, now) {
            // The Diary, shown now, reads its entries the first time.
            history::Outcome::None => h
                .diary_wanted()
                .map(Effect::LoadDiary)
                .into_iter()
                .collect(),
            history::Outcome::Back => {
                app.screen = Screen::Today;
                Vec::new()
            }
            history::Outcome::Load(range) => {
                let mut effects = vec![Effect::LoadHistory(range)];
                effects.extend(h.diary_wanted().map(Effect::LoadDiary));
                effects
            }
            history::Outcome::Open(id) => vec![Effect::LoadSession(id)],
            history::Outcome::Do(effect) => app.correct_diary(effect),
        },
        Screen::Programme(screen) => match screen.handle_key(action, &app.config.keys, app.size) {
            programme::Outcome::None => Vec::new(),
            programme::Outcome::Back => {
                app.screen = Screen::Today;
                Vec::new()
            }
            programme::Outcome::Say(text) => {
                app.notice = Some(text);
                Vec::new()
            }
            programme::Outcome::Start(slug) => vec![Effect::StartProgramme(slug)],
            programme::Outcome::Stop => vec![Effect::StopProgramme],
        },
        Screen::Ladder(screen) => {
            use crate::tui::screens::ladder::Outcome;
            match screen.handle_key(key, action) {
                Outcome::None => Vec::new(),
                Outcome::Back => {
                    app.screen = Screen::Today;
                    Vec::new()
                }
                Outcome::SaveTry(t) => vec![Effect::SaveFearTry(Box::new(t))],
                Outcome::AddStep { name, expected } => {
                    vec![Effect::AddFearStep { name, expected }]
                }
            }
        }
        Screen::Summary(summary) => match summary.handle_key(key, action) {
            summary::Outcome::None => Vec::new(),
            // A rating of 1 can hold an exercise: read its "next time" again.
            summary::Outcome::Rate(effect) => vec![effect, Effect::ReloadToday],
            summary::Outcome::Close => {
                app.screen = Screen::Today;
                vec![Effect::ReloadToday]
            }
        },
    }
}

/// With the keys overlay open, any input only closes it.
pub(super) fn closed_the_keys(app: &mut App) -> bool {
    std::mem::take(&mut app.help)
}
