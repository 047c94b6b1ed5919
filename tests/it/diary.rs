//! Correcting the diary from the shell: `entries`, `edit`, `delete`,
//! `undo`, and tombstones against an older export.

use crate::common;

use std::path::Path;

use common::{run, sql};
use serde_json::Value;

/// Runs limber and expects success; returns its stdout.
fn ok(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, args);
    assert_eq!(code, 0, "limber {args:?} failed: {err}");
    out
}

/// Runs limber and expects failure with `status`; returns its stderr.
fn fails(home: &Path, args: &[&str], status: i32) -> String {
    let (code, out, err) = run(home, args);
    assert_eq!(code, status, "limber {args:?}: {out}{err}");
    // (clap's own usage errors, status 2, add a hint line.)
    if status == 1 {
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    err
}

/// The entries as JSON.
fn entries(home: &Path, extra: &[&str]) -> Vec<Value> {
    let out = ok(home, &[&["entries", "--format", "json"], extra].concat());
    match serde_json::from_str(&out).expect("JSON") {
        Value::Array(list) => list,
        other => panic!("not an array: {other}"),
    }
}

fn id_of(entry: &Value) -> String {
    entry["id"].as_str().expect("id").to_string()
}

fn db(home: &Path) -> std::path::PathBuf {
    home.join("data/limber.db")
}

/// Two check-ins (pain 6 then 2) and a logged walk with a before check-in.
fn diary(home: &Path) {
    ok(
        home,
        &[
            "checkin",
            "--pain",
            "6",
            "--anxiety",
            "4",
            "--mood",
            "5",
            "--at",
            "2026-11-20 08:00",
            "--note",
            "stiff",
        ],
    );
    ok(
        home,
        &[
            "checkin",
            "--pain",
            "2",
            "--anxiety",
            "2",
            "--mood",
            "7",
            "--fear",
            "3",
            "--at",
            "2026-11-22 08:00",
        ],
    );
    ok(
        home,
        &["log", "walk", "--minutes", "30", "--at", "2026-11-23 17:00"],
    );
}

/// The report's mean pain over the diary's days: a record this new is
/// compared from its own first check-in, and both check-ins (20 and 22
/// November) fall in that first period.
fn pain_mean(home: &Path) -> f64 {
    let out = ok(home, &["report", "--format", "json"]);
    let report: Value = serde_json::from_str(&out).expect("report JSON");
    report["pain"]["baseline"].as_f64().expect("a mean")
}

#[test]
fn entries_lists_newest_first_with_short_ids_and_exact_json_names() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    ok(
        home.path(),
        &["flare", "--at", "2026-11-21", "--note", "sore"],
    );
    let list = entries(home.path(), &[]);
    let kinds: Vec<&str> = list
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["session", "checkin", "flare", "checkin"]);
    assert!(list[2]["pain"].is_null() && list[2]["note"] == "sore");
    let checkin = &list[3];
    for key in [
        "id",
        "kind",
        "at",
        "local_date",
        "pain",
        "anxiety",
        "mood",
        "fear",
        "context",
        "note",
    ] {
        assert!(checkin.get(key).is_some(), "{key} in {checkin}");
    }
    assert_eq!(checkin["at"], "2026-11-20T08:00:00Z");
    assert_eq!(checkin["local_date"], "2026-11-20");
    assert_eq!(checkin["pain"], 6);
    assert_eq!(checkin["note"], "stiff");
    assert_eq!(id_of(checkin).len(), 36);
    let session = &list[0];
    assert_eq!(session["routine"], "walk");
    assert_eq!(session["minutes"], 30);
    assert_eq!(session["status"], "completed");

    let text = ok(home.path(), &["entries"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with(&id_of(session)[..8]), "{text}");
    assert!(
        lines[0].contains("2026-11-23 17:00") && lines[0].contains("walk, 30 min"),
        "{text}"
    );
    assert!(
        lines[3].contains("pain 6, anxiety 4, mood 5") && lines[3].contains("stiff"),
        "{text}"
    );

    let only = entries(
        home.path(),
        &[
            "--kind",
            "checkin",
            "--from",
            "2026-11-21",
            "--to",
            "2026-11-22",
        ],
    );
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["pain"], 2);
    let err = fails(
        home.path(),
        &["entries", "--from", "2026-11-22", "--to", "2026-11-21"],
        2,
    );
    assert!(
        err.contains("--from 2026-11-22 is after --to 2026-11-21"),
        "{err}"
    );
    let err = fails(home.path(), &["entries", "--from", "yesterday"], 1);
    assert!(err.contains("--from \"yesterday\" is not a date"), "{err}");
}

