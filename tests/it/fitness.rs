//! Fitness self-tests and the WHO-5: the store, `limber fitness`,
//! `limber wellbeing` and the report in the study's terms.

use crate::common;

use limber::model::{FitnessTest, NewFitnessResult, Who5};
use limber::store::Store;
use time::macros::{date, datetime};

fn chair(value: u32, at: time::OffsetDateTime) -> NewFitnessResult {
    NewFitnessResult {
        test: FitnessTest::ChairStand,
        value,
        at,
        local_date: at.date(),
    }
}

#[test]
fn the_first_try_of_each_test_is_the_practice_one_even_when_an_older_one_comes_later() {
    let mut store = Store::open_memory().expect("store");
    let first = store
        .add_fitness_result(&chair(9, datetime!(2026-11-02 08:00 UTC)))
        .expect("write");
    assert!(first.practice, "the first try is practice");
    let second = store
        .add_fitness_result(&chair(11, datetime!(2026-11-02 08:05 UTC)))
        .expect("write");
    assert!(!second.practice);
    let step = store
        .add_fitness_result(&NewFitnessResult {
            test: FitnessTest::StepTest,
            value: 80,
            at: datetime!(2026-11-02 08:10 UTC),
            local_date: date!(2026 - 11 - 02),
        })
        .expect("write");
    assert!(step.practice, "each test has its own practice try");
    // A try made earlier, written later (an import): it becomes the practice one.
    store
        .add_fitness_result(&chair(8, datetime!(2026-10-01 08:00 UTC)))
        .expect("write");
    let chairs: Vec<(u32, bool)> = store
        .fitness_results()
        .expect("read")
        .into_iter()
        .filter(|r| r.test == FitnessTest::ChairStand)
        .map(|r| (r.value, r.practice))
        .collect();
    assert_eq!(chairs, [(8, true), (9, false), (11, false)]);
    assert!(store.fitness_tried(FitnessTest::ChairStand).expect("read"));
    assert!(
        !store
            .fitness_tried(FitnessTest::SideBridgeLeft)
            .expect("read")
    );
}

#[test]
fn a_who5_is_kept_with_its_five_answers() {
    let mut store = Store::open_memory().expect("store");
    let w = Who5::new([3, 3, 2, 2, 2]).expect("in range");
    let uuid = "00000001-0000-4000-8000-000000000000";
    let at = datetime!(2026-11-02 08:00 UTC);
    let saved = store
        .add_who5_as(uuid, at, date!(2026 - 11 - 02), w)
        .expect("write");
    assert_eq!(saved.who5.score(), 48);
    // Written again under the same UUID: nothing more.
    store
        .add_who5_as(uuid, at, date!(2026 - 11 - 02), w)
        .expect("write");
    let all = store.who5_results().expect("read");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].who5.answers(), [3, 3, 2, 2, 2]);
}

