//! Figures that agree with themselves (issue 21): a routine shows the
//! dose of the level it says, and each programme reason, n and due line
//! says what the record holds. Each failed before its fix.

use limber::model::SessionStatus;
use limber::store::Store;
use time::macros::date;

use crate::count_findings::{WEDNESDAY, Went, guided_with, ok};

#[test]
fn the_favourites_routine_shows_the_dose_of_the_level_it_says() {
    // Finding: "Pelvic tilt stretch · 2 sets × 10 reps" above "Level 2 of
    // 6, up from 1" (11 reps) in the favourites routine.
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
    let id = guided_with(
        h,
        date!(2026 - 11 - 23),
        "gentle-mobility",
        &[Went::Done; 7],
        SessionStatus::Completed,
        660,
        None,
    );
    let mut store = Store::open_in(&h.join("data")).expect("store");
    for position in 0..7 {
        store.rate_exercise(id, position, 5).expect("rate");
    }
    drop(store);
    let p = crate::count_findings::json(h, WEDNESDAY, &["programme", "status", "--format", "json"]);
    let tilt = p["exercises"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["name"] == "Pelvic tilt"))
        .cloned()
        .expect("pelvic tilt");
    assert_eq!(
        (tilt["level"].as_u64(), tilt["dose"].as_str()),
        (Some(2), Some("2 sets × 11 reps")),
        "{p}"
    );
    let page = ok(h, WEDNESDAY, &["screen", "favourites", "--size", "100x60"]);
    assert!(
        page.contains("Pelvic tilt  stretch · 2 sets × 11 reps"),
        "{page}"
    );
    assert!(page.contains("Level 2 of 6, up from 1"), "{page}");
}

#[test]
fn the_trends_n_is_the_seven_day_averages_own() {
    // Finding: "Latest 7-day average … from 4888 check-ins on 2702 days"
    // (the whole range's n beside a seven-day figure).
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let first = date!(2026 - 11 - 02);
    for i in 0..20 {
        let at = format!("{} 07:00", first + time::Duration::days(i));
        ok(
            h,
            WEDNESDAY,
            &[
                "checkin",
                "--pain",
                "4",
                "--anxiety",
                "3",
                "--mood",
                "6",
                "--at",
                &at,
            ],
        );
    }
    // A second check-in on the last day: 8 in its seven days.
    ok(
        h,
        WEDNESDAY,
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--at",
            "2026-11-21 08:00",
        ],
    );
    let trends = ok(h, WEDNESDAY, &["screen", "trends", "--size", "100x30"]);
    let flat = trends.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("(8 check-ins on 7 days)"), "{trends}");
    assert!(!flat.contains("21 check-ins"), "{trends}");
}
