//! The ordinary accidents of a synced folder (issue 20), each through the
//! store and sync as the program runs them: clocks that are wrong, ratings
//! given after a sync, a flare day cleared and marked again, ties within
//! one second, and a folder that holds more than limber's files.

use limber::model::{
    CheckInKind, Correction, EntryKind, ExerciseRecord, ExerciseStatus, Kind, NewCheckIn,
    NewSession, Scales, SessionKind, SessionStatus,
};
use limber::store::Store;
use time::{Duration, OffsetDateTime};

use crate::common::two::{T0, add_checkin, pain, sync, two};

fn edit(store: &mut Store, uuid: &str, pain: u8, now: OffsetDateTime) {
    let change = Correction {
        pain: Some(pain),
        ..Correction::default()
    };
    store
        .correct(EntryKind::CheckIn, uuid, &change, now)
        .expect("edit");
}

fn export(store: &Store) -> serde_json::Value {
    let mut doc = store.export().expect("export");
    doc.exported_at = None;
    serde_json::to_value(&doc).expect("json")
}

/// A clock an hour fast on A (a dual-boot machine keeping local time):
/// B's later correction was stamped earlier than A's entry and never went
/// out. A version later than every version seen makes it newer.
#[test]
fn a_correction_on_a_computer_whose_clock_is_behind_still_wins() {
    let mut w = two();
    let fast = T0 + Duration::hours(1);
    let id = add_checkin(&mut w.a, 6, fast);
    sync(&mut w.a, &w.dir, fast);
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(1));
    edit(&mut w.b, &id, 2, T0 + Duration::minutes(2));
    let out = sync(&mut w.b, &w.dir, T0 + Duration::minutes(3));
    assert_eq!(out.went_out, 1, "the correction goes out");
    sync(&mut w.a, &w.dir, fast + Duration::minutes(4));
    assert_eq!(pain(&w.a, &id), Some(2));
    assert_eq!(pain(&w.b, &id), Some(2));
    assert_eq!(export(&w.a), export(&w.b));
}

/// One computer's clock stepped back (an NTP fix) between an edit, a sync
/// and an `undo`: the undo is a new version, not a return to an old stamp.
#[test]
fn an_undo_after_the_clock_stepped_back_travels() {
    let mut w = two();
    let ahead = T0 + Duration::hours(2);
    let id = add_checkin(&mut w.a, 6, T0);
    edit(&mut w.a, &id, 3, ahead);
    sync(&mut w.a, &w.dir, ahead);
    sync(&mut w.b, &w.dir, ahead);
    assert_eq!(pain(&w.b, &id), Some(3));
    // The clock set right: two hours back.
    w.a.undo(T0 + Duration::minutes(5)).expect("undo");
    assert_eq!(pain(&w.a, &id), Some(6));
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(6));
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(7));
    assert_eq!(pain(&w.b, &id), Some(6));
    assert_eq!(export(&w.a), export(&w.b));
}

fn finished_session(store: &mut Store, at: OffsetDateTime) -> i64 {
    let s = store
        .add_session(&NewSession {
            routine_id: None,
            activity: "core".to_string(),
            kind: SessionKind::Guided,
            status: SessionStatus::InProgress,
            started_at: at,
            ended_at: None,
            local_date: at.date(),
            planned_seconds: 60,
            active_seconds: 0,
            note: None,
            gentle: false,
        })
        .expect("session");
    store
        .record_exercise(
            s.id,
            &ExerciseRecord {
                position: 0,
                name: "Bridge".to_string(),
                kind: Kind::Strength,
                planned_seconds: Some(60),
                actual_seconds: 60,
                planned_reps: None,
                sets_planned: 1,
                sets_done: 1,
                status: ExerciseStatus::Done,
                comfort: None,
                expected_pain: None,
                actual_pain: None,
                finished_at: at + Duration::minutes(1),
            },
        )
        .expect("exercise");
    store
        .finish_session(s.id, SessionStatus::Completed, at + Duration::minutes(1))
        .expect("finish");
    s.id
}

