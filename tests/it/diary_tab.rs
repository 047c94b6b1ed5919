//! History's Diary tab driven through `update` with keys, its effects
//! carried out by the real `carry_out` on a real store: a check-in
//! corrected in its own form and undone, an entry deleted after a one-key
//! question, a session with its check-ins, a session's minutes, a change
//! refused while entries wait for the store, and Today's line.

use std::collections::VecDeque;
use std::time::Instant;

use limber::model::{CheckInKind, NewCheckIn, NewSession, Scales, SessionKind, SessionStatus};
use limber::tui::app::{App, Msg, Screen, update};
use limber::tui::outbox::{Outbox, Unsaved};
use limber::tui::screens::history::History;
use limber::tui::screens::history::diary::Form;
use limber::tui::{Effect, carry_out};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::{date, datetime};

use crate::common;
use common::fixture::Fixture;
use common::frame::frame;

const NOTE: &str = "stiff after the drive, better after a walk";

/// An empty store with, on 2026-11-25 (the fixture's today): a daily
/// check-in at 08:12 with a note, and a guided session at 09:00 with its
/// check-ins before and after; on 2026-11-24 a flare-up day.
fn fixture() -> Fixture {
    let f = Fixture::new(0);
    let mut store = f.store();
    let checkin = |at, context, pain, session_id| NewCheckIn {
        at,
        local_date: date!(2026 - 11 - 25),
        context,
        session_id,
        scales: Scales {
            pain,
            anxiety: 3,
            mood: 6,
            fear: Some(2),
        },
        note: None,
    };
    store
        .add_checkin(&NewCheckIn {
            note: Some(NOTE.to_string()),
            ..checkin(datetime!(2026-11-25 08:12 UTC), CheckInKind::Daily, 6, None)
        })
        .expect("check-in");
    let session = store
        .add_session(&NewSession {
            routine_id: None,
            activity: "Core basics".to_string(),
            kind: SessionKind::Guided,
            status: SessionStatus::Completed,
            started_at: datetime!(2026-11-25 09:00 UTC),
            ended_at: Some(datetime!(2026-11-25 09:13 UTC)),
            local_date: date!(2026 - 11 - 25),
            planned_seconds: 780,
            active_seconds: 780,
            note: Some("felt good".to_string()),
            gentle: false,
        })
        .expect("session");
    for (at, context, pain) in [
        (datetime!(2026-11-25 08:59 UTC), CheckInKind::Before, 5),
        (datetime!(2026-11-25 09:14 UTC), CheckInKind::After, 3),
    ] {
        store
            .add_checkin(&checkin(at, context, pain, Some(session.id)))
            .expect("session check-in");
    }
    store
        .mark_flare(
            date!(2026 - 11 - 24),
            Some("bad night"),
            datetime!(2026-11-24 07:00 UTC),
        )
        .expect("flare");
    f
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Carries out effects as the loop does, on the fixture's store, feeding
/// each answer back to `update`.
fn carry(f: &Fixture, app: &mut App, effects: Vec<Effect>) {
    let mut store = f.store();
    let mut outbox = Outbox::default();
    let mut catalog = f.env.catalog();
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        for msg in carry_out(effect, &mut store, &mut outbox, &f.env, &mut catalog) {
            queue.extend(update(app, msg, Instant::now()));
        }
    }
}

fn press(f: &Fixture, app: &mut App, code: KeyCode) -> Vec<Effect> {
    let effects = update(app, key(code), Instant::now());
    carry(f, app, effects.clone());
    effects
}

fn typed(f: &Fixture, app: &mut App, text: &str) {
    for c in text.chars() {
        press(f, app, KeyCode::Char(c));
    }
}

/// Today → History → 6: the Diary, read.
fn open_diary(f: &Fixture) -> App {
    let mut app = f.app();
    press(f, &mut app, KeyCode::Char('h'));
    // Only the Diary reads every entry, and only once it is shown.
    assert!(history(&app).diary.entries.is_none());
    assert_eq!(
        press(f, &mut app, KeyCode::Char('6')),
        vec![Effect::LoadDiary(limber::insights::Range::ThreeMonths)]
    );
    app
}

