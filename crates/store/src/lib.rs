//! The store: one SQLite file, `limber.db`, in the data dir. This module opens
//! it safely (refusing files it does not understand without touching them),
//! sets the PRAGMAs on every connection, keeps a backup before a schema
//! upgrade and applies the migrations. Every SQL statement in limber lives
//! in this crate; the rest of the program sees typed rows. `sync` carries
//! changes through a shared folder. This crate sees the domain
//! (`limber_domain`) and nothing of the app or the command line.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod backup;
mod checkins;
mod claim;
mod context;
pub mod doctor;
mod entries;
mod fears;
pub mod file;
mod fitness;
mod flares;
mod history;
mod hold;
mod ladder;
mod programme;
mod rand36;
mod routines;
mod sessions;
mod state;
pub mod sync;
pub mod sync_state;
pub use state::SAFETY_NOTICE_READ;
pub mod transfer;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::{M, Migrations};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

pub use claim::Claim;
pub use entries::Undone;
pub use history::SessionLine;
pub use ladder::TryDone;
pub use programme::Enrolment;

const MIGRATION_LIST: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_init.sql")),
    M::up(include_str!("../migrations/0002_app_state.sql")),
    M::up(include_str!("../migrations/0003_checkin_pairs_index.sql")),
    M::up(include_str!(
        "../migrations/0004_flares_gentle_exposure.sql"
    )),
    M::up(include_str!("../migrations/0005_corrections.sql")),
    M::up(include_str!("../migrations/0006_context.sql")),
    M::up(include_str!("../migrations/0007_programme.sql")),
    M::up(include_str!("../migrations/0008_fitness.sql")),
    M::up(include_str!("../migrations/0009_self_tests_in_diary.sql")),
    M::up(include_str!("../migrations/0010_sync.sql")),
    M::up(include_str!("../migrations/0011_versions.sql")),
    M::up(include_str!("../migrations/0012_rand36.sql")),
    M::up(include_str!("../migrations/0013_rand36_sync.sql")),
    M::up(include_str!("../migrations/0014_fear_ladder.sql")),
    M::up(include_str!(
        "../migrations/0015_answered_rows_knee_bridge.sql"
    )),
];

/// The schema's migrations, in order; version N is after the Nth.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// The path a store in memory goes by.
const MEMORY: &str = ":memory:";

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: usize = MIGRATION_LIST.len();

/// How long a write waits for another limber process to finish its own
/// before giving up. Set explicitly: rusqlite's default is documented as
/// subject to change, and two limbers (a shell command while the TUI is open)
/// must queue, not fail.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is not a limber database (SQLite cannot read it); it was left untouched — move it aside, or pass --data-dir to use another folder"
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "{path} was written by a newer limber (schema version {found}, this build knows up to {known}); it was left untouched — update limber to open it"
    )]
    TooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error("{path} is a folder, not a database file; move it aside or pass --data-dir")]
    IsAFolder { path: PathBuf },
    #[error(
        "{path} is empty (0 bytes), not a limber database; it was left as it is — delete it to start a new store, or put your copy back"
    )]
    Empty { path: PathBuf },
    #[error(
        "{path} is read-only; it was left as it is — give it back write permission (chmod u+w) to use it"
    )]
    ReadOnlyFile { path: PathBuf },
    #[error(
        "the data folder {path} is read-only, so limber cannot keep its journal there; nothing was written — give it back write permission (chmod u+w)"
    )]
    ReadOnlyFolder { path: PathBuf },
    #[error(
        "the database is damaged ({0}); nothing more was written — `limber doctor` checks it and lists your backups"
    )]
    Damaged(String),
    // `cause`, not `source`: the message already says it, and an error
    // chain would say it twice.
    #[error("cannot create the data folder {path}: {cause}")]
    DataDir {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("cannot read {path}: {cause}; nothing was changed")]
    Unreadable {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "cannot read {path}: {cause} — a fault in reading it (a full disk, a read-only folder or mount, permissions), not damage in it; nothing was changed"
    )]
    ReadFailed { path: PathBuf, cause: String },
    #[error(
        "the data folder {path} does not exist; check the --data-dir you gave (a command that only reads makes nothing)"
    )]
    NoFolder { path: PathBuf },
    #[error("cannot read the data folder {path}: {file} is a file, not a folder")]
    FileInPath { path: PathBuf, file: PathBuf },
    #[error(
        "{path} is a link to {target}, which does not exist; put the file back there, or remove the link"
    )]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error("the disk is full; nothing was written — free some space and try again")]
    DiskFull,
    #[error("the database is read-only ({0}); nothing was written")]
    ReadOnly(String),
    #[error("cannot upgrade the database schema: {0}")]
    Migration(String),
    #[error("cannot keep a backup before upgrading the database: {0}")]
    Backup(String),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "that session is running in another window (or was left unfinished); nothing was written to it"
    )]
    NotHeld,
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(e.to_string()),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(e.to_string()),
            Some(ErrorCode::NotADatabase) => StoreError::Damaged(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Whether SQLite's error is about the file's content (damage), rather than
/// about reading or writing it (a full disk, a read-only mount).
pub(crate) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// An open limber database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Held while the store is open, so a restore waits for this process.
    _claim: Option<Claim>,
    /// The session this window runs: no other window resumes or writes it.
    held: Option<hold::SessionHold>,
}

