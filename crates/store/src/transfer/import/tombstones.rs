//! Bringing in tombstones: a deletion from the file, weighed against the row here.

use rusqlite::{Transaction, params};

use super::flares::{FlareVersion, flare_version};
use super::{file_version, local, newer_by, not_older, set_device, utc};
use crate::transfer::{DeletedRow, ImportSummary, ladder, rand36};
use crate::{Result, StoreError};
use limber_domain::model::EntryKind;

/// A tombstone from the file: the row here is deleted too unless it changed
/// after the deletion; a row this store never had is kept as a tombstone,
/// so a later import of an older file cannot bring it in. In a sync
/// (`sync`) a tombstone is final: it deletes the row here however recently
/// it changed, and of two tombstones of one row the newer (by time, then
/// device) is kept, so every store ends with the same one.
pub(super) fn deleted(
    tx: &Transaction<'_>,
    d: &DeletedRow,
    summary: &mut ImportSummary,
    sync: bool,
) -> Result<()> {
    if d.kind == "rand36" {
        return rand36::deleted(tx, d, summary, sync);
    }
    if ladder::is_kind(&d.kind) {
        return ladder::deleted(tx, d, summary, sync);
    }
    let Some(kind) = EntryKind::parse(&d.kind) else {
        return Err(StoreError::Invalid(format!(
            "a deleted row's kind \"{}\" is not checkin, session, flare, fitness, wellbeing, rand36, fear-step or fear-try",
            d.kind
        )));
    };
    let at = utc(&d.deleted_at);
    let dv = file_version(d.version, Some(&d.deleted_at)).unwrap_or(0);
    if sync && kind == EntryKind::Flare {
        let line = FlareVersion {
            day: &d.local_date,
            uuid: &d.uuid,
            note: None,
            marked_at: at.clone(),
            updated_at: at.clone(),
            deleted_at: Some(at),
            device: d.device.as_deref(),
            version: dv,
        };
        return flare_version(tx, &line, summary);
    }
    match local(tx, kind, &d.uuid)? {
        None => {
            // The row's values are gone; the columns that must hold
            // something hold the deletion's time and day, and nothing reads
            // a tombstone's values.
            let sql = match kind {
                EntryKind::CheckIn => {
                    "INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety,
                        mood, updated_at, deleted_at)
                     VALUES (?1, ?2, ?3, 'daily', 0, 0, 0, ?2, ?2)"
                }
                EntryKind::Session => {
                    "INSERT INTO sessions (uuid, activity, kind, status, started_at, ended_at,
                        local_date, updated_at, deleted_at)
                     VALUES (?1, '', 'logged', 'aborted', ?2, ?2, ?3, ?2, ?2)"
                }
                EntryKind::Flare => {
                    "INSERT INTO flare_days (uuid, marked_at, local_date, updated_at, deleted_at)
                     VALUES (?1, ?2, ?3, ?2, ?2) ON CONFLICT DO NOTHING"
                }
                EntryKind::Fitness => {
                    "INSERT INTO fitness_results (uuid, test, value, recorded_at, local_date,
                        updated_at, deleted_at)
                     VALUES (?1, 'chair-stand', 0, ?2, ?3, ?2, ?2)"
                }
                EntryKind::Wellbeing => {
                    "INSERT INTO who5_results (uuid, a1, a2, a3, a4, a5, recorded_at, local_date,
                        updated_at, deleted_at)
                     VALUES (?1, 0, 0, 0, 0, 0, ?2, ?3, ?2, ?2)"
                }
            };
            // Kept as a tombstone: nothing here was deleted.
            if tx.execute(sql, params![d.uuid, at, d.local_date])? > 0 {
                set_device(tx, kind, tx.last_insert_rowid(), &d.device, Some(dv))?;
                summary.skipped += 1;
            } else {
                summary.skipped += 1;
            }
        }
        Some(l)
            if !l.deleted && !l.running && ((sync && !l.switch) || not_older(dv, l.version)) =>
        {
            let sql = match kind {
                EntryKind::CheckIn => {
                    "UPDATE checkins SET deleted_at = ?2, updated_at = ?2, note = NULL,
                        fear = NULL, session_id = NULL WHERE id = ?1"
                }
                EntryKind::Session => {
                    "UPDATE sessions SET deleted_at = ?2, updated_at = ?2, note = NULL WHERE id = ?1"
                }
                EntryKind::Flare => {
                    "UPDATE flare_days SET deleted_at = ?2, updated_at = ?2, note = NULL
                     WHERE rowid = ?1"
                }
                EntryKind::Fitness => {
                    "UPDATE fitness_results SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"
                }
                EntryKind::Wellbeing => {
                    "UPDATE who5_results SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"
                }
            };
            tx.execute(sql, params![l.id, at])?;
            set_device(tx, kind, l.id, &d.device, Some(dv))?;
            summary.deleted += 1;
        }
        Some(l)
            if sync
                && l.deleted
                && newer_by(
                    Some(dv),
                    d.device.as_deref(),
                    l.version,
                    l.device.as_deref(),
                ) =>
        {
            let sql = match kind {
                EntryKind::CheckIn => {
                    "UPDATE checkins SET deleted_at = ?2, updated_at = ?2, local_date = ?3
                     WHERE id = ?1"
                }
                EntryKind::Session => {
                    "UPDATE sessions SET deleted_at = ?2, updated_at = ?2, local_date = ?3
                     WHERE id = ?1"
                }
                EntryKind::Flare => {
                    "UPDATE flare_days SET deleted_at = ?2, updated_at = ?2 WHERE rowid = ?1"
                }
                EntryKind::Fitness => {
                    "UPDATE fitness_results SET deleted_at = ?2, updated_at = ?2, local_date = ?3
                     WHERE id = ?1"
                }
                EntryKind::Wellbeing => {
                    "UPDATE who5_results SET deleted_at = ?2, updated_at = ?2, local_date = ?3
                     WHERE id = ?1"
                }
            };
            // A flare day's date is what it is (its UUID names that day), so
            // its statement takes no date.
            if kind == EntryKind::Flare {
                tx.execute(sql, params![l.id, at])?;
            } else {
                tx.execute(sql, params![l.id, at, d.local_date])?;
            }
            set_device(tx, kind, l.id, &d.device, Some(dv))?;
            summary.skipped += 1;
        }
        Some(_) => summary.skipped += 1,
    }
    Ok(())
}
