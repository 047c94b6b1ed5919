//! The way through a session, where an answer could slip: a rating given
//! as its rest ends or after `n`, a session ended early because it hurts,
//! the summary's cursor and minutes, what the session screen says of a
//! gentle version and a feared exercise, a session of nothing but skips.
//! Driven through `update` at synthetic instants, with a real store where
//! what was kept matters.

use std::time::{Duration, Instant};

use limber::model::{CheckInKind, SessionStatus};
use limber::tui::Effect;
use limber::tui::app::{App, Msg, Screen, update};
use limber::tui::outbox::Unsaved;
use limber::tui::screens::checkin::QUIET_FOR;
use limber::tui::screens::session::{End, LATE_FOR};
use limber::tui::screens::summary::{Offered, RatedExercise, Summary};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::date;

use crate::common;
use common::app::Run;
use common::checkin_keys;
use common::fixture::Fixture;
use common::frame::frame;

const SECOND: Duration = Duration::from_secs(1);

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

/// The ratings a run of effects asks to write: (position, comfort).
fn ratings(effects: &[Effect]) -> Vec<(u32, u8)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RateExercise {
                position, comfort, ..
            } => Some((*position, *comfort)),
            _ => None,
        })
        .collect()
}

/// Today → the desk break → start, with the before-check-in answered
/// (`before`) or skipped (`None`). Desk break: get ready 0–5 s, Seated
/// cat-cow 5–45 s, a rest 45–50 s, then the reps of Standing back extension.
fn desk_break(app: &mut App, before: Option<[u8; 3]>, t0: Instant) {
    let Some(i) = (app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    app.today.selected = i;
    press(app, &[KeyCode::Enter, KeyCode::Enter], t0);
    match before {
        Some(scales) => press(app, &checkin_keys(scales), t0),
        None => press(app, &[KeyCode::Esc], t0),
    };
    assert!(matches!(app.screen, Screen::Session(_)));
}

#[test]
fn a_rating_given_just_after_its_rest_ended_goes_to_the_exercise_asked_about() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    update(&mut app, Msg::Tick, t0 + 46 * SECOND);
    assert!(screen(&app, (80, 24), t0 + 46 * SECOND).contains("How did Seated cat-cow feel?"));
    // The rest is over and the reps have begun when the 4 comes.
    let late = t0 + Duration::from_millis(50_300);
    update(&mut app, Msg::Tick, late);
    let effects = press(&mut app, &[KeyCode::Char('4')], late);
    assert_eq!(ratings(&effects), vec![(0, 4)], "{effects:?}");
}

#[test]
fn n_during_a_rest_keeps_the_rating_question_open() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    let rest = t0 + 46 * SECOND;
    update(&mut app, Msg::Tick, rest);
    // `n` skips the rest; the question is still there, and answerable.
    press(&mut app, &[KeyCode::Char('n')], rest);
    let shown = screen(&app, (80, 24), rest);
    assert!(shown.contains("Standing back extension"), "{shown}");
    assert!(shown.contains("How did Seated cat-cow feel?"), "{shown}");
    let effects = press(&mut app, &[KeyCode::Char('2')], rest);
    assert_eq!(ratings(&effects), vec![(0, 2)]);
}

#[test]
fn a_question_left_unanswered_is_answerable_on_the_summary() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    app.config.checkin_after = false;
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    let rest = t0 + 46 * SECOND;
    update(&mut app, Msg::Tick, rest);
    press(&mut app, &[KeyCode::Char('n'), KeyCode::Char('q')], rest);
    press(&mut app, &[KeyCode::Char('y')], rest);
    let Screen::Summary(summary) = &app.screen else {
        panic!("not the summary: {}", screen(&app, (80, 24), rest))
    };
    assert_eq!(summary.exercises[0].name, "Seated cat-cow");
    let effects = press(&mut app, &[KeyCode::Char('3')], rest);
    assert_eq!(ratings(&effects), vec![(0, 3)]);
}

#[test]
fn a_skipped_exercise_is_not_asked_how_it_felt() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    // Past the get-ready, then cat-cow skipped at once: the rest follows.
    let now = t0 + 6 * SECOND;
    update(&mut app, Msg::Tick, now);
    press(&mut app, &[KeyCode::Char('n')], now);
    assert!(matches!(&app.screen, Screen::Session(s) if s.rating_prompt.is_none()));
    assert!(!screen(&app, (80, 24), now).contains("feel?"));
}

