//! What limber offers on the way into a session, and how it says it: the
//! gentle offer can be backed out of without losing or repeating the
//! check-in, `f` shows the favourites before they start, the resume
//! question says where and how long ago, a flare day says so on Today, and
//! numbers read as a person writes them. Driven through `update` at
//! synthetic instants, its effects carried out on a real store.

use std::time::{Duration, Instant};

use limber::model::{
    CheckInKind, ExerciseRecord, ExerciseStatus, NewSession, Session, SessionKind, SessionStatus,
};
use limber::store::Store;
use limber::tui::app::{App, Msg, Screen, Startup, update};
use limber::tui::load_today;
use limber::tui::screens::resume::Unfinished;
use ratatui::crossterm::event::KeyCode;
use time::macros::{date, datetime};

use crate::common;
use common::app::Run;
use common::fixture::{Fixture, routines};
use common::frame::frame;
use common::{run as limber, sql, write_routine};

impl Run {
    fn screen_at(&self, size: (u16, u16), now: Instant) -> String {
        format!("{}", frame(&self.app, size, now).0)
    }

    /// Today → the first routine (the desk break) → start → a before-check-in
    /// with pain 8: the gentle offer.
    fn reach_the_offer(&mut self, now: Instant) {
        self.press(&[KeyCode::Enter, KeyCode::Enter], now);
        self.answer([8, 3, 5], now);
        // Pain 8 shows the signs that need help now first; a key closes them.
        assert!(
            self.app.red_flags.is_some(),
            "{}",
            self.screen_at((80, 24), now)
        );
        self.press(&[KeyCode::Char('x')], now);
        assert!(
            matches!(self.app.screen, Screen::Gentle(_)),
            "{}",
            self.screen_at((80, 24), now)
        );
    }
}

fn is_detail_of(screen: &Screen, slug: &str) -> bool {
    matches!(screen, Screen::Detail(d) if d.routine.slug == slug)
}

#[test]
fn esc_on_the_gentle_offer_goes_back_to_the_routines_page() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.reach_the_offer(t0);
    run.press(&[KeyCode::Esc], t0);
    assert!(
        is_detail_of(&run.app.screen, "desk-break"),
        "{}",
        run.screen_at((80, 24), t0)
    );
}

#[test]
fn the_check_in_before_the_offer_is_on_disk_while_the_offer_shows() {
    let mut run = Run::new(Fixture::new(0));
    run.reach_the_offer(Instant::now());
    // Written as a check-in of the day: no session has taken it yet.
    assert_eq!(
        sql(&run.db(), "SELECT context, pain, session_id FROM checkins"),
        "daily|8|NULL"
    );
}

#[test]
fn backed_out_of_the_offer_the_next_session_within_the_hour_takes_that_check_in() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.reach_the_offer(t0);
    run.press(&[KeyCode::Esc], t0);
    // Back to Today, and into the same routine twenty minutes later.
    let later = t0 + Duration::from_secs(20 * 60);
    run.press(&[KeyCode::Esc], later);
    assert!(matches!(run.app.screen, Screen::Today));
    run.press(&[KeyCode::Enter, KeyCode::Enter], later);
    // Not asked again: the pain is still 8, so the offer comes straight back.
    assert!(
        matches!(run.app.screen, Screen::Gentle(_)),
        "{}",
        run.screen_at((80, 24), later)
    );
    run.press(&[KeyCode::Enter], later);
    let Screen::Session(session) = &run.app.screen else {
        panic!("no session: {}", run.screen_at((80, 24), later));
    };
    assert_eq!(session.before.map(|s| s.pain), Some(8));
    let uuid = session.session.clone();
    // One check-in, now the session's before-check-in.
    assert_eq!(
        sql(
            &run.db(),
            "SELECT c.context, c.pain, s.uuid FROM checkins c JOIN sessions s ON s.id = c.session_id"
        ),
        format!("before|8|{uuid}")
    );
    assert_eq!(sql(&run.db(), "SELECT count(*) FROM checkins"), "1");
    // A resumed session finds it as its before-check-in.
    let id: i64 = sql(&run.db(), "SELECT id FROM sessions")
        .parse()
        .expect("id");
    let before = run
        .store
        .session_checkin(id, CheckInKind::Before)
        .expect("read");
    assert_eq!(before.map(|s| s.pain), Some(8));
}

