//! Backups, restores and unreadable stores, with the real binary on real
//! files: a read error is never taken for damage or for an empty store, a
//! backup holds every commit (also those only in `-wal`), and a restore never
//! loses the file it replaces.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::sql;

fn limber(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_limber"));
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", "2026-11-25T10:00:00Z")
        .env("TZ", "UTC")
        .env_remove("LIMBER_LOG");
    cmd
}

/// (exit code, stdout, stderr).
fn output(mut cmd: Command) -> (i32, String, String) {
    let out = cmd.output().expect("run limber");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(home: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = limber(home);
    cmd.args(args);
    output(cmd)
}

/// limber as on a full disk: no file may grow (RLIMIT_FSIZE 0, with SIGXFSZ
/// ignored so a write fails with EFBIG as it would with ENOSPC).
fn on_a_full_disk(home: &Path, args: &[&str]) -> (i32, String, String) {
    let mut sh = Command::new("sh");
    sh.args(["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_limber"))
        .args(args);
    for (k, v) in limber(home).get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    output(sh)
}

fn one_line(err: &str) {
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
}

fn checkin(home: &Path, pain: &str) {
    let (code, _, err) = run(
        home,
        &["checkin", "--pain", pain, "--anxiety", "1", "--mood", "5"],
    );
    assert_eq!(code, 0, "{err}");
}

/// A home with a store holding `n` check-ins, its journal folded in.
fn home_with(n: usize) -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().expect("temp dir");
    for i in 0..n {
        checkin(home.path(), &(i % 11).to_string());
    }
    let db = home.path().join("data/limber.db");
    (home, db)
}

/// The files in `dir`, but SQLite's own `-wal`/`-shm` and limber.log.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-shm") && !n.ends_with("-wal") && n != "limber.log")
        .collect();
    names.sort();
    names
}

fn count(db: &Path) -> String {
    sql(db, "SELECT count(*) FROM checkins")
}

/// A connection that writes `n` check-ins and never checkpoints them, so
/// they are only in `limber.db-wal` while it is open.
fn writes_into_the_wal(db: &Path, n: usize) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).expect("sqlite");
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0;")
        .expect("no checkpoint");
    for i in 0..n {
        conn.execute(
            "INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety, mood)
             VALUES (?1, '2026-11-24T08:00:00Z', '2026-11-24', 'daily', 3, 2, 5)",
            [format!("00000000-0000-4000-8000-{i:012}")],
        )
        .expect("row");
    }
    conn
}

/// A home holding what kill -9 leaves of `db` while `conn` is open: the file
/// and its journal, with no one left to checkpoint.
fn crashed_copy(db: &Path, conn: rusqlite::Connection) -> tempfile::TempDir {
    let crashed = tempfile::tempdir().expect("temp dir");
    let data = crashed.path().join("data");
    std::fs::create_dir(&data).expect("dir");
    for suffix in ["", "-wal"] {
        std::fs::copy(
            format!("{}{suffix}", db.display()),
            data.join(format!("limber.db{suffix}")),
        )
        .expect("copy");
    }
    drop(conn);
    crashed
}

// Item 3: a read error is not damage; a restore never loses data.

