//! The app's model, messages and `update`, and the `view` that draws it.
//! `update` never draws and never does I/O: it returns effects, which the
//! loop carries out. `view` never changes anything.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use crate::clock::Clock;
use crate::config::Config;
use crate::insights::Range;
use crate::keymap::Scope;
use crate::routine::Routine;
use crate::tui::hits::Hits;
use crate::tui::outbox::Unsaved;
use crate::tui::screens::checkin::CheckInForm;
use crate::tui::screens::detail::Detail;
use crate::tui::screens::fitness::FitnessCheck;
use crate::tui::screens::gentle::GentleOffer;
use crate::tui::screens::history::{self, History, HistoryData, SessionDetail};
use crate::tui::screens::programme::{ProgrammeData, ProgrammeScreen};
use crate::tui::screens::recovery::Recovery;
use crate::tui::screens::resume::{self, Unfinished};
use crate::tui::screens::safety::{RedFlags, Safety};
use crate::tui::screens::session::{self, SessionScreen};
use crate::tui::screens::summary::Summary;
use crate::tui::screens::today::{Today, TodayData};
use crate::tui::screens::who5::Who5Form;
use crate::tui::{Effect, theme::Theme};

mod checkin;
mod diary;
mod draw;
mod flow;
mod mouse;
mod press;
mod routines;
mod self_tests;
mod startup;
pub use startup::Startup;

pub use draw::view;
use mouse::{click, wheel};
use press::{act, closed_the_keys, handle_key};

/// The smallest terminal limber draws its screens in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Everything that can happen to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): text, never keys.
    Paste(String),
    /// The clock reached the next visible change.
    Tick,
    /// The user's local date now, sent by the loop each time it wakes: a
    /// new one (midnight, a clock change, a laptop waking) reads Today again.
    Day(time::Date),
    /// The terminal's new size.
    Resize(u16, u16),
    /// Stop to the shell, as Ctrl-Z does (a SIGTSTP from outside).
    Suspend,
    /// What still waits for the store changed (a write failed, or what
    /// waited was written).
    Unsaved(Unsaved),
    /// This window now holds the unfinished session: go on as the user chose.
    SessionHeld {
        session: i64,
        then: resume::Outcome,
    },
    /// Another window has the unfinished session (or finished it).
    SessionElsewhere(i64),
    /// Fresh data for Today.
    TodayLoaded(TodayData),
    /// The routines at new doses (a programme's level moved), and Today.
    DosesChanged(Box<(Vec<Routine>, TodayData)>),
    CheckInWords(crate::reading::checkin::Words),
    /// A write failed; the message says why.
    StoreFailed(String),
    HistoryLoaded(Box<HistoryData>),
    /// Show this routine's page (made up by the loop, like the favourites).
    OpenRoutine(Box<Routine>),
    /// A word for the bottom line.
    Notice(String),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The mouse wheel: 1 down, -1 up.
    Wheel(i8),
    /// The routine files were read again after an edit.
    RoutinesChanged(Box<RoutinesChanged>),
    SessionLoaded(Box<SessionDetail>),
    /// A change to the diary (History › Diary) was made.
    DiaryChanged(Box<history::diary::DiaryChange>),
    /// A change to the diary was refused or failed; nothing changed. Why.
    DiaryFailed(String),
    /// The Diary's entries for a range.
    DiaryLoaded(Range, Vec<history::diary::DiaryEntry>),
    /// A session's exercises, by its UUID, for the Diary's entry opened.
    EntryExercises(String, Vec<crate::model::ExerciseRecord>),
    /// Open the fitness check: tests tried before, a WHO-5 in the last 14 days.
    FitnessOpened(crate::tui::screens::fitness::Tried, bool),
    /// The programmes read for the Programme screen, and what a start or
    /// a stop just did, in the command's words.
    ProgrammesLoaded(Box<ProgrammeData>, Option<String>),
    /// The exposure ladder read, and what a write just did, in words.
    LadderLoaded(Vec<crate::model::LadderStep>, Option<String>),
}

