//! What goes with a check-in, in the store: tags, places and treatments
//! kept beside it through an upgrade, a round trip, a delete and an undo.

use crate::common;

use std::path::Path;

use common::fixture::checkin;
use common::{run, sql};
use limber::insights::context::context_report;
use limber::model::{CheckInContext, Correction, NewCheckIn, Region, Treatment};
use limber::store::{MIGRATIONS, SCHEMA_VERSION, Store};
use rusqlite::Connection;
use time::macros::{date, datetime};
use time::{Date, Duration};

const A: &str = "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10";

fn context(tags: &[&str], regions: &[&str], took: &[&str]) -> CheckInContext {
    CheckInContext::parse(tags, regions, took).expect("a valid context")
}

/// A check-in on `day` at 08:00 UTC with `pain`.
fn on(day: Date, pain: u8) -> NewCheckIn {
    NewCheckIn {
        at: day.with_hms(8, 0, 0).expect("time").assume_utc(),
        local_date: day,
        ..checkin(pain)
    }
}

fn uuid(i: u32) -> String {
    format!("{i:08x}-0000-4000-8000-000000000000")
}

#[test]
fn a_store_from_the_schema_before_is_upgraded_and_keeps_its_check_ins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("limber.db");
    {
        let mut conn = Connection::open(&path).expect("sqlite");
        // Version 5: the schema before the one that brought tags (0006).
        MIGRATIONS
            .to_version(&mut conn, 5)
            .expect("the schema before");
        conn.execute(
            "INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety, mood)
             VALUES (?1, '2026-01-02T08:00:00Z', '2026-01-02', 'daily', 6, 4, 5)",
            [A],
        )
        .expect("an old check-in");
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'checkin_tags'",
                [],
                |r| r.get(0),
            )
            .expect("schema");
        assert_eq!(tables, 0, "the schema before has no tags");
    }
    let mut store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let last = store.last_checkin().expect("read").expect("kept");
    assert_eq!((last.uuid.as_str(), last.scales.pain), (A, 6));
    assert_eq!(
        store.checkin_context(A).expect("read"),
        Some(CheckInContext::default()),
        "an old check-in carries nothing"
    );
    let c = context(&["travel"], &["neck"], &["physio"]);
    assert!(store.set_checkin_context(A, &c).expect("write"));
    assert_eq!(store.checkin_context(A).expect("read"), Some(c));
}

#[test]
fn tags_places_and_treatments_come_back_as_they_were_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(&dir.path().join("data")).expect("open");
    let c = context(
        &["Poor sleep", "long drive"],
        &["leg-below-knee-left", "lower-back"],
        &["Ibuprofen 400 mg", "heat pack"],
    );
    store
        .add_checkin_with_context(A, &checkin(6), &c)
        .expect("write");
    let back = store.checkin_context(A).expect("read").expect("there");
    assert_eq!(back, c);
    assert_eq!(back.regions, [Region::LowerBack, Region::BelowKneeLeft]);
    assert_eq!(
        back.took[0],
        Treatment {
            name: "Ibuprofen".into(),
            amount: Some("400 mg".into())
        }
    );
    assert!(back.below_knee());

    // Writing it again (a retry) adds nothing; a new context replaces it.
    store
        .add_checkin_with_context(A, &checkin(6), &c)
        .expect("again");
    let db = dir.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT count(*) FROM checkin_tags"), "2");
    let fewer = context(&["travel"], &[], &[]);
    assert!(store.set_checkin_context(A, &fewer).expect("replace"));
    assert_eq!(store.checkin_context(A).expect("read"), Some(fewer));
    assert_eq!(
        sql(&db, "SELECT count(*) FROM checkin_treatments"),
        "0",
        "what it no longer carries is gone"
    );
    assert!(!store.set_checkin_context(&uuid(9), &c).expect("no such"));
    assert_eq!(store.checkin_context(&uuid(9)).expect("read"), None);

    // The schema refuses a place it does not know, whoever writes it.
    let conn = Connection::open(&db).expect("sqlite");
    let err = conn
        .execute(
            "INSERT INTO checkin_regions (checkin_id, region) VALUES (1, 'knee')",
            [],
        )
        .expect_err("not a region");
    assert!(err.to_string().contains("CHECK"), "{err}");
}

