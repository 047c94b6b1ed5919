//! Faults survived, nothing lost: a full disk, damaged files, two writers at
//! once, hostile input, text that would steer a terminal, and no network.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Pty, run, sql};
use limber::model::NewCheckIn;
use limber::store::{Store, StoreError};
use time::macros::date;

/// A check-in with a long note, so a small disk fills in a few hundred.
fn checkin(pain: u8) -> NewCheckIn {
    NewCheckIn {
        note: Some("a note long enough to fill pages quickly ".repeat(20)),
        ..common::fixture::checkin(pain)
    }
}

#[test]
fn a_full_disk_is_a_clear_error_and_keeps_everything_written_before() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("open");
    // Room for a few dozen check-ins past the schema, however many tables it has.
    let schema: u32 = sql(&dir.path().join("limber.db"), "PRAGMA page_count")
        .parse()
        .expect("a page count");
    store.limit_pages(schema + 20).expect("limit");
    let mut written: u32 = 0;
    let err = loop {
        match store.add_checkin(&checkin((written % 11) as u8)) {
            Ok(_) => written += 1,
            Err(e) => break e,
        }
        assert!(written < 10_000, "the page limit never bit");
    };
    assert!(matches!(err, StoreError::DiskFull), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the disk is full; nothing was written — free some space and try again"
    );
    assert!(written > 10);
    drop(store);
    let store = Store::open_in(dir.path()).expect("reopen");
    assert_eq!(store.counts().expect("counts").0, i64::from(written));
    let db = dir.path().join("limber.db");
    assert_eq!(sql(&db, "PRAGMA integrity_check"), "ok");
}

/// A store with a year of history, its journal folded into the file.
fn store_with_history(home: &Path) -> PathBuf {
    let (code, _, err) = run(home, &["sample-data"]);
    assert_eq!(code, 0, "{err}");
    let db = home.join("data/limber.db");
    let conn = rusqlite::Connection::open(&db).expect("sqlite");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    db
}

/// Every command that reads, on a damaged store: one line, exit 1, file unchanged.
fn refused_unchanged(home: &Path, db: &Path, expect: &str) {
    let before = std::fs::read(db).ok();
    for args in [
        &["status"][..],
        &["export"],
        &["checkin", "--pain", "1", "--anxiety", "1", "--mood", "1"],
    ] {
        let (code, _, err) = run(home, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    }
    assert_eq!(std::fs::read(db).ok(), before, "the file changed");
}

#[test]
fn a_truncated_store_is_refused_and_left_unchanged() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = store_with_history(home.path());
    let bytes = std::fs::read(&db).expect("read");
    std::fs::write(&db, &bytes[..bytes.len() / 2]).expect("truncate");
    refused_unchanged(home.path(), &db, "damaged");
    let (code, out, err) = run(home.path(), &["doctor"]);
    assert_eq!(code, 1);
    assert!(out.contains("Integrity: problems found"), "{out}");
    assert!(err.contains("has problems"), "{err}");
}

#[test]
fn a_store_overwritten_in_the_middle_is_found_out() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = store_with_history(home.path());
    let mut bytes = std::fs::read(&db).expect("read");
    let middle = bytes.len() / 2;
    for (i, b) in bytes[middle..middle + 8192].iter_mut().enumerate() {
        *b = (i * 131 % 251) as u8;
    }
    std::fs::write(&db, &bytes).expect("overwrite");
    // Export reads every row, so it meets the damage.
    let (code, _, err) = run(home.path(), &["export"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("damaged") && err.contains("limber doctor"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).expect("read"), bytes, "the file changed");
    let (code, out, _) = run(home.path(), &["doctor"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Integrity: problems found"), "{out}");
}

#[test]
fn an_empty_store_file_is_refused_and_left_unchanged() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("data")).expect("dir");
    let db = home.path().join("data/limber.db");
    std::fs::write(&db, b"").expect("empty");
    refused_unchanged(home.path(), &db, "is empty (0 bytes)");
}