#[derive(Debug, Clone)]
pub enum Screen {
    /// The safety notice, on first start.
    Safety(Safety),
    Resume(Box<Unfinished>),
    Today,
    Detail(Detail),
    CheckIn(CheckInForm),
    Session(Box<SessionScreen>),
    Summary(Summary),
    History(Box<History>),
    /// "Today looks hard: the gentle version?"
    Gentle(Box<GentleOffer>),
    /// An edited routine file has problems: edit again, or keep it.
    Problems(Box<RoutinesChanged>),
    /// Entries left unsaved last time: bring them in, or keep the file.
    Recovery(Box<Recovery>),
    /// The guided fitness self-tests.
    Fitness(Box<FitnessCheck>),
    /// The WHO-5 Well-Being Index.
    Who5(Who5Form),
    /// A RAND-36 scale: physical functioning or the MHI-5.
    Rand36(Box<crate::tui::screens::rand36::Rand36Form>),
    /// The programmes: start one, see where you are, stop it.
    Programme(Box<ProgrammeScreen>),
    /// The exposure ladder: feared everyday activities and their tries.
    Ladder(Box<crate::tui::screens::ladder::LadderScreen>),
}

// The problems page's state is the message that led to it.
pub use crate::tui::screens::problems::RoutinesChanged;

pub struct App {
    pub screen: Screen,
    pub today: Today,
    pub routines: Vec<Routine>,
    pub config: Config,
    /// For drawing instants as the user's wall clock showed them. `update`
    /// never asks it for "now": time comes in as messages and arguments.
    pub clock: Clock,
    pub help: bool,
    /// The signs that need help now, open over the screen (its key, or a
    /// check-in that called for it).
    pub red_flags: Option<RedFlags>,
    /// The terminal's size, for screens whose keys depend on what fits.
    pub size: (u16, u16),
    /// A one-line notice at the bottom, until the next key.
    pub notice: Option<String>,
    /// What the store has not taken yet; said on the bottom line for as
    /// long as anything waits.
    pub unsaved: Unsaved,
    /// Recovery files left by an earlier run, offered after the safety notice.
    pub recovery: Vec<std::path::PathBuf>,
    /// Exercises the user fears, by name.
    pub feared: Vec<String>,
    /// The colours and styles every screen draws with.
    pub theme: Theme,
    /// Where the last frame drew what a click can pick; whoever draws (the
    /// loop, a test) keeps `view`'s map here, and a click is looked up in it.
    pub hits: Hits,
    /// Screens still to show after the safety notice.
    unfinished: Option<Unfinished>,
    pending_run: Option<(Routine, bool)>,
    /// The routine waiting for its before-check-in, and whether the gentle
    /// version was asked for already.
    starting: Option<(Routine, bool)>,
    /// The summary waiting for the after-check-in.
    pending_summary: Option<Summary>,
    /// The check-in given before a gentle offer, for the next session.
    given: Option<flow::Given>,
    /// What goes with a before-check-in; when the numbness line was said.
    kept: checkin::Kept,
}

impl App {
    pub fn new(
        config: Config,
        clock: Clock,
        today: TodayData,
        routines: Vec<Routine>,
        startup: Startup,
        theme: Theme,
    ) -> App {
        let mut app = App {
            screen: Screen::Today,
            today: Today::new(today),
            routines,
            config,
            clock,
            help: false,
            red_flags: None,
            size: (80, 24),
            notice: None,
            unsaved: Unsaved::default(),
            recovery: Vec::new(),
            feared: startup.feared,
            theme,
            hits: Hits::default(),
            unfinished: startup.unfinished,
            pending_run: startup.run.map(|r| (r, startup.run_gentle)),
            starting: None,
            pending_summary: None,
            given: None,
            kept: checkin::Kept::default(),
        };
        if !startup.safety_read {
            app.screen = Screen::Safety(Safety::default());
        }
        app
    }

