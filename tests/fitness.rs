//! Fitness self-tests and the WHO-5: the store, `limber fitness`,
//! `limber wellbeing` and the report in the study's terms.

mod common;

use limber::model::{FitnessTest, NewFitnessResult, Who5};
use limber::store::Store;
use time::macros::{date, datetime};

fn chair(value: u32, at: time::OffsetDateTime) -> NewFitnessResult {
    NewFitnessResult {
        test: FitnessTest::ChairStand,
        value,
        at,
        local_date: at.date(),
    }
}

#[test]
fn the_first_try_of_each_test_is_the_practice_one_even_when_an_older_one_comes_later() {
    let mut store = Store::open_memory().expect("store");
    let first = store
        .add_fitness_result(&chair(9, datetime!(2026-11-02 08:00 UTC)))
        .expect("write");
    assert!(first.practice, "the first try is practice");
    let second = store
        .add_fitness_result(&chair(11, datetime!(2026-11-02 08:05 UTC)))
        .expect("write");
    assert!(!second.practice);
    let step = store
        .add_fitness_result(&NewFitnessResult {
            test: FitnessTest::StepTest,
            value: 80,
            at: datetime!(2026-11-02 08:10 UTC),
            local_date: date!(2026 - 11 - 02),
        })
        .expect("write");
    assert!(step.practice, "each test has its own practice try");
    // A try made earlier, written later (an import): it becomes the practice one.
    store
        .add_fitness_result(&chair(8, datetime!(2026-10-01 08:00 UTC)))
        .expect("write");
    let chairs: Vec<(u32, bool)> = store
        .fitness_results()
        .expect("read")
        .into_iter()
        .filter(|r| r.test == FitnessTest::ChairStand)
        .map(|r| (r.value, r.practice))
        .collect();
    assert_eq!(chairs, [(8, true), (9, false), (11, false)]);
    assert!(store.fitness_tried(FitnessTest::ChairStand).expect("read"));
    assert!(
        !store
            .fitness_tried(FitnessTest::SideBridgeLeft)
            .expect("read")
    );
}

#[test]
fn a_who5_is_kept_with_its_five_answers() {
    let mut store = Store::open_memory().expect("store");
    let w = Who5::new([3, 3, 2, 2, 2]).expect("in range");
    let uuid = "00000001-0000-4000-8000-000000000000";
    let at = datetime!(2026-11-02 08:00 UTC);
    let saved = store
        .add_who5_as(uuid, at, date!(2026 - 11 - 02), w)
        .expect("write");
    assert_eq!(saved.who5.score(), 48);
    // Written again under the same UUID: nothing more.
    store
        .add_who5_as(uuid, at, date!(2026 - 11 - 02), w)
        .expect("write");
    let all = store.who5_results().expect("read");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].who5.answers(), [3, 3, 2, 2, 2]);
}