#[test]
fn taking_the_offer_at_once_makes_the_check_in_the_sessions_before() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.reach_the_offer(t0);
    run.press(&[KeyCode::Char('f')], t0);
    assert!(matches!(run.app.screen, Screen::Session(_)));
    assert_eq!(
        sql(
            &run.db(),
            "SELECT c.context, c.pain, s.gentle FROM checkins c JOIN sessions s ON s.id = c.session_id"
        ),
        "before|8|0"
    );
    assert_eq!(sql(&run.db(), "SELECT count(*) FROM checkins"), "1");
}

#[test]
fn after_an_hour_the_check_in_is_asked_for_again_and_the_old_one_stays_the_days() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.reach_the_offer(t0);
    run.press(&[KeyCode::Esc], t0);
    let later = t0 + Duration::from_secs(61 * 60);
    run.press(&[KeyCode::Enter], later);
    assert!(
        matches!(&run.app.screen, Screen::CheckIn(form) if form.context == CheckInKind::Before),
        "{}",
        run.screen_at((80, 24), later)
    );
    run.answer([4, 3, 5], later);
    assert!(matches!(run.app.screen, Screen::Session(_)));
    assert_eq!(
        sql(
            &run.db(),
            "SELECT context, pain, session_id IS NULL FROM checkins ORDER BY id"
        ),
        "daily|8|1\nbefore|4|0"
    );
}

#[test]
fn a_daily_check_in_after_backing_out_is_what_counts_then() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.reach_the_offer(t0);
    run.press(&[KeyCode::Esc, KeyCode::Esc, KeyCode::Char('c')], t0);
    run.answer([3, 2, 6], t0);
    assert!(matches!(run.app.screen, Screen::Today));
    // A newer word on the day: the next session takes it as its
    // before-check-in (made within the hour), not the 8 given before the
    // offer.
    run.press(&[KeyCode::Enter, KeyCode::Enter], t0);
    assert!(
        matches!(&run.app.screen, Screen::Session(_)),
        "{}",
        run.screen_at((80, 24), t0)
    );
    assert_eq!(
        sql(
            &run.db(),
            "SELECT context, pain, session_id IS NULL FROM checkins ORDER BY id"
        ),
        "daily|8|1\nbefore|3|0"
    );
}

// --- Favourites ---

/// A finished session on `day` with the exercises rated as given.
fn rate(store: &mut Store, day: time::Date, ratings: &[(&str, u8)]) -> i64 {
    let s = store
        .add_session(&NewSession {
            routine_id: None,
            activity: "Core basics".to_string(),
            kind: SessionKind::Guided,
            status: SessionStatus::Completed,
            started_at: day.with_hms(8, 0, 0).expect("time").assume_utc(),
            ended_at: None,
            local_date: day,
            planned_seconds: 600,
            active_seconds: 0,
            note: None,
            gentle: false,
        })
        .expect("session");
    for (i, (name, comfort)) in ratings.iter().enumerate() {
        store
            .record_exercise(
                s.id,
                &ExerciseRecord {
                    position: i as u32,
                    name: name.to_string(),
                    kind: limber::routine::Kind::Strength,
                    planned_seconds: Some(60),
                    actual_seconds: 60,
                    planned_reps: None,
                    sets_planned: 1,
                    sets_done: 1,
                    status: ExerciseStatus::Done,
                    comfort: Some(*comfort),
                    expected_pain: None,
                    actual_pain: None,
                    finished_at: day.with_hms(8, 10, 0).expect("time").assume_utc(),
                },
            )
            .expect("exercise");
    }
    s.id
}

/// Liked, disliked, feared-and-hurt, and one no routine holds any more.
fn rated_fixture() -> Fixture {
    let f = Fixture::new(0);
    let mut store = f.store();
    let session = rate(
        &mut store,
        date!(2026 - 11 - 10),
        &[
            ("Bird-dog", 5),
            ("Old hamstring stretch", 5),
            ("Bridge", 4),
            ("Wall sit", 2),
            ("Dead bug", 4),
            ("Side plank on knees", 3),
        ],
    );
    store
        .set_feared("Dead bug", true, datetime!(2026-11-10 09:00 UTC))
        .expect("fear");
    store
        .set_exposure(session, 4, Some(2), Some(6))
        .expect("exposure");
    drop(store);
    f
}

