//! The store over a ten-year history, and a hundred-year one as a stress
//! case: opening it, a durable check-in, the report, export and import of
//! everything, making up ten years, and History over a hundred years.
//!
//! cargo bench --bench store

use std::sync::OnceLock;
use std::time::Instant;

use limber::insights::Range;
use limber::model::NewCheckIn;
use limber::routine::builtins;
use limber::store::Store;
use limber::tui::app::{App, Startup, view};
use limber::tui::screens::history::Tab;
use limber::tui::{load_history, load_today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::macros::{date, datetime};

/// The clock the sample history ends at.
const NOW: time::OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

mod common;

use common::{Fixture, HistoryApp};

fn main() {
    divan::main();
}

fn ten() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| Fixture::new(10))
}

fn hundred() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| Fixture::new(100))
}

/// Opening the ten-year store (what every command and the app do first).
#[divan::bench]
fn open_store(bencher: divan::Bencher) {
    let f = ten();
    bencher.bench(|| f.store());
}

/// A check-in, committed and synced to disk (synchronous = FULL).
#[divan::bench]
fn durable_checkin(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("store");
    let checkin = NewCheckIn {
        note: None,
        ..common::fixture::checkin(4)
    };
    bencher.bench_local(|| store.add_checkin(&checkin).expect("write"));
}

/// The twelve-week report (`limber report`) on ten years.
#[divan::bench]
fn report(bencher: divan::Bencher) {
    let s = ten().store();
    bencher.bench_local(|| {
        limber::reading::report(&s, date!(2026 - 09 - 03), date!(2026 - 11 - 25), 3)
            .expect("report")
    });
}

/// Export of the whole ten years, as the document `limber export` writes.
#[divan::bench]
fn export_all(bencher: divan::Bencher) {
    let s = ten().store();
    bencher.bench_local(|| serde_json::to_vec(&s.export().expect("export")).expect("json"));
}

/// Import of the whole ten years into a fresh store.
#[divan::bench(sample_count = 10)]
fn import_all(bencher: divan::Bencher) {
    let doc = &ten().store().export().expect("export");
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open_in(dir.path()).expect("store");
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            store.import(doc, NOW).expect("import");
            drop(dir);
        });
}

/// `limber sample-data --years 10`: making up and writing ten years.
#[divan::bench(sample_count = 10)]
fn sample_data_10_years(bencher: divan::Bencher) {
    let routines = builtins();
    let clock = limber::clock::Clock::fixed(
        time::macros::datetime!(2026-11-25 10:00 UTC),
        jiff::tz::TimeZone::UTC,
    );
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open_in(dir.path()).expect("store");
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let doc = limber::sample::generate(10, &clock, 3, &routines);
            store.import(&doc, NOW).expect("import");
            drop(dir);
        });
}

/// Today's queries and first draw on ten years.
#[divan::bench]
fn today_read_and_draw(bencher: divan::Bencher) {
    let f = ten();
    let s = f.store();
    let catalog = f.env.catalog();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    bencher.bench_local(|| {
        let today = load_today(&s, &f.env, &catalog).expect("today");
        let app = App::new(
            f.env.config.clone(),
            f.env.clock.clone(),
            today,
            catalog.routines.clone(),
            Startup::today(Vec::new()),
            limber::tui::theme::Theme::default(),
        );
        terminal
            .draw(|frame| {
                view(&app, frame, Instant::now());
            })
            .expect("draw");
    });
}

/// A hundred years, range "all": reading it (a press of ]) and one frame of each tab.
#[divan::bench(sample_count = 10)]
fn hundred_years_open_all(bencher: divan::Bencher) {
    let f = hundred();
    let s = f.store();
    bencher.bench_local(|| load_history(&s, &f.env, Range::All).expect("history"));
}

fn hundred_years_draw(bencher: divan::Bencher, tab: Tab, width: u16, height: u16) {
    common::bench_frames(
        bencher,
        &hundred().history_app(Range::All, tab),
        width,
        height,
    );
}

#[divan::bench(args = Tab::ALL)]
fn hundred_years_draw_80x24(bencher: divan::Bencher, tab: Tab) {
    hundred_years_draw(bencher, tab, 80, 24);
}

#[divan::bench(args = Tab::ALL)]
fn hundred_years_draw_200x60(bencher: divan::Bencher, tab: Tab) {
    hundred_years_draw(bencher, tab, 200, 60);
}

/// Opening the hundred-year store, and Today's queries and draw on it.
#[divan::bench]
fn hundred_years_open_store(bencher: divan::Bencher) {
    let f = hundred();
    bencher.bench(|| f.store());
}

#[divan::bench]
fn hundred_years_today(bencher: divan::Bencher) {
    let f = hundred();
    let s = f.store();
    let catalog = f.env.catalog();
    bencher.bench_local(|| load_today(&s, &f.env, &catalog).expect("today"));
}
