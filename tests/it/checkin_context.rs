//! What goes with a check-in, given in the app: tags, places on the body
//! map (by key and by click) and treatments taken before, saved with the
//! check-in through the outbox, waiting with it when the disk is full; and
//! a quick check-in as quick as it was. Driven through `update` at
//! synthetic instants, with the effects carried out as the loop does.

use crate::common;

use std::time::Instant;

use common::app::Run;
use common::fixture::Fixture;
use common::frame::look;
use common::sql;
use limber::model::{CheckInContext, Region, Treatment};
use limber::store::{Store, StoreError};
use limber::tui::Effect;
use limber::tui::app::{Msg, Screen};
use limber::tui::hits::Target;
use ratatui::crossterm::event::KeyCode;

impl Run {
    fn look_at(&mut self, size: (u16, u16), now: Instant) -> String {
        format!("{}", look(&mut self.app, size, now))
    }

    /// The UUID of the check-in written last.
    fn last_uuid(&self) -> String {
        sql(
            &self.db(),
            "SELECT uuid FROM checkins ORDER BY id DESC LIMIT 1",
        )
    }
}

/// A check-in from the shell, a week back, with a tag and a treatment of
/// the person's own: the app offers both again.
fn with_history() -> Fixture {
    let fixture = Fixture::new(0);
    let mut store = fixture.store();
    let context =
        CheckInContext::parse(&["gardening"], &["neck"], &["ibuprofen 400 mg"]).expect("context");
    store
        .add_checkin_with_context(
            "11111111-1111-4111-8111-111111111111",
            &common::fixture::checkin(4),
            &context,
        )
        .expect("add");
    fixture
}

/// Today → check-in: pain 4, anxiety 3, mood 6; on to the fear scale.
fn scales(run: &mut Run, now: Instant) {
    run.press(
        &[
            KeyCode::Char('c'),
            KeyCode::Char('4'),
            KeyCode::Down,
            KeyCode::Char('3'),
            KeyCode::Down,
            KeyCode::Char('6'),
            KeyCode::Down,
        ],
        now,
    );
}

#[test]
fn a_tag_a_place_by_key_and_by_click_and_a_treatment_are_saved_with_the_check_in() {
    let mut run = Run::new(with_history());
    let now = Instant::now();
    scales(&mut run, now);
    // The form asked for the words it offers as it opened.
    assert!(run.effects.contains(&Effect::LoadCheckInWords));
    // Tags: the six offered first, then the person's own "gardening" (7).
    run.press(&[KeyCode::Down], now);
    let screen = run.look_at((80, 24), now);
    assert!(screen.contains("[ ] 7 gardening"), "{screen}");
    run.press(&[KeyCode::Char('1'), KeyCode::Char('7')], now);
    // A new tag, typed.
    run.press(&[KeyCode::Char('a')], now);
    run.typed("Long  walk", now);
    run.press(&[KeyCode::Enter], now);
    // Where: the lower back by its key, the left leg below the knee by a click.
    run.press(&[KeyCode::Down, KeyCode::Char('3')], now);
    let screen = run.look_at((80, 24), now);
    assert!(screen.contains("████3████"), "{screen}");
    let (column, row) = (0..80u16)
        .flat_map(|x| (0..24u16).map(move |y| (x, y)))
        .find(|&(x, y)| run.app.hits.at(x, y) == Some(Target::Region(Region::BelowKneeLeft)))
        .expect("the left leg below the knee is on the map");
    run.send(Msg::Click(column, row), now);
    // What you took: ibuprofen, taken before, with one key.
    run.press(&[KeyCode::Down], now);
    let screen = run.look_at((80, 24), now);
    assert!(screen.contains("[ ] 1 ibuprofen 400 mg"), "{screen}");
    run.press(&[KeyCode::Char('1')], now);
    run.press(&[KeyCode::Enter], now);

    assert!(matches!(run.app.screen, Screen::Today));
    assert!(run.app.unsaved.is_empty(), "{:?}", run.app.unsaved);
    let stored = run
        .store
        .checkin_context(&run.last_uuid())
        .expect("read")
        .expect("the check-in is there");
    assert_eq!(stored.tags, ["poor sleep", "gardening", "Long walk"]);
    assert_eq!(stored.regions, [Region::LowerBack, Region::BelowKneeLeft]);
    assert_eq!(
        stored.took,
        [Treatment::parse("ibuprofen 400 mg").expect("treatment")]
    );
    assert_eq!(
        sql(
            &run.db(),
            "SELECT pain, anxiety, mood FROM checkins ORDER BY id DESC LIMIT 1"
        ),
        "4|3|6"
    );
}

