//! Dates and times on both sides of London's clock changes (29 March and
//! 25 October 2026): the commands with TZ=Europe/London and a pinned
//! LIMBER_NOW, and the app's Today turning over at local midnight.

use crate::common;

use std::time::Instant;

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use limber::clock::Clock;
use limber::model::{NewSession, SessionKind, SessionStatus};
use limber::tui::app::{App, Msg, update};
use limber::tui::{Effect, load_today};
use predicates::str::contains;
use time::macros::{date, datetime};

use common::fixture::Fixture;

/// limber in London at `now`, its data in `home`.
fn london(home: &tempfile::TempDir, now: &str) -> Command {
    let mut cmd = Command::cargo_bin("limber").expect("binary");
    cmd.env("LIMBER_DATA_DIR", home.path().join("data"))
        .env("LIMBER_CONFIG", home.path().join("config"))
        .env("LIMBER_NOW", now)
        .env("TZ", "Europe/London")
        .env_remove("LIMBER_LOG");
    cmd
}

const SCALES: [&str; 6] = ["--pain", "2", "--anxiety", "2", "--mood", "2"];

/// `checkin` at `now`, with `--at` when given.
fn checkin_at(home: &tempfile::TempDir, now: &str, at: Option<&str>) -> Assert {
    let mut cmd = london(home, now);
    cmd.arg("checkin").args(SCALES);
    if let Some(at) = at {
        cmd.args(["--at", at]);
    }
    cmd.assert()
}

