//! Fitness self-test results and WHO-5 answers, each in its own table.

use rusqlite::{Row, params};

use super::{Result, Store, conversion, date_at, date_text, parse_utc, utc_text};
use limber_domain::model::{
    EntryKind, FitnessResult, FitnessTest, NewFitnessResult, Who5, Who5Result,
};

/// The fitness results and WHO-5s as diary entries, with the columns of
/// `entries::ENTRIES` and then their own: `test`, `value`, `practice` (the
/// first try of its test still recorded) and `answers` ("1,2,3,4,5").
pub(super) const ENTRY_ROWS: &str = "
    SELECT 'fitness', uuid, recorded_at, local_date, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, test, value,
           row_number() OVER (PARTITION BY test ORDER BY recorded_at, version, device, uuid) = 1, NULL
      FROM fitness_results WHERE deleted_at IS NULL
    UNION ALL
    SELECT 'wellbeing', uuid, recorded_at, local_date, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL,
           a1 || ',' || a2 || ',' || a3 || ',' || a4 || ',' || a5
      FROM who5_results WHERE deleted_at IS NULL";

/// A WHO-5's answers as `ENTRY_ROWS` gives them, if the row has them.
pub(super) fn answers_at(row: &Row<'_>, column: &str) -> rusqlite::Result<Option<[u8; 5]>> {
    let Some(text) = row.get::<_, Option<String>>(column)? else {
        return Ok(None);
    };
    let mut answers = [0u8; 5];
    let mut parts = text.split(',');
    for a in &mut answers {
        *a = parts
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| conversion(16, format!("WHO-5 answers \"{text}\"")))?;
    }
    Ok(Some(answers))
}

/// A fitness result's or WHO-5's row as JSON, for the undo log.
pub(super) fn row_json(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Wellbeing => {
            "SELECT json_object('a1', a1, 'a2', a2, 'a3', a3, 'a4', a4, 'a5', a5,
                'recorded_at', recorded_at, 'local_date', local_date,
                'updated_at', updated_at, 'deleted_at', deleted_at)
             FROM who5_results WHERE uuid = ?1"
        }
        _ => {
            "SELECT json_object('value', value, 'recorded_at', recorded_at,
                'local_date', local_date, 'updated_at', updated_at, 'deleted_at', deleted_at)
             FROM fitness_results WHERE uuid = ?1"
        }
    }
}

/// Puts a row back as `row_json` kept it (?2).
pub(super) fn restore(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Wellbeing => {
            "UPDATE who5_results SET a1 = ?2 ->> 'a1', a2 = ?2 ->> 'a2', a3 = ?2 ->> 'a3',
                a4 = ?2 ->> 'a4', a5 = ?2 ->> 'a5', recorded_at = ?2 ->> 'recorded_at',
                local_date = ?2 ->> 'local_date', updated_at = ?2 ->> 'updated_at',
                deleted_at = ?2 ->> 'deleted_at'
             WHERE uuid = ?1"
        }
        _ => {
            "UPDATE fitness_results SET value = ?2 ->> 'value', recorded_at = ?2 ->> 'recorded_at',
                local_date = ?2 ->> 'local_date', updated_at = ?2 ->> 'updated_at',
                deleted_at = ?2 ->> 'deleted_at'
             WHERE uuid = ?1"
        }
    }
}

/// Leaves a tombstone at ?2.
pub(super) fn tombstone(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Wellbeing => {
            "UPDATE who5_results SET deleted_at = ?2, updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        _ => {
            "UPDATE fitness_results SET deleted_at = ?2, updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
    }
}