    /// The first step: the safety notice if it was never read, else on to
    /// the resume question, a routine named on the command line, or Today.
    pub fn init(&mut self, now: Instant) -> Vec<Effect> {
        if matches!(self.screen, Screen::Safety(_)) {
            Vec::new()
        } else {
            self.after_intro(now)
        }
    }

    /// When the screen next changes by itself; `None` while nothing moves.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        match &self.screen {
            Screen::Session(session) if !session.confirm_end => session.next_change(now),
            Screen::CheckIn(form) => form.next_change(now),
            Screen::History(h) => h.diary.next_change(now),
            Screen::Fitness(check) => check.next_change(now),
            _ => None,
        }
    }

    /// Which of the keymap's screens the keys go to now; `None` while a
    /// note is being typed, when every key is text.
    /// Opens the list of signs that need help now over the screen. A
    /// session under way pauses while it is read.
    pub(crate) fn show_red_flags(
        &mut self,
        warning: crate::safety::Warning,
        now: Instant,
    ) -> Vec<Effect> {
        self.red_flags = Some(RedFlags::new(warning));
        self.help = false;
        let step = match &mut self.screen {
            Screen::Session(session) => session.pause(now),
            _ => session::Outcome::default(),
        };
        self.session_went(step, now)
    }

    pub fn scope(&self) -> Option<Scope> {
        Some(match &self.screen {
            Screen::Safety(_) => Scope::Safety,
            Screen::Resume(_) => Scope::Resume,
            Screen::Today => Scope::Today,
            Screen::Detail(_) => Scope::Detail,
            Screen::CheckIn(form) if form.typing() => return None,
            Screen::CheckIn(_) => Scope::CheckIn,
            Screen::Session(session) if session.confirm_end => Scope::EndPrompt,
            Screen::Session(_) => Scope::Session,
            Screen::Summary(_) => Scope::Summary,
            Screen::History(h) => return h.scope(),
            Screen::Gentle(_) => Scope::Gentle,
            Screen::Problems(_) => Scope::Problems,
            Screen::Fitness(_) => Scope::Fitness,
            Screen::Who5(_) => Scope::Who5,
            Screen::Rand36(_) => Scope::Questionnaire,
            Screen::Programme(p) if p.asking.is_some() => Scope::ProgrammeConfirm,
            Screen::Programme(_) => Scope::Programme,
            Screen::Ladder(l) if l.typing() => return None,
            Screen::Ladder(_) => Scope::Ladder,
            // The same kind of question at start, with the same two keys.
            Screen::Recovery(_) => Scope::Resume,
        })
    }
}

/// Changes the app for one message and says what the loop should do.
pub fn update(app: &mut App, msg: Msg, now: Instant) -> Vec<Effect> {
    let effects = step(app, msg, now);
    checkin::with_words(app, effects)
}

