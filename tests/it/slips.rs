//! Input that cannot slip: a correction is not read as 10, a paste is text,
//! and keys meant for one screen do not land on the next. Driven through
//! `update` at synthetic instants.

use std::time::{Duration, Instant};

use limber::model::Scales;
use limber::tui::Effect;
use limber::tui::app::{App, Msg, Screen, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::common;
use common::fixture::Fixture;
use common::frame::frame;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(app: &mut App, codes: &[KeyCode], now: Instant) -> Vec<Effect> {
    codes
        .iter()
        .flat_map(|&code| update(app, key(code), now))
        .collect()
}

fn screen(app: &App, size: (u16, u16), now: Instant) -> String {
    format!("{}", frame(app, size, now).0)
}

fn saved(effects: &[Effect]) -> Option<(Scales, Option<String>)> {
    effects.iter().find_map(|e| match e {
        Effect::SaveCheckIn { scales, note, .. } => Some((*scales, note.clone())),
        _ => None,
    })
}

/// Anxiety 3, mood 4, and Enter, after the pain.
fn anxiety_mood_and_save(app: &mut App, now: Instant) -> Vec<Effect> {
    let keys = [
        KeyCode::Down,
        KeyCode::Char('3'),
        KeyCode::Down,
        KeyCode::Char('4'),
    ];
    press(app, &keys, now);
    press(app, &[KeyCode::Enter], now)
}

#[test]
fn on_the_check_in_one_a_pause_then_zero_is_zero_not_ten() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Char('1')], t0);
    // While the 1 could still become 10, the form says so; the loop wakes
    // when that ends.
    assert!(screen(&app, (80, 24), t0).contains("1 (0 for 10)"));
    assert_eq!(app.next_wake(t0), Some(t0 + Duration::from_secs(1)));
    let later = t0 + Duration::from_millis(1500);
    assert!(!screen(&app, (80, 24), later).contains("0 for 10"));
    press(&mut app, &[KeyCode::Char('0')], later);
    let effects = anxiety_mood_and_save(&mut app, later);
    assert_eq!(saved(&effects).map(|s| s.0.pain), Some(0), "{effects:?}");
}

#[test]
fn on_the_check_in_one_then_zero_at_once_is_ten() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Char('1')], t0);
    let soon = t0 + Duration::from_millis(600);
    press(&mut app, &[KeyCode::Char('0')], soon);
    assert!(!screen(&app, (80, 24), soon).contains("0 for 10"));
    let effects = anxiety_mood_and_save(&mut app, soon);
    assert_eq!(saved(&effects).map(|s| s.0.pain), Some(10), "{effects:?}");
}