#[test]
fn a_quick_check_in_takes_the_same_keys_as_before_and_carries_nothing_more() {
    let mut run = Run::new(with_history());
    let now = Instant::now();
    // c, three digits with two arrows between, Enter: seven keys, as ever.
    run.press(&[KeyCode::Char('c')], now);
    run.press(&common::checkin_keys([2, 5, 7]), now);
    assert!(matches!(run.app.screen, Screen::Today));
    let saved: Vec<&Effect> = run
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::SaveCheckIn { .. }))
        .collect();
    assert_eq!(saved.len(), 1, "{:?}", run.effects);
    let uuid = run.last_uuid();
    assert_eq!(
        run.store.checkin_context(&uuid).expect("read"),
        Some(CheckInContext::default())
    );
    assert_eq!(
        sql(
            &run.db(),
            "SELECT pain, anxiety, mood FROM checkins ORDER BY id DESC LIMIT 1"
        ),
        "2|5|7"
    );
}

#[test]
fn a_word_that_cannot_be_kept_is_refused_on_the_row_and_can_be_mended() {
    let mut run = Run::new(Fixture::new(0));
    let now = Instant::now();
    scales(&mut run, now);
    run.press(&[KeyCode::Down, KeyCode::Down, KeyCode::Down], now);
    run.press(&[KeyCode::Char('a')], now);
    run.typed("ibuprofen; paracetamol", now);
    run.press(&[KeyCode::Enter], now);
    let screen = run.look_at((80, 24), now);
    assert!(screen.contains("has a \";\""), "{screen}");
    // Still typing: the semicolon goes, and Enter keeps it.
    for _ in 0.."; paracetamol".len() {
        run.press(&[KeyCode::Backspace], now);
    }
    run.typed(" 200 mg", now);
    run.press(&[KeyCode::Enter, KeyCode::Enter], now);
    let stored = run
        .store
        .checkin_context(&run.last_uuid())
        .expect("read")
        .expect("there");
    assert_eq!(
        stored.took,
        [Treatment::parse("ibuprofen 200 mg").expect("t")]
    );
}

#[test]
fn pain_below_the_knee_with_tingling_noted_shows_the_safety_list_once_a_day() {
    let mut run = Run::new(Fixture::new(0));
    let now = Instant::now();
    let check_in = |run: &mut Run| {
        scales(run, now);
        run.press(&[KeyCode::Down, KeyCode::Down, KeyCode::Char('9')], now);
        run.press(&[KeyCode::Char('n')], now);
        run.typed("tingling in the right foot", now);
        run.press(&[KeyCode::Enter, KeyCode::Enter], now);
    };
    check_in(&mut run);
    let screen = run.look_at((80, 24), now);
    assert!(
        screen.contains("You noted pain below the knee with numbness or tingling"),
        "{screen}"
    );
    assert!(screen.contains("Call 999 or go to A&E"), "{screen}");
    // Any key closes it.
    run.press(&[KeyCode::Char('x')], now);
    assert!(run.app.red_flags.is_none());
    // Another the same day: not again.
    check_in(&mut run);
    assert!(run.app.red_flags.is_none());
    // Below the knee without it: nothing.
    let mut quiet = Run::new(Fixture::new(0));
    scales(&mut quiet, now);
    quiet.press(
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Char('8'),
            KeyCode::Enter,
        ],
        now,
    );
    assert_eq!(quiet.app.notice, None);
    assert!(quiet.app.red_flags.is_none());
}

