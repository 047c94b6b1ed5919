//! Export and import: the whole history as one JSON document (the
//! `limber-export` format), and the check-ins as CSV. Every row carries a
//! UUID, so importing the same file twice adds nothing and two machines'
//! histories merge without duplicates. An import is all or nothing.

use std::collections::{HashMap, HashSet};

use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Result, Store, StoreError, parse_date, parse_utc};
use crate::model::{Context, ExerciseStatus, SessionKind, SessionStatus};
use crate::routine::Kind;

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
    pub fn from_json(bytes: &[u8]) -> std::result::Result<Export, String> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            _ => return Err(format!("not a limber export (no \"format\": \"{FORMAT}\")")),
        }
        match value.get("version").and_then(serde_json::Value::as_u64) {
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
        serde_json::from_value(value)
            .map_err(|e| format!("the export does not fit its format: {e}"))
    }
}

fn check_uuid(what: &str, uuid: &str) -> std::result::Result<(), String> {
    uuid::Uuid::parse_str(uuid)
        .map(|_| ())
        .map_err(|_| format!("{what}.uuid \"{uuid}\" is not a UUID"))
}

/// The longest note, name or activity an import may carry: far beyond any
/// real diary, short enough that a hostile file cannot bloat the store.
const MAX_TEXT: usize = 10_000;
/// More exercises than any session has.
const MAX_EXERCISES: usize = 1_000;

fn check_text(what: &str, text: Option<&str>) -> std::result::Result<(), String> {
    match text {
        Some(t) if t.len() > MAX_TEXT => Err(format!(
            "{what} is {} bytes long; limber keeps at most {MAX_TEXT}",
            t.len()
        )),
        _ => Ok(()),
    }
}

fn check_scale(what: &str, name: &str, value: u8) -> std::result::Result<(), String> {
    if value > 10 {
        Err(format!("{what}.{name} is {value}; scales run from 0 to 10"))
    } else {
        Ok(())
    }
}

impl Export {
    /// Checks every row, naming the first bad one.
    pub fn validate(&self) -> std::result::Result<(), String> {
        validate(self)
    }
}

