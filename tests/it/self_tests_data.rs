//! Fitness results and WHO-5s are diary entries: listed by `limber entries`,
//! corrected with `edit`, deleted (a tombstone) with `delete`, taken back
//! with `undo`; exports carry their `updated_at` and tombstones, and an
//! import follows the check-ins' rules.

use crate::common;

use std::path::{Path, PathBuf};

use common::{limber, run, sql};
use serde_json::Value;

const NOW: &str = "2026-11-25T10:00:00Z";

fn ok_at(home: &Path, now: &str, args: &[&str]) -> String {
    let out = limber(home)
        .env("LIMBER_NOW", now)
        .args(args)
        .output()
        .expect("run limber");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "limber {args:?} failed: {err}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ok(home: &Path, args: &[&str]) -> String {
    ok_at(home, NOW, args)
}

fn db(home: &Path) -> PathBuf {
    home.join("data/limber.db")
}

fn entries(home: &Path, kind: &str) -> Vec<Value> {
    let out = ok(home, &["entries", "--kind", kind, "--format", "json"]);
    serde_json::from_str(&out).expect("JSON")
}

/// Two chair stands (10 on the 20th, 12 on the 22nd) and a WHO-5.
fn results(home: &Path) {
    ok(
        home,
        &[
            "fitness",
            "record",
            "chair-stand",
            "10",
            "--at",
            "2026-11-20 08:00",
        ],
    );
    ok(
        home,
        &[
            "fitness",
            "record",
            "chair-stand",
            "12",
            "--at",
            "2026-11-22 08:00",
        ],
    );
    ok(
        home,
        &[
            "wellbeing",
            "--answers",
            "3,3,2,2,2",
            "--at",
            "2026-11-21 09:00",
        ],
    );
}

fn id(e: &Value) -> String {
    e["id"].as_str().expect("id").to_string()
}

#[test]
fn fitness_and_wellbeing_are_listed_with_their_values() {
    let home = tempfile::tempdir().expect("tempdir");
    results(home.path());
    let fitness = entries(home.path(), "fitness");
    assert_eq!(fitness.len(), 2);
    // Newest first: the second try, then the practice one.
    assert_eq!(fitness[0]["test"], "chair-stand");
    assert_eq!(fitness[0]["value"], 12);
    assert_eq!(fitness[0]["unit"], "stands");
    assert_eq!(fitness[0]["practice"], false);
    assert_eq!(fitness[1]["practice"], true);
    let who5 = entries(home.path(), "wellbeing");
    assert_eq!(who5.len(), 1);
    assert_eq!(who5[0]["answers"], serde_json::json!([3, 3, 2, 2, 2]));
    assert_eq!(who5[0]["score"], 48);
    let all = ok(home.path(), &["entries"]);
    assert!(
        all.contains("fitness   chair-stand, 10 stands, the practice try"),
        "{all}"
    );
    assert!(
        all.contains("WHO-5     score 48 of 100, answers 3,3,2,2,2"),
        "{all}"
    );
}

#[test]
fn deleting_the_first_try_makes_the_next_one_practice_and_undo_brings_it_back() {
    let home = tempfile::tempdir().expect("tempdir");
    results(home.path());
    let fitness = entries(home.path(), "fitness");
    let first = id(&fitness[1]);
    let out = ok(home.path(), &["delete", &first[..8]]);
    assert!(out.contains("Deleted the fitness result"), "{out}");
    let left = entries(home.path(), "fitness");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["value"], 12);
    assert_eq!(left[0]["practice"], true);
    assert_eq!(
        sql(
            &db(home.path()),
            &format!("SELECT deleted_at FROM fitness_results WHERE uuid = '{first}'")
        ),
        "2026-11-25T10:00:00Z",
        "a tombstone is kept"
    );
    ok(home.path(), &["undo"]);
    let back = entries(home.path(), "fitness");
    assert_eq!(back.len(), 2);
    assert_eq!(back[0]["practice"], false);
}