#[test]
fn doctor_on_a_full_disk_says_it_cannot_read_not_that_the_store_is_damaged() {
    let (home, db) = home_with(3);
    let before = std::fs::read(&db).expect("db");
    let (code, out, err) = on_a_full_disk(home.path(), &["doctor"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("problems found"), "{out}");
    assert!(
        err.contains("cannot read") && err.contains("not damage"),
        "{err}"
    );
    one_line(&err);
    assert_eq!(std::fs::read(&db).expect("db"), before);
    // Without --force a restore needs to know the store is damaged: it is not.
    std::fs::copy(&db, home.path().join("data/limber.db.v3.bak")).expect("bak");
    let (code, _, err) = on_a_full_disk(home.path(), &["doctor", "--restore"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not damage"), "{err}");
    assert_eq!(std::fs::read(&db).expect("db"), before);
}

#[test]
fn a_restore_on_a_full_disk_changes_nothing() {
    let (home, db) = home_with(3);
    let data = home.path().join("data");
    let (code, _, err) = run(
        home.path(),
        &[
            "backup",
            "--out",
            data.join("limber.db.v3.bak").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read(&db).expect("db");
    let listing = names(&data);
    for args in [
        &["doctor", "--restore", "--force"][..],
        &[
            "restore",
            data.join("limber.db.v3.bak").to_str().expect("utf-8"),
        ],
    ] {
        let (code, _, err) = on_a_full_disk(home.path(), args);
        assert_eq!(code, 1, "{args:?}: {err}");
        one_line(&err);
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(std::fs::read(&db).expect("db"), before, "{args:?}");
        assert_eq!(names(&data), listing, "{args:?} left files behind");
    }
    assert_eq!(count(&db), "3");
}

#[test]
fn two_restores_in_the_same_second_keep_both_files_set_aside() {
    let (home, db) = home_with(2);
    let data = home.path().join("data");
    let bak = data.join("limber.db.v3.bak");
    std::fs::copy(&db, &bak).expect("bak");
    checkin(home.path(), "7");
    assert_eq!(run(home.path(), &["doctor", "--restore", "--force"]).0, 0);
    checkin(home.path(), "8");
    assert_eq!(run(home.path(), &["doctor", "--restore", "--force"]).0, 0);
    let aside: Vec<String> = names(&data)
        .into_iter()
        .filter(|n| n.starts_with("limber.db.damaged-"))
        .collect();
    assert_eq!(aside.len(), 2, "{aside:?}");
    let counts: Vec<String> = aside.iter().map(|n| count(&data.join(n))).collect();
    assert_eq!(counts, ["3", "3"], "each kept file holds its check-ins");
    assert_eq!(count(&db), "2");
}

/// Waits until `child` is held up on `data/limber.lock`: it has the lock
/// file open and sleeps between tries (the sleep in `Claim::take`'s loop)
/// while this test holds a lock it cannot share. Panics, with what it
/// printed, if it ends first: it did not wait. Reads /proc (Linux).
fn held_up_on_the_lock(mut child: Child, data: &Path) -> Child {
    let lock = data.join("limber.lock");
    let proc = PathBuf::from(format!("/proc/{}", child.id()));
    let deadline = Instant::now() + common::timeout();
    loop {
        if child.try_wait().expect("wait").is_some() {
            let (code, out, err) = finished(child);
            panic!("it ended ({code}) while the lock was held, without waiting: {out}{err}");
        }
        let has_lock_open = std::fs::read_dir(proc.join("fd"))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|to| to == lock));
        let sleeping =
            std::fs::read_to_string(proc.join("wchan")).is_ok_and(|w| w.contains("nanosleep"));
        if has_lock_open && sleeping {
            return child;
        }
        assert!(
            Instant::now() < deadline,
            "never seen waiting for {}",
            lock.display()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Exit code, stdout and stderr of a child started with piped output.
fn finished(child: Child) -> (i32, String, String) {
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_restore_waits_for_a_writing_command_to_finish() {
    let (home, db) = home_with(1);
    let data = home.path().join("data");
    std::fs::copy(&db, data.join("limber.db.v3.bak")).expect("bak");
    // The store moves on from its backup, so a restore shows.
    checkin(home.path(), "4");
    // What a command holds while it writes.
    let claim = limber::store::Claim::writer(&data).expect("claim");
    let mut cmd = limber(home.path());
    cmd.args(["doctor", "--restore", "--force"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let before = names(&data);
    let child = held_up_on_the_lock(cmd.spawn().expect("spawn"), &data);
    // While the command writes, the store is its own and nothing is set aside.
    assert_eq!(count(&db), "2");
    assert_eq!(names(&data), before);
    drop(claim);
    let (code, out, err) = finished(child);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Restored"), "{out}");
    assert_eq!(count(&db), "1", "the backup is in place");
}

#[test]
fn a_writing_command_waits_for_a_restore_under_way() {
    let (home, db) = home_with(1);
    let data = home.path().join("data");
    let whole = limber::store::Claim::whole(&data).expect("claim");
    let mut cmd = limber(home.path());
    cmd.args(["checkin", "--pain", "2", "--anxiety", "1", "--mood", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = held_up_on_the_lock(cmd.spawn().expect("spawn"), &data);
    assert_eq!(count(&db), "1", "it wrote under a restore");
    drop(whole);
    let (code, out, err) = finished(child);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(count(&db), "2");
}

// Item 4: backups that hold every commit; restores that round-trip.

#[test]
fn a_backup_while_another_connection_writes_holds_every_committed_row() {
    let (home, db) = home_with(1);
    let conn = writes_into_the_wal(&db, 50);
    // One more, not committed: not in a backup.
    conn.execute_batch(
        "BEGIN; INSERT INTO checkins (uuid, recorded_at, local_date, context, pain, anxiety, mood)
         VALUES ('00000000-0000-4000-8000-999999999999', '2026-11-24T09:00:00Z', '2026-11-24', 'daily', 9, 9, 1);",
    )
    .expect("open transaction");
    let out = home.path().join("copy.db");
    let (code, stdout, err) = run(
        home.path(),
        &["backup", "--out", out.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("51 check-ins"), "{stdout}");
    assert_eq!(count(&out), "51");
    assert_eq!(sql(&out, "PRAGMA integrity_check"), "ok");
    conn.execute_batch("ROLLBACK;").expect("rollback");
}

#[test]
fn a_backup_of_a_store_whose_data_is_only_in_the_wal_is_complete() {
    let (_home, db) = home_with(1);
    let conn = writes_into_the_wal(&db, 20);
    let crashed = crashed_copy(&db, conn);
    let crashed_data = crashed.path().join("data");
    // A plain copy of limber.db misses them…
    let plain = crashed.path().join("plain.db");
    std::fs::copy(crashed_data.join("limber.db"), &plain).expect("copy");
    assert_eq!(count(&plain), "1");
    // …a backup does not.
    let out = crashed.path().join("backup.db");
    let (code, _, err) = run(
        crashed.path(),
        &["backup", "--out", out.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(&out), "21");
    assert!(!Path::new(&format!("{}-wal", out.display())).exists());
}

#[test]
fn backup_never_overwrites_a_file() {
    let (home, _db) = home_with(1);
    let data = home.path().join("data");
    for _ in 0..2 {
        assert_eq!(run(home.path(), &["backup"]).0, 0);
    }
    let made: Vec<String> = names(&data)
        .into_iter()
        .filter(|n| n.starts_with("limber-backup-"))
        .collect();
    assert_eq!(
        made,
        [
            "limber-backup-20261125T100000Z-2.db",
            "limber-backup-20261125T100000Z.db"
        ]
    );
    let taken = home.path().join("taken.db");
    std::fs::write(&taken, b"mine").expect("write");
    let (code, _, err) = run(
        home.path(),
        &["backup", "--out", taken.to_str().expect("utf-8")],
    );
    assert_eq!(code, 1);
    one_line(&err);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&taken).expect("read"), b"mine");
}

#[test]
fn restore_round_trips_and_keeps_the_replaced_store_with_its_journal() {
    let (home, db) = home_with(2);
    let out = home.path().join("two.db");
    let out_text = out.to_str().expect("utf-8");
    assert_eq!(run(home.path(), &["backup", "--out", out_text]).0, 0);
    checkin(home.path(), "9");
    // The replaced store's last commits are in its journal only.
    let conn = writes_into_the_wal(&db, 1);
    let crashed = crashed_copy(&db, conn);
    let crashed_data = crashed.path().join("data");
    assert_eq!(count(&db), "4");
    let (code, stdout, err) = run(crashed.path(), &["restore", out_text]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("2 check-ins"), "{stdout}");
    let restored = crashed_data.join("limber.db");
    assert!(!crashed_data.join("limber.db-wal").exists(), "a stale wal");
    assert_eq!(count(&restored), "2");
    assert_eq!(sql(&restored, "PRAGMA integrity_check"), "ok");
    let kept = crashed_data.join("limber.db.replaced-20261125T100000Z");
    assert!(stdout.contains(kept.to_str().expect("utf-8")), "{stdout}");
    assert_eq!(count(&kept), "4", "the replaced store lost its journal");
    // And back: the store opens and takes new check-ins.
    checkin(crashed.path(), "1");
    assert_eq!(count(&restored), "3");
}

#[test]
fn restore_refuses_a_non_database_and_a_too_new_file_and_changes_nothing() {
    let (home, db) = home_with(2);
    let data = home.path().join("data");
    let garbage = home.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database at all, just words").expect("write");
    let newer = home.path().join("newer.db");
    let mut conn = rusqlite::Connection::open(&newer).expect("sqlite");
    limber::store::MIGRATIONS
        .to_latest(&mut conn)
        .expect("schema");
    conn.pragma_update(None, "user_version", 99).expect("newer");
    drop(conn);
    let before = std::fs::read(&db).expect("db");
    let listing = names(&data);
    for (file, expect) in [
        (&garbage, "is not a limber database"),
        (&newer, "newer limber"),
        (&home.path().join("missing.db"), "cannot read"),
    ] {
        let file_before = std::fs::read(file).ok();
        let (code, _, err) = run(home.path(), &["restore", file.to_str().expect("utf-8")]);
        assert_eq!(code, 1, "{err}");
        one_line(&err);
        assert!(err.contains(expect), "{err}");
        assert_eq!(std::fs::read(&db).expect("db"), before);
        assert_eq!(names(&data), listing);
        assert_eq!(std::fs::read(file).ok(), file_before);
    }
}

#[test]
fn restore_is_refused_while_the_app_holds_the_folder() {
    let (home, db) = home_with(2);
    let data = home.path().join("data");
    let out = home.path().join("two.db");
    let out_text = out.to_str().expect("utf-8");
    assert_eq!(run(home.path(), &["backup", "--out", out_text]).0, 0);
    let before = std::fs::read(&db).expect("db");
    let app = limber::store::Claim::shared(&data).expect("claim");
    let (code, _, err) = run(home.path(), &["restore", out_text]);
    assert_eq!(code, 1);
    assert!(err.contains("limber is open"), "{err}");
    assert_eq!(std::fs::read(&db).expect("db"), before);
    drop(app);
}

// Item 5: an unreadable store is never an empty one.

/// For each way the store cannot be reached, `status`, `export` and
/// `doctor` fail with one line that names the path and says the cause once.
fn refused_by_every_reader(home: &Path, data_dir: &Path, expect: &[&str]) {
    refused_by_every_reader_as(|| limber(home), data_dir, expect);
}

/// As `refused_by_every_reader`, with limber started by `limber`.
fn refused_by_every_reader_as(limber: impl Fn() -> Command, data_dir: &Path, expect: &[&str]) {
    for args in [&["status"][..], &["export"], &["doctor"]] {
        let mut cmd = limber();
        cmd.arg("--data-dir").arg(data_dir).args(args);
        let (code, out, err) = output(cmd);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(out.is_empty(), "{args:?} wrote: {out}");
        one_line(&err);
        for e in expect {
            assert!(err.contains(e), "{args:?}: {err} lacks {e}");
        }
        let cause_once = err.matches("(os error").count() <= 1;
        assert!(cause_once, "{args:?}: {err}");
    }
}

#[test]
fn a_data_folder_that_cannot_be_read_is_an_error_not_an_empty_store() {
    let home = tempfile::tempdir().expect("temp dir");
    // A path through a regular file: unreadable for everyone, root too.
    let file = home.path().join("a-file");
    std::fs::write(&file, b"x").expect("write");
    let under = file.join("data");
    refused_by_every_reader(
        home.path(),
        &under,
        &[under.to_str().expect("utf-8"), "is a file, not a folder"],
    );
    // A data folder its owner made unreadable (chmod 000). Root reads any
    // folder, so as root (as CI runs) the folder is given to user nobody
    // and limber runs as nobody, from a link to it inside the home.
    use std::os::unix::fs::PermissionsExt;
    let (home2, _db) = home_with(1);
    let data = home2.path().join("data");
    let limber_as_owner: Box<dyn Fn() -> Command> = if is_root() {
        give_to(home2.path(), NOBODY);
        let exe = home2.path().join("limber");
        std::fs::hard_link(env!("CARGO_BIN_EXE_limber"), &exe)
            .or_else(|_| std::fs::copy(env!("CARGO_BIN_EXE_limber"), &exe).map(drop))
            .expect("limber in the home");
        let home = home2.path().to_path_buf();
        Box::new(move || as_nobody(&exe, &home))
    } else {
        let home = home2.path().to_path_buf();
        Box::new(move || limber(&home))
    };
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    refused_by_every_reader_as(limber_as_owner, &data, &["Permission denied"]);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).expect("chmod");
}

/// User and group nobody (Debian's numbers; no entry in /etc/passwd is
/// needed to run as them).
const NOBODY: u32 = 65534;

/// Makes `dir` and everything in it belong to `id` (user and group).
fn give_to(dir: &Path, id: u32) {
    std::os::unix::fs::lchown(dir, Some(id), Some(id)).expect("chown");
    for entry in std::fs::read_dir(dir).expect("dir").filter_map(Result::ok) {
        let path = entry.path();
        if entry.file_type().expect("type").is_dir() {
            give_to(&path, id);
        } else {
            std::os::unix::fs::lchown(&path, Some(id), Some(id)).expect("chown");
        }
    }
}

/// `exe` (limber) for `home` as user nobody, with `limber`'s environment.
fn as_nobody(exe: &Path, home: &Path) -> Command {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(exe);
    for (k, v) in limber(home).get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.uid(NOBODY).gid(NOBODY);
    cmd
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

#[test]
fn a_data_dir_that_is_a_file_is_an_error() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("limber.db");
    std::fs::write(&file, b"x").expect("write");
    refused_by_every_reader(
        home.path(),
        &file,
        &[file.to_str().expect("utf-8"), "is a file, not a folder"],
    );
}

#[test]
fn a_dangling_link_for_the_store_is_an_error() {
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    std::fs::create_dir(&data).expect("dir");
    std::os::unix::fs::symlink(home.path().join("gone.db"), data.join("limber.db")).expect("link");
    refused_by_every_reader(
        home.path(),
        &data,
        &["limber.db is a link to", "gone.db", "does not exist"],
    );
}

#[test]
fn a_mistyped_data_dir_is_an_error_but_a_first_run_is_not() {
    let home = tempfile::tempdir().expect("temp dir");
    let typo = home.path().join("limbr");
    refused_by_every_reader(
        home.path(),
        &typo,
        &[typo.to_str().expect("utf-8"), "does not exist"],
    );
    assert!(!typo.exists());
    // The data folder not chosen on the command line: a first run.
    let (code, out, err) = run(home.path(), &["doctor"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("No store yet"), "{out}");
    assert_eq!(run(home.path(), &["status"]).0, 0);
}

#[test]
fn doctor_finds_and_restores_what_limber_backup_made() {
    // doctor said "Backups: none" and --restore "there is no backup" with a
    // limber-backup-….db right beside the damaged store (review).
    let (home, db) = home_with(3);
    let (code, _, err) = run(home.path(), &["backup"]);
    assert_eq!(code, 0, "{err}");
    checkin(home.path(), "9");
    let (code, out, err) = run(home.path(), &["doctor"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("limber-backup-"), "{out}");
    assert!(!out.contains("Backups: none"), "{out}");
    let (code, _, err) = run(home.path(), &["doctor", "--restore", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(&db), "3", "the backup's three check-ins are back");
}