#[test]
fn todays_favourites_and_f_pick_by_the_same_rule() {
    let f = rated_fixture();
    let catalog = f.env.catalog();
    let store = f.store();
    let today: Vec<String> = load_today(&store, &f.env, &catalog)
        .expect("today")
        .favourites
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let routine = limber::tui::favourites_routine(&store, &f.env, &catalog)
        .expect("read")
        .expect("enough rated");
    let picked: Vec<String> = routine.exercises.iter().map(|e| e.name.clone()).collect();
    // Not liked (Wall sit, 2), feared and hurting more than expected (Dead
    // bug), or in no routine any more (so `f` cannot hold it): in neither.
    assert_eq!(picked, ["Bird-dog", "Bridge", "Side plank on knees"]);
    assert_eq!(today, picked);
}

#[test]
fn f_shows_the_favourites_routine_before_it_starts() {
    let mut run = Run::new(rated_fixture());
    let t0 = Instant::now();
    run.press(&[KeyCode::Char('f')], t0);
    assert!(
        is_detail_of(&run.app.screen, "favourites"),
        "{}",
        run.screen_at((80, 24), t0)
    );
    let screen = run.screen_at((80, 24), t0);
    assert!(screen.contains("Your favourites"), "{screen}");
    assert!(screen.contains("Bird-dog"), "{screen}");
    // Its exercises come from ratings, not a file: `e` says so.
    run.press(&[KeyCode::Char('e')], t0);
    let screen = run.screen_at((80, 24), t0);
    assert!(screen.contains("no file to edit"), "{screen}");
    // Enter starts it, as on any routine's page.
    run.press(&[KeyCode::Enter], t0);
    assert!(
        matches!(&run.app.screen, Screen::CheckIn(form) if form.context == CheckInKind::Before),
        "{}",
        run.screen_at((80, 24), t0)
    );
    // Esc on its page goes back to Today.
    let mut run = Run::new(rated_fixture());
    run.press(&[KeyCode::Char('f'), KeyCode::Esc], t0);
    assert!(matches!(run.app.screen, Screen::Today));
}

// --- Resume ---

fn unfinished(stopped: time::OffsetDateTime) -> Startup {
    let routine = routines()
        .into_iter()
        .find(|r| r.slug == "core-basics")
        .expect("core-basics");
    Startup {
        safety_read: true,
        unfinished: Some(Unfinished {
            session: Session {
                id: 9,
                uuid: "5d1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10".to_string(),
                routine_slug: Some("core-basics".to_string()),
                activity: "Core basics".to_string(),
                kind: SessionKind::Guided,
                status: SessionStatus::InProgress,
                started_at: stopped - time::Duration::minutes(3),
                ended_at: None,
                local_date: stopped.date(),
                planned_seconds: 785,
                active_seconds: 0,
                note: None,
                gentle: false,
            },
            records: [0u32, 1]
                .iter()
                .map(|&position| ExerciseRecord {
                    position,
                    name: routine.exercises[position as usize].name.clone(),
                    kind: limber::routine::Kind::Stretch,
                    planned_seconds: Some(60),
                    actual_seconds: 60,
                    planned_reps: None,
                    sets_planned: 1,
                    sets_done: 1,
                    status: ExerciseStatus::Done,
                    comfort: None,
                    expected_pain: None,
                    actual_pain: None,
                    finished_at: stopped - time::Duration::minutes(1 - i64::from(position)),
                })
                .collect(),
            routine: Some(routine),
            before: None,
        }),
        run: None,
        run_gentle: false,
        feared: Vec::new(),
    }
}

/// The app as it starts, the clock at 2026-11-25 10:00 UTC.
fn app_with(startup: Startup) -> App {
    let mut app = App::new(
        limber::config::Config::default(),
        limber::clock::Clock::fixed(datetime!(2026-11-25 10:00 UTC), jiff::tz::TimeZone::UTC),
        Fixture::new(0).app().today.data.clone(),
        routines(),
        startup,
        limber::tui::theme::Theme::default(),
    );
    app.init(Instant::now());
    app
}

