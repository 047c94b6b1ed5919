//! Sessions (a guided routine, or an activity logged from the shell) and
//! what was done of each exercise in them.

use std::path::Path;

use rusqlite::{OptionalExtension, Row, params};
use time::{Date, OffsetDateTime};

use super::hold::SessionHold;
use super::{Result, Store, StoreError, conversion, date_at, date_text, parse_utc, utc_text};
use limber_domain::model::{
    EntryKind, ExerciseRecord, ExerciseStatus, NewSession, Session, SessionKind, SessionStatus,
    SessionWork,
};
use limber_domain::routine::Kind;

const SELECT: &str = "SELECT s.id, s.uuid, r.slug, s.activity, s.kind, s.status, s.started_at,
        s.ended_at, s.local_date, s.planned_seconds, s.active_seconds, s.note, s.gentle
    FROM sessions s LEFT JOIN routines r ON r.id = s.routine_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    let kind: String = row.get(4)?;
    let status: String = row.get(5)?;
    let ended: Option<String> = row.get(7)?;
    Ok(Session {
        id: row.get(0)?,
        uuid: row.get(1)?,
        routine_slug: row.get(2)?,
        activity: row.get(3)?,
        kind: SessionKind::parse(&kind)
            .ok_or_else(|| conversion(4, format!("unknown session kind {kind}")))?,
        status: SessionStatus::parse(&status)
            .ok_or_else(|| conversion(5, format!("unknown session status {status}")))?,
        started_at: parse_utc(&row.get::<_, String>(6)?).map_err(|e| conversion(6, e))?,
        ended_at: ended
            .map(|t| parse_utc(&t))
            .transpose()
            .map_err(|e| conversion(7, e))?,
        local_date: date_at(row, 8)?,
        planned_seconds: row.get(9)?,
        active_seconds: row.get(10)?,
        note: row.get(11)?,
        gentle: row.get(12)?,
    })
}

fn exercise_from_row(row: &Row<'_>) -> rusqlite::Result<ExerciseRecord> {
    let kind: String = row.get(2)?;
    let status: String = row.get(8)?;
    Ok(ExerciseRecord {
        position: row.get(0)?,
        name: row.get(1)?,
        kind: Kind::parse(&kind).ok_or_else(|| conversion(2, format!("unknown kind {kind}")))?,
        planned_seconds: row.get(3)?,
        actual_seconds: row.get(4)?,
        planned_reps: row.get(5)?,
        sets_planned: row.get(6)?,
        sets_done: row.get(7)?,
        status: ExerciseStatus::parse(&status)
            .ok_or_else(|| conversion(8, format!("unknown exercise status {status}")))?,
        comfort: row.get(9)?,
        finished_at: parse_utc(&row.get::<_, String>(10)?).map_err(|e| conversion(10, e))?,
        expected_pain: row.get(11)?,
        actual_pain: row.get(12)?,
    })
}

impl Store {
    /// Writes a session row in its own transaction and returns it as stored.
    /// A session in progress is held by this store from before anyone can
    /// see it until it is finished.
    pub fn add_session(&mut self, new: &NewSession) -> Result<Session> {
        self.add_session_as(&uuid::Uuid::new_v4().to_string(), new)
    }

