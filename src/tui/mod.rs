//! The terminal app, in The Elm Architecture: one `App` state, terminal
//! events turned into messages, `update` changing state and returning an
//! effect for the loop to carry out, and `view` that only draws.

pub mod screens;
pub mod theme;

use std::io::IsTerminal;

use anyhow::{Result, bail};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::{DefaultTerminal, Frame};

use crate::cli::Env;
use crate::routine::Catalog;
use crate::store::Store;
use screens::today::{self, RoutineEntry, Today, TodayData};

/// Everything that can happen to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Resize,
}

/// What `update` asks the loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
}

pub struct App {
    pub today: Today,
}

/// Reads what Today shows.
pub fn load_today(store: &Store, env: &Env, catalog: &Catalog) -> Result<TodayData> {
    let progress = store.progress(env.clock.today(), env.config.weekly_goal)?;
    let last_checkin = store.last_checkin()?;
    let mut routines: Vec<RoutineEntry> = catalog
        .routines
        .iter()
        .map(|r| RoutineEntry {
            slug: r.slug.clone(),
            name: r.name.clone(),
            total_seconds: r.total_seconds(env.config.get_ready, env.config.default_rest),
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
    Ok(TodayData {
        progress,
        last_checkin,
        routines,
    })
}

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Key(key) => {
            if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                return Some(Effect::Quit);
            }
            match app.today.handle_key(key) {
                today::Action::Quit => Some(Effect::Quit),
                today::Action::None => None,
            }
        }
        Msg::Resize => None,
    }
}

pub fn view(app: &App, frame: &mut Frame) {
    app.today.draw(frame, frame.area());
}

/// Opens the app on Today and runs until the user quits.
pub fn run(env: &Env) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the app needs a terminal; from a script use a command instead (see limber --help)");
    }
    let store = env.open_store()?;
    let catalog = env.catalog();
    let mut app = App {
        today: Today::new(load_today(&store, env, &catalog)?),
    };
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<()> {
    loop {
        terminal.draw(|frame| view(app, frame))?;
        // Nothing on Today changes by itself: wait for input without a
        // timeout, so an idle screen costs no CPU.
        let msg = match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => Msg::Key(key),
            Event::Resize(..) => Msg::Resize,
            _ => continue,
        };
        if let Some(Effect::Quit) = update(app, msg) {
            return Ok(());
        }
    }
}
