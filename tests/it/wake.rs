//! A key pressed in the same instant as something else that wakes the app
//! — the sync on start landing, another process writing the store, the
//! window changing size — takes effect every time. Everything reaches the
//! app's loop as messages on one channel, so nothing can leave a key
//! unread. Each key here is waited for on screen before the next is sent,
//! so a key that went unread fails the test by its timeout.

#![cfg(target_os = "linux")]

use crate::common;

use std::path::Path;
use std::process::{Child, Command};

use common::{Pty, in_home};

const TODAY: &str = "limber · today";
const HISTORY: &str = "6 Diary";

/// limber in `home` on the real clock, as the app in the pty has it.
fn limber(home: &Path) -> Command {
    let mut cmd = in_home(Command::new(env!("CARGO_BIN_EXE_limber")), home);
    cmd.env_remove("LIMBER_NOW");
    cmd
}

fn ok(home: &Path, args: &[&str]) {
    let out = limber(home).args(args).output().expect("run limber");
    assert!(out.status.success(), "{args:?}: {out:?}");
}

/// Over to History and back to Today: two keys, each seen to take effect.
fn there_and_back(pty: &mut Pty) {
    pty.send("h");
    pty.wait_for(HISTORY);
    pty.send("\x1b");
    pty.wait_for(TODAY);
}

/// The terminal the app in `pty` reads.
fn tty_of(pty: &Pty) -> std::path::PathBuf {
    std::fs::read_link(format!("/proc/{}/fd/0", pty.pid())).expect("the app's terminal")
}

/// Gives the terminal `rows` rows, as a window being resized does: the
/// kernel tells the app with SIGWINCH.
fn resize(tty: &Path, rows: u16) -> Child {
    Command::new("stty")
        .arg("-F")
        .arg(tty)
        .args(["rows", &rows.to_string(), "cols", &common::COLS.to_string()])
        .spawn()
        .expect("run stty")
}

/// Whether the app draws on the pty's last row (it does not when it was
/// told the terminal has one row fewer).
fn last_row_drawn(screen: &str) -> bool {
    screen
        .lines()
        .nth(usize::from(common::ROWS) - 1)
        .is_some_and(|row| !row.trim().is_empty())
}

#[test]
fn a_key_pressed_as_a_sync_lands_a_file_changes_and_the_window_resizes_takes_effect() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    let folder = tempfile::tempdir().expect("sync folder");
    let folder_text = folder.path().to_str().expect("utf-8");
    // Another device's year of history waits in the sync folder: bringing
    // it in takes the app's sync on start a while, long enough for keys to
    // be pressed while it lands.
    ok(b.path(), &["sample-data"]);
    ok(b.path(), &["sync", folder_text]);
    std::fs::create_dir_all(a.path().join("config")).expect("config");
    std::fs::write(
        a.path().join("config/config.toml"),
        format!("sync_dir = {folder_text:?}\n"),
    )
    .expect("config.toml");

    let mut pty = Pty::spawn_with(
        a.path(),
        &[],
        &[("LIMBER_SYNC_PASSPHRASE", ""), ("TZ", "UTC")],
    );
    pty.wait_for("See a clinician now");
    pty.send("\r");
    pty.wait_for(TODAY);
    // Keys while the sync lands: until Today shows what it brought, and
    // once more after.
    while pty.screen().contains("No check-ins yet.") {
        there_and_back(&mut pty);
    }
    there_and_back(&mut pty);

    // Another process writes the store, the window changes size, and a key
    // is pressed, all at once; keys go on until the writer is done.
    let tty = tty_of(&pty);
    for (round, pain) in ["7", "6", "5"].into_iter().enumerate() {
        let smaller = round % 2 == 0;
        let mut writer = limber(a.path())
            .args(["checkin", "--pain", pain, "--anxiety", "2", "--mood", "5"])
            .spawn()
            .expect("run limber checkin");
        let mut stty = resize(&tty, common::ROWS - u16::from(smaller));
        pty.send("h");
        // The key took effect, and so did the resize.
        pty.wait_until("History at the new size", |screen| {
            (screen.contains(HISTORY) && last_row_drawn(screen) != smaller).then_some(())
        });
        pty.send("\x1b");
        pty.wait_for(TODAY);
        while writer.try_wait().expect("the writer").is_none() {
            there_and_back(&mut pty);
        }
        assert!(writer.wait().expect("the writer").success());
        assert!(stty.wait().expect("stty").success());
        there_and_back(&mut pty);
        pty.wait_for(&format!("pain {pain} · anxiety 2 · mood 5"));
    }

    // q as the last writes settle still quits, and the sync on quit says
    // what it did.
    pty.quit();
    assert!(
        pty.screen().contains("limber: synced through"),
        "{}",
        pty.screen()
    );
}
