//! The commands end to end: the real binary in a temporary data and config
//! dir, each command, each error path with its exit status, and that a
//! rejected command wrote nothing.

use crate::common;

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

/// A temporary home for one test: data dir, config dir, a pinned clock.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn db(&self) -> PathBuf {
        self.data().join("limber.db")
    }

    fn limber(&self) -> Command {
        let mut cmd = Command::cargo_bin("limber").expect("binary");
        cmd.env("LIMBER_DATA_DIR", self.data())
            .env("LIMBER_CONFIG", self.config())
            // Wednesday 25 November 2026, 10:00 UTC.
            .env("LIMBER_NOW", "2026-11-25T10:00:00Z")
            .env("TZ", "UTC")
            .env_remove("LIMBER_LOG");
        cmd
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config()).expect("config dir");
        std::fs::write(self.config().join("config.toml"), text).expect("config");
    }

    fn write_routine(&self, slug: &str, text: &str) -> PathBuf {
        let dir = self.config().join("routines");
        std::fs::create_dir_all(&dir).expect("routines dir");
        let path = dir.join(format!("{slug}.toml"));
        std::fs::write(&path, text).expect("routine");
        path
    }

    /// What a command that must succeed prints.
    fn stdout(&self, args: &[&str]) -> String {
        let out = self.limber().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
    }

    fn sql(&self, query: &str) -> String {
        common::sql(&self.db(), query)
    }
}

fn checkin(home: &Home, args: &[&str]) -> assert_cmd::assert::Assert {
    home.limber().arg("checkin").args(args).assert()
}

#[test]
fn checkin_is_saved_with_its_local_date() {
    let home = Home::new();
    checkin(
        &home,
        &[
            "--pain",
            "5",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--note",
            "stiff",
        ],
    )
    .success()
    .stdout("Check-in saved for 2026-11-25: pain 5, anxiety 3, mood 6.\n");
    checkin(
        &home,
        &[
            "--pain",
            "4",
            "--anxiety",
            "2",
            "--mood",
            "7",
            "--fear",
            "3",
            "--context",
            "after",
            "--at",
            "2026-11-24 18:30",
        ],
    )
    .success()
    .stdout(contains("2026-11-24").and(contains("fear of movement 3")));
    assert_eq!(
        home.sql("SELECT local_date, recorded_at, context, pain, anxiety, mood, fear, note FROM checkins ORDER BY recorded_at"),
        "2026-11-24|2026-11-24T18:30:00Z|after|4|2|7|3|NULL\n2026-11-25|2026-11-25T10:00:00Z|daily|5|3|6|NULL|stiff"
    );
}

#[test]
fn checkin_reads_every_form_of_when() {
    let home = Home::new();
    for when in [
        "2026-11-20",
        "2026-11-20T07:15",
        "2026-11-20T07:15:30",
        "2026-11-20T09:00:00+02:00",
    ] {
        checkin(
            &home,
            &["--pain", "1", "--anxiety", "1", "--mood", "1", "--at", when],
        )
        .success();
    }
    assert_eq!(
        home.sql("SELECT recorded_at FROM checkins ORDER BY recorded_at"),
        "2026-11-20T07:00:00Z\n2026-11-20T07:15:00Z\n2026-11-20T07:15:30Z\n2026-11-20T12:00:00Z"
    );
}

#[test]
fn local_times_use_the_local_offset() {
    let home = Home::new();
    // Tokyo's rules ship with the tests (a copy of the TZif file), so this
    // runs where the machine has no time-zone database.
    let zoneinfo = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/zoneinfo");
    home.limber()
        .env("TZDIR", zoneinfo)
        .env("TZ", "Asia/Tokyo")
        .args([
            "checkin",
            "--pain",
            "2",
            "--anxiety",
            "2",
            "--mood",
            "2",
            "--at",
            "2026-11-25 08:00",
        ])
        .assert()
        .success();
    assert_eq!(
        home.sql("SELECT local_date, recorded_at FROM checkins"),
        "2026-11-25|2026-11-24T23:00:00Z"
    );
}

#[test]
fn out_of_range_scales_are_usage_errors_and_write_nothing() {
    let home = Home::new();
    checkin(&home, &["--pain", "11", "--anxiety", "3", "--mood", "6"])
        .code(2)
        .stderr(contains("--pain"));
    checkin(&home, &["--pain", "-1", "--anxiety", "3", "--mood", "6"]).code(2);
    checkin(&home, &["--pain", "5", "--anxiety", "3"])
        .code(2)
        .stderr(contains("--mood"));
    checkin(
        &home,
        &[
            "--pain",
            "5",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--context",
            "lunch",
        ],
    )
    .code(2);
    assert!(
        !home.data().exists(),
        "a rejected check-in created the data dir"
    );
}