impl Store {
    /// Opens (or creates) `limber.db` in `data_dir`, creating the folder,
    /// with a claim on the folder that a restore waits for.
    pub fn open_in(data_dir: &Path) -> Result<Store> {
        create_private_dir(data_dir)?;
        let claim = Claim::writer(data_dir)?;
        let mut store = Store::open(&data_dir.join("limber.db"))?;
        store._claim = claim;
        store.settle_file()?;
        Ok(store)
    }

    /// Opens (or creates) the database at `path` and brings its schema up to
    /// date. A file that is not a SQLite database, or whose schema is newer
    /// than this build, is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                create_new(path)?;
                std::fs::metadata(path).map_err(|cause| StoreError::DataDir {
                    path: path.to_path_buf(),
                    cause,
                })?
            }
            Err(cause) => {
                return Err(StoreError::Unreadable {
                    path: path.to_path_buf(),
                    cause,
                });
            }
        };
        if meta.is_dir() {
            return Err(StoreError::IsAFolder {
                path: path.to_path_buf(),
            });
        }
        // limber creates a new store whole (see `create_new`), so an empty
        // file here is someone else's: a copy that went wrong, perhaps.
        if meta.len() == 0 {
            return Err(StoreError::Empty {
                path: path.to_path_buf(),
            });
        }
        if meta.permissions().readonly() {
            return Err(StoreError::ReadOnlyFile {
                path: path.to_path_buf(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !writable_dir(dir)
        {
            return Err(StoreError::ReadOnlyFolder {
                path: dir.to_path_buf(),
            });
        }
        Store::open_existing(path)
    }

    /// An empty store in memory, for reading commands run before any data
    /// exists: they answer as for an empty store and create no file.
    pub fn open_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: PathBuf::from(MEMORY),
            _claim: None,
            held: None,
        })
    }

    fn open_existing(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;

        // Read before any write: a garbage file fails here, untouched.
        let found: usize = match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
            Ok(v) => usize::try_from(v).unwrap_or(usize::MAX),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
                return Err(StoreError::NotADatabase {
                    path: path.to_path_buf(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        // Schema version 0 with tables in it: someone else's SQLite file.
        if found == 0 {
            let tables: i64 = conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(StoreError::NotADatabase {
                    path: path.to_path_buf(),
                });
            }
        }
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }

        // WAL: readers (the TUI) and a writer (a shell command) do not block
        // each other, and a crash mid-write leaves the last commit intact.
        // synchronous = FULL: this is a health diary written a few times a
        // day, so an extra fsync per commit costs nothing a person can notice
        // and buys durability across power loss, not only across a crash.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;

        // A store already at this build's version (the everyday case) needs
        // no migration: reading user_version above was the whole check.
        if found < SCHEMA_VERSION {
            if found > 0 && holds_data(&conn)? {
                backup(&conn, path, found)?;
            }
            migrate(&mut conn)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            _claim: None,
            held: None,
        })
    }

    /// A data folder copied (`cp -a`, a backup put back, a clone of the
    /// disk) would make changes under its original's device id until its
    /// first sync noticed, and two copies' changes of one record could then
    /// share a version and a device and never be told apart. The store
    /// keeps the identity of the file it lives in (its inode): opened from
    /// another file, it is a copy and takes a device id of its own at once,
    /// before any change. Moved or renamed in place it keeps its id.
    fn settle_file(&mut self) -> Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let Ok(meta) = std::fs::metadata(&self.path) else {
                return Ok(());
            };
            let here = meta.ino().to_string();
            let was: Option<String> =
                self.conn
                    .query_row("SELECT file FROM sync_device", [], |r| r.get(0))?;
            if was.as_deref() == Some(here.as_str()) {
                return Ok(());
            }
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            if was.is_some() {
                tx.execute("UPDATE sync_device SET id = lower(hex(randomblob(8)))", [])?;
                // The steps `undo` would take back were the original's: here
                // they would read as changes made on another device.
                tx.execute("DELETE FROM undo_log", [])?;
                tx.execute(
                    "INSERT INTO app_state (key, value) VALUES (?1, '1')
                     ON CONFLICT (key) DO UPDATE SET value = '1'",
                    [COPIED],
                )?;
            }
            tx.execute("UPDATE sync_device SET file = ?1", [&here])?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Runs `read` in one read transaction: everything it reads comes from
    /// one state of the store, and SQLite takes its read lock once instead
    /// of once a query (the app's start reads some forty things). `read`
    /// must not write.
    pub fn reading<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(StoreError::from)?;
        // A write in here would be rolled back without a word: SQLite
        // refuses it instead, so the mistake shows.
        self.conn
            .pragma_update(None, "query_only", true)
            .map_err(StoreError::from)?;
        let result = read(self);
        self.conn
            .pragma_update(None, "query_only", false)
            .map_err(StoreError::from)?;
        // Nothing was written: ending it either way only lets go of the lock.
        tx.finish().map_err(StoreError::from)?;
        result
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder the file is in; `None` for a store in memory.
    pub(crate) fn folder(&self) -> Option<&Path> {
        match self.path.parent() {
            _ if self.path == Path::new(MEMORY) => None,
            Some(dir) if dir.as_os_str().is_empty() => Some(Path::new(".")),
            dir => dir,
        }
    }

    /// Caps the file at `pages` pages, so a test can meet a full disk
    /// (SQLITE_FULL) without filling one.
    #[doc(hidden)]
    pub fn limit_pages(&self, pages: u32) -> Result<()> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }

    /// How many check-ins and sessions the store holds.
    pub fn counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM checkins WHERE deleted_at IS NULL),
                    (SELECT count(*) FROM sessions WHERE deleted_at IS NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// A number that changes when another connection (another limber)
    /// commits, and never for this connection's own writes.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// How many rows this connection has inserted, changed or deleted since
    /// it was opened: it moves with the app's own writes only.
    pub fn own_changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<usize> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(usize::try_from(v).unwrap_or(0))
    }
}

