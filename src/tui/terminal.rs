//! The terminal around the app: signals, Ctrl-Z, the mouse, and giving the
//! terminal to the user's editor and taking it back.

use std::io::Write;

use anyhow::Result;
use ratatui::DefaultTerminal;

use std::time::Instant;

use super::app::{self, Msg};
use super::input::Input;
use super::load::load_today;
use super::wake::{Wake, Waker};
use crate::env::Env;
use crate::routine::Catalog;
use crate::store::Store;

/// What giving the terminal away (to the shell after Ctrl-Z, or to the
/// editor) and taking it back needs besides the terminal: the input thread,
/// paused meanwhile so that it takes no key meant for them, and whether the
/// app asked for the mouse.
pub(super) struct Handover {
    pub(super) input: Input,
    pub(super) mouse: bool,
}

/// SIGTERM and SIGHUP (a closed terminal, a shutdown) put the terminal
/// back and end the process. Everything finished is already committed, or
/// (when the store could not take it) written to a recovery file; a
/// session under way stays in progress and is offered for resuming at the
/// next start.
///
/// SIGTSTP from outside (`kill -TSTP`; Ctrl-Z itself arrives as a key) only
/// asks the loop to stop the app as Ctrl-Z does, and SIGWINCH tells it the
/// terminal's new size: the loop owns the terminal, so nothing here draws
/// or changes its modes for it. `mouse`: the app asked for the mouse, to
/// let go of it on the way out.
#[cfg(unix)]
pub(super) fn watch_signals(waker: Waker, mouse_on: bool) -> Result<()> {
    use signal_hook::consts::{
        SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM,
        SIGWINCH,
    };
    // Every signal whose default action ends the process and that a program
    // may catch: each would otherwise leave the terminal in the app's modes.
    // SIGINT too: Ctrl-C arrives as a key in raw mode, but `kill -INT` does not.
    let mut signals = signal_hook::iterator::Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGTSTP,
        SIGWINCH,
    ])?;
    std::thread::Builder::new()
        .name("signals".to_string())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    let _ = waker.send(Wake::Stop(Instant::now()));
                    continue;
                }
                if signal == SIGWINCH {
                    if let Ok((width, height)) = ratatui::crossterm::terminal::size() {
                        let _ = waker.send(Wake::Input(Msg::Resize(width, height)));
                    }
                    continue;
                }
                if mouse_on {
                    mouse(false);
                }
                paste(false);
                // What the store had not taken goes to a recovery file first.
                let kept = super::recovery::write_snapshot(time::OffsetDateTime::now_utc());
                ratatui::restore();
                // The terminal hides the cursor while it draws; no drop will
                // show it again on this way out.
                let mut out = std::io::stdout();
                let _ = ratatui::crossterm::execute!(out, ratatui::crossterm::cursor::Show);
                let _ = out.flush();
                if let Some(Ok(line) | Err(line)) = kept {
                    eprintln!("{line}");
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn watch_signals(_waker: Waker, _mouse_on: bool) -> Result<()> {
    Ok(())
}

/// Ctrl-Z: the terminal is put back as the shell left it, the process
/// stops, and after `fg` the app takes the terminal again and redraws.
/// Returns when it stopped: a stop asked for from outside before then is
/// this one.
#[cfg(unix)]
pub(super) fn suspend(terminal: &mut DefaultTerminal, handover: &Handover) -> Result<Instant> {
    handover.give_back()?;
    let stopped = with_default_tstp(|| {
        let at = Instant::now();
        // The whole process group, as a shell's own Ctrl-Z would: a wrapper
        // that started limber (`sh -c`, `cargo run`) stops too, so the shell
        // gets its terminal back.
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(0),
            nix::sys::signal::Signal::SIGTSTP,
        )
        .map(|()| at)
    })??;
    // Here again after SIGCONT.
    handover.take_back(terminal)?;
    Ok(stopped)
}

