//! What the benchmarks share: a store of made-up history ending on
//! 2026-11-25, the app showing History over it, and drawing a frame.

use std::time::Instant;

use limber::insights::Range;
use limber::tui::app::{App, Msg, Screen, update, view};
use limber::tui::load_history;
use limber::tui::screens::history::Tab;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[allow(dead_code)]
#[path = "../../tests/it/common/fixture.rs"]
pub mod fixture;
pub use fixture::Fixture;

/// What the benchmarks add to the shared fixture.
pub trait HistoryApp {
    fn history_app(&self, range: Range, tab: Tab) -> App;
}

impl HistoryApp for Fixture {
    /// The app on History's `tab` over `range`, its data read, as a person
    /// gets there: `h`, then the tab's number.
    fn history_app(&self, range: Range, tab: Tab) -> App {
        let store = self.store();
        let mut app = self.app();
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
            .draw(|frame| {
                view(app, frame, Instant::now());
            })
            .expect("draw");
    });
}