#[test]
fn fitness_record_saves_a_result_and_list_shows_it_with_the_practice_try_marked() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(
        home.path(),
        &[
            "fitness",
            "record",
            "chair-stand",
            "10",
            "--at",
            "2026-11-20",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("30-second chair stand: 10 stands saved for 2026-11-20."),
        "{out}"
    );
    assert!(out.contains("practice"), "the first try says so: {out}");
    let (code, out, err) = common::run(home.path(), &["fitness", "record", "chair-stand", "12"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("practice"), "{out}");
    let (code, out, _) = common::run(home.path(), &["fitness", "list", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows: Vec<(String, u64, String, bool)> = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r["test"].as_str().expect("test").to_string(),
                r["value"].as_u64().expect("value"),
                r["local_date"].as_str().expect("date").to_string(),
                r["practice"].as_bool().expect("practice"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "chair-stand".to_string(),
                10,
                "2026-11-20".to_string(),
                true
            ),
            (
                "chair-stand".to_string(),
                12,
                "2026-11-25".to_string(),
                false
            )
        ]
    );
    let (code, out, _) = common::run(home.path(), &["fitness", "list"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("2026-11-20  30-second chair stand     10 stands  practice"),
        "{out}"
    );
    let db = home.path().join("data/limber.db");
    assert_eq!(
        common::sql(&db, "SELECT test, value FROM fitness_results ORDER BY id"),
        "chair-stand|10\nchair-stand|12"
    );
}

#[test]
fn fitness_record_refuses_an_unknown_test_or_an_impossible_count_and_writes_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    for (args, says) in [
        (
            vec!["fitness", "record", "plank", "30"],
            "\"plank\" is not a fitness test; use chair-stand, step-test, side-bridge-left, side-bridge-right, side-bridge-knees-left or side-bridge-knees-right",
        ),
        (
            vec!["fitness", "record", "chair-stand", "ten"],
            "\"ten\" is not a count; give the stands as a whole number",
        ),
        (
            vec!["fitness", "record", "side-bridge-left", "900"],
            "900 seconds is more than the side bridge, left can give (at most 600)",
        ),
        (
            vec!["fitness", "record", "step-test", "80", "--at", "2026-12-01"],
            "is in the future",
        ),
    ] {
        let (code, _, err) = common::run(home.path(), &args);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
    assert!(
        !home.path().join("data/limber.db").exists(),
        "nothing written"
    );
}

#[test]
fn wellbeing_saves_the_who5_and_a_low_score_suggests_a_clinician_calmly() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(home.path(), &["wellbeing", "--answers", "3,3,2,2,2"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "WHO-5 saved for 2026-11-25: 48 out of 100 (raw 12 of 25; higher is better). A score under 50 can be worth talking over with your doctor or another clinician you trust."
    );
    let (code, out, _) = common::run(home.path(), &["wellbeing", "--answers", "3,3,3,3,3"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "WHO-5 saved for 2026-11-25: 60 out of 100 (raw 15 of 25; higher is better). Another WHO-5 is from the same day; the report compares WHO-5s at least 14 days apart, since each asks about the last two weeks."
    );
    let db = home.path().join("data/limber.db");
    assert_eq!(
        common::sql(
            &db,
            "SELECT a1, a2, a3, a4, a5 FROM who5_results ORDER BY id"
        ),
        "3|3|2|2|2\n3|3|3|3|3"
    );
    let (code, _, err) = common::run(home.path(), &["wellbeing", "--answers", "3,3,2,2"]);
    assert_ne!(code, 0);
    assert!(err.contains("--answers needs five numbers"), "{err}");
    let (code, _, err) = common::run(home.path(), &["wellbeing", "--answers", "3,3,2,2,9"]);
    assert_ne!(code, 0);
    assert!(err.contains("answer 5 is \"9\""), "{err}");
}

#[test]
fn wellbeing_alone_shows_the_who5_verbatim_with_its_source() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(home.path(), &["wellbeing"]);
    assert_eq!(code, 0, "{err}");
    for words in [
        "Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.",
        "1. I have felt cheerful and in good spirits",
        "5. My daily life has been filled with things that interest me",
        "5 All of the time",
        "0 At no time",
        "Topp CW, Østergaard SD, Søndergaard S, Bech P.",
        "limber wellbeing --answers",
    ] {
        assert!(out.contains(words), "{words}: {out}");
    }
    assert!(
        !home.path().join("data/limber.db").exists(),
        "nothing written"
    );
}

#[test]
fn the_report_puts_fitness_and_wellbeing_beside_the_study() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &[
            "fitness",
            "record",
            "chair-stand",
            "10",
            "--at",
            "2026-09-05",
        ][..],
        &[
            "fitness",
            "record",
            "chair-stand",
            "11",
            "--at",
            "2026-11-20",
        ],
        &["fitness", "record", "step-test", "70", "--at", "2026-09-05"],
        &["wellbeing", "--answers", "3,3,2,2,2", "--at", "2026-09-05"],
        &["wellbeing", "--answers", "3,3,3,3,3", "--at", "2026-11-20"],
    ] {
        let (code, _, err) = common::run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (code, out, err) = common::run(home.path(), &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        json["fitness"],
        serde_json::json!({
            "tests": [
                {"test": "chair-stand", "first": 10, "last": 11, "change_pct": 10, "n": 2},
                {"test": "step-test", "first": 70, "last": 70, "change_pct": null, "n": 1}
            ]
        })
    );
    assert_eq!(
        json["wellbeing"],
        serde_json::json!({"first": 48, "last": 60, "change_pct": 25, "change_points": 12, "n": 2})
    );
    let (code, out, _) = common::run(home.path(), &["report"]);
    assert_eq!(code, 0);
    for line in [
        "30-second chair stand: 10 → 11 stands (+10 %), from 2 results (the first a practice try, so the change is not judged against the usual variation)",
        "2-minute step test: 70 steps, a practice try so far (the next try is the first that counts)",
        "Wellbeing (WHO-5, 0–100, higher is better): 48 → 60 (+12 points), from 2 results; more than the usual variation (10 points or more)",
        "The study: physical functioning (SF-36) +11 %, mental health (MHI-5) +14 %, low-back symptoms −8 %. You: physical functioning not measured twice yet, mental health not measured twice yet, pain not compared yet (too few check-ins).",
    ] {
        assert!(out.lines().any(|l| l == line), "{line}\n---\n{out}");
    }
    assert!(!out.contains("Fitness overall"), "{out}");
    let (code, out, _) = common::run(home.path(), &["report", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("## Beside the study\n\n- 30-second chair stand: 10 → 11"),
        "{out}"
    );
}

#[test]
fn the_report_with_no_self_tests_says_how_to_make_one() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(home.path(), &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["fitness"], serde_json::json!({"tests": []}));
    assert_eq!(
        json["wellbeing"],
        serde_json::json!({"first": null, "last": null, "change_pct": null, "change_points": null, "n": 0})
    );
    let (_, out, _) = common::run(home.path(), &["report"]);
    assert!(
        out.contains("Fitness: no self-test in this window yet"),
        "{out}"
    );
    assert!(
        out.contains("You: physical functioning not measured twice yet, mental health not measured twice yet, pain not compared yet"),
        "{out}"
    );
    assert!(
        out.contains("Physical functioning (RAND-36): none in this window yet (`limber function`)"),
        "{out}"
    );
    assert!(
        out.contains("Mental health (MHI-5): none in this window yet (`limber mental-health`)"),
        "{out}"
    );
    assert!(!out.contains("Fitness overall"), "{out}");
}

#[test]
fn fitness_results_and_who5s_travel_in_an_export_with_their_uuids() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &[
            "fitness",
            "record",
            "chair-stand",
            "10",
            "--at",
            "2026-11-20",
        ][..],
        &[
            "fitness",
            "record",
            "side-bridge-right",
            "35",
            "--at",
            "2026-11-21",
        ],
        &["wellbeing", "--answers", "3,3,2,2,2", "--at", "2026-11-20"],
    ] {
        let (code, _, err) = common::run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let file = home.path().join("export.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let (code, _, err) = common::run(home.path(), &["export", "--out", file_arg]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    let db = home.path().join("data/limber.db");
    let uuid = common::sql(&db, "SELECT uuid FROM fitness_results WHERE value = 10");
    assert_eq!(json["fitness"][0]["uuid"], uuid.as_str());
    assert_eq!(json["fitness"][0]["test"], "chair-stand");
    assert_eq!(json["fitness"][1]["value"], 35);
    assert_eq!(
        json["who5"][0]["answers"],
        serde_json::json!([3, 3, 2, 2, 2])
    );

    // Into a new store: everything once; a second time, nothing more.
    let other = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(other.path(), &["import", file_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 fitness results and 1 WHO-5;"), "{out}");
    let (code, _, err) = common::run(other.path(), &["import", file_arg]);
    assert_eq!(code, 0, "{err}");
    let other_db = other.path().join("data/limber.db");
    assert_eq!(
        common::sql(
            &other_db,
            "SELECT uuid, test, value FROM fitness_results ORDER BY recorded_at"
        ),
        common::sql(
            &db,
            "SELECT uuid, test, value FROM fitness_results ORDER BY recorded_at"
        )
    );
    assert_eq!(
        common::sql(&other_db, "SELECT count(*) FROM who5_results"),
        "1"
    );
    let (_, out, _) = common::run(other.path(), &["fitness", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        list[0]["practice"], true,
        "the practice try is worked out here too"
    );
}

#[test]
fn an_export_without_fitness_imports_as_before_and_a_bad_row_is_refused_whole() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("old.json");
    std::fs::write(
        &file,
        r#"{"format":"limber-export","version":1,"checkins":[{"uuid":"00000001-0000-4000-8000-000000000000","recorded_at":"2026-11-20T08:00:00Z","local_date":"2026-11-20","context":"daily","session":null,"pain":4,"anxiety":3,"mood":6,"fear":null,"note":null}]}"#,
    )
    .expect("write");
    let (code, out, err) = common::run(home.path(), &["import", file.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("fitness"), "{out}");
    let (_, out, _) = common::run(home.path(), &["export"]);
    assert!(
        !out.contains("\"fitness\""),
        "no empty list in an export: {out}"
    );

    let bad = home.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"limber-export","version":1,
            "checkins":[{"uuid":"00000002-0000-4000-8000-000000000000","recorded_at":"2026-11-21T08:00:00Z","local_date":"2026-11-21","context":"daily","session":null,"pain":4,"anxiety":3,"mood":6,"fear":null,"note":null}],
            "who5":[{"uuid":"00000003-0000-4000-8000-000000000000","answers":[3,3,9,2,2],"recorded_at":"2026-11-21T08:00:00Z","local_date":"2026-11-21"}]}"#,
    )
    .expect("write");
    let (code, _, err) = common::run(home.path(), &["import", bad.to_str().expect("path")]);
    assert_ne!(code, 0);
    assert!(err.contains("who5[0].answers [3, 3, 9, 2, 2]"), "{err}");
    let db = home.path().join("data/limber.db");
    assert_eq!(
        common::sql(&db, "SELECT count(*) FROM checkins"),
        "1",
        "nothing imported"
    );
}

#[test]
fn limber_screen_draws_the_fitness_check_and_the_who5_form() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = common::run(home.path(), &["screen", "fitness"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("› 30-second chair stand  practice first"),
        "{out}"
    );
    let (code, _, err) = common::run(home.path(), &["fitness", "record", "chair-stand", "12"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = common::run(home.path(), &["screen", "fitness", "--size", "44x14"]);
    assert!(!out.contains("chair stand  practice first"), "tried: {out}");
    assert!(
        out.contains("2-minute step test     practice first"),
        "{out}"
    );
    let (code, out, err) = common::run(home.path(), &["screen", "who5", "--size", "44x14"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("WHO-5 Well-Being Index · 1 of 5"), "{out}");
    assert!(
        out.contains("I have felt cheerful and in good spirits"),
        "{out}"
    );
}

/// The side bridge from the knees is a test of its own: recorded, exported,
/// imported and sent as FHIR under its own name, its practice try and its
/// row its own, never the side bridge from the feet's.
#[test]
fn the_knee_side_bridge_is_a_test_of_its_own_from_the_shell_to_fhir() {
    let home = tempfile::tempdir().expect("home");
    let ok = |args: &[&str]| {
        let (code, out, err) = common::run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    for (test, value, at) in [
        ("side-bridge-left", "30", "2026-11-02 09:00"),
        ("side-bridge-left", "34", "2026-11-09 09:00"),
        ("side-bridge-knees-left", "50", "2026-11-03 09:00"),
        ("side-bridge-knees-left", "55", "2026-11-10 09:00"),
        ("side-bridge-knees-left", "62", "2026-11-20 09:00"),
        ("side-bridge-knees-right", "45", "2026-11-20 09:10"),
    ] {
        ok(&["fitness", "record", test, value, "--at", at]);
    }
    let report: serde_json::Value =
        serde_json::from_str(&ok(&["report", "--format", "json"])).expect("json");
    let tests = report["fitness"]["tests"].as_array().expect("tests");
    let row = |name: &str| {
        tests
            .iter()
            .find(|t| t["test"] == name)
            .unwrap_or_else(|| panic!("{name} has no row: {tests:?}"))
    };
    // Each its own first and last: the knees' 50 is never a feet's result.
    assert_eq!(
        (
            row("side-bridge-left")["first"].as_u64(),
            row("side-bridge-left")["last"].as_u64()
        ),
        (Some(30), Some(34))
    );
    assert_eq!(
        (
            row("side-bridge-knees-left")["first"].as_u64(),
            row("side-bridge-knees-left")["last"].as_u64(),
            row("side-bridge-knees-left")["n"].as_u64()
        ),
        (Some(50), Some(62), Some(3)),
    );
    let text = ok(&["report"]);
    let line = text
        .lines()
        .find(|l| l.contains("Knee side bridge, left"))
        .unwrap_or_else(|| panic!("no line of its own: {text}"));
    assert!(
        line.contains("practice"),
        "its first try is its own practice try: {line}"
    );
    assert!(
        !line.contains("variation"),
        "no cited detectable change, so no verdict: {line}"
    );

    // Export and import keep the name; FHIR carries it with its title.
    let export = ok(&["export", "--format", "json"]);
    assert!(export.contains("\"side-bridge-knees-left\""), "{export}");
    let other = tempfile::tempdir().expect("other");
    let file = home.path().join("export.json");
    std::fs::write(&file, &export).expect("write");
    let (code, _, err) = common::run(other.path(), &["import", file.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    let db = other.path().join("data").join("limber.db");
    assert_eq!(
        common::sql(
            &db,
            "SELECT group_concat(value, ',') FROM (SELECT value FROM fitness_results WHERE test = 'side-bridge-knees-left' ORDER BY recorded_at)"
        ),
        "50,55,62"
    );
    let fhir = ok(&["export", "--format", "fhir"]);
    assert!(
        fhir.contains("side-bridge-knees-right") && fhir.contains("Knee side bridge, right"),
        "{fhir}"
    );
}

/// A store from before the knee side bridge keeps every result, its
/// versions and devices, and its triggers still stamp a new one.
#[test]
fn an_older_store_keeps_its_fitness_results_through_the_upgrade() {
    use limber::store::MIGRATIONS;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("limber.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("sqlite");
        MIGRATIONS
            .to_version(&mut conn, 13)
            .expect("the schema before");
        conn.execute(
            "INSERT INTO fitness_results (uuid, test, value, recorded_at, local_date, updated_at)
             VALUES ('f1', 'side-bridge-left', 41, '2026-11-02T09:00:00Z', '2026-11-02', '2026-11-02T09:00:00Z')",
            [],
        )
        .expect("an old result");
        let err = conn
            .execute(
                "INSERT INTO fitness_results (uuid, test, value, recorded_at, local_date, updated_at)
                 VALUES ('f2', 'side-bridge-knees-left', 41, '2026-11-02T09:00:00Z', '2026-11-02', '2026-11-02T09:00:00Z')",
                [],
            )
            .expect_err("the schema before knows no knee side bridge");
        assert!(err.to_string().contains("CHECK"), "{err}");
    }
    let before: (i64, String) = {
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        conn.query_row(
            "SELECT version, device FROM fitness_results WHERE uuid = 'f1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row")
    };
    let mut store = Store::open(&path).expect("upgrade");
    let results = store.fitness_results().expect("read");
    assert_eq!(results.len(), 1);
    assert_eq!(
        (results[0].test, results[0].value, results[0].practice),
        (FitnessTest::SideBridgeLeft, 41, true)
    );
    let after = store
        .add_fitness_result(&NewFitnessResult {
            test: FitnessTest::SideBridgeKneesLeft,
            value: 60,
            at: datetime!(2026-11-03 09:00 UTC),
            local_date: date!(2026 - 11 - 03),
        })
        .expect("the new test");
    assert!(after.practice, "its own first try");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let kept: (i64, String) = conn
        .query_row(
            "SELECT version, device FROM fitness_results WHERE uuid = 'f1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert_eq!(kept, before, "version and device kept");
    let (version, device): (Option<i64>, Option<String>) = conn
        .query_row(
            "SELECT version, device FROM fitness_results WHERE test = 'side-bridge-knees-left'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("new row");
    assert!(
        version.is_some_and(|v| v > before.0),
        "the version trigger stamps it"
    );
    assert!(device.is_some(), "the device trigger stamps it");
    let triggers: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'fitness_results'", [], |r| r.get(0))
        .expect("triggers");
    assert_eq!(triggers, 5);
}
