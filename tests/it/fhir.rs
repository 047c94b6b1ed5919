//! `limber export --format fhir`: a FHIR R4 Bundle that a validator no one
//! here wrote accepts (the `fhir.resources` Python package's R4B models,
//! which refuse unknown fields, wrong types and missing required ones), whose
//! pain values and times are `export --format json`'s, the same file twice.
//!
//! The validator runs with the Python named by `LIMBER_FHIR_PYTHON` (`.ci/run`
//! makes a virtual environment with `fhir.resources` and sets it), else
//! `python3` if it can import the package. Without it a plain `cargo test`
//! says by name that the validation did not run, and how to install it; with
//! `LIMBER_REQUIRE_FHIR=1` (as `.ci/run` sets) that is a failure.

use std::path::Path;
use std::process::Command;

use crate::common::run;
use serde_json::Value;

const INSTALL: &str = "python3 -m venv /tmp/fhir && /tmp/fhir/bin/pip install 'fhir.resources==8.3.0', then LIMBER_FHIR_PYTHON=/tmp/fhir/bin/python";

/// A store with sessions, check-ins (one with two places and a treatment),
/// a flare-up day, a fitness result and a WHO-5.
fn store(home: &Path) {
    for args in [
        &["sample-data", "--seed", "7"][..],
        &[
            "checkin",
            "--pain",
            "6",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--fear",
            "4",
            "--where",
            "lower-back",
            "--where",
            "leg-below-knee-left",
            "--took",
            "ibuprofen 400 mg",
            "--note",
            "stiff after the drive",
        ],
        &["flare", "--note", "bad night"],
        &["fitness", "record", "chair-stand", "12"],
        &["wellbeing", "--answers", "3,3,2,4,3"],
    ] {
        let (code, _, err) = run(home, args);
        assert_eq!(code, 0, "limber {args:?}: {err}");
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn the_pain_in_the_bundle_is_the_exports_pain_at_the_same_times() {
    let home = tempfile::tempdir().expect("temp dir");
    store(home.path());
    let (code, out, err) = run(home.path(), &["export", "--format", "fhir"]);
    assert_eq!(code, 0, "{err}");
    let bundle = json(&out);
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let (_, export, _) = run(home.path(), &["export", "--format", "json"]);
    let export = json(&export);
    let checkins = export["checkins"].as_array().expect("check-ins");
    let pains: Vec<&Value> = resources(&bundle, "Observation")
        .into_iter()
        .filter(|o| o["code"]["coding"][0]["code"] == "72514-3")
        .collect();
    assert_eq!(
        pains.len(),
        checkins.len(),
        "one pain observation a check-in"
    );
    for checkin in checkins {
        let id = format!("{}-pain", checkin["uuid"].as_str().expect("uuid"));
        let pain = pains
            .iter()
            .find(|o| o["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no observation {id}"));
        assert_eq!(pain["valueInteger"], checkin["pain"], "{id}");
        assert_eq!(pain["effectiveDateTime"], checkin["recorded_at"], "{id}");
        assert_eq!(pain["subject"]["reference"], "Patient/person");
    }
    let sessions = export["sessions"].as_array().expect("sessions");
    assert_eq!(resources(&bundle, "Procedure").len(), sessions.len());
    // Each WHO-5 and each RAND-36 scale (the sample's and this test's).
    let questionnaires = export["who5"].as_array().map_or(0, Vec::len)
        + export["rand36"].as_array().map_or(0, Vec::len);
    assert_eq!(
        questionnaires, 7,
        "the sample's two WHO-5s and four scales, and one here"
    );
    assert_eq!(
        resources(&bundle, "QuestionnaireResponse").len(),
        questionnaires
    );

    // The check-in with two places carries both as its body site, and what
    // was taken as an observation of its own; notes stay out unless asked.
    let noted = checkins
        .iter()
        .find(|c| c["note"] == "stiff after the drive")
        .expect("the check-in with places");
    let id = format!("{}-pain", noted["uuid"].as_str().expect("uuid"));
    let marked = pains
        .iter()
        .find(|o| o["id"] == id.as_str())
        .expect("its pain");
    assert_eq!(
        marked["bodySite"]["text"],
        "lower back, left leg below the knee"
    );
    assert!(out.contains("\"valueString\": \"ibuprofen 400 mg\""));
    assert!(!out.contains("stiff after the drive"));
    assert!(!out.contains("bad night"));
    let (_, with_notes, _) = run(home.path(), &["export", "--format", "fhir", "--notes"]);
    assert!(with_notes.contains("stiff after the drive"));
    assert!(with_notes.contains("bad night"));

    // The WHO-5: five items verbatim and the score.
    let responses = resources(&bundle, "QuestionnaireResponse");
    let who5s: Vec<&&Value> = responses
        .iter()
        .filter(|r| r["questionnaire"] == "urn:limber:questionnaire:who-5")
        .collect();
    assert_eq!(who5s.len(), 3, "the sample's two and this test's");
    for who5 in &who5s {
        assert_eq!(
            who5["item"][0]["text"],
            "I have felt cheerful and in good spirits"
        );
    }
    let scores: Vec<&Value> = who5s
        .iter()
        .map(|r| &r["item"][5]["answer"][0]["valueInteger"])
        .collect();
    assert!(scores.contains(&&serde_json::json!(60)), "{scores:?}");
    assert!(scores.contains(&&serde_json::json!(48)), "{scores:?}");
    // A RAND-36 scale: its items by their RAND numbers, verbatim, and the
    // score by RAND's rules (the sample's last, 1,2,3,2,3,2,2,3,3,3: 70).
    let function: Vec<&&Value> = responses
        .iter()
        .filter(|r| r["questionnaire"] == "urn:limber:questionnaire:rand-36-physical-functioning")
        .collect();
    assert_eq!(function.len(), 2);
    let last = function
        .iter()
        .max_by_key(|r| r["authored"].as_str().unwrap_or(""))
        .expect("a last one");
    assert_eq!(last["item"][0]["linkId"], "3");
    assert_eq!(last["item"][9]["text"], "Bathing or dressing yourself");
    assert_eq!(last["item"][10]["answer"][0]["valueDecimal"], 70.0);
}

#[test]
fn exporting_twice_gives_the_same_bundle() {
    let home = tempfile::tempdir().expect("temp dir");
    store(home.path());
    let (_, first, _) = run(home.path(), &["export", "--format", "fhir"]);
    let (_, second, _) = run(home.path(), &["export", "--format", "fhir"]);
    assert!(first.len() > 10_000);
    assert_eq!(first, second);
}

#[test]
fn a_window_takes_the_days_inside_it_only() {
    let home = tempfile::tempdir().expect("temp dir");
    store(home.path());
    let args = [
        "export",
        "--format",
        "fhir",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-20",
    ];
    let (code, out, err) = run(home.path(), &args);
    assert_eq!(code, 0, "{err}");
    let bundle = json(&out);
    let (_, export, _) = run(home.path(), &["export", "--format", "json"]);
    let export = json(&export);
    let inside = |day: &Value| {
        let day = day.as_str().expect("a day");
        ("2026-11-01"..="2026-11-20").contains(&day)
    };
    let checkins = export["checkins"]
        .as_array()
        .expect("check-ins")
        .iter()
        .filter(|c| inside(&c["local_date"]))
        .count();
    let sessions = export["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter(|s| inside(&s["local_date"]))
        .count();
    assert!(checkins > 0 && sessions > 0);
    let pains = resources(&bundle, "Observation")
        .into_iter()
        .filter(|o| o["code"]["coding"][0]["code"] == "72514-3")
        .count();
    assert_eq!(pains, checkins);
    assert_eq!(resources(&bundle, "Procedure").len(), sessions);
    // Today's WHO-5 and fitness result fall outside the window.
    assert!(resources(&bundle, "QuestionnaireResponse").is_empty());

    let (code, _, err) = run(home.path(), &["export", "--from", "2026-11-01"]);
    assert_ne!(code, 0);
    assert!(err.contains("--format fhir"), "{err}");
}

/// The Python that can import `fhir.resources`, or why there is none.
fn validator() -> Option<String> {
    let python = std::env::var("LIMBER_FHIR_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let found = Command::new(&python)
        .args(["-c", "import fhir.resources.R4B.bundle"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(python);
    }
    if std::env::var_os("LIMBER_REQUIRE_FHIR").is_some_and(|v| v == "1") {
        panic!("{python} cannot import fhir.resources, and LIMBER_REQUIRE_FHIR=1: {INSTALL}");
    }
    eprintln!(
        "fhir::the_bundle_passes_a_fhir_validator: not run: {python} cannot import fhir.resources; {INSTALL}"
    );
    None
}

#[test]
fn the_bundle_passes_a_fhir_validator() {
    let Some(python) = validator() else {
        return;
    };
    let home = tempfile::tempdir().expect("temp dir");
    store(home.path());
    let file = home.path().join("record.json");
    let (code, _, err) = run(
        home.path(),
        &[
            "export",
            "--format",
            "fhir",
            "--notes",
            "--out",
            file.to_str().expect("path"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let check = |path: &Path| {
        Command::new(&python)
            .arg("-c")
            .arg(
                "import json, sys\n\
                 from fhir.resources.R4B.bundle import Bundle\n\
                 b = Bundle.model_validate(json.load(open(sys.argv[1])))\n\
                 print(len(b.entry))",
            )
            .arg(path)
            .output()
            .expect("run the validator")
    };
    let out = check(&file);
    assert!(
        out.status.success(),
        "the validator refused the bundle: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entries: usize = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a count");
    assert!(entries > 1000, "{entries} entries");

    // The validator is not a rubber stamp: a field FHIR does not have fails.
    let mut broken = json(&std::fs::read_to_string(&file).expect("read the bundle"));
    broken["entry"][1]["resource"]["painScore"] = Value::from(3);
    let bad = home.path().join("broken.json");
    std::fs::write(&bad, broken.to_string()).expect("write");
    assert!(!check(&bad).status.success());
}
