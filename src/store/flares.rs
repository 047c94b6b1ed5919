//! Flare days and feared exercises: the two things limber keeps about living
//! with bad days and fear of movement.

use rusqlite::{OptionalExtension, params};
use time::{Date, OffsetDateTime};

use super::{Result, Store, date_at, date_text, utc_text};
use crate::model::Exposure;

impl Store {
    /// Marks a day as a flare-up (again marking it keeps the first mark and
    /// updates the note). Returns whether it was new.
    pub fn mark_flare(
        &mut self,
        day: Date,
        note: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let existed: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM flare_days WHERE local_date = ?1)",
            [date_text(day)],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO flare_days (local_date, uuid, note, marked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (local_date) DO UPDATE SET note = coalesce(excluded.note, note)",
            params![
                date_text(day),
                uuid::Uuid::new_v4().to_string(),
                note,
                utc_text(now)
            ],
        )?;
        tx.commit()?;
        Ok(!existed)
    }

    /// Takes a flare mark back. Returns whether there was one.
    pub fn clear_flare(&mut self, day: Date) -> Result<bool> {
        Ok(self.conn.execute(
            "DELETE FROM flare_days WHERE local_date = ?1",
            [date_text(day)],
        )? > 0)
    }

    pub fn is_flare(&self, day: Date) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM flare_days WHERE local_date = ?1)",
            [date_text(day)],
            |r| r.get(0),
        )?)
    }

    /// Flare days in `[from, to]`, oldest first.
    pub fn flare_days(&self, from: Date, to: Date) -> Result<Vec<Date>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_date FROM flare_days WHERE local_date BETWEEN ?1 AND ?2 ORDER BY local_date",
        )?;
        let rows = stmt.query_map([date_text(from), date_text(to)], |r| date_at(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks or unmarks an exercise (by name) as one the user fears.
    pub fn set_feared(&mut self, name: &str, feared: bool, now: OffsetDateTime) -> Result<()> {
        if feared {
            self.conn.execute(
                "INSERT INTO feared_exercises (name, marked_at) VALUES (?1, ?2)
                 ON CONFLICT (name) DO NOTHING",
                params![name, utc_text(now)],
            )?;
        } else {
            self.conn
                .execute("DELETE FROM feared_exercises WHERE name = ?1", [name])?;
        }
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT e.name FROM session_exercises e JOIN sessions s ON s.id = e.session_id
             WHERE s.local_date BETWEEN ?1 AND ?2
               AND (e.expected_pain IS NOT NULL OR e.actual_pain IS NOT NULL)
             ORDER BY e.name",
        )?;
        let rows = stmt.query_map([date_text(from), date_text(to)], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The note of a flare day, if it is one.
    pub fn flare_note(&self, day: Date) -> Result<Option<Option<String>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT note FROM flare_days WHERE local_date = ?1",
                [date_text(day)],
                |r| r.get(0),
            )
            .optional()?)
    }
}
