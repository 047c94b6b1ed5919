//! Every screen drawn on ratatui's TestBackend at 80×24 and at a small size,
//! driven the way a person drives it: by keys, at synthetic instants.

use std::time::{Duration, Instant};

use insta::assert_snapshot;
use limber::config::Config;
use limber::insights::Progress;
use limber::model::{CheckIn, CheckInKind, Scales, Session, SessionKind, SessionStatus};
use limber::routine::Catalog;
use limber::tui::app::{App, Msg, Screen, Startup, update, view};
use limber::tui::screens::resume::Unfinished;
use limber::tui::screens::today::TodayData;
use limber::tui::theme::{Palette, Theme};
use limber::tui::{Effect, routine_entries};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use time::macros::{date, datetime};

use common::frame::{frame, look};

const SIZES: [(u16, u16); 2] = [(80, 24), (44, 14)];

use crate::common;
use common::fixture::routines;

fn today_data() -> TodayData {
    let mut catalog = Catalog {
        routines: routines(),
        ..Catalog::default()
    };
    catalog.broken.push(limber::routine::BrokenRoutine {
        slug: "evening".to_string(),
        path: "routines/evening.toml".into(),
        problems: vec![limber::located::Located {
            file: "routines/evening.toml".to_string(),
            line: 7,
            column: 8,
            message: "unknown kind \"yoga\"".to_string(),
        }],
    });
    TodayData {
        progress: Progress {
            day: date!(2026 - 11 - 25),
            done_today: false,
            short_today: false,
            flare_today: false,
            week_start: date!(2026 - 11 - 23),
            this_week: 2,
            weekly_goal: 3,
            streak: 4,
            streak_days: 6,
        },
        last_checkin: Some(CheckIn {
            id: 1,
            uuid: "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10".to_string(),
            at: datetime!(2026-11-24 20:30 UTC),
            local_date: date!(2026 - 11 - 24),
            context: CheckInKind::Daily,
            session_uuid: None,
            scales: Scales {
                pain: 5,
                anxiety: 3,
                mood: 6,
                fear: None,
            },
            note: None,
        }),
        routines: routine_entries(&catalog, &Config::default()),
        favourites: vec![("Bird-dog".to_string(), 4.6), ("Bridge".to_string(), 4.2)],
        loading: false,
        programme: None,
    }
}

fn app_with(startup: Startup) -> App {
    let mut app = App::new(
        Config::default(),
        limber::clock::Clock::fixed(
            time::macros::datetime!(2026-11-25 10:00 UTC),
            jiff::tz::TimeZone::UTC,
        ),
        today_data(),
        routines(),
        startup,
        Theme::default(),
    );
    app.init(Instant::now());
    app
}

fn app() -> App {
    app_with(Startup::today(Vec::new()))
}

/// The very first start: the safety notice not read yet.
fn first_start() -> App {
    app_with(Startup {
        safety_read: false,
        unfinished: None,
        run: None,
        run_gentle: false,
        feared: Vec::new(),
    })
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(app: &mut App, codes: &[KeyCode], now: Instant) -> Vec<Effect> {
    let mut effects = Vec::new();
    for &code in codes {
        effects.extend(update(app, key(code), now));
    }
    effects
}

/// Answers the three check-in questions (pain, anxiety, mood) and saves them.
fn answer(app: &mut App, scales: [u8; 3], now: Instant) -> Vec<Effect> {
    press(app, &common::checkin_keys(scales), now)
}

fn draw(app: &App, size: (u16, u16), now: Instant) -> TestBackend {
    frame(app, size, now).0
}

/// Snapshots a screen at both sizes.
fn snap(name: &str, app: &App, now: Instant) {
    for size in SIZES {
        assert_snapshot!(
            format!("{name}_{}x{}", size.0, size.1),
            draw(app, size, now)
        );
    }
}

/// Skips a running session to its last step, a second a press from `t0`;
/// returns the time of the last press.
fn skip_to_the_last_step(app: &mut App, t0: Instant) -> Instant {
    let Screen::Session(run) = &app.screen else {
        panic!("not running")
    };
    let last = run.timer.plan().steps.len() - 1;
    let mut now = t0;
    while matches!(&app.screen, Screen::Session(run) if run.timer.index() < last) {
        now += Duration::from_secs(1);
        press(app, &[KeyCode::Char('n')], now);
    }
    now
}

/// Today → the desk break's detail → start → skip the before-check-in.
fn start_desk_break(app: &mut App, t0: Instant) {
    let effects = press(app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Esc], t0);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::StartSession { routine, before: None, .. } if routine.slug == "desk-break")),
        "{effects:?}"
    );
}