fn history(app: &App) -> &History {
    match &app.screen {
        Screen::History(h) => h,
        _ => panic!("not on History"),
    }
}

fn screen(app: &App, size: (u16, u16)) -> String {
    format!("{}", frame(app, size, Instant::now()).0)
}

fn sql(f: &Fixture, query: &str) -> String {
    common::sql(&f.env.paths.data_dir.join("limber.db"), query)
}

#[test]
fn the_diary_lists_every_entry_newest_first_with_its_note_in_full() {
    let f = fixture();
    let app = open_diary(&f);
    let h = history(&app);
    let kinds: Vec<&str> = h
        .diary
        .entries
        .as_ref()
        .expect("read")
        .iter()
        .map(|e| e.entry.kind().as_str())
        .collect();
    assert_eq!(kinds, ["checkin", "session", "checkin", "checkin", "flare"]);
    let text = screen(&app, (80, 24));
    assert!(
        text.contains("2026-11-25 09:14  check-in  P3 A3 M6 F2 · after"),
        "{text}"
    );
    assert!(
        text.contains("session   Core basics · 13 min · done"),
        "{text}"
    );
    assert!(
        text.contains("“stiff after the drive, better after a walk”"),
        "{text}"
    );
    assert!(text.contains("⚑ a rest day you chose"), "{text}");
    assert!(text.contains("“bad night”"), "{text}");
}

#[test]
fn e_corrects_a_checkin_in_its_own_form_and_u_takes_it_back() {
    let f = fixture();
    let mut app = open_diary(&f);
    for _ in 0..3 {
        press(&f, &mut app, KeyCode::Down);
    }
    press(&f, &mut app, KeyCode::Char('e'));
    let editing = history(&app).diary.editing.as_ref().expect("a form");
    let Form::CheckIn(form) = &editing.form else {
        panic!("not the check-in form")
    };
    // Filled in with what was recorded: the same checks apply on save.
    assert_eq!(form.values, [Some(6), Some(3), Some(6), Some(2)]);
    assert_eq!(form.note, NOTE);
    assert!(screen(&app, (80, 24)).contains("Correcting the check-in of 2026-11-25 08:12"));
    press(&f, &mut app, KeyCode::Char('4'));
    press(&f, &mut app, KeyCode::Backspace);
    assert_eq!(
        press(&f, &mut app, KeyCode::Enter),
        vec![],
        "pain is required"
    );
    press(&f, &mut app, KeyCode::Char('4'));
    let effects = press(&f, &mut app, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::CorrectEntry { .. }]),
        "{effects:?}"
    );
    assert!(history(&app).diary.editing.is_none(), "the form closed");
    assert_eq!(
        sql(
            &f,
            "SELECT pain, note FROM checkins WHERE context = 'daily'"
        ),
        format!("4|{NOTE}")
    );
    assert_eq!(
        app.notice.as_deref(),
        Some("Corrected the check-in of 08:12 (pain 4, anxiety 3, mood 6, fear 2). u undoes it.")
    );
    // History read again: the list and the daily means follow at once.
    let entries = history(&app).diary.entries.as_ref().expect("read");
    assert_eq!(entries[3].entry.scales().map(|s| s.pain), Some(4));
    // The day's mean pain over its three check-ins (4, 5 and 3): 4, not 4.67.
    let data = history(&app).data.as_ref().expect("read");
    let day = data
        .checkins
        .iter()
        .find(|d| d.date == date!(2026 - 11 - 25));
    assert_eq!(day.map(|d| d.pain / f64::from(d.n)), Some(4.0));
    // It is the last daily check-in but not the last check-in (09:14 is):
    // Today's last check-in did not change, so Today says nothing.
    assert_eq!(app.today.changed_line(), None);
    press(&f, &mut app, KeyCode::Char('u'));
    assert_eq!(
        sql(&f, "SELECT pain FROM checkins WHERE context = 'daily'"),
        "6"
    );
    assert_eq!(
        app.notice.as_deref(),
        Some("Undid the edit, as it was: check-in of 08:12 (pain 6, anxiety 3, mood 6, fear 2).")
    );
    press(&f, &mut app, KeyCode::Char('u'));
    press(&f, &mut app, KeyCode::Char('u'));
    press(&f, &mut app, KeyCode::Char('u'));
    press(&f, &mut app, KeyCode::Char('u'));
    press(&f, &mut app, KeyCode::Char('u'));
    assert_eq!(
        app.notice.as_deref(),
        Some("Nothing was undone: no edit, delete or new entry is left to take back.")
    );
}

