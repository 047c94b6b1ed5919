//! The loop: it reads events, waits exactly until the next visible change,
//! runs `update` and hands the effects to `carry_out`. While writes wait
//! for the store (see `outbox`), it tries them again at every wake, and
//! wakes at least every few seconds to do so.

use std::collections::VecDeque;
use std::time::Instant;

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::app::{self, App, Msg, Screen};
use super::effect::{Effect, carry_out, retry};
use super::outbox::Outbox;
use super::outside::OutsideWrites;
use super::recovery;
use super::terminal::{edit_in_app, stop_asked, suspend};
use crate::env::Env;
use crate::routine::Catalog;
use crate::store::Store;

fn read_event() -> Result<Option<Msg>> {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    Ok(match event::read()? {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Msg::Wheel(1)),
            MouseEventKind::ScrollUp => Some(Msg::Wheel(-1)),
            _ => None,
        },
        _ => None,
    })
}

/// Draws a frame, and keeps where it drew what a click can pick for the
/// clicks that follow.
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> Result<()> {
    terminal.draw(|frame| app.hits = app::view(app, frame, Instant::now()))?;
    Ok(())
}

/// How often writes that wait are tried again when nothing else happens.
const RETRY_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Runs the app until it quits (or the terminal goes away).
pub(super) fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    (store, outbox): (&mut Store, &mut Outbox),
    env: &Env,
    catalog: &mut Catalog,
) -> Result<()> {
    let mut dirty = true;
    // For the test that proves a panic restores the terminal: with this set,
    // F12 panics. Read once; it changes nothing else.
    let panic_key = std::env::var_os("LIMBER_DEBUG_PANIC_KEY").is_some();
    let mut ignored = (0u32, Instant::now());
    let mut outside = OutsideWrites::new(store);
    let mut own_changes = store.own_changes();
    let mut first = app.init(Instant::now());
    // Draw at once, then read what the first frame left out.
    draw(terminal, app)?;
    if app.today.data.loading {
        first.push(Effect::ReloadToday);
    }
    let mut pending: VecDeque<Msg> = first
        .into_iter()
        .flat_map(|effect| carry_out(effect, store, outbox, env, catalog))
        .collect();
    loop {
        while let Some(msg) = pending.pop_front() {
            for effect in app::update(app, msg, Instant::now()) {
                pending.extend(carry_out(effect, store, outbox, env, catalog));
            }
        }
        // A signal or a panic cannot reach the outbox: they write this copy.
        recovery::publish(&env.paths.data_dir, outbox, store);
        if dirty {
            draw(terminal, app)?;
            dirty = false;
        }
        // Wait for input, or until the next visible change of the countdown
        // or the next local midnight (when Today's day turns over); an idle
        // screen wakes once a day.
        let now = Instant::now();
        let midnight = now + env.clock.until_tomorrow();
        let mut wake = app.next_wake(now).map_or(midnight, |at| at.min(midnight));
        if !outbox.is_empty() {
            wake = wake.min(now + RETRY_EVERY);
        }
        // The sync on start raises no wake: look for what it brings.
        if super::outside::sync_settling() {
            wake = wake.min(now + super::outside::SYNC_LOOK);
        }
        // The app's own writes: the store watcher does not wake it for them.
        let changes = store.own_changes();
        let wrote = (changes != own_changes).then_some(env.paths.data_dir.as_path());
        super::outside::loop_busy(false, wrote);
        own_changes = changes;
        let msg = if event::poll(wake.saturating_duration_since(now))? {
            read_event()?
        } else {
            Some(Msg::Tick)
        };
        super::outside::loop_busy(true, None);
        // An outside stop: handled as Ctrl-Z is, before whatever woke us.
        let mut queue = VecDeque::new();
        if stop_asked() {
            queue.push_back(Msg::Suspend);
        }
        let Some(msg) = msg.or_else(|| queue.pop_front()) else {
            // Events the app ignores (a mouse moving) come at a person's
            // pace; ten thousand within a tenth of a second means the
            // terminal went away without a hang-up signal. Stop, not spin.
            if ignored.1.elapsed() > std::time::Duration::from_millis(100) {
                ignored = (0, Instant::now());
            }
            ignored.0 += 1;
            if ignored.0 > 10_000 {
                return Ok(());
            }
            continue;
        };
        if panic_key
            && matches!(&msg, Msg::Key(k) if k.code == ratatui::crossterm::event::KeyCode::F(12))
        {
            panic!("LIMBER_DEBUG_PANIC_KEY: F12 pressed");
        }
        queue.push_back(msg);
        // Whatever woke the loop (a key, a tick, a new screen), what waits
        // for the store is tried again first, so what follows lands after it.
        queue.extend(retry(store, outbox));
        // The date from the clock at each wake, not the one read at start:
        // this also catches a laptop that slept through midnight.
        queue.push_front(Msg::Day(env.clock.today()));
        let mut quit = false;
        while let Some(msg) = queue.pop_front() {
            let effects = app::update(app, msg, Instant::now());
            // A key that asks for reading (a History range, a session) is
            // answered on screen first, then the reading is done.
            if effects.iter().any(Effect::reads) {
                draw(terminal, app)?;
            }
            for effect in effects {
                match effect {
                    Effect::Quit => quit = true,
                    Effect::Suspend => suspend(terminal)?,
                    Effect::EditRoutine(slug) => {
                        queue.extend(edit_in_app(terminal, &slug, store, env, catalog)?);
                    }
                    other => queue.extend(carry_out(other, store, outbox, env, catalog)),
                }
            }
        }
        if quit {
            return Ok(());
        }
        // A check-in or session another limber wrote (see `outside`): read
        // Today again. Not mid-session or mid-form; back on Today, the first
        // wake catches up.
        if matches!(app.screen, Screen::Today | Screen::History(_)) && outside.changed(store) {
            pending.extend(carry_out(Effect::ReloadToday, store, outbox, env, catalog));
            // History too, and the Diary's list, which a correction or a
            // delete from the shell would otherwise leave as it was.
            if let Screen::History(h) = &app.screen {
                let mut reads = vec![Effect::LoadHistory(h.range)];
                if h.tab == super::screens::history::Tab::Diary {
                    reads.push(Effect::LoadDiary(h.range));
                }
                for effect in reads {
                    pending.extend(carry_out(effect, store, outbox, env, catalog));
                }
            }
        }
        dirty = true;
    }
}
