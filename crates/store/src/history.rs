//! The queries behind History, the report and the exercise statistics. They
//! aggregate in SQL (by day, by exercise) so a screen never loads the
//! whole history to draw itself.

use rusqlite::{OptionalExtension, Row, params};
use time::Date;

use super::{Result, Store, conversion, date_at, parse_date, parse_utc};
use limber_domain::model::{
    DayCheckins, ExerciseStat, LastDone, SessionKind, SessionPair, SessionStatus,
};

/// One row of the Sessions table.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionLine {
    pub id: i64,
    pub date: Date,
    pub activity: String,
    pub kind: SessionKind,
    pub status: SessionStatus,
    pub active_seconds: u32,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    /// When it started: UTC from the store; History's loaders move it to
    /// the local offset of that instant, for the time of day it shows.
    pub started_at: time::OffsetDateTime,
    /// The gentle version of its routine.
    pub gentle: bool,
    pub note: Option<String>,
    /// Exercises recorded, and of those done in full or in part: what
    /// `insights::count` reads to say whether it counts.
    pub exercises: u32,
    pub exercises_done: u32,
}

impl SessionLine {
    /// What `insights::count::credit` reads of it.
    pub fn work(&self) -> limber_domain::model::SessionWork {
        limber_domain::model::SessionWork {
            date: self.date,
            kind: self.kind,
            status: self.status,
            active_seconds: self.active_seconds,
            exercises: self.exercises,
            exercises_done: self.exercises_done,
        }
    }
}

const SESSION_LINE: &str = "SELECT s.id, s.local_date, s.activity, s.kind, s.status, s.active_seconds,
        (SELECT pain FROM checkins WHERE session_id = s.id AND context = 'before' AND deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1),
        (SELECT pain FROM checkins WHERE session_id = s.id AND context = 'after' AND deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1),
        s.started_at, s.gentle, s.note,
        (SELECT count(*) FROM session_exercises e WHERE e.session_id = s.id),
        (SELECT count(*) FROM session_exercises e WHERE e.session_id = s.id AND e.status != 'skipped')
    FROM sessions s";

fn session_line(r: &Row<'_>) -> rusqlite::Result<SessionLine> {
    let kind: String = r.get(3)?;
    let status: String = r.get(4)?;
    Ok(SessionLine {
        id: r.get(0)?,
        date: date_at(r, 1)?,
        activity: r.get(2)?,
        kind: SessionKind::parse(&kind)
            .ok_or_else(|| conversion(3, format!("unknown session kind {kind}")))?,
        status: SessionStatus::parse(&status)
            .ok_or_else(|| conversion(4, format!("unknown status {status}")))?,
        active_seconds: r.get(5)?,
        pain_before: r.get(6)?,
        pain_after: r.get(7)?,
        started_at: parse_utc(&r.get::<_, String>(8)?).map_err(|e| conversion(8, e))?,
        gentle: r.get(9)?,
        note: r.get(10)?,
        exercises: r.get(11)?,
        exercises_done: r.get(12)?,
    })
}

/// Pain (or anxiety) before and after a session, by the session's check-ins.
const BEFORE_PAIN: &str = "(SELECT pain FROM checkins WHERE session_id = s.id AND context = 'before' AND deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1)";
const AFTER_PAIN: &str = "(SELECT pain FROM checkins WHERE session_id = s.id AND context = 'after' AND deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1)";

impl Store {
    /// Check-ins summed by local day, for days in `[from, to]`.
    pub fn daily_checkins(&self, from: Date, to: Date) -> Result<Vec<DayCheckins>> {
        self.rows_between(
            "SELECT local_date, count(*), sum(pain), sum(anxiety), sum(mood),
                    coalesce(sum(fear), 0), count(fear)
             FROM checkins WHERE local_date BETWEEN ?1 AND ?2 AND deleted_at IS NULL
             GROUP BY local_date ORDER BY local_date",
            from,
            to,
            |r| {
                Ok(DayCheckins {
                    date: date_at(r, 0)?,
                    n: r.get(1)?,
                    pain: r.get::<_, i64>(2)? as f64,
                    anxiety: r.get::<_, i64>(3)? as f64,
                    mood: r.get::<_, i64>(4)? as f64,
                    fear: r.get::<_, i64>(5)? as f64,
                    fear_n: r.get(6)?,
                })
            },
        )
    }

