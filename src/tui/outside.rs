//! Writes from other limber processes (`limber checkin` or `limber log` in
//! another terminal) shown on Today while the app is open, without waking an
//! app that is idle and sees nothing change.
//!
//! A thread blocks on inotify until the store's files are written, then wakes
//! the loop as an outside stop does: it raises SIGWINCH, which crossterm
//! reports as a resize. On every wake while Today or History shows, the loop
//! asks the store whether another connection committed (`PRAGMA
//! data_version`, which the app's own commits leave alone, so they cause no
//! reload) and reads Today again only then. Where there is no inotify (macOS,
//! the BSDs) nothing wakes the loop: a change shows at the next key, click or
//! resize on Today or History.
//!
//! The app's own writes raise no wake: crossterm, handed a window change
//! and a key in one poll, reports the change and leaves the key unread
//! until the next input arrives, so a wake 50 ms after every save made a
//! key typed just then seem to do nothing. The loop says when it wakes and
//! when it waits again ([`loop_busy`]); when a wake wrote to the store (the
//! count of rows it changed moved), it keeps the store files' latest
//! modification time. The watcher waits for a busy loop, then wakes it only
//! if the files changed after that: someone else wrote. An outside write in
//! the very moment the loop writes shows at its next wake instead (any key,
//! click or tick).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::store::Store;

/// What the app last saw of other processes' commits.
pub(super) struct OutsideWrites {
    seen: Option<i64>,
}

impl OutsideWrites {
    pub(super) fn new(store: &Store) -> OutsideWrites {
        OutsideWrites {
            seen: data_version(store),
        }
    }

    /// Whether another process committed to the store since the last time
    /// this was asked (or since `new`).
    pub(super) fn changed(&mut self, store: &Store) -> bool {
        let now = data_version(store);
        let changed = now.is_some() && now != self.seen;
        self.seen = now;
        changed | SYNCED.swap(false, Ordering::SeqCst)
    }
}

/// The store's data version; `None` (and a line in the log) if it cannot be
/// read, so that a fault in asking never stops the app.
fn data_version(store: &Store) -> Option<i64> {
    store
        .data_version()
        .map_err(|e| tracing::warn!("cannot ask the store for changes: {e}"))
        .ok()
}

/// Something came in by the app's sync on start: read again at the next
/// wake on Today or History, whatever the data version said when it was
/// first asked (the sync may have committed before that).
static SYNCED: AtomicBool = AtomicBool::new(false);

/// Until when (milliseconds since 1970) the app's sync on start is running
/// or has just ended: `u64::MAX` while it runs, 0 when there is none. Its
/// commits raise no SIGWINCH meanwhile (a wake in the same poll as a key
/// leaves the key unread: a `q` pressed as the sync landed did nothing);
/// the loop looks every `SYNC_LOOK` instead.
static SYNC_QUIET: AtomicU64 = AtomicU64::new(0);

/// How often the loop looks for what the sync on start brought in.
pub(super) const SYNC_LOOK: std::time::Duration = std::time::Duration::from_millis(100);

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The app's sync on start begins.
pub(super) fn sync_started() {
    SYNC_QUIET.store(u64::MAX, Ordering::SeqCst);
}

/// The app's sync on start ended; `came_in`: it brought something in, to be
/// read again at the loop's next look on Today or History. Its last
/// commits settle for a second without a wake.
pub(super) fn sync_ended(came_in: bool) {
    if came_in {
        SYNCED.store(true, Ordering::SeqCst);
    }
    SYNC_QUIET.store(now_ms() + 1000, Ordering::SeqCst);
}

/// Whether the sync on start is running or has just ended: the loop then
/// looks every `SYNC_LOOK` rather than waiting for a wake.
pub(super) fn sync_settling() -> bool {
    now_ms() < SYNC_QUIET.load(Ordering::SeqCst)
}

/// The store files' latest modification time (nanoseconds since 1970)
/// after the loop's last wake that wrote; 0 before any.
static OWN_WRITES: AtomicU64 = AtomicU64::new(0);

/// Whether the loop is between a wake and its next wait (and may be
/// writing). It starts busy: the loop's first wait clears it.
static BUSY: AtomicBool = AtomicBool::new(true);

/// The loop woke (`true`) or is about to wait (`false`). Before it waits it
/// says whether it wrote to the store in `data_dir` meanwhile: `wrote`.
pub(super) fn loop_busy(busy: bool, wrote: Option<&std::path::Path>) {
    if let Some(data_dir) = wrote {
        OWN_WRITES.store(last_modified(data_dir), Ordering::SeqCst);
    }
    BUSY.store(busy, Ordering::SeqCst);
}

/// The latest modification time of the store and its journal, in
/// nanoseconds since 1970 (0 where it cannot be read).
fn last_modified(data_dir: &std::path::Path) -> u64 {
    ["limber.db", "limber.db-wal"]
        .iter()
        .filter_map(|name| std::fs::metadata(data_dir.join(name)).ok()?.modified().ok())
        .filter_map(|at| at.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .max()
        .unwrap_or(0)
}

/// Whether the store files, last modified at `now`, were last written by
/// the loop itself (it kept `own` after its last writing wake).
fn own_writes(now: u64, own: u64) -> bool {
    own != 0 && now <= own
}

/// A commit writes the journal a few times in a row and makes itself visible
/// last; waiting this long after a write lets one wake see it whole.
#[cfg(any(target_os = "linux", target_os = "android"))]
const SETTLE: std::time::Duration = std::time::Duration::from_millis(50);

/// Whether a file in the data folder is the store or its journal (not the
/// shared-memory index, not the claim or the log).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn is_store_file(name: &std::ffi::OsStr) -> bool {
    name == "limber.db" || name == "limber.db-wal"
}

