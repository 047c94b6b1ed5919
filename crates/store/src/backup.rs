//! Whole copies of a store: `limber backup` (SQLite's online backup API, so
//! the copy holds every commit, also those still in `-wal`, even with the app
//! open) and `limber restore` / `doctor --restore` (a checked copy of the
//! backup put in place of `limber.db`, the old file kept aside).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::file::{put_in_place, with_suffix};
use super::{
    BUSY_TIMEOUT, Result, SCHEMA_VERSION, StoreError, create_private_file, is_damage, restrict,
};

/// What a whole copy holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub schema_version: usize,
    /// Live check-ins and sessions: deleted ones are not counted.
    pub checkins: i64,
    pub sessions: i64,
    /// Deleted entries of every kind, kept as tombstones.
    pub tombstones: i64,
}

/// The tables of entries a user makes, whose deleted rows stay as tombstones.
const ENTRY_TABLES: [&str; 8] = [
    "checkins",
    "sessions",
    "flare_days",
    "fitness_results",
    "who5_results",
    "rand36_results",
    "fear_steps",
    "fear_tries",
];

/// Live check-ins and sessions, and how many deleted entries of any kind
/// are kept as tombstones. A file from before tombstones has none, and
/// counts every row. `None` when it has no check-ins or sessions table.
pub(super) fn live_counts(conn: &Connection) -> Option<(i64, i64, i64)> {
    let counts = |filter: &str| {
        conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM checkins {filter}),
                        (SELECT count(*) FROM sessions {filter})"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    };
    let (checkins, sessions) = counts("WHERE deleted_at IS NULL")
        .or_else(|_| counts(""))
        .ok()?;
    // A table this file's schema does not have yet holds no tombstone.
    let tombstones = ENTRY_TABLES
        .iter()
        .map(|table| {
            conn.query_row(
                &format!("SELECT count(*) FROM {table} WHERE deleted_at IS NOT NULL"),
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap_or(0)
        })
        .sum();
    Some((checkins, sessions, tombstones))
}

/// A copy being made in a temporary file; removed unless it is kept.
struct Draft {
    path: PathBuf,
    kept: bool,
}

impl Drop for Draft {
    fn drop(&mut self) {
        if !self.kept {
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
            }
        }
    }
}

/// Copies the database at `source` whole into a new temporary file in
/// `dir`, checks that it is a limber database this build reads and that
/// SQLite finds nothing wrong in it, and syncs it to disk. `source` is only
/// read.
fn checked_copy(source: &Path, dir: &Path) -> Result<(Draft, Copied)> {
    let name = source.file_name().unwrap_or_default().to_string_lossy();
    let draft = Draft {
        path: dir.join(format!(".{name}.limber-copy-{}", std::process::id())),
        kept: false,
    };
    let copied = copy_into(source, &draft.path)?;
    Ok((draft, copied))
}

fn copy_into(source: &Path, target: &Path) -> Result<Copied> {
    let meta = std::fs::metadata(source).map_err(|cause| StoreError::Unreadable {
        path: source.to_path_buf(),
        cause,
    })?;
    if !meta.is_file() || meta.len() == 0 {
        return Err(not_limber(source));
    }
    let from = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| read_failed(source, &e))?;
    from.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| read_failed(source, &e))?;
    let _ = std::fs::remove_file(target);
    create_private_file(target)?;
    let write_failed = |e: rusqlite::Error| match StoreError::from(e) {
        StoreError::Sqlite(e) => StoreError::Invalid(format!(
            "cannot write a copy in {}: {e}; nothing was changed",
            target.parent().unwrap_or(target).display()
        )),
        other => other,
    };
    let mut to = Connection::open(target).map_err(write_failed)?;
    {
        let backup = Backup::new(&from, &mut to).map_err(write_failed)?;
        // All pages in one step: one consistent read of the source, with
        // every commit, also those still in its `-wal`.
        loop {
            match backup.step(-1) {
                Ok(StepResult::Done) => break,
                Ok(_) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) if is_damage(&e) => return Err(not_limber(source)),
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DiskFull) => {
                    return Err(StoreError::DiskFull);
                }
                Err(e) => {
                    return Err(StoreError::Invalid(format!(
                        "cannot copy {} to {}: {e}; nothing was changed",
                        source.display(),
                        target.parent().unwrap_or(target).display()
                    )));
                }
            }
        }
    }
    // A copy is one file: no journal of its own beside it.
    to.pragma_update(None, "journal_mode", "DELETE")
        .map_err(write_failed)?;
    let copied = check(&to, source)?;
    to.close().map_err(|(_, e)| write_failed(e))?;
    std::fs::File::open(target)
        .and_then(|f| f.sync_all())
        .map_err(|cause| StoreError::DataDir {
            path: target.to_path_buf(),
            cause,
        })?;
    restrict(target);
    Ok(copied)
}