/// The UUID of the session under way, which its writes name it by.
fn session_uuid(app: &App) -> String {
    match &app.screen {
        Screen::Session(session) => session.session.clone(),
        _ => panic!("not in a session"),
    }
}

#[test]
fn safety_notice() {
    let app = first_start();
    snap("safety", &app, Instant::now());
}

#[test]
fn on_a_small_terminal_the_safety_notice_is_read_to_the_end_before_enter_counts() {
    let mut app = first_start();
    let now = Instant::now();
    update(&mut app, Msg::Resize(44, 14), now);
    let first = format!("{}", draw(&app, (44, 14), now));
    assert!(
        first.contains("read on") && !first.contains("pain at night"),
        "{first}"
    );
    let mut presses = 0;
    loop {
        let before = format!("{}", draw(&app, (44, 14), now));
        let effects = press(&mut app, &[KeyCode::Enter], now);
        presses += 1;
        if effects.contains(&Effect::MarkSafetyRead) {
            // Accepted only with the end of the notice on screen.
            assert!(before.contains("pain at night"), "{before}");
            assert!(before.contains("I have read this"), "{before}");
            break;
        }
        assert!(presses < 10, "Enter never accepted the notice");
    }
    assert!(
        presses > 1,
        "the first Enter accepted a notice that was not all on screen"
    );
}

#[test]
fn today() {
    let mut app = app();
    let now = Instant::now();
    press(&mut app, &[KeyCode::Down], now);
    snap("today", &app, now);
}

#[test]
fn today_help() {
    let mut app = app();
    let now = Instant::now();
    press(&mut app, &[KeyCode::Char('?')], now);
    snap("today_help", &app, now);
}

#[test]
fn routine_detail() {
    let mut app = app();
    let now = Instant::now();
    press(
        &mut app,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Enter],
        now,
    );
    snap("detail", &app, now);
}

#[test]
fn checkin_form() {
    let mut app = app();
    let now = Instant::now();
    press(
        &mut app,
        &[
            KeyCode::Char('c'),
            KeyCode::Down,
            KeyCode::Char('7'),
            KeyCode::Char('n'),
        ],
        now,
    );
    for c in "slept badly".chars() {
        press(&mut app, &[KeyCode::Char(c)], now);
    }
    snap("checkin", &app, now);
}

#[test]
fn timer_work() {
    let mut app = app();
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    let now = t0 + Duration::from_millis(17_400);
    update(&mut app, Msg::Tick, now);
    snap("timer_work", &app, now);
}

#[test]
fn timer_paused() {
    let mut app = app();
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    let now = t0 + Duration::from_secs(20);
    update(&mut app, Msg::Tick, now);
    press(&mut app, &[KeyCode::Char(' ')], now);
    // A long pause changes nothing on the screen.
    let later = now + Duration::from_secs(600);
    assert_eq!(app.next_wake(later), None);
    snap("timer_paused", &app, later);
}

#[test]
fn timer_rest_offers_a_rating() {
    let mut app = app();
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    // Get ready 5 s, seated cat-cow 40 s, then its rest.
    let now = t0 + Duration::from_secs(46);
    let effects = update(&mut app, Msg::Tick, now);
    assert!(effects.iter().any(
        |e| matches!(e, Effect::RecordExercise { session, record } if record.position == 0 && *session == session_uuid(&app))
    ));
    snap("timer_rest", &app, now);
    let id = session_uuid(&app);
    let effects = press(&mut app, &[KeyCode::Char('4')], now);
    assert_eq!(
        effects,
        vec![Effect::RateExercise {
            session: id,
            position: 0,
            comfort: 4
        }]
    );
}

#[test]
fn timer_reps() {
    let mut app = app();
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    // The rest after cat-cow ends at 50 s; the back extension is 5 reps.
    let now = t0 + Duration::from_millis(53_200);
    update(&mut app, Msg::Tick, now);
    snap("timer_reps", &app, now);
}

#[test]
fn timer_breathing() {
    let mut app = app();
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    // Two seconds into a 4-in, 6-out breath: breathing in, half full.
    let now = skip_to_the_last_step(&mut app, t0) + Duration::from_millis(1500);
    update(&mut app, Msg::Tick, now);
    snap("timer_breathing", &app, now);
}