#[test]
fn edit_changes_only_what_is_given_and_undo_puts_it_back() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    assert_eq!(pain_mean(home.path()), 4.0);
    let first = id_of(&entries(home.path(), &["--kind", "checkin"])[1]);
    let out = ok(
        home.path(),
        &["edit", &first[..8], "--pain", "4", "--fear", "1"],
    );
    assert!(
        out.contains("Corrected the check-in") && out.contains("pain 4, anxiety 4, mood 5, fear 1"),
        "{out}"
    );
    assert_eq!(pain_mean(home.path()), 3.0);
    let row = sql(
        &db(home.path()),
        &format!(
            "SELECT pain, anxiety, fear, note, updated_at FROM checkins WHERE uuid = '{first}'"
        ),
    );
    assert_eq!(row, "4|4|1|stiff|2026-11-25T10:00:00Z");
    assert_eq!(
        sql(
            &db(home.path()),
            "SELECT count(*) FROM undo_log WHERE action = 'edit'"
        ),
        "1"
    );

    ok(
        home.path(),
        &[
            "edit",
            &first,
            "--no-fear",
            "--note",
            "",
            "--at",
            "2026-11-19 07:00",
        ],
    );
    let row = sql(
        &db(home.path()),
        &format!(
            "SELECT pain, fear, note, recorded_at, local_date FROM checkins WHERE uuid = '{first}'"
        ),
    );
    assert_eq!(row, "4|NULL|NULL|2026-11-19T07:00:00Z|2026-11-19");

    let out = ok(home.path(), &["undo"]);
    assert!(
        out.contains("Undid the edit") && out.contains("2026-11-20 08:00"),
        "{out}"
    );
    let out = ok(home.path(), &["undo"]);
    assert!(out.contains("pain 6"), "{out}");
    assert_eq!(pain_mean(home.path()), 4.0);
    let row = sql(
        &db(home.path()),
        &format!("SELECT pain, fear, note, updated_at FROM checkins WHERE uuid = '{first}'"),
    );
    // The values as they were; the undo is itself a change, made now, so an
    // export from before it cannot bring the undone edit back as newer.
    assert_eq!(row, "6|NULL|stiff|2026-11-25T10:00:00Z");

    let session = id_of(&entries(home.path(), &["--kind", "session"])[0]);
    ok(
        home.path(),
        &["edit", &session, "--minutes", "45", "--note", "river"],
    );
    let row = sql(
        &db(home.path()),
        &format!(
            "SELECT started_at, ended_at, active_seconds, note FROM sessions WHERE uuid = '{session}'"
        ),
    );
    assert_eq!(row, "2026-11-23T17:00:00Z|2026-11-23T17:45:00Z|2700|river");
}

#[test]
fn edit_refuses_what_recording_refuses_in_one_line() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    let list = entries(home.path(), &[]);
    let (session, checkin) = (id_of(&list[0]), id_of(&list[1]));
    let err = fails(home.path(), &["edit", &checkin, "--pain", "11"], 2);
    assert!(err.contains("11 is not in 0..=10"), "{err}");
    let err = fails(home.path(), &["edit", &checkin], 1);
    assert!(err.contains("nothing to change"), "{err}");
    let err = fails(home.path(), &["edit", &checkin, "--minutes", "5"], 1);
    assert!(
        err.contains("--minutes does not apply to a check-in"),
        "{err}"
    );
    let err = fails(home.path(), &["edit", &session, "--pain", "5"], 1);
    assert!(err.contains("--pain does not apply to a session"), "{err}");
    let err = fails(
        home.path(),
        &[
            "edit",
            &session,
            "--at",
            "2026-11-25 09:30",
            "--minutes",
            "60",
        ],
        1,
    );
    assert!(err.contains("ends after now"), "{err}");
    let err = fails(home.path(), &["edit", &checkin, "--at", "2026-13-40"], 1);
    assert!(err.contains("2026-13-40"), "{err}");
    let err = fails(home.path(), &["edit", "12345678", "--pain", "1"], 1);
    assert_eq!(
        err,
        "limber: no entry has the id 12345678; `limber entries` lists them\n"
    );
    let err = fails(home.path(), &["edit", "not-an-id", "--pain", "1"], 1);
    assert!(err.contains("\"not-an-id\" is not an entry id"), "{err}");
    assert_eq!(
        sql(
            &db(home.path()),
            "SELECT count(*) FROM undo_log WHERE action = 'edit'"
        ),
        "0"
    );
}

