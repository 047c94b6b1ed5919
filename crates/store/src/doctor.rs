//! `limber doctor`: a look at the store without changing it (integrity,
//! foreign keys, counts, backups), and putting the newest backup back.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::{Connection, OpenFlags};

use super::{Result, StoreError, is_damage};

/// What `limber doctor` found.
#[derive(Debug, Clone)]
pub struct Health {
    pub path: PathBuf,
    pub size: u64,
    /// `None` when SQLite cannot read the file at all.
    pub schema_version: Option<usize>,
    /// SQLite's integrity check: `["ok"]` when all is well.
    pub integrity: Vec<String>,
    pub foreign_key_problems: usize,
    /// Live check-ins, sessions, exercises (of live sessions) — when they
    /// can be counted.
    pub counts: Option<(i64, i64, i64)>,
    /// Deleted entries kept as tombstones.
    pub tombstones: i64,
    pub backups: Vec<Backup>,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.size > 0
            && self.schema_version.is_some_and(|v| v > 0)
            && self.integrity == ["ok"]
            && self.foreign_key_problems == 0
    }
}

#[derive(Debug, Clone)]
pub struct Backup {
    pub path: PathBuf,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// The backups kept beside `db`, newest first: the copies `limber backup`
/// makes there (`limber-backup-….db`) and the ones kept before a schema
/// upgrade (`limber.db.vN.bak`).
pub fn backups(db: &Path) -> Vec<Backup> {
    let Some(dir) = db.parent() else {
        return Vec::new();
    };
    let prefix = format!("{}.v", db.file_name().unwrap_or_default().to_string_lossy());
    let mut found: Vec<Backup> = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    })
    .into_iter()
    .flatten()
    .filter_map(std::result::Result::ok)
    .filter(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        (name.starts_with(&prefix) && name.ends_with(".bak"))
            || (name.starts_with("limber-backup-") && name.ends_with(".db"))
    })
    .filter_map(|e| {
        let meta = e.metadata().ok()?;
        Some(Backup {
            path: e.path(),
            size: meta.len(),
            modified: meta.modified().ok(),
        })
    })
    .collect();
    found.sort_by(|a, b| b.modified.cmp(&a.modified).then(b.path.cmp(&a.path)));
    found
}

/// Looks at the store read-only: nothing is written, no journal is made.
pub fn inspect(db: &Path) -> Result<Health> {
    let meta = std::fs::metadata(db).map_err(|cause| StoreError::Unreadable {
        path: db.to_path_buf(),
        cause,
    })?;
    let mut health = Health {
        path: db.to_path_buf(),
        size: meta.len(),
        schema_version: None,
        integrity: Vec::new(),
        foreign_key_problems: 0,
        counts: None,
        tombstones: 0,
        backups: backups(db),
    };
    if meta.is_dir() {
        health
            .integrity
            .push("it is a folder, not a file".to_string());
        return Ok(health);
    }
    if meta.len() == 0 {
        health
            .integrity
            .push("the file is empty (0 bytes)".to_string());
        return Ok(health);
    }
    // Only what SQLite says of the content is damage; an error in reading
    // (a full disk, a read-only mount, permissions) says nothing about it
    // and is an error of its own.
    let read_failed = |e: rusqlite::Error| StoreError::ReadFailed {
        path: db.to_path_buf(),
        cause: e.to_string(),
    };
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(read_failed)?;
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(v) => health.schema_version = Some(usize::try_from(v).unwrap_or(0)),
        Err(e) if is_damage(&e) => {
            health.integrity.push(format!("SQLite cannot read it: {e}"));
            return Ok(health);
        }
        Err(e) => return Err(read_failed(e)),
    }
    let integrity = conn
        .prepare("PRAGMA integrity_check(20)")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    match integrity {
        Ok(lines) => health.integrity = lines,
        Err(e) if is_damage(&e) => health.integrity.push(e.to_string()),
        Err(e) => return Err(read_failed(e)),
    }
    health.foreign_key_problems = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| s.query_map([], |_| Ok(())).map(|rows| rows.count()))
        .unwrap_or(0);
    let exercises = |filter: &str| {
        conn.query_row(
            &format!("SELECT count(*) FROM session_exercises {filter}"),
            [],
            |r| r.get::<_, i64>(0),
        )
    };
    let exercises =
        exercises("WHERE session_id IN (SELECT id FROM sessions WHERE deleted_at IS NULL)")
            .or_else(|_| exercises(""));
    if let (Some((checkins, sessions, tombstones)), Ok(exercises)) =
        (super::backup::live_counts(&conn), exercises)
    {
        health.counts = Some((checkins, sessions, exercises));
        health.tombstones = tombstones;
    }
    Ok(health)
}

/// Puts a checked copy of the newest backup in place of `db`; the current
/// file (and its journal) is kept aside as `limber.db.damaged-{stamp}`, never
/// over anything set aside before. The caller holds the folder's whole
/// claim. Returns (backup used, where the old file went).
pub fn restore_newest(db: &Path, stamp: &str) -> Result<(PathBuf, Option<PathBuf>)> {
    let backup = backups(db).into_iter().next().ok_or_else(|| {
        StoreError::Invalid(format!("there is no backup beside {}", db.display()))
    })?;
    let (_, moved) = super::backup::restore(&backup.path, db, "damaged", stamp)?;
    Ok((backup.path, moved))
}