#[test]
fn a_folder_where_the_store_should_be_is_refused() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("data/limber.db")).expect("dir");
    let (code, _, err) = run(
        home.path(),
        &["checkin", "--pain", "1", "--anxiety", "1", "--mood", "1"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("is a folder, not a database file"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_read_only_store_and_a_read_only_folder_are_refused_and_left_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("temp dir");
    let db = store_with_history(home.path());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    refused_unchanged(home.path(), &db, "is read-only");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let data = home.path().join("data");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o500)).expect("chmod");
    refused_unchanged(home.path(), &db, "data folder");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).expect("chmod");
}

/// A home whose store is at schema 2 and holds one check-in, so the next
/// open upgrades it and keeps a backup. Returns the home and the store's path.
fn schema_2_store_with_one_checkin() -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).expect("dir");
    let db = data.join("limber.db");
    {
        let mut conn = rusqlite::Connection::open(&db).expect("sqlite");
        limber::store::MIGRATIONS
            .to_version(&mut conn, 2)
            .expect("schema 2");
        conn.execute(
            "INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety, mood)
             VALUES ('6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10', '2026-11-02T08:00:00Z', '2026-11-02', 'daily', 6, 4, 5)",
            [],
        )
        .expect("row");
    }
    (home, db)
}

#[test]
fn the_backup_from_an_upgrade_is_restored_with_one_command() {
    let (home, db) = schema_2_store_with_one_checkin();
    let data = home.path().join("data");
    // Opening upgrades it and keeps a backup; then the file is damaged.
    assert_eq!(run(home.path(), &["status"]).0, 0);
    assert!(data.join("limber.db.v2.bak").exists());
    std::fs::write(&db, b"this is no longer a database").expect("damage");
    let (code, _, err) = run(home.path(), &["status"]);
    assert_eq!(code, 1, "{err}");
    let (code, out, err) = run(home.path(), &["doctor", "--restore"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("limber.db.v2.bak"), "{out}");
    assert!(out.contains("is kept as"), "{out}");
    let (code, out, err) = run(home.path(), &["history", "--days", "30", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2026-11-02,1,6.0"), "{out}");
    // The damaged file was moved aside, not deleted.
    let kept = std::fs::read_dir(&data)
        .expect("dir")
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("limber.db.damaged-")
        });
    assert!(kept);
}

#[test]
fn two_writers_at_once_lose_nothing_and_never_say_locked() {
    let home = tempfile::tempdir().expect("temp dir");
    assert_eq!(run(home.path(), &["status"]).0, 0);
    let writers: Vec<_> = (0..2u8)
        .map(|w| {
            let home = home.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..200u32 {
                    let pain = ((i + u32::from(w)) % 11).to_string();
                    let (code, _, err) = run(
                        &home,
                        &["checkin", "--pain", &pain, "--anxiety", "1", "--mood", "5"],
                    );
                    assert_eq!(code, 0, "writer {w}, check-in {i}: {err}");
                    assert!(!err.contains("locked"), "{err}");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT count(*) FROM checkins"), "400");
    assert_eq!(sql(&db, "PRAGMA integrity_check"), "ok");
}

#[test]
fn writers_while_the_app_is_open_lose_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let pty = Pty::spawn_with(home.path(), &[], &[("LIMBER_NOW", "2026-11-25T10:00:00Z")]);
    pty.wait_for("See a clinician now");
    let writers: Vec<_> = (0..2u8)
        .map(|w| {
            let home = home.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..200u32 {
                    let (code, _, err) = run(
                        &home,
                        &["checkin", "--pain", "3", "--anxiety", "1", "--mood", "5"],
                    );
                    assert_eq!(code, 0, "writer {w}, check-in {i}: {err}");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT count(*) FROM checkins"), "400");
    drop(pty);
}

#[test]
fn hostile_routine_files_never_panic_and_say_what_is_wrong() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("config/routines");
    std::fs::create_dir_all(&dir).expect("dir");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", b"name = \"x\"\n[[exercise]]\nname = \"A".to_vec(), "truncated.toml:3:"),
        ("nested", format!("x = {}{}", "[".repeat(50_000), "]".repeat(50_000)).into_bytes(), "recursion"),
        ("huge", format!("name = \"x\"\n{}", "[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 1\n".repeat(40_000)).into_bytes(), "a routine file may be at most"),
        ("latin1", b"name = \"caf\xe9\"\n".to_vec(), "not valid UTF-8"),
        ("types", b"name = 1\n[[exercise]]\nname = []\n".to_vec(), "invalid type"),
        ("range", b"name = \"x\"\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 99999999999\n".to_vec(), "at most 2h"),
    ];
    for (slug, bytes, _) in &cases {
        std::fs::write(dir.join(format!("{slug}.toml")), bytes).expect("write");
    }
    let (code, out, err) = run(home.path(), &["routines", "list"]);
    assert_eq!(code, 0, "{err}");
    for (slug, _, expect) in &cases {
        let line = out
            .lines()
            .find(|l| l.starts_with(slug))
            .unwrap_or_else(|| panic!("{slug} not listed:\n{out}"));
        assert!(
            line.contains("broken:") && line.contains(expect),
            "{slug}: {line}"
        );
    }
    assert!(
        !home.path().join("data").exists(),
        "listing routines wrote something"
    );
}

#[test]
fn hostile_config_files_never_panic_and_say_where() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("config")).expect("dir");
    for (bytes, expect) in [
        (b"weekly_goal = ".to_vec(), "config.toml:1:"),
        (b"weekly_goal = 3\xff\n".to_vec(), "not valid UTF-8"),
        (
            format!("x = {}{}", "[".repeat(50_000), "]".repeat(50_000)).into_bytes(),
            "recursion",
        ),
        (
            b"weekly_goal = 99999999999999999999\n".to_vec(),
            "config.toml:1:",
        ),
        (b"weekly_goal = -3\n".to_vec(), "between 1 and 14"),
    ] {
        std::fs::write(home.path().join("config/config.toml"), &bytes).expect("write");
        let (code, _, err) = run(home.path(), &["status"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(expect), "{expect}: {err}");
    }
    assert!(!home.path().join("data").exists());
}

#[test]
fn hostile_imports_are_refused_whole_and_write_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        run(
            home.path(),
            &["checkin", "--pain", "1", "--anxiety", "1", "--mood", "1"]
        )
        .0,
        0
    );
    let file = home.path().join("in.json");
    let row = |uuid: &str, note: &str| {
        format!(
            r#"{{"uuid": "{uuid}", "recorded_at": "2026-11-01T08:00:00Z", "local_date": "2026-11-01", "context": "daily", "session": null, "pain": 3, "anxiety": 3, "mood": 3, "fear": null, "note": {note}}}"#
        )
    };
    let good = row("6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "null");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            format!(r#"{{"format": "limber-export", "version": 1, "checkins": [{good}"#)
                .into_bytes(),
            "not valid JSON",
        ),
        (
            format!(
                // Nesting is refused where a value is read; an unknown
                // field, however deep, is skipped without recursion.
                r#"{{"version": 1, "format": {}{}}}"#,
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes(),
            "recursion limit",
        ),
        (
            format!(
                r#"{{"format": "limber-export", "version": 1, "checkins": [{good}, {}]}}"#,
                row(
                    "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f11",
                    &format!("\"{}\"", "x".repeat(100 * 1024 * 1024))
                )
            )
            .into_bytes(),
            "checkins[1].note is 104857600 bytes long",
        ),
        (
            format!(r#"{{"format": "limber-export", "version": 1, "checkins": [{good}, {good}]}}"#)
                .into_bytes(),
            "appears more than once",
        ),
        (
            br#"{"format": "limber-export", "version": 1, "checkins": [{"uuid": 7}]}"#.to_vec(),
            "does not fit its format",
        ),
        (
            b"{\"format\": \"limber-export\", \"version\": 1, \"note\": \"\xff\"}".to_vec(),
            "not valid JSON",
        ),
        (
            format!(
                r#"{{"format": "limber-export", "version": 1, "checkins": [{good}, {}]}}"#,
                row("6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f12", "null")
                    .replace("\"pain\": 3", "\"pain\": 300")
            )
            .into_bytes(),
            "does not fit its format",
        ),
    ];
    for (bytes, expect) in cases {
        std::fs::write(&file, &bytes).expect("write");
        let (code, _, err) = run(home.path(), &["import", file.to_str().expect("utf-8 path")]);
        assert_eq!(code, 1, "{expect}: {err}");
        assert!(
            err.contains(expect),
            "{expect}: {}",
            &err[..err.len().min(300)]
        );
        assert_eq!(err.trim_end().lines().count(), 1);
        assert_eq!(
            sql(
                &home.path().join("data/limber.db"),
                "SELECT count(*) FROM checkins"
            ),
            "1"
        );
    }
}

/// True when `text` holds a byte that could steer a terminal.
fn has_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn text_that_would_steer_a_terminal_is_made_harmless_everywhere() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("config/routines");
    std::fs::create_dir_all(&dir).expect("dir");
    // TOML escapes put ESC, BEL and CR into the routine's texts.
    std::fs::write(
        dir.join("evil.toml"),
        r#"name = "Evil\u001b]0;pwned\u0007"
description = "\u001b[2J cleared"
[[exercise]]
name = "Stretch\u001b[31m red"
kind = "stretch"
duration = 10
instructions = "Lean\r\u001b[1A up"
cues = ["\u001b[5m blink"]
stop_if = "Stop \u0007 now"
"#,
    )
    .expect("write");
    for args in [
        &["routines", "list"][..],
        &["routines", "show", "evil"],
        &["routines", "check"],
    ] {
        let mut args = args.to_vec();
        let path = dir.join("evil.toml");
        let path = path.to_str().expect("utf-8");
        if args == ["routines", "check"] {
            args.push(path);
        }
        let (_, out, err) = run(home.path(), &args);
        assert!(
            !has_control(&out) && !has_control(&err),
            "{args:?}: {out:?} {err:?}"
        );
    }
    // Import a note and an activity carrying escapes, then print them back.
    let file = home.path().join("in.json");
    std::fs::write(
        &file,
        r#"{"format": "limber-export", "version": 1,
            "sessions": [{"uuid": "11111111-2222-4333-8444-555555555555", "routine": null, "activity": "walk\u001b]0;x\u0007", "kind": "logged", "status": "completed", "started_at": "2026-11-20T08:00:00Z", "ended_at": null, "local_date": "2026-11-20", "planned_seconds": 60, "active_seconds": 60, "note": null}],
            "checkins": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "recorded_at": "2026-11-20T08:00:00Z", "local_date": "2026-11-20", "context": "daily", "session": null, "pain": 3, "anxiety": 3, "mood": 3, "fear": null, "note": "=cmd|' /C calc'!A0 \u001b[2J"}]}"#,
    )
    .expect("write");
    assert_eq!(
        run(home.path(), &["import", file.to_str().expect("utf-8")]).0,
        0
    );
    for args in [
        &["export"][..],
        &["export", "--format", "csv"],
        &["history", "--days", "10"],
        &["report"],
    ] {
        let (code, out, err) = run(home.path(), args);
        assert_eq!(code, 0, "{err}");
        assert!(
            !has_control(&out) && !has_control(&err),
            "{args:?}: {out:?}"
        );
    }
    let (_, csv, _) = run(home.path(), &["export", "--format", "csv"]);
    assert!(csv.contains(",'=cmd|' /C calc'!A0 \u{FFFD}[2J,"), "{csv}");
    // And the app: no cell of Today or of the routine's detail holds a
    // control character.
    let catalog = limber::routine::Catalog::load(&dir);
    let config = limber::config::Config::default();
    let today = limber::tui::screens::today::TodayData {
        progress: limber::insights::Progress::new(&[], &[], 0, 3, date!(2026 - 11 - 25)),
        last_checkin: None,
        routines: limber::tui::routine_entries(&catalog, &config),
        favourites: Vec::new(),
        loading: false,
        programme: None,
    };
    let evil = today
        .routines
        .iter()
        .position(|r| r.slug == "evil")
        .expect("listed");
    let mut app = limber::tui::app::App::new(
        config,
        limber::clock::Clock::fixed(
            time::macros::datetime!(2026-11-25 10:00 UTC),
            jiff::tz::TimeZone::UTC,
        ),
        today,
        catalog.routines.clone(),
        limber::tui::app::Startup::today(Vec::new()),
        limber::tui::theme::Theme::default(),
    );
    let now = std::time::Instant::now();
    app.init(now);
    let key = |code| {
        limber::tui::app::Msg::Key(ratatui::crossterm::event::KeyEvent::new(
            code,
            ratatui::crossterm::event::KeyModifiers::NONE,
        ))
    };
    let screen = |app: &limber::tui::app::App| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
        terminal
            .draw(|f| {
                limber::tui::app::view(app, f, now);
            })
            .expect("draw");
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol().to_string())
            .collect::<String>()
    };
    let today_screen = screen(&app);
    assert!(today_screen.contains("Evil"), "{today_screen}");
    assert!(!has_control(&today_screen));
    for _ in 0..evil {
        limber::tui::app::update(&mut app, key(ratatui::crossterm::event::KeyCode::Down), now);
    }
    limber::tui::app::update(
        &mut app,
        key(ratatui::crossterm::event::KeyCode::Enter),
        now,
    );
    let detail = screen(&app);
    assert!(
        detail.contains("Stretch") && detail.contains("Lean"),
        "{detail}"
    );
    assert!(!has_control(&detail));
}