#[test]
fn end_the_session_asks_first() {
    let mut app = app();
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    let now = t0 + Duration::from_secs(10);
    press(&mut app, &[KeyCode::Char('q')], now);
    snap("timer_confirm_end", &app, now);
    let id = session_uuid(&app);
    let effects = press(&mut app, &[KeyCode::Char('y')], now);
    assert!(effects.contains(&Effect::FinishSession {
        session: id,
        status: SessionStatus::Aborted
    }));
    // Ended early, it still asks how you are (see tests/session_slips.rs).
    assert!(matches!(&app.screen, Screen::CheckIn(form) if form.context == CheckInKind::After));
}

#[test]
fn summary_after_a_whole_session() {
    let mut app = app();
    let t0 = Instant::now();
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter], t0);
    // Before: pain 6, anxiety 5, mood 4.
    answer(&mut app, [6, 5, 4], t0);
    let id = session_uuid(&app);
    // Through every step: time runs out, reps are confirmed.
    let mut now = t0;
    while matches!(app.screen, Screen::Session(_)) {
        now += Duration::from_secs(1);
        update(&mut app, Msg::Tick, now);
        if matches!(app.screen, Screen::Session(_)) {
            press(&mut app, &[KeyCode::Enter], now);
        }
    }
    assert!(matches!(&app.screen, Screen::CheckIn(form) if form.context == CheckInKind::After));
    // After: pain 4, anxiety 3, mood 6, once the form takes keys.
    now += limber::tui::screens::checkin::QUIET_FOR;
    let effects = answer(&mut app, [4, 3, 6], now);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::SaveCheckIn { context: CheckInKind::After, session: Some(s), scales, .. } if scales.pain == 4 && *s == id
    )));
    press(&mut app, &[KeyCode::Char('5')], now);
    snap("summary", &app, now);
}

#[test]
fn resume_prompt() {
    let routine = routines()
        .into_iter()
        .find(|r| r.slug == "core-basics")
        .expect("core-basics");
    let app = app_with(Startup {
        safety_read: true,
        unfinished: Some(Unfinished {
            session: Session {
                id: 9,
                uuid: "5d1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10".to_string(),
                routine_slug: Some("core-basics".to_string()),
                activity: "Core basics".to_string(),
                kind: SessionKind::Guided,
                status: SessionStatus::InProgress,
                started_at: datetime!(2026-11-25 07:32 UTC),
                ended_at: None,
                local_date: date!(2026 - 11 - 25),
                planned_seconds: 785,
                active_seconds: 0,
                note: None,
                gentle: false,
            },
            routine: Some(routine),
            records: [0u32, 1]
                .iter()
                .map(|&position| limber::model::ExerciseRecord {
                    position,
                    name: format!("exercise {position}"),
                    kind: limber::routine::Kind::Stretch,
                    planned_seconds: Some(60),
                    actual_seconds: 60,
                    planned_reps: None,
                    sets_planned: 1,
                    sets_done: 1,
                    status: limber::model::ExerciseStatus::Done,
                    comfort: None,
                    expected_pain: None,
                    actual_pain: None,
                    finished_at: datetime!(2026-11-25 07:34 UTC),
                })
                .collect(),
            before: None,
        }),
        run: None,
        run_gentle: false,
        feared: Vec::new(),
    });
    assert!(matches!(app.screen, Screen::Resume(_)));
    snap("resume", &app, Instant::now());
}

#[test]
fn run_goes_straight_to_the_before_check_in() {
    let routine = routines().into_iter().next().expect("a routine");
    let app = app_with(Startup {
        safety_read: true,
        unfinished: None,
        run: Some(routine),
        run_gentle: false,
        feared: Vec::new(),
    });
    assert!(matches!(&app.screen, Screen::CheckIn(form) if form.context == CheckInKind::Before));
}

#[test]
fn terminal_too_small() {
    let app = app();
    let now = Instant::now();
    assert_snapshot!("too_small_30x8", draw(&app, (30, 8), now));
    // Nothing panics at any size, 1×1 included.
    for (w, h) in [(1, 1), (2, 1), (1, 5), (39, 12), (40, 11), (40, 12)] {
        draw(&app, (w, h), now);
    }
}

#[test]
fn every_screen_draws_at_every_size_without_panicking() {
    let mut app = app();
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    let mut now = t0;
    for step in 0..40u64 {
        now += Duration::from_millis(700 + step * 37);
        update(&mut app, Msg::Tick, now);
        for w in (1..=120).step_by(17) {
            for h in (1..=40).step_by(7) {
                draw(&app, (w, h), now);
            }
        }
    }
}

