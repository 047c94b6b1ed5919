//! The real binary in a pseudo-terminal: a whole guided session, a
//! session killed halfway and offered for resuming at the next start,
//! editing a routine, keys rebound in config.toml, and Today following
//! what a command in another terminal recorded.

use crate::common;

use common::{Pty, in_home, sql, write_routine};

const THREE_SHORT: &str = r#"name = "Three short"
get_ready = 0

[[exercise]]
name = "Reach up"
kind = "stretch"
duration = 2
rest = 0

[[exercise]]
name = "Hip circles"
kind = "stretch"
duration = 2
rest = 0

[[exercise]]
name = "Shoulder rolls"
kind = "stretch"
duration = 2
rest = 0
"#;

#[test]
fn a_pasted_note_is_text_and_its_line_breaks_press_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(home.path(), &[]);
    pty.past_first_start();
    pty.wait_for("limber · today");
    assert!(pty.bracketed_paste(), "bracketed paste is off");
    pty.send("c");
    pty.wait_for("How are you today?");
    pty.send("4\t3\t6n");
    // "Knee sore⏎⏎rough night", pasted: once Enter, Enter, r (flare) and h
    // (History) behind the note.
    pty.send("\x1b[200~Knee sore\r\rrough night\x1b[201~");
    pty.wait_for("Note: Knee sore rough night");
    pty.send("\r");
    pty.wait_for("Note: Knee sore rough night");
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.quit();
    assert!(!pty.bracketed_paste(), "bracketed paste was left on");
    let db = home.path().join("data/limber.db");
    assert_eq!(
        sql(&db, "SELECT pain, anxiety, mood, note FROM checkins"),
        "4|3|6|Knee sore rough night"
    );
    assert_eq!(sql(&db, "SELECT count(*) FROM flare_days"), "0");
}

#[test]
fn a_whole_guided_session_is_recorded() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "three", THREE_SHORT);
    let mut pty = Pty::spawn(home.path(), &["run", "three"]);
    // A fresh store: the safety notice comes first, once.
    pty.past_first_start();
    pty.wait_for("How are you before you start?");
    pty.send("\x1b");
    pty.wait_for("Reach up");
    // The timer runs the three exercises to the end by itself.
    pty.wait_for("How are you now?");
    // Pain 3, anxiety 2, mood 7.
    pty.send("3");
    pty.send("\t");
    pty.send("2");
    pty.send("\t");
    pty.send("7");
    pty.send("\r");
    pty.wait_for("Three short — done.");
    pty.wait_for("3 exercises done");
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.wait_for("✓ done today");
    pty.send("q");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(pty.restored(), "the terminal was not restored");

    let db = home.path().join("data/limber.db");
    assert_eq!(
        sql(&db, "SELECT status, kind, activity FROM sessions"),
        "completed|guided|Three short"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT position, name, status, sets_done FROM session_exercises ORDER BY position"
        ),
        "0|Reach up|done|1\n1|Hip circles|done|1\n2|Shoulder rolls|done|1"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT context, pain, anxiety, mood, session_id IS NOT NULL FROM checkins"
        ),
        "after|3|2|7|1"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT count(*) FROM app_state WHERE key = 'safety_notice_read'"
        ),
        "1"
    );
}

const LONG_LAST: &str = r#"name = "Long last"
get_ready = 0

[[exercise]]
name = "Reach up"
kind = "stretch"
duration = 1
rest = 0

[[exercise]]
name = "Hip circles"
kind = "stretch"
duration = 1
rest = 0

[[exercise]]
name = "Long hold"
kind = "stretch"
duration = 600
"#;

