//! Checking an export document row by row before anything is written, so
//! an import is all or nothing and its error names the first bad row.

use std::collections::HashSet;

use time::{Date, Duration, OffsetDateTime};

use super::Export;
use crate::{parse_date, parse_utc};
use limber_domain::model::{CheckInKind, EntryKind, ExerciseStatus, SessionKind, SessionStatus};
use limber_domain::routine::{Kind, MAX_REPS, MAX_SETS};

pub(super) fn check_uuid(what: &str, uuid: &str) -> std::result::Result<(), String> {
    let parsed =
        uuid::Uuid::parse_str(uuid).map_err(|_| format!("{what}.uuid \"{uuid}\" is not a UUID"))?;
    // One spelling per entry: "ABC…" beside "abc…" would be two entries
    // that no short id could tell apart.
    if parsed.hyphenated().to_string() != uuid {
        return Err(format!(
            "{what}.uuid \"{uuid}\" is not written as limber writes a UUID (lower case, with hyphens)"
        ));
    }
    Ok(())
}

/// An entry's local date is its day somewhere on Earth: within a day of the
/// UTC date of when it happened (time zones run from 12 hours behind UTC to
/// 14 ahead).
fn check_local_date(
    what: &str,
    local_date: &str,
    at_name: &str,
    at: &str,
) -> std::result::Result<(), String> {
    let (Ok(day), Ok(at_time)) = (parse_date(local_date), parse_utc(at)) else {
        return Ok(()); // each is checked on its own, with its own message
    };
    if (day - at_time.date()).whole_days().abs() > 1 {
        return Err(format!(
            "{what}.local_date {local_date} is not the day of its {at_name} {at}"
        ));
    }
    Ok(())
}

/// The longest note an import may carry: far beyond any real diary (the
/// command line takes 2,000 characters), short enough that a hostile file
/// cannot bloat the store.
const MAX_NOTE: usize = 10_000;
/// The longest name, slug or activity: ten times what anyone types.
const MAX_NAME: usize = 1_000;
/// A routine's definition is a routine file, with a routine file's limit.
const MAX_DEFINITION: usize = limber_domain::routine::MAX_FILE_BYTES as usize;
/// More exercises than any session has.
const MAX_EXERCISES: usize = 1_000;
/// No session or exercise lasts longer than a day.
const MAX_SECONDS: u32 = 24 * 60 * 60;
// Reps and sets as routine files allow them.

