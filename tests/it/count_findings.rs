//! One count, defined once: each finding of issue 21 about what a session
//! counts for, the week, the flare day and the streak, with the real
//! binary over a store written as the app writes it. Each failed before
//! the count became one rule in `insights::count`.

use std::path::Path;

use assert_cmd::Command;
use limber::model::{
    CheckInKind, ExerciseRecord, ExerciseStatus, NewCheckIn, NewSession, Scales, SessionKind,
    SessionStatus,
};
use limber::store::Store;
use serde_json::Value;
use time::Date;
use time::macros::date;

/// Wednesday 25 November 2026, 10:00 UTC.
pub(crate) const WEDNESDAY: &str = "2026-11-25T10:00:00Z";

pub(crate) fn limber(home: &Path, now: &str) -> Command {
    let mut cmd = Command::cargo_bin("limber").expect("binary");
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", now)
        .env("TZ", "UTC")
        .env_remove("LIMBER_LOG");
    cmd
}

pub(crate) fn ok(home: &Path, now: &str, args: &[&str]) -> String {
    let out = limber(home, now).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

pub(crate) fn json(home: &Path, now: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(home, now, args)).expect("json")
}

/// How each exercise of a guided session went.
#[derive(Clone, Copy)]
pub(crate) enum Went {
    Done,
    Skipped,
}

/// A guided session of a built-in routine, its exercises recorded as the
/// app records them: `went` for the first ones, the rest not written.
pub(crate) fn guided(
    home: &Path,
    day: Date,
    slug: &str,
    went: &[Went],
    status: SessionStatus,
    active: u32,
) {
    guided_with(home, day, slug, went, status, active, None);
}

/// `guided`, with pain before and after in check-ins of the session.
pub(crate) fn guided_with(
    home: &Path,
    day: Date,
    slug: &str,
    went: &[Went],
    status: SessionStatus,
    active: u32,
    pain: Option<(u8, u8)>,
) -> i64 {
    let mut store = Store::open_in(&home.join("data")).expect("store");
    let routine = limber::routine::builtins()
        .into_iter()
        .find(|r| r.slug == slug)
        .expect("routine");
    let started_at = day.with_hms(8, 0, 0).expect("time").assume_utc();
    let routine_id = store
        .remember_routine(&routine, started_at)
        .expect("routine");
    let session = store
        .add_session(&NewSession {
            routine_id: Some(routine_id),
            activity: routine.name.clone(),
            kind: SessionKind::Guided,
            status: SessionStatus::InProgress,
            started_at,
            ended_at: None,
            local_date: day,
            planned_seconds: 600,
            active_seconds: 0,
            note: None,
            gentle: false,
        })
        .expect("session");
    let each = active
        / (went
            .iter()
            .filter(|w| matches!(w, Went::Done))
            .count()
            .max(1) as u32);
    for (position, (e, w)) in routine.exercises.iter().zip(went).enumerate() {
        let done = matches!(w, Went::Done);
        store
            .record_exercise(
                session.id,
                &ExerciseRecord {
                    position: position as u32,
                    name: e.name.clone(),
                    kind: e.kind,
                    planned_seconds: None,
                    actual_seconds: if done { each } else { 0 },
                    // The routine's dose as the app writes it.
                    planned_reps: match e.amount {
                        limber::routine::Amount::Reps(r) => Some(r),
                        limber::routine::Amount::Seconds(_) => None,
                    },
                    sets_planned: e.sets,
                    sets_done: if done { e.sets } else { 0 },
                    status: if done {
                        ExerciseStatus::Done
                    } else {
                        ExerciseStatus::Skipped
                    },
                    comfort: None,
                    expected_pain: None,
                    actual_pain: None,
                    finished_at: started_at + time::Duration::minutes(2),
                },
            )
            .expect("exercise");
    }
    store
        .finish_session(session.id, status, started_at + time::Duration::minutes(10))
        .expect("finish");
    if let Some((before, after)) = pain {
        for (context, pain, minutes) in [
            (CheckInKind::Before, before, 0),
            (CheckInKind::After, after, 11),
        ] {
            store
                .add_checkin(&NewCheckIn {
                    at: started_at + time::Duration::minutes(minutes),
                    local_date: day,
                    context,
                    session_id: Some(session.id),
                    scales: Scales {
                        pain,
                        anxiety: 3,
                        mood: 6,
                        fear: None,
                    },
                    note: None,
                })
                .expect("check-in");
        }
    }
    session.id
}

/// A whole guided session of `slug`.
pub(crate) fn full(home: &Path, day: Date, slug: &str) {
    guided(
        home,
        day,
        slug,
        &[Went::Done; 7],
        SessionStatus::Completed,
        700,
    );
}

