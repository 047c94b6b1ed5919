//! Programmes from the shell: list, show, start, status and stop with the
//! real binary, a user file's problems with their positions, and levels
//! that follow what was recorded — a deleted check-in included.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use limber::model::{ExerciseRecord, ExerciseStatus, Kind, NewSession, SessionKind, SessionStatus};
use limber::store::Store;
use serde_json::Value;
use time::macros::date;

/// Monday 30 November 2026, 10:00 UTC.
const NOW: &str = "2026-11-30T10:00:00Z";

fn limber(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("limber").expect("binary");
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", NOW)
        .env("TZ", "UTC")
        .env_remove("LIMBER_LOG");
    cmd
}

fn ok(home: &Path, args: &[&str]) -> String {
    let out = limber(home).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

fn fails(home: &Path, args: &[&str]) -> String {
    let out = limber(home).args(args).assert().failure();
    String::from_utf8(out.get_output().stderr.clone()).expect("utf-8")
}

fn status(home: &Path) -> Value {
    serde_json::from_str(&ok(home, &["programme", "status", "--format", "json"])).expect("json")
}

/// The exercise of that name in a status.
fn exercise<'a>(status: &'a Value, name: &str) -> &'a Value {
    status["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {status}"))
}

fn write_programme(home: &Path, slug: &str, text: &str) -> PathBuf {
    let dir = home.join("config/programmes");
    std::fs::create_dir_all(&dir).expect("programmes dir");
    let path = dir.join(format!("{slug}.toml"));
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn the_three_builtins_are_listed_and_shown_under_either_spelling() {
    let home = tempfile::tempdir().expect("temp dir");
    let list = ok(home.path(), &["programme", "list"]);
    for slug in ["back-to-strength", "ride-it-out", "calm-then-move"] {
        assert!(list.contains(slug), "{list}");
    }
    assert_eq!(ok(home.path(), &["program", "list"]), list);
    let show = ok(home.path(), &["programme", "show", "ride-it-out"]);
    assert!(show.contains("Steady pace: 15m up to 25m"), "{show}");
    assert!(show.contains("Steady pace: 15m up to 45m"), "{show}");
    assert!(show.contains("is common and is not harm"), "{show}");
    assert!(show.contains("Call 999 or go to A&E now"), "{show}");
    assert!(
        show.contains("one level on a planned schedule") || show.contains("on a planned schedule"),
        "{show}"
    );
    let err = fails(home.path(), &["programme", "show", "couch-to-marathon"]);
    assert!(
        err.contains("no programme \"couch-to-marathon\"; known programmes: back-to-strength, ride-it-out, calm-then-move"),
        "{err}"
    );
    // Reading wrote nothing.
    assert!(!home.path().join("data").exists());
}

#[test]
fn start_and_status_in_json_have_every_field() {
    let home = tempfile::tempdir().expect("temp dir");
    let started = ok(
        home.path(),
        &[
            "programme",
            "start",
            "back-to-strength",
            "--days",
            "mon,wed,fri",
        ],
    );
    assert!(
        started.contains(
            "Started Back to strength: 12 weeks from 2026-11-30, 3 a week on Mon, Wed, Fri."
        ),
        "{started}"
    );
    assert!(
        started.contains("Week 1 of 12 · 0 of 3 this week · next today: Gentle mobility"),
        "{started}"
    );
    let s = status(home.path());
    assert_eq!(s["programme"], "back-to-strength");
    assert_eq!(s["week"], 1);
    assert_eq!(s["weeks"], 12);
    assert_eq!(s["sessions_this_week"], 0);
    assert_eq!(s["sessions_per_week"], 3);
    assert_eq!(s["next"], "gentle-mobility");
    let bridge = exercise(&s, "Bridge");
    let mut keys: Vec<&str> = bridge
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["decision", "dose", "level", "levels", "name", "reason"]
    );
    assert_eq!(bridge["level"], 1);
    assert_eq!(
        bridge["levels"], 3,
        "this phase's levels, as History counts them"
    );
    assert_eq!(bridge["dose"], "2 sets × 10 reps");
    assert_eq!(bridge["decision"], "start");
    // One at a time; stopping keeps the row.
    let err = fails(home.path(), &["programme", "start", "ride-it-out"]);
    assert!(
        err.contains("you are following \"back-to-strength\" already"),
        "{err}"
    );
    assert!(ok(home.path(), &["programme", "stop"]).starts_with("Stopped Back to strength."));
    assert_eq!(
        common::sql(
            &home.path().join("data/limber.db"),
            "SELECT slug, days, started_on, stopped_at IS NOT NULL FROM programme_enrolments"
        ),
        "back-to-strength|mon,wed,fri|2026-11-30|1"
    );
    assert_eq!(status(home.path()), Value::Null);
    assert!(ok(home.path(), &["programme", "status"]).starts_with("No programme followed."));
    assert!(ok(home.path(), &["programme", "stop"]).starts_with("No programme was followed"));
}

