//! Two windows on one data folder: a session is run by one window only. The
//! other neither offers it for resume nor writes to it; once the window that
//! ran it is gone (a kill too), the next start offers it as before.

use crate::common;

use std::path::Path;

use common::fixture::Fixture;
use common::{Pty, sql, write_routine};
use limber::model::{ExerciseRecord, ExerciseStatus, NewSession, SessionKind, SessionStatus};
use limber::store::Store;
use limber::tui::app::{App, Screen};
use time::macros::{date, datetime};

/// A two-second exercise, then one of reps that waits for Enter: the second
/// window opens while the first is certainly still in its session.
const TWO: &str = r#"name = "Two short"
get_ready = 0

[[exercise]]
name = "Reach up"
kind = "stretch"
duration = 2
rest = 0

[[exercise]]
name = "Bridge"
kind = "strength"
reps = 5
rest = 0
"#;

const NOT_HELD: &str =
    "that session is running in another window (or was left unfinished); nothing was written to it";

fn in_progress() -> NewSession {
    NewSession {
        routine_id: None,
        activity: "Two short".to_string(),
        kind: SessionKind::Guided,
        status: SessionStatus::InProgress,
        started_at: datetime!(2026-11-25 09:50 UTC),
        ended_at: None,
        local_date: date!(2026 - 11 - 25),
        planned_seconds: 60,
        active_seconds: 0,
        note: None,
        gentle: false,
    }
}

fn record(status: ExerciseStatus) -> ExerciseRecord {
    ExerciseRecord {
        position: 0,
        name: "Reach up".to_string(),
        kind: limber::routine::Kind::Stretch,
        planned_seconds: Some(2),
        actual_seconds: 2,
        planned_reps: None,
        sets_planned: 1,
        sets_done: 1,
        status,
        comfort: None,
        expected_pain: None,
        actual_pain: None,
        finished_at: datetime!(2026-11-25 09:51 UTC),
    }
}

/// Ends session `id` as `status`, at 09:53.
fn end(store: &mut Store, id: i64, status: SessionStatus) -> limber::store::Result<()> {
    store.finish_session(id, status, datetime!(2026-11-25 09:53 UTC))
}

/// Where the app opens with the store as `store` finds it.
fn opens_on(f: &Fixture, store: &Store) -> Screen {
    let catalog = f.env.catalog();
    let startup = limber::tui::load_startup(store, &catalog, None, false).expect("startup");
    let mut app = App::new(
        f.env.config.clone(),
        f.env.clock.clone(),
        limber::tui::load_today(store, &f.env, &catalog).expect("today"),
        catalog.routines.clone(),
        startup,
        limber::tui::theme::Theme::default(),
    );
    app.init(std::time::Instant::now());
    app.screen
}

#[test]
fn a_running_session_is_neither_offered_nor_written_by_another_store() {
    let f = Fixture::new(0);
    let mut a = f.store();
    a.set_state(limber::store::SAFETY_NOTICE_READ, "2026-11-25T09:00:00Z")
        .expect("read the notice");
    let s = a.add_session(&in_progress()).expect("session");
    let mut b = f.store();
    assert_eq!(b.unfinished_session().expect("read"), None);
    assert!(matches!(opens_on(&f, &b), Screen::Today));
    assert!(!b.hold_session(s.id).expect("hold"), "held twice");
    let refused = b
        .record_exercise(s.id, &record(ExerciseStatus::Skipped))
        .expect_err("a write by a window that does not hold it");
    assert_eq!(refused.to_string(), NOT_HELD);
    let refused = end(&mut b, s.id, SessionStatus::Aborted)
        .expect_err("an end by a window that does not hold it");
    assert_eq!(refused.to_string(), NOT_HELD);
    a.record_exercise(s.id, &record(ExerciseStatus::Done))
        .expect("the holder writes");

    // The first window goes away without ending it, as a crash does. The
    // lock is on the open file, and a process another test is starting in
    // this same test binary may share that file until it execs (a few
    // milliseconds): wait for it to go, within the harness's timeout.
    drop(a);
    let deadline = std::time::Instant::now() + common::timeout();
    while b.unfinished_session().expect("read").is_none() && std::time::Instant::now() < deadline {
        std::thread::yield_now();
    }
    assert_eq!(
        b.unfinished_session().expect("read").map(|u| u.id),
        Some(s.id)
    );
    assert!(matches!(opens_on(&f, &b), Screen::Resume(_)));
    assert!(b.hold_session(s.id).expect("hold"));
    end(&mut b, s.id, SessionStatus::Completed).expect("the new holder ends it");
    let exercises = b.session_exercises(s.id).expect("exercises");
    assert_eq!(exercises[0].status, ExerciseStatus::Done);
}

#[test]
fn a_session_finished_while_another_window_asked_is_not_taken_up_again() {
    let f = Fixture::new(0);
    let mut crashed = f.store();
    let s = crashed.add_session(&in_progress()).expect("session");
    drop(crashed);
    let mut a = f.store();
    let mut b = f.store();
    // Both windows ask; the first resumes it and ends it.
    assert!(a.hold_session(s.id).expect("hold"));
    end(&mut a, s.id, SessionStatus::Completed).expect("finish");
    assert!(!b.hold_session(s.id).expect("hold"), "finished meanwhile");
    assert_eq!(
        b.session(s.id).expect("read").map(|s| s.status),
        Some(SessionStatus::Completed)
    );
}