#[test]
fn a_killed_session_is_offered_for_resuming_with_its_finished_exercises_kept() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "long", LONG_LAST);
    std::fs::create_dir_all(home.path().join("config")).expect("config dir");
    std::fs::write(
        home.path().join("config/config.toml"),
        "checkin_before = false\n",
    )
    .expect("config");
    let mut pty = Pty::spawn(home.path(), &["run", "long"]);
    pty.past_first_start();
    pty.wait_for("Long hold");
    pty.wait_for("exercise 3 of 3");
    pty.signal("KILL");
    pty.wait_exit();

    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "PRAGMA integrity_check"), "ok");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "in_progress");
    assert_eq!(
        sql(
            &db,
            "SELECT name, status FROM session_exercises ORDER BY position"
        ),
        "Reach up|done\nHip circles|done"
    );

    let mut pty = Pty::spawn(home.path(), &[]);
    pty.wait_for("A session was not finished");
    pty.wait_for("2 exercises kept");
    pty.wait_for("resume where it stopped, at Long hold");
    pty.send("r");
    pty.wait_for("exercise 3 of 3");
    pty.send("q");
    pty.wait_for("End the session?");
    pty.send("y");
    // Ended early, it asks how you are; Esc skips it.
    pty.wait_for("How are you now?");
    pty.send("\x1b");
    pty.wait_for("ended early");
    // The summary counts what was done before the kill as well.
    pty.wait_for("2 exercises done · 1 skipped");
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "aborted");
    assert_eq!(
        sql(
            &db,
            "SELECT name, status FROM session_exercises ORDER BY position"
        ),
        "Reach up|done\nHip circles|done\nLong hold|skipped"
    );
}

const FEARED_FIRST: &str = r#"name = "Feared first"
get_ready = 0

[[exercise]]
name = "Forward bend"
kind = "stretch"
duration = 3
rest = 4

[[exercise]]
name = "Reach up"
kind = "stretch"
duration = 1
rest = 0
"#;

#[test]
fn a_feared_exercise_records_what_was_expected_and_what_it_was() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "feared", FEARED_FIRST);
    std::fs::write(
        home.path().join("config/config.toml"),
        "checkin_after = false\n",
    )
    .expect("config");
    let mut pty = Pty::spawn(home.path(), &[]);
    pty.past_first_start();
    pty.wait_for("limber · today");
    // The user routine is the last in the list.
    pty.send("G");
    pty.send("\r");
    pty.wait_for("Feared first");
    pty.wait_for("› 1. Forward bend");
    pty.send("f");
    pty.wait_for("◆ feared");
    pty.send("\r");
    pty.wait_for("How are you before you start?");
    pty.send("\x1b");
    pty.wait_for("how much do you expect it to hurt?");
    pty.send("7");
    pty.wait_for("how much did it actually hurt?");
    pty.send("3");
    pty.wait_for("Feared first — done.");
    pty.wait_for("◆ Forward bend: you expected 7, it was 3");
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.send("q");
    assert!(pty.wait_exit().success());

    let db = home.path().join("data/limber.db");
    assert_eq!(
        sql(&db, "SELECT name FROM feared_exercises"),
        "Forward bend"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT name, expected_pain, actual_pain FROM session_exercises ORDER BY position"
        ),
        "Forward bend|7|3\nReach up|NULL|NULL"
    );
    let report = std::process::Command::new(env!("CARGO_BIN_EXE_limber"))
        .args(["report", "--format", "json"])
        .env("LIMBER_DATA_DIR", home.path().join("data"))
        .env("LIMBER_CONFIG", home.path().join("config"))
        .output()
        .expect("report");
    assert!(report.status.success());
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).expect("json");
    assert_eq!(
        json["exposure"],
        serde_json::json!([{"exercise": "Forward bend", "n": 1, "expected_mean": 7.0, "actual_mean": 3.0}])
    );
}

/// Writes an executable editor script that runs `body` on its file ($1).
fn editor(home: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = home.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    path
}

#[test]
fn e_edits_a_routine_in_the_users_editor() {
    let home = tempfile::tempdir().expect("temp dir");
    let append = editor(
        home.path(),
        "append.sh",
        r#"printf '\n[[exercise]]\nname = "Added by the editor"\nkind = "stretch"\nduration = 5\nstop_if = "Stop if it hurts."\n' >> "$1""#,
    );
    let mut pty = Pty::spawn_with(
        home.path(),
        &[],
        &[("EDITOR", append.to_str().expect("utf-8")), ("VISUAL", "")],
    );
    pty.past_first_start();
    pty.wait_for("limber · today");
    // The desk break is selected: a built-in, so it is copied first.
    pty.send("e");
    pty.wait_for("Saved");
    let copy = home.path().join("config/routines/desk-break.toml");
    assert!(
        copy.exists(),
        "the built-in was not copied to the user's routines"
    );
    pty.send("\r");
    pty.wait_for("Desk break");
    for _ in 0..7 {
        pty.send("j");
    }
    pty.wait_for("Added by the editor");
    pty.send("q");
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert!(pty.restored());
}

