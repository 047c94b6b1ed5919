//! Bringing in flare days: each mark, note and clear is a version of the day's one record.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{file_version, local, set_device, updated_text, utc};
use crate::Result;
use crate::transfer::{Export, ImportSummary};
use limber_domain::model::EntryKind;

pub(super) fn flares(
    tx: &Transaction<'_>,
    doc: &Export,
    summary: &mut ImportSummary,
    sync: bool,
) -> Result<()> {
    // A day holds one mark: a file's mark for a day marked here under
    // another UUID (live or deleted) is skipped.
    let mut insert = tx.prepare_cached(
        "INSERT INTO flare_days (local_date, uuid, note, marked_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE flare_days SET note = ?2, marked_at = ?3, updated_at = ?4, deleted_at = NULL
         WHERE rowid = ?1",
    )?;
    for f in &doc.flares {
        let updated_at = updated_text(f.updated_at.as_deref());
        let fv = file_version(f.version, f.updated_at.as_deref());
        if sync {
            let line = FlareVersion {
                day: &f.date,
                uuid: &f.uuid,
                note: f.note.as_deref(),
                marked_at: utc(&f.marked_at),
                updated_at,
                deleted_at: None,
                device: f.device.as_deref(),
                version: fv.unwrap_or(0),
            };
            flare_version(tx, &line, summary)?;
            continue;
        }
        match local(tx, EntryKind::Flare, &f.uuid)? {
            None => {
                let added = insert.execute(params![
                    f.date,
                    f.uuid,
                    f.note,
                    utc(&f.marked_at),
                    updated_at
                ])?;
                if added == 0 {
                    summary.skipped += 1;
                } else {
                    set_device(tx, EntryKind::Flare, tx.last_insert_rowid(), &f.device, fv)?;
                }
            }
            Some(l) if l.takes(fv, f.device.as_deref()) => {
                update.execute(params![l.id, f.note, utc(&f.marked_at), updated_at])?;
                set_device(tx, EntryKind::Flare, l.id, &f.device, fv)?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    Ok(())
}

/// One version of a flare day, from a line in the folder: a mark (with its
/// note) or a clear (`deleted_at`).
pub(super) struct FlareVersion<'a> {
    pub(super) day: &'a str,
    pub(super) uuid: &'a str,
    pub(super) note: Option<&'a str>,
    pub(super) marked_at: String,
    pub(super) updated_at: String,
    pub(super) deleted_at: Option<String>,
    pub(super) device: Option<&'a str>,
    pub(super) version: i64,
}

/// A flare day is one record per date: its mark, note and clear are
/// versions of it, whichever device made them and under whichever UUID.
/// In a sync the day keeps the version that sorts last by (version,
/// device, UUID), so every store ends with the same one whatever order the
/// lines arrive in; the UUID goes with the version that won.
pub(super) fn flare_version(
    tx: &Transaction<'_>,
    line: &FlareVersion<'_>,
    summary: &mut ImportSummary,
) -> Result<()> {
    let here: Option<(i64, i64, Option<String>, String, bool)> = tx
        .prepare_cached(
            "SELECT rowid, coalesce(version, 0), device, uuid, deleted_at IS NOT NULL
             FROM flare_days WHERE local_date = ?1",
        )?
        .query_row([line.day], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let incoming = (line.version, line.device, line.uuid);
    let wins = here.as_ref().is_none_or(|(_, version, device, uuid, _)| {
        incoming > (*version, device.as_deref(), uuid.as_str())
    });
    // The same UUID on another day is a line that does not fit: it waits.
    let elsewhere: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM flare_days WHERE uuid = ?1 AND local_date != ?2)",
        )?
        .query_row(params![line.uuid, line.day], |r| r.get(0))?;
    if !wins || elsewhere {
        summary.skipped += 1;
        return Ok(());
    }
    let id = match here {
        Some((id, ..)) => {
            tx.prepare_cached(
                "UPDATE flare_days SET uuid = ?2, note = ?3,
                    marked_at = coalesce(?4, marked_at), updated_at = ?5, deleted_at = ?6
                 WHERE rowid = ?1",
            )?
            .execute(params![
                id,
                line.uuid,
                line.note,
                line.deleted_at.is_none().then_some(&line.marked_at),
                line.updated_at,
                line.deleted_at
            ])?;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO flare_days (local_date, uuid, note, marked_at, updated_at, deleted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                line.day,
                line.uuid,
                line.note,
                line.marked_at,
                line.updated_at,
                line.deleted_at
            ])?;
            tx.last_insert_rowid()
        }
    };
    set_device(
        tx,
        EntryKind::Flare,
        id,
        &line.device.map(str::to_string),
        Some(line.version),
    )?;
    if line.deleted_at.is_some() {
        summary.deleted += 1;
    } else {
        summary.updated += 1;
    }
    Ok(())
}