/// Runs `f` with SIGTSTP's default action: a SIGTSTP then stops the whole
/// app as a shell expects — or, where no shell manages the process group
/// (`tmux new limber`), the kernel drops it and the app carries on. limber
/// otherwise catches SIGTSTP (see `watch_signals`), so the default is put
/// back only for a stop of its own and while the editor has the terminal
/// (an editor suspended with Ctrl-Z stops its whole process group).
#[cfg(unix)]
fn with_default_tstp<T>(f: impl FnOnce() -> T) -> Result<T> {
    use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
    let default = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
    // SAFETY: the default action runs no code of ours; the action it
    // replaces (signal-hook's handler) is put back unchanged below.
    let previous = unsafe { sigaction(Signal::SIGTSTP, &default) }?;
    let result = f();
    // SAFETY: the action read above, as it was.
    unsafe { sigaction(Signal::SIGTSTP, &previous) }?;
    Ok(result)
}

#[cfg(not(unix))]
fn with_default_tstp<T>(f: impl FnOnce() -> T) -> Result<T> {
    Ok(f())
}

#[cfg(not(unix))]
pub(super) fn suspend(_terminal: &mut DefaultTerminal, _handover: &Handover) -> Result<Instant> {
    Ok(Instant::now())
}

impl Handover {
    /// Stops reading the terminal and puts it back as the shell had it
    /// (for an editor, or Ctrl-Z).
    fn give_back(&self) -> Result<()> {
        use ratatui::crossterm::{cursor, execute};
        self.input.pause();
        if self.mouse {
            mouse(false);
        }
        paste(false);
        ratatui::restore();
        execute!(std::io::stdout(), cursor::Show)?;
        Ok(())
    }

    /// Takes the terminal again after `give_back`, redraws everything and
    /// reads the terminal again.
    fn take_back(&self, terminal: &mut DefaultTerminal) -> Result<()> {
        use ratatui::crossterm::{cursor, execute, terminal as term};
        let mut out = std::io::stdout();
        term::enable_raw_mode()?;
        execute!(
            out,
            term::EnterAlternateScreen,
            term::Clear(term::ClearType::All),
            cursor::Hide
        )?;
        if self.mouse {
            mouse(true);
        }
        paste(true);
        // ratatui draws only what changed since its last frame; a blank frame
        // first makes the next one draw everything on the cleared screen.
        // (`Terminal::clear` would ask the terminal where its cursor is, which
        // not every terminal answers.)
        terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
        self.input.resume();
        Ok(())
    }
}

/// `e`: the routine in the user's editor, the app stepping aside meanwhile;
/// then the routine files are read again and the edited one checked.
pub(super) fn edit_in_app(
    terminal: &mut DefaultTerminal,
    handover: &Handover,
    slug: &str,
    store: &Store,
    env: &Env,
    catalog: &mut Catalog,
) -> Result<Option<Msg>> {
    let path = match crate::routine::editable_path(catalog, &env.paths.routines_dir(), slug) {
        Ok(path) => path,
        Err(e) => return Ok(Some(Msg::Notice(format!("Cannot open {slug}: {e}")))),
    };
    handover.give_back()?;
    let edited = with_default_tstp(|| crate::editor::run_editor(&path))?;
    handover.take_back(terminal)?;
    if let Err(e) = edited {
        return Ok(Some(Msg::Notice(format!("{e:#}"))));
    }
    *catalog = crate::reading::routines::todays_catalog(store, env)?;
    let problems = crate::routine::load_file(slug, &path).err();
    Ok(Some(Msg::RoutinesChanged(Box::new(app::RoutinesChanged {
        routines: catalog.routines.clone(),
        today: load_today(store, env, catalog)?,
        slug: slug.to_string(),
        path,
        problems: problems.unwrap_or_default(),
    }))))
}

/// Asks the terminal for mouse events (`mouse = true`), or stops.
pub(super) fn mouse(on: bool) {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    mode(on, EnableMouseCapture, DisableMouseCapture);
}

/// Turns a terminal mode on or off; a terminal that cannot is left as it is.
fn mode(
    on: bool,
    enable: impl ratatui::crossterm::Command,
    disable: impl ratatui::crossterm::Command,
) {
    use ratatui::crossterm::execute;
    let mut out = std::io::stdout();
    let _ = if on {
        execute!(out, enable)
    } else {
        execute!(out, disable)
    };
}

/// Bracketed paste: the terminal marks pasted text, which then comes as one
/// paste event instead of keys, so a line break in it is not Enter. On
/// while the app has the terminal, off on every way out.
pub(super) fn paste(on: bool) {
    use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    mode(on, EnableBracketedPaste, DisableBracketedPaste);
}
