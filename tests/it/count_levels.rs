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
