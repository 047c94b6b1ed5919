//! One count over random histories: sessions done, ended early and mostly
//! skipped, walks, flare days and a programme started mid-week — Today,
//! Activity, `status --format json`, `report --format json` and
//! `programme status --format json` give the same sessions this week and
//! the same goal, and the same count as the rule worked out by hand.

use std::path::Path;

use assert_cmd::Command;
use limber::model::{ExerciseRecord, ExerciseStatus, NewSession, SessionKind, SessionStatus};
use limber::store::Store;
use proptest::prelude::*;
use serde_json::Value;
use time::Date;

/// Wednesday 25 November 2026, 10:00 UTC.
const WEDNESDAY: &str = "2026-11-25T10:00:00Z";

fn limber(home: &Path, now: &str) -> Command {
    let mut cmd = Command::cargo_bin("limber").expect("binary");
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", now)
        .env("TZ", "UTC")
        .env_remove("LIMBER_LOG");
    cmd
}

fn ok(home: &Path, now: &str, args: &[&str]) -> String {
    let out = limber(home, now).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

fn json(home: &Path, now: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(home, now, args)).expect("json")
}

/// How each exercise of a guided session went.
#[derive(Clone, Copy)]
enum Went {
    Done,
    Skipped,
}

/// A guided session of a built-in routine, its exercises recorded as the
/// app records them: `went` for the first ones, the rest not written.
fn guided(home: &Path, day: Date, slug: &str, went: &[Went], status: SessionStatus, active: u32) {
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
                    planned_reps: None,
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
}

/// A whole guided session of `slug`.
fn full(home: &Path, day: Date, slug: &str) {
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
fn walk(home: &Path, day: Date) {
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

fn status(home: &Path, now: &str) -> Value {
    json(home, now, &["status", "--format", "json"])
}

/// One day's doing, as the property draws it.
#[derive(Debug, Clone, Copy)]
enum Doing {
    Nothing,
    Full,
    EndedEarlyAfterFour,
    MostlySkipped,
    Walk,
    Flare,
}

fn doing() -> impl Strategy<Value = Doing> {
    prop_oneof![
        3 => Just(Doing::Nothing),
        2 => Just(Doing::Full),
        1 => Just(Doing::EndedEarlyAfterFour),
        1 => Just(Doing::MostlySkipped),
        1 => Just(Doing::Walk),
        1 => Just(Doing::Flare),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn every_screen_and_command_gives_one_week(
        days in proptest::collection::vec(doing(), 21),
        programme_from in proptest::option::of(0i64..21),
    ) {
        let home = tempfile::tempdir().expect("temp dir");
        let h = home.path();
        let today = time::macros::date!(2026 - 11 - 25);
        let first = today - time::Duration::days(20);
        let mut counted: Vec<Date> = Vec::new();
        let mut flares: Vec<Date> = Vec::new();
        for (i, d) in days.iter().enumerate() {
            let day = first + time::Duration::days(i as i64);
            match d {
                Doing::Nothing => {}
                Doing::Full => {
                    full(h, day, "core-basics");
                    counted.push(day);
                }
                Doing::EndedEarlyAfterFour => {
                    guided(h, day, "desk-break", &[Went::Done; 4], SessionStatus::Aborted, 120);
                    counted.push(day);
                }
                Doing::MostlySkipped => {
                    let mut went = vec![Went::Done];
                    went.extend([Went::Skipped; 6]);
                    guided(h, day, "core-basics", &went, SessionStatus::Completed, 60);
                }
                Doing::Walk => {
                    walk(h, day);
                    counted.push(day);
                }
                Doing::Flare => {
                    ok(h, WEDNESDAY, &["flare", "--at", &day.to_string()]);
                    flares.push(day);
                }
            }
        }
        let (week, goal) = match programme_from {
            Some(back) => {
                let started = today - time::Duration::days(back);
                ok(h, WEDNESDAY, &["programme", "start", "back-to-strength", "--from", &started.to_string()]);
                (started + time::Duration::weeks((today - started).whole_weeks()), 3)
            }
            None => (limber::insights::week_start(today, time::Weekday::Monday), 3),
        };
        let flare_in_week = flares.iter().any(|d| *d >= week);
        let goal = if flare_in_week { goal - 1 } else { goal };
        let this_week = counted.iter().filter(|d| **d >= week).count() as u64;

        let s = status(h, WEDNESDAY);
        prop_assert_eq!(s["sessions_this_week"].as_u64(), Some(this_week), "{}", s);
        prop_assert_eq!(s["weekly_goal"].as_u64(), Some(goal), "{}", s);
        let week_text = week.to_string();
        prop_assert_eq!(s["week_start"].as_str(), Some(week_text.as_str()));
        let words = format!("{this_week} of {goal} session");
        let today_screen = ok(h, WEDNESDAY, &["screen", "today", "--size", "100x30"]);
        prop_assert!(today_screen.contains(&words), "{}: {}", words, today_screen);
        let activity = ok(h, WEDNESDAY, &["screen", "activity", "--size", "100x30"]);
        prop_assert!(activity.contains(&words), "{}: {}", words, activity);
        let report = json(h, WEDNESDAY, &["report", "--format", "json"]);
        prop_assert_eq!(report["sessions"]["count"].as_u64(), Some(counted.len() as u64));
        if programme_from.is_some() {
            let p = json(h, WEDNESDAY, &["programme", "status", "--format", "json"]);
            prop_assert_eq!(p["sessions_this_week"].as_u64(), Some(this_week), "{}", p);
            prop_assert_eq!(p["weekly_goal"].as_u64(), Some(goal), "{}", p);
        }
    }
}
