//! Programme enrolments in an export: which programme was followed, from
//! when, on which days, and when it was stopped. Each carries its UUID and
//! `updated_at` (when it was started or stopped), so an import twice adds
//! nothing and a newer copy (one stopped since) wins. A file from before
//! them has no list and imports as before.
//!
//! One programme is followed at a time, here as anywhere: when a file's
//! followed enrolment meets a different one followed here, the one enrolled
//! later stays followed and the other is stopped at the moment the later
//! one was enrolled — as if the person had stopped it to start the other.
//! Stopping it is a change at that moment, so the stores agree after an
//! export and import back.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::import::{newer_by, utc};
use super::{Export, ImportSummary};
use crate::{Result, Store, parse_date, parse_utc};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrolmentRow {
    pub uuid: String,
    /// The programme's slug.
    pub programme: String,
    /// The planned days, "mon,wed,fri"; empty for any days.
    #[serde(default)]
    pub days: String,
    /// The local date of week 1's first day.
    pub started_on: String,
    pub enrolled_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<String>,
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
    /// Every enrolment, oldest first.
    pub(super) fn export_programmes(&self, doc: &mut Export) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT uuid, slug, days, started_on, enrolled_at, stopped_at,
                    nullif(updated_at, ''), device, version
               FROM programme_enrolments ORDER BY enrolled_at, uuid",
        )?;
        doc.programmes = stmt
            .query_map([], |r| {
                Ok(EnrolmentRow {
                    uuid: r.get(0)?,
                    programme: r.get(1)?,
                    days: r.get(2)?,
                    started_on: r.get(3)?,
                    enrolled_at: r.get(4)?,
                    stopped_at: r.get(5)?,
                    updated_at: r.get(6)?,
                    device: r.get(7)?,
                    version: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

/// Checks every enrolment, naming the first bad one.
pub(super) fn validate(doc: &Export, now: OffsetDateTime) -> std::result::Result<(), String> {
    let latest = now + Duration::days(1);
    let mut uuids = std::collections::HashSet::new();
    for (i, e) in doc.programmes.iter().enumerate() {
        let what = format!("programmes[{i}]");
        uuid::Uuid::parse_str(&e.uuid)
            .map_err(|_| format!("{what}.uuid \"{}\" is not a UUID", e.uuid))?;
        if !uuids.insert(e.uuid.as_str()) {
            return Err(format!(
                "{what}.uuid {} appears more than once in the file",
                e.uuid
            ));
        }
        if e.programme.trim().is_empty() || e.programme.len() > 200 {
            return Err(format!(
                "{what}.programme must be a programme's slug (1 to 200 characters)"
            ));
        }
        parse_date(&e.started_on).map_err(|err| format!("{what}.started_on: {err}"))?;
        let enrolled =
            parse_utc(&e.enrolled_at).map_err(|err| format!("{what}.enrolled_at: {err}"))?;
        for (name, text) in [
            ("enrolled_at", Some(e.enrolled_at.as_str())),
            ("stopped_at", e.stopped_at.as_deref()),
            ("updated_at", e.updated_at.as_deref()),
        ] {
            let Some(text) = text else { continue };
            let t = parse_utc(text).map_err(|err| format!("{what}.{name}: {err}"))?;
            if t > latest {
                return Err(format!(
                    "{what}.{name} \"{text}\" is more than a day in the future"
                ));
            }
            if name == "stopped_at" && t < enrolled {
                return Err(format!("{what}.stopped_at is before its enrolled_at"));
            }
        }
    }
    Ok(())
}

/// The enrolment followed here now, other than `uuid`: its id, UUID and
/// when it was enrolled.
fn followed_other(tx: &Transaction<'_>, uuid: &str) -> Result<Option<(i64, String, String)>> {
    Ok(tx
        .query_row(
            "SELECT id, uuid, enrolled_at FROM programme_enrolments
              WHERE stopped_at IS NULL AND uuid <> ?1",
            [uuid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Whether enrolment `a` (enrolled at, UUID) came after `b`.
fn later(a: (&str, &str), b: (&str, &str)) -> bool {
    match (parse_utc(a.0), parse_utc(b.0)) {
        (Ok(x), Ok(y)) if x != y => x > y,
        _ => a.1 > b.1,
    }
}

/// Adds the enrolments not here yet and replaces one here by the file's
/// newer copy, keeping at most one followed (see the module's note).
pub(super) fn import(
    tx: &Transaction<'_>,
    doc: &Export,
    summary: &mut ImportSummary,
) -> Result<()> {
    for e in &doc.programmes {
        let enrolled_at = utc(&e.enrolled_at);
        let mut stopped_at = e.stopped_at.as_deref().map(utc);
        let mut updated_at = e
            .updated_at
            .as_deref()
            .map(utc)
            .unwrap_or_else(|| stopped_at.clone().unwrap_or_else(|| enrolled_at.clone()));
        let ev = super::import::file_version(e.version, e.updated_at.as_deref());
        let here: Option<(i64, i64, Option<String>)> = tx
            .query_row(
                "SELECT id, coalesce(version, 0), device FROM programme_enrolments WHERE uuid = ?1",
                [&e.uuid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((_, here_updated, here_device)) = &here
            && !newer_by(
                ev,
                e.device.as_deref(),
                *here_updated,
                here_device.as_deref(),
            )
        {
            summary.skipped += 1;
            continue;
        }
        let other = match stopped_at {
            None => followed_other(tx, &e.uuid)?,
            Some(_) => None,
        };
        if let Some((id, uuid, other_enrolled)) = other {
            if later((&enrolled_at, &e.uuid), (&other_enrolled, &uuid)) {
                tx.execute(
                    "UPDATE programme_enrolments SET stopped_at = ?2, updated_at = ?2
                      WHERE id = ?1",
                    params![id, enrolled_at],
                )?;
            } else {
                stopped_at = Some(other_enrolled.clone());
                updated_at = other_enrolled;
            }
        }
        let id = match here {
            None => {
                tx.execute(
                    "INSERT INTO programme_enrolments (uuid, slug, days, started_on, enrolled_at,
                        stopped_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        e.uuid,
                        e.programme.trim(),
                        e.days,
                        e.started_on,
                        enrolled_at,
                        stopped_at,
                        updated_at
                    ],
                )?;
                summary.programmes_added += 1;
                tx.last_insert_rowid()
            }
            Some((id, _, _)) => {
                tx.execute(
                    "UPDATE programme_enrolments SET slug = ?2, days = ?3, started_on = ?4,
                        enrolled_at = ?5, stopped_at = ?6, updated_at = ?7
                      WHERE id = ?1",
                    params![
                        id,
                        e.programme.trim(),
                        e.days,
                        e.started_on,
                        enrolled_at,
                        stopped_at,
                        updated_at
                    ],
                )?;
                summary.updated += 1;
                id
            }
        };
        tx.execute(
            "UPDATE programme_enrolments SET device = coalesce(?2, device),
                version = coalesce(?3, unixepoch(coalesce(nullif(updated_at, ''), enrolled_at))
                    * 1000000, 0)
              WHERE id = ?1",
            params![id, e.device, ev],
        )?;
    }
    Ok(())
}
