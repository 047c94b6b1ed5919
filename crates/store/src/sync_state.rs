//! What `limber sync` keeps in the store: this device's id, how far each
//! file in the folder was read, the newest state the folder holds of each
//! record, the feared exercises' marks and unmarks, and a line per device
//! for `limber sync --status`. Applying what came in is one transaction.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::transfer::{self, Export, ImportSummary, RoutineRow};
use super::{Result, Store, utc_text};

/// How far a file in the folder was read: the byte after its last complete
/// line read, and its first line (a file whose first line changed was
/// replaced, and is read again from the start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMark {
    pub offset: u64,
    pub head: String,
}

/// A record's state: when it last changed, by which device, and whether
/// that change deleted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub updated_at: String,
    /// Its version: what orders two states (see migration 0011).
    pub version: i64,
    pub device: String,
    pub deleted: bool,
}

/// A record by kind ("checkin", "feared", …) and key (its UUID, or a
/// feared exercise's or routine's name).
pub type Key = (String, String);

/// A feared exercise marked (`deleted` false) or unmarked, when and by
/// which device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FearedMark {
    pub name: String,
    pub state: State,
}

/// A routine as sync carries it: the export's row and when it was last
/// seen (by this device: sessions refer to it by slug).
#[derive(Debug, Clone, PartialEq)]
pub struct SyncRoutine {
    pub row: RoutineRow,
    pub updated_at: String,
}

/// What one sync brings in, applied in one transaction.
#[derive(Debug, Default)]
pub struct Incoming {
    /// The newest copy of each record that came in.
    pub doc: Option<Export>,
    pub feared: Vec<FearedMark>,
    pub routines: Vec<SyncRoutine>,
    /// The newest state the folder holds of each record read, and the file
    /// it was read from.
    pub known: Vec<(Key, State, String)>,
    /// Each file read: how far now, and whether it was read from its start
    /// again (what was known from it is forgotten first).
    pub files: Vec<(String, FileMark, bool)>,
    /// Changes read per device, and when that device last synced (its
    /// newest mark in the folder), if it said.
    pub devices: Vec<(String, u64, Option<String>)>,
    /// The highest version read in the folder: a change made here after
    /// this sync takes a later one.
    pub seen: i64,
}

/// A line of `limber sync --status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceLine {
    pub device: String,
    pub last_sync: String,
    pub came_in: u64,
    pub went_out: u64,
}

impl Store {
    /// This store's device id, made once when the store was made or
    /// upgraded.
    pub fn device_id(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT id FROM sync_device", [], |r| r.get(0))?)
    }