#[test]
fn a_hard_day_offers_the_gentle_version() {
    let mut app = app();
    let t0 = Instant::now();
    // Core basics, before-check-in with pain 8.
    press(
        &mut app,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Enter, KeyCode::Enter],
        t0,
    );
    let effects = answer(&mut app, [8, 3, 5], t0);
    // The check-in is kept at once; nothing starts before the offer is answered.
    assert!(
        matches!(effects.as_slice(), [Effect::KeepCheckIn { scales, .. }] if scales.pain == 8),
        "{effects:?}"
    );
    assert!(matches!(app.screen, Screen::Gentle(_)));
    // Pain 8: the signs that need help now come first, over the offer.
    assert!(app.red_flags.is_some());
    press(&mut app, &[KeyCode::Char('x')], t0);
    assert!(app.red_flags.is_none());
    snap("gentle_offer", &app, t0);
    let effects = press(&mut app, &[KeyCode::Enter], t0);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::StartSession { gentle: true, .. }))
    );
    let Screen::Session(run) = &app.screen else {
        panic!("not running")
    };
    assert!(run.gentle);
    let full = routines()
        .into_iter()
        .find(|r| r.slug == "core-basics")
        .expect("core");
    assert!(run.timer.total().as_secs() < u64::from(full.total_seconds(5, 15)));
}

#[test]
fn keeping_the_full_version_is_one_key() {
    let mut app = app();
    let t0 = Instant::now();
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter], t0);
    answer(&mut app, [9, 3, 5], t0);
    // Pain 9 shows the signs that need help now first.
    press(&mut app, &[KeyCode::Char('x')], t0);
    let effects = press(&mut app, &[KeyCode::Char('f')], t0);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::StartSession { gentle: false, .. }))
    );
}

#[test]
fn a_feared_exercise_asks_what_is_expected_and_what_it_was() {
    let mut app = app_with(Startup::today(vec!["Seated cat-cow".to_string()]));
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    // During the get-ready, before its first set.
    snap("timer_expect", &app, t0);
    assert!(press(&mut app, &[KeyCode::Char('7')], t0).is_empty());
    // The timer did not wait: the exercise runs and ends at 45 s.
    let now = t0 + Duration::from_secs(46);
    let effects = update(&mut app, Msg::Tick, now);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::RecordExercise { record, .. } if record.expected_pain == Some(7))),
        "{effects:?}"
    );
    snap("timer_actual", &app, now);
    let id = session_uuid(&app);
    let effects = press(&mut app, &[KeyCode::Char('3')], now);
    assert_eq!(
        effects,
        vec![Effect::SetExposure {
            session: id,
            position: 0,
            expected: Some(7),
            actual: Some(3)
        }]
    );
    // Then the rating prompt gets its turn.
    let effects = press(&mut app, &[KeyCode::Char('4')], now);
    assert!(matches!(
        effects.as_slice(),
        [Effect::RateExercise { comfort: 4, .. }]
    ));
}

#[test]
fn f_marks_an_exercise_as_feared_in_the_detail() {
    let mut app = app();
    let now = Instant::now();
    press(&mut app, &[KeyCode::Enter, KeyCode::Down], now);
    let effects = press(&mut app, &[KeyCode::Char('f')], now);
    assert_eq!(
        effects,
        vec![Effect::SetFeared {
            name: "Standing back extension".to_string(),
            feared: true
        }]
    );
    assert_snapshot!("detail_feared_80x24", draw(&app, (80, 24), now));
    let effects = press(&mut app, &[KeyCode::Char('f')], now);
    assert_eq!(
        effects,
        vec![Effect::SetFeared {
            name: "Standing back extension".to_string(),
            feared: false
        }]
    );
}

#[test]
fn r_on_today_marks_a_flare_day() {
    let mut app = app();
    assert_eq!(
        press(&mut app, &[KeyCode::Char('r')], Instant::now()),
        vec![Effect::ToggleFlare]
    );
    let mut data = today_data();
    data.progress.flare_today = true;
    data.progress.weekly_goal = 2;
    update(&mut app, Msg::TodayLoaded(data), Instant::now());
    assert_snapshot!("today_flare_80x24", draw(&app, (80, 24), Instant::now()));
}

