//! The store on real files: migrations, round trips, constraints, refusal of
//! files it does not understand, export and import.

use limber::model::{
    CheckIn, CheckInKind, ExerciseRecord, ExerciseStatus, NewCheckIn, NewSession, SessionKind,
    SessionStatus,
};
use limber::routine;
use limber::store::{MIGRATIONS, SCHEMA_VERSION, Store, StoreError, backup_path, transfer::Export};
use rusqlite::Connection;
use time::macros::{date, datetime};

use crate::common;
use common::fixture::checkin;

/// The clock imports are checked against: after every row written here.
const NOW: time::OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

fn session(status: SessionStatus) -> NewSession {
    NewSession {
        routine_id: None,
        activity: "Desk break".to_string(),
        kind: SessionKind::Guided,
        status,
        started_at: datetime!(2026-11-20 07:30 UTC),
        ended_at: None,
        local_date: date!(2026 - 11 - 20),
        planned_seconds: 300,
        active_seconds: 0,
        note: None,
        gentle: false,
    }
}

#[test]
fn a_new_file_gets_the_whole_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(&dir.path().join("data")).expect("open");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = Connection::open(dir.path().join("data/limber.db")).expect("sqlite");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        tables,
        [
            "app_state",
            "checkin_answered",
            "checkin_regions",
            "checkin_tags",
            "checkin_treatments",
            "checkins",
            "fear_steps",
            "fear_tries",
            "feared_exercises",
            "feared_unmarked",
            "fitness_results",
            "flare_days",
            "programme_enrolments",
            "rand36_results",
            "routines",
            "session_exercises",
            "sessions",
            "sync_applying",
            "sync_clock",
            "sync_device",
            "sync_devices",
            "sync_files",
            "sync_known",
            "undo_log",
            "who5_results"
        ]
    );
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
}

#[cfg(unix)]
#[test]
fn the_data_dir_and_file_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut store = Store::open_in(&data).expect("open");
    store.add_checkin(&checkin(4)).expect("write");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("limber.db")), 0o600);
    let wal = data.join("limber.db-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600);
    }
}

#[test]
fn a_database_from_the_previous_schema_is_upgraded_with_a_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("limber.db");
    {
        let mut conn = Connection::open(&path).expect("sqlite");
        MIGRATIONS
            .to_version(&mut conn, SCHEMA_VERSION - 1)
            .expect("older schema");
        conn.execute(
            "INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety, mood)
             VALUES ('6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10', '2026-01-02T08:00:00Z', '2026-01-02', 'daily', 6, 4, 5)",
            [],
        )
        .expect("old row");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let last = store.last_checkin().expect("read").expect("kept");
    assert_eq!(last.scales.pain, 6);
    assert_eq!(last.local_date, date!(2026 - 01 - 02));

    let backup = backup_path(&path, SCHEMA_VERSION - 1);
    assert!(backup.exists(), "no backup at {}", backup.display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup)
            .expect("stat")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "the backup is for its owner only");
    }
    let old = Connection::open(&backup).expect("backup opens");
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version as usize, SCHEMA_VERSION - 1);
    let rows: i64 = old
        .query_row("SELECT count(*) FROM checkins", [], |r| r.get(0))
        .expect("count");
    assert_eq!(rows, 1);
}

