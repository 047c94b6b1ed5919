//! Claims on a data folder (`limber.lock`): the app and every command that
//! opens the store hold a shared one; a restore takes the whole folder, so it
//! never swaps the file under anyone who could write to it.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use super::{BUSY_TIMEOUT, Result, StoreError, create_private_dir};

/// How long a restore waits for commands that are writing to finish before
/// it gives up: they take milliseconds; the app, which it must not wait
/// for, stays open.
const RESTORE_WAIT: Duration = Duration::from_secs(3);

/// A claim on a data folder, held until dropped.
#[derive(Debug)]
pub struct Claim {
    _lock: File,
}

fn lock_file(data_dir: &Path) -> Result<File> {
    let path = data_dir.join("limber.lock");
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(&path)
        .map_err(|cause| StoreError::DataDir { path, cause })
}

impl Claim {
    /// The app's shared claim, taken before the store is opened; refused at
    /// once while a restore is under way. A folder where no lock can be made
    /// (read-only, or a file system without locks) is no reason to refuse
    /// the app: that is left to the store, and `None` comes back.
    pub fn shared(data_dir: &Path) -> Result<Option<Claim>> {
        Claim::shared_within(data_dir, Duration::ZERO)
    }

    /// A command's shared claim, taken as it opens the store: it waits for
    /// a restore under way (which takes a moment) rather than write into a
    /// file about to be set aside.
    pub fn writer(data_dir: &Path) -> Result<Option<Claim>> {
        Claim::shared_within(data_dir, BUSY_TIMEOUT)
    }

    fn shared_within(data_dir: &Path, wait: Duration) -> Result<Option<Claim>> {
        let claim = create_private_dir(data_dir).and_then(|()| {
            Claim::take(
                data_dir,
                File::try_lock_shared,
                wait,
                "a backup is being put in place (`limber restore` or `limber doctor --restore`); nothing was written — try again when it has finished",
            )
        });
        match claim {
            Ok(claim) => Ok(Some(claim)),
            Err(busy @ StoreError::Invalid(_)) => Err(busy),
            Err(e) => {
                tracing::warn!("no lock on the data folder: {e}");
                Ok(None)
            }
        }
    }

    /// The whole folder, for a restore: waits a moment for commands that are
    /// writing, and is refused while the app is open.
    pub fn whole(data_dir: &Path) -> Result<Claim> {
        Claim::take(
            data_dir,
            File::try_lock,
            RESTORE_WAIT,
            "limber is open (in another terminal?) or a command is still writing; nothing was changed — close it, then restore",
        )
    }

    fn take(
        data_dir: &Path,
        lock: fn(&File) -> std::result::Result<(), TryLockError>,
        wait: Duration,
        busy: &str,
    ) -> Result<Claim> {
        let file = lock_file(data_dir)?;
        let deadline = Instant::now() + wait;
        loop {
            match lock(&file) {
                Ok(()) => return Ok(Claim { _lock: file }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => return Err(StoreError::Invalid(busy.to_string())),
                Err(TryLockError::Error(cause)) => {
                    return Err(StoreError::DataDir {
                        path: data_dir.join("limber.lock"),
                        cause,
                    });
                }
            }
        }
    }
}
