//! The graded exposure ladder: feared everyday activities and each try of
//! one, through the store, export/import, sync and the command line.

use limber::store::{Store, TryDone};
use time::{Duration, OffsetDateTime};

use crate::common::two::{T0, sync, two};

fn export(store: &Store) -> serde_json::Value {
    let mut doc = store.export().expect("export");
    doc.exported_at = None;
    serde_json::to_value(&doc).expect("json")
}

fn done(happened: &str, after: u8, pain: Option<u8>) -> TryDone<'_> {
    TryDone {
        happened,
        after,
        pain,
        note: None,
    }
}

fn at(minutes: i64) -> OffsetDateTime {
    T0 + Duration::minutes(minutes)
}

/// A step edited on both computers ends the same on both (the later edit),
/// and a try recorded on each is on both.
#[test]
fn a_step_edited_on_both_and_a_try_on_each_converge() {
    let mut w = two();
    let step =
        w.a.add_fear_step("lifting a bag", 80, None, at(0), T0.date())
            .expect("step");
    sync(&mut w.a, &w.dir, at(1));
    sync(&mut w.b, &w.dir, at(2));
    assert_eq!(w.b.fear_ladder().expect("ladder").len(), 1, "it came in");
    w.a.edit_fear_step(
        &step.uuid,
        Some("lifting a shopping bag"),
        None,
        None,
        at(3),
    )
    .expect("edit a");
    w.b.edit_fear_step(&step.uuid, None, Some(5), Some(75), at(4))
        .expect("edit b");
    w.a.finish_fear_try(
        &step.uuid,
        Some(80),
        &done("fine", 60, Some(3)),
        at(5),
        T0.date(),
    )
    .expect("try a");
    w.b.begin_fear_try(&step.uuid, 75, at(6), T0.date())
        .expect("try b");
    for (i, s) in [0, 1, 0, 1].into_iter().enumerate() {
        let store = if s == 0 { &mut w.a } else { &mut w.b };
        sync(store, &w.dir, at(10 + i as i64));
    }
    assert_eq!(export(&w.a), export(&w.b));
    let ladder = w.a.fear_ladder().expect("ladder");
    assert_eq!(ladder.len(), 1);
    // B's edit was the later: the whole row is B's.
    assert_eq!(ladder[0].step.name, "lifting a bag");
    assert_eq!(ladder[0].step.expected, 75);
    assert_eq!(ladder[0].tries.len(), 2, "a try from each computer");
    assert_eq!(ladder[0].tries_done(), 1);
}

/// A step deleted on one computer while a try of it was recorded on the
/// other: both end with the step gone and its tries unread, alike.
#[test]
fn a_try_of_a_step_deleted_elsewhere_is_not_read() {
    let mut w = two();
    let step =
        w.a.add_fear_step("shovelling", 90, None, at(0), T0.date())
            .expect("step");
    sync(&mut w.a, &w.dir, at(1));
    sync(&mut w.b, &w.dir, at(2));
    w.a.delete_fear_step(&step.uuid, at(3))
        .expect("delete")
        .expect("found");
    w.b.finish_fear_try(
        &step.uuid,
        Some(90),
        &done("did a path", 70, None),
        at(4),
        T0.date(),
    )
    .expect("try");
    for (i, s) in [0, 1, 0, 1].into_iter().enumerate() {
        let store = if s == 0 { &mut w.a } else { &mut w.b };
        sync(store, &w.dir, at(10 + i as i64));
    }
    assert!(w.a.fear_ladder().expect("ladder").is_empty());
    assert!(w.b.fear_ladder().expect("ladder").is_empty());
    assert_eq!(export(&w.a), export(&w.b));
}

/// A try's line read before its step's (the step's file not here yet)
/// waits, and comes in once the step does.
#[test]
fn a_try_waits_for_its_step() {
    let mut w = two();
    let step =
        w.a.add_fear_step("carrying the washing", 50, None, at(0), T0.date())
            .expect("step");
    let doc = w.a.export().expect("export");
    w.a.finish_fear_try(
        &step.uuid,
        Some(50),
        &done("two trips", 30, Some(2)),
        at(1),
        T0.date(),
    )
    .expect("try");
    // B gets only the try, through a file: refused whole, naming the step.
    let mut only_try = w.a.export().expect("export");
    only_try.fear_steps.clear();
    let refused = w.b.import(&only_try, at(2)).expect_err("refused");
    assert!(
        refused.to_string().contains("fear_tries[0].step"),
        "{refused}"
    );
    assert!(
        w.b.fear_ladder().expect("ladder").is_empty(),
        "nothing saved"
    );
    // With the step first, both come in, and again adds nothing.
    w.b.import(&doc, at(3)).expect("step");
    let summary = w.b.import(&only_try, at(4)).expect("try");
    assert_eq!(summary.fear_tries_added, 1);
    let again =
        w.b.import(&w.a.export().expect("export"), at(5))
            .expect("again");
    assert_eq!((again.fear_steps_added, again.fear_tries_added), (0, 0));
    assert_eq!(export(&w.a), export(&w.b));
}

/// Export and import carry the ladder whole, its tombstones too; a bad
/// rating in a file is refused naming where.
#[test]
fn export_and_import_carry_the_ladder() {
    let mut w = two();
    let lift =
        w.a.add_fear_step("lifting a bag", 80, None, at(0), T0.date())
            .expect("step");
    let run =
        w.a.add_fear_step("running for a bus", 95, None, at(0), T0.date())
            .expect("step");
    w.a.finish_fear_try(
        &lift.uuid,
        Some(80),
        &done("ok", 55, Some(4)),
        at(1),
        T0.date(),
    )
    .expect("try");
    w.a.delete_fear_step(&run.uuid, at(2))
        .expect("delete")
        .expect("found");
    let doc = w.a.export().expect("export");
    let json = serde_json::to_value(&doc).expect("json");
    assert_eq!(json["fear_steps"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["fear_tries"][0]["expected_after"], 55);
    assert!(
        json["deleted"]
            .as_array()
            .expect("deleted")
            .iter()
            .any(|d| d["kind"] == "fear-step" && d["uuid"] == run.uuid.as_str())
    );
    let summary = w.b.import(&doc, at(3)).expect("import");
    assert_eq!((summary.fear_steps_added, summary.fear_tries_added), (1, 1));
    assert_eq!(export(&w.a), export(&w.b));
    let mut bad = doc.clone();
    bad.fear_tries[0].expected_after = Some(140);
    let refused = w.b.import(&bad, at(4)).expect_err("bad");
    assert!(
        refused
            .to_string()
            .contains("fear_tries[0].expected_after 140 is not 0 to 100"),
        "{refused}"
    );
}
