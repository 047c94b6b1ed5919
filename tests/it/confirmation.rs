//! A record is saved once, whatever happens to its confirmation: a command
//! whose stdout cannot be written (a full disk) after the commit exits 0 and
//! says on stderr that the record was saved, so nobody records it twice.

use crate::common;

use std::fs::File;
use std::path::Path;
use std::process::{Output, Stdio};

use common::{limber, sql};

/// Runs limber in `home` with stdout on a full disk, and stderr too if
/// `stderr_full`.
fn with_stdout_full(home: &Path, args: &[&str], stderr_full: bool) -> Output {
    let full = || File::create("/dev/full").expect("open /dev/full");
    let stderr = if stderr_full {
        Stdio::from(full())
    } else {
        Stdio::piped()
    };
    limber(home)
        .args(args)
        .stdout(Stdio::from(full()))
        .stderr(stderr)
        .output()
        .expect("run limber")
}

/// Records with `args` (stdout full), and checks the exit, the word on
/// stderr and that `count` in the store is 1.
fn saved_once(args: &[&str], done: &str, count: &str) {
    let home = tempfile::tempdir().expect("temp dir");
    let out = with_stdout_full(home.path(), args, false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    assert!(
        stderr.contains(&format!(
            "limber: {done}, but the confirmation could not be printed"
        )),
        "{args:?}: {stderr}"
    );
    assert_eq!(
        sql(&home.path().join("data/limber.db"), count),
        "1",
        "{args:?}"
    );
}

#[test]
fn a_checkin_with_stdout_on_a_full_disk_is_saved_once_and_exits_0() {
    saved_once(
        &["checkin", "--pain", "7", "--anxiety", "2", "--mood", "5"],
        "the check-in was saved",
        "SELECT count(*) FROM checkins",
    );
}

#[test]
fn a_logged_session_with_stdout_on_a_full_disk_is_saved_once_and_exits_0() {
    saved_once(
        &["log", "walk", "--minutes", "20"],
        "the session was logged",
        "SELECT count(*) FROM sessions",
    );
}

#[test]
fn a_flare_up_with_stdout_on_a_full_disk_is_saved_once_and_exits_0() {
    saved_once(
        &["flare"],
        "the flare-up was saved",
        "SELECT count(*) FROM flare_days",
    );
}

#[test]
fn with_stdout_and_stderr_on_a_full_disk_the_checkin_is_still_saved_once() {
    let home = tempfile::tempdir().expect("temp dir");
    let args = ["checkin", "--pain", "3", "--anxiety", "1", "--mood", "6"];
    let out = with_stdout_full(home.path(), &args, true);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        sql(
            &home.path().join("data/limber.db"),
            "SELECT count(*) FROM checkins"
        ),
        "1"
    );
}
