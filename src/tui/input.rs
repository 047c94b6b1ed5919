//! The input thread: it reads the terminal's events and sends them to the
//! loop as they come, so a key is queued however busy the loop is.
//!
//! It can be paused, so that the editor, or the shell after Ctrl-Z, reads
//! the terminal alone: a key typed there must not be taken by the app.
//! `pause` returns only once the thread has stopped reading. On Unix the
//! thread waits without a timeout on the terminal and on a pipe of its own
//! that `pause` writes to, so an idle app is never woken to look.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::app::Msg;
use super::wake::{Wake, Waker};

/// Whether the loop wants the thread to read, and whether it does.
#[derive(Default)]
struct State {
    wanted: bool,
    reading: bool,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// The handle the loop keeps on the input thread.
pub(super) struct Input {
    shared: Shared,
    /// Written to by `pause`, to wake the thread from its wait on the
    /// terminal.
    #[cfg(unix)]
    nudge: std::io::PipeWriter,
}

impl Input {
    /// Starts the thread, reading at once; what it reads goes to `waker`.
    pub(super) fn start(waker: Waker) -> Result<Input> {
        let shared: Shared = Arc::new((
            Mutex::new(State {
                wanted: true,
                reading: false,
            }),
            Condvar::new(),
        ));
        let theirs = Arc::clone(&shared);
        #[cfg(unix)]
        let (nudged, nudge) = std::io::pipe()?;
        std::thread::Builder::new()
            .name("input".to_string())
            .spawn(move || {
                let _done = Done(Arc::clone(&theirs));
                #[cfg(unix)]
                read_terminal(&theirs, &nudged, &waker);
                #[cfg(not(unix))]
                read_terminal(&theirs, &waker);
            })?;
        Ok(Input {
            shared,
            #[cfg(unix)]
            nudge,
        })
    }

    /// Stops the thread reading the terminal, and returns once it has.
    pub(super) fn pause(&self) {
        let (lock, turned) = &*self.shared;
        let mut state = locked(lock);
        state.wanted = false;
        #[cfg(unix)]
        {
            use std::io::Write;
            // A full pipe already holds a nudge: the thread will see it.
            let _ = (&self.nudge).write(&[1]);
        }
        while state.reading {
            state = wait(turned, state);
        }
    }

    /// Lets the thread read the terminal again.
    pub(super) fn resume(&self) {
        let (lock, turned) = &*self.shared;
        locked(lock).wanted = true;
        turned.notify_all();
    }
}

/// A lock the thread or the loop may have left poisoned is read all the
/// same: `State` is two flags, never half-written.
fn locked(lock: &Mutex<State>) -> MutexGuard<'_, State> {
    lock.lock().unwrap_or_else(PoisonError::into_inner)
}

fn wait<'a>(turned: &Condvar, state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
    turned.wait(state).unwrap_or_else(PoisonError::into_inner)
}

/// However the thread ends, it no longer reads: a `pause` waiting for it
/// returns.
struct Done(Shared);

impl Drop for Done {
    fn drop(&mut self) {
        let (lock, turned) = &*self.0;
        locked(lock).reading = false;
        turned.notify_all();
    }
}

/// Waits while the loop does not want the terminal read (saying so to a
/// `pause` that waits for it).
fn wait_until_wanted(shared: &Shared) {
    let (lock, turned) = &**shared;
    let mut state = locked(lock);
    while !state.wanted {
        state.reading = false;
        turned.notify_all();
        state = wait(turned, state);
    }
    state.reading = true;
}