fn third_exercise() -> String {
    routines()
        .into_iter()
        .find(|r| r.slug == "core-basics")
        .expect("core-basics")
        .exercises[2]
        .name
        .clone()
}

#[test]
fn resume_names_the_exercise_and_says_how_long_ago_it_stopped() {
    let app = app_with(unfinished(datetime!(2026-11-25 07:45 UTC)));
    let screen = format!("{}", frame(&app, (80, 24), Instant::now()).0);
    assert!(screen.contains(&third_exercise()), "{screen}");
    assert!(screen.contains("stopped 2 hours ago"), "{screen}");
    // Resuming comes first when it stopped today.
    let resume = screen.find("resume where it stopped").expect("resume");
    let keep = screen.find("keep it as ended early").expect("keep");
    assert!(resume < keep, "{screen}");
    let app = app_with(unfinished(datetime!(2026-11-25 09:59 UTC)));
    let screen = format!("{}", frame(&app, (80, 24), Instant::now()).0);
    assert!(screen.contains("stopped 1 minute ago"), "{screen}");
}

#[test]
fn a_session_stopped_more_than_a_day_ago_is_offered_as_ended_early_first() {
    for (stopped, ago) in [
        (datetime!(2026-11-23 09:00 UTC), "stopped 2 days ago"),
        (datetime!(2026-11-24 09:00 UTC), "stopped 1 day ago"),
    ] {
        let app = app_with(unfinished(stopped));
        let screen = format!("{}", frame(&app, (80, 24), Instant::now()).0);
        assert!(screen.contains(ago), "{screen}");
        let resume = screen.find("resume where it stopped").expect("resume");
        let keep = screen.find("keep it as ended early").expect("keep");
        assert!(keep < resume, "{screen}");
        // Still both choices, at the smallest size too.
        let small = format!("{}", frame(&app, (44, 14), Instant::now()).0);
        assert!(small.contains("keep it as ended"), "{small}");
        assert!(small.contains("resume"), "{small}");
    }
}

// --- A flare day on Today ---

#[test]
fn r_on_today_says_in_words_that_today_is_a_rest_day_you_chose() {
    let mut run = Run::new(Fixture::new(0));
    let t0 = Instant::now();
    run.press(&[KeyCode::Char('r')], t0);
    let screen = run.screen_at((80, 24), t0);
    assert!(
        screen.contains("⚑ Today is a rest day you chose — r to take it back"),
        "{screen}"
    );
    assert!(!screen.contains('☾'), "{screen}");
    let small = run.screen_at((44, 14), t0);
    assert!(small.contains("⚑"), "{small}");
    assert!(small.contains("r to take it back"), "{small}");
    // Taken back: the words go.
    run.press(&[KeyCode::Char('r')], t0);
    let screen = run.screen_at((80, 24), t0);
    assert!(!screen.contains("rest day"), "{screen}");
}

// --- Numbers as a person writes them ---

const ONE_EXERCISE: &str = r#"name = "Just one"

[[exercise]]
name = "Lone stretch"
kind = "stretch"
duration = 30
"#;

#[test]
fn one_exercise_and_one_session_read_in_the_singular() {
    let mut f = Fixture::new(0);
    f.env.config.weekly_goal = 1;
    write_routine(
        f.env.paths.config_dir.parent().expect("home"),
        "just-one",
        ONE_EXERCISE,
    );
    let mut run = Run::new(f);
    let t0 = Instant::now();
    let screen = run.screen_at((80, 24), t0);
    assert!(screen.contains("0 of 1 session this week"), "{screen}");
    assert!(screen.contains("1 exercise ·"), "{screen}");
    assert!(!screen.contains("1 exercises"), "{screen}");
    let row = run
        .app
        .today
        .data
        .routines
        .iter()
        .position(|r| r.slug == "just-one")
        .expect("listed");
    for _ in 0..row {
        run.press(&[KeyCode::Down], t0);
    }
    run.press(&[KeyCode::Enter], t0);
    let screen = run.screen_at((80, 24), t0);
    assert!(is_detail_of(&run.app.screen, "just-one"), "{screen}");
    assert!(screen.contains("1 exercise · about"), "{screen}");
}