#[test]
fn a_bad_or_future_time_is_refused_and_writes_nothing() {
    let home = Home::new();
    checkin(
        &home,
        &[
            "--pain",
            "5",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--at",
            "yesterday",
        ],
    )
    .code(1)
    .stderr(
        contains("limber: --at \"yesterday\" is not a time; write 2026-11-25")
            .and(predicate::str::is_match("\n.").expect("regex").not()),
    );
    checkin(
        &home,
        &[
            "--pain",
            "5",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--at",
            "2026-12-01",
        ],
    )
    .code(1)
    .stderr("limber: --at \"2026-12-01\" is in the future; limber records what has happened\n");
    assert!(!home.data().exists());
}

#[test]
fn log_records_a_completed_session() {
    let home = Home::new();
    home.limber()
        .args([
            "log",
            "cycling",
            "--minutes",
            "30",
            "--note",
            "along the river",
        ])
        .assert()
        .success()
        .stdout("Logged 30 minutes of cycling on 2026-11-25.\n");
    home.limber()
        .args([
            "log",
            "desk-break",
            "--minutes",
            "5",
            "--at",
            "2026-11-24 09:00",
        ])
        .assert()
        .success()
        .stdout("Logged 5 minutes of Desk break on 2026-11-24.\n");
    assert_eq!(
        home.sql(
            "SELECT s.activity, r.slug, s.kind, s.status, s.started_at, s.ended_at, s.local_date, s.active_seconds, s.note
             FROM sessions s LEFT JOIN routines r ON r.id = s.routine_id ORDER BY s.started_at"
        ),
        "Desk break|desk-break|logged|completed|2026-11-24T09:00:00Z|2026-11-24T09:05:00Z|2026-11-24|300|NULL\n\
         cycling|NULL|logged|completed|2026-11-25T09:30:00Z|2026-11-25T10:00:00Z|2026-11-25|1800|along the river"
    );
}

#[test]
fn log_refuses_bad_input_and_writes_nothing() {
    let home = Home::new();
    home.limber()
        .args(["log", "walk", "--minutes", "0"])
        .assert()
        .code(2);
    home.limber().args(["log", "walk"]).assert().code(2);
    home.limber()
        .args(["log", "  ", "--minutes", "10"])
        .assert()
        .code(1)
        .stderr(contains("the activity is empty"));
    home.limber()
        .args(["log", "walk", "--minutes", "10", "--at", "25/11/2026"])
        .assert()
        .code(1)
        .stderr(contains("is not a time"));
    assert!(!home.data().exists());
}

#[test]
fn status_reports_today_the_week_and_the_streak() {
    let home = Home::new();
    home.limber()
        .arg("status")
        .assert()
        .success()
        .stdout("limber: no session yet today · 0 of 3 this week · no streak yet\n");
    for day in ["2026-11-22", "2026-11-23", "2026-11-24"] {
        home.limber()
            .args(["log", "walk", "--minutes", "20", "--at", day])
            .assert()
            .success();
    }
    // Sunday the 22nd is last week; the streak is counted in weeks that
    // met the goal, and neither week has yet.
    home.limber()
        .arg("status")
        .assert()
        .success()
        .stdout("limber: no session yet today · 2 of 3 this week · no streak yet\n");
    home.write_config("weekly_goal = 4\n");
    home.limber()
        .args(["log", "walk", "--minutes", "20"])
        .assert()
        .success();
    home.limber()
        .arg("status")
        .assert()
        .success()
        .stdout("limber: done today · 3 of 4 this week · no streak yet\n");
    home.limber()
        .args(["log", "walk", "--minutes", "20", "--at", "2026-11-23"])
        .assert()
        .success();
    home.limber()
        .arg("status")
        .assert()
        .success()
        .stdout("limber: done today · 4 of 4 this week · 1-week streak\n");
}

#[test]
fn routines_list_shows_builtins_user_files_and_broken_ones() {
    let home = Home::new();
    home.write_routine(
        "morning",
        "name = \"My morning\"\n[[exercise]]\nname = \"Reach\"\nkind = \"stretch\"\nduration = \"1m\"\n",
    );
    home.write_routine(
        "oops",
        "name = \"Oops\"\n[[exercise]]\nname = \"Reach\"\nkind = \"yoga\"\nduration = 30\n",
    );
    let text = home.stdout(&["routines", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("SLUG"), "{text}");
    for slug in [
        "desk-break",
        "gentle-mobility",
        "core-basics",
        "cycle-or-walk",
        "breathe-and-relax",
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(slug) && l.ends_with("builtin")),
            "{slug} missing:\n{text}"
        );
    }
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("morning") && l.contains("My morning") && l.ends_with("user"))
    );
    let broken = lines
        .iter()
        .find(|l| l.starts_with("oops"))
        .expect("broken listed");
    assert!(
        broken.contains("broken:") && broken.contains("oops.toml:4:8: unknown kind \"yoga\""),
        "{broken}"
    );
}

#[test]
fn routines_show_prints_every_exercise() {
    let home = Home::new();
    home.limber()
        .args(["routines", "show", "core-basics"])
        .assert()
        .success()
        .stdout(
            contains("Core basics (core-basics)")
                .and(contains("Bird-dog"))
                .and(contains("Stop if:")),
        );
}