#[test]
fn limber_has_no_networking_code() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(names.contains(&"rusqlite"), "Cargo.lock was not read");
    for crate_name in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "curl-sys",
        "isahc",
        "surf",
        "h2",
        "tokio",
        "async-std",
        "rustls",
        "native-tls",
        "openssl",
        "openssl-sys",
        "socket2",
        "tungstenite",
        "quinn",
    ] {
        assert!(
            !names.contains(&crate_name),
            "{crate_name} is in Cargo.lock"
        );
    }
    // No crate for it, and no code either: the standard library's sockets
    // (std::net, std::os::unix::net) and the C calls, by the names that
    // appear in code, comments and string literals left out.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = rust_files(&[root.join("src"), root.join("crates")]);
    assert!(
        sources.iter().any(|p| p.ends_with("src/main.rs")),
        "the sources were not found: {sources:?}"
    );
    for path in sources {
        let text = std::fs::read_to_string(&path).expect("source");
        for word in code_words(&text) {
            assert!(
                !NETWORK_WORDS.contains(&word),
                "{} names `{word}`: limber has no networking code",
                path.display()
            );
        }
    }
}

/// Names that only networking code uses: `net` (as in `std::net`,
/// `core::net`, `std::os::unix::net`), its types, and the C calls.
const NETWORK_WORDS: &[&str] = &[
    "net",
    "TcpStream",
    "TcpListener",
    "UdpSocket",
    "SocketAddr",
    "SocketAddrV4",
    "SocketAddrV6",
    "ToSocketAddrs",
    "IpAddr",
    "Ipv4Addr",
    "Ipv6Addr",
    "UnixStream",
    "UnixListener",
    "UnixDatagram",
    "socket",
    "socketpair",
    "connect",
    "getaddrinfo",
    "gethostbyname",
    "sendto",
    "recvfrom",
];

