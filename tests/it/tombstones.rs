//! Exports carry each entry's `updated_at` and the tombstones of deleted
//! ones; an import adds what is new, takes a newer copy over an older one,
//! deletes what the file deleted later than it changed here, and never
//! brings a deleted entry back from an older file.

use crate::common;

use std::path::{Path, PathBuf};

use common::{limber, sql};
use serde_json::{Value, json};

/// Runs limber with the clock at `now` and expects success; returns stdout.
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

const NOW: &str = "2026-11-25T10:00:00Z";

fn ok(home: &Path, args: &[&str]) -> String {
    ok_at(home, NOW, args)
}

fn db(home: &Path) -> PathBuf {
    home.join("data/limber.db")
}

fn export(home: &Path, name: &str) -> PathBuf {
    let file = home.join(name);
    ok(home, &["export", "--out", file.to_str().expect("utf-8")]);
    file
}

fn import(home: &Path, file: &Path) -> String {
    ok(home, &["import", file.to_str().expect("utf-8")])
}

fn read(file: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(file).expect("read")).expect("JSON")
}

/// Live check-ins' ids, oldest first.
fn checkins(home: &Path) -> Vec<String> {
    let out = ok(home, &["entries", "--kind", "checkin", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    let mut ids: Vec<String> = list
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect();
    ids.reverse();
    ids
}

fn pain_of(home: &Path, uuid: &str) -> String {
    sql(
        &db(home),
        &format!("SELECT pain, deleted_at IS NOT NULL FROM checkins WHERE uuid = '{uuid}'"),
    )
}

/// Two check-ins (pain 6, then 2) and a logged walk.
fn diary(home: &Path) {
    for (pain, at) in [("6", "2026-11-20 08:00"), ("2", "2026-11-22 08:00")] {
        ok(
            home,
            &[
                "checkin",
                "--pain",
                pain,
                "--anxiety",
                "3",
                "--mood",
                "5",
                "--at",
                at,
                "--note",
                "stiff",
            ],
        );
    }
    ok(
        home,
        &["log", "walk", "--minutes", "30", "--at", "2026-11-23 17:00"],
    );
}

#[test]
fn an_export_carries_updated_at_and_tombstones_without_their_values() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    let first = checkins(home.path())[0].clone();
    ok(home.path(), &["delete", &first]);
    let doc = read(&export(home.path(), "out.json"));
    let live = doc["checkins"].as_array().expect("checkins");
    assert_eq!(
        live.len(),
        1,
        "the deleted one is not among the live: {doc}"
    );
    assert_eq!(live[0]["updated_at"], "2026-11-22T08:00:00Z");
    assert_eq!(doc["sessions"][0]["updated_at"], "2026-11-23T17:00:00Z");
    // The device that deleted it, for `limber sync`'s tie-break.
    let device = doc["deleted"][0]["device"].as_str().expect("a device");
    assert_eq!(device.len(), 16, "{doc}");
    // And its version, which orders it against the row's other changes.
    let version = doc["deleted"][0]["version"].as_i64().expect("a version");
    assert!(version > 0, "{doc}");
    assert_eq!(
        doc["deleted"],
        json!([{"kind": "checkin", "uuid": first, "local_date": "2026-11-20",
                "deleted_at": NOW, "device": device, "version": version}]),
        "a tombstone says what and when, nothing of the values"
    );
    assert!(!doc.to_string().contains("\"pain\":6"), "{doc}");
}

#[test]
fn a_deleted_checkin_stays_deleted_when_an_older_export_is_imported() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    let older = export(home.path(), "older.json");
    let first = checkins(home.path())[0].clone();
    ok(home.path(), &["delete", &first]);
    let out = import(home.path(), &older);
    assert!(out.contains("3 already here"), "{out}");
    assert_eq!(pain_of(home.path(), &first), "6|1");
    assert_eq!(checkins(home.path()).len(), 1);
    // And undo of the delete still works: the import touched nothing.
    let out = ok(home.path(), &["undo"]);
    assert!(out.starts_with("Undid the delete"), "{out}");
    assert_eq!(pain_of(home.path(), &first), "6|0");
}

#[test]
fn an_edit_made_after_an_export_survives_importing_it_again() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    let older = export(home.path(), "older.json");
    let last = checkins(home.path())[1].clone();
    ok(home.path(), &["edit", &last, "--pain", "9"]);
    import(home.path(), &older);
    assert_eq!(pain_of(home.path(), &last), "9|0");
}