#[test]
fn today_says_when_the_last_checkin_was_just_corrected_or_undone() {
    let f = fixture();
    let mut app = open_diary(&f);
    // The newest entry is the last check-in (09:14, after the session).
    press(&f, &mut app, KeyCode::Char('e'));
    press(&f, &mut app, KeyCode::Char('2'));
    press(&f, &mut app, KeyCode::Enter);
    assert_eq!(
        app.today.changed_line(),
        Some("Your 09:14 check-in was corrected — u in History › Diary undoes it")
    );
    assert_eq!(
        app.today.data.last_checkin.as_ref().map(|c| c.scales.pain),
        Some(2)
    );
    press(&f, &mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Today));
    let today = screen(&app, (80, 24));
    assert!(
        today.contains("Your 09:14 check-in was corrected — u in History › Diary undoes it"),
        "{today}"
    );
    press(&f, &mut app, KeyCode::Char('h'));
    press(&f, &mut app, KeyCode::Char('6'));
    press(&f, &mut app, KeyCode::Char('u'));
    assert_eq!(
        app.today.changed_line(),
        Some("Your 09:14 check-in is as it was again (undone)")
    );
    // The next day it is old news.
    update(&mut app, Msg::Day(date!(2026 - 11 - 26)), Instant::now());
    let mut moved = app.today.data.clone();
    moved.progress.day = date!(2026 - 11 - 26);
    update(&mut app, Msg::TodayLoaded(moved), Instant::now());
    assert_eq!(app.today.changed_line(), None);
}

#[test]
fn a_new_checkin_ends_todays_line() {
    let f = fixture();
    let mut app = open_diary(&f);
    press(&f, &mut app, KeyCode::Char('d'));
    press(&f, &mut app, KeyCode::Char('y'));
    assert_eq!(
        app.today.changed_line(),
        Some("Your 09:14 check-in was deleted — u in History › Diary brings it back")
    );
    press(&f, &mut app, KeyCode::Esc);
    press(&f, &mut app, KeyCode::Char('c'));
    for code in common::checkin_keys([3, 3, 3]) {
        press(&f, &mut app, code);
    }
    // The check-in went through the outbox; Today read again.
    let mut store = f.store();
    let today = limber::tui::load_today(&store, &f.env, &f.env.catalog()).expect("today");
    update(&mut app, Msg::TodayLoaded(today), Instant::now());
    assert_eq!(app.today.changed_line(), None);
    drop(store.undo(f.env.clock.now()));
}