#[test]
fn the_check_in_keys_show_at_the_smallest_size() {
    let mut app = app();
    let now = Instant::now();
    press(&mut app, &[KeyCode::Char('c')], now);
    let screen = format!("{}", draw(&app, (40, 12), now));
    assert!(screen.contains("Enter save"), "{screen}");
    assert!(screen.contains("Fear of movement"), "{screen}");
}

#[test]
fn f_on_today_asks_for_the_favourites_routine_and_shows_it() {
    let mut app = app();
    let now = Instant::now();
    assert_eq!(
        press(&mut app, &[KeyCode::Char('f')], now),
        vec![Effect::StartFavourites]
    );
    update(
        &mut app,
        Msg::Notice("Your favourites need 3 exercises rated".to_string()),
        now,
    );
    let screen = format!("{}", draw(&app, (80, 24), now));
    assert!(
        screen.contains("Your favourites need 3 exercises rated"),
        "{screen}"
    );
    let routine = routines().into_iter().next().expect("a routine");
    update(&mut app, Msg::OpenRoutine(Box::new(routine)), now);
    // Its page first; Enter starts it.
    assert!(matches!(&app.screen, Screen::Detail(_)));
    press(&mut app, &[KeyCode::Enter], now);
    assert!(matches!(&app.screen, Screen::CheckIn(form) if form.context == CheckInKind::Before));
}

#[test]
fn the_wheel_moves_the_list_and_a_click_picks_then_opens() {
    let mut app = app();
    let now = Instant::now();
    update(&mut app, Msg::Resize(80, 24), now);
    update(&mut app, Msg::Wheel(1), now);
    update(&mut app, Msg::Wheel(1), now);
    update(&mut app, Msg::Wheel(-1), now);
    assert_eq!(app.today.selected, 1);
    look(&mut app, (80, 24), now);
    // The list starts on row 5 here (a favourites line above it): row 7 is the third.
    update(&mut app, Msg::Click(10, 7), now);
    assert_eq!(app.today.selected, 2);
    assert!(matches!(app.screen, Screen::Today));
    look(&mut app, (80, 24), now);
    update(&mut app, Msg::Click(10, 7), now);
    assert!(matches!(&app.screen, Screen::Detail(d) if d.routine.slug == "core-basics"));
    // Outside the list nothing happens.
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        now,
    );
    look(&mut app, (80, 24), now);
    update(&mut app, Msg::Click(10, 1), now);
    assert!(matches!(app.screen, Screen::Today));
    assert_eq!(app.today.selected, 2);
}

#[test]
fn g_and_shift_g_jump_in_every_list() {
    let mut app = app();
    let now = Instant::now();
    press(&mut app, &[KeyCode::Char('G')], now);
    assert_eq!(app.today.selected, app.today.data.routines.len() - 1);
    press(
        &mut app,
        &[KeyCode::Char('g'), KeyCode::Enter, KeyCode::Char('G')],
        now,
    );
    let Screen::Detail(detail) = &app.screen else {
        panic!("not on the detail")
    };
    assert_eq!(detail.selected, detail.routine.exercises.len() - 1);
    press(&mut app, &[KeyCode::Char('g')], now);
    assert!(matches!(&app.screen, Screen::Detail(d) if d.selected == 0));
}

#[test]
fn a_feared_last_exercise_is_asked_how_it_went_before_the_summary() {
    let mut app = app_with(Startup {
        feared: vec!["Three slow breaths".to_string()],
        ..Startup::today(Vec::new())
    });
    let t0 = Instant::now();
    start_desk_break(&mut app, t0);
    // Skip to the last exercise, answer "expected" with 1, then let it end.
    let mut now = skip_to_the_last_step(&mut app, t0);
    press(&mut app, &[KeyCode::Char('1')], now);
    now += Duration::from_secs(60);
    update(&mut app, Msg::Tick, now);
    // The routine is over, but the question holds the summary back.
    let screen = format!("{}", draw(&app, (80, 24), now));
    assert!(
        screen.contains("how much did it actually hurt?"),
        "{screen}"
    );
    // A 0 now is an answer of 0, not "1 then 0" for the earlier question.
    let id = session_uuid(&app);
    let effects = press(&mut app, &[KeyCode::Char('0')], now);
    assert!(
        effects.contains(&Effect::SetExposure {
            session: id,
            position: 6,
            expected: Some(1),
            actual: Some(0)
        }),
        "{effects:?}"
    );
    assert!(matches!(&app.screen, Screen::CheckIn(form) if form.context == CheckInKind::After));
}