#[test]
fn an_ambiguous_prefix_lists_the_entries_it_matches() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    // Give two check-ins UUIDs that share their first nine characters.
    let conn = rusqlite::Connection::open(db(home.path())).expect("open");
    conn.execute_batch(
        "UPDATE checkins SET uuid = 'abcdef01' || substr(uuid, 9) WHERE pain = 6;
         UPDATE checkins SET uuid = 'abcdef012' || substr(uuid, 10) WHERE pain = 2;
         UPDATE checkins SET uuid = 'abcdef013' || substr(uuid, 10) WHERE pain = 6;",
    )
    .expect("uuids");
    drop(conn);
    let err = fails(home.path(), &["delete", "abcdef0"], 1);
    assert!(err.starts_with("limber: abcdef0 matches 2 entries: abcdef012 (check-in, 2026-11-22 08:00), abcdef013 (check-in, 2026-11-20 08:00); give more of the id"), "{err}");
    let text = ok(home.path(), &["entries", "--kind", "checkin"]);
    assert!(
        text.lines()
            .all(|l| l.starts_with("abcdef012 ") || l.starts_with("abcdef013 ")),
        "{text}"
    );
    ok(home.path(), &["delete", "abcdef012"]);
    assert_eq!(entries(home.path(), &["--kind", "checkin"]).len(), 1);
}

#[test]
fn delete_leaves_a_tombstone_and_says_what_went() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    let checkin = id_of(&entries(home.path(), &["--kind", "checkin"])[0]);
    let out = ok(home.path(), &["delete", &checkin[..8]]);
    assert!(
        out.starts_with(&format!(
            "Deleted the check-in {} of 2026-11-22 08:00 (pain 2, anxiety 2, mood 7, fear 3)",
            &checkin[..8]
        )),
        "{out}"
    );
    assert_eq!(pain_mean(home.path()), 6.0);
    let row = sql(
        &db(home.path()),
        &format!("SELECT deleted_at, note, fear FROM checkins WHERE uuid = '{checkin}'"),
    );
    assert_eq!(row, "2026-11-25T10:00:00Z|NULL|NULL");
    assert_eq!(entries(home.path(), &[]).len(), 2);
    let history = ok(home.path(), &["history", "--format", "json"]);
    assert!(
        !history.contains("\"2026-11-22\",\n      \"checkins\": 1"),
        "{history}"
    );
    let export: Value = serde_json::from_str(&ok(home.path(), &["export"])).expect("JSON");
    assert!(
        !export["checkins"].to_string().contains(&checkin),
        "a tombstone is not exported as a live check-in"
    );
    assert_eq!(
        export["deleted"][0]["uuid"].as_str(),
        Some(checkin.as_str())
    );
    let err = fails(home.path(), &["delete", &checkin], 1);
    assert!(err.contains("no entry has the id"), "{err}");

    let out = ok(home.path(), &["undo"]);
    assert!(
        out.contains("Undid the delete") && out.contains("pain 2"),
        "{out}"
    );
    assert_eq!(pain_mean(home.path()), 4.0);
    let row = sql(
        &db(home.path()),
        &format!("SELECT deleted_at, fear FROM checkins WHERE uuid = '{checkin}'"),
    );
    assert_eq!(row, "NULL|3");
}

#[test]
fn deleting_a_session_keeps_its_checkins_unless_asked() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    let session = id_of(&entries(home.path(), &["--kind", "session"])[0]);
    // The walk's before check-in, as the app would have written it.
    let conn = rusqlite::Connection::open(db(home.path())).expect("open");
    conn.execute_batch(
        "UPDATE checkins SET context = 'before', session_id = (SELECT id FROM sessions) WHERE pain = 2",
    )
    .expect("pair");
    drop(conn);
    let checkin = id_of(&entries(home.path(), &["--kind", "checkin"])[0]);
    let err = fails(home.path(), &["delete", &checkin, "--with-checkins"], 1);
    assert!(err.contains("--with-checkins is for a session"), "{err}");

    let out = ok(home.path(), &["delete", &session]);
    assert!(
        out.contains("Deleted the session")
            && out.contains(&format!("its 1 check-in ({}) was kept", &checkin[..8])),
        "{out}"
    );
    assert_eq!(entries(home.path(), &[]).len(), 2);
    ok(home.path(), &["undo"]);
    assert_eq!(entries(home.path(), &[]).len(), 3);

    let out = ok(home.path(), &["delete", &session, "--with-checkins"]);
    assert!(out.contains("and its 1 check-in"), "{out}");
    assert_eq!(entries(home.path(), &[]).len(), 1);
    let out = ok(home.path(), &["undo"]);
    assert!(
        out.contains("Undid the delete") && out.contains("and its 1 check-in came back"),
        "{out}"
    );
    assert_eq!(entries(home.path(), &[]).len(), 3);
}

