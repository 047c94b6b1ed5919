//! `limber export --format fhir`: the person's record as one FHIR R4 Bundle
//! (type `collection`) that a clinic's record system can take in.
//!
//! - pain: an `Observation` coded LOINC 72514-3, `valueInteger`, with the
//!   places marked on the body map as its `bodySite`;
//! - anxiety, mood and fear of movement: `Observation`s in limber's own code
//!   system (no LOINC code means these 0–10 questions as limber asks them);
//! - each WHO-5, RAND-36 physical functioning and MHI-5: a
//!   `QuestionnaireResponse` with its items verbatim and the score;
//! - each session: a `Procedure` (something done, over a period, completed or
//!   stopped), its check-ins `partOf` it; flare-up days, what was taken and
//!   fitness self-tests: `Observation`s.
//!
//! Every id comes from limber's UUIDs, and the bundle carries no time of its
//! own, so exporting the same record twice gives the same file. Notes are
//! left out unless asked for (`--notes`), as in the printed report.

use serde_json::{Value, json};
use time::Date;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use crate::model::{FitnessTest, Rand36, Rand36Scale, Region, WHO5_ITEMS, Who5};
use crate::store::transfer::{CheckInRow, Export, SessionRow};

/// limber's own code systems: each names what limber records in its own
/// terms, where no standard code says the same thing.
pub const SCALE_SYSTEM: &str = "urn:limber:codesystem:scale";
pub const REGION_SYSTEM: &str = "urn:limber:codesystem:region";
pub const RECORD_SYSTEM: &str = "urn:limber:codesystem:record";
pub const WHO5_QUESTIONNAIRE: &str = "urn:limber:questionnaire:who-5";
/// The RAND-36 scales, by their names: `…:rand-36-physical-functioning`,
/// `…:rand-36-emotional-well-being`.
pub const RAND36_QUESTIONNAIRE: &str = "urn:limber:questionnaire:rand-36-";

const LOINC: &str = "http://loinc.org";
const PAIN_CODE: &str = "72514-3";
const PAIN_DISPLAY: &str = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
const CATEGORY_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const UCUM: &str = "http://unitsofmeasure.org";

const DAY: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// The one patient every resource is about: no name, no identifier (limber
/// holds none); the receiving system links it to its own record.
const PATIENT: &str = "Patient/person";

/// The days to take, both ends included; `None` takes everything.
pub type Window = Option<(Date, Date)>;

/// The bundle of everything in `doc` whose day falls in `window`.
pub fn bundle(doc: &Export, window: Window, notes: bool) -> Value {
    let within = |day: &str| match window {
        None => true,
        Some((from, to)) => Date::parse(day, DAY).is_ok_and(|d| from <= d && d <= to),
    };
    let mut entries =
        vec![json!({"resource": {"resourceType": "Patient", "id": "person", "active": true}})];
    let mut push = |resource: Value| entries.push(json!({ "resource": resource }));
    for session in doc.sessions.iter().filter(|s| within(&s.local_date)) {
        push(procedure(session, notes));
    }
    for checkin in doc.checkins.iter().filter(|c| within(&c.local_date)) {
        for resource in checkin_observations(checkin, notes) {
            push(resource);
        }
    }
    for flare in doc.flares.iter().filter(|f| within(&f.date)) {
        let mut obs = observation(
            &format!("{}-flare", flare.uuid),
            record_code("flare-day", "Flare-up day"),
            json!(flare.date),
        );
        obs["valueBoolean"] = json!(true);
        if notes && let Some(note) = &flare.note {
            obs["note"] = json!([{ "text": note }]);
        }
        push(obs);
    }
    for result in doc.fitness.iter().filter(|r| within(&r.local_date)) {
        let Some(test) = FitnessTest::parse(&result.test) else {
            continue;
        };
        let mut obs = observation(
            &result.uuid,
            record_code(test.as_str(), test.title()),
            json!(result.recorded_at),
        );
        obs["valueQuantity"] = match test.unit() {
            "seconds" => json!({"value": result.value, "unit": "s", "system": UCUM, "code": "s"}),
            unit => json!({ "value": result.value, "unit": unit }),
        };
        push(obs);
    }
    for row in doc.who5.iter().filter(|r| within(&r.local_date)) {
        let Some(who5) = Who5::new(row.answers) else {
            continue;
        };
        let mut items: Vec<Value> = WHO5_ITEMS
            .iter()
            .zip(row.answers)
            .enumerate()
            .map(|(i, (text, answer))| {
                json!({"linkId": (i + 1).to_string(), "text": text, "answer": [{"valueInteger": answer}]})
            })
            .collect();
        items.push(json!({
            "linkId": "score",
            "text": "Percentage score (the raw sum of the five answers × 4), 0–100; higher is better well-being",
            "answer": [{"valueInteger": who5.score()}],
        }));
        push(json!({
            "resourceType": "QuestionnaireResponse",
            "id": row.uuid,
            "questionnaire": WHO5_QUESTIONNAIRE,
            "status": "completed",
            "subject": {"reference": PATIENT},
            "authored": row.recorded_at,
            "item": items,
        }));
    }
    for row in doc.rand36.iter().filter(|r| within(&r.local_date)) {
        let Some(scale) = Rand36Scale::parse(&row.scale) else {
            continue;
        };
        let Ok(rand36) = Rand36::new(scale, &row.answers) else {
            continue;
        };
        let mut items: Vec<Value> = scale
            .items()
            .iter()
            .zip(&row.answers)
            .map(|(item, answer)| {
                json!({"linkId": item.number.to_string(), "text": item.text, "answer": [{"valueInteger": answer}]})
            })
            .collect();
        items.push(json!({
            "linkId": "score",
            "text": "Scale score as RAND's scoring instructions give it (each answer recoded to 0–100, then averaged), 0–100; higher is better",
            "answer": [{"valueDecimal": rand36.score()}],
        }));
        push(json!({
            "resourceType": "QuestionnaireResponse",
            "id": row.uuid,
            "questionnaire": format!("{RAND36_QUESTIONNAIRE}{}", scale.as_str()),
            "status": "completed",
            "subject": {"reference": PATIENT},
            "authored": row.recorded_at,
            "item": items,
        }));
    }
    json!({
        "resourceType": "Bundle",
        "id": "limber-record",
        "type": "collection",
        "entry": entries,
    })
}