#[test]
fn an_empty_older_database_is_upgraded_without_a_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("limber.db");
    {
        let mut conn = Connection::open(&path).expect("sqlite");
        MIGRATIONS.to_version(&mut conn, 1).expect("schema 1");
    }
    Store::open(&path).expect("upgrade");
    assert!(!backup_path(&path, 1).exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("limber.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&path, &garbage).expect("write");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("is not a limber database"));
    assert_eq!(std::fs::read(&path).expect("read"), garbage);
    assert!(!dir.path().join("limber.db-wal").exists());
}

#[test]
fn a_newer_schema_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("limber.db");
    {
        let conn = Connection::open(&path).expect("sqlite");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .expect("future schema");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer limber"));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn check_ins_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("open");
    assert_eq!(store.last_checkin().expect("read"), None);
    let saved: CheckIn = store.add_checkin(&checkin(5)).expect("write");
    assert_eq!(saved.scales.pain, 5);
    assert_eq!(saved.scales.fear, Some(2));
    assert_eq!(saved.note.as_deref(), Some("stiff after the drive"));
    assert_eq!(saved.at, datetime!(2026-11-20 08:00 UTC));
    assert!(uuid::Uuid::parse_str(&saved.uuid).is_ok());
    drop(store);

    let store = Store::open_in(dir.path()).expect("reopen");
    assert_eq!(store.last_checkin().expect("read"), Some(saved.clone()));
    let range = store
        .checkins_between(date!(2026 - 11 - 19), date!(2026 - 11 - 20))
        .expect("range");
    assert_eq!(range, vec![saved]);
    assert!(
        store
            .checkins_between(date!(2026 - 11 - 21), date!(2026 - 11 - 30))
            .expect("range")
            .is_empty()
    );
}

#[test]
fn sessions_and_exercises_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("open");
    let desk = routine::builtins()
        .into_iter()
        .find(|r| r.slug == "desk-break")
        .expect("desk-break");
    let routine_id = store
        .remember_routine(&desk, datetime!(2026-11-20 07:00 UTC))
        .expect("routine");
    assert_eq!(
        store.routine_id("desk-break").expect("id"),
        Some(routine_id)
    );
    let mut new = session(SessionStatus::InProgress);
    new.routine_id = Some(routine_id);
    let s = store.add_session(&new).expect("session");
    assert_eq!(s.routine_slug.as_deref(), Some("desk-break"));
    assert_eq!(
        store.unfinished_session().expect("read").map(|u| u.id),
        Some(s.id)
    );

    let record = ExerciseRecord {
        position: 0,
        name: "Seated cat-cow".to_string(),
        kind: routine::Kind::Stretch,
        planned_seconds: Some(40),
        actual_seconds: 12,
        planned_reps: None,
        sets_planned: 1,
        sets_done: 1,
        status: ExerciseStatus::Partial,
        comfort: None,
        expected_pain: Some(6),
        actual_pain: None,
        finished_at: datetime!(2026-11-20 07:31 UTC),
    };
    store.record_exercise(s.id, &record).expect("exercise");
    store.rate_exercise(s.id, 0, 5).expect("rate");
    // Going back and doing it again replaces the row and keeps the rating.
    store
        .record_exercise(
            s.id,
            &ExerciseRecord {
                actual_seconds: 40,
                ..record.clone()
            },
        )
        .expect("again");
    store
        .finish_session(
            s.id,
            SessionStatus::Completed,
            datetime!(2026-11-20 07:36 UTC),
        )
        .expect("finish");

    let exercises = store.session_exercises(s.id).expect("exercises");
    assert_eq!(exercises.len(), 1);
    assert_eq!(exercises[0].comfort, Some(5));
    assert_eq!(exercises[0].name, "Seated cat-cow");
    assert_eq!(exercises[0].status, ExerciseStatus::Partial);
    assert_eq!(exercises[0].actual_seconds, 40);
    let done = store.session(s.id).expect("read").expect("there");
    assert_eq!(done.status, SessionStatus::Completed);
    assert_eq!(done.active_seconds, 40, "the sum of its exercises");
    assert_eq!(store.unfinished_session().expect("read"), None);
    let progress = limber::reading::progress(&store, date!(2026 - 11 - 20), 3).expect("progress");
    assert!(progress.done_today);
    assert_eq!(progress.this_week, 1);
    assert_eq!(progress.streak_days, 1);
}

#[test]
fn scales_out_of_range_are_refused_by_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("open");
    assert!(store.add_checkin(&checkin(11)).is_err());
    let mut fear = checkin(3);
    fear.scales.fear = Some(12);
    assert!(store.add_checkin(&fear).is_err());
    assert_eq!(store.counts().expect("counts"), (0, 0));

    let conn = Connection::open(dir.path().join("limber.db")).expect("sqlite");
    let insert = |sql: &str| conn.execute(sql, []);
    assert!(
        insert(
            "INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety, mood)
         VALUES ('a', 'x', 'x', 'daily', 3, -1, 5)"
        )
        .is_err()
    );
    assert!(
        insert(
            "INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety, mood)
         VALUES ('b', 'x', 'x', 'sometime', 3, 1, 5)"
        )
        .is_err()
    );
    assert!(
        insert(
            "INSERT INTO sessions (uuid, activity, kind, status, started_at, local_date)
         VALUES ('c', 'walk', 'logged', 'finished', 'x', 'x')"
        )
        .is_err()
    );
    conn.execute(
        "INSERT INTO sessions (id, uuid, activity, kind, status, started_at, local_date)
         VALUES (7, 'd', 'walk', 'logged', 'completed', 'x', 'x')",
        [],
    )
    .expect("a valid session");
    assert!(insert(
        "INSERT INTO session_exercises (uuid, session_id, position, name, kind, status, comfort, finished_at)
         VALUES ('e', 7, 0, 'Bridge', 'strength', 'done', 6, 'x')"
    )
    .is_err());
    conn.execute_batch("PRAGMA foreign_keys = ON").expect("fk");
    assert!(insert(
        "INSERT INTO session_exercises (uuid, session_id, position, name, kind, status, finished_at)
         VALUES ('f', 99, 0, 'Bridge', 'strength', 'done', 'x')"
    )
    .is_err());
}