fn ratings(store: &Store) -> Vec<Option<u8>> {
    let doc = store.export().expect("export");
    doc.sessions
        .iter()
        .flat_map(|s| s.exercises.iter().map(|e| e.comfort))
        .collect()
}

/// A rating given on the summary after a sync had run is part of the
/// session: a new version of it, which travels.
#[test]
fn a_rating_given_after_a_sync_travels() {
    let mut w = two();
    let id = finished_session(&mut w.a, T0);
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(2));
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(3));
    assert_eq!(ratings(&w.b), vec![None]);
    w.a.rate_exercise(id, 0, 4).expect("rate");
    let out = sync(&mut w.a, &w.dir, T0 + Duration::minutes(4));
    assert_eq!(out.went_out, 1, "the rated session goes out");
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(5));
    assert_eq!(ratings(&w.b), vec![Some(4)]);
    assert_eq!(export(&w.a), export(&w.b));
}

/// A flare day is one record per date: cleared and marked again on one
/// device before it synced, every store keeps the day and its new note.
#[test]
fn a_flare_day_cleared_and_marked_again_ends_alike() {
    let mut w = two();
    let day = T0.date();
    w.a.mark_flare(day, Some("first"), T0).expect("mark");
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(1));
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(2));
    w.a.clear_flare(day, T0 + Duration::minutes(3))
        .expect("clear");
    w.a.mark_flare(day, Some("again"), T0 + Duration::minutes(4))
        .expect("mark again");
    for _ in 0..2 {
        sync(&mut w.a, &w.dir, T0 + Duration::minutes(5));
        sync(&mut w.b, &w.dir, T0 + Duration::minutes(6));
    }
    assert!(w.a.is_flare(day).expect("flare"));
    assert!(w.b.is_flare(day).expect("flare"));
    assert_eq!(
        w.a.flare_note(day).expect("note"),
        Some(Some("again".to_string()))
    );
    assert_eq!(export(&w.a), export(&w.b));
}

/// Two check-ins within one second on two devices: Today's last check-in
/// is the same everywhere (not each store's own row order).
#[test]
fn the_last_of_two_check_ins_in_one_second_is_the_same_everywhere() {
    let mut w = two();
    add_checkin(&mut w.a, 3, T0);
    add_checkin(&mut w.b, 7, T0);
    for _ in 0..2 {
        sync(&mut w.a, &w.dir, T0 + Duration::minutes(1));
        sync(&mut w.b, &w.dir, T0 + Duration::minutes(2));
    }
    let last = |s: &Store| s.last_checkin().expect("last").expect("one").uuid;
    assert_eq!(last(&w.a), last(&w.b));
}

/// A computer whose clock is days ahead edited a session: a new computer
/// beside it could then sync nothing at all, in or out ("checkins[0].session
/// … is neither in the file nor in this store"). The edited session waits
/// until its time has come, its check-in with it, and everything else
/// comes in and goes out meanwhile.
#[test]
fn a_session_edited_on_a_clock_days_ahead_waits_and_holds_up_nothing_else() {
    let mut w = two();
    let id = finished_session(&mut w.a, T0);
    w.a.add_checkin(&NewCheckIn {
        at: T0 + Duration::minutes(2),
        local_date: T0.date(),
        context: CheckInKind::After,
        session_id: Some(id),
        scales: Scales {
            pain: 4,
            anxiety: 2,
            mood: 6,
            fear: None,
        },
        note: None,
    })
    .expect("after");
    let today = add_checkin(&mut w.a, 5, T0 + Duration::minutes(3));
    let ahead = T0 + Duration::days(3);
    let uuid = export(&w.a)["sessions"][0]["uuid"]
        .as_str()
        .expect("uuid")
        .to_string();
    let change = Correction {
        note: Some(Some("felt good".to_string())),
        ..Correction::default()
    };
    w.a.correct(EntryKind::Session, &uuid, &change, ahead)
        .expect("edit");
    sync(&mut w.a, &w.dir, ahead + Duration::minutes(3));
    let mine = add_checkin(&mut w.b, 6, T0 + Duration::minutes(4));
    let out = sync(&mut w.b, &w.dir, T0 + Duration::minutes(5));
    assert_eq!(pain(&w.b, &today), Some(5), "the rest came in");
    assert!(
        out.unreadable.iter().any(|l| l.contains("tried again")),
        "{:?}",
        out.unreadable
    );
    sync(&mut w.a, &w.dir, ahead + Duration::minutes(4));
    assert_eq!(pain(&w.a, &mine), Some(6), "and B's went out");
    // Its time come, B takes the session and its check-in.
    sync(&mut w.b, &w.dir, ahead + Duration::minutes(5));
    assert_eq!(export(&w.a), export(&w.b));
}

