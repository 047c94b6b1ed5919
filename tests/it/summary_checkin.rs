//! Issue 21, item 4: the summary's ratings land on the row meant (the
//! cursor starts on the first unrated one, and a rating that replaces
//! another says so), and Esc on a check-in with anything filled in asks
//! before throwing it away. Driven through `update` at synthetic instants.

use crate::common;

use std::time::{Duration, Instant};

use common::app::Run;
use common::fixture::Fixture;
use common::frame::frame;
use limber::tui::Effect;
use limber::tui::app::{Msg, Screen};
use ratatui::crossterm::event::KeyCode;

const SECOND: Duration = Duration::from_secs(1);

impl Run {
    fn shown(&self, now: Instant) -> String {
        format!("{}", frame(&self.app, (80, 24), now).0)
    }

    /// The ratings asked to be written so far: (position, comfort).
    fn ratings(&self) -> Vec<(u32, u8)> {
        self.effects
            .iter()
            .filter_map(|e| match e {
                Effect::RateExercise {
                    position, comfort, ..
                } => Some((*position, *comfort)),
                _ => None,
            })
            .collect()
    }

    fn checkins_saved(&self) -> usize {
        self.effects
            .iter()
            .filter(|e| matches!(e, Effect::SaveCheckIn { .. }))
            .count()
    }
}

/// The desk break, the before-check-in skipped, cat-cow rated 4 in its
/// rest, then ended early a few seconds into the next exercise: the summary
/// lists cat-cow (rated) and what followed it (not yet).
fn summary_with_cat_cow_rated(run: &mut Run, t0: Instant) -> Instant {
    run.app.config.checkin_after = false;
    let Some(i) = (run.app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    run.app.today.selected = i;
    run.press(&[KeyCode::Enter, KeyCode::Enter, KeyCode::Esc], t0);
    let rest = t0 + 46 * SECOND;
    run.send(Msg::Tick, rest);
    run.press(&[KeyCode::Char('4')], rest);
    let later = t0 + 58 * SECOND;
    run.send(Msg::Tick, later);
    run.press(&[KeyCode::Char('q'), KeyCode::Char('y')], later);
    let Screen::Summary(summary) = &run.app.screen else {
        panic!("not the summary: {}", run.shown(later))
    };
    assert_eq!(summary.exercises[0].name, "Seated cat-cow");
    assert_eq!(summary.exercises[0].rating, Some(4));
    assert!(summary.exercises.len() >= 2, "{:?}", summary.exercises);
    assert_eq!(summary.exercises[1].rating, None);
    later
}

#[test]
fn the_summary_cursor_starts_on_the_first_unrated_row() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    let now = summary_with_cat_cow_rated(&mut run, t0);
    let shown = run.shown(now);
    let Screen::Summary(summary) = &run.app.screen else {
        panic!("not the summary: {shown}")
    };
    let second = summary.exercises[1].name.clone();
    assert!(
        shown.contains(&format!("› {second}")),
        "the cursor on the unrated row: {shown}"
    );
    // The 5 meant for the unrated row goes to it; cat-cow keeps its 4.
    run.press(&[KeyCode::Char('5')], now);
    assert_eq!(run.ratings(), vec![(0, 4), (1, 5)]);
    let Screen::Summary(summary) = &run.app.screen else {
        panic!("not the summary")
    };
    assert_eq!(summary.exercises[0].rating, Some(4));
    assert_eq!(summary.exercises[1].rating, Some(5));
}

#[test]
fn a_rating_that_replaces_another_says_so() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    let now = summary_with_cat_cow_rated(&mut run, t0);
    // Up to cat-cow, on purpose, and a 5 over its 4: rated, and said.
    run.press(&[KeyCode::Up, KeyCode::Char('5')], now);
    assert_eq!(run.ratings(), vec![(0, 4), (0, 5)]);
    let shown = run.shown(now);
    assert!(shown.contains("Seated cat-cow: 4 → 5"), "{shown}");
    // A first rating is not a replacement: nothing said of it.
    let Screen::Summary(summary) = &run.app.screen else {
        panic!("not the summary: {shown}")
    };
    let second = summary.exercises[1].name.clone();
    run.press(&[KeyCode::Char('3')], now);
    let shown = run.shown(now);
    assert!(!shown.contains(" → 5"), "{shown}");
    assert!(!shown.contains(&format!("{second}: ")), "{shown}");
}