fn without_time(mut doc: Export) -> Export {
    doc.exported_at = None;
    doc
}

#[test]
fn export_then_import_into_a_fresh_store_gives_the_same_records() {
    let first = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(first.path()).expect("open");
    let routines = routine::builtins();
    let sample = limber::sample::generate(
        1,
        &limber::clock::Clock::fixed(
            time::macros::datetime!(2026-11-25 10:00 UTC),
            jiff::tz::TimeZone::UTC,
        ),
        5,
        &routines,
    );
    store.import(&sample, NOW).expect("sample");
    let exported = without_time(store.export().expect("export"));
    assert!(exported.sessions.len() > 100);

    let second = tempfile::tempdir().expect("temp dir");
    let mut fresh = Store::open_in(second.path()).expect("open");
    let summary = fresh.import(&exported, NOW).expect("import");
    assert_eq!(summary.checkins_added as usize, exported.checkins.len());
    assert_eq!(summary.skipped, 0);
    assert_eq!(without_time(fresh.export().expect("export")), exported);

    let again = fresh.import(&exported, NOW).expect("import again");
    assert_eq!(
        again.sessions_added + again.exercises_added + again.checkins_added,
        0
    );
    assert!(again.skipped > 0);
    assert_eq!(without_time(fresh.export().expect("export")), exported);
}

#[test]
fn histories_from_two_machines_merge() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    let mut laptop = Store::open_in(a.path()).expect("open");
    let mut desktop = Store::open_in(b.path()).expect("open");
    laptop.add_checkin(&checkin(4)).expect("write");
    desktop.add_checkin(&checkin(6)).expect("write");
    desktop
        .add_session(&session(SessionStatus::Completed))
        .expect("write");
    laptop
        .import(&desktop.export().expect("export"), NOW)
        .expect("merge");
    desktop
        .import(&laptop.export().expect("export"), NOW)
        .expect("merge");
    assert_eq!(laptop.counts().expect("counts"), (2, 1));
    assert_eq!(
        without_time(laptop.export().expect("export")).checkins,
        without_time(desktop.export().expect("export")).checkins
    );
}

#[test]
fn an_import_with_one_bad_row_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut source = Store::open_in(dir.path()).expect("open");
    source.add_checkin(&checkin(4)).expect("write");
    source.add_checkin(&checkin(5)).expect("write");
    let mut doc = source.export().expect("export");
    doc.checkins[1].pain = 12;
    let target = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(target.path()).expect("open");
    let err = store.import(&doc, NOW).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "checkins[1].pain is 12; scales run from 0 to 10"
    );
    assert_eq!(store.counts().expect("counts"), (0, 0));

    let mut doc = source.export().expect("export");
    doc.checkins[1].uuid = doc.checkins[0].uuid.clone();
    let err = store.import(&doc, NOW).expect_err("refused");
    assert!(err.to_string().contains("appears more than once"), "{err}");

    let mut doc = source.export().expect("export");
    doc.checkins[1].session = Some("5d1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10".to_string());
    let err = store.import(&doc, NOW).expect_err("refused");
    assert!(
        err.to_string()
            .contains("neither in the file nor in this store"),
        "{err}"
    );
    assert_eq!(store.counts().expect("counts"), (0, 0));
}

#[test]
fn days_are_the_users_days_across_midnight_and_a_change_of_offset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("open");
    let at = |at, local_date, pain| NewCheckIn {
        at,
        local_date,
        ..checkin(pain)
    };
    // 23:30 and 00:30 in Berlin (UTC+1): two local days, one UTC day.
    store
        .add_checkin(&at(
            datetime!(2026-11-20 22:30 UTC),
            date!(2026 - 11 - 20),
            2,
        ))
        .expect("write");
    store
        .add_checkin(&at(
            datetime!(2026-11-20 23:30 UTC),
            date!(2026 - 11 - 21),
            4,
        ))
        .expect("write");
    // After a flight to New York (UTC−5): 20:00 local is already the 22nd in UTC.
    store
        .add_checkin(&at(
            datetime!(2026-11-22 01:00 UTC),
            date!(2026 - 11 - 21),
            8,
        ))
        .expect("write");
    let days = store
        .daily_checkins(date!(2026 - 11 - 20), date!(2026 - 11 - 22))
        .expect("daily");
    let summary: Vec<(time::Date, u32, f64)> = days.iter().map(|d| (d.date, d.n, d.pain)).collect();
    assert_eq!(
        summary,
        vec![
            (date!(2026 - 11 - 20), 1, 2.0),
            (date!(2026 - 11 - 21), 2, 12.0)
        ]
    );
}

