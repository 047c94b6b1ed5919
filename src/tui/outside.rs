//! Writes from other limber processes (`limber checkin` or `limber log` in
//! another terminal, the app's own sync on start) shown on Today while the
//! app is open, without waking an app that is idle and sees nothing change.
//!
//! A `notify` watcher on the data folder reports writes to the store and
//! its journal. A thread of ours lets a burst of them end (a commit writes
//! the journal a few times and becomes visible to other connections last,
//! after its sync to disk), then sends the loop one `Wake::StoreWritten`,
//! and one more a moment later for a commit whose last step came late. On
//! every wake while Today or History shows, the loop asks the store whether
//! another connection committed (`PRAGMA data_version`, which the app's own
//! commits leave alone: they wake the loop but cause no reload) and reads
//! Today again only then. Where the watcher cannot start, a change shows at
//! the next key, click or resize on Today or History.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::wake::{Wake, Waker};
use crate::store::Store;

/// What the app last saw of other processes' commits.
pub(super) struct OutsideWrites {
    seen: Option<i64>,
    /// The sync on start brought something in, not yet read again.
    synced: bool,
}

impl OutsideWrites {
    pub(super) fn new(store: &Store) -> OutsideWrites {
        OutsideWrites {
            seen: data_version(store),
            synced: false,
        }
    }

    /// The sync on start brought something in: the next look counts it as
    /// a change whatever the data version says (the sync may have
    /// committed before the app first asked).
    pub(super) fn synced(&mut self) {
        self.synced = true;
    }

    /// Whether another process committed to the store since the last time
    /// this was asked (or since `new`), or the sync on start brought
    /// something in.
    pub(super) fn changed(&mut self, store: &Store) -> bool {
        let now = data_version(store);
        let changed = now.is_some() && now != self.seen;
        self.seen = now;
        changed | std::mem::take(&mut self.synced)
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

/// Whether a file in the data folder is the store or its journal (not the
/// shared-memory index, whose writes go through memory and are not seen,
/// not the claim or the log).
fn is_store_file(path: &std::path::Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == "limber.db" || name == "limber.db-wal")
}

/// A burst of writes has ended when none came for this long.
const SETTLE: Duration = Duration::from_millis(50);
/// A writer that never pauses still wakes the loop this often.
const SETTLE_AT_MOST: Duration = Duration::from_millis(500);
/// The second look after a burst, for a commit made visible late.
const LOOK_AGAIN: Duration = Duration::from_millis(500);

/// Starts watching the store in `data_dir` for writes, told to `waker`.
/// The watcher stops when what this returns is dropped. Without it the app
/// still works (see the module's note), so a failure to start it is only
/// logged.
pub(super) fn watch_store(
    data_dir: &std::path::Path,
    waker: Waker,
) -> Option<notify::RecommendedWatcher> {
    use notify::event::{AccessKind, AccessMode, EventKind, EventKindMask};
    use notify::{Config, RecursiveMode, Watcher};
    let (written, writes) = mpsc::channel::<()>();
    let config = Config::default().with_event_kinds(
        EventKindMask::CREATE | EventKindMask::MODIFY_DATA | EventKindMask::ACCESS_CLOSE,
    );
    let handler = move |event: notify::Result<notify::Event>| match event {
        Ok(event) => {
            let write = matches!(
                event.kind,
                EventKind::Create(_)
                    | EventKind::Modify(_)
                    | EventKind::Access(AccessKind::Close(AccessMode::Write))
            );
            if write && event.paths.iter().any(|p| is_store_file(p)) {
                let _ = written.send(());
            }
        }
        Err(e) => tracing::warn!("watching the store: {e}"),
    };
    // The folder, not the files: the journal comes and goes.
    let watching = notify::RecommendedWatcher::new(handler, config).and_then(|mut watcher| {
        watcher.watch(data_dir, RecursiveMode::NonRecursive)?;
        Ok(watcher)
    });
    let watcher = match watching {
        Ok(watcher) => watcher,
        Err(e) => {
            tracing::warn!("cannot watch the store for other processes' writes: {e}");
            return None;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("store-watch".to_string())
        .spawn(move || settle_and_wake(&writes, &waker));
    if let Err(e) = spawned {
        tracing::warn!("cannot watch the store for other processes' writes: {e}");
        return None;
    }
    Some(watcher)
}

/// Waits (without a timeout while nothing is written) for writes; after
/// each burst of them wakes the loop, and once more a moment later. Ends
/// when the watcher or the loop is gone.
fn settle_and_wake(writes: &mpsc::Receiver<()>, waker: &Waker) {
    while writes.recv().is_ok() {
        loop {
            let began = Instant::now();
            while began.elapsed() < SETTLE_AT_MOST {
                match writes.recv_timeout(SETTLE) {
                    Ok(()) => {}
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if waker.send(Wake::StoreWritten).is_err() {
                return;
            }
            match writes.recv_timeout(LOOK_AGAIN) {
                // Another burst: settle that one too.
                Ok(()) => {}
                Err(RecvTimeoutError::Timeout) => {
                    if waker.send(Wake::StoreWritten).is_err() {
                        return;
                    }
                    break;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckInKind, NewCheckIn, Scales};

    fn checkin(pain: u8) -> NewCheckIn {
        let at = time::macros::datetime!(2026-11-25 10:00 UTC);
        NewCheckIn {
            at,
            local_date: at.date(),
            context: CheckInKind::Daily,
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

    #[test]
    fn what_the_sync_on_start_brought_counts_once_as_a_change() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let app = Store::open(&dir.path().join("limber.db"))?;
        let mut outside = OutsideWrites::new(&app);
        outside.synced();
        assert!(outside.changed(&app), "the sync brought something in");
        assert!(!outside.changed(&app), "counted once");
        Ok(())
    }

    #[test]
    fn another_connections_commit_wakes_the_loop() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("limber.db");
        let app = Store::open(&path)?;
        let mut outside = OutsideWrites::new(&app);
        let (waker, wakes) = mpsc::channel();
        let _watcher = watch_store(dir.path(), waker).expect("a watcher on Linux");
        let mut shell = Store::open(&path)?;
        shell.add_checkin(&checkin(7))?;
        let woke = wakes.recv_timeout(Duration::from_secs(10));
        assert!(matches!(woke, Ok(Wake::StoreWritten)), "woken");
        assert!(outside.changed(&app), "and the commit is visible then");
        Ok(())
    }
}
