//! A write that fails is never dropped: with the disk "full" (SQLite's
//! `max_page_count`), the app keeps what the store will not take, in order,
//! says so, tries again, and at the end leaves it in a recovery file that
//! the next start brings in.

use crate::common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::app::Run;
use common::fixture::Fixture;
use common::frame::frame;
use common::sql;
use limber::model::{NewSession, SessionKind, SessionStatus};
use limber::store::{Store, StoreError};
use limber::tui::app::{App, Msg, Screen, Startup, update};
use limber::tui::{Effect, carry_out, load_today, recovery, retry};
use ratatui::crossterm::event::KeyCode;
use time::macros::datetime;

impl Run {
    fn screen(&self, now: Instant) -> String {
        format!("{}", frame(&self.app, (100, 24), now).0)
    }

    /// Today → the desk break → start → the before-check-in; the UUID the
    /// session is known by.
    fn start_session(&mut self, now: Instant) -> String {
        self.press(&[KeyCode::Enter, KeyCode::Enter], now);
        self.answer([3, 3, 6], now);
        match &self.app.screen {
            Screen::Session(session) => session.session.clone(),
            _ => panic!("no session started: {}", self.screen(now)),
        }
    }

    /// Second by second to the end of the session (confirming reps as they
    /// come), calling `at` each second; then the after-check-in.
    fn finish_session(&mut self, t0: Instant, mut at: impl FnMut(&mut Run, u64)) -> Instant {
        let mut now = t0;
        let mut second = 0;
        while matches!(self.app.screen, Screen::Session(_)) {
            second += 1;
            now += Duration::from_secs(1);
            at(self, second);
            self.send(Msg::Tick, now);
            if matches!(self.app.screen, Screen::Session(_)) {
                self.press(&[KeyCode::Enter], now);
            }
            assert!(second < 3_600, "the session never ended");
        }
        assert!(
            matches!(&self.app.screen, Screen::CheckIn(_)),
            "{}",
            self.screen(now)
        );
        // The check-in after takes keys once its quiet moment is over.
        now += limber::tui::screens::checkin::QUIET_FOR;
        self.answer([2, 2, 7], now);
        now
    }
}