    /// Sessions in `[from, to]` with a check-in before and after.
    pub fn session_pairs(&self, from: Date, to: Date) -> Result<Vec<SessionPair>> {
        self.rows_between("SELECT s.local_date, b.pain, a.pain, b.anxiety, a.anxiety
             FROM sessions s
             JOIN checkins b ON b.id = (SELECT id FROM checkins WHERE session_id = s.id AND context = 'before' AND deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1)
             JOIN checkins a ON a.id = (SELECT id FROM checkins WHERE session_id = s.id AND context = 'after' AND deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1)
             WHERE s.local_date BETWEEN ?1 AND ?2 AND s.deleted_at IS NULL
             ORDER BY s.started_at", from, to, |r| {
            Ok(SessionPair {
                date: date_at(r, 0)?,
                pain: (r.get(1)?, r.get(2)?),
                anxiety: (r.get(3)?, r.get(4)?),
            })
        })
    }

    /// The sessions in `[from, to]`, newest first, with pain before → after.
    pub fn session_lines(&self, from: Date, to: Date) -> Result<Vec<SessionLine>> {
        self.rows_between(&format!(
            "{SESSION_LINE} WHERE s.local_date BETWEEN ?1 AND ?2 AND s.deleted_at IS NULL ORDER BY s.started_at DESC, s.version DESC, s.device DESC, s.uuid DESC"
        ), from, to, session_line)
    }

    /// One session as the Sessions table shows it.
    pub fn session_line(&self, id: i64) -> Result<Option<SessionLine>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SESSION_LINE} WHERE s.id = ?1 AND s.deleted_at IS NULL"
        ))?;
        Ok(stmt.query_row([id], session_line).optional()?)
    }

    /// Each exercise done (in full or in part) in sessions dated `[from, to]`:
    /// times done, last done, mean comfort, and the mean pain change in the
    /// sessions that included it.
    pub fn exercise_stats(&self, from: Date, to: Date) -> Result<Vec<ExerciseStat>> {
        // The pain change is worked out once per session, then shared by
        // each exercise of it.
        self.rows_between(
            &format!(
                "WITH s AS MATERIALIZED (
                SELECT s.id, s.local_date, {AFTER_PAIN} - {BEFORE_PAIN} AS delta
                FROM sessions s WHERE s.local_date BETWEEN ?1 AND ?2 AND s.deleted_at IS NULL)
             SELECT e.name, count(*), max(s.local_date), avg(e.comfort), count(e.comfort),
                    avg(s.delta), count(s.delta)
             FROM s JOIN session_exercises e ON e.session_id = s.id
             WHERE e.status != 'skipped'
             GROUP BY e.name"
            ),
            from,
            to,
            |r| {
                Ok(ExerciseStat {
                    name: r.get(0)?,
                    times: r.get(1)?,
                    last: date_at(r, 2)?,
                    comfort: r.get(3)?,
                    ratings: r.get(4)?,
                    pain_change: r.get(5)?,
                    pain_n: r.get(6)?,
                })
            },
        )
    }

    /// What was last done of an exercise (skips aside), by name.
    pub fn last_done(&self, name: &str) -> Result<Option<LastDone>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.actual_seconds, e.planned_reps, e.sets_done
             FROM session_exercises e JOIN sessions s ON s.id = e.session_id
             WHERE e.name = ?1 AND e.status != 'skipped' AND s.deleted_at IS NULL
             ORDER BY s.started_at DESC LIMIT 1",
        )?;
        Ok(stmt
            .query_row([name], |r| {
                Ok(LastDone {
                    seconds: r.get(0)?,
                    reps: r.get(1)?,
                    sets: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// The first day anything was recorded, if anything was.
    pub fn first_day(&self) -> Result<Option<Date>> {
        let text: Option<String> = self.conn.query_row(
            "SELECT min(d) FROM (SELECT min(local_date) AS d FROM checkins WHERE deleted_at IS NULL
                                 UNION ALL SELECT min(local_date) FROM sessions WHERE deleted_at IS NULL)",
            params![],
            |r| r.get(0),
        )?;
        text.map(|t| parse_date(&t).map_err(|e| conversion(0, e).into()))
            .transpose()
    }
}
