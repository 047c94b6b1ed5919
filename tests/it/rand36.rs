//! The study's own two questionnaires from the shell: `limber function`
//! (RAND-36 physical functioning) and `limber mental-health` (the MHI-5),
//! and the report that sets them beside the study.

use crate::common;

#[test]
fn function_alone_shows_rands_words_and_writes_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(home.path(), &["function"]);
    assert_eq!(code, 0, "{err}");
    for words in [
        "The following items are about activities you might do during a typical day. Does your health now limit you in these activities? If so, how much?",
        "1. Vigorous activities, such as running, lifting heavy objects, participating in strenuous sports",
        "10. Bathing or dressing yourself",
        "1 Yes, limited a lot · 2 Yes, limited a little · 3 No, not limited at all",
        "higher is better",
        "RAND's surveys are public documents, available without charge.",
    ] {
        assert!(out.contains(words), "{words}: {out}");
    }
    let (code, out, _) = common::run(home.path(), &["mental-health"]);
    assert_eq!(code, 0);
    for words in [
        "How much of the time during the past 4 weeks...",
        "2. Have you felt so down in the dumps that nothing could cheer you up?",
        "5. Have you been a happy person?",
        "6 None of the time",
    ] {
        assert!(out.contains(words), "{words}: {out}");
    }
    assert!(
        !home.path().join("data/limber.db").exists(),
        "nothing written"
    );
}