/// Makes the store "full": every page it may have is taken by rows of
/// its own (logged sessions and daily check-ins, told apart from the
/// app's by kind and context), so the app's next row finds no room.
fn fill_up(store: &mut Store) {
    store.limit_pages(1).expect("limit");
    for size in [4_000, 400, 40, 0] {
        let note = (size > 0).then(|| "x".repeat(size));
        loop {
            let session = NewSession {
                routine_id: None,
                activity: "x".to_string(),
                kind: SessionKind::Logged,
                status: SessionStatus::Completed,
                started_at: datetime!(2026-11-01 08:00 UTC),
                ended_at: None,
                local_date: time::macros::date!(2026 - 11 - 01),
                planned_seconds: 0,
                active_seconds: 0,
                note: note.clone(),
                gentle: false,
            };
            match store.add_session(&session) {
                Ok(_) => {}
                Err(StoreError::DiskFull) => break,
                Err(e) => panic!("{e}"),
            }
        }
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

fn full_run() -> Run {
    let fixture = Fixture::new(0);
    let app = fixture.app();
    let mut run = Run::with_app(fixture, app);
    fill_up(&mut run.store);
    run
}

#[test]
fn with_the_disk_full_at_the_before_check_in_everything_is_written_in_order_once_space_comes_back()
{
    let mut run = full_run();
    let t0 = Instant::now();
    let uuid = run.start_session(t0);
    // Neither the session nor its before-check-in went in; both wait.
    assert_eq!(run.app.unsaved.entries, 2, "{:?}", run.app.unsaved);
    // Space comes back a minute in, after the first exercise was recorded
    // (and had to wait behind the session).
    let mut waited = 0;
    let now = run.finish_session(t0, |run, second| {
        if second == 60 {
            waited = run.app.unsaved.entries;
            run.store.limit_pages(1_000_000).expect("space again");
        }
    });
    assert!(waited >= 3, "the first exercise waited too: {waited}");
    assert!(run.app.unsaved.is_empty(), "{:?}", run.app.unsaved);
    assert!(run.screen(now).contains("done. Well moved."));

    let db = run.db();
    let session = sql(
        &db,
        &format!("SELECT id, status FROM sessions WHERE uuid = '{uuid}'"),
    );
    let (id, status) = session.split_once('|').expect("the session is stored");
    assert_eq!(status, "completed");
    // Every exercise, in routine order, each written after the session row.
    let positions = sql(
        &db,
        &format!("SELECT position FROM session_exercises WHERE session_id = {id} ORDER BY id"),
    );
    assert_eq!(positions, "0\n1\n2\n3\n4\n5\n6");
    // The before- and after-check-ins, in that order, both on the session.
    let checkins = sql(
        &db,
        "SELECT context, session_id FROM checkins WHERE context != 'daily' ORDER BY id",
    );
    assert_eq!(checkins, format!("before|{id}\nafter|{id}"));
    // No orphan: no check-in before or after a session without one.
    assert_eq!(
        sql(
            &db,
            "SELECT count(*) FROM checkins WHERE context != 'daily' AND session_id IS NULL"
        ),
        "0"
    );
}

#[test]
fn with_the_disk_full_all_session_long_the_summary_says_so_and_quitting_leaves_a_file_the_next_start_brings_in()
 {
    let mut run = full_run();
    let t0 = Instant::now();
    let uuid = run.start_session(t0);
    let now = run.finish_session(t0, |_, _| {});
    // The session, its before- and after-check-in and its seven exercises.
    let screen = run.screen(now);
    assert!(
        screen.contains(
            "Nothing of this session is saved yet: 10 entries wait (the disk is full) — limber keeps trying."
        ),
        "{screen}"
    );
    assert!(!screen.contains("skipped"), "{screen}");
    // Said once, above the summary's keys, not again on the bottom line.
    assert!(!screen.contains("10 entries not saved yet"), "{screen}");
    assert!(screen.contains("done"), "{screen}");

    // Quitting: a last try, then the recovery file.
    let dir = run.fixture.env.paths.data_dir.clone();
    let line = recovery::at_close(
        &dir,
        &mut run.outbox,
        &mut run.store,
        run.fixture.env.clock.now(),
    )
    .expect("something waited")
    .expect("kept in the data folder");
    let files = recovery::waiting(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        line.contains("10 entries could not be saved (the disk is full)"),
        "{line}"
    );
    assert!(line.contains(&files[0].display().to_string()), "{line}");
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).expect("read")).expect("JSON");
    assert_eq!(doc["format"], "limber-export");
    assert_eq!(doc["sessions"][0]["uuid"], uuid.as_str());
    assert_eq!(doc["sessions"][0]["status"], "completed");
    assert_eq!(
        doc["sessions"][0]["exercises"].as_array().map(Vec::len),
        Some(7)
    );
    assert_eq!(doc["checkins"].as_array().map(Vec::len), Some(2));

    // `limber import FILE` takes it, and a second time adds nothing.
    let home = tempfile::tempdir().expect("home");
    let file = files[0].display().to_string();
    let (code, out, err) = common::run(home.path(), &["import", &file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "Imported 1 sessions (7 exercises) and 2 check-ins; 0 already here."
    );
    let (_, out, _) = common::run(home.path(), &["import", &file]);
    assert!(
        out.contains("Imported 0 sessions (0 exercises) and 0 check-ins"),
        "{out}"
    );

    // The next start (a new connection: the disk has room again) asks.
    let Run { fixture, store, .. } = run;
    drop(store);
    let env = &fixture.env;
    let catalog = env.catalog();
    let store = fixture.store();
    let mut app = App::new(
        env.config.clone(),
        env.clock.clone(),
        load_today(&store, env, &catalog).expect("today"),
        catalog.routines.clone(),
        Startup::today(Vec::new()),
        limber::tui::theme::Theme::default(),
    );
    drop(store);
    app.recovery = recovery::waiting(&env.paths.data_dir);
    app.init(t0);
    let mut run = Run::with_app(fixture, app);
    let screen = run.screen(t0);
    assert!(
        screen.contains("Some entries were not saved last time"),
        "{screen}"
    );
    assert!(screen.contains("r bring them in now"), "{screen}");
    run.press(&[KeyCode::Char('r')], t0);
    let screen = run.screen(t0);
    assert!(
        screen.contains(": 1 session (7 exercises) and 2 check-ins."),
        "{screen}"
    );
    assert!(matches!(run.app.screen, Screen::Today));
    assert!(recovery::waiting(&dir).is_empty());
    let mut imported = files[0].clone().into_os_string();
    imported.push(".imported");
    assert!(PathBuf::from(imported).is_file());
    let db = run.db();
    let id = sql(
        &db,
        &format!("SELECT id FROM sessions WHERE uuid = '{uuid}'"),
    );
    assert_eq!(
        sql(
            &db,
            &format!("SELECT count(*) FROM session_exercises WHERE session_id = {id}")
        ),
        "7"
    );
    assert_eq!(
        sql(
            &db,
            &format!(
                "SELECT group_concat(context) FROM
                 (SELECT context FROM checkins WHERE session_id = {id} ORDER BY context)"
            )
        ),
        "after,before"
    );
}

#[test]
fn the_line_saying_what_is_not_saved_stays_until_it_is_saved() {
    let mut run = full_run();
    let t0 = Instant::now();
    run.start_session(t0);
    let waiting = "2 entries not saved yet (the disk is full) — limber keeps trying";
    assert!(run.screen(t0).contains(waiting), "{}", run.screen(t0));
    // Keys come and go (pause, go on, a tick): the line stays.
    run.press(&[KeyCode::Char(' ')], t0);
    run.press(&[KeyCode::Char(' ')], t0);
    run.send(Msg::Tick, t0 + Duration::from_secs(1));
    assert!(run.screen(t0).contains(waiting), "{}", run.screen(t0));
    // Space again: the next key writes it all, and the line goes.
    run.store.limit_pages(1_000_000).expect("space again");
    run.press(&[KeyCode::Char(' ')], t0);
    let screen = run.screen(t0);
    assert!(!screen.contains("not saved yet"), "{screen}");
    assert!(
        screen.contains("Everything waiting is saved now."),
        "{screen}"
    );
}

#[test]
fn a_recovery_file_the_data_folder_cannot_take_goes_to_the_temporary_folder() {
    // On a full disk the recovery file could not be written beside the
    // store either, and the waiting entries were lost (review). A folder
    // under a regular file stands in for a folder that takes nothing.
    let home = tempfile::tempdir().expect("temp dir");
    let blocked = home.path().join("file");
    std::fs::write(&blocked, "not a folder").expect("write");
    let dir = blocked.join("data");
    let now = time::macros::datetime!(2026-11-25 10:00:07 UTC);
    let path = recovery::save(&dir, &limber::store::transfer::Export::empty(), now)
        .expect("kept somewhere");
    assert_eq!(path.parent(), Some(std::env::temp_dir().as_path()));
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("JSON");
    assert_eq!(doc["format"], "limber-export");
    std::fs::remove_file(&path).expect("clean up");
}

#[test]
fn today_reads_the_store_again_once_what_waited_is_saved() {
    // Today kept showing the check-in before the one that waited (review).
    let f = Fixture::new(0);
    let mut app = f.app();
    let waiting = |entries| limber::tui::outbox::Unsaved {
        entries,
        reason: "the disk is full".to_string(),
        sessions: Vec::new(),
    };
    assert_eq!(
        update(&mut app, Msg::Unsaved(waiting(2)), Instant::now()),
        vec![]
    );
    assert_eq!(
        update(&mut app, Msg::Unsaved(waiting(0)), Instant::now()),
        vec![limber::tui::Effect::ReloadToday]
    );
}

/// `full_run`, with the fitness and WHO-5 tables full too (each table has
/// pages of its own): rows of the store's own, long before the app's.
fn full_of_self_tests() -> Run {
    let mut run = full_run();
    let at = datetime!(2026-11-01 08:00 UTC);
    let day = time::macros::date!(2026 - 11 - 01);
    loop {
        let new = limber::model::NewFitnessResult {
            test: limber::model::FitnessTest::StepTest,
            value: 1,
            at,
            local_date: day,
        };
        match run.store.add_fitness_result(&new) {
            Ok(_) => {}
            Err(StoreError::DiskFull) => break,
            Err(e) => panic!("{e}"),
        }
    }
    let who5 = limber::model::Who5::new([0; 5]).expect("answers");
    loop {
        match run.store.add_who5(at, day, who5) {
            Ok(_) => {}
            Err(StoreError::DiskFull) => break,
            Err(e) => panic!("{e}"),
        }
    }
    run
}

/// Carries out one effect as the loop does; the messages it answers with.
fn carry(run: &mut Run, effect: Effect) -> Vec<Msg> {
    carry_out(
        effect,
        &mut run.store,
        &mut run.outbox,
        &run.fixture.env,
        &mut run.catalog,
    )
}

#[test]
fn with_the_disk_full_a_fitness_result_and_a_who5_wait_and_are_written_once_space_comes_back() {
    let mut run = full_of_self_tests();
    let who5 = limber::model::Who5::new([3, 3, 2, 2, 2]).expect("answers");
    let msgs = carry(
        &mut run,
        Effect::SaveFitness {
            test: limber::model::FitnessTest::ChairStand,
            value: 12,
        },
    );
    assert!(
        matches!(msgs.as_slice(), [Msg::Unsaved(u)] if u.entries == 1 && u.reason == "the disk is full"),
        "{msgs:?}"
    );
    let msgs = carry(&mut run, Effect::SaveWho5(who5));
    assert!(
        matches!(msgs.as_slice(), [Msg::Unsaved(u)] if u.entries == 2),
        "{msgs:?}"
    );
    let none = "SELECT count(*) FROM fitness_results WHERE test = 'chair-stand'";
    assert_eq!(sql(&run.db(), none), "0");
    // Still full: a try changes nothing.
    assert!(retry(&mut run.store, &mut run.outbox).is_none());
    run.store.limit_pages(1_000_000).expect("space again");
    let msg = retry(&mut run.store, &mut run.outbox);
    assert!(
        matches!(&msg, Some(Msg::Unsaved(u)) if u.is_empty()),
        "{msg:?}"
    );
    assert_eq!(
        sql(
            &run.db(),
            "SELECT test, value FROM fitness_results WHERE test = 'chair-stand'"
        ),
        "chair-stand|12"
    );
    assert_eq!(
        sql(
            &run.db(),
            "SELECT a1 || a2 || a3 || a4 || a5 FROM who5_results WHERE a1 > 0"
        ),
        "33222"
    );
}

#[test]
fn a_fitness_result_and_a_who5_saved_at_once_say_so() {
    let fixture = Fixture::new(0);
    let app = fixture.app();
    let mut run = Run::with_app(fixture, app);
    let msgs = carry(
        &mut run,
        Effect::SaveFitness {
            test: limber::model::FitnessTest::ChairStand,
            value: 12,
        },
    );
    assert!(
        matches!(msgs.as_slice(), [Msg::Notice(n)] if n.contains("12 stands (practice)")),
        "{msgs:?}"
    );
    assert!(run.outbox.is_empty());
}

#[test]
fn a_fitness_result_and_a_who5_the_store_would_not_take_go_to_the_recovery_file_and_come_back() {
    let mut run = full_of_self_tests();
    let who5 = limber::model::Who5::new([4, 4, 3, 3, 3]).expect("answers");
    carry(
        &mut run,
        Effect::SaveFitness {
            test: limber::model::FitnessTest::SideBridgeLeft,
            value: 45,
        },
    );
    carry(&mut run, Effect::SaveWho5(who5));
    let dir = run.fixture.env.paths.data_dir.clone();
    let line = recovery::at_close(
        &dir,
        &mut run.outbox,
        &mut run.store,
        run.fixture.env.clock.now(),
    )
    .expect("something waited")
    .expect("kept in the data folder");
    assert!(line.contains("2 entries could not be saved"), "{line}");
    let files = recovery::waiting(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).expect("read")).expect("JSON");
    assert_eq!(doc["fitness"][0]["test"], "side-bridge-left");
    assert_eq!(doc["fitness"][0]["value"], 45);
    assert_eq!(
        doc["who5"][0]["answers"],
        serde_json::json!([4, 4, 3, 3, 3])
    );

    // The next start, with room again, brings them in.
    let Run { fixture, store, .. } = run;
    drop(store);
    let mut store = fixture.store();
    let said =
        recovery::bring_in(&mut store, &files[0], fixture.env.clock.now()).expect("bring in");
    assert!(said.contains("1 fitness result and 1 WHO-5"), "{said}");
    let db = fixture.env.paths.data_dir.join("limber.db");
    assert_eq!(
        sql(
            &db,
            "SELECT test, value FROM fitness_results WHERE test = 'side-bridge-left'"
        ),
        "side-bridge-left|45"
    );
    assert_eq!(
        sql(&db, "SELECT count(*) FROM who5_results WHERE a1 = 4"),
        "1"
    );
}