#[test]
fn a_saved_rating_shows_for_a_moment() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    let rest = t0 + 46 * SECOND;
    update(&mut app, Msg::Tick, rest);
    // Paused, so that nothing but the rating changes the screen.
    press(&mut app, &[KeyCode::Char(' '), KeyCode::Char('4')], rest);
    assert!(screen(&app, (80, 24), rest).contains("Seated cat-cow ★4 saved"));
    // The loop wakes to take it away.
    assert_eq!(app.next_wake(rest), Some(rest + 2 * SECOND));
    let later = rest + 2 * SECOND;
    assert!(!screen(&app, (80, 24), later).contains("★4"));

    // When the store has not taken it, it is not called saved.
    let mut app = fixture.app();
    desk_break(&mut app, None, t0);
    update(&mut app, Msg::Tick, rest);
    let Screen::Session(session) = &app.screen else {
        panic!("no session")
    };
    let waiting = Unsaved {
        entries: 2,
        reason: "the disk is full".into(),
        sessions: vec![(session.session.clone(), 2, true)],
    };
    update(&mut app, Msg::Unsaved(waiting), rest);
    press(&mut app, &[KeyCode::Char('4')], rest);
    let shown = screen(&app, (80, 24), rest);
    assert!(!shown.contains("★4 saved"), "{shown}");
    assert!(
        shown.contains("Seated cat-cow ★4 kept, not saved yet"),
        "{shown}"
    );
}

fn summary_of(names: &[&str]) -> Summary {
    Summary {
        routine: "Core basics".into(),
        end: End::Completed,
        active_seconds: 600,
        done: names.len(),
        skipped: 0,
        planned: names.len(),
        before: None,
        after: None,
        session: "5d1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10".into(),
        exercises: (names.iter().enumerate())
            .map(|(i, name)| RatedExercise {
                position: i as u32,
                name: name.to_string(),
                rating: None,
            })
            .collect(),
        selected: 0,
        replaced: None,
        exposures: Vec::new(),
        gentle: false,
        offered: Offered {
            before: true,
            after: true,
        },
    }
}

#[test]
fn on_the_summary_the_cursor_goes_on_to_the_next_unrated_exercise_after_the_one_rated() {
    let mut summary = summary_of(&["Bird-dog", "Bridge", "Dead bug", "Side plank"]);
    let rate = |summary: &mut Summary, c: char| {
        let map = limber::keymap::Keymap::default();
        let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let action = map.action(limber::keymap::Scope::Summary, &k);
        summary.handle_key(k, action);
    };
    // The second one first: on to the third, not back to the first.
    summary.selected = 1;
    rate(&mut summary, '4');
    assert_eq!(summary.selected, 2);
    rate(&mut summary, '3');
    assert_eq!(summary.selected, 3);
    // From the last, round to the first still unrated.
    rate(&mut summary, '5');
    assert_eq!(summary.selected, 0);
    rate(&mut summary, '2');
    // Every one rated: the cursor stays on the one just rated, so a
    // correction goes to it.
    assert_eq!(summary.selected, 0);
    rate(&mut summary, '1');
    assert_eq!(summary.selected, 0);
    let stars: Vec<Option<u8>> = summary.exercises.iter().map(|e| e.rating).collect();
    assert_eq!(stars, vec![Some(1), Some(4), Some(3), Some(5)]);
}

impl Run {
    fn screen_80x24(&self, now: Instant) -> String {
        screen(&self.app, (80, 24), now)
    }

    /// The sessions of the fixture's day, newest first, as History reads them.
    fn sessions(&self) -> Vec<limber::store::SessionLine> {
        let day = date!(2026 - 11 - 25);
        self.store.session_lines(day, day).expect("sessions")
    }
}

