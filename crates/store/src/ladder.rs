//! The graded exposure ladder: feared everyday activities (steps) and each
//! try of one. Both are entries as the others are: a UUID, the device and
//! version of their last change, a tombstone when deleted (see migration
//! 0014). A try names its step by UUID; a deleted step's tries go with it.

use rusqlite::{OptionalExtension, Row, params};
use time::{Date, OffsetDateTime};

use super::{Result, Store, conversion, date_at, date_text, parse_utc, utc_text};
use limber_domain::model::{FearStep, FearTry, LadderStep};

const SELECT_STEP: &str =
    "SELECT uuid, name, position, expected, created_at, local_date FROM fear_steps
     WHERE deleted_at IS NULL";

const SELECT_TRY: &str = "SELECT uuid, step, tried_at, local_date, expected_before, happened,
        expected_after, pain_after, note FROM fear_tries WHERE deleted_at IS NULL";

fn step_from_row(row: &Row<'_>) -> rusqlite::Result<FearStep> {
    Ok(FearStep {
        uuid: row.get(0)?,
        name: row.get(1)?,
        position: row.get(2)?,
        expected: row.get(3)?,
        created_at: parse_utc(&row.get::<_, String>(4)?).map_err(|e| conversion(4, e))?,
        local_date: date_at(row, 5)?,
    })
}

fn try_from_row(row: &Row<'_>) -> rusqlite::Result<FearTry> {
    Ok(FearTry {
        uuid: row.get(0)?,
        step: row.get(1)?,
        at: parse_utc(&row.get::<_, String>(2)?).map_err(|e| conversion(2, e))?,
        local_date: date_at(row, 3)?,
        before: row.get(4)?,
        happened: row.get(5)?,
        after: row.get(6)?,
        pain: row.get(7)?,
        note: row.get(8)?,
    })
}

/// What a try done says: what happened, the expectation re-rated after,
/// the pain after and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TryDone<'a> {
    pub happened: &'a str,
    pub after: u8,
    pub pain: Option<u8>,
    pub note: Option<&'a str>,
}