#[test]
fn bad_input_to_start_is_refused_before_anything_is_written() {
    let home = tempfile::tempdir().expect("temp dir");
    let err = fails(
        home.path(),
        &["programme", "start", "ride-it-out", "--days", "mon,funday"],
    );
    assert!(
        err.contains("--days: \"funday\" is not a day of the week"),
        "{err}"
    );
    let err = fails(
        home.path(),
        &["program", "start", "ride-it-out", "--from", "soon"],
    );
    assert!(err.contains("--from"), "{err}");
    assert!(!home.path().join("data").exists());
}

#[test]
fn a_user_programme_with_problems_shows_them_with_their_positions() {
    let home = tempfile::tempdir().expect("temp dir");
    write_programme(
        home.path(),
        "mine",
        "name = \"Mine\"\nweeks = 6\nsessions_per_week = 2\n\n[[phase]]\nweeks = \"1-4\"\nroutines = [\"core-basics\", \"pilates\"]\n\n[[phase]]\nweeks = \"3-6\"\nroutines = [\"desk-break\"]\n",
    );
    let list = ok(home.path(), &["programme", "list"]);
    assert!(list.contains("mine"), "{list}");
    assert!(
        list.contains("mine.toml:7:28: no routine \"pilates\""),
        "{list}"
    );
    let err = fails(home.path(), &["programme", "start", "mine"]);
    assert!(err.contains("programme \"mine\" cannot be used"), "{err}");
    assert!(
        err.contains("mine.toml:7:28: no routine \"pilates\""),
        "{err}"
    );
}

/// A Core basics session on `day`, done in full (the bridge included),
/// written as the app writes it.
fn core_session(home: &Path, day: time::Date) {
    let mut store = Store::open_in(&home.join("data")).expect("store");
    let routine = limber::routine::builtins()
        .into_iter()
        .find(|r| r.slug == "core-basics")
        .expect("core basics");
    let started_at = day.with_hms(18, 0, 0).expect("time").assume_utc();
    let routine_id = store
        .remember_routine(&routine, started_at)
        .expect("routine");
    let session = store
        .add_session(&NewSession {
            routine_id: Some(routine_id),
            activity: routine.name.clone(),
            kind: SessionKind::Guided,
            status: SessionStatus::Completed,
            started_at,
            ended_at: Some(started_at + time::Duration::minutes(14)),
            local_date: day,
            planned_seconds: 840,
            active_seconds: 840,
            note: None,
            gentle: false,
        })
        .expect("session");
    for (position, e) in routine.exercises.iter().enumerate() {
        store
            .record_exercise(
                session.id,
                &ExerciseRecord {
                    position: position as u32,
                    name: e.name.clone(),
                    kind: e.kind,
                    planned_seconds: None,
                    actual_seconds: 60,
                    planned_reps: None,
                    sets_planned: e.sets,
                    sets_done: e.sets,
                    status: ExerciseStatus::Done,
                    comfort: None,
                    expected_pain: None,
                    actual_pain: None,
                    finished_at: started_at + time::Duration::minutes(5),
                },
            )
            .expect("exercise");
    }
    assert_eq!(routine.exercises[1].kind, Kind::Strength);
}