/// A copy is a limber database this build reads, whole.
fn check(conn: &Connection, source: &Path) -> Result<Copied> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| not_limber(source))?;
    let schema_version = usize::try_from(version).unwrap_or(usize::MAX);
    if schema_version == 0 {
        return Err(not_limber(source));
    }
    if schema_version > SCHEMA_VERSION {
        return Err(StoreError::Invalid(format!(
            "{} was written by a newer limber (schema version {schema_version}; this build reads up to {SCHEMA_VERSION}); nothing was changed — update limber first",
            source.display()
        )));
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|_| not_limber(source))?;
    if integrity != "ok" {
        return Err(StoreError::Invalid(format!(
            "{} is damaged (SQLite's integrity check: {}); nothing was changed",
            source.display(),
            limber_domain::text::one_line(&integrity)
        )));
    }
    let (checkins, sessions, tombstones) = live_counts(conn).ok_or_else(|| not_limber(source))?;
    Ok(Copied {
        schema_version,
        checkins,
        sessions,
        tombstones,
    })
}

fn not_limber(path: &Path) -> StoreError {
    StoreError::Invalid(format!(
        "{} is not a limber database; nothing was changed",
        path.display()
    ))
}

fn read_failed(path: &Path, e: &rusqlite::Error) -> StoreError {
    StoreError::ReadFailed {
        path: path.to_path_buf(),
        cause: e.to_string(),
    }
}

/// Makes a whole copy of the store `db` at `out`, never over an existing
/// file. With `numbered`, a taken name becomes `name-2`, `name-3`… instead
/// of an error. Returns where the copy is and what it holds.
pub fn backup(db: &Path, out: &Path, numbered: bool) -> Result<(PathBuf, Copied)> {
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if out.exists() && !numbered {
        return Err(StoreError::Invalid(format!(
            "{} already exists; a backup never replaces a file — choose another name",
            out.display()
        )));
    }
    let (mut draft, copied) = checked_copy(db, dir)?;
    for n in 1..1000 {
        let target = if n == 1 {
            out.to_path_buf()
        } else {
            numbered_name(out, n)
        };
        // A link, not a rename: it fails rather than replace a file.
        match std::fs::hard_link(&draft.path, &target) {
            Ok(()) => return Ok((target, copied)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && numbered => continue,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(StoreError::Invalid(format!(
                    "{} already exists; a backup never replaces a file — choose another name",
                    out.display()
                )));
            }
            Err(_) => {
                // No links on this file system: a rename onto a name just
                // checked to be free.
                if target.exists() {
                    continue;
                }
                std::fs::rename(&draft.path, &target).map_err(|cause| StoreError::DataDir {
                    path: target.clone(),
                    cause,
                })?;
                draft.kept = true;
                return Ok((target, copied));
            }
        }
    }
    Err(StoreError::Invalid(format!(
        "too many backups named like {}; choose another name",
        out.display()
    )))
}

fn numbered_name(path: &Path, n: usize) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    match path.extension() {
        Some(ext) => path.with_file_name(format!("{stem}-{n}.{}", ext.to_string_lossy())),
        None => path.with_file_name(format!("{stem}-{n}")),
    }
}