#[test]
fn undo_goes_back_one_change_at_a_time_then_says_there_is_nothing() {
    let home = tempfile::tempdir().expect("home");
    let err = fails(home.path(), &["undo"], 1);
    assert_eq!(
        err,
        "limber: nothing to undo: no edit, delete or new entry is left to take back\n"
    );
    fails(home.path(), &["delete", "abcdef01"], 1);
    fails(home.path(), &["edit", "abcdef01", "--pain", "1"], 1);
    assert!(!db(home.path()).exists(), "a refusal creates no store");
    for pain in 0..22 {
        ok(
            home.path(),
            &[
                "checkin",
                "--pain",
                &(pain % 11).to_string(),
                "--anxiety",
                "1",
                "--mood",
                "5",
            ],
        );
    }
    for _ in 0..22 {
        let out = ok(home.path(), &["undo"]);
        assert!(out.starts_with("Undid the new check-in"), "{out}");
    }
    assert!(entries(home.path(), &[]).is_empty());
    fails(home.path(), &["undo"], 1);

    ok(home.path(), &["log", "swim", "--minutes", "20"]);
    ok(home.path(), &["flare"]);
    let out = ok(home.path(), &["undo"]);
    assert!(out.starts_with("Undid the new flare-up"), "{out}");
    let out = ok(home.path(), &["undo"]);
    assert!(out.starts_with("Undid the new session"), "{out}");
    assert!(entries(home.path(), &[]).is_empty());
    // A day whose mark was undone can be marked again.
    ok(home.path(), &["flare"]);
    assert_eq!(entries(home.path(), &["--kind", "flare"]).len(), 1);
}

#[test]
fn an_older_export_does_not_bring_a_deleted_checkin_back() {
    let home = tempfile::tempdir().expect("home");
    diary(home.path());
    let export = home.path().join("before.json");
    ok(
        home.path(),
        &["export", "--out", export.to_str().expect("path")],
    );
    let checkin = id_of(&entries(home.path(), &["--kind", "checkin"])[0]);
    ok(home.path(), &["delete", &checkin]);
    ok(home.path(), &["import", export.to_str().expect("path")]);
    let row = sql(
        &db(home.path()),
        &format!("SELECT deleted_at FROM checkins WHERE uuid = '{checkin}'"),
    );
    assert_eq!(row, "2026-11-25T10:00:00Z");
    assert_eq!(entries(home.path(), &["--kind", "checkin"]).len(), 1);
    assert_eq!(pain_mean(home.path()), 6.0);
}