#[test]
fn a_hold_goes_when_the_checkin_that_caused_it_is_deleted() {
    let home = tempfile::tempdir().expect("temp dir");
    ok(
        home.path(),
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-11-23",
        ],
    );
    core_session(home.path(), date!(2026 - 11 - 25));
    let s = status(home.path());
    assert_eq!(s["week"], 2);
    assert_eq!(s["sessions_this_week"], 0);
    let bridge = exercise(&s, "Bridge");
    assert_eq!(bridge["decision"], "step_up");
    assert_eq!(bridge["level"], 2);
    assert_eq!(bridge["dose"], "2 sets × 11 reps");
    assert_eq!(
        bridge["reason"],
        "level 1 → 2 next time (done in full, as planned; no check-ins around it yet to judge it by)"
    );
    // Pain 3 before it and 7 after, a rise of 4, holds the bridge at 1.
    ok(
        home.path(),
        &[
            "checkin",
            "--pain",
            "3",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--context",
            "before",
            "--at",
            "2026-11-25 17:55",
        ],
    );
    ok(
        home.path(),
        &[
            "checkin",
            "--pain",
            "7",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--context",
            "after",
            "--at",
            "2026-11-25 18:30",
        ],
    );
    let bridge = exercise(&status(home.path()), "Bridge").clone();
    assert_eq!(bridge["decision"], "hold");
    assert_eq!(bridge["level"], 1);
    assert_eq!(
        bridge["reason"],
        "held at 1: pain was 7 after the session, 4 above the 3 before it"
    );
    let text = ok(home.path(), &["programme", "status"]);
    assert!(
        text.contains(
            "Bridge: level 1 of 3, 2 sets × 10 reps — held at 1: pain was 7 after the session, 4 above the 3 before it"
        ),
        "{text}"
    );
    // Deleting that check-in steps it up again.
    let entries: Value = serde_json::from_str(&ok(
        home.path(),
        &["entries", "--kind", "checkin", "--format", "json"],
    ))
    .expect("json");
    let id = entries[0]["id"].as_str().expect("id").to_string();
    ok(home.path(), &["delete", &id]);
    let bridge = exercise(&status(home.path()), "Bridge").clone();
    assert_eq!(bridge["decision"], "step_up");
    assert_eq!(bridge["level"], 2);
}

#[test]
fn a_logged_ride_long_enough_steps_up_the_steady_pace() {
    let home = tempfile::tempdir().expect("temp dir");
    ok(
        home.path(),
        &[
            "programme",
            "start",
            "ride-it-out",
            "--from",
            "2026-11-30",
            "--days",
            "tue,thu,sat",
        ],
    );
    ok(
        home.path(),
        &[
            "log",
            "cycle-or-walk",
            "--minutes",
            "25",
            "--at",
            "2026-11-30 07:00",
        ],
    );
    let s = status(home.path());
    assert_eq!(s["sessions_this_week"], 1);
    assert_eq!(s["next"], "cycle-or-walk");
    let pace = exercise(&s, "Steady pace");
    assert_eq!(
        (pace["level"].as_u64(), pace["dose"].as_str()),
        (Some(2), Some("16m"))
    );
    assert_eq!(pace["decision"], "step_up");
    let text = ok(home.path(), &["programme", "status"]);
    assert!(
        text.contains("Week 1 of 12 · 1 of 3 this week · next tomorrow: Cycle or walk"),
        "{text}"
    );
}

#[test]
fn a_session_before_the_start_counts_for_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    core_session(home.path(), date!(2026 - 11 - 20));
    ok(
        home.path(),
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-11-23",
        ],
    );
    let s = status(home.path());
    assert_eq!(exercise(&s, "Bridge")["level"], 1);
}

#[test]
fn today_shows_the_programme_line_and_the_routine_page_its_doses() {
    let home = tempfile::tempdir().expect("temp dir");
    ok(
        home.path(),
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-11-16",
        ],
    );
    core_session(home.path(), date!(2026 - 11 - 25));
    core_session(home.path(), date!(2026 - 11 - 27));
    for size in ["80x24", "44x14"] {
        let screen = ok(home.path(), &["screen", "today", "--size", size]);
        insta::assert_snapshot!(format!("today_programme_{size}"), screen);
    }
    // The next routine is picked, and its page has today's doses.
    let page = ok(home.path(), &["screen", "core-basics", "--size", "80x24"]);
    assert!(
        page.contains("2. Bridge  strength · 2 sets × 12 reps"),
        "{page}"
    );
}

const TINY: &str = r#"name = "Tiny"
get_ready = 0

[[exercise]]
name = "Reach up"
kind = "stretch"
duration = 2
rest = 0

[[exercise]]
name = "Hip circles"
kind = "stretch"
duration = 2
rest = 0
"#;

const TINY_PLAN: &str = r#"name = "Tiny plan"
description = "Two-second steps"
weeks = 2
sessions_per_week = 2

[[phase]]
weeks = "1-2"
routines = ["tiny"]

[[phase.exercise]]
name = "Reach up"
progress = { duration = "+1s", max = "5s" }
"#;

/// The app in `home` with the clock at `now`.
fn app(home: &Path, now: &str, args: &[&str]) -> common::Pty {
    common::Pty::spawn_with(home, args, &[("LIMBER_NOW", now), ("TZ", "UTC")])
}