#[test]
fn ending_early_because_it_hurts_asks_how_you_are() {
    let t0 = Instant::now();
    // Pain 5 before, then stopped partway through cat-cow with q y.
    let mut run = Run::new(Fixture::new(0));
    let Some(i) = (run.app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    run.app.today.selected = i;
    run.press(&[KeyCode::Enter, KeyCode::Enter], t0);
    run.press(&checkin_keys([5, 3, 6]), t0);
    let stop = t0 + 20 * SECOND;
    run.send(Msg::Tick, stop);
    run.press(&[KeyCode::Char('q'), KeyCode::Char('y')], stop);
    assert!(
        matches!(&run.app.screen, Screen::CheckIn(f) if f.context == CheckInKind::After),
        "{}",
        run.screen_80x24(stop)
    );
    // The y that ended it does not answer anything.
    assert!(run.screen_80x24(stop).contains("a moment"));
    let now = stop + QUIET_FOR;
    assert!(run.screen_80x24(now).contains("How are you now?"));
    run.press(&checkin_keys([8, 5, 4]), now);
    // Pain rose by 3: the signs that need help now come over the summary.
    let shown = run.screen_80x24(now);
    assert!(shown.contains("Your pain rose from 5"), "{shown}");
    assert!(shown.contains("Call 999 or go to A&E"), "{shown}");
    run.press(&[KeyCode::Char('x')], now);
    let shown = run.screen_80x24(now);
    assert!(shown.contains("ended early"), "{shown}");
    assert!(shown.contains("Pain      5 → 8   ▲3"), "{shown}");
    // The store holds it as the after-check-in of that session.
    let line = &run.sessions()[0];
    assert_eq!(line.status, SessionStatus::Aborted);
    assert_eq!((line.pain_before, line.pain_after), (Some(5), Some(8)));
}

#[test]
fn the_check_in_after_ending_early_can_be_skipped() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    desk_break(&mut app, Some([5, 3, 6]), t0);
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')], t0);
    let now = t0 + QUIET_FOR;
    let effects = press(&mut app, &[KeyCode::Esc], now);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::SaveCheckIn { .. }))
    );
    let shown = screen(&app, (80, 24), now);
    assert!(matches!(app.screen, Screen::Summary(_)), "{shown}");
    // It was asked and skipped: said plainly, with what there is.
    assert!(
        shown.contains("Before: pain 5 · anxiety 3 · mood 6"),
        "{shown}"
    );
    assert!(shown.contains("No check-in after"), "{shown}");
}

#[test]
fn the_summary_never_points_at_a_check_in_it_did_not_offer() {
    let fixture = Fixture::new(0);
    let t0 = Instant::now();
    // No check-in after is configured: none is asked for, or missed.
    let mut app = fixture.app();
    app.config.checkin_after = false;
    desk_break(&mut app, Some([5, 3, 6]), t0);
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')], t0);
    let shown = screen(&app, (80, 24), t0);
    assert!(matches!(app.screen, Screen::Summary(_)), "{shown}");
    assert!(!shown.contains("No check-in"), "{shown}");
    assert!(
        shown.contains("Before: pain 5 · anxiety 3 · mood 6"),
        "{shown}"
    );

    // No check-in before is configured: the one after is shown alone.
    let mut app = fixture.app();
    app.config.checkin_before = false;
    let Some(i) = (app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    app.today.selected = i;
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter], t0);
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')], t0);
    let now = t0 + QUIET_FOR;
    press(&mut app, &checkin_keys([4, 2, 7]), now);
    let shown = screen(&app, (80, 24), now);
    assert!(matches!(app.screen, Screen::Summary(_)), "{shown}");
    assert!(!shown.contains("No check-in"), "{shown}");
    assert!(
        shown.contains("Now: pain 4 · anxiety 2 · mood 7"),
        "{shown}"
    );
}

#[test]
fn the_session_screen_says_when_it_is_the_gentle_version() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    let Some(i) = (app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    app.today.selected = i;
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter], t0);
    // Pain 8 before: the gentle version is offered, and Enter takes it.
    press(&mut app, &checkin_keys([8, 3, 6]), t0);
    // The signs that need help now first (pain 8); a key closes them.
    press(&mut app, &[KeyCode::Char('x')], t0);
    assert!(matches!(app.screen, Screen::Gentle(_)));
    press(&mut app, &[KeyCode::Enter], t0);
    assert!(matches!(&app.screen, Screen::Session(s) if s.gentle));
    for size in [(80, 24), (44, 14)] {
        let shown = screen(&app, size, t0);
        let header = shown.lines().next().unwrap_or_default();
        assert!(header.contains("Desk break · gentle version"), "{shown}");
    }
    // At work on a small screen, in fewer words rather than cut.
    let now = t0 + 6 * SECOND;
    update(&mut app, Msg::Tick, now);
    let shown = screen(&app, (44, 14), now);
    let header = shown.lines().next().unwrap_or_default();
    assert!(header.contains("Desk break · gentle  1 of 7 "), "{shown}");
    let shown = screen(&app, (80, 24), now);
    let header = shown.lines().next().unwrap_or_default();
    assert!(
        header.contains("Desk break · gentle version  exercise 1 of 7"),
        "{shown}"
    );
    // The full version says nothing of it.
    let mut app = fixture.app();
    desk_break(&mut app, Some([3, 3, 6]), t0);
    assert!(!screen(&app, (80, 24), t0).contains("gentle"));
}

