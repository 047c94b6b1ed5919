//! Export and import: the whole history as one JSON document (the
//! `limber-export` format), and the check-ins as CSV. Every row carries a
//! UUID, so importing the same file twice adds nothing and two machines'
//! histories merge without duplicates. An import is all or nothing.
//!
//! Check-ins, sessions and flare days carry `updated_at`, and deleted ones
//! travel as tombstones in `deleted` (kind, UUID, day and time of the
//! deletion, no values): a list of its own, which a limber from before
//! tombstones skips as a field it does not know instead of taking a
//! tombstone for a live entry. Both fields are optional, so older files
//! read as before. How an import weighs them: `import.rs`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Result, Store, StoreError};

mod csv;
mod import;
mod ladder;
mod programmes;
mod rand36;
mod self_tests;
mod validate;

pub use csv::write_checkins_csv;
pub use import::{file_version, legacy_version};
pub use ladder::{FearStepRow, FearTryRow};
pub use programmes::EnrolmentRow;
pub use rand36::Rand36Row;
pub use self_tests::{FitnessRow, Who5Row};

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
    /// Entries deleted here: tombstones, so an import elsewhere deletes
    /// them too and an older file does not bring them back.
    #[serde(default)]
    pub deleted: Vec<DeletedRow>,
    /// Fitness self-test results; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fitness: Vec<FitnessRow>,
    /// WHO-5 Well-Being Index answers; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub who5: Vec<Who5Row>,
    /// Programme enrolments, stopped ones too; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<EnrolmentRow>,
    /// RAND-36 physical functioning and MHI-5 answers; left out when
    /// there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rand36: Vec<Rand36Row>,
    /// The exposure ladder's feared everyday activities; left out when
    /// there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fear_steps: Vec<FearStepRow>,
    /// Each try of a step of the ladder; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fear_tries: Vec<FearTryRow>,
}

/// A deleted entry: what it was and when it went, none of its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletedRow {
    /// "checkin", "session" or "flare".
    pub kind: String,
    pub uuid: String,
    /// The day it was dated (for a flare-up, the day it marked).
    pub local_date: String,
    pub deleted_at: String,
    /// The device that last changed it (`limber sync`); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Its version (`limber sync`'s order of changes); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlareRow {
    pub uuid: String,
    pub date: String,
    pub note: Option<String>,
    pub marked_at: String,
    /// When the row last changed; absent in files from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The device that last changed it (`limber sync`); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Its version (`limber sync`'s order of changes); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
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
    /// When the row last changed; absent in files from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The device that last changed it (`limber sync`); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Its version (`limber sync`'s order of changes); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
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
    /// When the row last changed; absent in files from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// What was going on ("poor sleep"); absent when none, and in files
    /// from before limber kept them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Where it hurt, by the names `--where` takes ("lower-back").
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// What was taken or done for it, with its amount ("ibuprofen 400 mg").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub took: Vec<String>,
    /// The rows of the three the person answered, marked or not ("tags",
    /// "where", "took"): an empty row not listed was skipped. Absent when
    /// none was said to be, and in files from before limber kept it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered: Vec<String>,
    /// The device that last changed it (`limber sync`); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Its version (`limber sync`'s order of changes); absent in files
    /// from before limber kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

