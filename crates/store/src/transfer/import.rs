//! Bringing an export document into the store. A row the store has not
//! seen is added; a row it has is changed only when the file's copy is
//! newer (its `updated_at` later than the store's), so a correction made on
//! one machine travels and an older export never undoes a later edit. A
//! tombstone in the file deletes the row here when the row here is not
//! newer, and a tombstone here is never brought back by an older or equally
//! old live row. Files from before `updated_at` carry none: their rows are
//! never newer, so they only add, as they always did.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Export, ImportSummary, SessionRow};
use crate::{Result, StoreError, parse_utc, utc_text};
use limber_domain::model::{EntryKind, SessionStatus};

mod flares;
mod tombstones;
use flares::flares;
use tombstones::deleted;

/// What the store holds of a row with a given UUID.
pub(super) struct Local {
    pub(super) id: i64,
    pub(super) deleted: bool,
    /// A session under way here is its window's; an import leaves it be.
    running: bool,
    /// The device that last changed it.
    pub(super) device: Option<String>,
    /// Its version (see migration 0011): what orders two copies.
    pub(super) version: i64,
    /// A flare day is a switch, not an entry: marked again after it was
    /// cleared, the newer version wins, the clear too.
    switch: bool,
}

impl Local {
    /// Whether a copy changed at `updated_at` by `device` replaces this
    /// one: it is newer (see `newer_by`) and this one is not under way. A
    /// row deleted here stays deleted, in a sync and in an import alike: a
    /// tombstone is final, so nothing deleted on one device comes back
    /// from another, nor from a file on one device only (where it would
    /// live for good, its tombstone ranking above it in every sync).
    pub(super) fn takes(&self, version: Option<i64>, device: Option<&str>) -> bool {
        !(self.running || (self.deleted && !self.switch))
            && newer_by(version, device, self.version, self.device.as_deref())
    }
}

pub(super) fn local(tx: &Transaction<'_>, kind: EntryKind, uuid: &str) -> Result<Option<Local>> {
    let sql = match kind {
        EntryKind::CheckIn => {
            "SELECT id, updated_at, deleted_at IS NOT NULL, 0, device, coalesce(version, 0) FROM checkins WHERE uuid = ?1"
        }
        EntryKind::Session => {
            "SELECT id, updated_at, deleted_at IS NOT NULL, status = 'in_progress', device,
                    coalesce(version, 0)
             FROM sessions WHERE uuid = ?1"
        }
        EntryKind::Flare => {
            "SELECT rowid, updated_at, deleted_at IS NOT NULL, 0, device, coalesce(version, 0) FROM flare_days WHERE uuid = ?1"
        }
        EntryKind::Fitness => {
            "SELECT id, updated_at, deleted_at IS NOT NULL, 0, device, coalesce(version, 0) FROM fitness_results WHERE uuid = ?1"
        }
        EntryKind::Wellbeing => {
            "SELECT id, updated_at, deleted_at IS NOT NULL, 0, device, coalesce(version, 0) FROM who5_results WHERE uuid = ?1"
        }
    };
    Ok(tx
        .prepare_cached(sql)?
        .query_row([uuid], |r| {
            Ok(Local {
                id: r.get(0)?,
                switch: kind == EntryKind::Flare,
                deleted: r.get(2)?,
                running: r.get(3)?,
                device: r.get(4)?,
                version: r.get(5)?,
            })
        })
        .optional()?)
}

/// Whether the file's copy is newer than the store's: its version is
/// later, or the same and its device id sorts after the store's, so every
/// store picks the same copy of a row changed at the same moment on two
/// devices. A file without a version or `updated_at` (written before limber
/// kept them) is never newer; one without a device never wins a tie.
pub(crate) fn newer_by(
    file: Option<i64>,
    file_device: Option<&str>,
    here: i64,
    here_device: Option<&str>,
) -> bool {
    match file {
        Some(file) => {
            file > here
                || (file == here
                    && matches!((file_device, here_device), (Some(f), Some(h)) if f > h))
        }
        None => false,
    }
}

/// A row's version as a file gives it: its `version`, or for a file from
/// before versions its `updated_at` in microseconds (what migration 0011
/// gave every row), so an old file's rows weigh as they did.
pub fn file_version(version: Option<i64>, updated_at: Option<&str>) -> Option<i64> {
    version.or_else(|| updated_at.map(legacy_version))
}

/// The version of a change known only by its time.
pub fn legacy_version(updated_at: &str) -> i64 {
    parse_utc(updated_at).map_or(0, |t| t.unix_timestamp().saturating_mul(1_000_000))
}