#[test]
fn edit_checks_a_value_as_recording_does_and_undo_puts_it_back() {
    let home = tempfile::tempdir().expect("tempdir");
    results(home.path());
    let second = id(&entries(home.path(), "fitness")[0]);
    let (code, _, err) = run(home.path(), &["edit", &second, "--value", "61"]);
    assert_ne!(code, 0);
    assert!(err.contains("at most 60"), "{err}");
    let (code, _, err) = run(home.path(), &["edit", &second, "--pain", "3"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("--pain does not apply to a fitness result"),
        "{err}"
    );
    let (code, _, err) = run(home.path(), &["edit", &second, "--answers", "1,1,1,1,1"]);
    assert_ne!(code, 0);
    assert!(err.contains("--answers does not apply"), "{err}");
    let out = ok(
        home.path(),
        &["edit", &second, "--value", "14", "--at", "2026-11-23 08:00"],
    );
    assert!(out.contains("14 stands"), "{out}");
    assert_eq!(
        sql(
            &db(home.path()),
            &format!("SELECT value, local_date FROM fitness_results WHERE uuid = '{second}'")
        ),
        "14|2026-11-23"
    );
    ok(home.path(), &["undo"]);
    assert_eq!(entries(home.path(), "fitness")[0]["value"], 12);
}

#[test]
fn a_who5_is_edited_by_its_answers_and_its_new_one_undone() {
    let home = tempfile::tempdir().expect("tempdir");
    results(home.path());
    let who5 = id(&entries(home.path(), "wellbeing")[0]);
    let (code, _, err) = run(home.path(), &["edit", &who5, "--answers", "3,3,6,2,2"]);
    assert_ne!(code, 0, "{err}");
    let (code, _, err) = run(home.path(), &["edit", &who5, "--value", "3"]);
    assert_ne!(code, 0);
    assert!(err.contains("--value does not apply to a WHO-5"), "{err}");
    ok(home.path(), &["edit", &who5, "--answers", "4,4,4,4,4"]);
    assert_eq!(entries(home.path(), "wellbeing")[0]["score"], 80);
    ok(home.path(), &["undo"]);
    assert_eq!(entries(home.path(), "wellbeing")[0]["score"], 48);
    // The WHO-5 was the last thing recorded: the next undo takes it back.
    let out = ok(home.path(), &["undo"]);
    assert!(out.contains("Undid the new WHO-5"), "{out}");
    assert_eq!(entries(home.path(), "wellbeing").len(), 0);
    assert_eq!(entries(home.path(), "fitness").len(), 2);
}

fn export(home: &Path, now: &str, name: &str) -> PathBuf {
    let file = home.join(name);
    ok_at(
        home,
        now,
        &["export", "--out", file.to_str().expect("utf-8")],
    );
    file
}

fn import(home: &Path, now: &str, file: &Path) -> String {
    ok_at(home, now, &["import", file.to_str().expect("utf-8")])
}

#[test]
fn an_export_carries_their_tombstones_and_an_older_file_does_not_bring_them_back() {
    let home = tempfile::tempdir().expect("tempdir");
    results(home.path());
    let before = export(home.path(), NOW, "before.json");
    let who5 = id(&entries(home.path(), "wellbeing")[0]);
    let first = id(&entries(home.path(), "fitness")[1]);
    ok_at(home.path(), "2026-11-25T11:00:00Z", &["delete", &who5]);
    ok_at(home.path(), "2026-11-25T11:00:00Z", &["delete", &first]);
    let after = export(home.path(), "2026-11-25T12:00:00Z", "after.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&after).expect("read")).expect("JSON");
    let deleted = doc["deleted"].as_array().expect("deleted");
    let kinds: Vec<&str> = deleted
        .iter()
        .map(|d| d["kind"].as_str().expect("kind"))
        .collect();
    assert!(
        kinds.contains(&"fitness") && kinds.contains(&"wellbeing"),
        "{kinds:?}"
    );
    assert_eq!(doc["fitness"].as_array().expect("fitness").len(), 1);
    assert!(doc["fitness"][0]["updated_at"].is_string());

    // Here: the older file brings neither back.
    import(home.path(), "2026-11-25T12:00:00Z", &before);
    assert_eq!(entries(home.path(), "wellbeing").len(), 0);
    assert_eq!(entries(home.path(), "fitness").len(), 1);

    // Elsewhere: a store with the old file, then the new one, deletes them.
    let other = tempfile::tempdir().expect("tempdir");
    import(other.path(), "2026-11-25T12:00:00Z", &before);
    assert_eq!(entries(other.path(), "wellbeing").len(), 1);
    import(other.path(), "2026-11-25T12:00:00Z", &after);
    assert_eq!(entries(other.path(), "wellbeing").len(), 0);
    let left = entries(other.path(), "fitness");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["practice"], true);
    // And the old file again changes nothing there.
    import(other.path(), "2026-11-25T12:00:00Z", &before);
    assert_eq!(entries(other.path(), "wellbeing").len(), 0);
}

#[test]
fn a_newer_edit_wins_on_import_and_an_older_one_does_not() {
    let home = tempfile::tempdir().expect("tempdir");
    results(home.path());
    let before = export(home.path(), NOW, "before.json");
    let second = id(&entries(home.path(), "fitness")[0]);
    ok_at(
        home.path(),
        "2026-11-25T11:00:00Z",
        &["edit", &second, "--value", "13"],
    );
    let edited = export(home.path(), "2026-11-25T12:00:00Z", "edited.json");
    import(home.path(), "2026-11-25T12:00:00Z", &before);
    assert_eq!(entries(home.path(), "fitness")[0]["value"], 13);
    let other = tempfile::tempdir().expect("tempdir");
    import(other.path(), "2026-11-25T12:00:00Z", &before);
    assert_eq!(entries(other.path(), "fitness")[0]["value"], 12);
    import(other.path(), "2026-11-25T12:00:00Z", &edited);
    assert_eq!(entries(other.path(), "fitness")[0]["value"], 13);
}

#[test]
fn an_undo_is_a_change_so_an_export_from_before_it_does_not_redo_the_undone_edit() {
    let home = tempfile::tempdir().expect("tempdir");
    results(home.path());
    let second = id(&entries(home.path(), "fitness")[0]);
    ok_at(
        home.path(),
        "2026-11-25T11:00:00Z",
        &["edit", &second, "--value", "13"],
    );
    let edited = export(home.path(), "2026-11-25T11:30:00Z", "edited.json");
    ok_at(home.path(), "2026-11-25T12:00:00Z", &["undo"]);
    assert_eq!(entries(home.path(), "fitness")[0]["value"], 12);
    import(home.path(), "2026-11-25T12:30:00Z", &edited);
    assert_eq!(
        entries(home.path(), "fitness")[0]["value"],
        12,
        "the export from before the undo must not bring the undone edit back"
    );
}

#[test]
fn backup_and_doctor_count_live_rows_and_say_how_many_are_tombstones() {
    let home = tempfile::tempdir().expect("tempdir");
    for at in ["2026-11-20 08:00", "2026-11-21 08:00"] {
        ok(
            home.path(),
            &[
                "checkin",
                "--pain",
                "4",
                "--anxiety",
                "3",
                "--mood",
                "5",
                "--at",
                at,
            ],
        );
    }
    results(home.path());
    let checkin = id(&entries(home.path(), "checkin")[0]);
    ok(home.path(), &["delete", &checkin]);
    let who5 = id(&entries(home.path(), "wellbeing")[0]);
    ok(home.path(), &["delete", &who5]);
    let copy = home.path().join("copy.db");
    let out = ok(
        home.path(),
        &["backup", "--out", copy.to_str().expect("utf-8")],
    );
    assert!(
        out.contains("it holds 1 check-ins and 0 sessions, and 2 deleted kept as tombstones"),
        "{out}"
    );
    let out = ok(home.path(), &["doctor"]);
    assert!(
        out.contains(
            "Holds: 1 check-ins, 0 sessions, 0 exercise records, and 2 deleted kept as tombstones"
        ),
        "{out}"
    );
}

#[test]
fn an_undone_checkin_edit_is_not_brought_back_by_an_export_from_before_the_undo() {
    let home = tempfile::tempdir().expect("tempdir");
    ok(
        home.path(),
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--at",
            "2026-11-20 08:00",
        ],
    );
    let checkin = id(&entries(home.path(), "checkin")[0]);
    ok_at(
        home.path(),
        "2026-11-25T11:00:00Z",
        &["edit", &checkin, "--pain", "8"],
    );
    let edited = export(home.path(), "2026-11-25T11:30:00Z", "edited.json");
    ok_at(home.path(), "2026-11-25T12:00:00Z", &["undo"]);
    import(home.path(), "2026-11-25T12:30:00Z", &edited);
    assert_eq!(entries(home.path(), "checkin")[0]["pain"], 4);
}