/// A session as a procedure: what was done, when, and how far.
fn procedure(session: &SessionRow, notes: bool) -> Value {
    let status = match session.status.as_str() {
        "completed" => "completed",
        "aborted" => "stopped",
        _ => "in-progress",
    };
    let done = session
        .exercises
        .iter()
        .filter(|e| e.status == "done")
        .count();
    let mut summary = format!(
        "{}: {} of {} planned active minutes",
        session.activity,
        session.active_seconds.div_ceil(60),
        session.planned_seconds.div_ceil(60),
    );
    if !session.exercises.is_empty() {
        summary.push_str(&format!(
            "; {done} of {} exercises done",
            session.exercises.len()
        ));
    }
    if session.gentle {
        summary.push_str("; the gentle version");
    }
    let mut period = json!({ "start": session.started_at });
    if let Some(end) = &session.ended_at {
        period["end"] = json!(end);
    }
    let mut note = vec![json!({ "text": summary })];
    if notes && let Some(text) = &session.note {
        note.push(json!({ "text": text }));
    }
    json!({
        "resourceType": "Procedure",
        "id": session.uuid,
        "status": status,
        "code": {
            "coding": [{"system": RECORD_SYSTEM, "code": "exercise-session", "display": "Exercise session"}],
            "text": format!("Exercise session: {}", session.activity),
        },
        "subject": {"reference": PATIENT},
        "performedPeriod": period,
        "note": note,
    })
}

/// A check-in's observations: pain, anxiety, mood, fear when answered, and
/// one for each thing taken.
fn checkin_observations(checkin: &CheckInRow, notes: bool) -> Vec<Value> {
    let when = match checkin.context.as_str() {
        "before" => "before a session",
        "after" => "after a session",
        _ => "a daily check-in",
    };
    let scale = |suffix: &str, code: Value, value: u8| {
        let mut obs = observation(
            &format!("{}-{suffix}", checkin.uuid),
            code,
            json!(checkin.recorded_at),
        );
        obs["valueInteger"] = json!(value);
        obs["method"] = json!({ "text": when });
        if let Some(session) = &checkin.session {
            obs["partOf"] = json!([{ "reference": format!("Procedure/{session}") }]);
        }
        obs
    };
    let mut pain = scale(
        "pain",
        json!({
            "coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
            "text": "Pain, 0–10",
        }),
        checkin.pain,
    );
    let regions: Vec<Region> = checkin
        .regions
        .iter()
        .filter_map(|r| Region::ALL.into_iter().find(|known| known.as_str() == r))
        .collect();
    if !regions.is_empty() {
        let codings: Vec<Value> = regions
            .iter()
            .map(|r| json!({"system": REGION_SYSTEM, "code": r.as_str(), "display": r.label()}))
            .collect();
        let text = regions
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(", ");
        pain["bodySite"] = json!({ "coding": codings, "text": text });
    }
    if notes && let Some(note) = &checkin.note {
        pain["note"] = json!([{ "text": note }]);
    }
    let mut out = vec![
        pain,
        scale(
            "anxiety",
            scale_code("anxiety", "Anxiety, 0–10"),
            checkin.anxiety,
        ),
        scale("mood", scale_code("mood", "Mood, 0–10"), checkin.mood),
    ];
    if let Some(fear) = checkin.fear {
        out.push(scale(
            "fear",
            scale_code("fear-of-movement", "Fear of movement, 0–10"),
            fear,
        ));
    }
    for (i, took) in checkin.took.iter().enumerate() {
        let mut obs = observation(
            &format!("{}-took-{}", checkin.uuid, i + 1),
            record_code("treatment-taken", "Treatment taken"),
            json!(checkin.recorded_at),
        );
        obs["valueString"] = json!(took);
        out.push(obs);
    }
    out
}

fn scale_code(code: &str, display: &str) -> Value {
    json!({"coding": [{"system": SCALE_SYSTEM, "code": code, "display": display}], "text": display})
}

fn record_code(code: &str, display: &str) -> Value {
    json!({"coding": [{"system": RECORD_SYSTEM, "code": code, "display": display}], "text": display})
}

/// A final, self-reported observation of the person.
fn observation(id: &str, code: Value, effective: Value) -> Value {
    json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}]}],
        "code": code,
        "subject": {"reference": PATIENT},
        "effectiveDateTime": effective,
    })
}
