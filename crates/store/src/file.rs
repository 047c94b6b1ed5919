//! The store as a file in a folder: finding it for a command that only reads
//! (telling "no store yet" from a store that cannot be read), and swapping
//! another file into its place without losing the one that was there.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{Result, StoreError};

/// Where `data_dir`'s store is, for a command that only reads: `None` only
/// when the folder can be read and holds no `limber.db` — or the folder does
/// not exist and `folder_must_exist` is false (the first run with the
/// default folder). Anything else that stands in the way is an error that
/// names the path.
pub fn existing(data_dir: &Path, folder_must_exist: bool) -> Result<Option<PathBuf>> {
    let db = data_dir.join("limber.db");
    let error = match std::fs::symlink_metadata(&db) {
        Ok(meta) if meta.file_type().is_symlink() => match std::fs::metadata(&db) {
            Ok(_) => return Ok(Some(db)),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let target = std::fs::read_link(&db).unwrap_or_default();
                return Err(StoreError::DanglingLink { path: db, target });
            }
            Err(cause) => cause,
        },
        Ok(_) => return Ok(Some(db)),
        Err(e) => e,
    };
    match error.kind() {
        ErrorKind::NotFound => match std::fs::metadata(data_dir) {
            Ok(meta) if meta.is_dir() => Ok(None),
            Err(e) if e.kind() == ErrorKind::NotFound && !folder_must_exist => Ok(None),
            Err(e) if e.kind() == ErrorKind::NotFound => Err(StoreError::NoFolder {
                path: data_dir.to_path_buf(),
            }),
            _ => Err(StoreError::Unreadable {
                path: data_dir.to_path_buf(),
                cause: error,
            }),
        },
        ErrorKind::NotADirectory => match data_dir.ancestors().find(|p| p.is_file()) {
            Some(file) => Err(StoreError::FileInPath {
                path: data_dir.to_path_buf(),
                file: file.to_path_buf(),
            }),
            None => Err(StoreError::Unreadable {
                path: data_dir.to_path_buf(),
                cause: error,
            }),
        },
        _ => Err(StoreError::Unreadable {
            path: data_dir.to_path_buf(),
            cause: error,
        }),
    }
}

/// `path` with `suffix` added to its file name: `limber.db` → `limber.db-wal`.
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Puts `ready` (a whole, checked, synced database file in the same folder)
/// in place of `db`. The file that was there is kept under a new name,
/// `limber.db.{label}-{stamp}` (with `-2`, `-3`… when taken, so nothing set
/// aside is ever overwritten), together with its `-wal`, which holds its
/// latest commits; no `-wal` of the old file is left beside the new one.
/// The caller holds the folder's whole claim. Returns where the old file went.
pub(crate) fn put_in_place(
    ready: &Path,
    db: &Path,
    label: &str,
    stamp: &str,
) -> Result<Option<PathBuf>> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |cause| StoreError::DataDir { path, cause }
    };
    let wal = with_suffix(db, "-wal");
    let aside = if db.exists() {
        let aside = keep_aside(db, label, stamp)?;
        // The old file's latest commits may be only in its journal: it goes
        // with the file, and must not stay, since SQLite would apply it to
        // the restored file and damage it.
        if wal.exists() {
            let aside_wal = with_suffix(&aside, "-wal");
            if let Err(cause) = std::fs::rename(&wal, &aside_wal) {
                let _ = std::fs::remove_file(&aside);
                return Err(StoreError::DataDir { path: wal, cause });
            }
        }
        Some(aside)
    } else {
        None
    };
    // The shared-memory index describes the old journal; SQLite rebuilds it.
    match std::fs::remove_file(with_suffix(db, "-shm")) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(io(db)(e)),
        _ => {}
    }
    if let Err(cause) = std::fs::rename(ready, db) {
        // Back as it was: the old file's journal beside it again.
        if let Some(aside) = &aside {
            let _ = std::fs::rename(with_suffix(aside, "-wal"), &wal);
            let _ = std::fs::remove_file(aside);
        }
        return Err(io(db)(cause));
    }
    sync_folder(db);
    Ok(aside)
}

/// Links `db` under a name nothing has: a second name for the same file, so
/// that at no moment is there no `limber.db`. Where links are not possible
/// the file is copied and synced instead.
fn keep_aside(db: &Path, label: &str, stamp: &str) -> Result<PathBuf> {
    for n in 1..1000 {
        let suffix = if n == 1 {
            format!(".{label}-{stamp}")
        } else {
            format!(".{label}-{stamp}-{n}")
        };
        let aside = with_suffix(db, &suffix);
        if with_suffix(&aside, "-wal").exists() {
            continue;
        }
        let made = std::fs::hard_link(db, &aside).or_else(|e| {
            if e.kind() == ErrorKind::AlreadyExists {
                return Err(e);
            }
            copy_new(db, &aside)
        });
        match made {
            Ok(()) => return Ok(aside),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(cause) => {
                return Err(StoreError::DataDir { path: aside, cause });
            }
        }
    }
    Err(StoreError::Invalid(format!(
        "too many files set aside beside {}; move some away and try again",
        db.display()
    )))
}

/// Copies `from` to a new file `to` (never an existing one), synced.
fn copy_new(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(to)?;
    let copied =
        std::io::copy(&mut std::fs::File::open(from)?, &mut file).and_then(|_| file.sync_all());
    if copied.is_err() {
        let _ = std::fs::remove_file(to);
    }
    copied
}

/// Makes a rename in `path`'s folder survive a power cut. Best effort: the
/// rename is done already.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(dir) = std::fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
}