#[test]
fn keys_rebound_in_config_drive_the_session_and_show_in_its_footer_and_help() {
    let config = Config::parse(
        "config.toml",
        "[keys]\npause = \"x\"\nskip = [\"s\", \"right\"]\nhelp = \"f1\"\n",
    )
    .expect("valid [keys]");
    let mut app = App::new(
        config,
        limber::clock::Clock::fixed(
            time::macros::datetime!(2026-11-25 10:00 UTC),
            jiff::tz::TimeZone::UTC,
        ),
        today_data(),
        routines(),
        Startup::today(Vec::new()),
        Theme::default(),
    );
    let t0 = Instant::now();
    app.init(t0);
    start_desk_break(&mut app, t0);
    let phase = |app: &App| match &app.screen {
        Screen::Session(run) => run.timer.phase(),
        _ => panic!("not in the session"),
    };
    let running = phase(&app);
    // Space is no longer pause; x is.
    press(&mut app, &[KeyCode::Char(' ')], t0);
    assert_eq!(phase(&app), running);
    press(&mut app, &[KeyCode::Char('x')], t0);
    assert_ne!(phase(&app), running);
    let screen = format!("{}", draw(&app, (80, 24), t0));
    assert!(screen.contains("x go on  s skip"), "{screen}");
    assert!(screen.contains("Paused — x to go on"), "{screen}");
    // ? is plain again; F1 opens the keys, listing the new ones.
    press(&mut app, &[KeyCode::Char('?')], t0);
    assert!(!app.help);
    press(&mut app, &[KeyCode::F(1)], t0);
    assert!(app.help);
    let help = format!("{}", draw(&app, (80, 24), t0));
    // The overlay's rows, as "keys action" with the column's padding closed up.
    let rows: Vec<String> = help
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for row in ["x pause", "s → skip", "F1 keys", "q Esc end"] {
        assert!(rows.iter().any(|r| r == row), "{row} in {help}");
    }
}

#[test]
fn a_routine_mended_on_the_second_try_leaves_the_problems_page_for_its_detail() {
    use limber::tui::app::RoutinesChanged;
    let mut app = app();
    let now = Instant::now();
    let changed = |problems: Vec<limber::located::Located>| {
        Msg::RoutinesChanged(Box::new(RoutinesChanged {
            routines: routines(),
            today: today_data(),
            slug: "desk-break".to_string(),
            path: "routines/desk-break.toml".into(),
            problems,
        }))
    };
    update(
        &mut app,
        changed(vec![limber::located::Located {
            file: "routines/desk-break.toml".to_string(),
            line: 10,
            column: 13,
            message: "get_ready \"five\" is not a length of time".to_string(),
        }]),
        now,
    );
    assert!(matches!(app.screen, Screen::Problems(_)));
    assert!(format!("{}", draw(&app, (80, 24), now)).contains("10:13: get_ready"));
    update(&mut app, changed(Vec::new()), now);
    let Screen::Detail(detail) = &app.screen else {
        panic!("the mended routine's page should show");
    };
    assert_eq!(detail.routine.slug, "desk-break");
    let screen = format!("{}", draw(&app, (80, 24), now));
    assert!(
        screen.contains("Saved routines/desk-break.toml."),
        "{screen}"
    );
}

#[test]
fn space_pages_the_safety_notice_but_only_its_read_on_key_accepts_it() {
    let mut app = first_start();
    let now = Instant::now();
    update(&mut app, Msg::Resize(44, 14), now);
    for _ in 0..10 {
        let effects = press(&mut app, &[KeyCode::Char(' ')], now);
        assert!(!effects.contains(&Effect::MarkSafetyRead));
    }
    // Space has paged to the end; G and g go to either end as well.
    assert!(format!("{}", draw(&app, (44, 14), now)).contains("I have read this"));
    press(&mut app, &[KeyCode::Char('g')], now);
    assert!(!format!("{}", draw(&app, (44, 14), now)).contains("I have read this"));
    press(&mut app, &[KeyCode::Char('G')], now);
    let effects = press(&mut app, &[KeyCode::Enter], now);
    assert!(effects.contains(&Effect::MarkSafetyRead));
}

#[test]
fn a_click_with_the_keys_open_only_closes_them() {
    let mut app = app();
    let now = Instant::now();
    update(&mut app, Msg::Resize(80, 24), now);
    press(&mut app, &[KeyCode::Char('?')], now);
    assert!(app.help);
    look(&mut app, (80, 24), now);
    // The first routine's row: a click there would otherwise pick it.
    update(&mut app, Msg::Click(5, 5), now);
    assert!(!app.help);
    assert!(matches!(app.screen, Screen::Today));
    look(&mut app, (80, 24), now);
    update(&mut app, Msg::Click(5, 5), now);
    assert!(matches!(app.screen, Screen::Detail(_)));
}