#[test]
fn routines_show_of_an_unknown_slug_lists_the_known_ones() {
    let home = Home::new();
    home.limber()
        .args(["routines", "show", "pilates"])
        .assert()
        .code(1)
        .stderr(contains(
            "no routine \"pilates\"; known routines: desk-break, gentle-mobility",
        ));
}

#[test]
fn routines_check_prints_file_line_col_for_each_problem() {
    let home = Home::new();
    let good = home.write_routine(
        "good",
        "name = \"G\"\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nreps = 5\n",
    );
    home.limber()
        .args(["routines", "check"])
        .arg(&good)
        .assert()
        .success()
        .stdout(contains("ok (G, 1 exercise)"));
    let bad = home.write_routine(
        "bad",
        "name = \"B\"\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nreps = 5\nduration = 20\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nreps = 0\n",
    );
    let out = home
        .limber()
        .args(["routines", "check"])
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .stderr("limber: 1 of 2 routine files has problems\n");
    let stdout = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    let bad_name = bad.display().to_string();
    let problems: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with(&bad_name))
        .collect();
    assert_eq!(
        problems,
        vec![
            format!("{bad_name}:5:8: exercise \"A\" has both duration and reps; keep one"),
            format!(
                "{bad_name}:8:8: exercise \"A\" appears twice; give each exercise its own name"
            ),
            format!("{bad_name}:10:8: reps is 0; it must be more than 0"),
        ]
    );
    home.limber()
        .args(["routines", "check", "/nonexistent/x.toml"])
        .assert()
        .code(1)
        .stdout(contains("/nonexistent/x.toml:1:1: cannot read the file"));
}

#[test]
fn a_broken_config_is_named_with_its_position() {
    let home = Home::new();
    home.write_config("weekly_goal = 3\nbel = false\n");
    home.limber()
        .arg("status")
        .assert()
        .code(1)
        .stderr(contains("config.toml:2:1: unknown field `bel`"));
    home.write_config("weekly_goal = \"three\"\n");
    home.limber()
        .arg("status")
        .assert()
        .code(1)
        .stderr(contains("config.toml:1:15: invalid type: string \"three\""));
    assert!(!home.data().exists());
}

#[test]
fn keys_lists_rebindings_and_refuses_a_clash_at_its_position() {
    let home = Home::new();
    home.write_config("bell = true\n[keys]\npause = [\"x\", \"ctrl-p\"]\n");
    home.limber()
        .arg("keys")
        .assert()
        .success()
        .stdout(contains("pause           x ctrl-p "))
        .stdout(contains("skip            n right "));
    home.write_config("[keys]\nskip = \"right\"\npause = \"p\"\n");
    home.limber()
        .arg("status")
        .assert()
        .code(1)
        .stderr(contains(
            "config.toml:3:9: \"p\" is already previous's key on the session screen; give previous other keys, or pick another key for pause",
        ));
    home.write_config("[keys]\nsnooze = \"z\"\n");
    home.limber().arg("keys").assert().code(1).stderr(contains(
        "config.toml:2:1: \"snooze\" is not an action limber has",
    ));
    assert!(!home.data().exists());
}

/// The README's keymap table is `limber keys --format markdown`, so the two
/// cannot drift apart.
#[test]
fn the_readme_keymap_table_is_the_keymap() {
    let home = Home::new();
    let table = home.stdout(&["keys", "--format", "markdown"]);
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    assert!(
        readme.contains(&table),
        "README.md's keymap table differs from `limber keys --format markdown`:\n{table}"
    );
}

