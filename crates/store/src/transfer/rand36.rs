//! RAND-36 scales in an export and in `limber sync`: physical functioning
//! and the MHI-5, each with its UUID, `updated_at`, device and version, a
//! deleted one as a tombstone (kind "rand36") in `deleted`. An import adds
//! a row not here yet and takes the file's copy only when it is newer (see
//! `import::newer_by`); a row deleted here stays deleted. A file from
//! before them has no list and imports as before.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::import::{file_version, newer_by, updated_text, utc};
use super::{DeletedRow, Export, ImportSummary};
use crate::{Result, Store, parse_date, parse_utc};
use limber_domain::model::{Rand36, Rand36Scale};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rand36Row {
    pub uuid: String,
    /// physical-functioning or emotional-well-being.
    pub scale: String,
    /// The answers as RAND precodes them, in the items' order.
    pub answers: Vec<u8>,
    pub recorded_at: String,
    pub local_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The device that last changed it (`limber sync`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Its version (`limber sync`'s order of changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

impl Store {
    /// The RAND-36 scales still in the record, oldest first.
    pub(super) fn export_rand36(&self, doc: &mut Export) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT uuid, scale, answers, recorded_at, local_date, updated_at, device, version
               FROM rand36_results
             WHERE deleted_at IS NULL ORDER BY recorded_at, uuid",
        )?;
        doc.rand36 = stmt
            .query_map([], |r| {
                let answers: String = r.get(2)?;
                Ok(Rand36Row {
                    uuid: r.get(0)?,
                    scale: r.get(1)?,
                    answers: answers.split(',').filter_map(|a| a.parse().ok()).collect(),
                    recorded_at: r.get(3)?,
                    local_date: r.get(4)?,
                    updated_at: r.get(5)?,
                    device: r.get(6)?,
                    version: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

/// Checks every RAND-36 row, naming the first bad one.
pub(super) fn validate(doc: &Export, now: OffsetDateTime) -> std::result::Result<(), String> {
    let mut uuids = std::collections::HashSet::new();
    let latest = now + time::Duration::days(1);
    for (i, r) in doc.rand36.iter().enumerate() {
        let what = format!("rand36[{i}]");
        uuid::Uuid::parse_str(&r.uuid)
            .map_err(|_| format!("{what}.uuid \"{}\" is not a UUID", r.uuid))?;
        if !uuids.insert(r.uuid.as_str()) {
            return Err(format!(
                "{what}.uuid {} appears more than once in the file",
                r.uuid
            ));
        }
        let scale = Rand36Scale::parse(&r.scale).ok_or_else(|| {
            format!(
                "{what}.scale \"{}\" is not physical-functioning or emotional-well-being",
                r.scale
            )
        })?;
        Rand36::new(scale, &r.answers).map_err(|e| format!("{what}.answers: {e}"))?;
        for (name, text) in [
            ("recorded_at", Some(r.recorded_at.as_str())),
            ("updated_at", r.updated_at.as_deref()),
        ] {
            let Some(text) = text else { continue };
            let t = parse_utc(text).map_err(|e| format!("{what}.{name}: {e}"))?;
            if t > latest {
                return Err(format!(
                    "{what}.{name} \"{text}\" is more than a day in the future"
                ));
            }
        }
        let day = parse_date(&r.local_date).map_err(|e| format!("{what}.local_date: {e}"))?;
        if day > latest.date() {
            return Err(format!(
                "{what}.local_date {} is more than a day in the future",
                r.local_date
            ));
        }
    }
    Ok(())
}

/// A row here: its id, whether it is deleted, its device and version.
type Here = (i64, bool, Option<String>, i64);

fn here(tx: &Transaction<'_>, uuid: &str) -> Result<Option<Here>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, deleted_at IS NOT NULL, device, coalesce(version, 0)
               FROM rand36_results WHERE uuid = ?1",
        )?
        .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}

/// The device and version of a row brought in (its `updated_at` for a file
/// from before versions).
fn set_device(
    tx: &Transaction<'_>,
    id: i64,
    device: Option<&str>,
    version: Option<i64>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE rand36_results SET device = coalesce(?2, device),
            version = coalesce(?3, unixepoch(updated_at) * 1000000, 0) WHERE id = ?1",
    )?
    .execute(params![id, device, version])?;
    Ok(())
}

/// Adds the rows not here yet; replaces one here by the file's copy when
/// that is newer. A row deleted here stays deleted.
pub(super) fn import(
    tx: &Transaction<'_>,
    doc: &Export,
    summary: &mut ImportSummary,
) -> Result<()> {
    for r in &doc.rand36 {
        let answers = r
            .answers
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let updated = updated_text(r.updated_at.as_deref());
        let at = utc(&r.recorded_at);
        let rv = file_version(r.version, r.updated_at.as_deref());
        match here(tx, &r.uuid)? {
            None => {
                tx.execute(
                    "INSERT INTO rand36_results (uuid, scale, answers, recorded_at, local_date,
                        updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, coalesce(nullif(?6, ''), ?4))",
                    params![r.uuid, r.scale, answers, at, r.local_date, updated],
                )?;
                set_device(tx, tx.last_insert_rowid(), r.device.as_deref(), rv)?;
                summary.rand36_added += 1;
            }
            Some((id, false, device, version))
                if newer_by(rv, r.device.as_deref(), version, device.as_deref()) =>
            {
                tx.execute(
                    "UPDATE rand36_results SET scale = ?2, answers = ?3, recorded_at = ?4,
                        local_date = ?5, updated_at = coalesce(nullif(?6, ''), updated_at)
                     WHERE id = ?1",
                    params![id, r.scale, answers, at, r.local_date, updated],
                )?;
                set_device(tx, id, r.device.as_deref(), rv)?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    Ok(())
}

/// A RAND-36 tombstone from the file: the row here is deleted (a delete is
/// final in a sync; in an import, unless the row changed after it); one
/// never here is kept as a tombstone, so no file brings it in later.
pub(super) fn deleted(
    tx: &Transaction<'_>,
    d: &DeletedRow,
    summary: &mut ImportSummary,
    sync: bool,
) -> Result<()> {
    let at = utc(&d.deleted_at);
    let dv = file_version(d.version, Some(&d.deleted_at)).unwrap_or(0);
    match here(tx, &d.uuid)? {
        None => {
            tx.execute(
                "INSERT INTO rand36_results (uuid, scale, answers, recorded_at, local_date,
                    updated_at, deleted_at)
                 VALUES (?1, 'physical-functioning', '1,1,1,1,1,1,1,1,1,1', ?2, ?3, ?2, ?2)",
                params![d.uuid, at, d.local_date],
            )?;
            set_device(tx, tx.last_insert_rowid(), d.device.as_deref(), Some(dv))?;
            summary.skipped += 1;
        }
        Some((id, false, _, version)) if sync || dv >= version => {
            tx.execute(
                "UPDATE rand36_results SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            set_device(tx, id, d.device.as_deref(), Some(dv))?;
            summary.deleted += 1;
        }
        Some((id, true, device, version))
            if sync && newer_by(Some(dv), d.device.as_deref(), version, device.as_deref()) =>
        {
            tx.execute(
                "UPDATE rand36_results SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            set_device(tx, id, d.device.as_deref(), Some(dv))?;
            summary.skipped += 1;
        }
        Some(_) => summary.skipped += 1,
    }
    Ok(())
}