/// Records which device last changed a row brought in, and its version
/// (the file's, or one worked out from its `updated_at`), after the write.
pub(super) fn set_device(
    tx: &Transaction<'_>,
    kind: EntryKind,
    id: i64,
    device: &Option<String>,
    version: Option<i64>,
) -> Result<()> {
    let sql = match kind {
        EntryKind::CheckIn => {
            "UPDATE checkins SET device = coalesce(?2, device),
                version = coalesce(?3, unixepoch(updated_at) * 1000000, 0) WHERE id = ?1"
        }
        EntryKind::Session => {
            "UPDATE sessions SET device = coalesce(?2, device),
                version = coalesce(?3, unixepoch(updated_at) * 1000000, 0) WHERE id = ?1"
        }
        EntryKind::Flare => {
            "UPDATE flare_days SET device = coalesce(?2, device),
                version = coalesce(?3, unixepoch(updated_at) * 1000000, 0) WHERE rowid = ?1"
        }
        EntryKind::Fitness => {
            "UPDATE fitness_results SET device = coalesce(?2, device),
                version = coalesce(?3, unixepoch(updated_at) * 1000000, 0) WHERE id = ?1"
        }
        EntryKind::Wellbeing => {
            "UPDATE who5_results SET device = coalesce(?2, device),
                version = coalesce(?3, unixepoch(updated_at) * 1000000, 0) WHERE id = ?1"
        }
    };
    tx.prepare_cached(sql)?
        .execute(params![id, device, version])?;
    Ok(())
}

/// Whether a deletion of version `deleted` is as late as the store's row
/// or later.
fn not_older(deleted: i64, here: i64) -> bool {
    deleted >= here
}

/// The `updated_at` to store: the file's, or '' for the store's triggers to
/// fill in with the row's own time.
pub(super) fn updated_text(updated_at: Option<&str>) -> String {
    updated_at.map(utc).unwrap_or_default()
}

/// Brings the rows in; `sync` for a sync's changes, where a tombstone is
/// final (see `deleted`).
pub(super) fn import_rows(
    tx: &Transaction<'_>,
    doc: &Export,
    now: time::OffsetDateTime,
    sync: bool,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let now = utc_text(now);
    let routine_ids = routines(tx, doc, &now)?;
    sessions(tx, doc, &routine_ids, &mut summary)?;
    // Before the check-ins: one may name a session deleted since.
    for d in &doc.deleted {
        deleted(tx, d, &mut summary, sync)?;
    }
    checkins(tx, doc, &mut summary)?;
    flares(tx, doc, &mut summary, sync)?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO feared_exercises (name, marked_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?;
    for name in &doc.feared {
        insert.execute(params![name.trim(), now])?;
    }
    Ok(summary)
}

/// Routines this store has not seen are added as the file describes them;
/// one known here by its slug stays as it is. Returns every routine's id by
/// slug.
fn routines(tx: &Transaction<'_>, doc: &Export, now: &str) -> Result<HashMap<String, i64>> {
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO routines (slug, name, source, definition, updated_at, uuid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        )?;
        for r in &doc.routines {
            let uuid = r
                .uuid
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            insert.execute(params![r.slug, r.name, r.source, r.definition, now, uuid])?;
        }
        for s in &doc.sessions {
            if let Some(slug) = &s.routine {
                let uuid = uuid::Uuid::new_v4().to_string();
                insert.execute(params![slug, slug, "imported", "", now, uuid])?;
            }
        }
    }
    let mut ids = HashMap::new();
    let mut stmt = tx.prepare("SELECT slug, id FROM routines")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (slug, id) = row?;
        ids.insert(slug, id);
    }
    Ok(ids)
}

fn sessions(
    tx: &Transaction<'_>,
    doc: &Export,
    routine_ids: &HashMap<String, i64>,
    summary: &mut ImportSummary,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO sessions (uuid, routine_id, activity, kind, status, started_at, ended_at,
            local_date, planned_seconds, active_seconds, note, gentle, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE sessions SET routine_id = ?2, activity = ?3, kind = ?4, status = ?5,
            started_at = ?6, ended_at = ?7, local_date = ?8, planned_seconds = ?9,
            active_seconds = ?10, note = ?11, gentle = ?12, updated_at = ?13, deleted_at = NULL
         WHERE id = ?1",
    )?;
    let mut session_id = tx.prepare_cached("SELECT id FROM sessions WHERE uuid = ?1")?;
    for s in &doc.sessions {
        let routine_id = s.routine.as_ref().and_then(|slug| routine_ids.get(slug));
        let (status, ended_at) = settled(s);
        let here = local(tx, EntryKind::Session, &s.uuid)?;
        let sv = file_version(s.version, s.updated_at.as_deref());
        let values = params![
            s.uuid,
            routine_id,
            s.activity,
            s.kind,
            status,
            utc(&s.started_at),
            ended_at.map(utc),
            s.local_date,
            s.planned_seconds,
            s.active_seconds,
            s.note,
            s.gentle,
            updated_text(s.updated_at.as_deref())
        ];
        let (new, replace) = match &here {
            None => {
                insert.execute(values)?;
                set_device(
                    tx,
                    EntryKind::Session,
                    tx.last_insert_rowid(),
                    &s.device,
                    sv,
                )?;
                summary.sessions_added += 1;
                (true, false)
            }
            Some(l) if l.takes(sv, s.device.as_deref()) => {
                let mut values = values.to_vec();
                values[0] = &l.id;
                update.execute(values.as_slice())?;
                set_device(tx, EntryKind::Session, l.id, &s.device, sv)?;
                summary.updated += 1;
                (false, true)
            }
            Some(_) => {
                summary.skipped += 1;
                (false, false)
            }
        };
        let id: i64 = session_id.query_row([&s.uuid], |r| r.get(0))?;
        exercises(tx, id, s, (new, replace), summary)?;
    }
    Ok(())
}

