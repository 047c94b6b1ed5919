//! Sessions (a guided routine, or an activity logged from the shell) and
//! what was done of each exercise in them.

use rusqlite::{OptionalExtension, Row, params};
use time::{Date, OffsetDateTime};

use super::{Result, Store, conversion, date_at, date_text, parse_utc, utc_text};
use crate::routine::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Walked through a routine with the timer.
    Guided,
    /// Done away from the keyboard and logged afterwards.
    Logged,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Guided => "guided",
            SessionKind::Logged => "logged",
        }
    }

    pub fn parse(text: &str) -> Option<SessionKind> {
        match text {
            "guided" => Some(SessionKind::Guided),
            "logged" => Some(SessionKind::Logged),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    InProgress,
    Completed,
    Aborted,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::InProgress => "in_progress",
            SessionStatus::Completed => "completed",
            SessionStatus::Aborted => "aborted",
        }
    }

    pub fn parse(text: &str) -> Option<SessionStatus> {
        match text {
            "in_progress" => Some(SessionStatus::InProgress),
            "completed" => Some(SessionStatus::Completed),
            "aborted" => Some(SessionStatus::Aborted),
            _ => None,
        }
    }
}

/// A session to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The routine, by the row id `Store::remember_routine` gave it.
    pub routine_id: Option<i64>,
    pub activity: String,
    pub kind: SessionKind,
    pub status: SessionStatus,
    pub started_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
    pub local_date: Date,
    pub planned_seconds: u32,
    pub active_seconds: u32,
    pub note: Option<String>,
    /// The gentle version of the routine was done.
    pub gentle: bool,
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub uuid: String,
    pub routine_slug: Option<String>,
    pub activity: String,
    pub kind: SessionKind,
    pub status: SessionStatus,
    pub started_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
    pub local_date: Date,
    pub planned_seconds: u32,
    pub active_seconds: u32,
    pub note: Option<String>,
    pub gentle: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseStatus {
    Done,
    Skipped,
    Partial,
}

impl ExerciseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseStatus::Done => "done",
            ExerciseStatus::Skipped => "skipped",
            ExerciseStatus::Partial => "partial",
        }
    }

    pub fn parse(text: &str) -> Option<ExerciseStatus> {
        match text {
            "done" => Some(ExerciseStatus::Done),
            "skipped" => Some(ExerciseStatus::Skipped),
            "partial" => Some(ExerciseStatus::Partial),
            _ => None,
        }
    }
}

/// What was done of one exercise in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseRecord {
    /// Its place in the routine, from 0.
    pub position: u32,
    pub name: String,
    pub kind: Kind,
    pub planned_seconds: Option<u32>,
    pub actual_seconds: u32,
    pub planned_reps: Option<u32>,
    pub sets_planned: u32,
    pub sets_done: u32,
    pub status: ExerciseStatus,
    /// How it felt, 1 (made it worse) to 5 (felt great).
    pub comfort: Option<u8>,
    /// For a feared exercise: how much it was expected to hurt, and did, 0–10.
    pub expected_pain: Option<u8>,
    pub actual_pain: Option<u8>,
    pub finished_at: OffsetDateTime,
}

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
    pub fn add_session(&mut self, new: &NewSession) -> Result<Session> {
        let uuid = uuid::Uuid::new_v4().to_string();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO sessions (uuid, routine_id, activity, kind, status, started_at,
                ended_at, local_date, planned_seconds, active_seconds, note, gentle)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        let id = tx.last_insert_rowid();
        let session = tx.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)?;
        tx.commit()?;
        Ok(session)
    }

    /// Records one finished (or skipped) exercise of a session, at once, in
    /// its own transaction, so a crash loses at most the exercise under way.
    /// Recording the same position again replaces it (after going back).
    pub fn record_exercise(&mut self, session_id: i64, record: &ExerciseRecord) -> Result<()> {
        let tx = self.conn.transaction()?;
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
        self.conn.execute(
            "UPDATE session_exercises SET comfort = ?3 WHERE session_id = ?1 AND position = ?2",
            params![session_id, position, comfort],
        )?;
        Ok(())
    }

    /// Closes a session as completed or aborted. Its active time is the sum
    /// of what was recorded of its exercises, so a resumed session counts
    /// both of its parts.
    pub fn finish_session(
        &mut self,
        session_id: i64,
        status: SessionStatus,
        ended_at: OffsetDateTime,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE sessions SET status = ?2, ended_at = ?3,
                active_seconds = (SELECT coalesce(sum(actual_seconds), 0)
                                  FROM session_exercises WHERE session_id = ?1)
             WHERE id = ?1",
            params![session_id, status.as_str(), utc_text(ended_at)],
        )?;
        Ok(())
    }

    /// The check-in of a session in a given context (before / after), if any.
    pub fn session_checkin(
        &self,
        session_id: i64,
        context: crate::store::Context,
    ) -> Result<Option<crate::store::Scales>> {
        Ok(self
            .conn
            .query_row(
                "SELECT pain, anxiety, mood, fear FROM checkins
                 WHERE session_id = ?1 AND context = ?2 ORDER BY recorded_at DESC LIMIT 1",
                params![session_id, context.as_str()],
                |r| {
                    Ok(crate::store::Scales {
                        pain: r.get(0)?,
                        anxiety: r.get(1)?,
                        mood: r.get(2)?,
                        fear: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The most recent session left in progress (by a crash or a kill), if any.
    pub fn unfinished_session(&self) -> Result<Option<Session>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "{SELECT} WHERE s.status = 'in_progress' ORDER BY s.started_at DESC, s.id DESC LIMIT 1"
                ),
                [],
                from_row,
            )
            .optional()?)
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
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE s.local_date BETWEEN ?1 AND ?2 ORDER BY s.started_at, s.id"
        ))?;
        let rows = stmt.query_map([date_text(from), date_text(to)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Days on or before `until` with at least one completed session
    /// (guided or logged), newest first, at most `limit` of them.
    pub fn active_days_before(&self, until: Date, limit: u32) -> Result<Vec<Date>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT local_date FROM sessions
             WHERE status = 'completed' AND local_date <= ?1
             ORDER BY local_date DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![date_text(until), limit], |r| date_at(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Completed sessions (guided or logged) with a local date in `[from, to]`.
    pub fn completed_sessions_between(&self, from: Date, to: Date) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM sessions
             WHERE status = 'completed' AND local_date BETWEEN ?1 AND ?2",
            [date_text(from), date_text(to)],
            |r| r.get(0),
        )?)
    }
}

impl Store {
    /// Today's status, this week's count and the streak.
    pub fn progress(&self, today: Date, weekly_goal: u32) -> Result<crate::insights::Progress> {
        // Most streaks are short: read the latest days first, and more only
        // while every day read belongs to the streak.
        let mut limit = 64;
        let active = loop {
            let active = self.active_days_before(today, limit)?;
            let oldest = active.last().copied();
            let flares = match oldest {
                Some(o) => self.flare_days(o, today)?,
                None => Vec::new(),
            };
            let reaches_back =
                crate::insights::streak(&active, &flares, today) as usize >= active.len();
            if (active.len() as u32) < limit || !reaches_back {
                break active;
            }
            limit = limit.saturating_mul(8);
        };
        let week = crate::insights::week_start(today);
        let oldest = active.last().map_or(week, |&d| d.min(week));
        let flares = self.flare_days(oldest, today)?;
        let this_week = self.completed_sessions_between(week, today)?;
        Ok(crate::insights::Progress::new(
            &active,
            &flares,
            this_week,
            weekly_goal,
            today,
        ))
    }
}
