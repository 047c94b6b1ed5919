//! Words from issue 21: a usage mistake exits 2, and a note's direction
//! marks never reach the terminal raw.

use std::path::Path;

use assert_cmd::Command;

fn limber(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("limber").expect("binary");
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", "2026-11-25T10:00:00Z")
        .env("TZ", "UTC")
        .env_remove("LIMBER_LOG");
    cmd
}

#[test]
fn usage_mistakes_exit_two() {
    // Finding: `--where lowerback` and `--from` after `--to` exited 1.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    limber(h)
        .args(["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"])
        .args(["--where", "lowerback"])
        .assert()
        .code(2);
    limber(h)
        .args(["report", "--from", "2026-11-10", "--to", "2026-11-01"])
        .assert()
        .code(2);
    limber(h)
        .args(["entries", "--from", "2026-11-10", "--to", "2026-11-01"])
        .assert()
        .code(2);
}

#[test]
fn direction_marks_in_a_note_are_cleaned_from_entries() {
    // Finding: U+202E in a note reached the terminal raw in `entries`.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    limber(h)
        .args(["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"])
        .args(["--note", "pain \u{202E}61 today"])
        .assert()
        .success();
    let out = limber(h).arg("entries").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(text.contains("pain \u{FFFD}61 today"), "{text}");
    assert!(!text.contains('\u{202E}'), "{text}");
}
