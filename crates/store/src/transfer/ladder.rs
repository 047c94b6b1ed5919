//! The exposure ladder in an export and in `limber sync`: its steps
//! (`fear_steps`, kind "fear-step") and their tries (`fear_tries`, kind
//! "fear-try"), each with its UUID, `updated_at`, device and version, a
//! deleted one as a tombstone in `deleted`. A try names its step by UUID:
//! the step is in the file, or here already (live or deleted). An import
//! adds a row not here yet and takes the file's copy only when it is newer
//! (see `import::newer_by`); a row deleted here stays deleted. A file from
//! before the ladder has neither list and imports as before.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::import::{file_version, newer_by, updated_text, utc};
use super::validate::check_uuid;
use super::{DeletedRow, Export, ImportSummary};
use crate::{Result, Store, StoreError, parse_date, parse_utc};
use limber_domain::model::HARM_MAX;

/// The longest name of an activity, and the longest text of what happened
/// or a note, in characters.
pub const MAX_NAME: usize = 200;
pub const MAX_TEXT: usize = 2000;
/// The largest place a step may have on the ladder.
pub const MAX_POSITION: i64 = 1_000_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FearStepRow {
    pub uuid: String,
    /// The everyday activity, in the person's words.
    pub name: String,
    /// The person's own order on the ladder (lower first).
    pub position: i64,
    /// The harm expected when it was named, 0–100.
    pub expected: u8,
    pub created_at: String,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FearTryRow {
    pub uuid: String,
    /// The step's UUID.
    pub step: String,
    pub tried_at: String,
    pub local_date: String,
    /// The harm expected before the try, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_before: Option<u8>,
    /// What happened, in the person's words; absent while the try is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub happened: Option<String>,
    /// The harm expected after, re-rated, 0–100; absent while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_after: Option<u8>,
    /// Pain after, 0–10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_after: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

/// The two tables, by the kind their tombstones carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Steps,
    Tries,
}

impl Table {
    fn of(kind: &str) -> Option<Table> {
        match kind {
            "fear-step" => Some(Table::Steps),
            "fear-try" => Some(Table::Tries),
            _ => None,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Table::Steps => "fear_steps",
            Table::Tries => "fear_tries",
        }
    }
}

/// Whether a tombstone's kind is one of the ladder's.
pub(crate) fn is_kind(kind: &str) -> bool {
    Table::of(kind).is_some()
}

impl Store {
    /// The ladder's live steps and tries, and its tombstones.
    pub(super) fn export_ladder(&self, doc: &mut Export) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT uuid, name, position, expected, created_at, local_date, updated_at, device,
                    version
               FROM fear_steps WHERE deleted_at IS NULL ORDER BY created_at, uuid",
        )?;
        doc.fear_steps = stmt
            .query_map([], |r| {
                Ok(FearStepRow {
                    uuid: r.get(0)?,
                    name: r.get(1)?,
                    position: r.get(2)?,
                    expected: r.get(3)?,
                    created_at: r.get(4)?,
                    local_date: r.get(5)?,
                    updated_at: r.get(6)?,
                    device: r.get(7)?,
                    version: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT uuid, step, tried_at, local_date, expected_before, happened, expected_after,
                    pain_after, note, updated_at, device, version
               FROM fear_tries WHERE deleted_at IS NULL ORDER BY tried_at, uuid",
        )?;
        doc.fear_tries = stmt
            .query_map([], |r| {
                Ok(FearTryRow {
                    uuid: r.get(0)?,
                    step: r.get(1)?,
                    tried_at: r.get(2)?,
                    local_date: r.get(3)?,
                    expected_before: r.get(4)?,
                    happened: r.get(5)?,
                    expected_after: r.get(6)?,
                    pain_after: r.get(7)?,
                    note: r.get(8)?,
                    updated_at: r.get(9)?,
                    device: r.get(10)?,
                    version: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

fn check_time(
    what: &str,
    name: &str,
    text: &str,
    latest: OffsetDateTime,
) -> std::result::Result<(), String> {
    let t = parse_utc(text).map_err(|e| format!("{what}.{name}: {e}"))?;
    if t > latest {
        return Err(format!(
            "{what}.{name} \"{text}\" is more than a day in the future"
        ));
    }
    Ok(())
}

fn check_day(what: &str, text: &str, latest: OffsetDateTime) -> std::result::Result<(), String> {
    let day = parse_date(text).map_err(|e| format!("{what}.local_date: {e}"))?;
    if day > latest.date() {
        return Err(format!(
            "{what}.local_date {text} is more than a day in the future"
        ));
    }
    Ok(())
}

fn check_text(what: &str, text: Option<&str>, most: usize) -> std::result::Result<(), String> {
    if let Some(t) = text
        && t.chars().count() > most
    {
        return Err(format!("{what} is longer than {most} characters"));
    }
    Ok(())
}

fn check_harm(what: &str, value: Option<u8>) -> std::result::Result<(), String> {
    match value {
        Some(v) if v > HARM_MAX => Err(format!("{what} {v} is not 0 to {HARM_MAX}")),
        _ => Ok(()),
    }
}

/// Checks every step and try, naming the first bad one.
pub(super) fn validate(doc: &Export, now: OffsetDateTime) -> std::result::Result<(), String> {
    let mut uuids = std::collections::HashSet::new();
    let latest = now + time::Duration::days(1);
    for (i, s) in doc.fear_steps.iter().enumerate() {
        let what = format!("fear_steps[{i}]");
        check_uuid(&what, &s.uuid)?;
        if !uuids.insert(s.uuid.as_str()) {
            return Err(format!(
                "{what}.uuid {} appears more than once in the file",
                s.uuid
            ));
        }
        if s.name.trim().is_empty() {
            return Err(format!("{what}.name is empty"));
        }
        check_text(&format!("{what}.name"), Some(&s.name), MAX_NAME)?;
        check_harm(&format!("{what}.expected"), Some(s.expected))?;
        // The next step goes after the last one: a position near the
        // integer's limit would leave no place for it.
        if !(0..=MAX_POSITION).contains(&s.position) {
            return Err(format!(
                "{what}.position {} is not 0 to {MAX_POSITION}",
                s.position
            ));
        }
        check_time(&what, "created_at", &s.created_at, latest)?;
        if let Some(u) = &s.updated_at {
            check_time(&what, "updated_at", u, latest)?;
        }
        check_day(&what, &s.local_date, latest)?;
    }
    for (i, t) in doc.fear_tries.iter().enumerate() {
        let what = format!("fear_tries[{i}]");
        check_uuid(&what, &t.uuid)?;
        if !uuids.insert(t.uuid.as_str()) {
            return Err(format!(
                "{what}.uuid {} appears more than once in the file",
                t.uuid
            ));
        }
        // The step as the store spells its UUID, or the try would name
        // a step under another spelling than the one kept.
        if uuid::Uuid::parse_str(&t.step).map(|u| u.hyphenated().to_string()) != Ok(t.step.clone())
        {
            return Err(format!(
                "{what}.step \"{}\" is not a UUID as limber writes one (lower case, with hyphens)",
                t.step
            ));
        }
        check_harm(&format!("{what}.expected_before"), t.expected_before)?;
        check_harm(&format!("{what}.expected_after"), t.expected_after)?;
        if let Some(p) = t.pain_after
            && p > 10
        {
            return Err(format!("{what}.pain_after {p} is not 0 to 10"));
        }
        check_text(&format!("{what}.happened"), t.happened.as_deref(), MAX_TEXT)?;
        check_text(&format!("{what}.note"), t.note.as_deref(), MAX_TEXT)?;
        check_time(&what, "tried_at", &t.tried_at, latest)?;
        if let Some(u) = &t.updated_at {
            check_time(&what, "updated_at", u, latest)?;
        }
        check_day(&what, &t.local_date, latest)?;
    }
    Ok(())
}

/// A row here: its id, whether it is deleted, its device and version.
type Here = (i64, bool, Option<String>, i64);

fn here(tx: &Transaction<'_>, table: Table, uuid: &str) -> Result<Option<Here>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT id, deleted_at IS NOT NULL, device, coalesce(version, 0)
               FROM {} WHERE uuid = ?1",
            table.name()
        ))?
        .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}

/// The device and version of a row brought in (its `updated_at` for a file
/// from before versions).
fn set_device(
    tx: &Transaction<'_>,
    table: Table,
    id: i64,
    device: Option<&str>,
    version: Option<i64>,
) -> Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE {} SET device = coalesce(?2, device),
            version = coalesce(?3, unixepoch(updated_at) * 1000000, 0) WHERE id = ?1",
        table.name()
    ))?
    .execute(params![id, device, version])?;
    Ok(())
}

/// Adds the steps and tries not here yet; replaces one here by the file's
/// copy when that is newer. A row deleted here stays deleted. A try whose
/// step is neither in the file nor here is refused (the whole import).
pub(super) fn import(
    tx: &Transaction<'_>,
    doc: &Export,
    summary: &mut ImportSummary,
) -> Result<()> {
    for s in &doc.fear_steps {
        let updated = updated_text(s.updated_at.as_deref());
        let at = utc(&s.created_at);
        let rv = file_version(s.version, s.updated_at.as_deref());
        let name = s.name.trim();
        match here(tx, Table::Steps, &s.uuid)? {
            None => {
                tx.execute(
                    "INSERT INTO fear_steps (uuid, name, position, expected, created_at,
                        local_date, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(nullif(?7, ''), ?5))",
                    params![
                        s.uuid,
                        name,
                        s.position,
                        s.expected,
                        at,
                        s.local_date,
                        updated
                    ],
                )?;
                set_device(
                    tx,
                    Table::Steps,
                    tx.last_insert_rowid(),
                    s.device.as_deref(),
                    rv,
                )?;
                summary.fear_steps_added += 1;
            }
            Some((id, false, device, version))
                if newer_by(rv, s.device.as_deref(), version, device.as_deref()) =>
            {
                tx.execute(
                    "UPDATE fear_steps SET name = ?2, position = ?3, expected = ?4,
                        created_at = ?5, local_date = ?6,
                        updated_at = coalesce(nullif(?7, ''), updated_at)
                     WHERE id = ?1",
                    params![id, name, s.position, s.expected, at, s.local_date, updated],
                )?;
                set_device(tx, Table::Steps, id, s.device.as_deref(), rv)?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    for (i, t) in doc.fear_tries.iter().enumerate() {
        let known: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM fear_steps WHERE uuid = ?1)")?
            .query_row([&t.step], |r| r.get(0))?;
        if !known {
            return Err(StoreError::Invalid(format!(
                "fear_tries[{i}].step {} is neither in the file nor in this store",
                t.step
            )));
        }
        let updated = updated_text(t.updated_at.as_deref());
        let at = utc(&t.tried_at);
        let rv = file_version(t.version, t.updated_at.as_deref());
        let values = params![
            t.uuid,
            t.step,
            at,
            t.local_date,
            t.expected_before,
            t.happened,
            t.expected_after,
            t.pain_after,
            t.note,
            updated
        ];
        match here(tx, Table::Tries, &t.uuid)? {
            None => {
                tx.execute(
                    "INSERT INTO fear_tries (uuid, step, tried_at, local_date, expected_before,
                        happened, expected_after, pain_after, note, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce(nullif(?10, ''), ?3))",
                    values,
                )?;
                set_device(
                    tx,
                    Table::Tries,
                    tx.last_insert_rowid(),
                    t.device.as_deref(),
                    rv,
                )?;
                summary.fear_tries_added += 1;
            }
            Some((id, false, device, version))
                if newer_by(rv, t.device.as_deref(), version, device.as_deref()) =>
            {
                tx.execute(
                    "UPDATE fear_tries SET step = ?2, tried_at = ?3, local_date = ?4,
                        expected_before = ?5, happened = ?6, expected_after = ?7,
                        pain_after = ?8, note = ?9,
                        updated_at = coalesce(nullif(?10, ''), updated_at)
                     WHERE uuid = ?1",
                    values,
                )?;
                set_device(tx, Table::Tries, id, t.device.as_deref(), rv)?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    Ok(())
}

/// A step's or a try's tombstone from the file: the row here is deleted,
/// with its words (a delete is final in a sync; in an import, unless the
/// row changed after it); one never here is kept as a tombstone, so no
/// file brings it in later.
pub(super) fn deleted(
    tx: &Transaction<'_>,
    d: &DeletedRow,
    summary: &mut ImportSummary,
    sync: bool,
) -> Result<()> {
    let Some(table) = Table::of(&d.kind) else {
        return Ok(());
    };
    let at = utc(&d.deleted_at);
    let dv = file_version(d.version, Some(&d.deleted_at)).unwrap_or(0);
    let delete = match table {
        Table::Steps => {
            "UPDATE fear_steps SET deleted_at = ?2, updated_at = ?2, name = '' WHERE id = ?1"
        }
        Table::Tries => {
            "UPDATE fear_tries SET deleted_at = ?2, updated_at = ?2, happened = NULL, note = NULL
             WHERE id = ?1"
        }
    };
    match here(tx, table, &d.uuid)? {
        None => {
            let sql = match table {
                Table::Steps => {
                    "INSERT INTO fear_steps (uuid, name, position, expected, created_at,
                        local_date, updated_at, deleted_at)
                     VALUES (?1, '', 0, 0, ?2, ?3, ?2, ?2)"
                }
                Table::Tries => {
                    "INSERT INTO fear_tries (uuid, step, tried_at, local_date, updated_at,
                        deleted_at)
                     VALUES (?1, '', ?2, ?3, ?2, ?2)"
                }
            };
            tx.execute(sql, params![d.uuid, at, d.local_date])?;
            set_device(
                tx,
                table,
                tx.last_insert_rowid(),
                d.device.as_deref(),
                Some(dv),
            )?;
            summary.skipped += 1;
        }
        Some((id, false, _, version)) if sync || dv >= version => {
            tx.execute(delete, params![id, at])?;
            set_device(tx, table, id, d.device.as_deref(), Some(dv))?;
            summary.deleted += 1;
        }
        Some((id, true, device, version))
            if sync && newer_by(Some(dv), d.device.as_deref(), version, device.as_deref()) =>
        {
            tx.execute(delete, params![id, at])?;
            set_device(tx, table, id, d.device.as_deref(), Some(dv))?;
            summary.skipped += 1;
        }
        Some(_) => summary.skipped += 1,
    }
    Ok(())
}