/// A correction: ?2 the time of the change, ?10/?11 the new time and day,
/// ?13 a fitness value, ?14–?18 the WHO-5's answers.
pub(super) fn correct_sql(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Wellbeing => {
            "UPDATE who5_results SET a1 = coalesce(?14, a1), a2 = coalesce(?15, a2),
                a3 = coalesce(?16, a3), a4 = coalesce(?17, a4), a5 = coalesce(?18, a5),
                recorded_at = coalesce(?10, recorded_at), local_date = coalesce(?11, local_date),
                updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        _ => {
            "UPDATE fitness_results SET value = coalesce(?13, value),
                recorded_at = coalesce(?10, recorded_at), local_date = coalesce(?11, local_date),
                updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
    }
}

/// A result is the practice try when it is the first of its test still in
/// the record: worked out here on every read, never stored.
const SELECT_FITNESS: &str = "SELECT id, uuid, test, value, recorded_at, local_date,
        row_number() OVER (PARTITION BY test ORDER BY recorded_at, version, device, uuid) = 1
    FROM fitness_results WHERE deleted_at IS NULL";

fn fitness_from_row(row: &Row<'_>) -> rusqlite::Result<FitnessResult> {
    let test: String = row.get(2)?;
    Ok(FitnessResult {
        id: row.get(0)?,
        uuid: row.get(1)?,
        test: FitnessTest::parse(&test)
            .ok_or_else(|| conversion(2, format!("unknown fitness test {test}")))?,
        value: row.get(3)?,
        at: parse_utc(&row.get::<_, String>(4)?).map_err(|e| conversion(4, e))?,
        local_date: date_at(row, 5)?,
        practice: row.get(6)?,
    })
}

const SELECT_WHO5: &str = "SELECT id, uuid, recorded_at, local_date, a1, a2, a3, a4, a5
    FROM who5_results WHERE deleted_at IS NULL";

fn who5_from_row(row: &Row<'_>) -> rusqlite::Result<Who5Result> {
    let mut answers = [0u8; 5];
    for (i, a) in answers.iter_mut().enumerate() {
        *a = row.get(4 + i)?;
    }
    Ok(Who5Result {
        id: row.get(0)?,
        uuid: row.get(1)?,
        at: parse_utc(&row.get::<_, String>(2)?).map_err(|e| conversion(2, e))?,
        local_date: date_at(row, 3)?,
        who5: Who5::new(answers)
            .ok_or_else(|| conversion(4, "a WHO-5 answer over 5".to_string()))?,
    })
}

impl Store {
    /// Writes one fitness result; it is on disk when this returns.
    pub fn add_fitness_result(&mut self, new: &NewFitnessResult) -> Result<FitnessResult> {
        self.add_fitness_result_as(&uuid::Uuid::new_v4().to_string(), new)
    }

    /// Writes one fitness result under a UUID made beforehand; writing it
    /// again adds nothing.
    pub fn add_fitness_result_as(
        &mut self,
        uuid: &str,
        new: &NewFitnessResult,
    ) -> Result<FitnessResult> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let at = utc_text(new.at);
        let added = tx.execute(
            "INSERT INTO fitness_results (uuid, test, value, recorded_at, local_date, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?4)
             ON CONFLICT (uuid) DO NOTHING",
            params![
                uuid,
                new.test.as_str(),
                new.value,
                at,
                date_text(new.local_date)
            ],
        )?;
        if added > 0 {
            super::entries::log_added(&tx, EntryKind::Fitness, uuid)?;
        }
        let stored = tx.query_row(
            &format!("SELECT * FROM ({SELECT_FITNESS}) WHERE uuid = ?1"),
            [uuid],
            fitness_from_row,
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// Every fitness result, oldest first.
    pub fn fitness_results(&self) -> Result<Vec<FitnessResult>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_FITNESS} ORDER BY recorded_at, version, device, uuid"
        ))?;
        let rows = stmt.query_map([], fitness_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether `test` has been tried before (so the next try is not the
    /// practice one).
    pub fn fitness_tried(&self, test: FitnessTest) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM fitness_results WHERE test = ?1 AND deleted_at IS NULL)",
            [test.as_str()],
            |r| r.get(0),
        )?)
    }

    /// Writes one WHO-5; it is on disk when this returns.
    pub fn add_who5(
        &mut self,
        at: time::OffsetDateTime,
        local_date: time::Date,
        who5: Who5,
    ) -> Result<Who5Result> {
        self.add_who5_as(&uuid::Uuid::new_v4().to_string(), at, local_date, who5)
    }

    /// Writes one WHO-5 under a UUID made beforehand; writing it again
    /// adds nothing.
    pub fn add_who5_as(
        &mut self,
        uuid: &str,
        at: time::OffsetDateTime,
        local_date: time::Date,
        who5: Who5,
    ) -> Result<Who5Result> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let [a1, a2, a3, a4, a5] = who5.answers();
        let added = tx.execute(
            "INSERT INTO who5_results (uuid, a1, a2, a3, a4, a5, recorded_at, local_date, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)
             ON CONFLICT (uuid) DO NOTHING",
            params![uuid, a1, a2, a3, a4, a5, utc_text(at), date_text(local_date)],
        )?;
        if added > 0 {
            super::entries::log_added(&tx, EntryKind::Wellbeing, uuid)?;
        }
        let stored = tx.query_row(
            &format!("{SELECT_WHO5} AND uuid = ?1"),
            [uuid],
            who5_from_row,
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// Every WHO-5, oldest first.
    pub fn who5_results(&self) -> Result<Vec<Who5Result>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_WHO5} ORDER BY recorded_at, version, device, uuid"
        ))?;
        let rows = stmt.query_map([], who5_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