impl Store {
    /// Every row of `sql`, whose two parameters are the first and last day
    /// of a span, turned into a `T` by `row`.
    fn rows_between<T>(
        &self,
        sql: &str,
        from: Date,
        to: Date,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([date_text(from), date_text(to)], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn holds_data(conn: &Connection) -> Result<bool> {
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('checkins', 'sessions')",
        [],
        |r| r.get(0),
    )?;
    if tables < 2 {
        return Ok(false);
    }
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM checkins) OR EXISTS (SELECT 1 FROM sessions)",
        [],
        |r| r.get(0),
    )?)
}

/// The name of the backup kept before upgrading from `version`.
pub fn backup_path(db: &Path, version: usize) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}.bak"));
    db.with_file_name(name)
}

/// Copies the whole database, consistently, beside it.
fn backup(conn: &Connection, db: &Path, version: usize) -> Result<()> {
    let target = backup_path(db, version);
    if target.exists() {
        // A backup from an earlier attempt at this same upgrade is kept as it is.
        return Ok(());
    }
    let target_text = target
        .to_str()
        .ok_or_else(|| StoreError::Backup(format!("{} is not valid UTF-8", target.display())))?;
    conn.execute("VACUUM INTO ?1", [target_text])
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    restrict(&target);
    Ok(())
}