/// A guided session of 2026-11-20 (id 11111111-…) with Bird-dog rated 4,
/// Cat-cow rated 2 and Plank skipped, brought in from an export.
fn rated_session(home: &Path) -> String {
    let exercise = |n: u32, name: &str, status: &str, comfort: Option<u8>| {
        serde_json::json!({
            "uuid": format!("11111111-2222-4333-8444-55555555556{n}"), "position": n,
            "name": name, "kind": "strength", "planned_seconds": 60, "actual_seconds": 60,
            "planned_reps": null, "sets_planned": 1, "sets_done": 1, "status": status,
            "comfort": comfort, "finished_at": "2026-11-20T08:05:00Z"
        })
    };
    let doc = serde_json::json!({
        "format": "limber-export", "version": 1,
        "sessions": [{
            "uuid": "11111111-2222-4333-8444-555555555555", "routine": null, "activity": "Core",
            "kind": "guided", "status": "completed",
            "started_at": "2026-11-20T08:00:00Z", "ended_at": "2026-11-20T08:10:00Z",
            "local_date": "2026-11-20", "planned_seconds": 600, "active_seconds": 500,
            "note": null,
            "exercises": [exercise(0, "Bird-dog", "done", Some(4)),
                          exercise(1, "Cat-cow", "done", Some(2)),
                          exercise(2, "Plank", "skipped", None)]
        }]
    });
    let file = home.join("rated.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    ok(home, &["import", file.to_str().expect("path")]);
    "11111111-2222-4333-8444-555555555555".to_string()
}

fn comforts(home: &Path) -> String {
    sql(
        &db(home),
        "SELECT group_concat(coalesce(comfort, '-'), ',') FROM
           (SELECT comfort FROM session_exercises ORDER BY position)",
    )
}

/// Today's favourites, best first, as the store's ratings give them.
fn favourites(home: &Path) -> Vec<(String, f64)> {
    let store = limber::store::Store::open_in(&home.join("data")).expect("store");
    let rated =
        limber::reading::rated(&store, time::macros::date!(2026 - 11 - 25)).expect("ratings");
    limber::insights::for_today(&rated, 3)
        .into_iter()
        .map(|s| (s.name.clone(), s.comfort.unwrap_or(0.0)))
        .collect()
}

#[test]
fn edit_changes_a_rating_and_undo_puts_it_back() {
    let home = tempfile::tempdir().expect("home");
    let session = rated_session(home.path());
    assert_eq!(favourites(home.path()), [("Bird-dog".to_string(), 4.0)]);
    let out = ok(
        home.path(),
        &[
            "edit",
            &session[..8],
            "--rating",
            "cat-COW=5",
            "--rating",
            "1=none",
        ],
    );
    assert!(
        out.contains("Ratings: Cat-cow 5 of 5, Bird-dog not rated."),
        "{out}"
    );
    assert_eq!(comforts(home.path()), "-,5,-");
    assert_eq!(
        sql(&db(home.path()), "SELECT updated_at FROM sessions",),
        "2026-11-25T10:00:00Z",
        "a rating change is a change of the session, so an export carries it"
    );
    assert_eq!(favourites(home.path()), [("Cat-cow".to_string(), 5.0)]);
    let out = ok(home.path(), &["undo"]);
    assert!(out.starts_with("Undid the edit"), "{out}");
    assert_eq!(comforts(home.path()), "4,2,-");
    assert_eq!(favourites(home.path()), [("Bird-dog".to_string(), 4.0)]);
    // An edit of the session's note alone leaves ratings to themselves on undo.
    ok(
        home.path(),
        &["edit", &session[..8], "--rating", "Bird-dog=1"],
    );
    ok(
        home.path(),
        &["edit", &session[..8], "--note", "felt loose"],
    );
    ok(home.path(), &["undo"]);
    assert_eq!(comforts(home.path()), "1,2,-");
}

#[test]
fn a_rating_is_checked_as_when_recording() {
    let home = tempfile::tempdir().expect("home");
    let session = rated_session(home.path());
    let id = &session[..8];
    for (rating, expect) in [
        (
            "Squat=3",
            "this session has no exercise \"Squat\"; its exercises are 1 Bird-dog, 2 Cat-cow, 3 Plank",
        ),
        ("4=3", "this session has no exercise \"4\""),
        (
            "Bird-dog=6",
            "--rating Bird-dog=6 is out of range; a rating runs from 1 to 5",
        ),
        ("Bird-dog=0", "--rating Bird-dog=0 is out of range"),
        ("Bird-dog=great", "is out of range"),
        (
            "Plank=3",
            "Plank was skipped in this session; only an exercise done can be rated",
        ),
        ("Bird-dog", "--rating \"Bird-dog\" is not EXERCISE=N"),
    ] {
        let err = fails(home.path(), &["edit", id, "--rating", rating], 1);
        assert!(
            err.contains(expect),
            "{rating}: wanted {expect:?}, got {err}"
        );
    }
    let err = fails(
        home.path(),
        &["edit", id, "--rating", "1=3", "--rating", "bird-dog=2"],
        1,
    );
    assert!(err.contains("names Bird-dog twice"), "{err}");
    assert_eq!(comforts(home.path()), "4,2,-", "nothing was changed");
    // A check-in has no ratings, and a logged session no exercises.
    diary(home.path());
    let checkin = id_of(&entries(home.path(), &["--kind", "checkin"])[0]);
    let err = fails(home.path(), &["edit", &checkin, "--rating", "1=3"], 1);
    assert!(
        err.contains("--rating does not apply to a check-in"),
        "{err}"
    );
    let walk = entries(home.path(), &["--kind", "session"])
        .into_iter()
        .find(|e| e["routine"] == "walk")
        .expect("the walk");
    let err = fails(home.path(), &["edit", &id_of(&walk), "--rating", "1=3"], 1);
    assert!(err.contains("this session has none"), "{err}");
}