/// Makes the store "full", as tests/unsaved.rs does: every page it may
/// have is taken by check-ins of its own.
fn fill_up(store: &mut Store) {
    store.limit_pages(1).expect("limit");
    for size in [4_000, 400, 40, 0] {
        let note = (size > 0).then(|| "x".repeat(size));
        loop {
            let checkin = limber::model::NewCheckIn {
                note: note.clone(),
                ..common::fixture::checkin(1)
            };
            match store.add_checkin(&checkin) {
                Ok(_) => {}
                Err(StoreError::DiskFull) => break,
                Err(e) => panic!("{e}"),
            }
        }
    }
}

#[test]
fn with_the_disk_full_what_goes_with_a_check_in_waits_with_it() {
    let mut run = Run::new(Fixture::new(0));
    fill_up(&mut run.store);
    let now = Instant::now();
    scales(&mut run, now);
    run.press(&[KeyCode::Down, KeyCode::Char('2')], now);
    run.press(&[KeyCode::Down, KeyCode::Char('3'), KeyCode::Enter], now);
    assert_eq!(run.app.unsaved.entries, 1, "{:?}", run.app.unsaved);
    let count = || sql(&run.db(), "SELECT count(*) FROM checkin_tags");
    assert_eq!(count(), "0");
    // A recovery file holds the check-in with its context: nothing lost.
    let (doc, lost) = run.outbox.recovery(&run.store);
    assert_eq!(lost, 0);
    assert_eq!(doc.checkins[0].tags, ["stressful day"]);
    assert_eq!(doc.checkins[0].regions, ["lower-back"]);
    // Space again: the next wake writes the check-in with its context.
    run.store.limit_pages(1_000_000).expect("space");
    run.send(Msg::Tick, now);
    assert!(run.app.unsaved.is_empty(), "{:?}", run.app.unsaved);
    let stored = run
        .store
        .checkin_context(&run.last_uuid())
        .expect("read")
        .expect("there");
    assert_eq!(stored.tags, ["stressful day"]);
    assert_eq!(stored.regions, [Region::LowerBack]);
}

#[test]
fn a_before_session_check_in_keeps_its_context_on_the_session() {
    let mut run = Run::new(Fixture::new(0));
    let now = Instant::now();
    // Today → the first routine → start → its before-check-in.
    run.press(&[KeyCode::Enter, KeyCode::Enter], now);
    assert!(matches!(run.app.screen, Screen::CheckIn(_)));
    run.press(
        &[
            KeyCode::Char('2'),
            KeyCode::Down,
            KeyCode::Char('2'),
            KeyCode::Down,
            KeyCode::Char('7'),
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Char('3'),
            KeyCode::Enter,
        ],
        now,
    );
    assert!(matches!(run.app.screen, Screen::Session(_)));
    let uuid = sql(
        &run.db(),
        "SELECT uuid FROM checkins WHERE context = 'before' AND session_id IS NOT NULL",
    );
    let stored = run
        .store
        .checkin_context(&uuid)
        .expect("read")
        .expect("there");
    assert_eq!(stored.regions, [Region::LowerBack]);
}

/// At 44×14 the tags, places and what was taken share one row, and a long
/// one was cut with no mark ("ibuprofe"): it ends in "…" where it is cut.
#[test]
fn the_context_row_at_44x14_ends_in_an_ellipsis_where_it_is_cut() {
    let mut run = Run::new(with_history());
    let now = Instant::now();
    scales(&mut run, now);
    run.press(&[KeyCode::Down], now);
    for key in ['1', '2', '3', '4', '5', '6'] {
        run.press(&[KeyCode::Char(key)], now);
    }
    let screen = run.look_at((44, 14), now);
    let row = screen
        .lines()
        .find(|l| l.contains("Tags: ") || l.contains("With: "))
        .unwrap_or_else(|| panic!("the context row: {screen}"));
    assert!(row.trim_matches('"').trim_end().ends_with('…'), "{screen}");
}
