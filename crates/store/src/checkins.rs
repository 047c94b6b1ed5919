//! Check-ins: how pain, anxiety, mood and fear of movement were, 0–10.

use rusqlite::{OptionalExtension, Row, params};
use time::{Date, OffsetDateTime};

use super::{Result, Store, conversion, date_at, date_text, parse_utc, utc_text};
use limber_domain::model::{CheckIn, CheckInKind, EntryKind, NewCheckIn, Scales};

const SELECT: &str = "SELECT c.id, c.uuid, c.recorded_at, c.local_date, c.context, s.uuid,
        c.pain, c.anxiety, c.mood, c.fear, c.note
    FROM checkins c LEFT JOIN sessions s ON s.id = c.session_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let context: String = row.get(4)?;
    Ok(CheckIn {
        id: row.get(0)?,
        uuid: row.get(1)?,
        at: parse_utc(&row.get::<_, String>(2)?).map_err(|e| conversion(2, e))?,
        local_date: date_at(row, 3)?,
        context: CheckInKind::parse(&context)
            .ok_or_else(|| conversion(4, format!("unknown context {context}")))?,
        session_uuid: row.get(5)?,
        scales: Scales {
            pain: row.get(6)?,
            anxiety: row.get(7)?,
            mood: row.get(8)?,
            fear: row.get(9)?,
        },
        note: row.get(10)?,
    })
}

impl Store {
    /// Writes one check-in in its own transaction; it is on disk when this returns.
    pub fn add_checkin(&mut self, new: &NewCheckIn) -> Result<CheckIn> {
        self.add_checkin_as(&uuid::Uuid::new_v4().to_string(), new)
    }

    /// Writes one check-in under a UUID made beforehand; writing it again
    /// adds nothing, so a write that failed can be tried again safely.
    pub fn add_checkin_as(&mut self, uuid: &str, new: &NewCheckIn) -> Result<CheckIn> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let stored = insert_checkin(&tx, uuid, new)?;
        tx.commit()?;
        Ok(stored)
    }
}

/// Writes a check-in under `uuid` inside `tx` (nothing when it is there
/// already) and reads it back.
pub(super) fn insert_checkin(
    tx: &rusqlite::Transaction<'_>,
    uuid: &str,
    new: &NewCheckIn,
) -> Result<CheckIn> {
    let added = tx.execute(
        "INSERT INTO checkins (uuid, recorded_at, local_date, context, session_id,
            pain, anxiety, mood, fear, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (uuid) DO NOTHING",
        params![
            uuid,
            utc_text(new.at),
            date_text(new.local_date),
            new.context.as_str(),
            new.session_id,
            new.scales.pain,
            new.scales.anxiety,
            new.scales.mood,
            new.scales.fear,
            new.note,
        ],
    )?;
    if added > 0 {
        super::entries::log_added(tx, EntryKind::CheckIn, uuid)?;
    }
    let stored = tx.query_row(&format!("{SELECT} WHERE c.uuid = ?1"), [uuid], from_row)?;
    Ok(stored)
}

impl Store {
    /// Makes a check-in written as the day's (the one given before the
    /// gentle offer, kept at once) the before-check-in of the session that
    /// followed. A check-in deleted meanwhile, or one that already belongs
    /// to a session, is left as it is; `false` then.
    pub fn link_before(&mut self, uuid: &str, session_id: i64, at: OffsetDateTime) -> Result<bool> {
        self.may_write(session_id)?;
        let changed = self.conn.execute(
            "UPDATE checkins SET context = 'before', session_id = ?2, updated_at = ?3
             WHERE uuid = ?1 AND deleted_at IS NULL AND session_id IS NULL",
            params![uuid, session_id, utc_text(at)],
        )?;
        Ok(changed > 0)
    }

    /// The most recent check-in, if any.
    pub fn last_checkin(&self) -> Result<Option<CheckIn>> {
        Ok(self
            .conn
            .query_row(
                // The newest day first, through the date index: one seek,
                // not a sort of every check-in ever made.
                &format!(
                    "{SELECT} WHERE c.local_date = (SELECT max(local_date) FROM checkins WHERE deleted_at IS NULL)
                       AND c.deleted_at IS NULL
                     ORDER BY c.recorded_at DESC, c.version DESC, c.device DESC, c.uuid DESC LIMIT 1"
                ),
                [],
                from_row,
            )
            .optional()?)
    }

    /// Check-ins whose local date is in `[from, to]`, oldest first.
    pub fn checkins_between(&self, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        self.rows_between(
            &format!("{SELECT} WHERE c.local_date BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL ORDER BY c.recorded_at, c.version, c.device, c.uuid"),
            from,
            to,
            from_row,
        )
    }
}
