//! Feared exercises and each try of one: how much it was expected to hurt,
//! and how much it did.

use rusqlite::params;
use time::{Date, OffsetDateTime};

use super::{Result, Store, date_at, date_text, utc_text};
use limber_domain::model::Exposure;

impl Store {
    /// Marks or unmarks an exercise (by name) as one the user fears.
    pub fn set_feared(&mut self, name: &str, feared: bool, now: OffsetDateTime) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if feared {
            let added = tx.execute(
                "INSERT INTO feared_exercises (name, marked_at) VALUES (?1, ?2)
                 ON CONFLICT (name) DO NOTHING",
                params![name, utc_text(now)],
            )?;
            if added > 0 {
                tx.execute(
                    "UPDATE feared_exercises SET version = ?2 WHERE name = ?1",
                    params![name, super::next_version(&tx, now)?],
                )?;
            }
        } else {
            let removed = tx.execute("DELETE FROM feared_exercises WHERE name = ?1", [name])?;
            // The unmark's time and version, for `limber sync` (the trigger
            // that keeps it knows only the machine's clock).
            if removed > 0 {
                tx.execute(
                    "UPDATE feared_unmarked SET unmarked_at = ?2, version = ?3 WHERE name = ?1",
                    params![name, utc_text(now), super::next_version(&tx, now)?],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The names of the feared exercises.
    pub fn feared(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM feared_exercises ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records how much a feared exercise was expected to hurt and did
    /// (a `None` keeps what is there).
    pub fn set_exposure(
        &mut self,
        session_id: i64,
        position: u32,
        expected: Option<u8>,
        actual: Option<u8>,
    ) -> Result<()> {
        self.may_write(session_id)?;
        self.conn.execute(
            "UPDATE session_exercises
             SET expected_pain = coalesce(?3, expected_pain), actual_pain = coalesce(?4, actual_pain)
             WHERE session_id = ?1 AND position = ?2",
            params![session_id, position, expected, actual],
        )?;
        Ok(())
    }

    /// Every expected / actual answer for one exercise in `[from, to]`, oldest first.
    pub fn exposures(&self, name: &str, from: Date, to: Date) -> Result<Vec<Exposure>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.local_date, e.expected_pain, e.actual_pain
             FROM session_exercises e JOIN sessions s ON s.id = e.session_id
             WHERE e.name = ?1 AND s.local_date BETWEEN ?2 AND ?3 AND e.status != 'skipped'
               AND s.deleted_at IS NULL
               AND (e.expected_pain IS NOT NULL OR e.actual_pain IS NOT NULL)
             ORDER BY s.started_at",
        )?;
        let rows = stmt.query_map(params![name, date_text(from), date_text(to)], |r| {
            Ok(Exposure {
                date: date_at(r, 0)?,
                expected: r.get(1)?,
                actual: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The names of exercises with any expected / actual answer in `[from, to]`.
    pub fn exposed_exercises(&self, from: Date, to: Date) -> Result<Vec<String>> {
        self.rows_between(
            "SELECT DISTINCT e.name FROM session_exercises e JOIN sessions s ON s.id = e.session_id
             WHERE s.local_date BETWEEN ?1 AND ?2 AND s.deleted_at IS NULL
               AND (e.expected_pain IS NOT NULL OR e.actual_pain IS NOT NULL)
             ORDER BY e.name",
            from,
            to,
            |r| r.get(0),
        )
    }
}
