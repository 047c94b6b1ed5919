//! `limber undo`: taking back the newest logged change, and what it can put back.

use rusqlite::{OptionalExtension, Transaction, params};
use time::OffsetDateTime;

use super::{table, tombstone};
use crate::{Result, Store, StoreError, conversion, utc_text};
use limber_domain::model::EntryKind;

/// A change `limber undo` took back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// "add", "edit" or "delete": what was undone.
    pub action: String,
    pub kind: EntryKind,
    pub uuid: String,
}

/// Why an undo step cannot be carried out now, if it cannot (see `undo`).
fn undo_conflict(tx: &Transaction<'_>, undone: &Undone, restores: bool) -> Result<Option<String>> {
    let now: Option<(Option<String>, bool)> = tx
        .query_row(
            &format!(
                "SELECT device, deleted_at IS NOT NULL FROM {} WHERE uuid = ?1",
                table(undone.kind)
            ),
            [&undone.uuid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((device, deleted)) = now else {
        return Ok(None);
    };
    let me: Option<String> = tx
        .query_row("SELECT id FROM sync_device", [], |r| r.get(0))
        .optional()?;
    let what = undone.kind.as_str();
    if device.is_some() && me.is_some() && device != me {
        return Ok(Some(format!(
            "the {what} was changed since on another device (a sync or an import); undoing would throw that change away, so nothing was undone — correct it with `limber edit` instead"
        )));
    }
    let synced_delete: bool = deleted
        && restores
        && tx
            .query_row(
                "SELECT 1 FROM sync_known WHERE kind = ?1 AND key = ?2 AND deleted = 1",
                [what, undone.uuid.as_str()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
    if synced_delete {
        return Ok(Some(format!(
            "the {what}'s delete has gone to your other devices through sync, where a delete is final; nothing was undone — add it again instead"
        )));
    }
    Ok(None)
}

/// Puts a row back as `row_json` kept it (?2) .
fn restore(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => {
            "UPDATE checkins SET recorded_at = ?2 ->> 'recorded_at', local_date = ?2 ->> 'local_date',
                session_id = ?2 ->> 'session_id', pain = ?2 ->> 'pain', anxiety = ?2 ->> 'anxiety',
                mood = ?2 ->> 'mood', fear = ?2 ->> 'fear', note = ?2 ->> 'note',
                updated_at = ?2 ->> 'updated_at', deleted_at = ?2 ->> 'deleted_at'
             WHERE uuid = ?1"
        }
        EntryKind::Session => {
            "UPDATE sessions SET started_at = ?2 ->> 'started_at', ended_at = ?2 ->> 'ended_at',
                local_date = ?2 ->> 'local_date', planned_seconds = ?2 ->> 'planned_seconds',
                active_seconds = ?2 ->> 'active_seconds', note = ?2 ->> 'note',
                updated_at = ?2 ->> 'updated_at', deleted_at = ?2 ->> 'deleted_at'
             WHERE uuid = ?1"
        }
        EntryKind::Flare => {
            "UPDATE flare_days SET note = ?2 ->> 'note', marked_at = ?2 ->> 'marked_at',
                updated_at = ?2 ->> 'updated_at', deleted_at = ?2 ->> 'deleted_at'
             WHERE uuid = ?1"
        }
        EntryKind::Fitness | EntryKind::Wellbeing => crate::fitness::restore(kind),
    }
}

/// Marks a row changed at ?2 (an undo putting it back is a change too).
fn touch(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => "UPDATE checkins SET updated_at = ?2 WHERE uuid = ?1",
        EntryKind::Session => "UPDATE sessions SET updated_at = ?2 WHERE uuid = ?1",
        EntryKind::Flare => "UPDATE flare_days SET updated_at = ?2 WHERE uuid = ?1",
        EntryKind::Fitness => "UPDATE fitness_results SET updated_at = ?2 WHERE uuid = ?1",
        EntryKind::Wellbeing => "UPDATE who5_results SET updated_at = ?2 WHERE uuid = ?1",
    }
}

/// Puts back the ratings `RATINGS_KEPT` kept (?2), if it kept any: a row
/// kept by any other change has none, and its exercises stay as they are.
const RATINGS_BACK: &str = "UPDATE session_exercises
    SET comfort = json_extract(?2, '$.ratings.\"' || uuid || '\"')
    WHERE session_id = (SELECT id FROM sessions WHERE uuid = ?1)
      AND json_type(?2, '$.ratings.\"' || uuid || '\"') IS NOT NULL";

/// Puts back the context `CONTEXT_KEPT` kept (?2), if it kept one: a row
/// logged before check-ins had a context keeps what it has.
const CONTEXT_BACK: [&str; 8] = [
    "DELETE FROM checkin_tags WHERE json_type(?2, '$.tags') IS NOT NULL
       AND checkin_id = (SELECT id FROM checkins WHERE uuid = ?1)",
    "DELETE FROM checkin_regions WHERE json_type(?2, '$.regions') IS NOT NULL
       AND checkin_id = (SELECT id FROM checkins WHERE uuid = ?1)",
    "DELETE FROM checkin_treatments WHERE json_type(?2, '$.took') IS NOT NULL
       AND checkin_id = (SELECT id FROM checkins WHERE uuid = ?1)",
    "INSERT OR IGNORE INTO checkin_tags (checkin_id, tag, tag_key)
       SELECT c.id, j.value ->> 0, j.value ->> 1 FROM checkins c, json_each(?2, '$.tags') j
        WHERE c.uuid = ?1 ORDER BY j.key",
    "INSERT OR IGNORE INTO checkin_regions (checkin_id, region)
       SELECT c.id, j.value FROM checkins c, json_each(?2, '$.regions') j
        WHERE c.uuid = ?1 ORDER BY j.key",
    "INSERT OR IGNORE INTO checkin_treatments (checkin_id, name, name_key, amount)
       SELECT c.id, j.value ->> 0, j.value ->> 1, j.value ->> 2
         FROM checkins c, json_each(?2, '$.took') j
        WHERE c.uuid = ?1 ORDER BY j.key",
    "DELETE FROM checkin_answered WHERE json_type(?2, '$.answered') IS NOT NULL
       AND checkin_id = (SELECT id FROM checkins WHERE uuid = ?1)",
    "INSERT OR IGNORE INTO checkin_answered (checkin_id, row)
       SELECT c.id, j.value FROM checkins c, json_each(?2, '$.answered') j
        WHERE c.uuid = ?1 ORDER BY j.key",
];

impl Store {
    /// Takes back the newest logged change, all its rows: an edit or a
    /// delete puts each row back as it was, an add leaves a tombstone.
    /// Empty when there is nothing to undo.
    pub fn undo(&mut self, now: OffsetDateTime) -> Result<Vec<Undone>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let rows = {
            let mut stmt = tx.prepare(
                "SELECT action, kind, uuid, previous FROM undo_log
                 WHERE change = (SELECT max(change) FROM undo_log) ORDER BY id DESC",
            )?;
            let rows = stmt.query_map([], |r| {
                let kind: String = r.get(1)?;
                let kind = EntryKind::parse(&kind)
                    .ok_or_else(|| conversion(1, format!("unknown entry kind {kind}")))?;
                let previous: Option<String> = r.get(3)?;
                Ok((
                    Undone {
                        action: r.get(0)?,
                        kind,
                        uuid: r.get(2)?,
                    },
                    previous,
                ))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        // An entry changed since on another device (a sync or an import
        // brought a newer copy, or its delete) is not taken back: that
        // would throw the other change away. Nor is a delete that has gone
        // out through sync, final on every other device: brought back here
        // only, the devices would never agree again. The step is dropped.
        for (undone, previous) in &rows {
            if let Some(why) = undo_conflict(&tx, undone, previous.is_some())? {
                tx.execute(
                    "DELETE FROM undo_log WHERE change = (SELECT max(change) FROM undo_log)",
                    [],
                )?;
                tx.commit()?;
                return Err(StoreError::Invalid(why));
            }
        }
        for (undone, previous) in &rows {
            match previous {
                Some(previous) => {
                    if undone.kind == EntryKind::Session {
                        tx.execute(RATINGS_BACK, params![undone.uuid, previous])?;
                    }
                    if undone.kind == EntryKind::CheckIn {
                        for sql in CONTEXT_BACK {
                            tx.execute(sql, params![undone.uuid, previous])?;
                        }
                    }
                    tx.execute(restore(undone.kind), params![undone.uuid, previous])?;
                    // The undo is itself a change: an export made before it
                    // must not carry the undone values back in as newer.
                    tx.execute(touch(undone.kind), params![undone.uuid, utc_text(now)])?
                }
                None => tx.execute(tombstone(undone.kind), params![undone.uuid, utc_text(now)])?,
            };
        }
        tx.execute(
            "DELETE FROM undo_log WHERE change = (SELECT max(change) FROM undo_log)",
            [],
        )?;
        tx.commit()?;
        Ok(rows.into_iter().map(|(undone, _)| undone).collect())
    }
}