/// Puts a checked copy of `file` in place of `db`; the store that was there
/// is kept aside as `limber.db.{label}-{stamp}` with its journal. The caller
/// holds the folder's whole claim. Returns what the restored store holds and
/// where the old one went.
pub fn restore(
    file: &Path,
    db: &Path,
    label: &str,
    stamp: &str,
) -> Result<(Copied, Option<PathBuf>)> {
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (mut draft, copied) = checked_copy(file, dir)?;
    let aside = put_in_place(&draft.path, db, label, stamp)?;
    draft.kept = true;
    Ok((copied, aside))
}

/// After a restore: the entries the replaced store (`aside`) had deleted,
/// their deletes already in the sync folder, that the restored one (`db`)
/// holds live come back as entries of their
/// own, each under a new UUID and a new version, so that a sync carries
/// them to every device. Under their old UUIDs a sync's tombstone, final
/// everywhere, would delete them again at the next sync (and keep another
/// backup before it). Returns how many came back.
pub fn revive(db: &Path, aside: &Path, now: time::OffsetDateTime) -> Result<u64> {
    let old =
        rusqlite::Connection::open_with_flags(aside, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| read_failed(aside, &e))?;
    let mut gone = std::collections::HashMap::new();
    for table in ENTRY_TABLES {
        // Only a delete the sync folder holds (this device's gone out, or
        // another's come in): one that never left this computer is simply
        // undone by the restore, as nowhere else knows of it.
        let mut stmt = old
            .prepare(&format!(
                "SELECT uuid, coalesce(version, 0) FROM {table} WHERE deleted_at IS NOT NULL
                   AND uuid IN (SELECT key FROM sync_known WHERE deleted = 1)"
            ))
            .map_err(|e| read_failed(aside, &e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(|e| read_failed(aside, &e))?;
        for row in rows {
            let (uuid, version) = row.map_err(|e| read_failed(aside, &e))?;
            gone.insert(uuid, version);
        }
    }
    if gone.is_empty() {
        return Ok(0);
    }
    let mut store = crate::Store::open(db)?;
    let tx = store
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let now = crate::utc_text(now);
    let mut revived = 0;
    for table in ENTRY_TABLES {
        let live: Vec<String> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT uuid FROM {table} WHERE deleted_at IS NULL"
            ))?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for uuid in live {
            let Some(&deleted) = gone.get(&uuid) else {
                continue;
            };
            let fresh = revived_uuid(&uuid, deleted);
            revived += tx.execute(
                &format!(
                    "UPDATE {table} SET uuid = ?2, updated_at = max(updated_at, ?3) WHERE uuid = ?1"
                ),
                rusqlite::params![uuid, fresh, now],
            )? as u64;
            // A session's exercises are new too: under their old UUIDs they
            // are still the deleted session's on the other devices.
            if table == "sessions" {
                let exercises: Vec<(i64, String)> = {
                    let mut stmt = tx.prepare(
                        "SELECT e.id, e.uuid FROM session_exercises e
                         JOIN sessions s ON s.id = e.session_id WHERE s.uuid = ?1",
                    )?;
                    let rows = stmt.query_map([&fresh], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                for (id, old) in exercises {
                    tx.execute(
                        "UPDATE session_exercises SET uuid = ?2 WHERE id = ?1",
                        rusqlite::params![id, revived_uuid(&old, deleted)],
                    )?;
                }
            }
            // A step of the exposure ladder brought back keeps its tries:
            // each names it by its new UUID (a change of the try too).
            if table == "fear_steps" {
                tx.execute(
                    "UPDATE fear_tries SET step = ?2, updated_at = max(updated_at, ?3)
                     WHERE step = ?1",
                    rusqlite::params![uuid, fresh, now],
                )?;
            }
        }
    }
    tx.commit()?;
    Ok(revived)
}

/// The UUID an entry brought back by a restore takes: worked out from its
/// old UUID and the version of the delete it comes back from, so two
/// devices that restore the same backup bring back one entry, not two.
fn revived_uuid(uuid: &str, deleted: i64) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("limber revived {uuid} {deleted}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}