/// A walk logged from the shell.
pub(crate) fn walk(home: &Path, day: Date) {
    ok(
        home,
        WEDNESDAY,
        &[
            "log",
            "walk",
            "--minutes",
            "20",
            "--at",
            &format!("{day} 08:00"),
        ],
    );
}

pub(crate) fn status(home: &Path, now: &str) -> Value {
    json(home, now, &["status", "--format", "json"])
}

#[test]
fn today_activity_status_and_the_programme_give_one_week() {
    // Finding: "4 of 3" on Today and "5 of 2" on Activity for one week.
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    ok(
        h,
        WEDNESDAY,
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-11-19",
        ],
    );
    full(h, date!(2026 - 11 - 19), "core-basics");
    walk(h, date!(2026 - 11 - 20));
    ok(h, WEDNESDAY, &["flare", "--at", "2026-11-21"]);
    full(h, date!(2026 - 11 - 23), "desk-break");
    full(h, date!(2026 - 11 - 24), "core-basics");
    walk(h, date!(2026 - 11 - 25));
    // The programme's week: Thursday 19 to Wednesday 25, five sessions,
    // a flare day easing three to two.
    let s = status(h, WEDNESDAY);
    assert_eq!(
        (s["sessions_this_week"].as_u64(), s["weekly_goal"].as_u64()),
        (Some(5), Some(2)),
        "{s}"
    );
    let p = json(h, WEDNESDAY, &["programme", "status", "--format", "json"]);
    assert_eq!(
        (p["sessions_this_week"].as_u64(), p["weekly_goal"].as_u64()),
        (Some(5), Some(2)),
        "{p}"
    );
    let today = ok(h, WEDNESDAY, &["screen", "today", "--size", "100x30"]);
    assert!(today.contains("5 of 2 sessions this week"), "{today}");
    let activity = ok(h, WEDNESDAY, &["screen", "activity", "--size", "100x30"]);
    assert!(activity.contains("5 of 2 sessions this week"), "{activity}");
    let text = ok(h, WEDNESDAY, &["status"]);
    assert!(text.contains("5 of 2 this week"), "{text}");
}

#[test]
fn a_guided_session_on_the_day_a_programme_starts_counts() {
    // Finding: a programme started on a day with a finished guided
    // session made `status` say "0 of 3 this week".
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    full(h, date!(2026 - 11 - 25), "desk-break");
    ok(h, WEDNESDAY, &["programme", "start", "back-to-strength"]);
    let s = status(h, WEDNESDAY);
    assert_eq!(s["sessions_this_week"], 1, "{s}");
    assert_eq!(s["done_today"], true, "{s}");
    let p = json(h, WEDNESDAY, &["programme", "status", "--format", "json"]);
    assert_eq!(p["sessions_this_week"], 1, "{p}");
}

#[test]
fn a_flare_eases_the_programme_week_in_status_json() {
    // Finding: `limber flare` said one session less, yet with a programme
    // `status --format json` kept "weekly_goal": 3.
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    ok(h, WEDNESDAY, &["programme", "start", "back-to-strength"]);
    assert_eq!(status(h, WEDNESDAY)["weekly_goal"], 3);
    let said = ok(h, WEDNESDAY, &["flare"]);
    assert!(said.contains("one session less"), "{said}");
    let s = status(h, WEDNESDAY);
    assert_eq!(s["weekly_goal"], 2, "{s}");
    assert_eq!(
        json(h, WEDNESDAY, &["programme", "status", "--format", "json"])["weekly_goal"],
        2
    );
}

#[test]
fn no_nag_on_a_rest_day_once_the_week_is_met() {
    // Finding: `status --nag` nagged on Sunday with "(3 of 3 this week)".
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    for day in [
        date!(2026 - 11 - 23),
        date!(2026 - 11 - 25),
        date!(2026 - 11 - 27),
    ] {
        full(h, day, "core-basics");
    }
    let sunday = "2026-11-29T10:00:00Z";
    let nag = ok(h, sunday, &["status", "--nag"]);
    assert_eq!(nag, "", "the week is met: {nag}");
    // With the week not met, it still says so.
    let home = tempfile::tempdir().expect("temp dir");
    full(home.path(), date!(2026 - 11 - 23), "core-basics");
    let nag = ok(home.path(), sunday, &["status", "--nag"]);
    assert!(nag.contains("(1 of 3 this week)"), "{nag}");
}

#[test]
fn a_mon_wed_fri_plan_keeps_its_streak_on_wednesday() {
    // Finding: "no streak yet" on each Wednesday of a Mon/Wed/Fri plan.
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    for day in [
        date!(2026 - 11 - 09),
        date!(2026 - 11 - 11),
        date!(2026 - 11 - 13),
        date!(2026 - 11 - 16),
        date!(2026 - 11 - 18),
        date!(2026 - 11 - 20),
        date!(2026 - 11 - 23),
    ] {
        full(h, day, "core-basics");
    }
    let s = status(h, WEDNESDAY);
    assert_eq!(s["streak_weeks"], 2, "{s}");
    let text = ok(h, WEDNESDAY, &["status"]);
    assert!(text.contains("2-week streak"), "{text}");
    let today = ok(h, WEDNESDAY, &["screen", "today", "--size", "100x30"]);
    assert!(today.contains("2-week streak"), "{today}");
}

