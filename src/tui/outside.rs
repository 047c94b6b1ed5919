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
        changed
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
    use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
    // The folder, not the files: the journal comes and goes.
    let watching = Inotify::init(InitFlags::IN_CLOEXEC).and_then(|inotify| {
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
    let spawned = std::thread::Builder::new()
        .name("store-watch".to_string())
        .spawn(move || {
            loop {
                match inotify.read_events() {
                    Ok(events) => {
                        let written = events
                            .iter()
                            .any(|e| e.name.as_deref().is_some_and(is_store_file));
                        if written {
                            std::thread::sleep(SETTLE);
                            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
                        }
                    }
                    Err(Errno::EINTR) => {}
                    Err(e) => {
                        tracing::warn!("stopped watching the store: {e}");
                        return;
                    }
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("cannot watch the store for other processes' writes: {e}");
    }
}

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