#[test]
fn an_edit_that_breaks_the_file_shows_where_and_offers_another_go() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "mine", THREE_SHORT);
    let breaker = editor(
        home.path(),
        "break.sh",
        r#"printf 'kind = "yoga"\n' >> "$1""#,
    );
    let mut pty = Pty::spawn_with(
        home.path(),
        &[],
        &[("EDITOR", breaker.to_str().expect("utf-8")), ("VISUAL", "")],
    );
    pty.past_first_start();
    pty.wait_for("Three short");
    pty.send("G");
    pty.send("e");
    pty.wait_for("has a problem:");
    pty.wait_for("✗ 21:1: duplicate key");
    pty.wait_for("e edit it again");
    pty.send("\x1b");
    pty.wait_for("mine (broken)");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn keys_rebound_in_config_toml_work_in_the_real_app() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "three", THREE_SHORT);
    std::fs::write(
        home.path().join("config/config.toml"),
        "checkin_before = false\n\n[keys]\npause = \"x\"\nhelp = \"f1\"\n",
    )
    .expect("config");
    let mut pty = Pty::spawn(home.path(), &["run", "three"]);
    pty.past_first_start();
    pty.wait_for("x pause");
    pty.send("x");
    pty.wait_for("Paused — x to go on");
    // F1 (xterm's escape sequence) opens the keys, listing the new ones.
    pty.send("\x1bOP");
    pty.wait_for("any key closes this");
    // The overlay's rows may arrive a moment after its title.
    pty.wait_for("│F1 ");
    pty.send("\x03");
    assert!(pty.wait_exit().success());
}

#[test]
fn a_bad_key_in_config_toml_is_one_line_before_the_app_starts() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("config")).expect("config dir");
    std::fs::write(
        home.path().join("config/config.toml"),
        "[keys]\npause = \"n\"\n",
    )
    .expect("config");
    let mut pty = Pty::spawn(home.path(), &[]);
    pty.wait_for("config.toml:2:9: \"n\" is already skip's key on the session screen");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 1);
    assert!(pty.restored());
}

/// `limber ARGS` as a command in another terminal: the same folders as the
/// app in `home`, the real clock as the app has it.
fn from_another_terminal(home: &std::path::Path, args: &[&str]) {
    let out = in_home(
        std::process::Command::new(env!("CARGO_BIN_EXE_limber")),
        home,
    )
    .env_remove("LIMBER_NOW")
    .args(args)
    .output()
    .expect("run limber");
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn today_shows_a_checkin_and_a_session_from_another_terminal_without_a_key() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn_with(home.path(), &[], &[("TZ", "UTC")]);
    pty.past_first_start();
    pty.wait_for("No check-ins yet.");
    // Today's status has been read: the app is idle now.
    pty.wait_for("0 of 3 sessions this week");
    from_another_terminal(
        home.path(),
        &["checkin", "--pain", "7", "--anxiety", "2", "--mood", "5"],
    );
    pty.wait_for("pain 7 · anxiety 2 · mood 5");
    from_another_terminal(home.path(), &["log", "walk", "--minutes", "1"]);
    pty.wait_for("✓ done today");
    pty.wait_for("1 of 3 sessions this week");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn a_session_ended_early_because_it_hurts_still_asks_how_you_are() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "long", LONG_LAST);
    let mut pty = Pty::spawn(home.path(), &["run", "long"]);
    pty.past_first_start();
    pty.wait_for("How are you before you start?");
    // Pain 4, anxiety 3, mood 6.
    pty.check_in(4, 3, 6);
    pty.wait_for("exercise 3 of 3");
    // It hurts: q, y.
    pty.send("q");
    pty.wait_for("End the session?");
    pty.send("y");
    pty.wait_for("How are you now?");
    // Pain 7, anxiety 5, mood 4.
    pty.check_in(7, 5, 4);
    // Pain rose by 3: the signs that need help now come first.
    pty.wait_for("Your pain rose from 4");
    pty.wait_for("Call 999 or go to A&E");
    pty.send("x");
    pty.wait_for("Long last — ended early.");
    pty.wait_for("▲3");
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.send("q");
    assert!(pty.wait_exit().success());

    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "aborted");
    assert_eq!(
        sql(
            &db,
            "SELECT c.context, c.pain FROM checkins c JOIN sessions s ON s.id = c.session_id ORDER BY c.context DESC"
        ),
        "before|4\nafter|7"
    );
}

