//! How fast History and Today are over ten years of daily use: reading each
//! range from the store ("opening" the screen) and drawing each tab.
//!
//! cargo bench --bench history

use std::sync::OnceLock;

use limber::insights::Range;
use limber::store::Store;
use limber::tui::screens::history::Tab;
use limber::tui::{load_history, load_today};

mod common;

use common::{Fixture, HistoryApp};

fn main() {
    divan::main();
}

/// Ten years of made-up history, written once for all benchmarks.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| Fixture::new(10))
}

fn store() -> Store {
    fixture().store()
}

/// Reading everything History shows for a range: what a press of [ or ] costs.
#[divan::bench(args = Range::ALL)]
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

fn draw(bencher: divan::Bencher, range: Range, tab: Tab, width: u16, height: u16) {
    common::bench_frames(bencher, &fixture().history_app(range, tab), width, height);
}

/// One frame of each tab over the whole ten years, at 80×24.
#[divan::bench(args = Tab::ALL)]
fn draw_all_80x24(bencher: divan::Bencher, tab: Tab) {
    draw(bencher, Range::All, tab, 80, 24);
}

/// One frame of each tab over the whole ten years, at 200×60.
#[divan::bench(args = Tab::ALL)]
fn draw_all_200x60(bencher: divan::Bencher, tab: Tab) {
    draw(bencher, Range::All, tab, 200, 60);
}

/// One frame of each tab over three months (the default range), at 80×24.
#[divan::bench(args = Tab::ALL)]
fn draw_3_months_80x24(bencher: divan::Bencher, tab: Tab) {
    draw(bencher, Range::ThreeMonths, tab, 80, 24);
}
