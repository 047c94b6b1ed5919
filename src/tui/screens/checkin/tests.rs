//! Unit tests of the check-in form.

use super::*;
use ratatui::crossterm::event::KeyModifiers;

fn press(form: &mut CheckInForm, code: KeyCode) -> Outcome {
    press_at(form, code, Instant::now())
}

fn press_at(form: &mut CheckInForm, code: KeyCode, now: Instant) -> Outcome {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = (!form.typing())
        .then(|| Keymap::default().action(crate::keymap::Scope::CheckIn, &key))
        .flatten();
    form.handle_key(key, action, now)
}

#[test]
fn digits_arrows_and_ten() {
    let mut form = CheckInForm::new(CheckInKind::Daily, None);
    press(&mut form, KeyCode::Char('6'));
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Char('1'));
    press(&mut form, KeyCode::Char('0'));
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Right);
    press(&mut form, KeyCode::Right);
    press(&mut form, KeyCode::Left);
    assert_eq!(form.values, [Some(6), Some(10), Some(5), None]);
    press(&mut form, KeyCode::Char('n'));
    for c in "slept badly".chars() {
        press(&mut form, KeyCode::Char(c));
    }
    press(&mut form, KeyCode::Enter);
    assert!(!form.editing_note);
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        Outcome::Save(
            Scales {
                pain: 6,
                anxiety: 10,
                mood: 5,
                fear: None
            },
            Some("slept badly".to_string())
        )
    );
}

#[test]
fn saving_needs_the_three_scales_and_esc_skips() {
    let mut form = CheckInForm::new(CheckInKind::Before, None);
    press(&mut form, KeyCode::Char('3'));
    assert_eq!(press(&mut form, KeyCode::Enter), Outcome::None);
    assert_eq!(
        form.problem(&Keymap::default()).as_deref(),
        Some("Set anxiety, mood first (← → or a digit), or Esc to skip.")
    );
    assert_eq!(form.field, 1);
    // Something is filled in: Esc asks first, Esc again skips.
    assert_eq!(press(&mut form, KeyCode::Esc), Outcome::None);
    assert!(form.asking_discard);
    assert_eq!(press(&mut form, KeyCode::Esc), Outcome::Skip);
}

#[test]
fn the_last_values_are_hints_not_answers_and_fear_can_be_cleared() {
    let last = Scales {
        pain: 4,
        anxiety: 2,
        mood: 7,
        fear: Some(5),
    };
    let mut form = CheckInForm::new(CheckInKind::After, Some(last));
    // Nothing is carried over: Enter alone asks for the values.
    assert_eq!(press(&mut form, KeyCode::Enter), Outcome::None);
    assert!(!form.missing.is_empty());
    // The first arrow press takes last time's value; the next ones move it.
    press(&mut form, KeyCode::Right);
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Left);
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Char('7'));
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Right);
    press(&mut form, KeyCode::Backspace);
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        Outcome::Save(
            Scales {
                pain: 4,
                anxiety: 2,
                mood: 7,
                fear: None
            },
            None
        )
    );
}

#[test]
fn one_a_pause_then_zero_corrects_to_zero_not_ten() {
    use std::time::Duration;
    let t0 = Instant::now();
    let mut form = CheckInForm::new(CheckInKind::Daily, None);
    press_at(&mut form, KeyCode::Char('1'), t0);
    assert_eq!(
        form.next_change(t0),
        Some(t0 + crate::tui::digits::TEN_WITHIN)
    );
    press_at(
        &mut form,
        KeyCode::Char('0'),
        t0 + Duration::from_millis(1500),
    );
    assert_eq!(form.values[0], Some(0));
    assert_eq!(form.next_change(t0 + Duration::from_millis(1500)), None);
    // Quickly, it is ten.
    press_at(&mut form, KeyCode::Char('1'), t0 + Duration::from_secs(2));
    press_at(
        &mut form,
        KeyCode::Char('0'),
        t0 + Duration::from_millis(2400),
    );
    assert_eq!(form.values[0], Some(10));
}

#[test]
fn backspace_clears_any_scale_and_a_cleared_required_one_is_asked_for() {
    let mut form = CheckInForm::new(CheckInKind::Daily, None);
    for code in [KeyCode::Char('4'), KeyCode::Down, KeyCode::Char('3')] {
        press(&mut form, code);
    }
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Char('6'));
    press(&mut form, KeyCode::Backspace);
    press(&mut form, KeyCode::Up);
    press(&mut form, KeyCode::Delete);
    assert_eq!(form.values, [Some(4), None, None, None]);
    assert_eq!(press(&mut form, KeyCode::Enter), Outcome::None);
    assert_eq!(form.missing, vec!["Anxiety", "Mood"]);
    assert_eq!(form.field, 1);
}

#[test]
fn a_correction_shows_the_rows_with_what_went_with_it() {
    // Finding: a check-in's tags, places and what was taken could not
    // be corrected in the Diary's form.
    let scales = Scales {
        pain: 3,
        anxiety: 2,
        mood: 7,
        fear: None,
    };
    let with =
        CheckInContext::parse(&["poor sleep"], &["lower-back"], &["heat pack"]).expect("context");
    let mut form = CheckInForm::correcting(CheckInKind::Daily, scales, None, &with);
    assert!(!form.changed());
    assert_eq!(form.context_answer(), Some(with.clone()));
    for _ in 0..4 {
        press(&mut form, KeyCode::Down);
    }
    assert_eq!(form.row(), Some(context::Row::Tags), "the rows are offered");
    // Space unmarks the tag under the cursor.
    press(&mut form, KeyCode::Char(' '));
    assert!(form.changed());
    let answer = form.context_answer().expect("a context");
    assert!(answer.tags.is_empty(), "{answer:?}");
    assert_eq!(answer.regions, with.regions);
    assert_eq!(answer.took, with.took);
}

#[test]
fn a_row_the_focus_reaches_is_answered_even_with_nothing_marked() {
    let mut form = CheckInForm::new(CheckInKind::Daily, None);
    assert_eq!(
        form.context_answer().map(|c| c.answered),
        Some(crate::model::Answered::default()),
        "no row reached: none answered"
    );
    for _ in 0..4 {
        press(&mut form, KeyCode::Down);
    }
    assert_eq!(form.row(), Some(context::Row::Tags));
    let answer = form.context_answer().expect("a context");
    assert!(answer.tags.is_empty());
    assert!(answer.answered.tags, "reached with nothing marked");
    assert!(!answer.answered.regions && !answer.answered.took);
    assert!(!form.changed(), "reaching a row changes no answer");
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Down);
    let answer = form.context_answer().expect("a context");
    assert!(answer.answered.regions && answer.answered.took);
}

#[test]
fn a_long_note_shows_its_end() {
    assert_eq!(crate::text::fit_tail("knee sore", 20), "knee sore");
    assert_eq!(crate::text::fit_tail("knee sore", 5), "…sore");
    assert_eq!(crate::text::fit_tail("膝が痛い", 5), "…痛い");
    assert_eq!(crate::text::fit_tail("abc", 0), "…");
}