/// Sends `keys` and waits for `text`. No second key is ever sent to help:
/// a key typed just after a store write must be read at once (every wake
/// comes on the loop's one channel, in order; see `tui/wake.rs`).
fn press(pty: &mut Pty, keys: &str, text: &str) {
    pty.send(keys);
    pty.wait_for(text);
}

/// A new user's first check-in, with the keys: pain, anxiety and mood.
fn first_checkin(pty: &mut Pty, keys: &str) {
    pty.wait_for("See a clinician now");
    press(pty, "\r", "limber · today");
    press(pty, "c", "How are you today?");
    pty.send(keys);
    press(pty, "\r", "Last check-in");
}

#[test]
fn a_wrong_checkin_is_corrected_from_the_diary_with_keys() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(home.path(), &[]);
    // Pain 7 was meant to be 4.
    first_checkin(&mut pty, "7\t3\t4");
    pty.wait_for("pain 7 · anxiety 3 · mood 4");
    press(&mut pty, "h", "6 Diary");
    press(&mut pty, "6", "Esc back");
    pty.wait_for("P7 A3 M4 · daily");
    press(&mut pty, "e", "Correcting the check-in of");
    pty.wait_for("Enter save  Esc cancel");
    press(&mut pty, "4", "worst imaginable  4");
    press(&mut pty, "\r", "Corrected the check-in of");
    pty.wait_for("P4 A3 M4 · daily");
    press(&mut pty, "\x1b", "pain 4 · anxiety 3 · mood 4");
    pty.wait_for("check-in was corrected — u in History › Diary undoes it");
    pty.quit();
    let db = home.path().join("data/limber.db");
    assert_eq!(
        sql(
            &db,
            "SELECT pain, anxiety, mood, deleted_at IS NULL FROM checkins"
        ),
        "4|3|4|1"
    );
    // Logged, so `limber undo` (or u) can take it back.
    assert_eq!(
        sql(&db, "SELECT action, kind FROM undo_log ORDER BY id"),
        "add|checkin\nedit|checkin"
    );
}

#[test]
fn an_entry_is_deleted_from_the_diary_after_one_key_and_u_brings_it_back() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(home.path(), &[]);
    first_checkin(&mut pty, "5\t2\t6");
    press(&mut pty, "h", "6 Diary");
    press(&mut pty, "6", "Esc back");
    pty.wait_for("P5 A2 M6 · daily");
    press(&mut pty, "d", "Delete the check-in of");
    pty.wait_for("y delete it  n keep it");
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT deleted_at IS NULL FROM checkins"), "1");
    press(&mut pty, "y", "Deleted the check-in of");
    pty.wait_for("Nothing recorded in this range");
    assert_eq!(sql(&db, "SELECT deleted_at IS NOT NULL FROM checkins"), "1");
    press(&mut pty, "u", "Brought back: check-in of");
    pty.wait_for("P5 A2 M6 · daily");
    assert_eq!(
        sql(&db, "SELECT pain, deleted_at IS NULL FROM checkins"),
        "5|1"
    );
    press(&mut pty, "\x1b", "limber · today");
    pty.wait_for("check-in came back (undone)");
    pty.quit();
}