/// Runs Tiny to its end, from the question before it: none before, pain
/// 2 after; back on Today.
fn run_tiny(pty: &mut common::Pty) {
    pty.wait_for("How are you before you start?");
    pty.send("\x1b");
    pty.wait_for("Reach up");
    pty.wait_for("How are you now?");
    for key in ["2", "\t", "2", "\t", "7", "\r"] {
        pty.send(key);
    }
    pty.wait_for("Tiny — done.");
    pty.send("\r");
    pty.wait_for("limber · today");
}

#[test]
fn two_sessions_on_two_days_and_the_routine_page_shows_the_next_level() {
    let home = tempfile::tempdir().expect("temp dir");
    common::write_routine(home.path(), "tiny", TINY);
    write_programme(home.path(), "tiny-plan", TINY_PLAN);
    let started = common::in_home(common::limber(home.path()), home.path())
        .args(["programme", "start", "tiny-plan", "--from", "2026-11-23"])
        .args(["--days", "mon,tue,wed"])
        .env("LIMBER_NOW", "2026-11-23T09:00:00Z")
        .status()
        .expect("start");
    assert!(started.success());

    // Day one (a Monday): the safety notice once, then Today picks Tiny;
    // Enter opens it at level 1 (2 s) and Enter starts it.
    let mut pty = app(home.path(), "2026-11-23T10:00:00Z", &[]);
    pty.wait_for("See a clinician now");
    pty.send("\r");
    pty.wait_for("Week 1 of 2 · 0 of 2 this week · next today: Tiny");
    pty.send("\r");
    pty.wait_for("1. Reach up  stretch · 2s");
    pty.send("\r");
    run_tiny(&mut pty);
    pty.wait_for("Week 1 of 2 · 1 of 2 this week · next tomorrow: Tiny");
    // Without reopening the app, the routine page has the new dose.
    pty.send("\r");
    pty.wait_for("1. Reach up  stretch · 3s");
    pty.send("\x1b");
    pty.wait_for("limber · today");
    pty.quit();

    // Day two: `limber run tiny` runs it at level 2 (3 s).
    let mut pty = app(home.path(), "2026-11-24T10:00:00Z", &["run", "tiny"]);
    run_tiny(&mut pty);
    pty.wait_for("2 of 2 this week");
    pty.quit();
    let db = home.path().join("data/limber.db");
    assert_eq!(
        common::sql(
            &db,
            "SELECT s.local_date, e.planned_seconds, e.status FROM session_exercises e
             JOIN sessions s ON s.id = e.session_id WHERE e.name = 'Reach up' ORDER BY s.local_date"
        ),
        "2026-11-23|2|done\n2026-11-24|3|done"
    );

    // Day three: the routine page shows level 3 (4 s); the other exercise
    // has no ladder and stays as it is.
    let mut pty = app(home.path(), "2026-11-25T10:00:00Z", &[]);
    pty.wait_for("Week 1 of 2 · 2 of 2 this week");
    pty.send("\r");
    pty.wait_for("1. Reach up  stretch · 4s");
    pty.wait_for("2. Hip circles  stretch · 2s");
    pty.send("\x1b");
    pty.wait_for("limber · today");
    pty.quit();
}

/// The programme's week runs from the day it started (here a Wednesday),
/// the calendar week from Monday; and config.toml's goal is 2 where the
/// programme asks for 3. Today's status line and its programme line, and
/// `limber status`, all count the programme's week.
#[test]
fn today_counts_one_week_when_a_programme_runs() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("config")).expect("config dir");
    std::fs::write(home.path().join("config/config.toml"), "weekly_goal = 2\n").expect("config");
    ok(
        home.path(),
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-11-25",
        ],
    );
    // Thursday of the programme's first week; Monday of both weeks.
    core_session(home.path(), date!(2026 - 11 - 26));
    core_session(home.path(), date!(2026 - 11 - 30));
    let screen = ok(home.path(), &["screen", "today", "--size", "80x24"]);
    assert!(screen.contains("2 of 3 sessions this week"), "{screen}");
    assert!(
        screen.contains("Week 1 of 12 · 2 of 3 this week"),
        "{screen}"
    );
    let narrow = ok(home.path(), &["screen", "today", "--size", "44x14"]);
    assert!(narrow.contains("2/3 this week"), "{narrow}");
    let json: Value =
        serde_json::from_str(&ok(home.path(), &["status", "--format", "json"])).expect("json");
    assert_eq!(json["sessions_this_week"], 2, "{json}");
    assert_eq!(json["weekly_goal"], 3, "{json}");
    // Once it is stopped, the calendar week and config's goal again.
    ok(home.path(), &["programme", "stop"]);
    let screen = ok(home.path(), &["screen", "today", "--size", "80x24"]);
    assert!(screen.contains("1 of 2 sessions this week"), "{screen}");
}
