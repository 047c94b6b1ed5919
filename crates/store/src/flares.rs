//! Flare days: days the person chose to rest because the back flared up.

use rusqlite::{OptionalExtension, params};
use time::{Date, OffsetDateTime};

use super::{Result, Store, date_at, date_text, utc_text};

impl Store {
    /// Marks a day as a flare-up (again marking it keeps the first mark and
    /// updates the note). Returns whether it was new.
    pub fn mark_flare(
        &mut self,
        day: Date,
        note: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let existed: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM flare_days WHERE local_date = ?1 AND deleted_at IS NULL)",
            [date_text(day)],
            |r| r.get(0),
        )?;
        // A flare day is one record per date: marked again after it was
        // cleared, it is a new version of the same record (its UUID kept),
        // so every device weighs the mark against the clear.
        let cleared: Option<String> = tx
            .query_row(
                "SELECT uuid FROM flare_days WHERE local_date = ?1 AND deleted_at IS NOT NULL",
                [date_text(day)],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(uuid) = &cleared {
            tx.execute(
                "UPDATE flare_days SET deleted_at = NULL, note = ?2, marked_at = ?3, updated_at = ?3
                  WHERE uuid = ?1",
                params![uuid, note, utc_text(now)],
            )?;
        }
        let uuid = cleared.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        tx.execute(
            "INSERT INTO flare_days (local_date, uuid, note, marked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (local_date) DO UPDATE SET note = coalesce(excluded.note, note),
                 updated_at = CASE WHEN excluded.note IS NULL THEN updated_at ELSE excluded.marked_at END",
            params![date_text(day), uuid, note, utc_text(now)],
        )?;
        if !existed {
            super::entries::log_added(&tx, limber_domain::model::EntryKind::Flare, &uuid)?;
        }
        tx.commit()?;
        Ok(!existed)
    }

    /// Takes a flare mark back, leaving a tombstone (so an older export or
    /// another device cannot bring it back) and a line in the undo log.
    /// Returns whether there was one.
    pub fn clear_flare(&mut self, day: Date, now: OffsetDateTime) -> Result<bool> {
        let uuid: Option<String> = self
            .conn
            .query_row(
                "SELECT uuid FROM flare_days WHERE local_date = ?1 AND deleted_at IS NULL",
                [date_text(day)],
                |r| r.get(0),
            )
            .optional()?;
        match uuid {
            Some(uuid) => Ok(self
                .delete_entries(&[(limber_domain::model::EntryKind::Flare, &uuid)], now)?
                > 0),
            None => Ok(false),
        }
    }

    pub fn is_flare(&self, day: Date) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM flare_days WHERE local_date = ?1 AND deleted_at IS NULL)",
            [date_text(day)],
            |r| r.get(0),
        )?)
    }

    /// Flare days in `[from, to]`, oldest first.
    pub fn flare_days(&self, from: Date, to: Date) -> Result<Vec<Date>> {
        self.rows_between("SELECT local_date FROM flare_days WHERE local_date BETWEEN ?1 AND ?2 AND deleted_at IS NULL ORDER BY local_date", from, to, |r| date_at(r, 0))
    }

    /// The note of a flare day, if it is one.
    pub fn flare_note(&self, day: Date) -> Result<Option<Option<String>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT note FROM flare_days WHERE local_date = ?1 AND deleted_at IS NULL",
                [date_text(day)],
                |r| r.get(0),
            )
            .optional()?)
    }
}