#[test]
fn one_problem_in_an_edited_file_is_a_problem() {
    let f = Fixture::new(0);
    let mut app = f.app();
    let problem = limber::located::Located {
        file: "routines/evening.toml".to_string(),
        line: 7,
        column: 8,
        message: "unknown kind \"yoga\"".to_string(),
    };
    let today = app.today.data.clone();
    update(
        &mut app,
        Msg::RoutinesChanged(Box::new(limber::tui::app::RoutinesChanged {
            routines: routines(),
            today,
            slug: "evening".to_string(),
            path: "routines/evening.toml".into(),
            problems: vec![problem],
        })),
        Instant::now(),
    );
    let screen = format!("{}", frame(&app, (80, 24), Instant::now()).0);
    assert!(
        screen.contains("routines/evening.toml has a problem:"),
        "{screen}"
    );
}

#[test]
fn routines_check_and_show_count_as_a_person_does() {
    let home = tempfile::tempdir().expect("temp dir");
    let bad = home.path().join("bad.toml");
    std::fs::write(&bad, "name = \"Bad\"\n").expect("write");
    let good = home.path().join("one.toml");
    std::fs::write(&good, ONE_EXERCISE).expect("write");
    let (code, out, err) = limber(
        home.path(),
        &["routines", "check", bad.to_str().expect("utf-8")],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("1 of 1 routine file has problems"), "{err}");
    let (_, out, err) = limber(
        home.path(),
        &[
            "routines",
            "check",
            good.to_str().expect("utf-8"),
            bad.to_str().expect("utf-8"),
        ],
    );
    assert!(out.contains("(Just one, 1 exercise)"), "{out}");
    // The verb goes with the files that have them.
    assert!(err.contains("1 of 2 routine files has problems"), "{err}");
    let (_, _, err) = limber(
        home.path(),
        &[
            "routines",
            "check",
            bad.to_str().expect("utf-8"),
            bad.to_str().expect("utf-8"),
        ],
    );
    assert!(err.contains("2 of 2 routine files have problems"), "{err}");
    write_routine(home.path(), "just-one", ONE_EXERCISE);
    let (code, out, err) = limber(home.path(), &["routines", "show", "just-one"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 exercise · about"), "{out}");
}

/// Makes the store "full" (as tests/unsaved.rs does): every page it may
/// have is taken by rows of its own, so the app's next row finds no room.
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
                Err(limber::store::StoreError::DiskFull) => break,
                Err(e) => panic!("{e}"),
            }
        }
    }
}

#[test]
fn with_the_disk_full_the_check_in_before_the_offer_waits_and_still_becomes_the_sessions() {
    let mut run = Run::new(Fixture::new(0));
    fill_up(&mut run.store);
    let t0 = Instant::now();
    run.reach_the_offer(t0);
    assert_eq!(run.app.unsaved.entries, 1, "{:?}", run.app.unsaved);
    run.press(&[KeyCode::Esc, KeyCode::Enter, KeyCode::Enter], t0);
    let Screen::Session(session) = &run.app.screen else {
        panic!("no session: {}", run.screen_at((80, 24), t0));
    };
    let uuid = session.session.clone();
    // Were limber closed now, the recovery file carries the check-in as
    // the session's before-check-in.
    let (doc, lost) = run.outbox.recovery(&run.store);
    assert_eq!(lost, 0);
    let kept: Vec<(&str, Option<&str>, u8)> = doc
        .checkins
        .iter()
        .map(|c| (c.context.as_str(), c.session.as_deref(), c.pain))
        .collect();
    assert_eq!(kept, [("before", Some(uuid.as_str()), 8)]);
    // Space comes back: written in order, and linked.
    run.store.limit_pages(1_000_000).expect("space again");
    run.send(Msg::Tick, t0 + Duration::from_secs(1));
    assert!(run.app.unsaved.is_empty(), "{:?}", run.app.unsaved);
    assert_eq!(
        sql(
            &run.db(),
            "SELECT c.context, c.pain, s.uuid FROM checkins c JOIN sessions s ON s.id = c.session_id"
        ),
        format!("before|8|{uuid}")
    );
}