/// Starts the thread that wakes the loop when the store in `data_dir` is
/// written. Without it the app still works (see the module's note), so a
/// failure to start it is only logged.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(super) fn watch_store(data_dir: &std::path::Path) {
    use nix::errno::Errno;
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
    use std::os::fd::AsFd;
    // The folder, not the files: the journal comes and goes.
    let flags = InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK;
    let watching = Inotify::init(flags).and_then(|inotify| {
        inotify.add_watch(
            data_dir,
            AddWatchFlags::IN_MODIFY | AddWatchFlags::IN_CLOSE_WRITE,
        )?;
        Ok(inotify)
    });
    let inotify = match watching {
        Ok(inotify) => inotify,
        Err(e) => {
            tracing::warn!("cannot watch the store for other processes' writes: {e}");
            return;
        }
    };
    let data_dir = data_dir.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("store-watch".to_string())
        .spawn(move || {
            loop {
                let mut ready = [PollFd::new(inotify.as_fd(), PollFlags::POLLIN)];
                match poll(&mut ready, PollTimeout::NONE) {
                    Ok(_) | Err(Errno::EINTR) => {}
                    Err(e) => {
                        tracing::warn!("stopped watching the store: {e}");
                        return;
                    }
                }
                let Ok(mut written) = store_written(&inotify) else {
                    tracing::warn!("stopped watching the store: cannot read its changes");
                    return;
                };
                if !written {
                    continue;
                }
                std::thread::sleep(SETTLE);
                // Let a wake that is writing finish, so it can say so.
                let mut waited = std::time::Duration::ZERO;
                while BUSY.load(Ordering::SeqCst) && waited < BUSY_AT_MOST {
                    std::thread::sleep(BUSY_STEP);
                    waited += BUSY_STEP;
                }
                // What came meanwhile is the same burst of writes.
                written |= store_written(&inotify).unwrap_or(false);
                let now = last_modified(&data_dir);
                if written
                    && !own_writes(now, OWN_WRITES.load(Ordering::SeqCst))
                    && !sync_settling()
                {
                    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("cannot watch the store for other processes' writes: {e}");
    }
}

/// Reads every change waiting on `inotify`: whether one was to the store.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn store_written(inotify: &nix::sys::inotify::Inotify) -> nix::Result<bool> {
    let mut written = false;
    loop {
        match inotify.read_events() {
            Ok(events) => {
                written |= events
                    .iter()
                    .any(|e| e.name.as_deref().is_some_and(is_store_file));
            }
            Err(nix::errno::Errno::EAGAIN) => return Ok(written),
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
}

/// How often, and how long at most, the watcher waits for a busy loop.
#[cfg(any(target_os = "linux", target_os = "android"))]
const BUSY_STEP: std::time::Duration = std::time::Duration::from_millis(5);
#[cfg(any(target_os = "linux", target_os = "android"))]
const BUSY_AT_MOST: std::time::Duration = std::time::Duration::from_secs(2);

#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(super) fn watch_store(_data_dir: &std::path::Path) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Context, NewCheckIn, Scales};

    fn checkin(pain: u8) -> NewCheckIn {
        let at = time::macros::datetime!(2026-11-25 10:00 UTC);
        NewCheckIn {
            at,
            local_date: at.date(),
            context: Context::Daily,
            session_id: None,
            scales: Scales {
                pain,
                anxiety: 1,
                mood: 5,
                fear: None,
            },
            note: None,
        }
    }

    #[test]
    fn writes_are_the_loops_own_only_if_nothing_changed_the_files_after() {
        assert!(!own_writes(5, 0), "the loop has not written yet");
        assert!(own_writes(1_000, 1_000), "the files as the loop left them");
        assert!(!own_writes(1_300, 1_000), "written later, by someone else");
    }

    #[test]
    fn the_files_latest_change_is_the_journals_or_the_stores() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        assert_eq!(last_modified(dir.path()), 0, "no store yet");
        let mut store = Store::open(&dir.path().join("limber.db"))?;
        assert!(last_modified(dir.path()) > 0);
        // Both files as if last written long ago.
        let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1);
        for name in ["limber.db", "limber.db-wal"] {
            let file = std::fs::OpenOptions::new()
                .append(true)
                .open(dir.path().join(name))?;
            file.set_modified(long_ago)?;
        }
        assert_eq!(last_modified(dir.path()), 1_000_000_000);
        store.add_checkin(&checkin(4))?;
        assert!(
            last_modified(dir.path()) > 1_000_000_000,
            "a commit moves it"
        );
        Ok(())
    }

    #[test]
    fn only_another_process_commit_counts_as_a_change() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("limber.db");
        let mut app = Store::open(&path)?;
        let mut outside = OutsideWrites::new(&app);
        assert!(!outside.changed(&app), "nothing was written");
        // The app's own writes: no reload, however many.
        app.add_checkin(&checkin(3))?;
        app.add_checkin(&checkin(4))?;
        assert!(!outside.changed(&app), "the app's own writes");
        // A shell command's write, through its own connection.
        let mut shell = Store::open(&path)?;
        shell.add_checkin(&checkin(7))?;
        assert!(outside.changed(&app), "another connection's commit");
        assert!(!outside.changed(&app), "the same commit counted twice");
        Ok(())
    }
}