/// Today → the desk break → start, skipping the before-check-in.
fn desk_break(fixture: &Fixture, feared: &[&str], t0: Instant) -> App {
    let mut app = fixture.app();
    app.feared = feared.iter().map(ToString::to_string).collect();
    let Some(i) = (app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    app.today.selected = i;
    press(
        &mut app,
        &[KeyCode::Enter, KeyCode::Enter, KeyCode::Esc],
        t0,
    );
    app
}

/// Today → the desk break → start, skipping the before-check-in, with
/// its first exercise feared: the "expect" question is open.
fn feared_desk_break(fixture: &Fixture, t0: Instant) -> App {
    let app = desk_break(fixture, &["Seated cat-cow"], t0);
    assert!(matches!(&app.screen, Screen::Session(s) if !s.questions.is_empty()));
    app
}

/// What the session recorded as expected of its first exercise.
fn expected_after_it(app: &mut App, t0: Instant) -> Option<u8> {
    let effects = update(app, Msg::Tick, t0 + Duration::from_secs(46));
    effects.iter().find_map(|e| match e {
        Effect::RecordExercise { record, .. } if record.position == 0 => Some(record.expected_pain),
        _ => None,
    })?
}

#[test]
fn in_a_session_one_a_pause_then_zero_is_not_ten() {
    let fixture = Fixture::new(0);
    let t0 = Instant::now();
    let mut app = feared_desk_break(&fixture, t0);
    press(&mut app, &[KeyCode::Char('1')], t0);
    assert!(screen(&app, (80, 24), t0).contains("1 (0 for 10)"));
    press(&mut app, &[KeyCode::Char('0')], t0 + Duration::from_secs(2));
    assert_eq!(expected_after_it(&mut app, t0), Some(1));

    let mut app = feared_desk_break(&fixture, t0);
    press(&mut app, &[KeyCode::Char('1')], t0);
    press(
        &mut app,
        &[KeyCode::Char('0')],
        t0 + Duration::from_millis(500),
    );
    assert_eq!(expected_after_it(&mut app, t0), Some(10));
}

#[test]
fn a_paste_is_note_text_and_its_line_breaks_are_spaces() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let now = Instant::now();
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Char('4')], now);
    // Pasted on a scale, it goes to the note all the same.
    update(
        &mut app,
        Msg::Paste("Knee sore\r\n\r\nrough night".into()),
        now,
    );
    assert!(
        matches!(&app.screen, Screen::CheckIn(form) if form.editing_note && form.note == "Knee sore rough night")
    );
    // Elsewhere a paste does nothing at all.
    let Screen::CheckIn(form) = &mut app.screen else {
        panic!("not the check-in")
    };
    form.editing_note = false;
    // Filled in, Esc asks first; Esc again discards it.
    press(&mut app, &[KeyCode::Esc, KeyCode::Esc], now);
    assert!(matches!(app.screen, Screen::Today));
    assert!(update(&mut app, Msg::Paste("\rrh".into()), now).is_empty());
    assert!(matches!(app.screen, Screen::Today));
}

#[test]
fn keys_for_the_last_step_do_not_land_on_the_check_in_after() {
    let fixture = Fixture::new(0);
    let t0 = Instant::now();
    let mut app = desk_break(&fixture, &[], t0);
    // Skipping with n, a few presses too many.
    let mut now = t0;
    while matches!(app.screen, Screen::Session(_)) {
        now += Duration::from_millis(200);
        press(&mut app, &[KeyCode::Char('n')], now);
    }
    let shown = now;
    for _ in 0..4 {
        now += Duration::from_millis(100);
        assert!(press(&mut app, &[KeyCode::Char('n')], now).is_empty());
        update(&mut app, Msg::Paste("nn".into()), now);
    }
    assert!(screen(&app, (80, 24), now).contains("The session is done — a moment…"));
    assert_eq!(app.next_wake(now), Some(shown + Duration::from_millis(500)));
    let Screen::CheckIn(form) = &app.screen else {
        panic!("not the check-in after")
    };
    assert_eq!((form.note.as_str(), form.editing_note), ("", false));
    // Half a second on, keys count.
    now = shown + Duration::from_millis(500);
    assert!(screen(&app, (80, 24), now).contains("How are you now?"));
    press(&mut app, &[KeyCode::Char('2')], now);
    let effects = anxiety_mood_and_save(&mut app, now);
    assert_eq!(
        saved(&effects),
        Some((
            Scales {
                pain: 2,
                anxiety: 3,
                mood: 4,
                fear: None
            },
            None
        ))
    );
}

#[test]
fn a_note_longer_than_its_row_scrolls_with_the_cursor_in_view() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let now = Instant::now();
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Char('n')], now);
    let note = "slept badly, the left knee sore after the stairs, better by noon";
    let codes: Vec<KeyCode> = note.chars().map(KeyCode::Char).collect();
    press(&mut app, &codes, now);
    let backend = frame(&app, (44, 14), now).0;
    assert!(format!("{backend}").contains("better by noon▏"));
    insta::assert_snapshot!("checkin_long_note_44x14", backend);
}
