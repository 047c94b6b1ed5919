//! Enrolment in a programme: which one is followed, from when, on which
//! days; stopping keeps the row. SQL only: the levels are worked out from
//! sessions and check-ins elsewhere.

use rusqlite::{OptionalExtension, Row, params};
use time::{Date, OffsetDateTime};

use super::{Result, Store, StoreError, conversion, date_at, date_text, parse_utc, utc_text};

/// One enrolment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub uuid: String,
    pub slug: String,
    /// The planned days, "mon,wed,fri"; empty for any days.
    pub days: String,
    pub started_on: Date,
    pub enrolled_at: OffsetDateTime,
    pub stopped_at: Option<OffsetDateTime>,
}

const SELECT: &str =
    "SELECT uuid, slug, days, started_on, enrolled_at, stopped_at FROM programme_enrolments";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Enrolment> {
    let stopped: Option<String> = row.get(5)?;
    Ok(Enrolment {
        uuid: row.get(0)?,
        slug: row.get(1)?,
        days: row.get(2)?,
        started_on: date_at(row, 3)?,
        enrolled_at: parse_utc(&row.get::<_, String>(4)?).map_err(|e| conversion(4, e))?,
        stopped_at: stopped
            .map(|t| parse_utc(&t))
            .transpose()
            .map_err(|e| conversion(5, e))?,
    })
}

impl Store {
    /// Starts following a programme. Refused while another is followed:
    /// stop that one first.
    pub fn start_programme(
        &mut self,
        slug: &str,
        days: &str,
        started_on: Date,
        now: OffsetDateTime,
    ) -> Result<Enrolment> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let active: Option<String> = tx
            .query_row(
                "SELECT slug FROM programme_enrolments WHERE stopped_at IS NULL",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(active) = active {
            return Err(StoreError::Invalid(format!(
                "you are following \"{active}\" already; `limber programme stop` first (its history is kept)"
            )));
        }
        let uuid = uuid::Uuid::new_v4().to_string();
        tx.execute(
            "INSERT INTO programme_enrolments (uuid, slug, days, started_on, enrolled_at,
                updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![uuid, slug, days, date_text(started_on), utc_text(now)],
        )?;
        let enrolment = tx.query_row(&format!("{SELECT} WHERE uuid = ?1"), [&uuid], from_row)?;
        tx.commit()?;
        Ok(enrolment)
    }

    /// The programme followed now, if any.
    pub fn active_programme(&self) -> Result<Option<Enrolment>> {
        Ok(self
            .conn
            .query_row(&format!("{SELECT} WHERE stopped_at IS NULL"), [], from_row)
            .optional()?)
    }

    /// Stops the programme followed now; its row is kept. Returns it, or
    /// `None` when none was followed.
    pub fn stop_programme(&mut self, now: OffsetDateTime) -> Result<Option<Enrolment>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let stopped = tx
            .query_row(
                "UPDATE programme_enrolments SET stopped_at = ?1, updated_at = ?1
                 WHERE stopped_at IS NULL
                 RETURNING uuid, slug, days, started_on, enrolled_at, stopped_at",
                [utc_text(now)],
                from_row,
            )
            .optional()?;
        tx.commit()?;
        Ok(stopped)
    }

    /// Every enrolment, the newest first.
    pub fn programme_history(&self) -> Result<Vec<Enrolment>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} ORDER BY enrolled_at DESC, uuid DESC"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn one_programme_at_a_time_and_stopping_keeps_it() {
        let mut store = Store::open_memory().expect("store");
        let now = datetime!(2026-11-30 08:00 UTC);
        assert_eq!(store.active_programme().expect("read"), None);
        let first = store
            .start_programme("ride-it-out", "mon,wed,fri", date!(2026 - 11 - 30), now)
            .expect("start");
        assert_eq!(store.active_programme().expect("read"), Some(first.clone()));
        assert!(matches!(
            store.start_programme("calm-then-move", "", date!(2026 - 11 - 30), now),
            Err(StoreError::Invalid(_))
        ));
        let stopped = store.stop_programme(now).expect("stop").expect("one");
        assert_eq!(stopped.slug, "ride-it-out");
        assert_eq!(stopped.stopped_at, Some(now));
        assert_eq!(store.active_programme().expect("read"), None);
        assert_eq!(store.stop_programme(now).expect("stop"), None);
        store
            .start_programme("calm-then-move", "", date!(2026 - 12 - 01), now)
            .expect("start again");
        let history = store.programme_history().expect("history");
        assert_eq!(history.len(), 2);
    }
}