#[test]
fn a_newer_copy_in_the_file_carries_a_correction_to_another_store() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    diary(a.path());
    import(b.path(), &export(a.path(), "base.json"));
    let last = checkins(a.path())[1].clone();
    ok(
        a.path(),
        &["edit", &last, "--pain", "9", "--note", "better"],
    );
    let out = import(b.path(), &export(a.path(), "edited.json"));
    assert!(out.contains("1 updated"), "{out}");
    assert_eq!(pain_of(b.path(), &last), "9|0");
    assert_eq!(
        sql(
            &db(b.path()),
            &format!("SELECT note, updated_at FROM checkins WHERE uuid = '{last}'"),
        ),
        format!("better|{NOW}")
    );
    // The same file again changes nothing more.
    let out = import(b.path(), &a.path().join("edited.json"));
    assert!(!out.contains("updated"), "{out}");
}

#[test]
fn a_tombstone_in_the_file_deletes_an_older_row_but_not_a_newer_one() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    diary(a.path());
    import(b.path(), &export(a.path(), "base.json"));
    let [first, last] = <[String; 2]>::try_from(checkins(a.path())).expect("two");
    // A deletes both at 10:00; B corrected the second at 11:00, after.
    ok(a.path(), &["delete", &first]);
    ok(a.path(), &["delete", &last]);
    ok_at(
        b.path(),
        "2026-11-25T11:00:00Z",
        &["edit", &last, "--pain", "4"],
    );
    let out = import(b.path(), &export(a.path(), "deleted.json"));
    assert!(out.contains("1 deleted"), "{out}");
    assert_eq!(pain_of(b.path(), &first), "6|1");
    assert_eq!(pain_of(b.path(), &last), "4|0", "the later edit stays");
}

#[test]
fn a_round_trip_into_an_empty_store_keeps_the_tombstones() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    diary(a.path());
    let older = export(a.path(), "older.json");
    let first = checkins(a.path())[0].clone();
    let walk = ok(
        a.path(),
        &["entries", "--kind", "session", "--format", "json"],
    );
    let walk: Vec<Value> = serde_json::from_str(&walk).expect("JSON");
    let walk = walk[0]["id"].as_str().expect("id").to_string();
    ok(a.path(), &["delete", &first]);
    ok(a.path(), &["delete", &walk]);
    import(b.path(), &export(a.path(), "now.json"));
    assert_eq!(checkins(b.path()).len(), 1);
    assert_eq!(
        sql(
            &db(b.path()),
            "SELECT count(*) FROM checkins WHERE deleted_at IS NOT NULL",
        ),
        "1"
    );
    // The older file, which still holds both, brings neither back.
    import(b.path(), &older);
    assert_eq!(checkins(b.path()).len(), 1);
    let out = ok(b.path(), &["entries", "--kind", "session"]);
    assert!(out.starts_with("No entries"), "{out}");
    // And B's own export carries the tombstones on.
    let doc = read(&export(b.path(), "again.json"));
    assert_eq!(doc["deleted"].as_array().expect("deleted").len(), 2);
    // Nothing of B's history counts the tombstones.
    let report = ok(b.path(), &["report", "--format", "json"]);
    let report: Value = serde_json::from_str(&report).expect("JSON");
    assert_eq!(report["pain"]["baseline"].as_f64(), Some(2.0), "{report}");
}

#[test]
fn an_export_from_before_updated_at_and_tombstones_imports_as_before() {
    let home = tempfile::tempdir().expect("home");
    let doc = json!({
        "format": "limber-export", "version": 1,
        "checkins": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10",
            "recorded_at": "2026-11-20T07:59:00Z", "local_date": "2026-11-20",
            "context": "daily", "session": null,
            "pain": 5, "anxiety": 3, "mood": 6, "fear": null, "note": "stiff"}],
        "flares": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f11", "date": "2026-11-21",
            "note": null, "marked_at": "2026-11-21T09:00:00Z"}]
    });
    let file = home.path().join("old.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let out = import(home.path(), &file);
    assert!(out.contains("1 check-ins; 0 already here"), "{out}");
    assert_eq!(
        sql(
            &db(home.path()),
            "SELECT pain, updated_at, deleted_at IS NULL FROM checkins",
        ),
        "5|2026-11-20T07:59:00Z|1"
    );
    // Corrected here, the old file (no updated_at) never takes it back.
    ok(
        home.path(),
        &[
            "edit",
            "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10",
            "--pain",
            "2",
        ],
    );
    let out = import(home.path(), &file);
    assert!(out.contains("2 already here"), "{out}");
    assert_eq!(
        sql(&db(home.path()), "SELECT pain FROM checkins"),
        "2",
        "an old file is never newer"
    );
}