/// A home whose routine `two` starts without a check-in before.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "two", TWO);
    std::fs::write(
        home.path().join("config/config.toml"),
        "checkin_before = false\n",
    )
    .expect("config");
    home
}

/// Window A, in its session's first exercise.
fn window_a(home: &Path) -> Pty {
    let mut a = Pty::spawn(home, &["run", "two"]);
    a.wait_for("See a clinician now");
    a.send("\r");
    // The first exercise lasts two seconds: on a busy machine the second
    // (which waits for Enter) may be the first screen seen.
    a.wait_until("the session to begin", |s| {
        (s.contains("exercise 1 of 2") || s.contains("exercise 2 of 2")).then_some(())
    });
    a
}

/// A window that has opened on Today: not on the resume question.
fn opens_on_today(home: &Path) -> Pty {
    let b = Pty::spawn(home, &[]);
    b.wait_for("limber · today");
    assert!(
        !b.screen().contains("A session was not finished"),
        "{}",
        b.screen()
    );
    b
}

/// Runs a window's session from its second exercise to Today, and quits.
fn finish(mut pty: Pty) {
    pty.wait_for("press Enter when done");
    pty.send("\r");
    pty.wait_for("How are you now?");
    pty.send("\x1b");
    pty.wait_for("Two short — done.");
    pty.send("\r");
    pty.wait_for("limber · today");
    quit(pty);
}

fn quit(mut pty: Pty) {
    pty.send("q");
    assert!(pty.wait_exit().success());
}

/// Window A killed (-9) in its second exercise, the first one recorded.
fn killed(mut a: Pty) {
    a.wait_for("exercise 2 of 2");
    a.signal("KILL");
    a.wait_exit();
}

/// The store holds one session, completed, with both exercises done.
fn completed_whole(home: &Path) {
    let db = home.join("data/limber.db");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "completed");
    assert_eq!(
        sql(
            &db,
            "SELECT name, status FROM session_exercises ORDER BY position"
        ),
        "Reach up|done\nBridge|done"
    );
}

#[test]
fn a_session_running_in_one_window_is_not_offered_in_another() {
    let home = home();
    let a = window_a(home.path());
    let b = opens_on_today(home.path());
    finish(a);
    quit(b);
    completed_whole(home.path());
}

#[test]
fn a_session_killed_in_one_window_is_offered_in_the_next() {
    let home = home();
    let a = window_a(home.path());
    let b = opens_on_today(home.path());
    killed(a);
    let c = Pty::spawn(home.path(), &[]);
    c.wait_for("A session was not finished");
    c.wait_for("1 exercise kept");
    // The window already open stays where it was.
    assert!(b.screen().contains("limber · today"), "{}", b.screen());
}

#[test]
fn of_two_windows_asked_to_resume_only_the_first_runs_the_session() {
    let home = home();
    killed(window_a(home.path()));
    let mut b = Pty::spawn(home.path(), &[]);
    let mut c = Pty::spawn(home.path(), &[]);
    b.wait_for("resume where it stopped, at Bridge");
    c.wait_for("resume where it stopped, at Bridge");
    b.send("r");
    b.wait_for("exercise 2 of 2");
    // Keeping it as ended early would end B's session under it.
    c.send("a");
    c.wait_for("That session was taken up in another window; it was left to it.");
    c.wait_for("limber · today");
    // A window opened now finds it running.
    let d = opens_on_today(home.path());
    finish(b);
    quit(c);
    quit(d);
    completed_whole(home.path());
}

#[test]
fn a_session_running_in_a_window_is_not_edited_or_deleted_from_the_shell() {
    // An edit or a delete from the shell would be overwritten as the window
    // goes on with it, or leave it writing into a deleted session.
    let f = Fixture::new(0);
    let mut a = f.store();
    let s = a.add_session(&in_progress()).expect("session");
    let id = &s.uuid[..8];
    let shell = |args: &[&str]| {
        common::in_home(
            std::process::Command::new(env!("CARGO_BIN_EXE_limber")),
            Path::new("/nonexistent"),
        )
        .env("LIMBER_DATA_DIR", &f.env.paths.data_dir)
        .env("LIMBER_CONFIG", &f.env.paths.config_dir)
        .args(args)
        .output()
        .expect("run limber")
    };
    for args in [vec!["delete", id], vec!["edit", id, "--minutes", "5"]] {
        let out = shell(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("running in another window"), "{err}");
    }
    let db = f.env.paths.data_dir.join("limber.db");
    assert_eq!(
        sql(
            &db,
            "SELECT status || '|' || ifnull(deleted_at, '-') FROM sessions"
        ),
        "in_progress|-"
    );
    // Once the window is gone, the shell may correct it.
    drop(a);
    assert_eq!(shell(&["delete", id]).status.code(), Some(0));
}