#[test]
fn a_day_gathers_its_check_ins_and_tags_in_any_capitals_count_as_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(&dir.path().join("data")).expect("open");
    let day = date!(2026 - 11 - 20);
    let morning = on(day, 6);
    let evening = NewCheckIn {
        at: datetime!(2026-11-20 19:00 UTC),
        ..on(day, 3)
    };
    let c1 = context(&["poor sleep"], &["neck"], &["ibuprofen 200 mg"]);
    let c2 = context(&["Poor Sleep", "travel"], &["neck", "foot-right"], &[]);
    store
        .add_checkin_with_context(&uuid(1), &morning, &c1)
        .expect("morning");
    store
        .add_checkin_with_context(&uuid(2), &evening, &c2)
        .expect("evening");
    store
        .add_checkin_with_context(
            &uuid(3),
            &on(day + Duration::days(1), 2),
            &CheckInContext::default(),
        )
        .expect("next day, nothing noted");

    let days = store
        .day_contexts(day, day + Duration::days(1))
        .expect("days");
    assert_eq!(days.len(), 2, "a day with nothing noted is a day too");
    let d = &days[0];
    assert_eq!((d.checkins, d.pain), (2, 4.5));
    assert_eq!(d.tags, ["Poor Sleep", "travel"], "the latest spelling");
    assert_eq!(d.took, ["ibuprofen"]);
    assert_eq!(d.regions, [Region::Neck, Region::FootRight]);
    assert!(days[1].tags.is_empty());

    let known = store.known_tags().expect("tags");
    let names: Vec<(&str, u32)> = known
        .iter()
        .map(|k| (k.name.as_str(), k.checkins))
        .collect();
    assert_eq!(names, [("Poor Sleep", 2), ("travel", 1)]);
    let both = store.checkin_contexts_between(day, day).expect("contexts");
    let uuids: Vec<&str> = both.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(uuids, [uuid(1), uuid(2)]);
    assert_eq!(both[1].1, c2);
}

#[test]
fn the_treatments_used_last_are_offered_first_each_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(&dir.path().join("data")).expect("open");
    let start = date!(2026 - 11 - 01);
    let took = [
        "heat pack",
        "ibuprofen 400 mg",
        "physio",
        "Heat Pack",
        "ibuprofen 200 mg",
    ];
    for (i, t) in took.iter().enumerate() {
        let day = start + Duration::days(i as i64);
        store
            .add_checkin_with_context(&uuid(i as u32), &on(day, 4), &context(&[], &[], &[t]))
            .expect("write");
    }
    let recent: Vec<String> = store
        .recent_treatments(10)
        .expect("recent")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        recent,
        [
            "ibuprofen 200 mg",
            "Heat Pack",
            "physio",
            "ibuprofen 400 mg"
        ]
    );
    assert_eq!(store.recent_treatments(2).expect("two").len(), 2);
}

/// Runs limber and expects success.
fn ok(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, args);
    assert_eq!(code, 0, "limber {args:?} failed: {err}");
    out
}

/// Twelve days of check-ins, poor sleep on four of them, one of which
/// (uuid 0) also had ibuprofen and pain below the knee.
fn diary(home: &Path) -> Date {
    let mut store = Store::open_in(&home.join("data")).expect("open");
    let start = date!(2026 - 11 - 10);
    for i in 0..12u32 {
        let day = start + Duration::days(i64::from(i));
        let c = match i {
            0 => context(
                &["poor sleep"],
                &["leg-below-knee-right"],
                &["ibuprofen 400 mg"],
            ),
            3 | 6 | 9 => context(&["poor sleep"], &[], &[]),
            _ => CheckInContext::default(),
        };
        let pain = if c.tags.is_empty() { 3 } else { 6 };
        store
            .add_checkin_with_context(&uuid(i), &on(day, pain), &c)
            .expect("write");
    }
    start
}

#[test]
fn a_deleted_check_in_leaves_every_count_and_undo_brings_it_back() {
    let home = tempfile::tempdir().expect("home");
    let start = diary(home.path());
    let end = start + Duration::days(11);
    let counts = || {
        let store = Store::open_in(&home.path().join("data")).expect("open");
        let report = context_report(&store.day_contexts(start, end).expect("days"), start, end);
        // Too few days to compare; and the check-ins without a tag did
        // not answer the tags row, so none is "without".
        let poor_sleep = report
            .tags_too_few
            .iter()
            .find(|a| a.name == "poor sleep")
            .map(|a| (a.days_with, a.days_without));
        (
            store.known_tags().expect("tags")[0].checkins,
            store.recent_treatments(5).expect("recent").len(),
            poor_sleep,
            report.locations.len(),
            store.checkin_context(&uuid(0)).expect("read").is_some(),
        )
    };
    assert_eq!(counts(), (4, 1, Some((4, 0)), 1, true));

    let out = ok(home.path(), &["delete", &uuid(0)[..8]]);
    assert!(out.starts_with("Deleted the check-in"), "{out}");
    assert_eq!(
        counts(),
        (3, 0, Some((3, 0)), 0, false),
        "a tombstone carries nothing into any count"
    );
    let db = home.path().join("data/limber.db");
    assert_eq!(
        sql(&db, "SELECT count(*) FROM checkin_tags"),
        "4",
        "kept beside the tombstone, for undo"
    );

    let out = ok(home.path(), &["undo"]);
    assert!(out.contains("Undid the delete"), "{out}");
    assert_eq!(counts(), (4, 1, Some((4, 0)), 1, true));
    let store = Store::open_in(&home.path().join("data")).expect("open");
    assert_eq!(
        store.checkin_context(&uuid(0)).expect("read"),
        Some(context(
            &["poor sleep"],
            &["leg-below-knee-right"],
            &["ibuprofen 400 mg"]
        ))
    );
}