#[test]
fn d_asks_once_n_keeps_y_deletes_and_u_brings_it_back() {
    let f = fixture();
    let mut app = open_diary(&f);
    press(&f, &mut app, KeyCode::End);
    press(&f, &mut app, KeyCode::Char('d'));
    let asked = screen(&app, (80, 24));
    assert!(
        asked.contains("Delete the flare-up day of 2026-11-24?")
            && asked.contains("y delete it  n keep it"),
        "{asked}"
    );
    assert_eq!(press(&f, &mut app, KeyCode::Char('n')), vec![]);
    assert!(history(&app).diary.asking.is_none());
    assert_eq!(
        sql(
            &f,
            "SELECT count(*) FROM flare_days WHERE deleted_at IS NULL"
        ),
        "1"
    );
    press(&f, &mut app, KeyCode::Char('d'));
    // Any other key is not an answer.
    assert_eq!(press(&f, &mut app, KeyCode::Char('x')), vec![]);
    press(&f, &mut app, KeyCode::Char('y'));
    assert_eq!(
        sql(
            &f,
            "SELECT count(*) FROM flare_days WHERE deleted_at IS NULL"
        ),
        "0"
    );
    assert_eq!(history(&app).diary.entries.as_ref().expect("read").len(), 4);
    assert_eq!(
        app.notice.as_deref(),
        Some("Deleted the flare-up day of 2026-11-24 (a rest day you chose). u brings it back.")
    );
    // The pick stays in the list, on what is now the last entry.
    assert_eq!(history(&app).diary.selected, 3);
    press(&f, &mut app, KeyCode::Char('u'));
    assert_eq!(
        app.notice.as_deref(),
        Some("Brought back: flare-up day of 2026-11-24 (a rest day you chose).")
    );
    assert_eq!(
        sql(&f, "SELECT note FROM flare_days WHERE deleted_at IS NULL"),
        "bad night"
    );
}

#[test]
fn a_session_goes_alone_with_y_or_with_its_checkins_with_c() {
    let f = fixture();
    let mut app = open_diary(&f);
    press(&f, &mut app, KeyCode::Down);
    press(&f, &mut app, KeyCode::Char('d'));
    let asked = screen(&app, (80, 24));
    assert!(
        asked.contains("c deletes its before/after check-ins too"),
        "{asked}"
    );
    press(&f, &mut app, KeyCode::Char('c'));
    assert_eq!(
        sql(&f, "SELECT count(*) FROM sessions WHERE deleted_at IS NULL"),
        "0"
    );
    assert_eq!(
        sql(&f, "SELECT count(*) FROM checkins WHERE deleted_at IS NULL"),
        "1"
    );
    assert_eq!(
        app.notice.as_deref(),
        Some(
            "Deleted the session of 09:00 (Core basics, 13 min, done), and its 2 check-ins. u brings it back."
        )
    );
    press(&f, &mut app, KeyCode::Char('u'));
    assert_eq!(
        sql(&f, "SELECT count(*) FROM checkins WHERE deleted_at IS NULL"),
        "3"
    );
    assert_eq!(
        app.notice.as_deref(),
        Some("Brought back: session of 09:00 (Core basics, 13 min, done), and its 2 check-ins.")
    );
    press(&f, &mut app, KeyCode::Char('d'));
    press(&f, &mut app, KeyCode::Char('y'));
    assert_eq!(
        sql(&f, "SELECT count(*) FROM checkins WHERE deleted_at IS NULL"),
        "3"
    );
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("its 2 check-ins were kept"))
    );
}

#[test]
fn a_sessions_minutes_and_note_are_corrected_and_a_length_past_now_is_refused() {
    let f = fixture();
    let mut app = open_diary(&f);
    press(&f, &mut app, KeyCode::Down);
    press(&f, &mut app, KeyCode::Char('e'));
    // 13 → 90 minutes: from 09:00 that ends after now (10:00).
    press(&f, &mut app, KeyCode::Backspace);
    press(&f, &mut app, KeyCode::Backspace);
    typed(&f, &mut app, "90");
    press(&f, &mut app, KeyCode::Enter);
    let editing = history(&app).diary.editing.as_ref().expect("still open");
    assert_eq!(
        editing.error.as_deref(),
        Some(
            "Nothing was corrected: 90 minutes from 09:00 would end after now; a session ends by the time it is recorded."
        )
    );
    assert!(screen(&app, (80, 24)).contains("90 minutes from 09:00"));
    press(&f, &mut app, KeyCode::Backspace);
    press(&f, &mut app, KeyCode::Backspace);
    typed(&f, &mut app, "20");
    press(&f, &mut app, KeyCode::Tab);
    typed(&f, &mut app, ", then sore");
    press(&f, &mut app, KeyCode::Enter);
    assert!(history(&app).diary.editing.is_none());
    assert_eq!(
        sql(&f, "SELECT active_seconds, ended_at, note FROM sessions"),
        "1200|2026-11-25T09:20:00Z|felt good, then sore"
    );
}