#[test]
fn a_feared_exercise_shows_its_mark_and_f_is_in_the_footer() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    app.feared = vec!["Seated cat-cow".to_string()];
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    // Getting ready: the mark is beside what comes first.
    let shown = screen(&app, (80, 24), t0);
    assert!(shown.contains("First: Seated cat-cow  ◆ feared"), "{shown}");
    assert!(shown.contains("f unmark"), "{shown}");
    // At work, beside its name.
    let now = t0 + 6 * SECOND;
    update(&mut app, Msg::Tick, now);
    press(&mut app, &[KeyCode::Backspace], now);
    let shown = screen(&app, (80, 24), now);
    assert!(shown.contains("Seated cat-cow  ◆ feared"), "{shown}");
    assert!(shown.contains("f unmark"), "{shown}");
    // On a small screen too, before the way to end, which never falls off.
    let shown = screen(&app, (44, 14), now);
    assert!(shown.contains("f unmark  q end"), "{shown}");
    // An exercise not feared: no mark, and `f` offers to mark it.
    let now = t0 + 51 * SECOND;
    update(&mut app, Msg::Tick, now);
    let shown = screen(&app, (80, 24), now);
    assert!(shown.contains("Standing back extension"), "{shown}");
    assert!(!shown.contains("◆"), "{shown}");
    assert!(shown.contains("f fear"), "{shown}");
    let effects = press(&mut app, &[KeyCode::Char('f')], now);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::SetFeared { name, feared: true } if name == "Standing back extension"
    )));
    assert!(screen(&app, (80, 24), now).contains("Standing back extension  ◆ feared"));
}

#[test]
fn a_session_of_nothing_but_skips_does_not_count_as_done() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.app.config.checkin_after = false;
    let Some(i) = (run.app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    run.app.today.selected = i;
    run.press(&[KeyCode::Enter, KeyCode::Enter, KeyCode::Esc], t0);
    let mut now = t0;
    while matches!(run.app.screen, Screen::Session(_)) {
        now += Duration::from_millis(300);
        run.press(&[KeyCode::Char('n')], now);
    }
    let shown = run.screen_80x24(now);
    assert!(shown.contains("Every exercise was skipped"), "{shown}");
    let line = &run.sessions()[0];
    assert_eq!(line.status, SessionStatus::Aborted);
    let progress = limber::reading::progress(&run.store, date!(2026 - 11 - 25), 3).expect("read");
    assert!(!progress.done_today);
    assert_eq!((progress.this_week, progress.streak), (0, 0));
}

#[test]
fn a_session_with_one_exercise_done_is_kept_as_a_short_one() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.app.config.checkin_after = false;
    let Some(i) = (run.app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    run.app.today.selected = i;
    run.press(&[KeyCode::Enter, KeyCode::Enter, KeyCode::Esc], t0);
    // Cat-cow to its end, then everything else skipped.
    let mut now = t0 + 45 * SECOND;
    run.send(Msg::Tick, now);
    while matches!(run.app.screen, Screen::Session(_)) {
        now += Duration::from_millis(300);
        run.press(&[KeyCode::Char('n')], now);
    }
    assert_eq!(run.sessions()[0].status, SessionStatus::Completed);
    // One of seven: kept, its minutes shown, but under half of the routine
    // it is a short session, not one toward the week (insights::count).
    let progress = limber::reading::progress(&run.store, date!(2026 - 11 - 25), 3).expect("read");
    assert!(!progress.done_today);
    assert!(progress.short_today);
    assert_eq!(progress.this_week, 0);
    let shown = run.screen_80x24(now);
    assert!(shown.contains("over: 1 of 7"), "{shown}");
}

