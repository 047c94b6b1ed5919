//! The RAND-36 scales' answers (physical functioning, the MHI-5): one row
//! a completed scale; the score is worked out on reading.

use rusqlite::{Row, params};

use super::{Result, Store, conversion, date_at, date_text, parse_utc, utc_text};
use limber_domain::model::{Rand36, Rand36Result, Rand36Scale};

const SELECT_RAND36: &str = "SELECT id, uuid, scale, answers, recorded_at, local_date
    FROM rand36_results WHERE deleted_at IS NULL";

fn rand36_from_row(row: &Row<'_>) -> rusqlite::Result<Rand36Result> {
    let scale: String = row.get(2)?;
    let scale = Rand36Scale::parse(&scale)
        .ok_or_else(|| conversion(2, format!("unknown RAND-36 scale {scale}")))?;
    let text: String = row.get(3)?;
    let answers = text
        .split(',')
        .map(|a| a.parse::<u8>())
        .collect::<std::result::Result<Vec<u8>, _>>()
        .map_err(|_| conversion(3, format!("RAND-36 answers \"{text}\"")))?;
    let rand36 = Rand36::new(scale, &answers)
        .map_err(|e| conversion(3, format!("RAND-36 answers \"{text}\": {e}")))?;
    Ok(Rand36Result {
        id: row.get(0)?,
        uuid: row.get(1)?,
        at: parse_utc(&row.get::<_, String>(4)?).map_err(|e| conversion(4, e))?,
        local_date: date_at(row, 5)?,
        rand36,
    })
}

fn answers_text(rand36: &Rand36) -> String {
    rand36
        .answers()
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl Store {
    /// Writes one completed scale; it is on disk when this returns.
    pub fn add_rand36(
        &mut self,
        at: time::OffsetDateTime,
        local_date: time::Date,
        rand36: &Rand36,
    ) -> Result<Rand36Result> {
        self.add_rand36_as(&uuid::Uuid::new_v4().to_string(), at, local_date, rand36)
    }

    /// Writes one completed scale under a UUID made beforehand; writing it
    /// again adds nothing.
    pub fn add_rand36_as(
        &mut self,
        uuid: &str,
        at: time::OffsetDateTime,
        local_date: time::Date,
        rand36: &Rand36,
    ) -> Result<Rand36Result> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO rand36_results (uuid, scale, answers, recorded_at, local_date, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?4)
             ON CONFLICT (uuid) DO NOTHING",
            params![
                uuid,
                rand36.scale().as_str(),
                answers_text(rand36),
                utc_text(at),
                date_text(local_date)
            ],
        )?;
        let stored = tx.query_row(
            &format!("{SELECT_RAND36} AND uuid = ?1"),
            [uuid],
            rand36_from_row,
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// Every completed scale of `scale`, oldest first.
    pub fn rand36_results(&self, scale: Rand36Scale) -> Result<Vec<Rand36Result>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_RAND36} AND scale = ?1 ORDER BY recorded_at, id"
        ))?;
        let rows = stmt.query_map([scale.as_str()], rand36_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes one completed scale by its id or the start of its UUID,
    /// leaving a tombstone; `None` when no live row matches.
    pub fn delete_rand36(
        &mut self,
        id: &str,
        now: time::OffsetDateTime,
    ) -> Result<Option<Rand36Result>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: Option<Rand36Result> = {
            let mut stmt = tx.prepare(&format!(
                "{SELECT_RAND36} AND (uuid = ?1 OR (length(?1) >= 4 AND substr(uuid, 1, length(?1)) = ?1))"
            ))?;
            let rows: Vec<Rand36Result> = stmt
                .query_map([id], rand36_from_row)?
                .collect::<rusqlite::Result<_>>()?;
            if rows.len() == 1 {
                rows.into_iter().next()
            } else {
                None
            }
        };
        if let Some(r) = &found {
            tx.execute(
                "UPDATE rand36_results SET deleted_at = ?2, updated_at = ?2
                 WHERE uuid = ?1 AND deleted_at IS NULL",
                params![r.uuid, utc_text(now)],
            )?;
        }
        tx.commit()?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_scale_is_written_read_back_scored_and_deleted() {
        let mut store = Store::open_memory().expect("store");
        let pf = Rand36::new(
            Rand36Scale::PhysicalFunctioning,
            &[1, 2, 3, 3, 3, 2, 1, 2, 3, 3],
        )
        .expect("valid");
        let at = datetime!(2026-11-02 9:00 UTC);
        let saved = store
            .add_rand36(at, date!(2026 - 11 - 02), &pf)
            .expect("saved");
        assert_eq!(saved.rand36.score(), 65.0);
        let mhi = Rand36::new(Rand36Scale::EmotionalWellBeing, &[4, 6, 3, 5, 2]).expect("valid");
        store
            .add_rand36(at, date!(2026 - 11 - 02), &mhi)
            .expect("saved");
        let back = store
            .rand36_results(Rand36Scale::PhysicalFunctioning)
            .expect("read");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].rand36, pf);
        assert_eq!(
            store
                .rand36_results(Rand36Scale::EmotionalWellBeing)
                .expect("read")[0]
                .rand36
                .score(),
            76.0
        );
        // Written again under its UUID: nothing added.
        store
            .add_rand36_as(&saved.uuid, at, date!(2026 - 11 - 02), &pf)
            .expect("again");
        assert_eq!(
            store
                .rand36_results(Rand36Scale::PhysicalFunctioning)
                .expect("read")
                .len(),
            1
        );
        let gone = store
            .delete_rand36(&saved.uuid[..8], datetime!(2026-11-03 9:00 UTC))
            .expect("delete");
        assert_eq!(gone.map(|r| r.uuid), Some(saved.uuid.clone()));
        assert!(
            store
                .rand36_results(Rand36Scale::PhysicalFunctioning)
                .expect("read")
                .is_empty()
        );
        assert_eq!(
            store
                .delete_rand36(&saved.uuid, datetime!(2026-11-03 9:00 UTC))
                .expect("again"),
            None
        );
        // An id is a start of the UUID, never a pattern.
        assert_eq!(
            store
                .delete_rand36("%%%%", datetime!(2026-11-03 9:00 UTC))
                .expect("no pattern"),
            None
        );
    }

    #[test]
    fn the_table_refuses_answers_out_of_range() {
        let store = Store::open_memory().expect("store");
        let bad = store.conn.execute(
            "INSERT INTO rand36_results (uuid, scale, answers, recorded_at, local_date, updated_at)
             VALUES ('u', 'emotional-well-being', '1,2,3,4,7', 't', '2026-11-02', 't')",
            [],
        );
        assert!(bad.is_err());
    }
}