#[test]
fn no_change_is_made_while_entries_wait_for_the_store_and_the_form_keeps_it() {
    let f = fixture();
    let mut app = open_diary(&f);
    update(
        &mut app,
        Msg::Unsaved(Unsaved {
            entries: 1,
            reason: "the disk is full".to_string(),
            sessions: Vec::new(),
        }),
        Instant::now(),
    );
    press(&f, &mut app, KeyCode::Char('e'));
    press(&f, &mut app, KeyCode::Char('1'));
    assert_eq!(press(&f, &mut app, KeyCode::Enter), vec![]);
    let editing = history(&app).diary.editing.as_ref().expect("still open");
    assert!(
        editing
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("Not yet"))
    );
    let Form::CheckIn(form) = &editing.form else {
        panic!("not the check-in form")
    };
    assert_eq!(form.values[0], Some(1), "what was typed is kept");
    // Said in full, wrapped, above the bottom line (which says what waits).
    let text = screen(&app, (44, 14));
    assert!(text.contains("Not yet: entries still wait"), "{text}");
    assert!(text.contains("are saved."), "{text}");
    assert_eq!(
        sql(
            &f,
            "SELECT pain FROM checkins ORDER BY recorded_at DESC LIMIT 1"
        ),
        "3"
    );
    // The form holds a change: Esc asks first, Esc again leaves it.
    press(&f, &mut app, KeyCode::Esc);
    press(&f, &mut app, KeyCode::Esc);
    assert_eq!(press(&f, &mut app, KeyCode::Char('u')), vec![]);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Not yet"))
    );
}

#[test]
fn enter_opens_an_entry_with_every_field_and_a_sessions_exercises() {
    let f = fixture();
    let mut app = open_diary(&f);
    press(&f, &mut app, KeyCode::Down);
    let effects = press(&f, &mut app, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::LoadEntryExercises(_)]),
        "{effects:?}"
    );
    let text = screen(&app, (80, 24));
    assert!(text.contains("Session · 2026-11-25 09:00"), "{text}");
    assert!(text.contains("Minutes: 13"), "{text}");
    assert!(text.contains("felt good"), "{text}");
    assert!(text.contains("No exercises recorded"), "{text}");
    // e works on the entry opened, and Esc goes back to the list.
    press(&f, &mut app, KeyCode::Esc);
    assert!(history(&app).diary.opened.is_none());
    assert!(matches!(app.screen, Screen::History(_)));
}

#[test]
fn the_diarys_keys_are_named_actions_that_can_be_rebound() {
    let f = fixture();
    let mut app = f.app();
    app.config.keys = limber::keymap::Keymap::with(&[limber::keymap::Rebinding {
        action: ("delete_entry".to_string(), 0),
        keys: vec![("x".to_string(), 10)],
    }])
    .expect("valid");
    press(&f, &mut app, KeyCode::Char('h'));
    press(&f, &mut app, KeyCode::Char('6'));
    press(&f, &mut app, KeyCode::Char('d'));
    assert!(history(&app).diary.asking.is_none());
    press(&f, &mut app, KeyCode::Char('x'));
    assert!(history(&app).diary.asking.is_some());
    assert!(screen(&app, (80, 24)).contains("y delete it  n keep it"));
}