fn check_text(what: &str, text: Option<&str>, max: usize) -> std::result::Result<(), String> {
    match text {
        Some(t) if t.len() > max => Err(format!(
            "{what} is {} bytes long; limber keeps at most {max}",
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

fn check_at_most(
    what: &str,
    name: &str,
    value: Option<u32>,
    max: u32,
    unit: &str,
) -> std::result::Result<(), String> {
    match value {
        Some(v) if v > max => Err(format!(
            "{what}.{name} is {v}; limber keeps at most {max} {unit}"
        )),
        _ => Ok(()),
    }
}

/// The latest time and day a row may carry: a day past the clock, so a
/// file cannot put a check-in in the year 2999 where Today shows the last one.
struct Latest {
    time: OffsetDateTime,
    day: Date,
}

impl Latest {
    fn after(now: OffsetDateTime) -> Latest {
        let time = now + Duration::days(1);
        Latest {
            time,
            day: time.date(),
        }
    }

    fn time(&self, what: &str, name: &str, text: &str) -> std::result::Result<(), String> {
        let t = parse_utc(text).map_err(|e| format!("{what}.{name}: {e}"))?;
        not_after(t, self.time, || format!("{what}.{name} \"{text}\""))
    }

    fn updated(&self, what: &str, text: Option<&str>) -> std::result::Result<(), String> {
        text.map_or(Ok(()), |t| self.time(what, "updated_at", t))
    }

    fn day(&self, what: &str, name: &str, text: &str) -> std::result::Result<(), String> {
        let day = parse_date(text).map_err(|e| format!("{what}.{name}: {e}"))?;
        not_after(day, self.day, || format!("{what}.{name} {text}"))
    }
}

fn not_after<T: PartialOrd>(
    value: T,
    latest: T,
    field: impl FnOnce() -> String,
) -> std::result::Result<(), String> {
    if value > latest {
        Err(format!("{} is more than a day in the future", field()))
    } else {
        Ok(())
    }
}

/// A version is a time in microseconds (migration 0011): one before 1970
/// or more than a day ahead of `now` is not one a computer made, and taken
/// in it would move this store's clock past any version it could give its
/// next change (near the integer's limit, every later write would fail).
/// A sync leaves such a line waiting in the folder; a file is refused.
fn check_versions(doc: &Export, now: OffsetDateTime) -> std::result::Result<(), String> {
    let latest = (now + time::Duration::days(1)).unix_timestamp_nanos() / 1000;
    let each = |what: &str, versions: &mut dyn Iterator<Item = Option<i64>>| match versions
        .enumerate()
        .find(|(_, v)| v.is_some_and(|v| !(0..=latest).contains(&i128::from(v))))
    {
        Some((i, Some(v))) => Err(format!(
            "{what}[{i}].version {v} is not a time up to a day ahead of this clock"
        )),
        _ => Ok(()),
    };
    each("sessions", &mut doc.sessions.iter().map(|r| r.version))?;
    each("checkins", &mut doc.checkins.iter().map(|r| r.version))?;
    each("flares", &mut doc.flares.iter().map(|r| r.version))?;
    each("deleted", &mut doc.deleted.iter().map(|r| r.version))?;
    each("fitness", &mut doc.fitness.iter().map(|r| r.version))?;
    each("who5", &mut doc.who5.iter().map(|r| r.version))?;
    each("programmes", &mut doc.programmes.iter().map(|r| r.version))?;
    each("rand36", &mut doc.rand36.iter().map(|r| r.version))?;
    each("fear_steps", &mut doc.fear_steps.iter().map(|r| r.version))?;
    each("fear_tries", &mut doc.fear_tries.iter().map(|r| r.version))
}

impl Export {
    /// Checks every row, naming the first bad one. `now` is the clock's:
    /// nothing may be dated more than a day after it.
    pub fn validate(&self, now: OffsetDateTime) -> std::result::Result<(), String> {
        validate(self, now)
    }
}

/// Checks every row before anything is written, so an import is all or nothing
/// and its error names the row.
pub(super) fn validate(doc: &Export, now: OffsetDateTime) -> std::result::Result<(), String> {
    check_versions(doc, now)?;
    let latest = Latest::after(now);
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
        check_text(&format!("{what}.slug"), Some(&r.slug), MAX_NAME)?;
        check_text(&format!("{what}.name"), Some(&r.name), MAX_NAME)?;
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
        check_text(
            &format!("{what}.definition"),
            Some(&r.definition),
            MAX_DEFINITION,
        )?;
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
        latest.time(&what, "started_at", &s.started_at)?;
        if let Some(ended) = &s.ended_at {
            latest.time(&what, "ended_at", ended)?;
            if parse_utc(ended) < parse_utc(&s.started_at) {
                return Err(format!(
                    "{what}.ended_at \"{ended}\" is before its started_at \"{}\"",
                    s.started_at
                ));
            }
        }
        latest.day(&what, "local_date", &s.local_date)?;
        check_local_date(&what, &s.local_date, "started_at", &s.started_at)?;
        latest.updated(&what, s.updated_at.as_deref())?;
        check_text(&format!("{what}.note"), s.note.as_deref(), MAX_NOTE)?;
        check_text(&format!("{what}.activity"), Some(&s.activity), MAX_NAME)?;
        check_text(&format!("{what}.routine"), s.routine.as_deref(), MAX_NAME)?;
        check_at_most(
            &what,
            "planned_seconds",
            Some(s.planned_seconds),
            MAX_SECONDS,
            "seconds (a day)",
        )?;
        check_at_most(
            &what,
            "active_seconds",
            Some(s.active_seconds),
            MAX_SECONDS,
            "seconds (a day)",
        )?;
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
            check_text(&format!("{what}.name"), Some(&e.name), MAX_NAME)?;
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
            for (name, value, max, unit) in [
                (
                    "planned_seconds",
                    e.planned_seconds,
                    MAX_SECONDS,
                    "seconds (a day)",
                ),
                (
                    "actual_seconds",
                    Some(e.actual_seconds),
                    MAX_SECONDS,
                    "seconds (a day)",
                ),
                ("planned_reps", e.planned_reps, MAX_REPS, "reps"),
                ("sets_planned", Some(e.sets_planned), MAX_SETS, "sets"),
                ("sets_done", Some(e.sets_done), MAX_SETS, "sets"),
            ] {
                check_at_most(&what, name, value, max, unit)?;
            }
            latest.time(&what, "finished_at", &e.finished_at)?;
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
        latest.day(&what, "date", &f.date)?;
        latest.time(&what, "marked_at", &f.marked_at)?;
        latest.updated(&what, f.updated_at.as_deref())?;
        check_text(&format!("{what}.note"), f.note.as_deref(), MAX_NOTE)?;
        if !flare_days.insert(f.date.as_str()) {
            return Err(format!("{what}.date {} appears more than once", f.date));
        }
    }
    for (i, name) in doc.feared.iter().enumerate() {
        if name.trim().is_empty() {
            return Err(format!("feared[{i}] is empty"));
        }
        check_text(&format!("feared[{i}]"), Some(name), MAX_NAME)?;
    }
    for (i, c) in doc.checkins.iter().enumerate() {
        let what = format!("checkins[{i}]");
        check_uuid(&what, &c.uuid)?;
        once(&what, &c.uuid)?;
        latest.time(&what, "recorded_at", &c.recorded_at)?;
        latest.day(&what, "local_date", &c.local_date)?;
        check_local_date(&what, &c.local_date, "recorded_at", &c.recorded_at)?;
        latest.updated(&what, c.updated_at.as_deref())?;
        check_text(&format!("{what}.note"), c.note.as_deref(), MAX_NOTE)?;
        CheckInKind::parse(&c.context).ok_or_else(|| {
            format!(
                "{what}.context \"{}\" is not before, after or daily",
                c.context
            )
        })?;
        c.checkin_context().map_err(|e| format!("{what}: {e}"))?;
        check_scale(&what, "pain", c.pain)?;
        check_scale(&what, "anxiety", c.anxiety)?;
        check_scale(&what, "mood", c.mood)?;
        if let Some(fear) = c.fear {
            check_scale(&what, "fear", fear)?;
        }
    }
    for (i, d) in doc.deleted.iter().enumerate() {
        let what = format!("deleted[{i}]");
        if EntryKind::parse(&d.kind).is_none()
            && d.kind != "rand36"
            && !super::ladder::is_kind(&d.kind)
        {
            return Err(format!(
                "{what}.kind \"{}\" is not checkin, session, flare, fitness, wellbeing, rand36, fear-step or fear-try",
                d.kind
            ));
        }
        check_uuid(&what, &d.uuid)?;
        once(&what, &d.uuid)?;
        latest.day(&what, "local_date", &d.local_date)?;
        latest.time(&what, "deleted_at", &d.deleted_at)?;
    }
    super::self_tests::validate(doc, now)?;
    super::rand36::validate(doc, now)?;
    super::ladder::validate(doc, now)?;
    super::programmes::validate(doc, now)
}