/// What an import added, changed and deleted; rows already in the store
/// as new as the file's are counted as skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub sessions_added: u64,
    pub exercises_added: u64,
    pub checkins_added: u64,
    /// Entries here replaced by the file's newer copy.
    pub updated: u64,
    /// Entries deleted (or kept as tombstones) for the file's tombstones.
    pub deleted: u64,
    pub skipped: u64,
    pub fitness_added: u64,
    pub who5_added: u64,
    pub programmes_added: u64,
    pub rand36_added: u64,
    pub fear_steps_added: u64,
    pub fear_tries_added: u64,
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
            deleted: Vec::new(),
            fitness: Vec::new(),
            who5: Vec::new(),
            programmes: Vec::new(),
            rand36: Vec::new(),
            fear_steps: Vec::new(),
            fear_tries: Vec::new(),
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
        self.export_of(None)
    }

    /// The export document, with the sessions, check-ins and flare days
    /// only when `kinds` (by export kind: "session", "checkin", "flare")
    /// names them or is None; the rest, small, always. What a sync reads
    /// when only some kinds changed.
    pub fn export_of(&self, kinds: Option<&std::collections::HashSet<String>>) -> Result<Export> {
        let want = |kind: &str| kinds.is_none_or(|k| k.contains(kind));
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

        if want("session") {
            self.export_sessions(&mut doc)?;
        }
        if want("checkin") {
            self.export_checkins(&mut doc)?;
        }
        if want("flare") {
            self.export_flares(&mut doc)?;
        }
        self.export_rest(&mut doc)?;
        Ok(doc)
    }

    fn export_sessions(&self, doc: &mut Export) -> Result<()> {
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
                    s.local_date, s.planned_seconds, s.active_seconds, s.note, s.gentle,
                    s.updated_at, s.device, s.version
             FROM sessions s LEFT JOIN routines r ON r.id = s.routine_id
             WHERE s.deleted_at IS NULL
             ORDER BY s.started_at, s.version, s.device, s.uuid",
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
                    updated_at: r.get(13)?,
                    device: r.get(14)?,
                    version: r.get(15)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    fn export_checkins(&self, doc: &mut Export) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT c.uuid, c.recorded_at, c.local_date, c.context, s.uuid,
                    c.pain, c.anxiety, c.mood, c.fear, c.note, c.updated_at, c.device,
                    c.version
             FROM checkins c LEFT JOIN sessions s ON s.id = c.session_id
             WHERE c.deleted_at IS NULL
             ORDER BY c.recorded_at, c.version, c.device, c.uuid",
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
                    updated_at: r.get(10)?,
                    tags: Vec::new(),
                    regions: Vec::new(),
                    took: Vec::new(),
                    answered: Vec::new(),
                    device: r.get(11)?,
                    version: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        self.add_contexts(&mut doc.checkins)?;
        Ok(())
    }

    fn export_flares(&self, doc: &mut Export) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT uuid, local_date, note, marked_at, updated_at, device, version FROM flare_days
             WHERE deleted_at IS NULL
             ORDER BY local_date",
        )?;
        doc.flares = stmt
            .query_map([], |r| {
                Ok(FlareRow {
                    uuid: r.get(0)?,
                    date: r.get(1)?,
                    note: r.get(2)?,
                    marked_at: r.get(3)?,
                    updated_at: r.get(4)?,
                    device: r.get(5)?,
                    version: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    /// Feared exercises, tombstones, self-tests and programmes.
    fn export_rest(&self, doc: &mut Export) -> Result<()> {
        doc.feared = self.feared()?;

        doc.deleted = self.tombstones(&[
            ("checkin", "checkins"),
            ("session", "sessions"),
            ("flare", "flare_days"),
            ("fitness", "fitness_results"),
            ("wellbeing", "who5_results"),
            ("rand36", "rand36_results"),
            ("fear-step", "fear_steps"),
            ("fear-try", "fear_tries"),
        ])?;
        self.export_self_tests(doc)?;
        self.export_programmes(doc)?;
        self.export_rand36(doc)?;
        self.export_ladder(doc)?;
        Ok(())
    }

    /// Every tombstone of `tables` (each a kind and its table), in one order
    /// on every device: by time, then UUID.
    fn tombstones(&self, tables: &[(&str, &str)]) -> Result<Vec<DeletedRow>> {
        let sql = tables
            .iter()
            .map(|(kind, table)| {
                format!(
                    "SELECT '{kind}', uuid, local_date, deleted_at, device, version FROM {table}
                       WHERE deleted_at IS NOT NULL"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let mut stmt = self.conn.prepare(&format!("{sql} ORDER BY 4, 2"))?;
        let rows = stmt.query_map([], |r| {
            Ok(DeletedRow {
                kind: r.get(0)?,
                uuid: r.get(1)?,
                local_date: r.get(2)?,
                deleted_at: r.get(3)?,
                device: r.get(4)?,
                version: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds every row of `doc` not already in the store, in one transaction:
    /// all of it, or (on any error) nothing. `now` is the clock's: rows dated
    /// more than a day after it are refused.
    pub fn import(&mut self, doc: &Export, now: time::OffsetDateTime) -> Result<ImportSummary> {
        validate::validate(doc, now).map_err(StoreError::Invalid)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let summary = apply(&tx, doc, now, false)?;
        tx.commit()?;
        Ok(summary)
    }
}

/// Brings a checked document's rows into the store inside `tx`; `sync` for
/// a sync's changes, where a tombstone is final.
pub(crate) fn apply(
    tx: &rusqlite::Transaction<'_>,
    doc: &Export,
    now: time::OffsetDateTime,
    sync: bool,
) -> Result<ImportSummary> {
    // The versions brought in are the file's: the store's triggers, which
    // give a change made here a new version, leave them be meanwhile.
    tx.execute(
        "INSERT INTO sync_applying (since) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        [],
    )?;
    let mut summary = import::import_rows(tx, doc, now, sync)?;
    self_tests::import(tx, doc, &mut summary)?;
    programmes::import(tx, doc, &mut summary)?;
    rand36::import(tx, doc, &mut summary)?;
    ladder::import(tx, doc, &mut summary)?;
    tx.execute("DELETE FROM sync_applying", [])?;
    Ok(summary)
}

/// Checks a document as `Store::import` does, before any row is written.
pub(crate) fn check(doc: &Export, now: time::OffsetDateTime) -> Result<()> {
    validate::validate(doc, now).map_err(StoreError::Invalid)
}

impl CheckInRow {
    /// What went with the check-in, as the file has it: each tag,
    /// place and treatment checked as `limber checkin` checks them.
    pub fn checkin_context(
        &self,
    ) -> std::result::Result<limber_domain::model::CheckInContext, String> {
        let mut with =
            limber_domain::model::CheckInContext::parse(&self.tags, &self.regions, &self.took)
                .map_err(|e| e.to_string())?;
        with.answered = limber_domain::model::Answered::parse(&self.answered)?;
        Ok(with)
    }
}

impl Store {
    /// Fills the tags, places and treatments of exported check-ins.
    fn add_contexts(&self, rows: &mut [CheckInRow]) -> Result<()> {
        let year = |y| time::Date::from_calendar_date(y, time::Month::January, 1);
        let (Ok(from), Ok(to)) = (year(*super::YEARS.start()), year(*super::YEARS.end() + 1))
        else {
            return Ok(());
        };
        let contexts: HashMap<String, limber_domain::model::CheckInContext> = self
            .checkin_contexts_between(from, to)?
            .into_iter()
            .collect();
        for row in rows {
            if let Some(with) = contexts.get(&row.uuid) {
                row.tags = with.tags.clone();
                row.regions = with
                    .regions
                    .iter()
                    .map(|r| r.as_str().to_string())
                    .collect();
                row.took = with.took.iter().map(ToString::to_string).collect();
                row.answered = with
                    .answered
                    .names()
                    .into_iter()
                    .map(str::to_string)
                    .collect();
            }
        }
        Ok(())
    }
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