/// Every `.rs` file under the folders that exist of `roots`.
fn rust_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = roots.iter().filter(|r| r.is_dir()).cloned().collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "target") {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found
}

/// The identifiers of Rust source, without comments, string literals and
/// character literals (a doc comment may say "no sockets").
fn code_words(src: &str) -> Vec<&str> {
    let b = src.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' => i = past_string(b, i + 1),
            b'\'' => {
                // A character literal ('x', '\n', 'é'), else a lifetime.
                let rest = &src[i + 1..];
                let mut chars = rest.char_indices();
                match chars.next() {
                    Some((_, '\\')) => {
                        i += rest[2..].find('\'').map_or(src.len() - i, |e| 4 + e);
                    }
                    Some((_, c)) if rest[c.len_utf8()..].starts_with('\'') => {
                        i += 1 + c.len_utf8() + 1;
                    }
                    _ => i += 1,
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &src[start..i];
                let hashes = b[i..].iter().take_while(|&&h| h == b'#').count();
                if matches!(word, "r" | "br" | "cr") && b.get(i + hashes) == Some(&b'"') {
                    // A raw string: ends at a quote and as many hashes.
                    let end = format!("\"{}", "#".repeat(hashes));
                    let from = i + hashes + 1;
                    i = src[from..]
                        .find(&end)
                        .map_or(b.len(), |e| from + e + end.len());
                } else if word == "r" && hashes == 1 {
                    i += 1; // a raw identifier, r#name: the name comes next
                } else if !(matches!(word, "b" | "c") && b.get(i) == Some(&b'"')) {
                    words.push(word);
                }
            }
            _ => i += 1,
        }
    }
    words
}

