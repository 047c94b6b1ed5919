//! The app's model, messages and `update`, and the `view` that draws it.
//! `update` never draws and never does I/O: it returns effects, which the
//! loop carries out. `view` never changes anything.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::clock::Clock;
use crate::config::Config;
use crate::insights::Range;
use crate::keymap::{Action, Scope};
use crate::model::CheckInKind;
use crate::routine::Routine;
use crate::tui::hits::Hits;
use crate::tui::keys;
use crate::tui::outbox::Unsaved;
use crate::tui::screens::Context;
use crate::tui::screens::checkin::CheckInForm;
use crate::tui::screens::detail::{self, Detail};
use crate::tui::screens::fitness::FitnessCheck;
use crate::tui::screens::gentle::{self, GentleOffer};
use crate::tui::screens::history::{self, History, HistoryData, SessionDetail};
use crate::tui::screens::problems;
use crate::tui::screens::programme::{self, ProgrammeData, ProgrammeScreen};
use crate::tui::screens::recovery::{self, Recovery};
use crate::tui::screens::resume::{self, Unfinished};
use crate::tui::screens::safety::{self, RedFlags, Safety};
use crate::tui::screens::session::{self, SessionScreen};
use crate::tui::screens::summary::{self, Summary};
use crate::tui::screens::today::{self, Today, TodayData};
use crate::tui::screens::who5::Who5Form;
use crate::tui::widgets::keys_overlay::KeysOverlay;
use crate::tui::widgets::wrap;
use crate::tui::{Effect, theme::Theme};

mod checkin;
mod diary;
mod flow;
mod mouse;
mod routines;
mod self_tests;
mod startup;
pub use startup::Startup;

use mouse::{click, wheel};

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

fn handle_key(app: &mut App, key: KeyEvent, now: Instant) -> Vec<Effect> {
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
fn act(app: &mut App, key: KeyEvent, action: Option<Action>, now: Instant) -> Vec<Effect> {
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
fn closed_the_keys(app: &mut App) -> bool {
    std::mem::take(&mut app.help)
}

/// Draws the app, and says where it drew what a click can pick. Reads only.
pub fn view(app: &App, frame: &mut Frame, now: Instant) -> Hits {
    let mut hits = Hits::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return hits;
    }
    let map = &app.config.keys;
    let theme = &app.theme;
    let inner = Rect {
        x: area.x + 1,
        y: area.y,
        width: area.width - 2,
        height: area.height,
    };
    let cx = Context {
        map,
        theme,
        now,
        clock: &app.clock,
        config: &app.config,
        feared: &app.feared,
        unsaved: &app.unsaved,
        next_time: app
            .today
            .data
            .programme
            .as_deref()
            .map_or(&[][..], |p| p.next_time.as_slice()),
        flare_today: app.today.data.progress.flare_today,
    };
    match &app.screen {
        // The notice, the resume offer and what to bring in have the
        // whole width; the others leave a column each side.
        Screen::Safety(notice) => notice.draw(frame, area, &cx, &mut hits),
        Screen::Resume(unfinished) => unfinished.draw(frame, area, &cx, &mut hits),
        Screen::Recovery(offer) => offer.draw(frame, area, &cx, &mut hits),
        Screen::Today => app.today.draw(frame, inner, &cx, &mut hits),
        Screen::Detail(detail) => detail.draw(frame, inner, &cx, &mut hits),
        Screen::CheckIn(f) => f.draw(frame, inner, &cx, &mut hits),
        Screen::Session(session) => session.draw(frame, inner, &cx, &mut hits),
        Screen::Summary(s) => s.draw(frame, inner, &cx, &mut hits),
        Screen::History(h) => h.draw(frame, inner, &cx, &mut hits),
        Screen::Gentle(offer) => offer.draw(frame, inner, &cx, &mut hits),
        Screen::Problems(changed) => changed.draw(frame, inner, &cx, &mut hits),
        Screen::Fitness(check) => check.draw(frame, inner, &cx, &mut hits),
        Screen::Who5(form) => form.draw(frame, inner, &cx, &mut hits),
        Screen::Rand36(form) => form.draw(frame, inner, &cx, &mut hits),
        Screen::Programme(screen) => screen.draw(frame, inner, &cx, &mut hits),
        Screen::Ladder(screen) => screen.draw(frame, inner, &cx, &mut hits),
    }
    if let Some(list) = &app.red_flags {
        list.draw(frame, area, &cx, &mut hits);
    }
    // The bottom line: a notice, and above it (or alone) what still waits
    // for the store, which stays until it is written.
    let mut bottom = area.y + area.height;
    // The summary says it itself, of its own session, above its keys.
    let said =
        matches!(&app.screen, Screen::Summary(s) if app.unsaved.of_session(&s.session).is_some());
    let unsaved = (!app.unsaved.is_empty() && !said).then(|| app.unsaved.line());
    // A notice longer than the row takes two (what the Diary says it
    // changed, and the key that undoes it, must both show).
    let notice = app.notice.as_deref().map(|text| {
        let mut lines = wrap(&crate::text::one_line(text), usize::from(inner.width));
        lines.truncate(2);
        lines
    });
    let rows = [notice, unsaved.map(|u| vec![crate::text::one_line(&u)])];
    for line in rows
        .into_iter()
        .flatten()
        .flat_map(|lines| lines.into_iter().rev())
    {
        bottom -= 1;
        let row = Rect {
            y: bottom,
            height: 1,
            ..inner
        };
        frame.render_widget(Clear, row);
        frame.render_widget(Line::styled(line, theme.warn), row);
    }
    if app.help
        && let Some(scope) = app.scope()
    {
        frame.render_widget(
            KeysOverlay {
                map: &app.config.keys,
                theme,
                rows: match &app.screen {
                    Screen::Recovery(_) => keys::RECOVERY,
                    Screen::History(h) if h.diary.editing.is_some() => keys::CORRECTING,
                    _ => keys::rows(scope),
                },
            },
            area,
        );
        // The keys cover the screen: nothing under them can be picked.
        hits.clear();
    }
    hits
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!("terminal too small — need {MIN_WIDTH}×{MIN_HEIGHT}");
    let lines: Vec<Line> = wrap(&text, area.width as usize)
        .into_iter()
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
