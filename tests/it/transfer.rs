//! Import and export at their edges: what an import reads (at most a cap,
//! from a file, a pipe or a device) and keeps (bounded numbers and texts,
//! nothing in the future), what `export --out` writes over (only the file
//! named), and imported text printed harmlessly by every command.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{in_home, limber, run, sql};
use serde_json::{Value, json};

/// The import cap, as `limber import` says it.
const CAP: u64 = 256 * 1024 * 1024;

/// A small valid export: a routine, a session with one exercise, a
/// check-in, a flare day and a feared exercise, all before the pinned clock.
fn good_export() -> Value {
    json!({
        "format": "limber-export", "version": 1,
        "routines": [{"uuid": "11111111-2222-4333-8444-555555555550", "slug": "walk", "name": "Walk", "source": "user", "definition": ""}],
        "sessions": [{
            "uuid": "11111111-2222-4333-8444-555555555555", "routine": "walk", "activity": "Walk",
            "kind": "guided", "status": "completed",
            "started_at": "2026-11-20T08:00:00Z", "ended_at": "2026-11-20T08:10:00Z",
            "local_date": "2026-11-20", "planned_seconds": 600, "active_seconds": 500, "note": null,
            "exercises": [{
                "uuid": "11111111-2222-4333-8444-555555555556", "position": 0, "name": "Bird-dog",
                "kind": "strength", "planned_seconds": 60, "actual_seconds": 60, "planned_reps": 10,
                "sets_planned": 1, "sets_done": 1, "status": "done", "comfort": 4,
                "finished_at": "2026-11-20T08:05:00Z", "expected_pain": 7, "actual_pain": 3
            }]
        }],
        "checkins": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "recorded_at": "2026-11-20T07:59:00Z",
            "local_date": "2026-11-20", "context": "before", "session": "11111111-2222-4333-8444-555555555555",
            "pain": 5, "anxiety": 3, "mood": 6, "fear": 2, "note": "stiff"}],
        "flares": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f11", "date": "2026-11-21", "note": null, "marked_at": "2026-11-21T09:00:00Z"}],
        "feared": ["Bird-dog"]
    })
}