#[test]
fn the_summary_and_history_give_the_same_minutes() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.app.config.checkin_after = false;
    let Some(i) = (run.app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    run.app.today.selected = i;
    run.press(&[KeyCode::Enter, KeyCode::Enter, KeyCode::Esc], t0);
    // Every timed step to its end, each set of reps confirmed at 0.7 s past
    // a second: fractions that add up differently whole or in parts.
    let mut now = t0;
    while matches!(run.app.screen, Screen::Session(_)) {
        now += Duration::from_millis(1_700);
        run.send(Msg::Tick, now);
        if matches!(run.app.screen, Screen::Session(_)) {
            run.press(&[KeyCode::Enter], now);
        }
    }
    let line = &run.sessions()[0];
    let minutes = limber::insights::minutes(line.active_seconds);
    assert!(minutes > 0);
    let shown = run.screen_80x24(now);
    assert!(
        shown.contains(&format!("{minutes} min moving")),
        "{shown}\nthe store holds {} s",
        line.active_seconds
    );
    // History's Sessions tab, from the same row.
    run.press(
        &[KeyCode::Enter, KeyCode::Char('h'), KeyCode::Char('3')],
        now,
    );
    let history = run.screen_80x24(now);
    let row = history
        .lines()
        .find(|l| l.contains("Desk break"))
        .unwrap_or_else(|| panic!("no row: {history}"));
    assert!(
        row.contains(&format!(" {minutes} ")),
        "{row}\nthe summary said {minutes} min"
    );
}

/// The expected and actual hurt a run of effects writes for `position`.
fn exposures(effects: &[Effect], at: u32) -> Vec<(Option<u8>, Option<u8>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SetExposure {
                position,
                expected,
                actual,
                ..
            } if *position == at => Some((*expected, *actual)),
            Effect::RecordExercise { record, .. } if record.position == at => {
                Some((record.expected_pain, record.actual_pain))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn an_answer_typed_as_its_question_leaves_goes_to_that_question() {
    let fixture = Fixture::new(0);
    let t0 = Instant::now();
    // Cat-cow feared: "how much do you expect it to hurt?" is open until
    // its one set ends at 45 s, when "how much did it?" takes its place.
    let mut app = fixture.app();
    app.feared = vec!["Seated cat-cow".to_string()];
    desk_break(&mut app, None, t0);
    let end = t0 + 45 * SECOND;
    let recorded = update(&mut app, Msg::Tick, end);
    assert_eq!(exposures(&recorded, 0), vec![(None, None)]);
    assert!(screen(&app, (80, 24), end).contains("how much did it actually hurt?"));
    // A 7 that comes just after was typed for what the person saw.
    let effects = press(
        &mut app,
        &[KeyCode::Char('7')],
        end + Duration::from_millis(400),
    );
    assert_eq!(exposures(&effects, 0), vec![(Some(7), None)]);
    // The question on the screen is still open, and takes the next answer.
    let now = end + 3 * SECOND;
    assert!(screen(&app, (80, 24), now).contains("how much did it actually hurt?"));
    let effects = press(&mut app, &[KeyCode::Char('3')], now);
    assert_eq!(exposures(&effects, 0), vec![(Some(7), Some(3))]);

    // A second later, an answer is for the question on the screen.
    let mut app = fixture.app();
    app.feared = vec!["Seated cat-cow".to_string()];
    desk_break(&mut app, None, t0);
    update(&mut app, Msg::Tick, end);
    let effects = press(&mut app, &[KeyCode::Char('4')], end + LATE_FOR);
    assert_eq!(exposures(&effects, 0), vec![(None, Some(4))]);
}

#[test]
fn an_exercise_marked_as_feared_in_a_session_is_feared_in_the_next() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    press(&mut app, &[KeyCode::Char('f')], t0);
    assert_eq!(app.feared, vec!["Seated cat-cow".to_string()]);
    // Ended, skipped past, and started again: marked, and asked about.
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')], t0);
    let now = t0 + QUIET_FOR;
    press(&mut app, &[KeyCode::Esc, KeyCode::Enter], now);
    assert!(matches!(app.screen, Screen::Today));
    desk_break(&mut app, None, now);
    let shown = screen(&app, (80, 24), now);
    assert!(shown.contains("First: Seated cat-cow  ◆ feared"), "{shown}");
    assert!(
        shown.contains("how much do you expect it to hurt?"),
        "{shown}"
    );
    // Unmarked, it is not.
    press(&mut app, &[KeyCode::Char('f')], now);
    assert!(app.feared.is_empty());
}

#[test]
fn ended_early_during_a_feared_exercise_it_asks_how_much_it_hurt() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    app.feared = vec!["Seated cat-cow".to_string()];
    let t0 = Instant::now();
    desk_break(&mut app, Some([4, 3, 6]), t0);
    press(&mut app, &[KeyCode::Char('5')], t0);
    // Twenty seconds into it, it hurts: q y.
    let now = t0 + 25 * SECOND;
    update(&mut app, Msg::Tick, now);
    let effects = press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')], now);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::FinishSession {
            status: SessionStatus::Aborted,
            ..
        }
    )));
    let shown = screen(&app, (80, 24), now);
    assert!(
        shown.contains("Seated cat-cow: how much did it actually hurt?"),
        "{shown}"
    );
    assert!(
        shown.contains("0–10 answer  Backspace skip the question"),
        "{shown}"
    );
    // Only the question's keys count now.
    assert!(press(&mut app, &[KeyCode::Char('n')], now).is_empty());
    let effects = press(&mut app, &[KeyCode::Char('8')], now);
    assert_eq!(exposures(&effects, 0), vec![(Some(5), Some(8))]);
    // Then the check-in after, and the summary with both.
    assert!(matches!(&app.screen, Screen::CheckIn(f) if f.context == CheckInKind::After));
    let later = now + QUIET_FOR;
    press(&mut app, &[KeyCode::Esc], later);
    let shown = screen(&app, (80, 24), later);
    assert!(
        shown.contains("◆ Seated cat-cow: you expected 5, it was 8"),
        "{shown}"
    );
}