#[test]
fn a_flare_up_day_of_today_is_named_by_its_date() {
    let f = fixture();
    f.store()
        .mark_flare(date!(2026 - 11 - 25), None, datetime!(2026-11-25 09:30 UTC))
        .expect("flare");
    let mut app = open_diary(&f);
    press(&f, &mut app, KeyCode::Char('d'));
    press(&f, &mut app, KeyCode::Char('y'));
    assert_eq!(
        app.notice.as_deref(),
        Some("Deleted the flare-up day of 2026-11-25 (a rest day you chose). u brings it back.")
    );
}

/// A correction made elsewhere (the shell, another window) while the form
/// was open used to be overwritten with what the form showed, note and all.
#[test]
fn a_correction_made_elsewhere_while_the_form_is_open_is_not_overwritten() {
    let f = fixture();
    let mut app = open_diary(&f);
    for _ in 0..3 {
        press(&f, &mut app, KeyCode::Down);
    }
    press(&f, &mut app, KeyCode::Char('e'));
    assert!(history(&app).diary.editing.is_some());
    // Meanwhile, from the shell: another mood and another note.
    f.store()
        .correct(
            limber::model::EntryKind::CheckIn,
            &sql(&f, "SELECT uuid FROM checkins WHERE context = 'daily'"),
            &limber::model::Correction {
                mood: Some(2),
                note: Some(Some("from the shell".to_string())),
                ..Default::default()
            },
            datetime!(2026-11-25 10:00 UTC),
        )
        .expect("a correction from elsewhere");
    press(&f, &mut app, KeyCode::Char('4'));
    press(&f, &mut app, KeyCode::Enter);
    // Refused, with what was typed kept and the reason in the form.
    let editing = history(&app)
        .diary
        .editing
        .as_ref()
        .expect("the form stays");
    assert!(
        editing
            .error
            .as_deref()
            .is_some_and(|e| e.contains("changed elsewhere")),
        "{:?}",
        editing.error
    );
    assert_eq!(
        sql(
            &f,
            "SELECT pain, mood, note FROM checkins WHERE context = 'daily'"
        ),
        "6|2|from the shell"
    );
    // The list behind it is read again: opened anew, the form shows the
    // check-in as it is now, and a correction of pain alone keeps the rest.
    // (The form still holds a change: Esc asks first, Esc again leaves it.)
    press(&f, &mut app, KeyCode::Esc);
    press(&f, &mut app, KeyCode::Esc);
    press(&f, &mut app, KeyCode::Char('e'));
    press(&f, &mut app, KeyCode::Char('4'));
    press(&f, &mut app, KeyCode::Enter);
    assert!(history(&app).diary.editing.is_none(), "saved");
    assert_eq!(
        sql(
            &f,
            "SELECT pain, mood, note FROM checkins WHERE context = 'daily'"
        ),
        "4|2|from the shell"
    );
}

/// Saving the form unchanged wrote every field again and made a step to
/// undo; now it says nothing differs and writes nothing.
#[test]
fn a_form_saved_unchanged_writes_nothing() {
    let f = fixture();
    let mut app = open_diary(&f);
    for _ in 0..3 {
        press(&f, &mut app, KeyCode::Down);
    }
    let before = sql(
        &f,
        "SELECT updated_at FROM checkins WHERE context = 'daily'",
    );
    let steps = sql(&f, "SELECT count(*) FROM undo_log");
    press(&f, &mut app, KeyCode::Char('e'));
    press(&f, &mut app, KeyCode::Enter);
    assert_eq!(
        sql(
            &f,
            "SELECT updated_at FROM checkins WHERE context = 'daily'"
        ),
        before
    );
    assert_eq!(sql(&f, "SELECT count(*) FROM undo_log"), steps);
}