/// Checks every row before anything is written, so an import is all or nothing
/// and its error names the row.
fn validate(doc: &Export) -> std::result::Result<(), String> {
    let mut uuids = HashSet::new();
    let mut once = |what: &str, uuid: &str| {
        if uuids.insert(uuid.to_string()) {
            Ok(())
        } else {
            Err(format!(
                "{what}.uuid {uuid} appears more than once in the file"
            ))
        }
    };
    for (i, r) in doc.routines.iter().enumerate() {
        let what = format!("routines[{i}]");
        if r.slug.trim().is_empty() {
            return Err(format!("{what}.slug is empty"));
        }
        if let Some(uuid) = &r.uuid {
            check_uuid(&what, uuid)?;
            once(&what, uuid)?;
        }
        if !["builtin", "user", "imported"].contains(&r.source.as_str()) {
            return Err(format!(
                "{what}.source \"{}\" is not builtin, user or imported",
                r.source
            ));
        }
        if r.definition.len() > 1024 * 1024 {
            return Err(format!("{what}.definition is over 1 MiB"));
        }
    }
    for (i, s) in doc.sessions.iter().enumerate() {
        let what = format!("sessions[{i}]");
        check_uuid(&what, &s.uuid)?;
        once(&what, &s.uuid)?;
        SessionKind::parse(&s.kind)
            .ok_or_else(|| format!("{what}.kind \"{}\" is not guided or logged", s.kind))?;
        SessionStatus::parse(&s.status).ok_or_else(|| {
            format!(
                "{what}.status \"{}\" is not in_progress, completed or aborted",
                s.status
            )
        })?;
        parse_utc(&s.started_at).map_err(|e| format!("{what}.started_at: {e}"))?;
        if let Some(ended) = &s.ended_at {
            parse_utc(ended).map_err(|e| format!("{what}.ended_at: {e}"))?;
        }
        parse_date(&s.local_date).map_err(|e| format!("{what}.local_date: {e}"))?;
        check_text(&format!("{what}.note"), s.note.as_deref())?;
        check_text(&format!("{what}.activity"), Some(&s.activity))?;
        if s.exercises.len() > MAX_EXERCISES {
            return Err(format!(
                "{what} has {} exercises; a session has at most {MAX_EXERCISES}",
                s.exercises.len()
            ));
        }
        if s.routine
            .as_ref()
            .is_some_and(|slug| slug.trim().is_empty())
        {
            return Err(format!("{what}.routine is empty"));
        }
        let mut positions = HashSet::new();
        for (j, e) in s.exercises.iter().enumerate() {
            let what = format!("{what}.exercises[{j}]");
            check_uuid(&what, &e.uuid)?;
            once(&what, &e.uuid)?;
            if !positions.insert(e.position) {
                return Err(format!(
                    "{what}.position {} appears twice in the session",
                    e.position
                ));
            }
            Kind::parse(&e.kind)
                .ok_or_else(|| format!("{what}.kind \"{}\" is not a kind of exercise", e.kind))?;
            ExerciseStatus::parse(&e.status).ok_or_else(|| {
                format!(
                    "{what}.status \"{}\" is not done, skipped or partial",
                    e.status
                )
            })?;
            if let Some(c) = e.comfort.filter(|c| !(1..=5).contains(c)) {
                return Err(format!("{what}.comfort is {c}; ratings run from 1 to 5"));
            }
            if e.sets_planned == 0 {
                return Err(format!("{what}.sets_planned is 0"));
            }
            if e.planned_reps == Some(0) {
                return Err(format!("{what}.planned_reps is 0"));
            }
            parse_utc(&e.finished_at).map_err(|err| format!("{what}.finished_at: {err}"))?;
            for (name, value) in [
                ("expected_pain", e.expected_pain),
                ("actual_pain", e.actual_pain),
            ] {
                if let Some(v) = value {
                    check_scale(&what, name, v)?;
                }
            }
        }
    }
    let mut flare_days = HashSet::new();
    for (i, f) in doc.flares.iter().enumerate() {
        let what = format!("flares[{i}]");
        check_uuid(&what, &f.uuid)?;
        once(&what, &f.uuid)?;
        parse_date(&f.date).map_err(|e| format!("{what}.date: {e}"))?;
        parse_utc(&f.marked_at).map_err(|e| format!("{what}.marked_at: {e}"))?;
        if !flare_days.insert(f.date.as_str()) {
            return Err(format!("{what}.date {} appears more than once", f.date));
        }
    }
    for (i, name) in doc.feared.iter().enumerate() {
        if name.trim().is_empty() {
            return Err(format!("feared[{i}] is empty"));
        }
    }
    for (i, c) in doc.checkins.iter().enumerate() {
        let what = format!("checkins[{i}]");
        check_uuid(&what, &c.uuid)?;
        once(&what, &c.uuid)?;
        parse_utc(&c.recorded_at).map_err(|e| format!("{what}.recorded_at: {e}"))?;
        parse_date(&c.local_date).map_err(|e| format!("{what}.local_date: {e}"))?;
        check_text(&format!("{what}.note"), c.note.as_deref())?;
        Context::parse(&c.context).ok_or_else(|| {
            format!(
                "{what}.context \"{}\" is not before, after or daily",
                c.context
            )
        })?;
        check_scale(&what, "pain", c.pain)?;
        check_scale(&what, "anxiety", c.anxiety)?;
        check_scale(&what, "mood", c.mood)?;
        if let Some(fear) = c.fear {
            check_scale(&what, "fear", fear)?;
        }
    }
    Ok(())
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
             FROM session_exercises ORDER BY session_id, position",
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
            "SELECT uuid, local_date, note, marked_at FROM flare_days ORDER BY local_date",
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
    /// all of it, or (on any error) nothing.
    pub fn import(&mut self, doc: &Export) -> Result<ImportSummary> {
        validate(doc).map_err(StoreError::Invalid)?;
        let tx = self.conn.transaction()?;
        let summary = import_rows(&tx, doc)?;
        tx.commit()?;
        Ok(summary)
    }
}

fn import_rows(tx: &Transaction<'_>, doc: &Export) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let now = super::utc_text(time::OffsetDateTime::now_utc());

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
            let added = insert_session.execute(params![
                s.uuid,
                routine_id,
                s.activity,
                s.kind,
                s.status,
                s.started_at,
                s.ended_at,
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
                    e.finished_at,
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
                c.recorded_at,
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
            if insert.execute(params![f.date, f.uuid, f.note, f.marked_at])? == 0 {
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

/// A cell that a spreadsheet would run as a formula gets a leading
/// apostrophe, which spreadsheets show as text and do not evaluate.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes the check-ins as CSV: a header row, then one row each.
pub fn write_checkins_csv(
    checkins: &[CheckInRow],
    out: impl std::io::Write,
) -> std::result::Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "uuid",
        "local_date",
        "recorded_at_utc",
        "context",
        "pain",
        "anxiety",
        "mood",
        "fear",
        "note",
        "session_uuid",
    ])?;
    for c in checkins {
        let note = c.note.as_deref().unwrap_or("");
        w.write_record([
            c.uuid.as_str(),
            &c.local_date,
            &c.recorded_at,
            &c.context,
            &c.pain.to_string(),
            &c.anxiety.to_string(),
            &c.mood.to_string(),
            &c.fear.map(|f| f.to_string()).unwrap_or_default(),
            &defuse(&crate::text::printable(note, true)),
            c.session.as_deref().unwrap_or(""),
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=1+1"), "'=1+1");
        assert_eq!(defuse("-5 today"), "'-5 today");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("felt fine"), "felt fine");
    }

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
