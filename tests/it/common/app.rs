//! The app driven through `update` with a real store: every effect carried
//! out by the real `carry_out`, what waits for the store retried at each
//! wake, as the loop does (without a terminal). Each test file adds its own
//! steps (`impl Run` in the file) on top of these.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Instant;

use limber::routine::Catalog;
use limber::store::Store;
use limber::tui::app::{App, Msg, update};
use limber::tui::outbox::Outbox;
use limber::tui::{Effect, carry_out, retry};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::fixture::Fixture;

pub struct Run {
    pub fixture: Fixture,
    pub app: App,
    pub store: Store,
    pub outbox: Outbox,
    pub catalog: Catalog,
    /// Every effect asked for, in order.
    pub effects: Vec<Effect>,
}

impl Run {
    /// The fixture's app, opening on Today.
    pub fn new(fixture: Fixture) -> Run {
        let app = fixture.app();
        Run::with_app(fixture, app)
    }

    pub fn with_app(fixture: Fixture, app: App) -> Run {
        Run {
            store: fixture.store(),
            catalog: fixture.env.catalog(),
            outbox: Outbox::default(),
            app,
            fixture,
            effects: Vec::new(),
        }
    }

    /// One message, then what the loop does at a wake: what waits is tried
    /// again first, then every effect is carried out.
    pub fn send(&mut self, msg: Msg, now: Instant) {
        let mut queue = VecDeque::from([msg]);
        queue.extend(retry(&mut self.store, &mut self.outbox));
        while let Some(msg) = queue.pop_front() {
            for effect in update(&mut self.app, msg, now) {
                self.effects.push(effect.clone());
                if matches!(effect, Effect::Bell | Effect::Quit) {
                    continue;
                }
                queue.extend(carry_out(
                    effect,
                    &mut self.store,
                    &mut self.outbox,
                    &self.fixture.env,
                    &mut self.catalog,
                ));
            }
        }
    }

    pub fn press(&mut self, codes: &[KeyCode], now: Instant) {
        for &code in codes {
            self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now);
        }
    }

    pub fn typed(&mut self, text: &str, now: Instant) {
        for c in text.chars() {
            self.press(&[KeyCode::Char(c)], now);
        }
    }

    /// Answers a check-in's three questions and saves it.
    pub fn answer(&mut self, scales: [u8; 3], now: Instant) {
        self.press(&super::checkin_keys(scales), now);
    }

    pub fn db(&self) -> PathBuf {
        self.fixture.env.paths.data_dir.join("limber.db")
    }
}