fn followed(home: &Path) -> String {
    sql(
        &db(home),
        "SELECT group_concat(slug || ':' || (stopped_at IS NULL), ',')
           FROM (SELECT slug, stopped_at FROM programme_enrolments ORDER BY enrolled_at)",
    )
}

#[test]
fn enrolments_travel_with_their_uuid_and_a_stop_made_later_wins() {
    let home = tempfile::tempdir().expect("tempdir");
    ok_at(
        home.path(),
        "2026-11-20T08:00:00Z",
        &["programme", "start", "ride-it-out"],
    );
    let started = export(home.path(), "2026-11-20T09:00:00Z", "started.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&started).expect("read")).expect("JSON");
    let row = &doc["programmes"][0];
    assert_eq!(row["programme"], "ride-it-out");
    assert!(row["uuid"].is_string());
    assert_eq!(row["updated_at"], "2026-11-20T08:00:00Z");

    let other = tempfile::tempdir().expect("tempdir");
    let out = import(other.path(), "2026-11-21T08:00:00Z", &started);
    assert!(out.contains("1 programme enrolment"), "{out}");
    assert_eq!(followed(other.path()), "ride-it-out:1");
    import(other.path(), "2026-11-21T08:00:00Z", &started);
    assert_eq!(
        followed(other.path()),
        "ride-it-out:1",
        "twice adds nothing"
    );

    ok_at(home.path(), "2026-11-22T08:00:00Z", &["programme", "stop"]);
    let stopped = export(home.path(), "2026-11-22T09:00:00Z", "stopped.json");
    import(other.path(), "2026-11-22T10:00:00Z", &stopped);
    assert_eq!(followed(other.path()), "ride-it-out:0");
    // The older file does not start it again.
    import(other.path(), "2026-11-22T10:00:00Z", &started);
    assert_eq!(followed(other.path()), "ride-it-out:0");
}

#[test]
fn an_imported_enrolment_never_makes_two_followed_the_later_one_stays() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    ok_at(
        a.path(),
        "2026-11-20T08:00:00Z",
        &["programme", "start", "ride-it-out"],
    );
    ok_at(
        b.path(),
        "2026-11-21T08:00:00Z",
        &["programme", "start", "calm-then-move"],
    );
    let from_a = export(a.path(), "2026-11-22T08:00:00Z", "a.json");
    let from_b = export(b.path(), "2026-11-22T08:00:00Z", "b.json");
    // Into b: a's earlier enrolment comes in stopped when b's began.
    import(b.path(), "2026-11-22T09:00:00Z", &from_a);
    assert_eq!(followed(b.path()), "ride-it-out:0,calm-then-move:1");
    assert_eq!(
        sql(
            &db(b.path()),
            "SELECT stopped_at FROM programme_enrolments WHERE slug = 'ride-it-out'"
        ),
        "2026-11-21T08:00:00Z"
    );
    // Into a: b's later enrolment stops a's at the moment it began.
    import(a.path(), "2026-11-22T09:00:00Z", &from_b);
    assert_eq!(followed(a.path()), "ride-it-out:0,calm-then-move:1");
    // And the two agree after a round trip.
    let again = export(b.path(), "2026-11-22T10:00:00Z", "b2.json");
    import(a.path(), "2026-11-22T10:30:00Z", &again);
    assert_eq!(followed(a.path()), "ride-it-out:0,calm-then-move:1");
    let status = ok_at(
        a.path(),
        "2026-11-22T11:00:00Z",
        &["programme", "status", "--format", "json"],
    );
    assert!(status.contains("calm-then-move"), "{status}");
}

#[test]
fn an_export_without_programmes_imports_as_before() {
    let home = tempfile::tempdir().expect("tempdir");
    ok_at(
        home.path(),
        "2026-11-20T08:00:00Z",
        &["programme", "start", "ride-it-out"],
    );
    let file = home.path().join("old.json");
    std::fs::write(
        &file,
        r#"{"format": "limber-export", "version": 1, "checkins": []}"#,
    )
    .expect("write");
    import(home.path(), "2026-11-21T08:00:00Z", &file);
    assert_eq!(followed(home.path()), "ride-it-out:1");
}