/// A `checkin` that must succeed; what it printed.
fn checkin(home: &tempfile::TempDir, now: &str, at: Option<&str>) -> String {
    let out = checkin_at(home, now, at).success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

/// The last check-in's local date and stored UTC time, "date|time".
fn last_checkin(home: &tempfile::TempDir) -> String {
    common::sql(
        &home.path().join("data").join("limber.db"),
        "SELECT local_date, recorded_at FROM checkins ORDER BY id DESC LIMIT 1",
    )
}

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn an_rfc3339_time_is_filed_on_its_london_date_in_summer_and_in_winter() {
    let home = home();
    let summer = checkin(
        &home,
        "2026-07-16T08:00:00Z",
        Some("2026-07-16T00:30:00+01:00"),
    );
    assert!(
        summer.starts_with("Check-in saved for 2026-07-16:"),
        "{summer}"
    );
    let winter = checkin(
        &home,
        "2026-01-16T08:00:00Z",
        Some("2026-01-16T00:30:00+00:00"),
    );
    assert!(
        winter.starts_with("Check-in saved for 2026-01-16:"),
        "{winter}"
    );
}

#[test]
fn a_local_time_is_read_with_the_offset_of_its_own_day() {
    let home = home();
    checkin(&home, "2026-11-30T08:00:00Z", Some("2026-07-16 00:30"));
    assert_eq!(last_checkin(&home), "2026-07-16|2026-07-15T23:30:00Z");
    checkin(&home, "2026-07-30T08:00:00Z", Some("2026-01-16 00:30"));
    assert_eq!(last_checkin(&home), "2026-01-16|2026-01-16T00:30:00Z");
}

#[test]
fn now_is_filed_on_the_london_date_on_each_side_of_both_changes() {
    for (now, day) in [
        // 23:30 GMT the night before the clocks go forward, then 00:30 BST.
        ("2026-03-28T23:30:00Z", "2026-03-28"),
        ("2026-03-29T23:30:00Z", "2026-03-30"),
        // 00:30 BST the night they go back, then 23:30 GMT that evening.
        ("2026-10-24T23:30:00Z", "2026-10-25"),
        ("2026-10-25T23:30:00Z", "2026-10-25"),
    ] {
        let home = home();
        let out = checkin(&home, now, None);
        assert!(
            out.starts_with(&format!("Check-in saved for {day}:")),
            "at {now}: {out}"
        );
    }
}

#[test]
fn a_local_time_the_clocks_skipped_is_refused_and_its_neighbours_are_not() {
    let home = home();
    checkin_at(&home, "2026-03-29T12:00:00Z", Some("2026-03-29 01:30"))
        .code(1)
        .stderr(
            "limber: --at \"2026-03-29 01:30\": 2026-03-29 01:30 does not exist in Europe/London: the clocks went forward; did you mean 2026-03-29 02:30?\n",
        );
    assert!(!home.path().join("data").join("limber.db").exists());
    checkin(&home, "2026-03-29T12:00:00Z", Some("2026-03-29 00:59"));
    assert_eq!(last_checkin(&home), "2026-03-29|2026-03-29T00:59:00Z");
    checkin(&home, "2026-03-29T12:00:00Z", Some("2026-03-29 02:00"));
    assert_eq!(last_checkin(&home), "2026-03-29|2026-03-29T01:00:00Z");
}

#[test]
fn a_local_time_the_clocks_repeated_is_taken_the_first_time_and_says_so() {
    let home = home();
    checkin_at(&home, "2026-10-25T12:00:00Z", Some("2026-10-25 01:30"))
        .success()
        .stderr(
            "limber: 2026-10-25 01:30 happened twice in Europe/London (the clocks went back); took the first, 2026-10-25T01:30:00+01:00; for the second write 2026-10-25T01:30:00Z\n",
        );
    assert_eq!(last_checkin(&home), "2026-10-25|2026-10-25T00:30:00Z");
    // The second, written with its offset, is the hour after.
    checkin(
        &home,
        "2026-10-25T12:00:00Z",
        Some("2026-10-25T01:30:00+00:00"),
    );
    assert_eq!(last_checkin(&home), "2026-10-25|2026-10-25T01:30:00Z");
}

#[test]
fn a_log_over_midnight_is_filed_on_the_day_it_started_and_says_so() {
    let home = home();
    // 08:00 GMT, ten hours: it started at 22:00 the evening before.
    london(&home, "2026-11-25T08:00:00Z")
        .args(["log", "walk", "--minutes", "600"])
        .assert()
        .success()
        .stdout("Logged 600 minutes of walk on 2026-11-24 (it ran past midnight; it is filed on the day it started).\n");
    // 08:00 BST, eight hours: it started at midnight BST, the same day.
    london(&home, "2026-07-16T07:00:00Z")
        .args(["log", "walk", "--minutes", "480"])
        .assert()
        .success()
        .stdout("Logged 480 minutes of walk on 2026-07-16.\n");
    // Written with --at: the same rule, by where it ended.
    london(&home, "2026-07-16T07:00:00Z")
        .args(["log", "walk", "--minutes", "30", "--at", "2026-07-10 18:00"])
        .assert()
        .success()
        .stdout("Logged 30 minutes of walk on 2026-07-10.\n");
    london(&home, "2026-07-16T07:00:00Z")
        .args([
            "log",
            "walk",
            "--minutes",
            "420",
            "--at",
            "2026-07-10 18:00",
        ])
        .assert()
        .success()
        .stdout("Logged 420 minutes of walk on 2026-07-10 (it ran past midnight; it is filed on the day it started).\n");
    // One that has not ended yet is refused (it ended in the future).
    london(&home, "2026-11-25T09:00:00Z")
        .args([
            "log",
            "walk",
            "--minutes",
            "120",
            "--at",
            "2026-11-25 08:00",
        ])
        .assert()
        .code(1)
        .stderr("limber: 120 minutes from 08:00 ends after now; log a session once it is over\n");
}

#[test]
fn a_time_outside_the_years_kept_says_so_not_that_it_is_no_time() {
    let home = home();
    for at in ["1900-01-01T00:30:00+01:00", "1899-12-31 23:59"] {
        checkin_at(&home, "2026-11-25T08:00:00Z", Some(at))
            .code(1)
            .stderr(format!(
                "limber: --at \"{at}\" is outside the years limber keeps (1900–2999)\n"
            ));
    }
    checkin_at(&home, "2026-11-25T08:00:00Z", Some("yesterday"))
        .code(1)
        .stderr(contains("is not a time"));
}

#[test]
fn a_zone_that_cannot_be_read_is_utc_not_a_crash() {
    let home = home();
    let out = london(&home, "2026-07-15T23:30:00Z")
        .env("TZ", "Nowhere/Atlantis")
        .arg("checkin")
        .args(SCALES)
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(out.starts_with("Check-in saved for 2026-07-15:"), "{out}");
}

fn screen(app: &App) -> String {
    let (backend, _) = common::frame::frame(app, (80, 24), Instant::now());
    backend
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn today_turns_over_at_london_midnight_while_the_app_is_open() {
    let zone = jiff::tz::TimeZone::get("Europe/London").expect("Europe/London");
    let mut f = Fixture::new(0);
    // 23:30 BST on 15 July, with a session done that evening.
    f.env.clock = Clock::fixed(datetime!(2026-07-15 22:30 UTC), zone.clone());
    f.store()
        .add_session(&NewSession {
            routine_id: None,
            activity: "walk".to_string(),
            kind: SessionKind::Logged,
            status: SessionStatus::Completed,
            started_at: datetime!(2026-07-15 18:00 UTC),
            ended_at: Some(datetime!(2026-07-15 18:30 UTC)),
            local_date: date!(2026 - 07 - 15),
            planned_seconds: 1800,
            active_seconds: 1800,
            note: None,
            gentle: false,
        })
        .expect("session");
    let catalog = f.env.catalog();
    let now = Instant::now();
    let mut app = f.app();
    assert!(screen(&app).contains("✓ done today"));
    assert_eq!(update(&mut app, Msg::Day(f.env.clock.today()), now), []);

    // An hour later it is 00:30 BST on 16 July (23:30 UTC on the 15th).
    f.env.clock = Clock::fixed(datetime!(2026-07-15 23:30 UTC), zone);
    assert_eq!(f.env.clock.today(), date!(2026 - 07 - 16));
    let effects = update(&mut app, Msg::Day(f.env.clock.today()), now);
    assert_eq!(effects, [Effect::ReloadToday]);
    let fresh = load_today(&f.store(), &f.env, &catalog).expect("today");
    update(&mut app, Msg::TodayLoaded(fresh), now);
    assert_eq!(app.today.data.progress.day, date!(2026 - 07 - 16));
    let drawn = screen(&app);
    assert!(drawn.contains("○ no session yet today"), "{drawn}");
    // One session is not yet a week at the goal: the streak is in weeks.
    assert!(drawn.contains("no streak yet"), "{drawn}");
}