/// One session finished on two devices (resumed on both after a copy):
/// each rated its exercise differently. A session with its ratings is one
/// record, so every store keeps the same one.
#[test]
fn one_session_finished_on_two_devices_ends_alike() {
    let mut w = two();
    let id = finished_session(&mut w.a, T0);
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(2));
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(2));
    let uuid = export(&w.a)["sessions"][0]["uuid"]
        .as_str()
        .expect("uuid")
        .to_string();
    let on_b = w.b.session_id(&uuid).expect("id").expect("on b");
    w.a.rate_exercise(id, 0, 2).expect("rate on a");
    w.b.rate_exercise(on_b, 0, 5).expect("rate on b");
    for _ in 0..2 {
        sync(&mut w.a, &w.dir, T0 + Duration::minutes(3));
        sync(&mut w.b, &w.dir, T0 + Duration::minutes(3));
    }
    assert_eq!(ratings(&w.a), ratings(&w.b));
    assert_eq!(export(&w.a), export(&w.b));
}

/// One flare day marked on two devices, each under a UUID of its own, and
/// cleared on one: every store ends with the newest of the three, whatever
/// order they sync in.
#[test]
fn a_flare_day_marked_on_two_devices_ends_alike() {
    for a_first in [true, false] {
        let mut w = two();
        let day = T0.date();
        w.a.mark_flare(day, Some("on a"), T0).expect("mark");
        w.b.mark_flare(day, Some("on b"), T0 + Duration::minutes(1))
            .expect("mark");
        w.a.clear_flare(day, T0 + Duration::minutes(2))
            .expect("clear");
        for _ in 0..2 {
            if a_first {
                sync(&mut w.a, &w.dir, T0 + Duration::minutes(5));
                sync(&mut w.b, &w.dir, T0 + Duration::minutes(6));
            } else {
                sync(&mut w.b, &w.dir, T0 + Duration::minutes(5));
                sync(&mut w.a, &w.dir, T0 + Duration::minutes(6));
            }
        }
        assert!(!w.a.is_flare(day).expect("flare"), "the clear is newest");
        assert!(!w.b.is_flare(day).expect("flare"));
        assert_eq!(export(&w.a), export(&w.b));
    }
}

/// RAND-36 results (physical functioning, the MHI-5) did not travel: one
/// taken on one computer was on that computer only, and so was its delete.
/// They go as every other entry does.
#[test]
fn a_rand36_result_and_its_delete_travel() {
    use limber::model::{Rand36, Rand36Scale};
    let mut w = two();
    let scale = Rand36::new(
        Rand36Scale::PhysicalFunctioning,
        &[3, 3, 2, 2, 1, 3, 3, 2, 1, 3],
    )
    .expect("answers");
    let taken = w.a.add_rand36(T0, T0.date(), &scale).expect("rand36");
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(1));
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(2));
    let on_b = |s: &Store| {
        s.rand36_results(Rand36Scale::PhysicalFunctioning)
            .expect("results")
            .len()
    };
    assert_eq!(on_b(&w.b), 1, "it came in");
    assert_eq!(export(&w.a), export(&w.b));
    w.b.delete_rand36(&taken.uuid, T0 + Duration::minutes(3))
        .expect("delete")
        .expect("found");
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(4));
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(5));
    assert_eq!(on_b(&w.a), 0, "its delete came in");
    assert_eq!(export(&w.a), export(&w.b));
}