    /// A new device id for this store, for a copy of a data folder that
    /// syncs beside the one it was copied from: two writers of one file
    /// would never agree. Records keep the device that changed them; the
    /// old id's file is read as another device's from now on.
    pub fn sync_new_device(&mut self) -> Result<String> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("UPDATE sync_device SET id = lower(hex(randomblob(8)))", [])?;
        // A copy's `undo` steps were the original's (see `settle_file`).
        tx.execute("DELETE FROM undo_log", [])?;
        let id: String = tx.query_row("SELECT id FROM sync_device", [], |r| r.get(0))?;
        tx.commit()?;
        Ok(id)
    }

    /// How many of `deletes` (kind, UUID) would delete an entry live here:
    /// a tombstone of an entry this store never had, or has deleted
    /// already, deletes nothing.
    pub fn sync_live_among(&self, deletes: &[(String, String)]) -> Result<usize> {
        let mut n = 0;
        for (kind, uuid) in deletes {
            let table = match kind.as_str() {
                "checkin" => "checkins",
                "session" => "sessions",
                "flare" => "flare_days",
                "fitness" => "fitness_results",
                "wellbeing" => "who5_results",
                "rand36" => "rand36_results",
                "fear-step" => "fear_steps",
                "fear-try" => "fear_tries",
                _ => continue,
            };
            let live: bool = self
                .conn
                .prepare_cached(&format!(
                    "SELECT EXISTS (SELECT 1 FROM {table} WHERE uuid = ?1 AND deleted_at IS NULL)"
                ))?
                .query_row([uuid], |r| r.get(0))?;
            n += usize::from(live);
        }
        Ok(n)
    }

    /// How far a file in the sync folder was read, if ever.
    pub fn sync_file(&self, name: &str) -> Result<Option<FileMark>> {
        Ok(self
            .conn
            .prepare_cached("SELECT offset, head FROM sync_files WHERE name = ?1")?
            .query_row([name], |r| {
                Ok(FileMark {
                    offset: r.get::<_, i64>(0)?.try_into().unwrap_or(0),
                    head: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// The newest state the folder is known to hold of each record.
    pub fn sync_known(&self) -> Result<HashMap<Key, State>> {
        let mut stmt = self
            .conn
            .prepare("SELECT kind, key, updated_at, device, deleted, version FROM sync_known")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                State {
                    updated_at: r.get(2)?,
                    device: r.get(3)?,
                    deleted: r.get(4)?,
                    version: r.get(5)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The state of every record a sync sends (sessions under way and
    /// their check-ins wait until they end), cheap to read: a sync reads
    /// the rows themselves only when one is newer than the folder's.
    pub fn sync_states(&self) -> Result<Vec<(Key, State)>> {
        let mut stmt = self.conn.prepare(
            "SELECT 'checkin', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM checkins
              WHERE deleted_at IS NOT NULL OR session_id IS NULL
                 OR session_id NOT IN (SELECT id FROM sessions WHERE status = 'in_progress')
             UNION ALL
             SELECT 'session', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM sessions
              WHERE deleted_at IS NOT NULL OR status != 'in_progress'
             UNION ALL
             SELECT 'flare', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM flare_days
             UNION ALL
             SELECT 'fitness', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM fitness_results
             UNION ALL
             SELECT 'wellbeing', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM who5_results
             UNION ALL
             SELECT 'rand36', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM rand36_results
             UNION ALL
             SELECT 'fear-step', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM fear_steps
             UNION ALL
             SELECT 'fear-try', uuid, coalesce(deleted_at, updated_at), device,
                    deleted_at IS NOT NULL, coalesce(version, 0) FROM fear_tries
             UNION ALL
             SELECT 'programme', uuid, coalesce(nullif(updated_at, ''), enrolled_at), device, 0,
                    coalesce(version, 0)
               FROM programme_enrolments",
        )?;
        let me = self.device_id()?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                State {
                    updated_at: r.get(2)?,
                    device: r.get::<_, Option<String>>(3)?.unwrap_or_else(|| me.clone()),
                    deleted: r.get(4)?,
                    version: r.get(5)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every feared exercise marked or unmarked here, by name.
    pub fn feared_marks(&self) -> Result<Vec<FearedMark>> {
        let mut stmt = self.conn.prepare(
            "SELECT name, marked_at, coalesce(device, ''), 0, version FROM feared_exercises
             UNION ALL
             SELECT name, unmarked_at, device, 1, version FROM feared_unmarked
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FearedMark {
                name: r.get(0)?,
                state: {
                    let updated_at: String = r.get(1)?;
                    let version: Option<i64> = r.get(4)?;
                    State {
                        version: version.unwrap_or_else(|| transfer::legacy_version(&updated_at)),
                        updated_at,
                        device: r.get(2)?,
                        deleted: r.get(3)?,
                    }
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every routine sessions here refer to, with when it was last seen.
    pub fn sync_routines(&self) -> Result<Vec<SyncRoutine>> {
        let mut stmt = self.conn.prepare(
            "SELECT slug, name, source, definition, uuid, updated_at FROM routines ORDER BY slug",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SyncRoutine {
                row: RoutineRow {
                    slug: r.get(0)?,
                    name: r.get(1)?,
                    source: r.get(2)?,
                    definition: r.get(3)?,
                    uuid: r.get(4)?,
                },
                updated_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Applies what came in, all of it or (on any error) nothing. The
    /// document must have been checked (`transfer::check`).
    pub fn sync_apply(
        &mut self,
        incoming: &Incoming,
        now: time::OffsetDateTime,
    ) -> Result<ImportSummary> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (name, _, reread) in &incoming.files {
            if *reread {
                tx.execute("DELETE FROM sync_known WHERE file = ?1", [name])?;
            }
        }
        // Routines first: a session that came in names its routine.
        // One that does not fit here (its UUID another routine's) is left
        // out, and the rest applies.
        let mut tx = tx;
        for r in &incoming.routines {
            let sp = tx.savepoint()?;
            match routine(&sp, r) {
                Ok(()) => sp.commit()?,
                Err(e) => tracing::warn!("sync: routine {} left out: {e}", r.row.slug),
            }
        }
        let mut summary = match &incoming.doc {
            Some(doc) => transfer::apply(&tx, doc, now, true)?,
            None => ImportSummary::default(),
        };
        for f in &incoming.feared {
            if feared(&tx, f)? {
                summary.updated += 1;
            }
        }
        remember(&tx, &incoming.known)?;
        tx.execute(
            "UPDATE sync_clock SET last = max(last, ?1)",
            [incoming.seen],
        )?;
        for (name, mark, _) in &incoming.files {
            file_mark(&tx, name, mark)?;
        }
        let now = utc_text(now);
        for (device, came_in, last) in &incoming.devices {
            tx.execute(
                "INSERT INTO sync_devices (device, last_sync, came_in) VALUES (?1, ?2, ?3)
                 ON CONFLICT (device) DO UPDATE SET came_in = came_in + excluded.came_in,
                    last_sync = max(last_sync, excluded.last_sync)",
                params![
                    device,
                    last.as_deref().unwrap_or(""),
                    i64::try_from(*came_in).unwrap_or(i64::MAX)
                ],
            )?;
        }
        let me: String = tx.query_row("SELECT id FROM sync_device", [], |r| r.get(0))?;
        let came_in: u64 = incoming.devices.iter().map(|d| d.1).sum();
        tx.execute(
            "INSERT INTO sync_devices (device, last_sync, came_in) VALUES (?1, ?2, ?3)
             ON CONFLICT (device) DO UPDATE SET came_in = came_in + excluded.came_in",
            params![me, now, i64::try_from(came_in).unwrap_or(i64::MAX)],
        )?;
        tx.commit()?;
        Ok(summary)
    }

    /// Records what this sync wrote to this device's file: the states the
    /// folder now holds, how far the file is, and the count gone out.
    pub fn sync_written(
        &mut self,
        file: &str,
        mark: &FileMark,
        known: &[(Key, State, String)],
        went_out: u64,
        now: time::OffsetDateTime,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        remember(&tx, known)?;
        file_mark(&tx, file, mark)?;
        let me: String = tx.query_row("SELECT id FROM sync_device", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO sync_devices (device, last_sync, went_out) VALUES (?1, ?2, ?3)
             ON CONFLICT (device) DO UPDATE SET went_out = went_out + excluded.went_out,
                last_sync = excluded.last_sync",
            params![
                me,
                utc_text(now),
                i64::try_from(went_out).unwrap_or(i64::MAX)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The files read so far.
    pub fn sync_file_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM sync_files ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets how far a file was read (it is read from its start next).
    pub fn sync_forget_file(&mut self, name: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM sync_files WHERE name = ?1", [name])?;
        tx.execute("DELETE FROM sync_known WHERE file = ?1", [name])?;
        tx.commit()?;
        Ok(())
    }

    /// Each device seen, this one first.
    pub fn sync_devices(&self) -> Result<Vec<DeviceLine>> {
        let mut stmt = self.conn.prepare(
            "SELECT device, last_sync, came_in, went_out FROM sync_devices
             ORDER BY device != (SELECT id FROM sync_device), device",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DeviceLine {
                device: r.get(0)?,
                last_sync: r.get(1)?,
                came_in: r.get::<_, i64>(2)?.try_into().unwrap_or(0),
                went_out: r.get::<_, i64>(3)?.try_into().unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn remember(tx: &Transaction<'_>, known: &[(Key, State, String)]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sync_known (kind, key, updated_at, device, deleted, file, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (kind, key) DO UPDATE SET updated_at = excluded.updated_at,
            device = excluded.device, deleted = excluded.deleted, file = excluded.file,
            version = excluded.version",
    )?;
    for ((kind, key), s, file) in known {
        stmt.execute(params![
            kind,
            key,
            s.updated_at,
            s.device,
            s.deleted,
            file,
            s.version
        ])?;
    }
    Ok(())
}

fn file_mark(tx: &Transaction<'_>, name: &str, mark: &FileMark) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_files (name, offset, head) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET offset = excluded.offset, head = excluded.head",
        params![
            name,
            i64::try_from(mark.offset).unwrap_or(i64::MAX),
            mark.head
        ],
    )?;
    Ok(())
}

/// A routine that came in: added when new here, or taking the incoming
/// copy when it was seen later (then the higher UUID), so every store keeps
/// the same row per slug.
fn routine(tx: &rusqlite::Connection, r: &SyncRoutine) -> Result<()> {
    let uuid = r.row.uuid.clone().unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO routines (slug, name, source, definition, updated_at, uuid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, source = excluded.source,
            definition = excluded.definition, updated_at = excluded.updated_at,
            uuid = excluded.uuid
         WHERE excluded.updated_at > routines.updated_at
            OR (excluded.updated_at = routines.updated_at
                AND excluded.uuid > coalesce(routines.uuid, ''))",
    )?
    .execute(params![
        r.row.slug,
        r.row.name,
        r.row.source,
        r.row.definition,
        r.updated_at,
        uuid
    ])?;
    Ok(())
}

/// A feared exercise's mark or unmark that came in, taken when newer than
/// this store's (by time, then device). Returns whether it changed anything.
fn feared(tx: &Transaction<'_>, f: &FearedMark) -> Result<bool> {
    let here: Option<(String, String, bool, Option<i64>)> = tx
        .prepare_cached(
            "SELECT marked_at, coalesce(device, ''), 0, version FROM feared_exercises
             WHERE name = ?1
             UNION ALL
             SELECT unmarked_at, device, 1, version FROM feared_unmarked WHERE name = ?1",
        )?
        .query_row([&f.name], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    // Newest first, then the higher device, then the unmark: as sync ranks
    // a feared exercise's states.
    if let Some((at, device, unmarked, version)) = &here
        && (f.state.version, f.state.device.as_str(), f.state.deleted)
            <= (
                version.unwrap_or_else(|| transfer::legacy_version(at)),
                device.as_str(),
                *unmarked,
            )
    {
        return Ok(false);
    }
    if f.state.deleted {
        tx.execute("DELETE FROM feared_exercises WHERE name = ?1", [&f.name])?;
        tx.execute(
            "INSERT INTO feared_unmarked (name, unmarked_at, device, version)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET unmarked_at = excluded.unmarked_at,
                device = excluded.device, version = excluded.version",
            params![f.name, f.state.updated_at, f.state.device, f.state.version],
        )?;
    } else {
        tx.execute(
            "INSERT INTO feared_exercises (name, marked_at, device, version)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET marked_at = excluded.marked_at,
                device = excluded.device, version = excluded.version",
            params![f.name, f.state.updated_at, f.state.device, f.state.version],
        )?;
        tx.execute("DELETE FROM feared_unmarked WHERE name = ?1", [&f.name])?;
    }
    Ok(true)
}