/// Waits on the terminal and the nudge pipe, reads and sends every event
/// the terminal has, and waits again; ends when the loop is gone or the
/// terminal cannot be read.
#[cfg(unix)]
fn read_terminal(shared: &Shared, nudged: &std::io::PipeReader, waker: &Waker) {
    use nix::errno::Errno;
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::io::Read;
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    let mut ignored = Ignored::default();
    loop {
        wait_until_wanted(shared);
        // crossterm reads the terminal from standard input when that is a
        // terminal, which the app has made sure of before starting.
        let mut ready = [
            PollFd::new(stdin.as_fd(), PollFlags::POLLIN),
            PollFd::new(nudged.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut ready, PollTimeout::NONE) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => {
                tracing::warn!("cannot wait for the terminal: {e}");
                let _ = waker.send(Wake::InputEnded);
                return;
            }
        }
        let flags = |fd: &PollFd| fd.revents().unwrap_or(PollFlags::empty());
        if flags(&ready[1]).contains(PollFlags::POLLIN) {
            // A pause asked for: the nudge is taken, and the state read
            // again at the top. There is something to read, so it returns.
            let _ = (&*nudged).read(&mut [0u8; 64]);
            continue;
        }
        let terminal = flags(&ready[0]);
        // A hung-up terminal reads as end of file for ever (crossterm
        // would read it in a loop without returning).
        if terminal.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL) {
            let _ = waker.send(Wake::InputEnded);
            return;
        }
        if terminal.contains(PollFlags::POLLIN) && !send_waiting(waker, &mut ignored) {
            return;
        }
    }
}

/// Without poll(2) on the terminal: crossterm's own wait, a tenth of a
/// second at a time, so that a pause is noticed.
#[cfg(not(unix))]
fn read_terminal(shared: &Shared, waker: &Waker) {
    let mut ignored = Ignored::default();
    loop {
        wait_until_wanted(shared);
        match event::poll(Duration::from_millis(100)) {
            Ok(true) => {
                if !send_waiting(waker, &mut ignored) {
                    return;
                }
            }
            Ok(false) => {}
            Err(e) => {
                tracing::warn!("cannot read the terminal: {e}");
                let _ = waker.send(Wake::InputEnded);
                return;
            }
        }
    }
}

/// Sends every event crossterm has ready; false if the thread should end.
fn send_waiting(waker: &Waker, ignored: &mut Ignored) -> bool {
    loop {
        match event::poll(READ_WAIT) {
            Ok(true) => {}
            Ok(false) => return true,
            Err(e) => {
                tracing::warn!("cannot read the terminal: {e}");
                let _ = waker.send(Wake::InputEnded);
                return false;
            }
        }
        let read = match event::read() {
            Ok(read) => read,
            Err(e) => {
                tracing::warn!("cannot read the terminal: {e}");
                let _ = waker.send(Wake::InputEnded);
                return false;
            }
        };
        let sent = match message(read) {
            Some(msg) => waker.send(Wake::Input(msg)).is_ok(),
            None if ignored.one_more() => {
                let _ = waker.send(Wake::InputEnded);
                false
            }
            None => true,
        };
        // The loop is gone (nobody to read for), or the terminal is.
        if !sent {
            return false;
        }
    }
}

/// How long crossterm waits for more once the terminal had something to
/// read. Not zero: crossterm's poll(2) source, asked to wait no time at
/// all, hands out no event, not even one it has read and parsed already
/// (a paste of keys, or keys typed faster than they are read, parse into
/// several at once); given time, it hands those out first and then reads
/// what comes. A `pause` waits at most this long after the last key. It
/// must also be longer than the thread could be held up between crossterm
/// starting the wait and first looking at its clock, or the events parsed
/// already would wait for the next key.
const READ_WAIT: Duration = Duration::from_millis(50);

/// What the app makes of a terminal event; `None` for what it ignores.
fn message(read: Event) -> Option<Msg> {
    match read {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
        // On Unix the signal thread reports a resize when it happens;
        // crossterm's own report of it comes only with the next key.
        #[cfg(not(unix))]
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Msg::Wheel(1)),
            MouseEventKind::ScrollUp => Some(Msg::Wheel(-1)),
            _ => None,
        },
        _ => None,
    }
}

/// Events the app ignores (a mouse moving) come at a person's pace; ten
/// thousand within a tenth of a second means the terminal went away
/// without a hang-up signal. The thread then stops rather than spin.
struct Ignored {
    count: u32,
    since: Instant,
}

impl Default for Ignored {
    fn default() -> Ignored {
        Ignored {
            count: 0,
            since: Instant::now(),
        }
    }
}

impl Ignored {
    /// Counts one more; true once there are too many.
    fn one_more(&mut self) -> bool {
        if self.since.elapsed() > Duration::from_millis(100) {
            *self = Ignored::default();
        }
        self.count += 1;
        self.count > 10_000
    }
}