#[test]
fn a_check_in_whose_context_cannot_be_written_is_not_written_either() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(&dir.path().join("data")).expect("open");
    // Past the schema's 40 characters: made by hand, as `parse` refuses it.
    let bad = CheckInContext {
        tags: vec!["x".repeat(41)],
        ..CheckInContext::default()
    };
    store
        .add_checkin_with_context(A, &checkin(6), &bad)
        .expect_err("the schema refuses the tag");
    let db = dir.path().join("data/limber.db");
    assert_eq!(
        sql(&db, "SELECT count(*) FROM checkins"),
        "0",
        "one transaction: no check-in without its context"
    );
    assert_eq!(sql(&db, "SELECT count(*) FROM undo_log"), "0");
}

#[test]
fn a_correction_of_the_context_is_undone_with_the_row_and_bumps_updated_at() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(&dir.path().join("data")).expect("open");
    let first = context(&["Poor sleep", "travel"], &["neck"], &["heat pack"]);
    store
        .add_checkin_with_context(A, &checkin(6), &first)
        .expect("write");
    let db = dir.path().join("data/limber.db");
    let before = sql(&db, "SELECT updated_at FROM checkins");
    let second = context(&["lifting"], &["foot-left", "thigh-right"], &[]);
    let later = datetime!(2026-11-25 11:00 UTC);
    assert!(
        store
            .correct_checkin(A, &Correction::default(), Some(&second), later)
            .expect("correct")
    );
    assert_eq!(store.checkin_context(A).expect("read"), Some(second));
    assert_ne!(sql(&db, "SELECT updated_at FROM checkins"), before);
    let undone_at = datetime!(2026-11-25 11:05 UTC);
    store.undo(undone_at).expect("undo");
    assert_eq!(store.checkin_context(A).expect("read"), Some(first.clone()));
    // The undo is itself a change, made when it was made.
    assert_eq!(
        sql(&db, "SELECT updated_at FROM checkins"),
        "2026-11-25T11:05:00Z"
    );
    // A correction of the scales alone leaves the context as it is.
    let change = Correction {
        pain: Some(2),
        ..Correction::default()
    };
    assert!(
        store
            .correct_checkin(A, &change, None, later)
            .expect("correct")
    );
    assert_eq!(store.checkin_context(A).expect("read"), Some(first));
}

/// A row answered with nothing is kept apart from a row skipped: in the
/// store, through an export and an import, and through a sync; and only
/// the answered day is "without" in what goes with your pain.
#[test]
fn a_row_answered_with_nothing_is_kept_apart_from_one_skipped_everywhere() {
    use limber::model::Answered;
    let mut t = common::two::two();
    let day = date!(2026 - 11 - 02);
    let none = CheckInContext::parse_answered(&["none"], &["none"], &[] as &[&str])
        .expect("none is an answer");
    assert_eq!(
        none.answered,
        Answered {
            tags: true,
            regions: true,
            took: false
        }
    );
    assert!(none.is_empty(), "\"none\" is kept as no word");
    t.a.add_checkin_with_context(&uuid(1), &on(day, 3), &none)
        .expect("answered");
    t.a.add_checkin_with_context(
        &uuid(2),
        &on(day + Duration::days(1), 3),
        &CheckInContext::default(),
    )
    .expect("skipped");
    assert_eq!(
        t.a.checkin_context(&uuid(1))
            .expect("read")
            .map(|c| c.answered),
        Some(none.answered)
    );
    assert_eq!(
        t.a.checkin_context(&uuid(2))
            .expect("read")
            .map(|c| c.answered),
        Some(Answered::default())
    );
    let days =
        t.a.day_contexts(day, day + Duration::days(1))
            .expect("days");
    assert!(days[0].answered.tags && !days[1].answered.tags);

    // An export names the rows answered; one skipped has no key.
    let doc = t.a.export().expect("export");
    let json = serde_json::to_value(&doc.checkins).expect("json");
    assert_eq!(json[0]["answered"], serde_json::json!(["tags", "where"]));
    assert!(json[1].get("answered").is_none(), "{}", json[1]);
    let dir = tempfile::tempdir().expect("dir");
    let mut other = Store::open_in(dir.path()).expect("open");
    other
        .import(&doc, datetime!(2026-11-25 10:00 UTC))
        .expect("import");
    assert_eq!(
        other
            .checkin_context(&uuid(1))
            .expect("read")
            .map(|c| c.answered),
        Some(none.answered)
    );
    // A name limber does not know is refused with where it is.
    let mut bad = doc.clone();
    bad.checkins[0].answered = vec!["mood".to_string()];
    let err = other
        .import(&bad, datetime!(2026-11-25 10:00 UTC))
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains("checkins[0]") && err.contains("\"mood\""),
        "{err}"
    );

    // A sync carries it to the other device.
    let now = datetime!(2026-11-25 10:00 UTC);
    common::two::sync(&mut t.a, &t.dir, now);
    common::two::sync(&mut t.b, &t.dir, now);
    assert_eq!(
        t.b.checkin_context(&uuid(1))
            .expect("read")
            .map(|c| c.answered),
        Some(none.answered)
    );
    assert_eq!(
        t.b.checkin_context(&uuid(2))
            .expect("read")
            .map(|c| c.answered),
        Some(Answered::default())
    );
}