/// In mono (`theme = "mono"`, or NO_COLOR) no cell of any screen carries a
/// colour, and the screens read the same: state shows as a word, a symbol,
/// bold or reverse video.
fn colourless(app: &App, now: Instant) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| {
            view(app, f, now);
        })
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    for cell in &buffer.content {
        assert_eq!(cell.fg, Color::Reset, "a coloured cell: {cell:?}");
        assert_eq!(cell.bg, Color::Reset, "a coloured cell: {cell:?}");
    }
    buffer
}

#[test]
fn mono_screens_have_no_colour_and_keep_their_meaning() {
    let config = Config {
        theme: limber::config::Theme::Mono,
        ..Config::default()
    };
    let catalog = limber::routine::Catalog {
        routines: routines(),
        ..Default::default()
    };
    let today = limber::tui::screens::today::TodayData {
        progress: limber::insights::Progress::new(
            &[],
            &[],
            0,
            3,
            time::macros::date!(2026 - 11 - 25),
        ),
        last_checkin: None,
        routines: limber::tui::routine_entries(&catalog, &config),
        favourites: Vec::new(),
        loading: false,
        programme: None,
    };
    let theme = Theme::chosen(config.theme, false);
    let mut app = App::new(
        config,
        limber::clock::Clock::fixed(datetime!(2026-11-25 10:00 UTC), jiff::tz::TimeZone::UTC),
        today,
        routines(),
        Startup::today(Vec::new()),
        theme,
    );
    let t0 = Instant::now();
    app.init(t0);
    let buffer = colourless(&app, t0);
    // The selected routine is still marked: reverse video and a ›.
    assert!(
        buffer
            .content
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
    assert!(buffer.content.iter().any(|c| c.symbol() == "›"));
    // A check-in, then the timer, paused: PAUSED is a word, not a colour.
    update(&mut app, key(KeyCode::Enter), t0);
    update(&mut app, key(KeyCode::Enter), t0);
    colourless(&app, t0);
    update(&mut app, key(KeyCode::Esc), t0);
    let later = t0 + Duration::from_secs(8);
    update(&mut app, Msg::Tick, later);
    update(&mut app, key(KeyCode::Char(' ')), later);
    let screen: String = colourless(&app, later)
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("PAUSED"), "{screen}");
    // NO_COLOR wins over every theme.
    assert!(Theme::chosen(limber::config::Theme::Light, true).is_mono());
    assert_eq!(
        Theme::new(Palette::Dark).accent.fg,
        Some(Color::Cyan),
        "the default palette has colours"
    );
    // The other palettes shade the same meanings differently.
    assert_eq!(Theme::new(Palette::Light).accent.fg, Some(Color::Blue));
    let high = Theme::new(Palette::HighContrast);
    assert_eq!(high.accent.fg, Some(Color::LightCyan));
    assert!(high.warn.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn fitness_check() {
    let mut app = app();
    let t0 = Instant::now();
    let effects = press(&mut app, &[KeyCode::Char('t')], t0);
    assert_eq!(effects, [Effect::OpenFitness]);
    update(
        &mut app,
        Msg::FitnessOpened([false, false, true, true, false, false], false),
        t0,
    );
    snap("fitness_pick", &app, t0);
    press(&mut app, &[KeyCode::Enter], t0);
    snap("fitness_protocol", &app, t0);
    // At 44×14 the steps scroll: the last (arms used: stop, record 0) is
    // below until the person reads on, and never silently cut.
    let text = |app: &App| format!("{:?}", draw(app, (44, 14), t0));
    assert!(!text(&app).contains("the result is 0"));
    press(&mut app, &[KeyCode::Down; 12], t0);
    let read_on = text(&app);
    assert!(read_on.contains("the result is 0"), "{read_on}");
    assert!(!read_on.contains("↓ more"), "{read_on}");
    press(&mut app, &[KeyCode::Up; 12], t0);
    assert!(text(&app).contains("1. Put a sturdy chair"));
    press(&mut app, &[KeyCode::Enter], t0);
    let now = t0 + Duration::from_millis(7_300);
    assert_eq!(app.next_wake(now), Some(t0 + Duration::from_secs(8)));
    snap("fitness_countdown", &app, now);
    // The countdown runs out: the count is asked for; the first try is practice.
    let end = t0 + Duration::from_secs(30);
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Char('1')], end);
    snap("fitness_count", &app, end);
    let effects = press(&mut app, &[KeyCode::Enter], end);
    assert_eq!(
        effects,
        [Effect::SaveFitness {
            test: limber::model::FitnessTest::ChairStand,
            value: 11
        }]
    );
    snap("fitness_after_practice", &app, end);
    // The WHO-5 is asked with the fitness check.
    assert!(press(&mut app, &[KeyCode::Char('w')], end).is_empty());
    assert!(matches!(app.screen, Screen::Who5(_)));
}

