//! What the benchmarks share: a store of made-up history ending on
//! 2026-11-25, the app showing History over it, and drawing a frame.

use std::time::Instant;

use limber::clock::Clock;
use limber::config::{Config, Paths};
use limber::env::Env;
use limber::insights::Range;
use limber::routine::builtins;
use limber::store::Store;
use limber::tui::app::{App, Msg, Screen, Startup, update, view};
use limber::tui::screens::history::Tab;
use limber::tui::{load_history, load_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::{date, datetime};

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub env: Env,
}

impl Fixture {
    /// `years` of made-up daily use, written to a store in a temp dir.
    pub fn new(years: u32) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let env = Env {
            paths: Paths {
                data_dir: dir.path().join("data"),
                config_dir: dir.path().join("config"),
            },
            config: Config::default(),
            clock: Clock::fixed(datetime!(2026-11-25 10:00 UTC), time::UtcOffset::UTC),
        };
        let mut store = Store::open_in(&env.paths.data_dir).expect("store");
        let doc = limber::sample::generate(
            years,
            date!(2026 - 11 - 25),
            time::UtcOffset::UTC,
            10,
            &builtins(),
        );
        store.import(&doc).expect("history");
        Fixture { _dir: dir, env }
    }

    pub fn store(&self) -> Store {
        Store::open_in(&self.env.paths.data_dir).expect("store")
    }

    /// The app on History's `tab` over `range`, its data read, as a person
    /// gets there: `h`, then the tab's number.
    pub fn history_app(&self, range: Range, tab: Tab) -> App {
        let store = self.store();
        let catalog = self.env.catalog();
        let mut app = App::new(
            self.env.config.clone(),
            time::UtcOffset::UTC,
            load_today(&store, &self.env, &catalog).expect("today"),
            catalog.routines.clone(),
            Startup::today(Vec::new()),
        );
        app.init(Instant::now());
        let key = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        update(&mut app, key('h'), Instant::now());
        if let Screen::History(h) = &mut app.screen {
            h.range = range;
        }
        let data = load_history(&store, &self.env, range).expect("history");
        update(&mut app, Msg::HistoryLoaded(Box::new(data)), Instant::now());
        let digit = char::from(b'1' + Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0) as u8);
        update(&mut app, key(digit), Instant::now());
        assert!(
            matches!(&app.screen, Screen::History(h) if h.data.is_some() && h.tab == tab),
            "History is not showing its data"
        );
        app
    }
}

/// One frame of `app` at `width`×`height`, drawn over and over.
pub fn bench_frames(bencher: divan::Bencher, app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    bencher.bench_local(|| {
        terminal
            .draw(|frame| view(app, frame, Instant::now()))
            .expect("draw");
    });
}