#[test]
fn export_and_import_round_trip_and_import_twice_adds_nothing() {
    let home = Home::new();
    checkin(
        &home,
        &[
            "--pain",
            "5",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--note",
            "=HYPERLINK(\"x\")",
        ],
    )
    .success();
    home.limber()
        .args(["log", "walk", "--minutes", "25"])
        .assert()
        .success();
    home.limber()
        .args(["log", "desk-break", "--minutes", "5"])
        .assert()
        .success();
    let out = home.dir.path().join("export.json");
    home.limber()
        .args(["export", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("Exported 2 sessions and 1 check-ins"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("read")).expect("json");
    assert_eq!(json["format"], "limber-export");
    assert_eq!(json["version"], 1);
    assert_eq!(json["checkins"][0]["pain"], 5);
    assert_eq!(json["routines"][0]["slug"], "desk-break");
    assert_eq!(json["routines"][0]["source"], "builtin");
    assert!(
        json["routines"][0]["uuid"]
            .as_str()
            .is_some_and(|u| u.len() == 36)
    );
    assert!(
        json["sessions"][0]["uuid"]
            .as_str()
            .is_some_and(|u| u.len() == 36)
    );

    let other = Home::new();
    other
        .limber()
        .arg("import")
        .arg(&out)
        .assert()
        .success()
        .stdout("Imported 2 sessions (0 exercises) and 1 check-ins; 0 already here.\n");
    other
        .limber()
        .arg("import")
        .arg(&out)
        .assert()
        .success()
        .stdout("Imported 0 sessions (0 exercises) and 0 check-ins; 3 already here.\n");
    let strip = |v: &mut serde_json::Value| {
        v.as_object_mut().expect("object").remove("exported_at");
    };
    let mut a = json.clone();
    let second = other.limber().arg("export").assert().success();
    let mut b: serde_json::Value =
        serde_json::from_slice(&second.get_output().stdout).expect("json");
    strip(&mut a);
    strip(&mut b);
    assert_eq!(a, b);

    let csv = home.stdout(&["export", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "uuid,local_date,recorded_at_utc,context,pain,anxiety,mood,fear,note,session_uuid,tags,where,took"
        )
    );
    let row = lines.next().expect("a row");
    assert!(
        row.contains(",2026-11-25,2026-11-25T10:00:00Z,daily,5,3,6,,\"'=HYPERLINK(\"\"x\"\")\","),
        "{row}"
    );
}

#[test]
fn a_bad_import_is_refused_and_writes_nothing() {
    let home = Home::new();
    checkin(&home, &["--pain", "5", "--anxiety", "3", "--mood", "6"]).success();
    let before = home.sql("SELECT count(*) FROM checkins");
    let file = home.dir.path().join("bad.json");
    let cases: [(&str, &str); 4] = [
        ("{\"format\": \"limber-export\"", "not valid JSON"),
        ("{\"hello\": 1}", "not a limber export"),
        (
            "{\"format\": \"limber-export\", \"version\": 7}",
            "export version 7 is newer",
        ),
        (
            r#"{"format": "limber-export", "version": 1, "checkins": [
                {"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f11", "recorded_at": "2026-11-01T08:00:00Z", "local_date": "2026-11-01", "context": "daily", "session": null, "pain": 3, "anxiety": 3, "mood": 3, "fear": null, "note": null},
                {"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f12", "recorded_at": "2026-11-02T08:00:00Z", "local_date": "2026-11-02", "context": "daily", "session": null, "pain": 30, "anxiety": 3, "mood": 3, "fear": null, "note": null}
            ]}"#,
            "checkins[1].pain is 30",
        ),
    ];
    for (text, message) in cases {
        std::fs::write(&file, text).expect("write");
        home.limber()
            .arg("import")
            .arg(&file)
            .assert()
            .code(1)
            .stderr(contains(message));
    }
    assert_eq!(home.sql("SELECT count(*) FROM checkins"), before);
    home.limber()
        .args(["import", "/nonexistent/export.json"])
        .assert()
        .code(1)
        .stderr(contains("cannot read /nonexistent/export.json"));
}

#[test]
fn sample_data_fills_an_empty_store_and_refuses_a_used_one() {
    let home = Home::new();
    home.limber()
        .arg("sample-data")
        .assert()
        .success()
        .stdout(contains("Made up a year of history"));
    let sessions: u32 = home
        .sql("SELECT count(*) FROM sessions")
        .parse()
        .expect("count");
    assert!(
        (100..=250).contains(&sessions),
        "{sessions} sessions in a year"
    );
    let last = home.sql("SELECT max(local_date) FROM checkins");
    assert!(last.as_str() < "2026-11-25", "{last}");
    let before = std::fs::read(home.db()).expect("read");
    home.limber()
        .arg("sample-data")
        .assert()
        .code(1)
        .stderr(contains("sample-data only fills an empty store"));
    assert_eq!(std::fs::read(home.db()).expect("read").len(), before.len());
}

fn assert_untouched(home: &Home, bytes: &[u8]) {
    assert_eq!(std::fs::read(home.db()).expect("read"), bytes);
}

#[test]
fn a_garbage_database_is_refused_and_left_byte_for_byte() {
    let home = Home::new();
    std::fs::create_dir_all(home.data()).expect("dir");
    let garbage = b"this is my shopping list, not a database\n".repeat(200);
    std::fs::write(home.db(), &garbage).expect("write");
    for args in [
        &["status"][..],
        &["checkin", "--pain", "1", "--anxiety", "1", "--mood", "1"],
        &["export"],
    ] {
        home.limber()
            .args(args)
            .assert()
            .code(1)
            .stderr(contains("is not a limber database").and(contains("left untouched")));
    }
    assert_untouched(&home, &garbage);
}