/// Writes a new store whole: schema and all in a file beside the final one,
/// then linked into place, so a crash never leaves a half-made or empty
/// `limber.db` behind. Two processes racing to create it both succeed, and
/// the second uses the first one's file.
fn create_new(path: &Path) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".new-{}", std::process::id()));
    let temp = path.with_file_name(name);
    let _ = std::fs::remove_file(&temp);
    create_private_file(&temp)?;
    let made = (|| -> Result<()> {
        let mut conn = Connection::open(&temp)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrate(&mut conn)?;
        // Closing checkpoints the WAL into the file.
        conn.close().map_err(|(_, e)| StoreError::from(e))?;
        match std::fs::hard_link(&temp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(cause) => Err(StoreError::DataDir {
                path: path.to_path_buf(),
                cause,
            }),
        }
    })();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = temp.clone().into_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
    made
}

/// Whether a folder lets its owner write: checked from its permissions, so
/// the answer is the same for every user (root too).
fn writable_dir(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o200 != 0)
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Brings a connection's schema up to this build's; a SQLite error (a full
/// disk, a read-only file) keeps its own meaning.
fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::from(err),
        other => StoreError::Migration(other.to_string()),
    })
}

/// Health data is for its owner only: folder 0700.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let err = |cause| StoreError::DataDir {
        path: dir.to_path_buf(),
        cause,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(err)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir).map_err(err)
    }
}

/// Creates an empty database file readable by its owner only (0600); SQLite
/// gives its WAL and shared-memory files the same permissions.
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(cause) => Err(StoreError::DataDir {
            path: path.to_path_buf(),
            cause,
        }),
    }
}

pub(crate) fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Best effort: the backup is written already; tighter permissions
        // failing is not a reason to fail the upgrade.
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The state key set when this store found itself a copy as it opened
/// (see `Store::settle_file`), until a sync has said so.
pub const COPIED: &str = "sync_copied";

/// A new version for a change made here at `now` (see migration 0011):
/// later than this clock and than every version made or seen here.
pub(crate) fn next_version(tx: &rusqlite::Transaction<'_>, now: OffsetDateTime) -> Result<i64> {
    let micros = i64::try_from(now.unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX);
    Ok(tx.query_row(
        "UPDATE sync_clock SET last = max(last + 1, ?1) RETURNING last",
        [micros],
        |r| r.get(0),
    )?)
}

/// UTC time as the store writes it: "2026-11-25T07:30:00Z".
pub fn utc_text(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&Rfc3339).unwrap_or_default()
}

/// The years limber keeps: dates outside them are refused on the way in, so
/// date arithmetic on the way out never leaves the calendar.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// Whether a day is inside the years limber keeps.
pub fn in_years(day: Date) -> bool {
    YEARS.contains(&day.year())
}

pub(crate) fn parse_utc(text: &str) -> std::result::Result<OffsetDateTime, String> {
    let t = OffsetDateTime::parse(text, &Rfc3339)
        .map(|t| t.to_offset(UtcOffset::UTC))
        .map_err(|e| format!("\"{text}\" is not an RFC 3339 time ({e})"))?;
    if in_years(t.date()) {
        Ok(t)
    } else {
        Err(format!(
            "\"{text}\" is outside the years limber keeps (1900–2999)"
        ))
    }
}

pub fn date_text(d: Date) -> String {
    d.to_string()
}

pub(crate) fn parse_date(text: &str) -> std::result::Result<Date, String> {
    let day = Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("\"{text}\" is not a date (YYYY-MM-DD)"))?;
    if in_years(day) {
        Ok(day)
    } else {
        Err(format!(
            "\"{text}\" is outside the years limber keeps (1900–2999)"
        ))
    }
}

/// The date in column `i` (YYYY-MM-DD); one that does not parse is a
/// damaged row.
pub(crate) fn date_at(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<time::Date> {
    let text: String = row.get(i)?;
    parse_date(&text).map_err(|e| conversion(i, e))
}

/// A column that holds a date or time that does not parse is a damaged row;
/// rusqlite carries the reason up as a conversion error.
pub(crate) fn conversion(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
}

#[cfg(test)]
mod tests;
