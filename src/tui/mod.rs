//! The terminal app, in The Elm Architecture: one `App` state, terminal
//! events and clock ticks turned into messages, `update` changing the state
//! and returning effects, and `view` that only draws. This module starts the
//! app, the threads that send it what happens (`input`, `outside`, the
//! signals, the sync on start: one channel, see `wake`), and hands it to the
//! loop (`event_loop`), which waits on that channel exactly until the next
//! visible change and has every effect carried out in one place (`effect`).

pub mod app;
pub mod digits;
mod effect;
mod event_loop;
pub mod hits;
mod input;
pub mod keys;
mod load;
pub mod outbox;
mod outside;
mod print_screen;
pub mod recovery;
pub mod screens;
pub mod sync;
mod terminal;
pub mod theme;
mod wake;
pub mod widgets;

use std::io::IsTerminal;

use anyhow::{Result, anyhow, bail};

use crate::env::Env;
pub use crate::reading::routines::favourites_routine;
use app::App;
pub use effect::{Effect, carry_out, retry};
use event_loop::event_loop;
pub use load::{load_history, load_startup, load_today, routine_entries};
pub use print_screen::render_screen;
use screens::today::TodayData;
use terminal::{Handover, mouse, paste, watch_signals};
use theme::Theme;

/// Opens the app, on Today or (with `run_slug`) straight into a routine, and
/// runs until the user quits. The terminal is restored on every way out; a
/// panic restores it through ratatui's hook.
pub fn run(env: &Env, run_slug: Option<&str>, gentle: bool) -> Result<()> {
    let catalog = env.catalog();
    let routine = match run_slug {
        None => None,
        Some(slug) => Some(
            catalog
                .get(slug)
                .cloned()
                .ok_or_else(|| catalog.unknown_routine(slug))?,
        ),
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the app needs a terminal; from a script use a command instead (see limber --help)");
    }
    // Held until the app closes: `doctor --restore` waits for that. Taken
    // first, so that no restore can swap the file while it is opened.
    let _claim = crate::store::Claim::shared(&env.paths.data_dir)?;
    // The store is opened (and a file it cannot use refused) before the
    // terminal changes mode, so an error is plain text on a normal terminal.
    let mut store = env.open_store()?;
    // What other processes had committed before anything is read: a write
    // made before the watcher below starts is found by one look once it has.
    let mut outside = outside::OutsideWrites::new(&store);
    // What the first frame shows, read once and from one state of the
    // store: a programme followed now sets its routines to today's doses.
    let (doses, startup, today) = store.reading(|store| -> Result<_> {
        let doses = crate::reading::routines::doses(store, env, &catalog)?;
        let routine = routine.map(|r| doses.catalog.get(&r.slug).cloned().unwrap_or(r));
        let startup = load_startup(store, &doses.catalog, routine, gentle)?;
        // Today's first frame is drawn from what is quick to read — the
        // routines and the last check-in — and its status, streak and
        // favourites follow a moment later. Going straight into a routine or a
        // resume question reads everything first: they act on it at once.
        let today = if startup.run.is_none() && startup.unfinished.is_none() {
            TodayData {
                progress: crate::insights::Progress::new(
                    &[],
                    &[],
                    0,
                    env.config.weekly_goal,
                    env.clock.today(),
                ),
                last_checkin: store.last_checkin()?,
                programme: load::programme_line(
                    store,
                    env,
                    &doses,
                    &routine_entries(&doses.catalog, &env.config),
                )?,
                routines: routine_entries(&doses.catalog, &env.config),
                favourites: Vec::new(),
                loading: true,
            }
        } else {
            load::load_today_at(store, env, &doses)?
        };
        Ok((doses, startup, today))
    })?;
    let catalog = doses.catalog;
    let mut app = App::new(
        env.config.clone(),
        env.clock.clone(),
        today,
        catalog.routines.clone(),
        startup,
        // The one theme every frame is drawn with. NO_COLOR wins over every
        // theme; nothing rests on colour alone, so mono loses nothing but the colour.
        Theme::chosen(env.config.theme, theme::no_color_env()),
    );
    app.recovery = recovery::waiting(&env.paths.data_dir);
    // A panic hook of ours first, so ratatui's (which restores the
    // terminal) runs before it: it lets go of the mouse, and writes what
    // the store had not taken to a recovery file.
    let mouse_on = env.config.mouse;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if mouse_on {
            mouse(false);
        }
        paste(false);
        let kept = recovery::write_snapshot(time::OffsetDateTime::now_utc());
        previous(info);
        if let Some(Ok(line) | Err(line)) = kept {
            eprintln!("{line}");
        }
    }));
    let mut terminal =
        ratatui::try_init().map_err(|e| anyhow!("cannot set up the terminal: {e}"))?;
    if env.config.mouse {
        mouse(true);
    }
    paste(true);
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    // Everything that happens outside the loop comes to it on one channel.
    // The signals are watched before the first frame (a stop or a kill
    // from then on puts the terminal back); the first frame is drawn next,
    // before the threads whose work it does not wait for: the input thread
    // (a key typed meanwhile waits in the terminal), the store's watcher
    // and the sync on start.
    let (waker, wakes) = std::sync::mpsc::channel();
    let started = watch_signals(waker.clone(), env.config.mouse)
        .and_then(|()| event_loop::first_frame(&mut terminal, &mut app))
        .and_then(|first| Ok((first, input::Input::start(waker.clone())?)));
    let (mut first, input) = match started {
        Ok(started) => started,
        Err(e) => {
            ratatui::restore();
            return Err(e);
        }
    };
    let handover = Handover {
        input,
        mouse: env.config.mouse,
    };
    let watcher = outside::watch_store(&env.paths.data_dir, waker.clone());
    // A write that came before the watcher: Today is read again. Not while
    // a session or a question shows; back on Today the loop's look finds
    // it. When Today's first frame left its reading to follow, that
    // reading (after this) sees the write.
    if matches!(app.screen, app::Screen::Today | app::Screen::History(_))
        && outside.changed(&store)
        && !app.today.data.loading
    {
        first.push(Effect::ReloadToday);
    }
    // With sync_dir set: a sync now, in the background (what it brings
    // shows as another process's write does), and one after quitting.
    let app_sync =
        crate::tui::sync::AppSync::new(&env.config, env.paths.data_dir.clone(), env.clock.clone());
    let started = app_sync.as_ref().and_then(|sync| {
        sync.start(move |came_in| {
            let _ = waker.send(wake::Wake::Synced { came_in });
        })
    });
    let mut catalog = catalog;
    let mut outbox = outbox::Outbox::default();
    let result = event_loop(
        &mut terminal,
        &mut app,
        (&mut store, &mut outbox),
        env,
        &mut catalog,
        (&wakes, &handover),
        (first, outside),
    );
    // Nothing reads the terminal from now on: a key typed during the sync
    // on quit goes to the shell.
    handover.input.pause();
    drop(watcher);
    // Quit, Ctrl-C or an error: a last try, then a recovery file for
    // whatever the store still would not take.
    let kept = recovery::at_close(
        &env.paths.data_dir,
        &mut outbox,
        &mut store,
        env.clock.now(),
    );
    if env.config.mouse {
        mouse(false);
    }
    paste(false);
    ratatui::restore();
    if let Some(sync) = &app_sync {
        eprintln!("{}", sync.at_quit(started));
    }
    match kept {
        Some(Ok(line)) => eprintln!("{line}"),
        // Kept nowhere: said, with the entries themselves, and a failure.
        Some(Err(line)) => {
            let line = line.strip_prefix("limber: ").unwrap_or(&line).to_string();
            return Err(match result {
                Err(e) => e.context(line),
                Ok(()) => anyhow!(line),
            });
        }
        None => {}
    }
    result
}
