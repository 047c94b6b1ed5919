//! RAND-36 scales in an export: physical functioning and the MHI-5, each
//! with its UUID and `updated_at`. An import adds a row not here yet and
//! takes the file's copy only when it changed later than this one (a
//! deletion here counts as a change, so an older file does not bring a
//! deleted score back). Deletions do not travel yet, and `limber sync`
//! does not carry these rows yet. A file from before them has no list and
//! imports as before.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::import::{updated_text, utc};
use super::{Export, ImportSummary};
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
}

impl Store {
    /// The RAND-36 scales still in the record, oldest first.
    pub(super) fn export_rand36(&self, doc: &mut Export) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT uuid, scale, answers, recorded_at, local_date, updated_at
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

/// Adds the rows not here yet; replaces one here by the file's copy when
/// that changed later.
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
        let here: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, updated_at FROM rand36_results WHERE uuid = ?1",
                [&r.uuid],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        match here {
            None => {
                tx.execute(
                    "INSERT INTO rand36_results (uuid, scale, answers, recorded_at, local_date,
                        updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, coalesce(nullif(?6, ''), ?4))",
                    params![r.uuid, r.scale, answers, at, r.local_date, updated],
                )?;
                summary.rand36_added += 1;
            }
            Some((id, ours)) if !updated.is_empty() && updated > ours => {
                tx.execute(
                    "UPDATE rand36_results SET scale = ?2, answers = ?3, recorded_at = ?4,
                        local_date = ?5, updated_at = ?6, deleted_at = NULL
                     WHERE id = ?1",
                    params![id, r.scale, answers, at, r.local_date, updated],
                )?;
                summary.updated += 1;
            }
            Some(_) => summary.skipped += 1,
        }
    }
    Ok(())
}
