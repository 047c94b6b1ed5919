//! How fast History and Today are over ten years of daily use: reading each
//! range from the store ("opening" the screen) and drawing each tab.
//!
//! cargo bench --bench history

use std::sync::OnceLock;
use std::time::Instant;

use limber::cli::Env;
use limber::clock::Clock;
use limber::config::{Config, Paths};
use limber::routine::builtins;
use limber::store::Store;
use limber::tui::app::{App, Msg, Startup, update, view};
use limber::tui::screens::history::{Range, Tab};
use limber::tui::{load_history, load_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::{date, datetime};

fn main() {
    divan::main();
}

struct Fixture {
    _dir: tempfile::TempDir,
    env: Env,
}

/// Ten years of made-up history, written once for all benchmarks.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
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
            10,
            date!(2026 - 11 - 25),
            time::UtcOffset::UTC,
            10,
            &builtins(),
        );
        store.import(&doc).expect("history");
        Fixture { _dir: dir, env }
    })
}

fn store() -> Store {
    Store::open_in(&fixture().env.paths.data_dir).expect("store")
}

const RANGES: [Range; 4] = [Range::TwoWeeks, Range::ThreeMonths, Range::Year, Range::All];

/// Reading everything History shows for a range: what a press of [ or ] costs.
#[divan::bench(args = RANGES)]
fn open_history(bencher: divan::Bencher, range: Range) {
    let store = store();
    bencher.bench_local(|| load_history(&store, &fixture().env, range).expect("history"));
}

/// Reading what Today shows (status, streak, last check-in, favourites).
#[divan::bench]
fn open_today(bencher: divan::Bencher) {
    let store = store();
    let catalog = fixture().env.catalog();
    bencher.bench_local(|| load_today(&store, &fixture().env, &catalog).expect("today"));
}

fn history_app(range: Range, tab: Tab) -> App {
    let f = fixture();
    let store = store();
    let catalog = f.env.catalog();
    let mut app = App::new(
        f.env.config.clone(),
        time::UtcOffset::UTC,
        load_today(&store, &f.env, &catalog).expect("today"),
        catalog.routines.clone(),
        Startup::today(Vec::new()),
    );
    app.init(Instant::now());
    let key = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    update(&mut app, key('h'), Instant::now());
    if let limber::tui::app::Screen::History(h) = &mut app.screen {
        h.range = range;
    }
    let data = load_history(&store, &f.env, range).expect("history");
    update(&mut app, Msg::HistoryLoaded(Box::new(data)), Instant::now());
    let digit = char::from(b'1' + Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0) as u8);
    update(&mut app, key(digit), Instant::now());
    assert!(
        matches!(&app.screen, limber::tui::app::Screen::History(h) if h.data.is_some() && h.tab == tab),
        "History is not showing its data"
    );
    app
}

const TABS: [Tab; 5] = [
    Tab::Trends,
    Tab::Activity,
    Tab::Sessions,
    Tab::Exercises,
    Tab::Report,
];

fn draw(bencher: divan::Bencher, range: Range, tab: Tab, width: u16, height: u16) {
    let app = history_app(range, tab);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    bencher.bench_local(|| {
        terminal
            .draw(|frame| view(&app, frame, Instant::now()))
            .expect("draw");
    });
}

/// One frame of each tab over the whole ten years, at 80×24.
#[divan::bench(args = TABS)]
fn draw_all_80x24(bencher: divan::Bencher, tab: Tab) {
    draw(bencher, Range::All, tab, 80, 24);
}

/// One frame of each tab over the whole ten years, at 200×60.
#[divan::bench(args = TABS)]
fn draw_all_200x60(bencher: divan::Bencher, tab: Tab) {
    draw(bencher, Range::All, tab, 200, 60);
}

/// One frame of each tab over three months (the default range), at 80×24.
#[divan::bench(args = TABS)]
fn draw_3_months_80x24(bencher: divan::Bencher, tab: Tab) {
    draw(bencher, Range::ThreeMonths, tab, 80, 24);
}