#[test]
fn a_bad_tombstone_is_refused_with_its_place() {
    let home = tempfile::tempdir().expect("home");
    let doc = json!({"format": "limber-export", "version": 1,
        "deleted": [{"kind": "note", "uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10",
            "local_date": "2026-11-20", "deleted_at": "2026-11-20T09:00:00Z"}]});
    let file = home.path().join("bad.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let out = limber(home.path())
        .args(["import", file.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "deleted[0].kind \"note\" is not checkin, session, flare, fitness, wellbeing, rand36, fear-step or fear-try"
        ),
        "{err}"
    );
}

#[test]
fn a_corrected_rating_travels_with_its_session() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let doc = json!({
        "format": "limber-export", "version": 1,
        "sessions": [{
            "uuid": "11111111-2222-4333-8444-555555555555", "routine": null, "activity": "Core",
            "kind": "guided", "status": "completed",
            "started_at": "2026-11-20T08:00:00Z", "ended_at": "2026-11-20T08:10:00Z",
            "local_date": "2026-11-20", "planned_seconds": 600, "active_seconds": 500,
            "note": null,
            "exercises": [{
                "uuid": "11111111-2222-4333-8444-555555555560", "position": 0,
                "name": "Bird-dog", "kind": "strength", "planned_seconds": 60,
                "actual_seconds": 60, "planned_reps": null, "sets_planned": 1, "sets_done": 1,
                "status": "done", "comfort": 2, "finished_at": "2026-11-20T08:05:00Z"
            }]
        }]
    });
    let file = a.path().join("first.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    import(a.path(), &file);
    import(b.path(), &file);
    ok(a.path(), &["edit", "11111111", "--rating", "Bird-dog=5"]);
    let out = import(b.path(), &export(a.path(), "rated.json"));
    assert!(out.contains("1 updated"), "{out}");
    assert_eq!(
        sql(&db(b.path()), "SELECT comfort FROM session_exercises"),
        "5"
    );
}

/// `flare --clear` (and `r` on Today) used to delete the mark outright, so
/// importing an export made before brought the flare-up back.
#[test]
fn a_flare_taken_back_stays_taken_back_when_an_older_export_is_imported() {
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    ok(
        home,
        &["flare", "--at", "2026-11-21", "--note", "bad night"],
    );
    let before = export(home, "before.json");
    assert_eq!(read(&before)["flares"].as_array().map(Vec::len), Some(1));

    ok_at(
        home,
        "2026-11-25T11:00:00Z",
        &["flare", "--clear", "--at", "2026-11-21"],
    );
    let flares = |home: &Path| ok(home, &["entries", "--kind", "flare", "--format", "json"]);
    assert_eq!(flares(home).trim(), "[]");

    import(home, &before);
    assert_eq!(
        flares(home).trim(),
        "[]",
        "the older export brought the mark back"
    );
    let after = export(home, "after.json");
    let deleted = read(&after)["deleted"].clone();
    assert_eq!(deleted[0]["kind"], json!("flare"), "{deleted}");

    // Taking it back is a change like any other: undo marks the day again.
    ok(home, &["undo"]);
    let list: Vec<Value> = serde_json::from_str(&flares(home)).expect("JSON");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["note"], json!("bad night"));
}

fn refused(home: &Path, doc: &Value) -> String {
    let file = home.join("hostile.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let out = limber(home)
        .env("LIMBER_NOW", NOW)
        .args(["import", file.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn checkin_row(uuid: &str, local_date: &str) -> Value {
    json!({"uuid": uuid, "recorded_at": "2026-11-20T08:00:00Z", "local_date": local_date,
        "context": "daily", "session": null, "pain": 4, "anxiety": 3, "mood": 6,
        "fear": null, "note": null})
}

/// An upper-case copy of a check-in's UUID was taken as another entry: it
/// doubled the check-in in every average, and no short id could reach it.
#[test]
fn a_uuid_in_another_spelling_is_refused_rather_than_doubling_an_entry() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let doc = json!({"format": "limber-export", "version": 1, "checkins": [
        checkin_row("6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "2026-11-20"),
        checkin_row("6F1C3A52-8D0E-4A43-9A57-0E6C6E3B5F11", "2026-11-20")]});
    let err = refused(home, &doc);
    assert!(
        err.contains("checkins[1].uuid") && err.contains("lower case"),
        "{err}"
    );
    assert_eq!(checkins(home).len(), 0, "nothing written");
}

/// A check-in dated 1999 that happened in 2026 was counted in 1999.
#[test]
fn a_local_date_that_is_not_the_day_it_happened_is_refused() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let doc = json!({"format": "limber-export", "version": 1, "checkins": [
        checkin_row("6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "1999-01-01")]});
    let err = refused(home, &doc);
    assert!(
        err.contains("checkins[0].local_date 1999-01-01 is not the day of its recorded_at"),
        "{err}"
    );
    // A day either side of the UTC date is a real time zone's day.
    let doc = json!({"format": "limber-export", "version": 1, "checkins": [
        checkin_row("6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "2026-11-21")]});
    let file = home.join("fine.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    import(home, &file);
    assert_eq!(checkins(home).len(), 1);
}
