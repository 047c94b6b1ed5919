//! Holds on running sessions (`limber.sessions.lock`): the window that runs
//! a session locks one byte of that file, at the session's row id, so no
//! other window offers it for resume or writes over it. The kernel lets go
//! when the process ends, by a crash too, so a crashed session is offered for
//! resume again. One file for every session: nothing to clean up after.
//!
//! Open-file-description locks (Linux), not classic POSIX ones: those belong
//! to the whole process, go when any descriptor of the file closes, and never
//! conflict within one process. Where they do not exist, or the folder cannot
//! hold a lock file (read-only, a file system without locks), a hold guards
//! nothing and the app runs as it did before there were holds.

use std::fs::File;
use std::path::Path;

/// The lock file, in the data folder.
const FILE: &str = "limber.sessions.lock";

/// The session this process runs, held until dropped.
#[derive(Debug)]
pub(super) struct SessionHold {
    session: i64,
    /// `None` where no lock could be made: then the hold guards nothing.
    _lock: Option<File>,
}

impl SessionHold {
    pub(super) fn session(&self) -> i64 {
        self.session
    }

    /// Takes the hold on `session` (a store in memory has no folder to lock
    /// in); `None` while another window has it.
    pub(super) fn take(data_dir: Option<&Path>, session: i64) -> Option<SessionHold> {
        let taken = data_dir.map(|dir| {
            let file = open(dir, true)?;
            Ok::<_, std::io::Error>(lock::take(&file, session)?.then_some(file))
        });
        let lock = match taken {
            None => None,
            Some(Ok(Some(file))) => Some(file),
            Some(Ok(None)) => return None,
            Some(Err(e)) => {
                tracing::warn!("session {session} runs without a lock: {e}");
                None
            }
        };
        Some(SessionHold {
            session,
            _lock: lock,
        })
    }

    /// Whether another window holds `session` now. Only reads: a folder
    /// without the lock file has no session held.
    pub(super) fn held_elsewhere(data_dir: Option<&Path>, session: i64) -> bool {
        data_dir
            .and_then(|dir| open(dir, false).ok())
            .is_some_and(|file| lock::held(&file, session).unwrap_or(false))
    }
}

fn open(data_dir: &Path, create: bool) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options
        .read(true)
        .write(true)
        .create(create)
        .truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(data_dir.join(FILE))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
mod lock {
    use std::fs::File;
    use std::io;
    use std::os::fd::AsRawFd;

    use nix::errno::Errno;
    use nix::fcntl::{FcntlArg, fcntl};
    use nix::libc;

    /// A write lock on the one byte at the session's row id.
    fn byte(session: i64) -> io::Result<libc::flock> {
        let start = libc::off_t::try_from(session)
            .map_err(|_| io::Error::other(format!("session {session} is beyond the lock file")))?;
        // SAFETY: `flock` is a plain C struct, for which all zeroes is a
        // valid value (and l_pid must be 0 for an open-file-description lock).
        let mut lock: libc::flock = unsafe { std::mem::zeroed() };
        lock.l_type = libc::F_WRLCK as libc::c_short;
        lock.l_whence = libc::SEEK_SET as libc::c_short;
        lock.l_start = start;
        lock.l_len = 1;
        Ok(lock)
    }

    /// Locks the session's byte: `false` when someone else has it.
    pub(super) fn take(file: &File, session: i64) -> io::Result<bool> {
        let lock = byte(session)?;
        match fcntl(file.as_raw_fd(), FcntlArg::F_OFD_SETLK(&lock)) {
            Ok(_) => Ok(true),
            Err(Errno::EAGAIN | Errno::EACCES) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether someone (another window, or another hold in this one) has
    /// the session's byte locked.
    pub(super) fn held(file: &File, session: i64) -> io::Result<bool> {
        let mut lock = byte(session)?;
        fcntl(file.as_raw_fd(), FcntlArg::F_OFD_GETLK(&mut lock))?;
        Ok(lock.l_type != libc::F_UNLCK as libc::c_short)
    }
}

/// Without open-file-description locks every hold is taken and none is
/// seen: sessions are guarded as before there were holds.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
mod lock {
    pub(super) fn take(_: &std::fs::File, _: i64) -> std::io::Result<bool> {
        Ok(true)
    }

    pub(super) fn held(_: &std::fs::File, _: i64) -> std::io::Result<bool> {
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::SessionHold;

    #[test]
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn a_session_is_held_once_until_its_hold_is_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dir = Some(dir.path());
        assert!(!SessionHold::held_elsewhere(dir, 7));
        let first = SessionHold::take(dir, 7).expect("free");
        assert!(SessionHold::take(dir, 7).is_none(), "taken twice");
        assert!(SessionHold::held_elsewhere(dir, 7));
        // Another session's byte is its own.
        let other = SessionHold::take(dir, 8).expect("another session");
        assert_eq!(other.session(), 8);
        drop(first);
        assert!(!SessionHold::held_elsewhere(dir, 7));
        assert!(SessionHold::take(dir, 7).is_some(), "free again");
    }
}