/// Today → the daily check-in, filled as in the finding: pain 7, anxiety
/// 6, mood 3 and a note, the note left with Esc.
fn filled(run: &mut Run, now: Instant) {
    run.press(
        &[
            KeyCode::Char('c'),
            KeyCode::Char('7'),
            KeyCode::Char('j'),
            KeyCode::Char('6'),
            KeyCode::Char('j'),
            KeyCode::Char('3'),
            KeyCode::Char('n'),
        ],
        now,
    );
    run.typed("stiff after the drive", now);
    run.press(&[KeyCode::Esc], now);
    assert!(
        matches!(run.app.screen, Screen::CheckIn(_)),
        "Esc left the note only"
    );
}

#[test]
fn esc_on_a_filled_check_in_asks_before_discarding_it() {
    let mut run = Run::new(Fixture::new(0));
    let now = Instant::now();
    filled(&mut run, now);
    run.press(&[KeyCode::Esc], now);
    let shown = run.shown(now);
    assert!(matches!(run.app.screen, Screen::CheckIn(_)), "{shown}");
    assert!(shown.contains("Discard this check-in?"), "{shown}");
    // Any other key: back to the form, all of it kept.
    run.press(&[KeyCode::Char('n')], now);
    let Screen::CheckIn(form) = &run.app.screen else {
        panic!("the form closed: {}", run.shown(now))
    };
    assert_eq!(form.values[..3], [Some(7), Some(6), Some(3)]);
    assert_eq!(form.note, "stiff after the drive");
    assert!(!run.shown(now).contains("Discard this check-in?"));
    // Then it can be saved as it was.
    run.press(&[KeyCode::Enter], now);
    assert_eq!(run.checkins_saved(), 1);
}

#[test]
fn y_or_esc_again_discards_a_filled_check_in() {
    for again in [KeyCode::Char('y'), KeyCode::Esc] {
        let mut run = Run::new(Fixture::new(0));
        let now = Instant::now();
        filled(&mut run, now);
        run.press(&[KeyCode::Esc, again], now);
        assert!(
            matches!(run.app.screen, Screen::Today),
            "{again:?}: {}",
            run.shown(now)
        );
        assert_eq!(run.checkins_saved(), 0);
    }
}

#[test]
fn esc_on_an_untouched_check_in_closes_at_once() {
    let mut run = Run::new(Fixture::new(0));
    let now = Instant::now();
    run.press(&[KeyCode::Char('c'), KeyCode::Esc], now);
    assert!(
        matches!(run.app.screen, Screen::Today),
        "{}",
        run.shown(now)
    );
    // Moving between fields changes nothing either.
    run.press(&[KeyCode::Char('c'), KeyCode::Char('j'), KeyCode::Esc], now);
    assert!(
        matches!(run.app.screen, Screen::Today),
        "{}",
        run.shown(now)
    );
}

#[test]
fn a_tag_chosen_alone_is_enough_to_ask() {
    let mut run = Run::new(Fixture::new(0));
    let now = Instant::now();
    // Down past the four scales to the tags, and the first one chosen.
    run.press(&[KeyCode::Char('c')], now);
    run.press(&[KeyCode::Down; 4], now);
    run.press(&[KeyCode::Char('1'), KeyCode::Esc], now);
    let shown = run.shown(now);
    assert!(shown.contains("Discard this check-in?"), "{shown}");
}

/// While "Discard this check-in?" is asked, the footer offers nothing else:
/// "Esc skip" or "Enter save" there would contradict the question (Enter
/// answers it by keeping the form, not by saving), at 80×24 and at 44×14.
#[test]
fn the_discard_question_is_the_only_offer_on_screen() {
    let mut run = Run::new(Fixture::new(0));
    let now = Instant::now();
    filled(&mut run, now);
    run.press(&[KeyCode::Esc], now);
    for size in [(80, 24), (44, 14)] {
        let shown = format!("{}", frame(&run.app, size, now).0);
        assert!(shown.contains("Discard this check-in?"), "{shown}");
        assert!(!shown.contains("Esc skip"), "{shown}");
        assert!(!shown.contains("Enter save"), "{shown}");
    }
}