/// A session's exercises are part of it: a session new here comes with
/// its exercises, and with `replace` (the file's session is newer) the
/// file's exercises replace this store's, ratings included, so every store
/// keeps the winning version's whole session. An older copy adds nothing.
fn exercises(
    tx: &Transaction<'_>,
    session_id: i64,
    s: &SessionRow,
    (new, replace): (bool, bool),
    summary: &mut ImportSummary,
) -> Result<()> {
    if !new && !replace {
        summary.skipped += s.exercises.len() as u64;
        return Ok(());
    }
    if replace {
        tx.prepare_cached("DELETE FROM session_exercises WHERE session_id = ?1")?
            .execute([session_id])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO session_exercises (uuid, session_id, position, name, kind,
            planned_seconds, actual_seconds, planned_reps, sets_planned, sets_done,
            status, comfort, finished_at, expected_pain, actual_pain)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT DO NOTHING",
    )?;
    for e in &s.exercises {
        let added = insert.execute(params![
            e.uuid,
            session_id,
            e.position,
            e.name,
            e.kind,
            e.planned_seconds,
            e.actual_seconds,
            e.planned_reps,
            e.sets_planned,
            e.sets_done,
            e.status,
            e.comfort,
            utc(&e.finished_at),
            e.expected_pain,
            e.actual_pain
        ])?;
        if added > 0 && !replace {
            summary.exercises_added += 1;
        } else if added == 0 {
            summary.skipped += 1;
        }
    }
    Ok(())
}

fn checkins(tx: &Transaction<'_>, doc: &Export, summary: &mut ImportSummary) -> Result<()> {
    let mut session_id = tx.prepare_cached("SELECT id FROM sessions WHERE uuid = ?1")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO checkins (uuid, recorded_at, local_date, context, session_id,
            pain, anxiety, mood, fear, note, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE checkins SET recorded_at = ?2, local_date = ?3, context = ?4, session_id = ?5,
            pain = ?6, anxiety = ?7, mood = ?8, fear = ?9, note = ?10, updated_at = ?11,
            deleted_at = NULL
         WHERE id = ?1",
    )?;
    for (i, c) in doc.checkins.iter().enumerate() {
        let session = match &c.session {
            None => None,
            Some(uuid) => Some(
                session_id
                    .query_row([uuid], |r| r.get::<_, i64>(0))
                    .map_err(|_| {
                        StoreError::Invalid(format!(
                            "checkins[{i}].session {uuid} is neither in the file nor in this store"
                        ))
                    })?,
            ),
        };
        let here = local(tx, EntryKind::CheckIn, &c.uuid)?;
        let cv = file_version(c.version, c.updated_at.as_deref());
        let values = params![
            c.uuid,
            utc(&c.recorded_at),
            c.local_date,
            c.context,
            session,
            c.pain,
            c.anxiety,
            c.mood,
            c.fear,
            c.note,
            updated_text(c.updated_at.as_deref())
        ];
        // Checked by `validate` before any row is written.
        let with = c.checkin_context().map_err(StoreError::Invalid)?;
        match &here {
            None => {
                insert.execute(values)?;
                let id = tx.last_insert_rowid();
                crate::context::write(tx, id, &with)?;
                set_device(tx, EntryKind::CheckIn, id, &c.device, cv)?;
                summary.checkins_added += 1;
            }
            Some(l) if l.takes(cv, c.device.as_deref()) => {
                let mut values = values.to_vec();
                values[0] = &l.id;
                update.execute(values.as_slice())?;
                crate::context::write(tx, l.id, &with)?;
                set_device(tx, EntryKind::CheckIn, l.id, &c.device, cv)?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    Ok(())
}

/// A time as the store keeps it: UTC, RFC 3339. An export may carry any
/// offset (`2026-11-25T20:00:00+12:00`); kept as written, it would sort
/// wrongly against every other time. Checked by `validate` before.
pub(super) fn utc(text: &str) -> String {
    parse_utc(text).map_or_else(|_| text.to_string(), utc_text)
}

/// The status and end an imported session is kept with. One in progress
/// in the file (exported while it ran, or after a crash) comes in as
/// aborted, ended at its last finished exercise: it was under way on
/// another machine or long ago, and resuming it here would take over the
/// resume prompt with someone else's session.
fn settled(s: &SessionRow) -> (&str, Option<&str>) {
    if s.status != SessionStatus::InProgress.as_str() {
        return (&s.status, s.ended_at.as_deref());
    }
    let last = s
        .exercises
        .iter()
        .map(|e| e.finished_at.as_str())
        .chain(s.ended_at.as_deref())
        .max_by_key(|t| parse_utc(t).ok());
    (
        SessionStatus::Aborted.as_str(),
        Some(last.unwrap_or(&s.started_at)),
    )
}