#[test]
fn a_newer_database_is_refused_and_left_byte_for_byte() {
    let home = Home::new();
    checkin(&home, &["--pain", "5", "--anxiety", "3", "--mood", "6"]).success();
    {
        let conn = rusqlite::Connection::open(home.db()).expect("sqlite");
        conn.execute_batch("PRAGMA user_version = 42; PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("bump");
    }
    let bytes = std::fs::read(home.db()).expect("read");
    home.limber()
        .arg("status")
        .assert()
        .code(1)
        .stderr(contains("written by a newer limber (schema version 42"));
    assert_untouched(&home, &bytes);
}

#[test]
fn without_a_terminal_the_app_speaks_in_plain_lines() {
    let home = Home::new();
    home.limber()
        // Enter for the safety notice, then q at the menu.
        .write_stdin("\nq\n")
        .assert()
        .success()
        .stdout(contains("1. Check in"))
        .stdout(contains("Goodbye."));
}

#[test]
fn flags_win_over_environment_variables() {
    let home = Home::new();
    let elsewhere = home.dir.path().join("elsewhere");
    home.limber()
        .arg("--data-dir")
        .arg(&elsewhere)
        .args(["checkin", "--pain", "1", "--anxiety", "1", "--mood", "1"])
        .assert()
        .success();
    assert!(elsewhere.join("limber.db").exists());
    assert!(!home.data().exists());
}

#[test]
fn run_of_an_unknown_routine_lists_the_known_ones() {
    let home = Home::new();
    home.limber()
        .args(["run", "pilates"])
        .assert()
        .code(1)
        .stderr(contains(
            "no routine \"pilates\"; known routines: desk-break, gentle-mobility, core-basics",
        ));
    assert!(!home.data().exists(), "nothing was written");
}

#[test]
fn report_in_text_markdown_and_json() {
    let home = Home::new();
    // Pain 6 at the start of the twelve weeks, 3 at the end; a session with
    // a check-in before and after.
    checkin(
        &home,
        &[
            "--pain",
            "6",
            "--anxiety",
            "4",
            "--mood",
            "5",
            "--at",
            "2026-09-04",
        ],
    )
    .success();
    checkin(
        &home,
        &[
            "--pain",
            "3",
            "--anxiety",
            "2",
            "--mood",
            "7",
            "--at",
            "2026-11-20",
        ],
    )
    .success();
    home.limber()
        .args(["log", "walk", "--minutes", "30", "--at", "2026-11-20 08:00"])
        .assert()
        .success();
    home.limber().arg("report").assert().success().stdout(
        contains("Your progress, 2026-09-03 to 2026-11-25 (84 days)")
            .and(contains(
                "Pain: 6.0 → 3.0 (−3.0 points, −50 %), from 1 day and 1 day with check-ins; at least its minimal important change",
            ))
            .and(contains(
                "Sessions: 1 in 83 days, 0.1 a week (your goal: 3), 30 active minutes",
            ))
            .and(contains("not a diagnosis")),
    );
    home.limber()
        .args(["report", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Your progress").and(contains("- Pain: 6.0 → 3.0")));
    let out = home
        .limber()
        .args(["report", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    // The record starts on the window's second day: the baseline with it.
    assert_eq!(
        json["window"],
        serde_json::json!({"from": "2026-09-03", "to": "2026-11-25", "days": 84,
            "compared": {"baseline_from": "2026-09-04", "baseline_to": "2026-09-17",
                "current_from": "2026-11-12", "current_to": "2026-11-25",
                "days": 14, "from_first_checkin": true}})
    );
    assert_eq!(
        json["pain"],
        serde_json::json!({"baseline": 6.0, "current": 3.0, "change_pct": -50, "change_points": -3.0, "n_baseline": 1, "n_current": 1})
    );
    assert_eq!(json["fear"]["change_pct"], serde_json::Value::Null);
    assert_eq!(
        json["sessions"],
        serde_json::json!({"count": 1, "per_week": 0.1, "days": 83, "goal_per_week": 3, "active_minutes": 30})
    );
    assert_eq!(
        json["session_effect"],
        serde_json::json!({"pain_delta": null, "anxiety_delta": null, "n": 0})
    );
    assert_eq!(
        json["movement_effect"],
        serde_json::json!({"pain": null, "anxiety": null, "mood": null})
    );

    let window = home
        .limber()
        .args([
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-21",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_slice(&window.get_output().stdout).expect("json");
    assert_eq!(json["window"]["days"], 21);
    assert_eq!(json["pain"]["baseline"], serde_json::Value::Null);
}

#[test]
fn report_refuses_a_bad_window() {
    let home = Home::new();
    home.limber()
        .args(["report", "--from", "2026-11-10", "--to", "2026-11-01"])
        .assert()
        .code(2)
        .stderr(
            "limber: --from 2026-11-10 is after --to 2026-11-01; the window must run forwards\n",
        );
    home.limber()
        .args(["report", "--from", "last week"])
        .assert()
        .code(1)
        .stderr(contains("--from \"last week\" is not a date"));
    home.limber()
        .args(["report", "--format", "pdf"])
        .assert()
        .code(2);
}

#[test]
fn history_prints_daily_means_and_sessions() {
    let home = Home::new();
    checkin(
        &home,
        &[
            "--pain",
            "4",
            "--anxiety",
            "2",
            "--mood",
            "6",
            "--at",
            "2026-11-24 08:00",
        ],
    )
    .success();
    checkin(
        &home,
        &[
            "--pain",
            "7",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--fear",
            "6",
            "--at",
            "2026-11-24 20:00",
        ],
    )
    .success();
    home.limber()
        .args(["log", "walk", "--minutes", "25", "--at", "2026-11-23 09:00"])
        .assert()
        .success();
    home.limber()
        .args(["history", "--days", "3"])
        .assert()
        .success()
        .stdout(
            "DATE        CHECK-INS  PAIN  ANXIETY  MOOD  FEAR  SESSIONS  MINUTES\n\
             2026-11-23          0                                    1       25\n\
             2026-11-24          2   5.5      2.5   5.5   6.0         0        0\n\
             2026-11-25          0                                    0        0\n",
        );
    home.limber()
        .args(["history", "--days", "2", "--format", "csv"])
        .assert()
        .success()
        .stdout(
            "date,checkins,pain,anxiety,mood,fear,sessions,active_minutes\n\
             2026-11-24,2,5.5,2.5,5.5,6.0,0,0\n\
             2026-11-25,0,,,,,0,0\n",
        );
    let out = home
        .limber()
        .args(["history", "--days", "2", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert_eq!(json["from"], "2026-11-24");
    assert_eq!(json["days"][0]["pain"], 5.5);
    assert_eq!(json["days"][1]["pain"], serde_json::Value::Null);
    home.limber()
        .args(["history", "--days", "0"])
        .assert()
        .code(2);
}

#[test]
fn flare_marks_and_clears_a_day_and_keeps_the_streak() {
    let home = Home::new();
    for day in ["2026-11-22", "2026-11-24"] {
        home.limber()
            .args(["log", "walk", "--minutes", "20", "--at", day])
            .assert()
            .success();
    }
    // A gap on the 23rd: no streak through it yet.
    home.limber()
        .arg("status")
        .assert()
        .success()
        .stdout("limber: no session yet today · 1 of 3 this week · no streak yet\n");
    home.limber()
        .args(["flare", "--at", "2026-11-23", "--note", "bad night"])
        .assert()
        .success()
        .stdout(contains("2026-11-23 is a flare-up: a rest day you chose"));
    home.limber()
        .args(["flare", "--at", "2026-11-23"])
        .assert()
        .success()
        .stdout("2026-11-23 was already marked as a flare-up.\n");
    assert_eq!(
        home.sql("SELECT local_date, note FROM flare_days"),
        "2026-11-23|bad night"
    );
    // The flare day bridges the gap, and the week asks one session less.
    let out = home
        .limber()
        .args(["status", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert_eq!(json["streak_days"], 2);
    assert_eq!(json["flare_today"], false);
    assert_eq!(json["sessions_this_week"], 1);
    assert_eq!(json["weekly_goal"], 2);
    home.limber().arg("flare").assert().success();
    let out = home
        .limber()
        .args(["status", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert_eq!(json["flare_today"], true);
    home.limber()
        .arg("status")
        .assert()
        .success()
        .stdout("limber: a rest day you chose · 1 of 2 this week · no streak yet\n");
    home.limber()
        .args(["flare", "--clear", "--at", "2026-11-23"])
        .assert()
        .success()
        .stdout("2026-11-23 is no longer marked as a flare-up.\n");
    home.limber()
        .args(["flare", "--clear", "--at", "2026-11-23"])
        .assert()
        .success()
        .stdout("2026-11-23 was not marked as a flare-up; nothing to take back.\n");
    assert_eq!(
        home.sql("SELECT local_date FROM flare_days WHERE deleted_at IS NULL"),
        "2026-11-25"
    );
    // The mark taken back stays as a tombstone, its note gone.
    assert_eq!(
        home.sql("SELECT local_date, note IS NULL FROM flare_days WHERE deleted_at IS NOT NULL"),
        "2026-11-23|1"
    );
}

#[test]
fn flare_refuses_a_future_day_and_a_bad_date() {
    let home = Home::new();
    home.limber()
        .args(["flare", "--at", "2026-12-01"])
        .assert()
        .code(1)
        .stderr(
            "limber: --at 2026-12-01 is in the future; mark a flare-up on the day it happens\n",
        );
    home.limber()
        .args(["flare", "--at", "tomorrow"])
        .assert()
        .code(1)
        .stderr(contains("is not a date"));
    home.limber()
        .args(["flare", "--clear", "--note", "x"])
        .assert()
        .code(2);
    assert!(!home.data().exists());
}

#[test]
fn routines_show_gentle_prints_the_gentle_version() {
    let home = Home::new();
    let full = home.stdout(&["routines", "show", "core-basics"]);
    let gentle = home.stdout(&["routines", "show", "core-basics", "--gentle"]);
    assert!(
        gentle.starts_with("The gentle version, for a hard day:\nCore basics"),
        "{gentle}"
    );
    assert!(
        full.contains("Bridge — strength · 2 sets × 10 reps"),
        "{full}"
    );
    assert!(gentle.contains("Bridge — strength · 5 reps"), "{gentle}");
    assert_ne!(full, gentle);
}

#[test]
fn report_json_has_the_exposure_of_feared_exercises() {
    let home = Home::new();
    // A session with a feared exercise, answered 7 before and 3 after.
    let export = serde_json::json!({
        "format": "limber-export",
        "version": 1,
        "sessions": [{
            "uuid": "11111111-2222-4333-8444-555555555555",
            "routine": null, "activity": "Core basics", "kind": "guided", "status": "completed",
            "started_at": "2026-11-20T08:00:00Z", "ended_at": "2026-11-20T08:10:00Z",
            "local_date": "2026-11-20", "planned_seconds": 600, "active_seconds": 500, "note": null,
            "exercises": [{
                "uuid": "11111111-2222-4333-8444-555555555556", "position": 0, "name": "Bird-dog",
                "kind": "strength", "planned_seconds": 60, "actual_seconds": 60, "planned_reps": null,
                "sets_planned": 1, "sets_done": 1, "status": "done", "comfort": 4,
                "finished_at": "2026-11-20T08:05:00Z", "expected_pain": 7, "actual_pain": 3
            }]
        }],
        "feared": ["Bird-dog"]
    });
    let file = home.dir.path().join("in.json");
    std::fs::write(&file, export.to_string()).expect("write");
    home.limber().arg("import").arg(&file).assert().success();
    assert_eq!(home.sql("SELECT name FROM feared_exercises"), "Bird-dog");
    let out = home
        .limber()
        .args(["report", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert_eq!(
        json["exposure"],
        serde_json::json!([{"exercise": "Bird-dog", "n": 1, "expected_mean": 7.0, "actual_mean": 3.0}])
    );
    home.limber()
        .arg("report")
        .assert()
        .success()
        .stdout(contains(
            "Bird-dog (an exercise you fear): you expected 7 and got 3, over 1 try",
        ));
}

#[test]
fn reading_and_rejected_commands_create_no_store() {
    let home = Home::new();
    home.limber()
        .args(["export", "--out", "/nonexistent/dir/x.json"])
        .assert()
        .code(1)
        .stderr(contains("cannot write /nonexistent/dir/x.json"));
    let bad = home.dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format": "limber-export", "version": 1, "checkins": [{"uuid": "not-a-uuid", "recorded_at": "2026-11-01T08:00:00Z", "local_date": "2026-11-01", "context": "daily", "session": null, "pain": 3, "anxiety": 3, "mood": 3, "fear": null, "note": null}]}"#,
    )
    .expect("write");
    home.limber()
        .arg("import")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains(
            "checkins[0].uuid \"not-a-uuid\" is not a UUID; nothing was imported",
        ));
    for args in [
        &["status"][..],
        &["report"],
        &["history", "--days", "3"],
        &["export"],
    ] {
        home.limber().args(args).assert().success();
    }
    assert!(
        !home.data().exists(),
        "a reading or rejected command created the store"
    );
}

#[test]
fn dates_outside_the_years_kept_are_refused_not_panicked_on() {
    let home = Home::new();
    home.limber()
        .args(["report", "--from", "9999-12-30", "--to", "9999-12-31"])
        .assert()
        .code(1)
        .stderr("limber: --to 9999-12-31 is outside the years limber keeps (1900–2999)\n");
    home.limber()
        .args(["report", "--to=-9999-01-02"])
        .assert()
        .code(1);
    checkin(
        &home,
        &[
            "--pain",
            "1",
            "--anxiety",
            "1",
            "--mood",
            "1",
            "--at",
            "0001-01-01",
        ],
    )
    .code(1);
    let file = home.dir.path().join("old.json");
    std::fs::write(
        &file,
        r#"{"format": "limber-export", "version": 1, "checkins": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "recorded_at": "2026-11-01T08:00:00Z", "local_date": "-9999-01-01", "context": "daily", "session": null, "pain": 3, "anxiety": 3, "mood": 3, "fear": null, "note": null}]}"#,
    )
    .expect("write");
    home.limber()
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(contains("local_date"));
    std::fs::write(&file, r#"{"format": "limber-export", "version": 0}"#).expect("write");
    home.limber()
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(contains("export version 0 is not one limber wrote"));
}

#[test]
fn a_date_alone_for_today_means_now_before_noon() {
    let home = Home::new();
    home.limber()
        .env("LIMBER_NOW", "2026-11-25T08:00:00Z")
        .args([
            "checkin",
            "--pain",
            "2",
            "--anxiety",
            "2",
            "--mood",
            "2",
            "--at",
            "2026-11-25",
        ])
        .assert()
        .success();
    assert_eq!(
        home.sql("SELECT recorded_at FROM checkins"),
        "2026-11-25T08:00:00Z"
    );
}

#[test]
fn screen_draws_one_screen_as_text() {
    let home = Home::new();
    home.limber().arg("sample-data").assert().success();
    let text = home.stdout(&["screen", "today", "--size", "60x12"]);
    assert_eq!(text.lines().count(), 12, "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 60));
    assert!(text.starts_with(" limber · today\n"), "{text}");
    for (name, expect) in [
        ("trends", "Latest 7-day average"),
        ("activity", "longest"),
        ("sessions", "Routine or activity"),
        ("exercises", "Comfort"),
        ("report", "Your progress"),
        ("core-basics", "Bird-dog"),
    ] {
        home.limber()
            .args(["screen", name, "--size", "100x30", "--range", "1y"])
            .assert()
            .success()
            .stdout(contains(expect).or(contains("Pain:")));
    }
    home.limber()
        .args(["screen", "settings"])
        .assert()
        .code(1)
        .stderr(contains("no screen \"settings\""));
    home.limber()
        .args(["screen", "today", "--size", "80"])
        .assert()
        .code(2);
    home.limber()
        .args(["screen", "trends", "--range", "5y"])
        .assert()
        .code(2);
}

#[test]
fn status_nag_speaks_only_when_today_has_no_session() {
    let home = Home::new();
    home.limber()
        .args(["status", "--nag"])
        .assert()
        .success()
        .stdout("limber: no session yet today (0 of 3 this week) — `limber` when you are ready\n");
    home.limber().args(["flare"]).assert().success();
    home.limber()
        .args(["status", "--nag"])
        .assert()
        .success()
        .stdout("");
    home.limber().args(["flare", "--clear"]).assert().success();
    home.limber()
        .args(["log", "walk", "--minutes", "20"])
        .assert()
        .success();
    home.limber()
        .args(["status", "--nag"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn completions_are_printed_for_every_shell() {
    let home = Home::new();
    for (shell, expect) in [
        ("bash", "_limber()"),
        ("zsh", "#compdef limber"),
        ("fish", "complete -c limber"),
        ("elvish", "limber"),
        ("powershell", "limber"),
    ] {
        home.limber()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains(expect).and(contains("checkin")));
    }
    home.limber().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn routines_new_writes_a_template_and_edit_opens_it() {
    let home = Home::new();
    let path = home.stdout(&["routines", "new", "Evening Stretch"]);
    let path = std::path::PathBuf::from(path.trim());
    assert_eq!(path, home.config().join("routines/evening-stretch.toml"));
    home.limber()
        .args(["routines", "check"])
        .arg(&path)
        .assert()
        .success();
    home.limber()
        .args(["routines", "new", "evening stretch"])
        .assert()
        .code(1)
        .stderr(contains(
            "already exists; `limber routines edit evening-stretch` opens it",
        ));
    // An "editor" that renames the routine; then one that breaks it.
    let script = home.dir.path().join("ed.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nsed -i '0,/^name = .*/s//name = \"Renamed\"/' \"$1\"\n",
    )
    .expect("script");
    let broken = home.dir.path().join("break.sh");
    std::fs::write(&broken, "#!/bin/sh\necho 'speed = 3' >> \"$1\"\n").expect("script");
    #[cfg(unix)]
    for s in [&script, &broken] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(s, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    home.limber()
        .env("EDITOR", &script)
        .env_remove("VISUAL")
        .args(["routines", "edit", "evening-stretch"])
        .assert()
        .success()
        .stdout(contains("is ready: 2 exercises"));
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("name = \"Renamed\"")
    );
    home.limber()
        .env("EDITOR", &broken)
        .env_remove("VISUAL")
        .args(["routines", "edit", "evening-stretch"])
        .assert()
        .code(1)
        .stderr(contains("unknown field `speed`").and(contains("lists it as broken")));
    // A built-in is copied before it is edited.
    home.limber()
        .env("EDITOR", &script)
        .env_remove("VISUAL")
        .args(["routines", "edit", "desk-break"])
        .assert()
        .success();
    assert!(home.config().join("routines/desk-break.toml").exists());
    home.limber()
        .args(["routines", "edit", "nothing-here"])
        .assert()
        .code(1)
        .stderr(contains("no routine \"nothing-here\""));
}

#[test]
fn diagnostics_go_to_a_log_file_never_to_the_screen() {
    let home = Home::new();
    home.limber()
        .env("LIMBER_LOG", "info")
        .args(["checkin", "--pain", "2", "--anxiety", "2", "--mood", "2"])
        .assert()
        .success()
        .stdout("Check-in saved for 2026-11-25: pain 2, anxiety 2, mood 2.\n")
        .stderr("");
    let log = std::fs::read_to_string(home.data().join("limber.log")).expect("a log file");
    assert!(log.contains("INFO check-in saved uuid="), "{log}");
    // At the default level a quiet run writes nothing.
    home.limber()
        .args(["checkin", "--pain", "2", "--anxiety", "2", "--mood", "2"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(home.data().join("limber.log")).expect("log"),
        log
    );
    home.limber()
        .env("LIMBER_LOG", "loud")
        .arg("status")
        .assert()
        .code(1)
        .stderr(contains("LIMBER_LOG \"loud\" is not a level"));
}

#[test]
fn routines_new_will_not_shadow_a_built_in() {
    let home = Home::new();
    home.limber()
        .args(["routines", "new", "Core basics"])
        .assert()
        .code(1)
        .stderr(contains("\"core-basics\" is already a built-in routine"));
    assert!(!home.config().join("routines/core-basics.toml").exists());
}

#[test]
#[cfg(target_os = "linux")]
fn a_log_that_cannot_be_written_never_reaches_the_screen() {
    // A full disk under the log: every write to /dev/full fails with ENOSPC.
    let home = Home::new();
    std::fs::create_dir_all(home.data()).expect("data dir");
    std::os::unix::fs::symlink("/dev/full", home.data().join("limber.log")).expect("symlink");
    let out = home
        .limber()
        .args(["routines", "show", "nope"])
        .output()
        .expect("run limber");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("limber: no routine \"nope\""),
        "{stderr}"
    );
}