#[test]
fn four_exercises_then_ending_early_is_a_session() {
    // Finding: four exercises over two minutes, then ending early: Today
    // said "no session yet today".
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let four = [Went::Done, Went::Done, Went::Done, Went::Done];
    guided(
        h,
        date!(2026 - 11 - 25),
        "desk-break",
        &four,
        SessionStatus::Aborted,
        120,
    );
    let s = status(h, WEDNESDAY);
    assert_eq!(
        (s["done_today"].as_bool(), s["sessions_this_week"].as_u64()),
        (Some(true), Some(1)),
        "{s}"
    );
    let today = ok(h, WEDNESDAY, &["screen", "today", "--size", "100x30"]);
    assert!(today.contains("done today"), "{today}");
    // As the app now writes it: the three not reached as skipped.
    let home = tempfile::tempdir().expect("temp dir");
    let mut went = four.to_vec();
    went.extend([Went::Skipped; 3]);
    guided(
        home.path(),
        date!(2026 - 11 - 25),
        "desk-break",
        &went,
        SessionStatus::Aborted,
        120,
    );
    assert_eq!(status(home.path(), WEDNESDAY)["sessions_this_week"], 1);
}

#[test]
fn a_mostly_skipped_session_is_kept_but_not_a_full_session() {
    // Finding: Core basics with 5 of 7 skipped counted as a full session.
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let mut went = vec![Went::Done, Went::Done];
    went.extend([Went::Skipped; 5]);
    guided(
        h,
        date!(2026 - 11 - 25),
        "core-basics",
        &went,
        SessionStatus::Completed,
        150,
    );
    let s = status(h, WEDNESDAY);
    assert_eq!(s["sessions_this_week"], 0, "{s}");
    assert_eq!(s["done_today"], false, "{s}");
    assert_eq!(s["short_session_today"], true, "{s}");
    let text = ok(h, WEDNESDAY, &["status"]);
    assert!(text.contains("a short session today"), "{text}");
    let report = json(h, WEDNESDAY, &["report", "--format", "json"]);
    assert_eq!(report["sessions"]["count"], 0, "{report}");
    assert_eq!(
        report["sessions"]["active_minutes"], 3,
        "the minutes were moved"
    );
}

#[test]
fn a_rate_a_week_is_over_the_weeks_the_record_covers() {
    // Finding: two weeks in, "Sessions: 9 in 84 days, 0.8 a week".
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let first = date!(2026 - 11 - 12);
    for i in [0, 1, 3, 5, 6, 8, 10, 12, 13] {
        walk(h, first + time::Duration::days(i));
    }
    let report = json(h, WEDNESDAY, &["report", "--format", "json"]);
    assert_eq!(report["sessions"]["count"], 9);
    assert_eq!(report["sessions"]["per_week"], 4.5, "{report}");
    assert_eq!(report["sessions"]["days"], 14);
    let text = ok(h, WEDNESDAY, &["report"]);
    assert!(
        text.contains("Sessions: 9 in 14 days, 4.5 a week"),
        "{text}"
    );
    let html = ok(h, WEDNESDAY, &["report", "--format", "html"]);
    assert!(html.contains("4.5"), "the printed page's rate");
    assert!(
        html.contains("9 sessions in 14 days"),
        "the printed page's rate"
    );
}

#[test]
fn the_sessions_list_says_which_session_was_too_short_to_count() {
    // Finding (by the property test): a mostly skipped session read
    // "done" in History › Sessions, beside a week that did not count it.
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let mut went = vec![Went::Done];
    went.extend([Went::Skipped; 6]);
    guided(
        h,
        date!(2026 - 11 - 24),
        "core-basics",
        &went,
        SessionStatus::Completed,
        60,
    );
    full(h, date!(2026 - 11 - 25), "desk-break");
    for size in ["80x24", "44x14"] {
        let list = ok(h, WEDNESDAY, &["screen", "sessions", "--size", size]);
        let short: Vec<&str> = list.lines().filter(|l| l.contains("short")).collect();
        assert_eq!(short.len(), 2, "the row and the legend at {size}: {list}");
        assert!(
            short[0].contains("11-24") || short[0].contains("2026-11-24"),
            "{list}"
        );
        assert!(list.contains("short: too little done to count"), "{list}");
        let done: Vec<&str> = list.lines().filter(|l| l.contains("Desk break")).collect();
        assert!(done.iter().all(|l| !l.contains("short")), "{list}");
    }
}