impl Store {
    /// Names a feared activity with the harm expected of it (0–100), last
    /// on the ladder unless `position` says where.
    pub fn add_fear_step(
        &mut self,
        name: &str,
        expected: u8,
        position: Option<i64>,
        now: OffsetDateTime,
        local_date: Date,
    ) -> Result<FearStep> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let position = match position {
            Some(p) => p,
            None => tx.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM fear_steps WHERE deleted_at IS NULL",
                [],
                |r| r.get(0),
            )?,
        };
        let uuid = uuid::Uuid::new_v4().to_string();
        tx.execute(
            "INSERT INTO fear_steps (uuid, name, position, expected, created_at, local_date,
                updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)",
            params![
                uuid,
                name,
                position,
                expected,
                utc_text(now),
                date_text(local_date)
            ],
        )?;
        let step = tx.query_row(
            &format!("{SELECT_STEP} AND uuid = ?1"),
            [&uuid],
            step_from_row,
        )?;
        tx.commit()?;
        Ok(step)
    }

    /// Changes a step's name, place or first expectation (a `None` keeps
    /// what is there); false when no live step has that UUID.
    pub fn edit_fear_step(
        &mut self,
        uuid: &str,
        name: Option<&str>,
        position: Option<i64>,
        expected: Option<u8>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let changed = self.conn.execute(
            "UPDATE fear_steps SET name = coalesce(?2, name), position = coalesce(?3, position),
                expected = coalesce(?4, expected), updated_at = ?5
             WHERE uuid = ?1 AND deleted_at IS NULL",
            params![uuid, name, position, expected, utc_text(now)],
        )?;
        Ok(changed > 0)
    }

    /// Deletes a step and its tries, leaving tombstones (no name, nothing
    /// of what happened); `None` when no live step has that UUID.
    pub fn delete_fear_step(
        &mut self,
        uuid: &str,
        now: OffsetDateTime,
    ) -> Result<Option<FearStep>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found = tx
            .query_row(
                &format!("{SELECT_STEP} AND uuid = ?1"),
                [uuid],
                step_from_row,
            )
            .optional()?;
        if found.is_some() {
            let at = utc_text(now);
            tx.execute(
                "UPDATE fear_tries SET deleted_at = ?2, updated_at = ?2, happened = NULL,
                    note = NULL
                 WHERE step = ?1 AND deleted_at IS NULL",
                params![uuid, at],
            )?;
            tx.execute(
                "UPDATE fear_steps SET deleted_at = ?2, updated_at = ?2, name = ''
                 WHERE uuid = ?1 AND deleted_at IS NULL",
                params![uuid, at],
            )?;
        }
        tx.commit()?;
        Ok(found)
    }

    /// The ladder: each live step in the person's order, with its tries
    /// oldest first.
    pub fn fear_ladder(&self) -> Result<Vec<LadderStep>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_STEP} ORDER BY position, created_at, uuid"
        ))?;
        let steps: Vec<FearStep> = stmt
            .query_map([], step_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_TRY} ORDER BY tried_at, id"))?;
        let tries: Vec<FearTry> = stmt
            .query_map([], try_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(steps
            .into_iter()
            .map(|step| LadderStep {
                tries: tries
                    .iter()
                    .filter(|t| t.step == step.uuid)
                    .cloned()
                    .collect(),
                step,
            })
            .collect())
    }

    /// Records that a step is being tried, with the harm expected before.
    /// A try of it begun and not done is begun again (its time and
    /// expectation are these), so a step has at most one open try.
    pub fn begin_fear_try(
        &mut self,
        step: &str,
        before: u8,
        now: OffsetDateTime,
        local_date: Date,
    ) -> Result<FearTry> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let open: Option<String> = tx
            .query_row(
                "SELECT uuid FROM fear_tries
                 WHERE step = ?1 AND deleted_at IS NULL AND expected_after IS NULL
                 ORDER BY tried_at DESC, id DESC LIMIT 1",
                [step],
                |r| r.get(0),
            )
            .optional()?;
        let uuid = match open {
            Some(uuid) => {
                tx.execute(
                    "UPDATE fear_tries SET tried_at = ?2, local_date = ?3, expected_before = ?4,
                        updated_at = ?2
                     WHERE uuid = ?1",
                    params![uuid, utc_text(now), date_text(local_date), before],
                )?;
                uuid
            }
            None => {
                let uuid = uuid::Uuid::new_v4().to_string();
                tx.execute(
                    "INSERT INTO fear_tries (uuid, step, tried_at, local_date, expected_before,
                        updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?3)",
                    params![uuid, step, utc_text(now), date_text(local_date), before],
                )?;
                uuid
            }
        };
        let t = tx.query_row(
            &format!("{SELECT_TRY} AND uuid = ?1"),
            [&uuid],
            try_from_row,
        )?;
        tx.commit()?;
        Ok(t)
    }

    /// Completes the step's open try (the latest begun and not done) with
    /// what happened, or records a try done when none is open, with
    /// `before` as its expectation before. Returns the try and whether it
    /// completed an open one.
    pub fn finish_fear_try(
        &mut self,
        step: &str,
        before: Option<u8>,
        done: &TryDone<'_>,
        now: OffsetDateTime,
        local_date: Date,
    ) -> Result<(FearTry, bool)> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let open: Option<String> = tx
            .query_row(
                "SELECT uuid FROM fear_tries
                 WHERE step = ?1 AND deleted_at IS NULL AND expected_after IS NULL
                 ORDER BY tried_at DESC, id DESC LIMIT 1",
                [step],
                |r| r.get(0),
            )
            .optional()?;
        let at = utc_text(now);
        let completed = open.is_some();
        let uuid = match open {
            Some(uuid) => {
                tx.execute(
                    "UPDATE fear_tries SET happened = ?2, expected_after = ?3, pain_after = ?4,
                        note = ?5, updated_at = ?6
                     WHERE uuid = ?1",
                    params![uuid, done.happened, done.after, done.pain, done.note, at],
                )?;
                uuid
            }
            None => {
                let uuid = uuid::Uuid::new_v4().to_string();
                tx.execute(
                    "INSERT INTO fear_tries (uuid, step, tried_at, local_date, expected_before,
                        happened, expected_after, pain_after, note, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?3)",
                    params![
                        uuid,
                        step,
                        at,
                        date_text(local_date),
                        before,
                        done.happened,
                        done.after,
                        done.pain,
                        done.note
                    ],
                )?;
                uuid
            }
        };
        let t = tx.query_row(
            &format!("{SELECT_TRY} AND uuid = ?1"),
            [&uuid],
            try_from_row,
        )?;
        tx.commit()?;
        Ok((t, completed))
    }

    /// Whether a step with this UUID is here, live or deleted (a try of it
    /// may come in).
    pub fn fear_step_here(&self, uuid: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM fear_steps WHERE uuid = ?1)")?
            .query_row([uuid], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_ladder_is_named_tried_re_rated_and_deleted() {
        let mut store = Store::open_memory().expect("store");
        let day = date!(2026 - 11 - 02);
        let t0 = datetime!(2026-11-02 9:00 UTC);
        let lift = store
            .add_fear_step("lifting a bag", 80, None, t0, day)
            .expect("added");
        let bend = store
            .add_fear_step("bending to the floor", 60, None, t0, day)
            .expect("added");
        assert_eq!((lift.position, bend.position), (1, 2));
        store
            .begin_fear_try(&lift.uuid, 85, t0 + time::Duration::minutes(30), day)
            .expect("begun");
        // Begun again before it was done: the same try, the new expectation.
        store
            .begin_fear_try(&lift.uuid, 80, t0 + time::Duration::hours(1), day)
            .expect("begun");
        assert_eq!(store.fear_ladder().expect("ladder")[0].tries.len(), 1);
        let done = TryDone {
            happened: "carried it up the stairs",
            after: 50,
            pain: Some(3),
            note: None,
        };
        let (t, completed) = store
            .finish_fear_try(
                &lift.uuid,
                Some(80),
                &done,
                t0 + time::Duration::hours(2),
                day,
            )
            .expect("done");
        assert!(completed, "the open try was completed");
        assert_eq!((t.before, t.after, t.pain), (Some(80), Some(50), Some(3)));
        // None open now: a new one is recorded, done.
        let (again, completed) = store
            .finish_fear_try(
                &lift.uuid,
                Some(50),
                &done,
                t0 + time::Duration::hours(3),
                day,
            )
            .expect("done");
        assert!(!completed);
        assert_eq!(again.before, Some(50));
        let ladder = store.fear_ladder().expect("ladder");
        assert_eq!(ladder.len(), 2);
        assert_eq!(ladder[0].step.name, "lifting a bag");
        assert_eq!(ladder[0].tries_done(), 2);
        assert_eq!(ladder[1].tries.len(), 0);
        // Moved above: the ladder follows the person's order.
        assert!(
            store
                .edit_fear_step(
                    &bend.uuid,
                    None,
                    Some(0),
                    None,
                    t0 + time::Duration::hours(4)
                )
                .expect("edit")
        );
        assert_eq!(store.fear_ladder().expect("ladder")[0].step.uuid, bend.uuid);
        // Deleted: the step and its tries are tombstones, nothing of what
        // happened is kept.
        let gone = store
            .delete_fear_step(&lift.uuid, t0 + time::Duration::hours(5))
            .expect("delete");
        assert_eq!(gone.map(|s| s.uuid), Some(lift.uuid.clone()));
        assert_eq!(store.fear_ladder().expect("ladder").len(), 1);
        let kept: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM fear_tries WHERE deleted_at IS NOT NULL AND happened IS NULL",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(kept, 2);
        assert!(store.fear_step_here(&lift.uuid).expect("here"));
        assert_eq!(
            store
                .delete_fear_step(&lift.uuid, t0 + time::Duration::hours(6))
                .expect("again"),
            None
        );
    }

    #[test]
    fn the_tables_refuse_ratings_out_of_range() {
        let store = Store::open_memory().expect("store");
        for sql in [
            "INSERT INTO fear_steps (uuid, name, position, expected, created_at, local_date, updated_at)
             VALUES ('u', 'x', 1, 101, 't', '2026-11-02', 't')",
            "INSERT INTO fear_tries (uuid, step, tried_at, local_date, pain_after, updated_at)
             VALUES ('u', 's', 't', '2026-11-02', 11, 't')",
            "INSERT INTO fear_tries (uuid, step, tried_at, local_date, expected_after, updated_at)
             VALUES ('v', 's', 't', '2026-11-02', 101, 't')",
        ] {
            assert!(store.conn.execute(sql, []).is_err(), "{sql}");
        }
    }

    #[test]
    fn changes_take_versions_and_this_device() {
        let mut store = Store::open_memory().expect("store");
        let t0 = datetime!(2026-11-02 9:00 UTC);
        let s = store
            .add_fear_step("shovelling", 90, None, t0, t0.date())
            .expect("added");
        let v = |store: &Store| -> (i64, Option<String>) {
            store
                .conn
                .query_row(
                    "SELECT version, device FROM fear_steps WHERE uuid = ?1",
                    [&s.uuid],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("row")
        };
        let (first, device) = v(&store);
        assert!(first > 0 && device.is_some());
        store
            .edit_fear_step(&s.uuid, Some("shovelling snow"), None, None, t0)
            .expect("edit");
        assert!(
            v(&store).0 > first,
            "an edit at the same time is still newer"
        );
    }
}
