//! One module per screen: each owns its state, its keys and its drawing.

pub mod checkin;
pub mod detail;
pub mod fitness;
pub mod gentle;
pub mod history;
pub mod ladder;
pub mod problems;
pub mod programme;
pub mod rand36;
pub mod recovery;
pub mod resume;
pub mod safety;
pub mod session;
pub mod summary;
pub mod today;
pub mod who5;

use std::time::Instant;

use crate::clock::Clock;
use crate::config::Config;
use crate::keymap::Keymap;
use crate::tui::outbox::Unsaved;
use crate::tui::theme::Theme;

/// What every screen's `draw` is given besides the frame, its area and the
/// click map — the same for every screen:
/// `draw(&self, frame: &mut Frame, area: Rect, cx: &Context, hits: &mut Hits)`.
/// A screen draws from what it holds and this, and reads nothing else.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub map: &'a Keymap,
    pub theme: &'a Theme,
    /// The instant the frame is drawn for (countdowns, a 1 waiting for its 0).
    pub now: Instant,
    pub clock: &'a Clock,
    pub config: &'a Config,
    /// The exercises marked as feared.
    pub feared: &'a [String],
    /// What still waits for the store.
    pub unsaved: &'a Unsaved,
    /// What happens next time to each exercise the programme followed now
    /// steps (its names, and the reason), and whether today is a flare-up
    /// day: what the session summary says of next time.
    pub next_time: &'a [(Vec<String>, String)],
    pub flare_today: bool,
}
