//! Fitness results and WHO-5s in an export: their rows, how they are
//! written out, checked and read back. Each carries its UUID and
//! `updated_at`, and a deleted one travels as a tombstone in `deleted`
//! (kinds `fitness` and `wellbeing`), so they import by the check-ins'
//! rules: a newer copy wins, a tombstone is not brought back by an older
//! file. A file from before them has neither list and imports as before. Whether a try was the practice one is not carried:
//! it is worked out from the results, so an older try imported moves it.

use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::import::{file_version, local, set_device, updated_text, utc};
use super::{Export, ImportSummary};
use crate::{Result, Store, parse_date, parse_utc};
use limber_domain::model::{EntryKind, FitnessTest, Who5};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitnessRow {
    pub uuid: String,
    /// chair-stand, step-test, side-bridge-left, side-bridge-right,
    /// side-bridge-knees-left or side-bridge-knees-right.
    pub test: String,
    /// Stands, steps or seconds.
    pub value: u32,
    pub recorded_at: String,
    pub local_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The device that last changed it (`limber sync`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Its version (`limber sync`'s order of changes); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Who5Row {
    pub uuid: String,
    /// The five answers in the statements' order, each 0–5.
    pub answers: [u8; 5],
    pub recorded_at: String,
    pub local_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The device that last changed it (`limber sync`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Its version (`limber sync`'s order of changes); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

impl Store {
    /// The fitness results and WHO-5s still in the record, oldest first.
    pub(super) fn export_self_tests(&self, doc: &mut Export) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT uuid, test, value, recorded_at, local_date, updated_at, device, version
               FROM fitness_results
             WHERE deleted_at IS NULL ORDER BY recorded_at, uuid",
        )?;
        doc.fitness = stmt
            .query_map([], |r| {
                Ok(FitnessRow {
                    uuid: r.get(0)?,
                    test: r.get(1)?,
                    value: r.get(2)?,
                    recorded_at: r.get(3)?,
                    local_date: r.get(4)?,
                    updated_at: r.get(5)?,
                    device: r.get(6)?,
                    version: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT uuid, a1, a2, a3, a4, a5, recorded_at, local_date, updated_at, device, version
               FROM who5_results
             WHERE deleted_at IS NULL ORDER BY recorded_at, uuid",
        )?;
        doc.who5 = stmt
            .query_map([], |r| {
                Ok(Who5Row {
                    uuid: r.get(0)?,
                    answers: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                    recorded_at: r.get(6)?,
                    local_date: r.get(7)?,
                    updated_at: r.get(8)?,
                    device: r.get(9)?,
                    version: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

/// A time and day as an export carries them, at most a day past `now`.
fn check_when(
    what: &str,
    recorded_at: &str,
    local_date: &str,
    updated_at: Option<&str>,
    now: OffsetDateTime,
) -> std::result::Result<(), String> {
    let latest = now + Duration::days(1);
    for (name, text) in [
        ("recorded_at", Some(recorded_at)),
        ("updated_at", updated_at),
    ] {
        let Some(text) = text else { continue };
        let t = parse_utc(text).map_err(|e| format!("{what}.{name}: {e}"))?;
        if t > latest {
            return Err(format!(
                "{what}.{name} \"{text}\" is more than a day in the future"
            ));
        }
    }
    let day = parse_date(local_date).map_err(|e| format!("{what}.local_date: {e}"))?;
    if day > latest.date() {
        return Err(format!(
            "{what}.local_date {local_date} is more than a day in the future"
        ));
    }
    Ok(())
}

/// Checks every fitness and WHO-5 row, naming the first bad one.
pub(super) fn validate(doc: &Export, now: OffsetDateTime) -> std::result::Result<(), String> {
    let mut uuids = std::collections::HashSet::new();
    let mut once = |what: &str, uuid: &str| {
        uuid::Uuid::parse_str(uuid).map_err(|_| format!("{what}.uuid \"{uuid}\" is not a UUID"))?;
        if uuids.insert(uuid.to_string()) {
            Ok(())
        } else {
            Err(format!(
                "{what}.uuid {uuid} appears more than once in the file"
            ))
        }
    };
    for (i, r) in doc.fitness.iter().enumerate() {
        let what = format!("fitness[{i}]");
        once(&what, &r.uuid)?;
        let test = FitnessTest::parse(&r.test).ok_or_else(|| {
            format!(
                "{what}.test \"{}\" is not {}",
                r.test,
                FitnessTest::names_text()
            )
        })?;
        if r.value > test.max_value() {
            return Err(format!(
                "{what}.value is {}; the {} gives at most {}",
                r.value,
                test.as_str(),
                test.max_value()
            ));
        }
        check_when(
            &what,
            &r.recorded_at,
            &r.local_date,
            r.updated_at.as_deref(),
            now,
        )?;
    }
    for (i, w) in doc.who5.iter().enumerate() {
        let what = format!("who5[{i}]");
        once(&what, &w.uuid)?;
        if Who5::new(w.answers).is_none() {
            return Err(format!(
                "{what}.answers {:?}: each is 0 (at no time) to 5 (all of the time)",
                w.answers
            ));
        }
        check_when(
            &what,
            &w.recorded_at,
            &w.local_date,
            w.updated_at.as_deref(),
            now,
        )?;
    }
    Ok(())
}

/// Adds the rows not here yet and replaces one here by the file's newer
/// copy (which brings a row deleted here back only if it changed after the
/// deletion); an older or equally old copy is skipped. The file's
/// tombstones were applied before, with the diary's.
pub(super) fn import(
    tx: &Transaction<'_>,
    doc: &Export,
    summary: &mut ImportSummary,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO fitness_results (uuid, test, value, recorded_at, local_date, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, coalesce(nullif(?6, ''), ?4))",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE fitness_results SET test = ?2, value = ?3, recorded_at = ?4, local_date = ?5,
            updated_at = ?6, deleted_at = NULL
         WHERE id = ?1",
    )?;
    for r in &doc.fitness {
        let updated = updated_text(r.updated_at.as_deref());
        let rv = file_version(r.version, r.updated_at.as_deref());
        let at = utc(&r.recorded_at);
        match local(tx, EntryKind::Fitness, &r.uuid)? {
            None => {
                insert.execute(params![r.uuid, r.test, r.value, at, r.local_date, updated])?;
                set_device(
                    tx,
                    EntryKind::Fitness,
                    tx.last_insert_rowid(),
                    &r.device,
                    rv,
                )?;
                summary.fitness_added += 1;
            }
            Some(l) if l.takes(rv, r.device.as_deref()) => {
                update.execute(params![l.id, r.test, r.value, at, r.local_date, updated])?;
                set_device(tx, EntryKind::Fitness, l.id, &r.device, rv)?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO who5_results (uuid, a1, a2, a3, a4, a5, recorded_at, local_date, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(nullif(?9, ''), ?7))",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE who5_results SET a1 = ?2, a2 = ?3, a3 = ?4, a4 = ?5, a5 = ?6, recorded_at = ?7,
            local_date = ?8, updated_at = ?9, deleted_at = NULL
         WHERE id = ?1",
    )?;
    for w in &doc.who5 {
        let [a1, a2, a3, a4, a5] = w.answers;
        let updated = updated_text(w.updated_at.as_deref());
        let wv = file_version(w.version, w.updated_at.as_deref());
        let at = utc(&w.recorded_at);
        match local(tx, EntryKind::Wellbeing, &w.uuid)? {
            None => {
                insert.execute(params![
                    w.uuid,
                    a1,
                    a2,
                    a3,
                    a4,
                    a5,
                    at,
                    w.local_date,
                    updated
                ])?;
                set_device(
                    tx,
                    EntryKind::Wellbeing,
                    tx.last_insert_rowid(),
                    &w.device,
                    wv,
                )?;
                summary.who5_added += 1;
            }
            Some(l) if l.takes(wv, w.device.as_deref()) => {
                update.execute(params![l.id, a1, a2, a3, a4, a5, at, w.local_date, updated])?;
                set_device(tx, EntryKind::Wellbeing, l.id, &w.device, wv)?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    Ok(())
}
