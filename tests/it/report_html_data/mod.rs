//! The diary the printed report's tests read: a year of `sample-data`
//! (seed 7, the clock pinned by `common::limber`), fitness self-tests and
//! WHO-5 results in the report's window (every test, one only practised),
//! a few notes, and a check-in whose note and tag are markup.

#![allow(dead_code)]

use std::path::Path;

use super::common::run;

/// A note that would run a script or end the chart's drawing if it were
/// written into the page as it is.
pub const HOSTILE_NOTE: &str =
    "<script>alert(1)</script></svg><img src=x onerror=alert(2)> & \"q\"";
pub const HOSTILE_TAG: &str = "<b>tag</b>";

/// Fills `home` with the diary; panics with limber's words on a failure.
pub fn diary(home: &Path) {
    let mut commands: Vec<Vec<&str>> = vec![vec!["sample-data", "--seed", "7"]];
    for (test, value, at) in [
        ("chair-stand", "9", "2026-09-03 09:00"),
        ("chair-stand", "11", "2026-09-03 09:10"),
        ("chair-stand", "12", "2026-10-15 09:00"),
        ("chair-stand", "14", "2026-11-20 09:00"),
        ("side-bridge-left", "25", "2026-09-04 09:00"),
        ("side-bridge-left", "34", "2026-11-21 09:00"),
        // Every test has a chart: one only tried once, for practice.
        ("step-test", "60", "2026-09-10 09:00"),
        ("step-test", "72", "2026-11-19 09:00"),
        ("side-bridge-right", "25", "2026-09-10 09:20"),
        // The side bridge from the knees: a test of its own, its own row.
        ("side-bridge-knees-left", "40", "2026-09-11 09:00"),
        ("side-bridge-knees-left", "48", "2026-09-12 09:00"),
        ("side-bridge-knees-left", "61", "2026-11-19 09:30"),
    ] {
        commands.push(vec!["fitness", "record", test, value, "--at", at]);
    }
    for (answers, at) in [
        ("2,3,2,3,2", "2026-09-05 10:00"),
        ("3,3,3,3,2", "2026-10-16 10:00"),
        ("4,3,3,4,3", "2026-11-22 10:00"),
    ] {
        commands.push(vec!["wellbeing", "--answers", answers, "--at", at]);
    }
    // The tag on ten days, so the report compares them with the rest.
    let tagged = [
        "2026-11-11 20:00",
        "2026-11-12 20:00",
        "2026-11-13 20:00",
        "2026-11-14 20:00",
        "2026-11-15 20:00",
        "2026-11-16 20:00",
        "2026-11-21 20:00",
        "2026-11-22 20:00",
        "2026-11-23 20:00",
    ];
    for at in tagged {
        commands.push(vec![
            "checkin",
            "--pain",
            "6",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--at",
            at,
            "--tag",
            HOSTILE_TAG,
        ]);
    }
    commands.push(vec![
        "checkin",
        "--pain",
        "4",
        "--anxiety",
        "2",
        "--mood",
        "6",
        "--at",
        "2026-11-24 09:00",
        "--note",
        HOSTILE_NOTE,
        "--tag",
        HOSTILE_TAG,
    ]);
    // A few everyday notes besides the hostile one.
    for (note, at) in [
        ("Stiff after the drive; walked it off.", "2026-11-10 19:00"),
        ("Slept badly, back ached on waking.", "2026-11-12 08:00"),
        ("Good day, bridge felt easier.", "2026-11-15 18:00"),
        ("Sore after lifting boxes at work.", "2026-11-18 20:00"),
    ] {
        commands.push(vec![
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--at",
            at,
            "--note",
            note,
        ]);
    }
    // A flare day, for the clinician's lines (sample-data follows a
    // programme already).
    commands.push(vec!["flare", "--at", "2026-10-20"]);
    for args in commands {
        let (code, _, err) = run(home, &args);
        assert_eq!(code, 0, "limber {args:?}: {err}");
    }
}

/// The report's JSON, as `report --format json` writes it.
pub fn report_json(home: &Path) -> serde_json::Value {
    let (code, out, err) = run(home, &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("the report's JSON")
}

/// The figures a reader must find in the page, in the words it uses:
/// pain start and now with their n, the sessions a week, the WHO-5's first
/// and last, and the first fitness test's.
/// "+8 %", "−5 %" or "0 %", as the page writes a change.
fn signed_pct(v: &serde_json::Value) -> String {
    match v.as_i64().expect("a whole percent") {
        p if p < 0 => format!("−{} %", -p),
        p if p > 0 => format!("+{p} %"),
        _ => "0 %".to_string(),
    }
}

pub fn figures(json: &serde_json::Value) -> Vec<String> {
    let one = |v: &serde_json::Value| format!("{:.1}", v.as_f64().expect("a number"));
    let pain = &json["pain"];
    vec![
        // The table's row: the measure, start, now and the change.
        // The change in points between the means as shown, then in percent.
        format!(
            "Pain (0–10) {} {} {} points, {}",
            one(&pain["baseline"]),
            one(&pain["current"]),
            {
                let shown = |k: &str| one(&pain[k]).parse::<f64>().expect("a mean");
                let points = shown("current") - shown("baseline");
                if points < 0.0 {
                    format!("−{:.1}", -points)
                } else {
                    format!("+{points:.1}")
                }
            },
            signed_pct(&pain["change_pct"])
        ),
        format!(
            "{} and {} days with check-ins",
            pain["n_baseline"], pain["n_current"]
        ),
        format!(
            "{} sessions in {} days",
            json["sessions"]["count"], json["window"]["days"]
        ),
        format!(
            "Wellbeing (WHO-5, 0–100) {} {}",
            json["wellbeing"]["first"], json["wellbeing"]["last"]
        ),
        format!(
            "Fitness: 30-second chair stand (stands) {} {}",
            json["fitness"]["tests"][0]["first"], json["fitness"]["tests"][0]["last"]
        ),
    ]
}