#[test]
fn fitness_side_bridge_stopwatch() {
    let mut app = app();
    let t0 = Instant::now();
    press(&mut app, &[KeyCode::Char('t')], t0);
    update(&mut app, Msg::FitnessOpened([true; 6], false), t0);
    press(
        &mut app,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Enter, KeyCode::Enter],
        t0,
    );
    snap("fitness_stopwatch", &app, t0 + Duration::from_secs(75));
}

#[test]
fn who5_form() {
    let mut app = app();
    let t0 = Instant::now();
    assert!(press(&mut app, &[KeyCode::Char('w')], t0).is_empty());
    snap("who5_first", &app, t0);
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Down], t0);
    snap("who5_second", &app, t0);
    press(
        &mut app,
        &[
            KeyCode::Char('3'),
            KeyCode::Char('2'),
            KeyCode::Char('2'),
            KeyCode::Char('2'),
        ],
        t0,
    );
    snap("who5_review_low", &app, t0);
    let effects = press(&mut app, &[KeyCode::Enter], t0);
    // Saved, and Today read again (its due line follows).
    let [Effect::SaveWho5(who5), Effect::ReloadToday] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(who5.score(), 48);
    assert!(matches!(app.screen, Screen::Today));
}

/// The check-in with its optional rows, in the mono theme (as NO_COLOR
/// draws it): a marked tag, place or treatment shows a mark, not a colour.
fn mono_checkin(keys: &[KeyCode], now: Instant) -> App {
    let mut app = App::new(
        Config::default(),
        limber::clock::Clock::fixed(datetime!(2026-11-25 10:00 UTC), jiff::tz::TimeZone::UTC),
        today_data(),
        routines(),
        Startup::today(Vec::new()),
        Theme::chosen(limber::config::Theme::Mono, true),
    );
    app.init(now);
    press(&mut app, &[KeyCode::Char('c')], now);
    // The words the store offers: the configured tags, then the person's.
    let words = limber::reading::checkin::Words {
        tags: ["poor sleep", "stressful day", "long drive", "lifting"]
            .into_iter()
            .chain(["argument", "travel", "gardening"])
            .map(String::from)
            .collect(),
        treatments: vec![
            limber::model::Treatment::parse("ibuprofen 400 mg").expect("treatment"),
            limber::model::Treatment::parse("heat pack").expect("treatment"),
        ],
    };
    update(&mut app, Msg::CheckInWords(words), now);
    press(&mut app, keys, now);
    app
}

#[test]
fn checkin_with_its_rows() {
    let now = Instant::now();
    // Pain 6, then down past the scales to the tags: poor sleep and
    // gardening marked; a place and a treatment marked on their rows.
    let keys = [
        KeyCode::Char('6'),
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Char('1'),
        KeyCode::Char('7'),
        KeyCode::Tab,
        KeyCode::Char('3'),
        KeyCode::Tab,
        KeyCode::Char('1'),
        KeyCode::BackTab,
        KeyCode::BackTab,
        KeyCode::BackTab,
        KeyCode::BackTab,
    ];
    let app = mono_checkin(&keys, now);
    snap("checkin_rows", &app, now);
    let app = mono_checkin(&keys[..7], now);
    snap("checkin_tags", &app, now);
}

#[test]
fn body_map() {
    let now = Instant::now();
    // On "where it hurts": the lower back and the left leg below the knee
    // marked, the cursor on the left thigh.
    let keys = [
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Char('3'),
        KeyCode::Char('8'),
        KeyCode::Left,
        KeyCode::Left,
    ];
    let app = mono_checkin(&keys, now);
    snap("body_map", &app, now);
    let screen = format!("{}", draw(&app, (80, 24), now));
    assert!(screen.contains("█ lower back"), "{screen}");
    assert!(
        screen.contains("[·6·]"),
        "the cursor is in brackets: {screen}"
    );
}