/// Finding (issue 21): a check-in's tags, places and what was taken were
/// not shown in the Diary, and its `e` form could not correct them.
#[test]
fn a_checkins_tags_places_and_treatments_are_shown_and_corrected() {
    let f = fixture();
    let with = limber::model::CheckInContext::parse(
        &["poor sleep"],
        &["lower-back"],
        &["ibuprofen 400 mg"],
    )
    .expect("context");
    {
        let mut store = f.store();
        let daily = sql(&f, "SELECT uuid FROM checkins WHERE context = 'daily'");
        store
            .set_checkin_context(&daily, &with)
            .expect("context kept");
    }
    let mut app = open_diary(&f);
    let list = screen(&app, (80, 24));
    assert!(
        list.contains("tags: poor sleep; where: lower back; took: ibuprofen 400 mg"),
        "{list}"
    );
    for _ in 0..3 {
        press(&f, &mut app, KeyCode::Down);
    }
    press(&f, &mut app, KeyCode::Enter);
    let opened = screen(&app, (80, 24));
    for line in [
        "Tags: poor sleep",
        "Where it hurts: lower back",
        "What you took: ibuprofen 400 mg",
    ] {
        assert!(opened.contains(line), "{line}: {opened}");
    }
    press(&f, &mut app, KeyCode::Char('e'));
    let form = screen(&app, (80, 24));
    assert!(form.contains("poor sleep"), "{form}");
    // Down past the four scales to the tags; Space unmarks "poor sleep".
    for _ in 0..4 {
        press(&f, &mut app, KeyCode::Down);
    }
    press(&f, &mut app, KeyCode::Char(' '));
    let effects = press(&f, &mut app, KeyCode::Enter);
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::CorrectEntry { with: Some(_), .. }]
        ),
        "{effects:?}"
    );
    assert_eq!(sql(&f, "SELECT count(*) FROM checkin_tags"), "0");
    assert_eq!(
        sql(&f, "SELECT count(*) FROM checkin_regions"),
        "1",
        "the place stays"
    );
    // u takes it back.
    press(&f, &mut app, KeyCode::Char('u'));
    assert_eq!(sql(&f, "SELECT count(*) FROM checkin_tags"), "1");
}

/// Finding (issue 21): fitness results and WHO-5s were not in the Diary.
#[test]
fn fitness_results_and_who5s_are_listed_and_corrected() {
    let f = fixture();
    {
        let mut store = f.store();
        store
            .add_fitness_result(&limber::model::NewFitnessResult {
                test: limber::model::FitnessTest::ChairStand,
                value: 12,
                at: datetime!(2026-11-25 09:30 UTC),
                local_date: date!(2026 - 11 - 25),
            })
            .expect("fitness");
        let who5 = limber::model::Who5::new([3, 3, 3, 3, 3]).expect("answers");
        store
            .add_who5(datetime!(2026-11-25 09:40 UTC), date!(2026 - 11 - 25), who5)
            .expect("who-5");
    }
    let mut app = open_diary(&f);
    let list = screen(&app, (80, 24));
    assert!(
        list.contains("2026-11-25 09:40  WHO-5     score 60 of 100, answers 3,3,3,3,3"),
        "{list}"
    );
    assert!(
        list.contains("2026-11-25 09:30  fitness   chair-stand, 12 stands, the practice try"),
        "{list}"
    );
    // The fitness result: one down from the WHO-5 at the top.
    press(&f, &mut app, KeyCode::Down);
    press(&f, &mut app, KeyCode::Char('e'));
    let form = screen(&app, (80, 24));
    assert!(form.contains("Stands: 12"), "{form}");
    press(&f, &mut app, KeyCode::Backspace);
    press(&f, &mut app, KeyCode::Char('4'));
    press(&f, &mut app, KeyCode::Enter);
    assert_eq!(sql(&f, "SELECT value FROM fitness_results"), "14");
    // The WHO-5: its last answer from 3 to 5.
    press(&f, &mut app, KeyCode::Up);
    press(&f, &mut app, KeyCode::Char('e'));
    press(&f, &mut app, KeyCode::Backspace);
    press(&f, &mut app, KeyCode::Char('5'));
    press(&f, &mut app, KeyCode::Enter);
    let score = screen(&app, (80, 24));
    assert!(
        score.contains("score 68 of 100, answers 3,3,3,3,5"),
        "{score}"
    );
}