fn step(app: &mut App, msg: Msg, now: Instant) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => handle_key(app, key, now),
        // Only a note takes text; a paste anywhere else is dropped whole,
        // so none of it can act as a key.
        Msg::Paste(text) => {
            app.notice = None;
            match &mut app.screen {
                Screen::CheckIn(form) if !form.quiet(now) => form.paste(&text),
                Screen::History(h) => h.diary.paste(&text),
                Screen::Ladder(l) => l.paste(&text),
                _ => {}
            }
            Vec::new()
        }
        Msg::Tick => {
            if let Screen::Session(session) = &mut app.screen {
                let step = session.tick(now);
                app.session_went(step, now)
            } else {
                Vec::new()
            }
        }
        Msg::Day(day) => {
            let mut effects = Vec::new();
            if day != app.today.data.progress.day {
                effects.push(Effect::ReloadToday);
            }
            // History's range ends today: past midnight it is read again.
            if let Screen::History(h) = &app.screen
                && h.data.as_ref().is_some_and(|d| d.to != day)
            {
                effects.push(Effect::LoadHistory(h.range));
            }
            effects
        }
        Msg::Resize(width, height) => {
            app.size = (width, height);
            Vec::new()
        }
        Msg::Unsaved(unsaved) => {
            if unsaved.is_empty() && !app.unsaved.is_empty() {
                app.notice = Some("Everything waiting is saved now.".to_string());
            }
            // Entries that waited are in the store now: Today reads them
            // (it showed the last check-in the store held before).
            let landed = unsaved.entries < app.unsaved.entries;
            app.unsaved = unsaved;
            if landed {
                vec![Effect::ReloadToday]
            } else {
                Vec::new()
            }
        }
        Msg::SessionHeld { session, then } => app.took_hold(session, then, now),
        Msg::SessionElsewhere(session) => app.left_elsewhere(session, now),
        Msg::CheckInWords(words) => checkin::offer(app, words),
        Msg::TodayLoaded(data) => {
            app.today.refresh(data);
            Vec::new()
        }
        Msg::DosesChanged(changed) => routines::doses_changed(app, *changed),
        Msg::HistoryLoaded(data) => {
            if let Screen::History(h) = &mut app.screen
                && h.range == data.range
            {
                h.loaded(*data);
            }
            Vec::new()
        }
        Msg::SessionLoaded(detail) => {
            if let Screen::History(h) = &mut app.screen {
                h.detail = Some(*detail);
            }
            Vec::new()
        }
        Msg::OpenRoutine(routine) => {
            if matches!(app.screen, Screen::Today) {
                app.screen = Screen::Detail(Detail::new(*routine));
            }
            Vec::new()
        }
        Msg::RoutinesChanged(changed) => routines::changed(app, changed),
        Msg::FitnessOpened(tried, who5) => self_tests::opened(app, tried, who5),
        Msg::ProgrammesLoaded(data, said) => {
            if let Screen::Programme(screen) = &mut app.screen {
                screen.loaded(*data);
            }
            // A start or a stop moves Today's week, goal and doses.
            match said {
                Some(said) => {
                    app.notice = Some(said);
                    vec![Effect::ReloadToday]
                }
                None => Vec::new(),
            }
        }
        Msg::LadderLoaded(ladder, said) => {
            if let Screen::Ladder(screen) = &mut app.screen {
                screen.loaded(ladder);
            }
            app.notice = said;
            Vec::new()
        }
        Msg::Wheel(direction) => wheel(app, direction, now),
        Msg::Suspend => suspend(app, now),
        Msg::Click(column, row) => click(app, column, row, now),
        Msg::Notice(text) => {
            app.notice = Some(text);
            Vec::new()
        }
        Msg::DiaryChanged(change) => app.diary_changed(*change),
        Msg::DiaryFailed(why) => app.diary_failed(why),
        Msg::DiaryLoaded(range, entries) => {
            if let Screen::History(h) = &mut app.screen {
                h.diary_loaded(range, entries);
            }
            Vec::new()
        }
        Msg::EntryExercises(uuid, exercises) => {
            if let Screen::History(h) = &mut app.screen {
                h.diary.exercises_read(&uuid, exercises);
            }
            Vec::new()
        }
        Msg::StoreFailed(message) => {
            app.notice = Some(format!("Could not save: {message}"));
            Vec::new()
        }
    }
}

/// Ctrl-Z, or a stop from outside: a session under way waits, paused,
/// while the shell has the terminal.
fn suspend(app: &mut App, now: Instant) -> Vec<Effect> {
    let step = match &mut app.screen {
        Screen::Session(session) => session.pause(now),
        _ => session::Outcome::default(),
    };
    let mut effects = app.session_went(step, now);
    effects.push(Effect::Suspend);
    effects
}