#[test]
fn exercise_statistics_have_known_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("open");
    let record =
        |position: u32, name: &str, status: ExerciseStatus, comfort: Option<u8>| ExerciseRecord {
            position,
            name: name.to_string(),
            kind: routine::Kind::Strength,
            planned_seconds: Some(60),
            actual_seconds: 60,
            planned_reps: None,
            sets_planned: 1,
            sets_done: 1,
            status,
            comfort,
            expected_pain: None,
            actual_pain: None,
            finished_at: datetime!(2026-11-20 07:40 UTC),
        };
    // Session 1 (pain 6 → 4): Bridge rated 4, Plank rated 2.
    // Session 2 (pain 5 → 5): Bridge rated 5, Plank skipped.
    // Session 3 (no check-ins): Bridge unrated.
    let days = [
        date!(2026 - 11 - 18),
        date!(2026 - 11 - 19),
        date!(2026 - 11 - 20),
    ];
    let pains = [Some((6, 4)), Some((5, 5)), None];
    let bridge = [Some(4), Some(5), None];
    for i in 0..3 {
        let mut new = session(SessionStatus::Completed);
        new.local_date = days[i];
        new.started_at = days[i].with_hms(7, 30, 0).expect("time").assume_utc();
        let s = store.add_session(&new).expect("session");
        store
            .record_exercise(s.id, &record(0, "Bridge", ExerciseStatus::Done, bridge[i]))
            .expect("bridge");
        let plank = if i == 0 {
            (ExerciseStatus::Done, Some(2))
        } else {
            (ExerciseStatus::Skipped, None)
        };
        store
            .record_exercise(s.id, &record(1, "Plank", plank.0, plank.1))
            .expect("plank");
        if let Some((before, after)) = pains[i] {
            for (context, pain) in [(CheckInKind::Before, before), (CheckInKind::After, after)] {
                store
                    .add_checkin(&NewCheckIn {
                        context,
                        session_id: Some(s.id),
                        local_date: days[i],
                        ..checkin(pain)
                    })
                    .expect("check-in");
            }
        }
    }
    let mut stats = store
        .exercise_stats(date!(2026 - 11 - 01), date!(2026 - 11 - 30))
        .expect("stats");
    limber::insights::sort_favourites(&mut stats);
    assert_eq!(stats.len(), 2, "a skipped exercise is not counted as done");
    let bridge = &stats[0];
    assert_eq!(bridge.name, "Bridge");
    assert_eq!(bridge.times, 3);
    assert_eq!(bridge.last, date!(2026 - 11 - 20));
    assert_eq!((bridge.comfort, bridge.ratings), (Some(4.5), 2));
    // (4 − 6) and (5 − 5) over the two sessions with both check-ins.
    assert_eq!((bridge.pain_change, bridge.pain_n), (Some(-1.0), 2));
    let plank = &stats[1];
    assert_eq!(
        (plank.times, plank.comfort, plank.ratings),
        (1, Some(2.0), 1)
    );
    assert_eq!((plank.pain_change, plank.pain_n), (Some(-2.0), 1));
}

#[test]
fn a_streak_longer_than_the_first_read_is_counted_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("open");
    let today = date!(2026 - 11 - 25);
    for back in 0..150i64 {
        let day = today - time::Duration::days(back);
        let mut new = session(SessionStatus::Completed);
        new.local_date = day;
        new.started_at = day.with_hms(7, 0, 0).expect("time").assume_utc();
        store.add_session(&new).expect("session");
    }
    // A gap, then older sessions that must not count.
    for back in 152..160i64 {
        let day = today - time::Duration::days(back);
        let mut new = session(SessionStatus::Completed);
        new.local_date = day;
        new.started_at = day.with_hms(7, 0, 0).expect("time").assume_utc();
        store.add_session(&new).expect("session");
    }
    assert_eq!(
        limber::reading::progress(&store, today, 3)
            .expect("progress")
            .streak_days,
        150
    );
}

#[test]
fn the_apps_claim_and_a_restores_claim_refuse_each_other() {
    use limber::store::Claim;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    // The app's claim makes the folder if need be; two apps may share it.
    let app = Claim::shared(&data).expect("claim").expect("a lock");
    let second = Claim::shared(&data).expect("claim").expect("a lock");
    let refused = Claim::whole(&data).expect_err("a restore while the app is open");
    assert!(refused.to_string().contains("limber is open"), "{refused}");
    drop((app, second));
    let restore = Claim::whole(&data).expect("no app open");
    let refused = Claim::shared(&data).expect_err("the app while a restore runs");
    assert!(
        refused.to_string().contains("doctor --restore"),
        "{refused}"
    );
    drop(restore);
    assert!(Claim::shared(&data).expect("claim").is_some());
}