fn write_json(home: &Path, doc: &Value) -> PathBuf {
    let file = home.join("in.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    file
}

/// Runs `import` on `doc`, expecting a refusal that says `expect` in one
/// line and writes nothing.
fn refused(doc: &Value, expect: &str) {
    let home = tempfile::tempdir().expect("temp dir");
    let file = write_json(home.path(), doc);
    let (code, _, err) = run(home.path(), &["import", file.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{expect}: {err}");
    assert!(err.contains(expect), "wanted {expect:?}, got {err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!home.path().join("data/limber.db").exists(), "{expect}");
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
}

/// Runs `export --out path`, expecting a one-line refusal saying `expect`.
fn export_refused(home: &Path, path: &Path, expect: &str) {
    let (code, _, err) = run(home, &["export", "--out", path.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(expect), "wanted {expect:?}, got {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

/// Writes to `sink` until it is closed on us, and says how many bytes it took.
fn flood(mut sink: impl Write) -> u64 {
    let chunk = vec![b' '; 1024 * 1024];
    let mut written = 0;
    while let Ok(n) = sink.write(&chunk) {
        written += n as u64;
        if written > 4 * CAP {
            break;
        }
    }
    written
}

/// What a refusal of an oversized stream looks like: exit 1 and the cap.
fn assert_over_cap(code: Option<i32>, err: &str) {
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is over 256 MiB"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

/// At most cap + 1 bytes were read; the pipe's own buffer holds the rest.
fn assert_read_at_most_the_cap(written: u64) {
    let slack = 1024 * 1024 + 64 * 1024;
    assert!(written > CAP, "it stopped early, at {written}");
    assert!(written <= CAP + 1 + slack, "it read {written} bytes");
}

#[test]
fn an_import_from_stdin_over_the_cap_is_refused_after_reading_at_most_the_cap() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut child = limber(home.path())
        .args(["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || flood(stdin));
    let out = child.wait_with_output().expect("wait");
    assert_over_cap(out.status.code(), &String::from_utf8_lossy(&out.stderr));
    assert_read_at_most_the_cap(writer.join().expect("writer"));
    assert!(!home.path().join("data/limber.db").exists());
}

#[test]
fn an_import_from_a_named_pipe_over_the_cap_is_refused_after_reading_at_most_the_cap() {
    let home = tempfile::tempdir().expect("temp dir");
    let fifo = home.path().join("export.json");
    mkfifo(&fifo);
    let path = fifo.clone();
    // Opening a FIFO for writing waits for its reader: limber.
    let writer = std::thread::spawn(move || {
        flood(
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .expect("open fifo"),
        )
    });
    let out = limber(home.path())
        .arg("import")
        .arg(&fifo)
        .output()
        .expect("run");
    assert_over_cap(out.status.code(), &String::from_utf8_lossy(&out.stderr));
    assert_read_at_most_the_cap(writer.join().expect("writer"));
}

#[test]
fn an_import_of_dev_zero_is_refused_at_the_cap() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = run(home.path(), &["import", "/dev/zero"]);
    assert_over_cap(Some(code), &err);
    assert!(err.starts_with("limber: /dev/zero is over"), "{err}");
}

#[test]
fn an_import_of_dev_zero_under_a_1_gb_memory_limit_is_a_clear_error_not_out_of_memory() {
    let home = tempfile::tempdir().expect("temp dir");
    // 1,000,000 KiB of address space: less than the 2 GB a read without a
    // cap would take, more than the cap's 256 MiB.
    let out = in_home(std::process::Command::new("sh"), home.path())
        .args([
            "-c",
            "ulimit -v 1000000 && exec \"$0\" import /dev/zero",
            env!("CARGO_BIN_EXE_limber"),
        ])
        .output()
        .expect("run sh");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_over_cap(out.status.code(), &err);
}

/// `doc` with the value at `pointer` (a JSON pointer) replaced.
fn with(pointer: &str, value: Value) -> Value {
    let mut doc = good_export();
    *doc.pointer_mut(pointer).expect("pointer") = value;
    doc
}

#[test]
fn the_good_export_imports() {
    let home = tempfile::tempdir().expect("temp dir");
    // At the bounds: a day of seconds, 1,000 reps, 100 sets, a check-in
    // 23 hours ahead of the clock (a far time zone).
    let mut doc = with("/sessions/0/active_seconds", json!(86_400));
    doc["sessions"][0]["exercises"][0]["planned_reps"] = json!(1000);
    doc["sessions"][0]["exercises"][0]["sets_planned"] = json!(100);
    doc["checkins"][0]["recorded_at"] = json!("2026-11-26T09:00:00Z");
    doc["checkins"][0]["local_date"] = json!("2026-11-26");
    doc["checkins"][0]["session"] = Value::Null;
    let file = write_json(home.path(), &doc);
    let (code, out, err) = run(home.path(), &["import", file.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Imported 1 sessions"), "{out}");
}

#[test]
fn numbers_the_store_cannot_hold_sensibly_are_refused_by_row_and_field() {
    let e = "/sessions/0/exercises/0";
    for (pointer, value, expect) in [
        (
            "/sessions/0/active_seconds",
            json!(4_294_967_295u32),
            "sessions[0].active_seconds is 4294967295; limber keeps at most 86400 seconds (a day)",
        ),
        (
            "/sessions/0/planned_seconds",
            json!(86_401),
            "sessions[0].planned_seconds is 86401; limber keeps at most 86400 seconds (a day)",
        ),
        (
            &format!("{e}/actual_seconds"),
            json!(4_294_967_295u32),
            "sessions[0].exercises[0].actual_seconds is 4294967295;",
        ),
        (
            &format!("{e}/planned_seconds"),
            json!(100_000),
            "sessions[0].exercises[0].planned_seconds is 100000;",
        ),
        (
            &format!("{e}/planned_reps"),
            json!(1001),
            "sessions[0].exercises[0].planned_reps is 1001; limber keeps at most 1000 reps",
        ),
        (
            &format!("{e}/sets_planned"),
            json!(101),
            "sessions[0].exercises[0].sets_planned is 101; limber keeps at most 100 sets",
        ),
        (
            &format!("{e}/sets_done"),
            json!(4_294_967_295u32),
            "sessions[0].exercises[0].sets_done is 4294967295; limber keeps at most 100 sets",
        ),
    ] {
        refused(&with(pointer, value), expect);
    }
}

#[test]
fn times_and_days_more_than_a_day_ahead_of_the_clock_are_refused() {
    let e = "/sessions/0/exercises/0";
    for (pointer, value, expect) in [
        (
            "/checkins/0/recorded_at",
            "2999-01-01T08:00:00Z",
            "checkins[0].recorded_at \"2999-01-01T08:00:00Z\" is more than a day in the future",
        ),
        (
            "/checkins/0/local_date",
            "2999-01-01",
            "checkins[0].local_date 2999-01-01 is more than a day in the future",
        ),
        (
            "/sessions/0/started_at",
            "2026-11-26T10:00:01Z",
            "sessions[0].started_at \"2026-11-26T10:00:01Z\" is more than a day",
        ),
        (
            "/sessions/0/ended_at",
            "2027-01-01T00:00:00Z",
            "sessions[0].ended_at",
        ),
        (
            "/sessions/0/local_date",
            "2026-11-27",
            "sessions[0].local_date 2026-11-27",
        ),
        (
            &format!("{e}/finished_at"),
            "2030-01-01T00:00:00Z",
            "sessions[0].exercises[0].finished_at",
        ),
        (
            "/flares/0/date",
            "2999-12-31",
            "flares[0].date 2999-12-31 is more than a day",
        ),
        (
            "/flares/0/marked_at",
            "2999-12-31T00:00:00Z",
            "flares[0].marked_at",
        ),
    ] {
        refused(&with(pointer, json!(value)), expect);
    }
}

#[test]
fn every_text_field_has_a_limit() {
    let long = |n: usize| json!("x".repeat(n));
    let e = "/sessions/0/exercises/0";
    for (pointer, value, expect) in [
        (
            "/feared/0",
            long(1001),
            "feared[0] is 1001 bytes long; limber keeps at most 1000",
        ),
        (
            "/flares/0/note",
            long(10_001),
            "flares[0].note is 10001 bytes long",
        ),
        (
            "/checkins/0/note",
            long(10_001),
            "checkins[0].note is 10001",
        ),
        (
            "/sessions/0/note",
            long(10_001),
            "sessions[0].note is 10001",
        ),
        (
            "/sessions/0/activity",
            long(1001),
            "sessions[0].activity is 1001",
        ),
        (
            "/sessions/0/routine",
            long(1001),
            "sessions[0].routine is 1001",
        ),
        (
            &format!("{e}/name"),
            long(1001),
            "sessions[0].exercises[0].name is 1001",
        ),
        ("/routines/0/slug", long(1001), "routines[0].slug is 1001"),
        ("/routines/0/name", long(1001), "routines[0].name is 1001"),
        (
            "/routines/0/definition",
            long(1024 * 1024 + 1),
            "routines[0].definition is 1048577 bytes long; limber keeps at most 1048576",
        ),
    ] {
        refused(&with(pointer, value), expect);
    }
}

#[test]
fn a_session_in_progress_is_imported_as_aborted_at_its_last_exercise() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut doc = with("/sessions/0/status", json!("in_progress"));
    doc["sessions"][0]["ended_at"] = Value::Null;
    let file = write_json(home.path(), &doc);
    let (code, _, err) = run(home.path(), &["import", file.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        sql(
            &home.path().join("data/limber.db"),
            "SELECT status || ' ' || ended_at FROM sessions"
        ),
        "aborted 2026-11-20T08:05:00Z"
    );
    // Nothing to resume: the next start opens on Today.
    let store = limber::store::Store::open_in(&home.path().join("data")).expect("store");
    assert!(store.unfinished_session().expect("query").is_none());
}

/// A home with the good export in its store, ready to export again.
fn home_with_history() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let file = write_json(home.path(), &good_export());
    let (code, _, err) = run(home.path(), &["import", file.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    home
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn assert_no_temporary_file(dir: &Path) {
    let names = names_in(dir);
    assert!(!names.iter().any(|n| n.contains("limber-tmp")), "{names:?}");
}

#[test]
fn export_out_writes_through_a_symlink_to_its_target() {
    let home = home_with_history();
    let out = home.path().join("out");
    std::fs::create_dir(&out).expect("dir");
    let target = out.join("real.json");
    std::fs::write(&target, "old").expect("write");
    let link = out.join("link.json");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let (code, _, err) = run(
        home.path(),
        &["export", "--out", link.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .expect("target")
            .contains("limber-export")
    );
    assert_eq!(names_in(&out), ["link.json", "real.json"]);

    // A link to nowhere is refused, and stays as it was.
    let dangling = out.join("dangling.json");
    std::os::unix::fs::symlink(out.join("missing/x.json"), &dangling).expect("symlink");
    export_refused(
        home.path(),
        &dangling,
        "is a symlink whose target cannot be followed",
    );
    assert!(std::fs::read_link(&dangling).is_ok());
}

#[test]
fn export_out_refuses_a_named_pipe_and_a_device_and_leaves_them() {
    use std::os::unix::fs::FileTypeExt;
    let home = home_with_history();
    let fifo = home.path().join("pipe");
    mkfifo(&fifo);
    export_refused(
        home.path(),
        &fifo,
        "is a named pipe, not a regular file; name a file, or leave out --out",
    );
    assert!(
        std::fs::metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );

    // As root (in CI) a rename would replace the device itself.
    export_refused(
        home.path(),
        Path::new("/dev/full"),
        "/dev/full is a device, not a regular file",
    );
    let full = std::fs::metadata("/dev/full").expect("/dev/full");
    assert!(full.file_type().is_char_device());
    assert_no_temporary_file(home.path());
}

#[test]
fn export_out_replaces_a_regular_file_whole_by_renaming() {
    use std::os::unix::fs::MetadataExt;
    let home = home_with_history();
    let file = home.path().join("export.json");
    std::fs::write(&file, "old").expect("write");
    // A second name for the old file keeps what it was: the new export is
    // a new file renamed into place, never the old one rewritten.
    let old = home.path().join("old.json");
    std::fs::hard_link(&file, &old).expect("link");
    let inode = std::fs::metadata(&file).expect("meta").ino();
    let (code, _, err) = run(
        home.path(),
        &["export", "--out", file.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&old).expect("old"), "old");
    assert!(
        std::fs::read_to_string(&file)
            .expect("new")
            .contains("limber-export")
    );
    assert_ne!(std::fs::metadata(&file).expect("meta").ino(), inode);
    assert_no_temporary_file(home.path());
}

#[test]
fn a_failed_export_leaves_the_old_file_and_no_temporary_file() {
    // Sixty check-ins with long notes: an export of over half a megabyte.
    let home = tempfile::tempdir().expect("temp dir");
    let mut doc = good_export();
    doc["checkins"] = (0..60)
        .map(|i| {
            let mut c = good_export()["checkins"][0].clone();
            c["uuid"] = json!(format!("6f1c3a52-8d0e-4a43-9a57-{i:012}"));
            c["note"] = json!("n".repeat(9_000));
            c
        })
        .collect();
    let input = write_json(home.path(), &doc);
    assert_eq!(
        run(home.path(), &["import", input.to_str().expect("utf-8")]).0,
        0
    );
    let out = home.path().join("out");
    std::fs::create_dir(&out).expect("dir");
    let file = out.join("export.json");
    std::fs::write(&file, "old").expect("write");
    // A file size limit of 256 KiB (room for SQLite's 32 KiB shared-memory
    // file) makes the write fail part way: EFBIG, the signal it would
    // send ignored.
    let result = in_home(std::process::Command::new("bash"), home.path())
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 256 && exec \"$0\" export --out \"$1\"",
            env!("CARGO_BIN_EXE_limber"),
            file.to_str().expect("utf-8"),
        ])
        .output()
        .expect("run bash");
    let err = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert!(err.contains("too large"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).expect("old"), "old");
    assert_eq!(names_in(&out), ["export.json"]);
}

/// What `report` prints must not hold an escape byte.
const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";

#[test]
fn a_feared_exercise_name_with_escapes_prints_none_in_the_report() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut doc = with("/sessions/0/exercises/0/name", json!(EVIL));
    doc["feared"] = json!([EVIL]);
    let file = write_json(home.path(), &doc);
    assert_eq!(
        run(home.path(), &["import", file.to_str().expect("utf-8")]).0,
        0
    );
    for format in ["text", "markdown"] {
        let (code, out, err) = run(home.path(), &["report", "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(
            out.contains("\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J (an exercise you fear)"),
            "{out}"
        );
    }
    // JSON escapes control characters itself and keeps the name exact.
    let (_, out, _) = run(home.path(), &["report", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["exposure"][0]["exercise"], EVIL);
}

#[test]
fn routines_check_shows_a_path_with_an_escape_harmlessly() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("evil\u{1b}[2J.toml");
    std::fs::write(
        &file,
        "name = \"Fine\"\n[[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 10\n",
    )
    .expect("write");
    let out = limber(home.path())
        .args(["routines", "check"])
        .arg(&file)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("evil\u{FFFD}[2J.toml: ok (Fine, 1 exercise)"),
        "{stdout:?}"
    );
    assert!(!stdout.contains('\u{1b}'));
}

#[test]
fn export_out_never_replaces_limbers_own_files() {
    // `export --out DATA/limber.db` turned the store into JSON, and onto
    // `limber.db-shm` while the app was open lost every later check-in.
    let home = home_with_history();
    let data = home.path().join("data");
    let db = data.join("limber.db");
    let (code, _, err) = run(home.path(), &["backup"]);
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read(&db).expect("read the store");
    let mut own = vec![
        "limber.db",
        "limber.db-wal",
        "limber.db-shm",
        "limber.lock",
        "limber.sessions.lock",
        "limber-recovery-2026-11-25T10-00-00Z.json",
    ];
    let backup = names_in(&data)
        .into_iter()
        .find(|n| n.starts_with("limber-backup-"))
        .expect("a backup");
    own.push(&backup);
    for name in own {
        export_refused(home.path(), &data.join(name), "one of limber's own files");
    }
    // Through a link from elsewhere, too.
    let link = home.path().join("innocent.json");
    std::os::unix::fs::symlink(&db, &link).expect("symlink");
    export_refused(home.path(), &link, "one of limber's own files");
    assert_eq!(std::fs::read(&db).expect("read the store"), before);
    assert_eq!(sql(&db, "SELECT count(*) FROM checkins"), "1");
    assert_no_temporary_file(&data);
}

#[test]
fn times_with_an_offset_are_kept_in_utc_and_a_session_cannot_end_before_it_starts() {
    // 20:00 at +12:00 is 08:00 UTC: kept as written it sorted after a
    // check-in made at noon UTC, and Today showed it as the latest.
    let home = tempfile::tempdir().expect("temp dir");
    let mut doc = with(
        "/checkins/0/recorded_at",
        json!("2026-11-20T20:00:00+12:00"),
    );
    doc["sessions"][0]["started_at"] = json!("2026-11-20T09:00:00+01:00");
    let file = write_json(home.path(), &doc);
    let (code, _, err) = run(home.path(), &["import", file.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    let db = home.path().join("data/limber.db");
    assert_eq!(
        sql(&db, "SELECT recorded_at FROM checkins"),
        "2026-11-20T08:00:00Z"
    );
    assert_eq!(
        sql(&db, "SELECT started_at FROM sessions"),
        "2026-11-20T08:00:00Z"
    );
    refused(
        &with("/sessions/0/ended_at", json!("2026-11-20T07:00:00Z")),
        "sessions[0].ended_at \"2026-11-20T07:00:00Z\" is before its started_at",
    );
}

#[test]
fn versions_and_ladder_places_no_device_could_give_are_refused() {
    // Found in review: a file carrying `"version": i64::MAX` moved the
    // store's clock to the integer's limit, and every later write failed;
    // a step placed at i64::MAX left no place for the next one.
    let versioned = |list: &str, version: Value| {
        let mut doc = good_export();
        doc[list][0]["version"] = version;
        doc
    };
    refused(
        &versioned("checkins", json!(i64::MAX)),
        "checkins[0].version 9223372036854775807 is not a time up to a day ahead of this clock",
    );
    refused(
        &versioned("sessions", json!(-1)),
        "sessions[0].version -1 is not a time",
    );
    let step = "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f20";
    let ladder = |position: Value, try_step: &str| {
        let mut doc = good_export();
        doc["fear_steps"] = json!([{"uuid": step, "name": "lifting a box", "position": position,
            "expected": 70, "created_at": "2026-11-20T09:00:00Z", "local_date": "2026-11-20"}]);
        doc["fear_tries"] = json!([{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f21", "step": try_step,
            "tried_at": "2026-11-20T10:00:00Z", "local_date": "2026-11-20", "expected_before": 70,
            "happened": "fine", "expected_after": 50}]);
        doc
    };
    refused(
        &ladder(json!(i64::MAX), step),
        "fear_steps[0].position 9223372036854775807 is not 0 to 1000000",
    );
    refused(
        &ladder(json!(1), &step.to_uppercase()),
        "fear_tries[0].step \"6F1C3A52-8D0E-4A43-9A57-0E6C6E3B5F20\" is not a UUID as limber writes one",
    );
    // The same file with sound numbers comes in whole.
    let home = tempfile::tempdir().expect("temp dir");
    let file = write_json(home.path(), &ladder(json!(1), step));
    let (code, _, err) = run(home.path(), &["import", file.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
}
