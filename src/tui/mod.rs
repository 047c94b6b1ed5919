//! The terminal app, in The Elm Architecture: one `App` state, terminal
//! events and clock ticks turned into messages, `update` changing the state
//! and returning effects, and `view` that only draws. This module starts the
//! app and hands it to the loop (`event_loop`), which waits exactly until the
//! next visible change and has every effect carried out in one place (`effect`).

pub mod app;
mod effect;
mod event_loop;
pub mod keys;
mod load;
pub mod screens;
mod terminal;
pub mod theme;
pub mod widgets;

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::{Result, anyhow, bail};

use crate::env::Env;
use crate::insights::Range;
use app::{App, Startup};
pub use effect::Effect;
use event_loop::event_loop;
pub use load::{favourites_routine, load_history, load_startup, load_today, routine_entries};
use screens::today::TodayData;
use terminal::{capture_mouse, mouse, watch_signals};

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
    {
        use crate::config::Theme;
        use crate::tui::theme::{self, Palette};
        // NO_COLOR wins over every theme; nothing rests on colour alone, so
        // mono loses nothing but the colour.
        theme::set(match env.config.theme {
            _ if theme::no_color_env() => Palette::Mono,
            Theme::Auto | Theme::Dark => Palette::Dark,
            Theme::Light => Palette::Light,
            Theme::HighContrast => Palette::HighContrast,
            Theme::Mono => Palette::Mono,
        });
    }
    // Held until the app closes: `doctor --restore` waits for that. Taken
    // first, so that no restore can swap the file while it is opened.
    let _claim = crate::store::Claim::shared(&env.paths.data_dir)?;
    // The store is opened (and a file it cannot use refused) before the
    // terminal changes mode, so an error is plain text on a normal terminal.
    let mut store = env.open_store()?;
    let startup = load_startup(&store, &catalog, routine, gentle)?;
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
            routines: routine_entries(&catalog, &env.config),
            favourites: Vec::new(),
            loading: true,
        }
    } else {
        load_today(&store, env, &catalog)?
    };
    let mut app = App::new(
        env.config.clone(),
        env.clock.offset(),
        today,
        catalog.routines.clone(),
        startup,
    );
    // A panic hook of ours first, so ratatui's (which restores the
    // terminal) runs before it: it lets go of the mouse.
    if env.config.mouse {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            mouse(false);
            previous(info);
        }));
    }
    let mut terminal =
        ratatui::try_init().map_err(|e| anyhow!("cannot set up the terminal: {e}"))?;
    if env.config.mouse {
        capture_mouse();
    }
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    if let Err(e) = watch_signals() {
        ratatui::restore();
        return Err(e);
    }
    let mut catalog = catalog;
    let result = event_loop(&mut terminal, &mut app, &mut store, env, &mut catalog);
    if env.config.mouse {
        mouse(false);
    }
    ratatui::restore();
    result
}

/// `limber screen NAME`: one screen drawn from the real store into text,
/// without a terminal (for README captures, scripts and timing the whole
/// path from process start to a drawn frame). NAME is `today`, a History
/// tab (`trends`, `activity`, `sessions`, `exercises`, `report`) or a
/// routine's slug for its detail.
pub fn render_screen(
    env: &Env,
    name: &str,
    width: u16,
    height: u16,
    range: Range,
) -> Result<String> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use screens::history::{History, Tab};
    let catalog = env.catalog();
    let store = env.read_store()?;
    let mut app = App::new(
        env.config.clone(),
        env.clock.offset(),
        load_today(&store, env, &catalog)?,
        catalog.routines.clone(),
        Startup::today(store.feared()?),
    );
    let tab = match name {
        "today" => None,
        "trends" | "history" => Some(Tab::Trends),
        "activity" => Some(Tab::Activity),
        "sessions" => Some(Tab::Sessions),
        "exercises" => Some(Tab::Exercises),
        "report" => Some(Tab::Report),
        slug => match catalog.get(slug) {
            Some(routine) => {
                app.screen = app::Screen::Detail(screens::detail::Detail {
                    routine: routine.clone(),
                    selected: 0,
                });
                None
            }
            None => bail!(
                "no screen \"{}\"; use today, trends, activity, sessions, exercises, report, or a routine's slug ({})",
                crate::text::one_line(slug),
                catalog.slugs().join(", ")
            ),
        },
    };
    if let Some(tab) = tab {
        let mut history = History::new(range);
        history.tab = tab;
        history.data = Some(load_history(&store, env, range)?);
        app.screen = app::Screen::History(Box::new(history));
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    terminal.draw(|frame| app::view(&app, frame, Instant::now()))?;
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(out)
}