#[test]
fn answers_are_saved_scored_and_compared_in_points_only() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(
        home.path(),
        &[
            "function",
            "--answers",
            "1,2,3,3,3,2,1,2,3,3",
            "--at",
            "2026-10-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "Physical functioning (RAND-36) saved for 2026-10-01: 65 out of 100 (higher is better)."
    );
    let (code, out, _) = common::run(
        home.path(),
        &["function", "--answers", "3,3,3,3,3,3,3,3,3,2"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "Physical functioning (RAND-36) saved for 2026-11-25: 95 out of 100 (higher is better). Last time (2026-10-01) 65: +30 points. No minimal important change for this scale is cited here, so a change is given in points, not called better or worse."
    );
    let (code, out, _) = common::run(home.path(), &["mental-health", "--answers", "4,6,3,5,2"]);
    assert_eq!(code, 0);
    assert!(out.contains("saved for 2026-11-25: 76 out of 100"), "{out}");
    let db = home.path().join("data/limber.db");
    assert_eq!(
        common::sql(&db, "SELECT scale, answers FROM rand36_results ORDER BY id"),
        "physical-functioning|1,2,3,3,3,2,1,2,3,3\nphysical-functioning|3,3,3,3,3,3,3,3,3,2\nemotional-well-being|4,6,3,5,2"
    );
    // Refused whole, nothing written.
    for (args, message) in [
        (&["function", "--answers", "3,3,3"][..], "needs 10 numbers"),
        (
            &["mental-health", "--answers", "1,2,3,4,7"],
            "answer 5 is \"7\"; each is a whole number from 1 to 6",
        ),
        (
            &["function", "--delete", "nothing"],
            "no Physical functioning (RAND-36) has the id",
        ),
    ] {
        let (code, _, err) = common::run(home.path(), args);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    assert_eq!(common::sql(&db, "SELECT count(*) FROM rand36_results"), "3");
    let (code, out, _) = common::run(home.path(), &["function", "--list"]);
    assert_eq!(code, 0);
    let first_id = out
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .expect("an id")
        .to_string();
    assert!(out.contains("65 out of 100"), "{out}");
    let (code, out, err) = common::run(home.path(), &["function", "--delete", &first_id]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Deleted the Physical functioning (RAND-36) of 2026-10-01"),
        "{out}"
    );
    let (_, out, _) = common::run(home.path(), &["function", "--list"]);
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn the_report_sets_the_two_scales_beside_the_study_with_n() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &[
            "function",
            "--answers",
            "2,2,2,2,2,2,2,2,2,2",
            "--at",
            "2026-09-05",
        ][..],
        &[
            "function",
            "--answers",
            "3,3,3,3,3,3,3,3,3,2",
            "--at",
            "2026-11-20",
        ],
        &[
            "mental-health",
            "--answers",
            "4,6,3,5,2",
            "--at",
            "2026-11-20",
        ],
    ] {
        let (code, _, err) = common::run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (code, out, err) = common::run(home.path(), &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        json["physical_functioning"],
        serde_json::json!({"first": 50.0, "last": 95.0, "change_points": 45.0, "change_pct": 90, "n": 2})
    );
    assert_eq!(json["mental_health"]["n"], 1);
    let (code, out, _) = common::run(home.path(), &["report"]);
    assert_eq!(code, 0);
    for line in [
        "Physical functioning (RAND-36, 0–100): 50 → 95 (+45 points), from 2 results",
        "Mental health (MHI-5, 0–100): 76, one result so far",
        "Physical functioning and mental health are 0–100, higher is better; limber cites no minimal important change for them, so a change is given in points and not called better or worse.",
        "The study: physical functioning (SF-36) +11 %, mental health (MHI-5) +14 %, low-back symptoms −8 %. You: physical functioning 50 → 95 (+45 points, +90 %; n = 2), mental health not measured twice yet, pain not compared yet (too few check-ins).",
    ] {
        assert!(out.lines().any(|l| l == line), "{line}\n---\n{out}");
    }
    assert!(out.contains("uncontrolled cohort"), "{out}");
    assert!(out.contains("26 eligible, 18 completed"), "{out}");
}

#[test]
fn pain_from_one_to_one_point_three_is_within_the_usual_variation() {
    let home = tempfile::tempdir().expect("temp dir");
    for (pain, at) in [
        ("1", "2026-10-02"),
        ("1", "2026-10-20"),
        ("1", "2026-10-21"),
        ("2", "2026-10-22"),
    ] {
        let (code, _, err) = common::run(
            home.path(),
            &[
                "checkin",
                "--pain",
                pain,
                "--anxiety",
                "1",
                "--mood",
                "6",
                "--at",
                at,
            ],
        );
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = common::run(
        home.path(),
        &["report", "--from", "2026-10-01", "--to", "2026-10-28"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Pain: 1.0 → 1.3 (+0.3 points, +30 %), from 1 day and 3 days with check-ins; within the usual variation"), "{out}");
    assert!(
        out.contains(
            "pain 1.0 → 1.3 (+0.3 points, +30 %; n = 1 and 3 days; within the usual variation)."
        ),
        "{out}"
    );
    let (code, html, _) = common::run(
        home.path(),
        &[
            "report",
            "--format",
            "html",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-28",
        ],
    );
    assert_eq!(code, 0);
    assert!(html.contains("within the usual variation"), "{html}");
    assert!(!html.contains("more than the usual variation"), "{html}");
}

#[test]
fn the_demo_stores_report_has_no_fitness_overall() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = common::run(home.path(), &["sample-data"]);
    assert_eq!(code, 0, "{err}");
    for format in ["text", "markdown", "json", "html"] {
        let (code, out, err) = common::run(home.path(), &["report", "--format", format]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(!out.contains("Fitness overall"), "{format}: {out}");
        assert!(!out.contains("fitness +"), "{format}: {out}");
    }
    let (_, out, _) = common::run(home.path(), &["report"]);
    assert!(
        out.contains("The study: physical functioning (SF-36) +11 %"),
        "{out}"
    );
    // The demo holds the study's two questionnaires, so their lines show.
    assert!(
        out.contains("Physical functioning (RAND-36, 0–100): 55 → 70 (+15 points), from 2 results"),
        "{out}"
    );
    assert!(
        out.contains("You: physical functioning 55 → 70 (+15 points, +27 %; n = 2), mental health 48 → 64 (+16 points, +33 %; n = 2), pain "),
        "{out}"
    );
}

#[test]
fn the_scales_travel_in_an_export_and_a_bad_row_is_refused_whole() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &[
            "function",
            "--answers",
            "2,2,2,2,2,2,2,2,2,2",
            "--at",
            "2026-11-20",
        ][..],
        &[
            "mental-health",
            "--answers",
            "4,6,3,5,2",
            "--at",
            "2026-11-21",
        ],
    ] {
        let (code, _, err) = common::run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let file = home.path().join("export.json");
    let file_arg = file.to_str().expect("path");
    let (code, _, err) = common::run(home.path(), &["export", "--out", file_arg]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&file).expect("export");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["rand36"][0]["scale"], "physical-functioning");
    assert_eq!(
        json["rand36"][1]["answers"],
        serde_json::json!([4, 6, 3, 5, 2])
    );
    let other = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(other.path(), &["import", file_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 RAND-36 questionnaires"), "{out}");
    // Again: nothing added twice.
    let (code, _, err) = common::run(other.path(), &["import", file_arg]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = common::run(other.path(), &["export"]);
    let back: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(back["rand36"], json["rand36"]);
    // An answer out of range: nothing of the file is imported.
    let bad = text.replace("[4,6,3,5,2]", "[4,6,3,5,9]").replace(
        "[\n        4,\n        6,\n        3,\n        5,\n        2\n      ]",
        "[4,6,3,5,9]",
    );
    assert_ne!(bad, text, "the answers were found to spoil");
    let third = tempfile::tempdir().expect("temp dir");
    let bad_file = third.path().join("bad.json");
    std::fs::write(&bad_file, bad).expect("write");
    let (code, _, err) = common::run(third.path(), &["import", bad_file.to_str().expect("path")]);
    assert_ne!(code, 0);
    assert!(err.contains("rand36[1].answers"), "{err}");
}

#[test]
fn two_who5s_under_14_days_apart_are_too_soon_to_compare() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &["wellbeing", "--answers", "3,3,2,2,2", "--at", "2026-11-10"][..],
        &["wellbeing", "--answers", "3,3,3,3,3", "--at", "2026-11-11"],
    ] {
        let (code, _, err) = common::run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (_, out, _) = common::run(home.path(), &["report"]);
    assert!(
        out.contains("Wellbeing (WHO-5, 0–100, higher is better): 48, then 60, from 2 results; too soon to compare"),
        "{out}"
    );
    assert!(!out.contains("+12 points"), "{out}");
    let (_, out, _) = common::run(home.path(), &["report", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["wellbeing"]["change_pct"], serde_json::Value::Null);
}