    /// Writes a session row under a UUID made beforehand (the app makes one
    /// as a session starts, so later writes can name it before its row
    /// exists). Writing it again adds nothing: a retry is safe.
    pub fn add_session_as(&mut self, uuid: &str, new: &NewSession) -> Result<Session> {
        let folder = self.folder().map(Path::to_path_buf);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let added = tx.execute(
            "INSERT INTO sessions (uuid, routine_id, activity, kind, status, started_at,
                ended_at, local_date, planned_seconds, active_seconds, note, gentle)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (uuid) DO NOTHING",
            params![
                uuid,
                new.routine_id,
                new.activity,
                new.kind.as_str(),
                new.status.as_str(),
                utc_text(new.started_at),
                new.ended_at.map(utc_text),
                date_text(new.local_date),
                new.planned_seconds,
                new.active_seconds,
                new.note,
                new.gentle,
            ],
        )?;
        // A session logged from the shell can be undone; one the app runs
        // is the app's to end.
        if added > 0 && new.kind == SessionKind::Logged {
            super::entries::log_added(&tx, EntryKind::Session, uuid)?;
        }
        let session = tx.query_row(&format!("{SELECT} WHERE s.uuid = ?1"), [uuid], from_row)?;
        // Held before anyone can see it; a retry of a row this store
        // already holds keeps the hold it has.
        let hold = match new.status {
            SessionStatus::InProgress
                if self.held.as_ref().map(SessionHold::session) == Some(session.id) =>
            {
                None
            }
            SessionStatus::InProgress => {
                Some(SessionHold::take(folder.as_deref(), session.id).ok_or(StoreError::NotHeld)?)
            }
            _ => None,
        };
        tx.commit()?;
        if hold.is_some() {
            self.held = hold;
        }
        Ok(session)
    }

    /// The row id of the session with this UUID, if it is in the store.
    pub fn session_id(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM sessions WHERE uuid = ?1", [uuid], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Records one finished (or skipped) exercise of a session, at once, in
    /// its own transaction, so a crash loses at most the exercise under way.
    /// Recording the same position again replaces it (after going back).
    pub fn record_exercise(&mut self, session_id: i64, record: &ExerciseRecord) -> Result<()> {
        self.may_write(session_id)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO session_exercises (uuid, session_id, position, name, kind,
                planned_seconds, actual_seconds, planned_reps, sets_planned, sets_done,
                status, comfort, finished_at, expected_pain, actual_pain)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (session_id, position) DO UPDATE SET
                actual_seconds = excluded.actual_seconds,
                sets_done = excluded.sets_done,
                status = excluded.status,
                comfort = coalesce(excluded.comfort, comfort),
                expected_pain = coalesce(excluded.expected_pain, expected_pain),
                actual_pain = coalesce(excluded.actual_pain, actual_pain),
                finished_at = excluded.finished_at",
            params![
                uuid::Uuid::new_v4().to_string(),
                session_id,
                record.position,
                record.name,
                record.kind.as_str(),
                record.planned_seconds,
                record.actual_seconds,
                record.planned_reps,
                record.sets_planned,
                record.sets_done,
                record.status.as_str(),
                record.comfort,
                utc_text(record.finished_at),
                record.expected_pain,
                record.actual_pain,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Rates how an exercise felt, 1–5.
    pub fn rate_exercise(&mut self, session_id: i64, position: u32, comfort: u8) -> Result<()> {
        self.may_write(session_id)?;
        self.conn.execute(
            "UPDATE session_exercises SET comfort = ?3 WHERE session_id = ?1 AND position = ?2",
            params![session_id, position, comfort],
        )?;
        Ok(())
    }

    /// Closes a session as completed or aborted, and lets go of its hold.
    /// Its active time is the sum of what was recorded of its exercises, so
    /// a resumed session counts both of its parts.
    pub fn finish_session(
        &mut self,
        session_id: i64,
        status: SessionStatus,
        ended_at: OffsetDateTime,
    ) -> Result<()> {
        self.may_write(session_id)?;
        self.conn.execute(
            "UPDATE sessions SET status = ?2, ended_at = ?3,
                active_seconds = (SELECT coalesce(sum(actual_seconds), 0)
                                  FROM session_exercises WHERE session_id = ?1)
             WHERE id = ?1",
            params![session_id, status.as_str(), utc_text(ended_at)],
        )?;
        if self.holds(session_id) {
            self.held = None;
        }
        Ok(())
    }

    /// Takes the hold on an unfinished session before this window resumes
    /// or closes it: `false` when another window has it, or finished it
    /// meanwhile.
    pub fn hold_session(&mut self, session_id: i64) -> Result<bool> {
        if self.holds(session_id) {
            return Ok(true);
        }
        let Some(hold) = SessionHold::take(self.folder(), session_id) else {
            return Ok(false);
        };
        // Read after the hold is taken: whoever finished it had let go.
        let unfinished = self
            .session(session_id)?
            .is_some_and(|s| s.status == SessionStatus::InProgress);
        if unfinished {
            self.held = Some(hold);
        }
        Ok(unfinished)
    }

    fn holds(&self, session_id: i64) -> bool {
        self.held.as_ref().map(SessionHold::session) == Some(session_id)
    }

    /// A session in progress is written only by the window that holds it;
    /// one that has ended (a rating on the summary) by anyone.
    pub(super) fn may_write(&self, session_id: i64) -> Result<()> {
        if self.holds(session_id) {
            return Ok(());
        }
        let status: Option<String> = self
            .conn
            .query_row(
                "SELECT status FROM sessions WHERE id = ?1",
                [session_id],
                |r| r.get(0),
            )
            .optional()?;
        match status.as_deref().and_then(SessionStatus::parse) {
            Some(SessionStatus::InProgress) => Err(StoreError::NotHeld),
            _ => Ok(()),
        }
    }

    /// The check-in of a session in a given context (before / after), if any.
    pub fn session_checkin(
        &self,
        session_id: i64,
        context: limber_domain::model::CheckInKind,
    ) -> Result<Option<limber_domain::model::Scales>> {
        Ok(self
            .conn
            .query_row(
                "SELECT pain, anxiety, mood, fear FROM checkins
                 WHERE session_id = ?1 AND context = ?2 AND deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1",
                params![session_id, context.as_str()],
                |r| {
                    Ok(limber_domain::model::Scales {
                        pain: r.get(0)?,
                        anxiety: r.get(1)?,
                        mood: r.get(2)?,
                        fear: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The most recent session left in progress (by a crash or a kill), if
    /// any; one that another window is running is not.
    pub fn unfinished_session(&self) -> Result<Option<Session>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE s.status = 'in_progress' AND s.deleted_at IS NULL ORDER BY s.started_at DESC, s.version DESC, s.device DESC, s.uuid DESC"
        ))?;
        for session in stmt.query_map([], from_row)? {
            let session = session?;
            if self.holds(session.id) || !SessionHold::held_elsewhere(self.folder(), session.id) {
                return Ok(Some(session));
            }
        }
        Ok(None)
    }

    /// One session by its row id.
    pub fn session(&self, id: i64) -> Result<Option<Session>> {
        Ok(self
            .conn
            .query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
            .optional()?)
    }

    /// What was recorded of each exercise of a session, in routine order.
    pub fn session_exercises(&self, session_id: i64) -> Result<Vec<ExerciseRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT position, name, kind, planned_seconds, actual_seconds, planned_reps,
                    sets_planned, sets_done, status, comfort, finished_at, expected_pain, actual_pain
             FROM session_exercises WHERE session_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([session_id], exercise_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sessions whose local date is in `[from, to]`, oldest first.
    pub fn sessions_between(&self, from: Date, to: Date) -> Result<Vec<Session>> {
        self.rows_between(
            &format!("{SELECT} WHERE s.local_date BETWEEN ?1 AND ?2 AND s.deleted_at IS NULL ORDER BY s.started_at, s.version, s.device, s.uuid"),
            from,
            to,
            from_row,
        )
    }

    /// What each ended session in `[from, to]` held — its kind, status,
    /// active seconds and exercises done of those recorded — for
    /// `insights::count` to say what it counts for. Oldest first.
    pub fn session_work(&self, from: Date, to: Date) -> Result<Vec<SessionWork>> {
        self.rows_between(
            "SELECT s.local_date, s.kind, s.status, s.active_seconds,
                    (SELECT count(*) FROM session_exercises e WHERE e.session_id = s.id),
                    (SELECT count(*) FROM session_exercises e
                      WHERE e.session_id = s.id AND e.status != 'skipped')
             FROM sessions s
             WHERE s.local_date BETWEEN ?1 AND ?2 AND s.deleted_at IS NULL
               AND s.status != 'in_progress'
             ORDER BY s.local_date, s.started_at, s.id",
            from,
            to,
            |r| {
                let kind: String = r.get(1)?;
                let status: String = r.get(2)?;
                Ok(SessionWork {
                    date: date_at(r, 0)?,
                    kind: SessionKind::parse(&kind)
                        .ok_or_else(|| conversion(1, format!("unknown session kind {kind}")))?,
                    status: SessionStatus::parse(&status)
                        .ok_or_else(|| conversion(2, format!("unknown session status {status}")))?,
                    active_seconds: r.get(3)?,
                    exercises: r.get(4)?,
                    exercises_done: r.get(5)?,
                })
            },
        )
    }
}