/// The index just past the string literal whose text starts at `i`.
fn past_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

#[test]
fn doctor_restores_only_a_store_with_problems_and_finds_an_empty_one() {
    let (home, db) = schema_2_store_with_one_checkin();
    assert_eq!(run(home.path(), &["status"]).0, 0);
    let (code, _, err) = run(home.path(), &["doctor", "--restore"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("checks as healthy") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(run(home.path(), &["doctor", "--restore", "--force"]).0, 0);
    std::fs::write(&db, b"").expect("empty");
    let (code, out, _) = run(home.path(), &["doctor"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the file is empty"), "{out}");
}

#[test]
fn a_restore_is_refused_while_the_app_is_open_and_changes_nothing() {
    let (home, db) = schema_2_store_with_one_checkin();
    assert_eq!(run(home.path(), &["status"]).0, 0);
    let before = std::fs::read(&db).expect("db");
    let mut pty = Pty::spawn(home.path(), &[]);
    pty.wait_for("See a clinician now");
    let (code, _, err) = run(home.path(), &["doctor", "--restore", "--force"]);
    assert_eq!(code, 1);
    assert!(err.contains("limber is open"), "{err}");
    assert_eq!(std::fs::read(&db).expect("db"), before);
    pty.send("q");
    assert!(pty.wait_exit().success());
    // Closed: the same command goes through.
    let (code, out, err) = run(home.path(), &["doctor", "--restore", "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Restored"), "{out}");
}

#[test]
fn someone_elses_sqlite_file_is_left_alone() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("data")).expect("dir");
    let db = home.path().join("data/limber.db");
    rusqlite::Connection::open(&db)
        .expect("sqlite")
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .expect("another program's table");
    let before = std::fs::read(&db).expect("read");
    let (code, _, err) = run(home.path(), &["status"]);
    assert_eq!(code, 1);
    assert!(err.contains("is not a limber database"), "{err}");
    assert_eq!(std::fs::read(&db).expect("read"), before);
}
