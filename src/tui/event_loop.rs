//! The loop: it waits on one channel for what happens outside it (see
//! `wake`), or exactly until the next visible change, runs `update` and
//! hands the effects to `carry_out`. While writes wait for the store (see
//! `outbox`), it tries them again at every wake, and wakes at least every
//! few seconds to do so.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Instant;

use anyhow::Result;
use ratatui::DefaultTerminal;

use super::app::{self, App, Msg, Screen};
use super::effect::{Effect, carry_out, retry};
use super::outbox::Outbox;
use super::outside::OutsideWrites;
use super::recovery;
use super::terminal::{Handover, edit_in_app, suspend};
use super::wake::Wake;
use crate::env::Env;
use crate::routine::Catalog;
use crate::store::Store;

/// Draws a frame, and keeps where it drew what a click can pick for the
/// clicks that follow.
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> Result<()> {
    terminal.draw(|frame| app.hits = app::view(app, frame, Instant::now()))?;
    Ok(())
}

/// How often writes that wait are tried again when nothing else happens.
const RETRY_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// When the loop next has something to show: the next visible change of
/// a countdown, or the next local midnight (when Today's day turns over),
/// or the next try of writes that wait. An idle screen wakes once a day.
fn next_wake(app: &App, outbox: &Outbox, env: &Env, now: Instant) -> Instant {
    let midnight = now + env.clock.until_tomorrow();
    let mut wake = app.next_wake(now).map_or(midnight, |at| at.min(midnight));
    if !outbox.is_empty() {
        wake = wake.min(now + RETRY_EVERY);
    }
    wake
}

/// The first frame, drawn at once (before the threads that feed the loop
/// start, see `tui::run`); returns what follows it: the app's first
/// effects, and reading what that frame left out.
pub(super) fn first_frame(terminal: &mut DefaultTerminal, app: &mut App) -> Result<Vec<Effect>> {
    let mut first = app.init(Instant::now());
    draw(terminal, app)?;
    if app.today.data.loading {
        first.push(Effect::ReloadToday);
    }
    Ok(first)
}

/// Runs the app until it quits (or the terminal goes away), from the
/// effects `first_frame` left and what was known of other processes'
/// writes when the app began reading.
pub(super) fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    (store, outbox): (&mut Store, &mut Outbox),
    env: &Env,
    catalog: &mut Catalog,
    (wakes, handover): (&Receiver<Wake>, &Handover),
    (first, mut outside): (Vec<Effect>, OutsideWrites),
) -> Result<()> {
    // For the test that proves a panic restores the terminal: with this set,
    // F12 panics. Read once; it changes nothing else.
    let panic_key = std::env::var_os("LIMBER_DEBUG_PANIC_KEY").is_some();
    // When the app last stopped itself: a stop from outside asked before
    // then was that stop.
    let mut stopped: Option<Instant> = None;
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
        draw(terminal, app)?;
        let now = Instant::now();
        let timeout = next_wake(app, outbox, env, now).saturating_duration_since(now);
        let woke = match wakes.recv_timeout(timeout) {
            Ok(wake) => Some(wake),
            Err(RecvTimeoutError::Timeout) => None,
            // Nothing can reach the app any more (the signal thread holds a
            // sender for as long as the process lives, so this is only
            // a safeguard against waiting on nothing in a loop).
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut queue = VecDeque::new();
        let mut stop = false;
        match woke {
            None => queue.push_back(Msg::Tick),
            // What woke the loop and whatever else came meanwhile, in the
            // order it came: a key sent with a store change, a resize or
            // the sync's end is handled with them, never left unread.
            Some(woke) => {
                let came =
                    std::iter::once(woke).chain(std::iter::from_fn(|| wakes.try_recv().ok()));
                for wake in came {
                    match wake {
                        Wake::Input(msg) => {
                            if panic_key
                                && matches!(&msg, Msg::Key(k) if k.code == ratatui::crossterm::event::KeyCode::F(12))
                            {
                                panic!("LIMBER_DEBUG_PANIC_KEY: F12 pressed");
                            }
                            queue.push_back(msg);
                        }
                        // Looked at below, as at every wake.
                        Wake::StoreWritten => {}
                        Wake::Synced { came_in } => {
                            if came_in {
                                outside.synced();
                            }
                        }
                        Wake::Stop(at) => stop |= stopped.is_none_or(|s| at > s),
                        Wake::InputEnded => return Ok(()),
                    }
                }
            }
        }
        // An outside stop: handled as Ctrl-Z is, before whatever woke us.
        if stop {
            queue.push_front(Msg::Suspend);
        }
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
                    Effect::Suspend => stopped = Some(suspend(terminal, handover)?),
                    Effect::EditRoutine(slug) => {
                        queue.extend(edit_in_app(terminal, handover, &slug, store, env, catalog)?);
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
    }
}
