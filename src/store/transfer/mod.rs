//! Export and import: the whole history as one JSON document (the
//! `limber-export` format), and the check-ins as CSV. Every row carries a
//! UUID, so importing the same file twice adds nothing and two machines'
//! histories merge without duplicates. An import is all or nothing.

use std::collections::HashMap;

use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Result, Store, StoreError};
use crate::model::SessionStatus;

mod csv;
mod validate;

pub use csv::write_checkins_csv;

pub const FORMAT: &str = "limber-export";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<String>,
    #[serde(default)]
    pub routines: Vec<RoutineRow>,
    #[serde(default)]
    pub sessions: Vec<SessionRow>,
    #[serde(default)]
    pub checkins: Vec<CheckInRow>,
    /// Days marked as flare-ups.
    #[serde(default)]
    pub flares: Vec<FlareRow>,
    /// Names of exercises marked as feared.
    #[serde(default)]
    pub feared: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlareRow {
    pub uuid: String,
    pub date: String,
    pub note: Option<String>,
    pub marked_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutineRow {
    /// Absent in files from before routines had one; made up on import.
    #[serde(default)]
    pub uuid: Option<String>,
    pub slug: String,
    pub name: String,
    pub source: String,
    #[serde(default)]
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRow {
    pub uuid: String,
    /// The routine's slug, for a session of a known routine.
    pub routine: Option<String>,
    pub activity: String,
    pub kind: String,
    pub status: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub local_date: String,
    pub planned_seconds: u32,
    pub active_seconds: u32,
    pub note: Option<String>,
    #[serde(default)]
    pub gentle: bool,
    #[serde(default)]
    pub exercises: Vec<ExerciseRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseRow {
    pub uuid: String,
    pub position: u32,
    pub name: String,
    pub kind: String,
    pub planned_seconds: Option<u32>,
    pub actual_seconds: u32,
    pub planned_reps: Option<u32>,
    pub sets_planned: u32,
    pub sets_done: u32,
    pub status: String,
    pub comfort: Option<u8>,
    pub finished_at: String,
    #[serde(default)]
    pub expected_pain: Option<u8>,
    #[serde(default)]
    pub actual_pain: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInRow {
    pub uuid: String,
    pub recorded_at: String,
    pub local_date: String,
    pub context: String,
    /// The session's UUID, for a check-in before or after one.
    pub session: Option<String>,
    pub pain: u8,
    pub anxiety: u8,
    pub mood: u8,
    pub fear: Option<u8>,
    pub note: Option<String>,
}

/// What an import added; rows already in the store are counted as skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub sessions_added: u64,
    pub exercises_added: u64,
    pub checkins_added: u64,
    pub skipped: u64,
}

impl Export {
    pub fn empty() -> Export {
        Export {
            format: FORMAT.to_string(),
            version: VERSION,
            exported_at: None,
            routines: Vec::new(),
            sessions: Vec::new(),
            checkins: Vec::new(),
            flares: Vec::new(),
            feared: Vec::new(),
        }
    }

    /// Reads an export document, refusing other formats and newer versions.
    /// The rows are read straight into their types, never through a
    /// `serde_json::Value` of the whole file, so memory stays near the
    /// file's size.
    pub fn from_json(bytes: &[u8]) -> std::result::Result<Export, String> {
        /// The two fields that say what the file is; everything else is
        /// skipped on this first pass.
        #[derive(Deserialize)]
        struct Header {
            format: Option<serde_json::Value>,
            version: Option<serde_json::Value>,
        }
        // Checked whole, as skipping a field would not look inside it.
        let text = std::str::from_utf8(bytes)
            .map_err(|e| format!("not valid JSON: invalid UTF-8 at byte {}", e.valid_up_to()))?;
        let header: Header =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        match header.format.as_ref().and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            _ => return Err(format!("not a limber export (no \"format\": \"{FORMAT}\")")),
        }
        match header.version.as_ref().and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v < u64::from(VERSION) => {
                return Err(format!(
                    "export version {v} is not one limber wrote (it writes version {VERSION})"
                ));
            }
            Some(v) => {
                return Err(format!(
                    "export version {v} is newer than this limber reads (version {VERSION}); update limber"
                ));
            }
            None => return Err("the export has no version number".to_string()),
        }
        serde_json::from_str(text).map_err(|e| format!("the export does not fit its format: {e}"))
    }
}

impl Store {
    /// The whole history as an export document, in a stable order.
    pub fn export(&self) -> Result<Export> {
        let mut doc = Export::empty();

        let mut stmt = self
            .conn
            .prepare("SELECT slug, name, source, definition, uuid FROM routines ORDER BY slug")?;
        doc.routines = stmt
            .query_map([], |r| {
                Ok(RoutineRow {
                    uuid: r.get(4)?,
                    slug: r.get(0)?,
                    name: r.get(1)?,
                    source: r.get(2)?,
                    definition: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut exercises: HashMap<i64, Vec<ExerciseRow>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT session_id, uuid, position, name, kind, planned_seconds, actual_seconds,
                    planned_reps, sets_planned, sets_done, status, comfort, finished_at,
                    expected_pain, actual_pain
             FROM session_exercises
             WHERE session_id IN (SELECT id FROM sessions WHERE deleted_at IS NULL)
             ORDER BY session_id, position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ExerciseRow {
                    uuid: r.get(1)?,
                    position: r.get(2)?,
                    name: r.get(3)?,
                    kind: r.get(4)?,
                    planned_seconds: r.get(5)?,
                    actual_seconds: r.get(6)?,
                    planned_reps: r.get(7)?,
                    sets_planned: r.get(8)?,
                    sets_done: r.get(9)?,
                    status: r.get(10)?,
                    comfort: r.get(11)?,
                    finished_at: r.get(12)?,
                    expected_pain: r.get(13)?,
                    actual_pain: r.get(14)?,
                },
            ))
        })?;
        for row in rows {
            let (session_id, exercise) = row?;
            exercises.entry(session_id).or_default().push(exercise);
        }

        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.uuid, r.slug, s.activity, s.kind, s.status, s.started_at, s.ended_at,
                    s.local_date, s.planned_seconds, s.active_seconds, s.note, s.gentle
             FROM sessions s LEFT JOIN routines r ON r.id = s.routine_id
             WHERE s.deleted_at IS NULL
             ORDER BY s.started_at, s.uuid",
        )?;
        doc.sessions = stmt
            .query_map([], |r| {
                let id: i64 = r.get(0)?;
                Ok(SessionRow {
                    uuid: r.get(1)?,
                    routine: r.get(2)?,
                    activity: r.get(3)?,
                    kind: r.get(4)?,
                    status: r.get(5)?,
                    started_at: r.get(6)?,
                    ended_at: r.get(7)?,
                    local_date: r.get(8)?,
                    planned_seconds: r.get(9)?,
                    active_seconds: r.get(10)?,
                    note: r.get(11)?,
                    gentle: r.get(12)?,
                    exercises: exercises.remove(&id).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut stmt = self.conn.prepare(
            "SELECT c.uuid, c.recorded_at, c.local_date, c.context, s.uuid,
                    c.pain, c.anxiety, c.mood, c.fear, c.note
             FROM checkins c LEFT JOIN sessions s ON s.id = c.session_id
             WHERE c.deleted_at IS NULL
             ORDER BY c.recorded_at, c.uuid",
        )?;
        doc.checkins = stmt
            .query_map([], |r| {
                Ok(CheckInRow {
                    uuid: r.get(0)?,
                    recorded_at: r.get(1)?,
                    local_date: r.get(2)?,
                    context: r.get(3)?,
                    session: r.get(4)?,
                    pain: r.get(5)?,
                    anxiety: r.get(6)?,
                    mood: r.get(7)?,
                    fear: r.get(8)?,
                    note: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut stmt = self.conn.prepare(
            "SELECT uuid, local_date, note, marked_at FROM flare_days WHERE deleted_at IS NULL
             ORDER BY local_date",
        )?;
        doc.flares = stmt
            .query_map([], |r| {
                Ok(FlareRow {
                    uuid: r.get(0)?,
                    date: r.get(1)?,
                    note: r.get(2)?,
                    marked_at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        doc.feared = self.feared()?;
        Ok(doc)
    }

    /// Adds every row of `doc` not already in the store, in one transaction:
    /// all of it, or (on any error) nothing. `now` is the clock's: rows dated
    /// more than a day after it are refused.
    pub fn import(&mut self, doc: &Export, now: time::OffsetDateTime) -> Result<ImportSummary> {
        validate::validate(doc, now).map_err(StoreError::Invalid)?;
        let tx = self.conn.transaction()?;
        let summary = import_rows(&tx, doc, now)?;
        tx.commit()?;
        Ok(summary)
    }
}

fn import_rows(
    tx: &Transaction<'_>,
    doc: &Export,
    now: time::OffsetDateTime,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let now = super::utc_text(now);

    // Routines this store has not seen are added as the file describes
    // them; one known here by its slug stays as it is.
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO routines (slug, name, source, definition, updated_at, uuid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        )?;
        for r in &doc.routines {
            let uuid = r
                .uuid
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            insert.execute(params![r.slug, r.name, r.source, r.definition, now, uuid])?;
        }
        for s in &doc.sessions {
            if let Some(slug) = &s.routine {
                let uuid = uuid::Uuid::new_v4().to_string();
                insert.execute(params![slug, slug, "imported", "", now, uuid])?;
            }
        }
    }

    let mut routine_ids: HashMap<String, i64> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT slug, id FROM routines")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (slug, id) = row?;
            routine_ids.insert(slug, id);
        }
    }

    {
        let mut insert_session = tx.prepare_cached(
            "INSERT INTO sessions (uuid, routine_id, activity, kind, status, started_at, ended_at,
                local_date, planned_seconds, active_seconds, note, gentle)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (uuid) DO NOTHING",
        )?;
        let mut session_id = tx.prepare_cached("SELECT id FROM sessions WHERE uuid = ?1")?;
        let mut insert_exercise = tx.prepare_cached(
            "INSERT INTO session_exercises (uuid, session_id, position, name, kind,
                planned_seconds, actual_seconds, planned_reps, sets_planned, sets_done,
                status, comfort, finished_at, expected_pain, actual_pain)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT DO NOTHING",
        )?;
        for s in &doc.sessions {
            let routine_id = s.routine.as_ref().and_then(|slug| routine_ids.get(slug));
            let (status, ended_at) = settled(s);
            let added = insert_session.execute(params![
                s.uuid,
                routine_id,
                s.activity,
                s.kind,
                status,
                utc(&s.started_at),
                ended_at.map(utc),
                s.local_date,
                s.planned_seconds,
                s.active_seconds,
                s.note,
                s.gentle
            ])?;
            if added == 0 {
                summary.skipped += 1;
            } else {
                summary.sessions_added += 1;
            }
            let id: i64 = session_id.query_row([&s.uuid], |r| r.get(0))?;
            for e in &s.exercises {
                let added = insert_exercise.execute(params![
                    e.uuid,
                    id,
                    e.position,
                    e.name,
                    e.kind,
                    e.planned_seconds,
                    e.actual_seconds,
                    e.planned_reps,
                    e.sets_planned,
                    e.sets_done,
                    e.status,
                    e.comfort,
                    utc(&e.finished_at),
                    e.expected_pain,
                    e.actual_pain
                ])?;
                if added == 0 {
                    summary.skipped += 1;
                } else {
                    summary.exercises_added += 1;
                }
            }
        }
    }

    {
        let mut session_id = tx.prepare_cached("SELECT id FROM sessions WHERE uuid = ?1")?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO checkins (uuid, recorded_at, local_date, context, session_id,
                pain, anxiety, mood, fear, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (uuid) DO NOTHING",
        )?;
        for (i, c) in doc.checkins.iter().enumerate() {
            let session = match &c.session {
                None => None,
                Some(uuid) => Some(
                    session_id
                        .query_row([uuid], |r| r.get::<_, i64>(0))
                        .map_err(|_| {
                            StoreError::Invalid(format!(
                                "checkins[{i}].session {uuid} is neither in the file nor in this store"
                            ))
                        })?,
                ),
            };
            let added = insert.execute(params![
                c.uuid,
                utc(&c.recorded_at),
                c.local_date,
                c.context,
                session,
                c.pain,
                c.anxiety,
                c.mood,
                c.fear,
                c.note
            ])?;
            if added == 0 {
                summary.skipped += 1;
            } else {
                summary.checkins_added += 1;
            }
        }
    }
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO flare_days (local_date, uuid, note, marked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
        )?;
        for f in &doc.flares {
            if insert.execute(params![f.date, f.uuid, f.note, utc(&f.marked_at)])? == 0 {
                summary.skipped += 1;
            }
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO feared_exercises (name, marked_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )?;
        for name in &doc.feared {
            insert.execute(params![name.trim(), now])?;
        }
    }
    Ok(summary)
}

/// A time as the store keeps it: UTC, RFC 3339. An export may carry any
/// offset (`2026-11-25T20:00:00+12:00`); kept as written, it would sort
/// wrongly against every other time. Checked by `validate` before.
fn utc(text: &str) -> String {
    super::parse_utc(text).map_or_else(|_| text.to_string(), super::utc_text)
}

/// The status and end an imported session is kept with. One in progress
/// in the file (exported while it ran, or after a crash) comes in as
/// aborted, ended at its last finished exercise: it was under way on
/// another machine or long ago, and resuming it here would take over the
/// resume prompt with someone else's session.
fn settled(s: &SessionRow) -> (&str, Option<&str>) {
    if s.status != SessionStatus::InProgress.as_str() {
        return (&s.status, s.ended_at.as_deref());
    }
    let last = s
        .exercises
        .iter()
        .map(|e| e.finished_at.as_str())
        .chain(s.ended_at.as_deref())
        .max_by_key(|t| super::parse_utc(t).ok());
    (
        SessionStatus::Aborted.as_str(),
        Some(last.unwrap_or(&s.started_at)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_formats_and_newer_versions_are_refused() {
        assert!(
            Export::from_json(b"{}")
                .unwrap_err()
                .contains("not a limber export")
        );
        assert!(
            Export::from_json(br#"{"format":"limber-export","version":2}"#)
                .unwrap_err()
                .contains("newer")
        );
        assert!(
            Export::from_json(b"{not json")
                .unwrap_err()
                .starts_with("not valid JSON")
        );
        let empty =
            Export::from_json(br#"{"format":"limber-export","version":1}"#).expect("empty is fine");
        assert!(empty.checkins.is_empty());
    }
}
