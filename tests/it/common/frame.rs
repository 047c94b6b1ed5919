//! One frame of the app on ratatui's TestBackend, drawn as the loop draws it.

use std::time::Instant;

use limber::tui::app::{App, view};
use limber::tui::hits::Hits;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One frame at `width`×`height`, and where it drew what a click can pick.
pub fn frame(app: &App, (width, height): (u16, u16), now: Instant) -> (TestBackend, Hits) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let mut hits = Hits::default();
    terminal
        .draw(|frame| hits = view(app, frame, now))
        .expect("draw");
    (terminal.backend().clone(), hits)
}

/// Draws as the loop does, keeping the frame's click map in the app for the
/// clicks that follow.
pub fn look(app: &mut App, size: (u16, u16), now: Instant) -> TestBackend {
    let (backend, hits) = frame(app, size, now);
    app.hits = hits;
    backend
}
