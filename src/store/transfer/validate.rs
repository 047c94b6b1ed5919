//! Checking an export document row by row before anything is written, so
//! an import is all or nothing and its error names the first bad row.

use std::collections::HashSet;

use super::Export;
use crate::model::{Context, ExerciseStatus, SessionKind, SessionStatus};
use crate::routine::Kind;
use crate::store::{parse_date, parse_utc};

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
pub(super) fn validate(doc: &Export) -> std::result::Result<(), String> {
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