/// Finding (issue 21): ended a few seconds into a feared exercise (too
/// little to count as done, so written as skipped), it never asked how
/// much it hurt; the summary said only "you expected 5".
#[test]
fn ended_at_once_in_a_feared_exercise_it_still_asks_how_much_it_hurt() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    app.feared = vec!["Seated cat-cow".to_string()];
    let t0 = Instant::now();
    desk_break(&mut app, Some([4, 3, 6]), t0);
    press(&mut app, &[KeyCode::Char('5')], t0);
    // Three seconds into it: q y.
    let now = t0 + 8 * SECOND;
    update(&mut app, Msg::Tick, now);
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')], now);
    let shown = screen(&app, (80, 24), now);
    assert!(
        shown.contains("Seated cat-cow: how much did it actually hurt?"),
        "{shown}"
    );
    let effects = press(&mut app, &[KeyCode::Char('7')], now);
    assert_eq!(exposures(&effects, 0), vec![(Some(5), Some(7))]);
    let later = now + QUIET_FOR;
    press(&mut app, &[KeyCode::Esc], later);
    let shown = screen(&app, (80, 24), later);
    assert!(
        shown.contains("◆ Seated cat-cow: you expected 5, it was 7"),
        "{shown}"
    );
}

/// Finding (issue 21): the paused screen's footer still offered "Space
/// pause".
#[test]
fn the_paused_footer_offers_going_on_not_pausing() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let t0 = Instant::now();
    desk_break(&mut app, None, t0);
    let now = t0 + 10 * SECOND;
    update(&mut app, Msg::Tick, now);
    assert!(screen(&app, (80, 24), now).contains("Space pause"));
    press(&mut app, &[KeyCode::Char(' ')], now);
    for size in [(80, 24), (44, 14)] {
        let paused = screen(&app, size, now);
        assert!(paused.contains("PAUSED"), "{paused}");
        assert!(!paused.contains("Space pause"), "{paused}");
        assert!(paused.contains("Space go on"), "{paused}");
    }
}

/// Finding (issue 21): a routine's page offered "f mark it as one you
/// fear" for an exercise already marked.
#[test]
fn the_routine_page_offers_unmarking_a_feared_exercise() {
    let fixture = Fixture::new(0);
    let mut app = fixture.app();
    let Some(i) = (app.today.data.routines.iter()).position(|r| r.slug == "desk-break") else {
        panic!("no desk break")
    };
    app.today.selected = i;
    let t0 = Instant::now();
    press(&mut app, &[KeyCode::Enter], t0);
    let page = screen(&app, (80, 24), t0);
    assert!(page.contains("f mark it as one you fear"), "{page}");
    app.feared = vec!["Seated cat-cow".to_string()];
    let page = screen(&app, (80, 24), t0);
    assert!(!page.contains("f mark it as one you fear"), "{page}");
    assert!(page.contains("f unmark it as one you fear"), "{page}");
}
