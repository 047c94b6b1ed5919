//! `limber --plain`: a whole guided session as lines in a pseudo-terminal,
//! read as the raw bytes a screen reader would hear, and the store read
//! with SQL; Ctrl-C in the middle of a session; and "Your numbers" against
//! `report --format json`.

use crate::common::{self, Pty, sql, write_routine};

/// 30 seconds of Bridge (3 s at LIMBER_PLAIN_SPEED=10, with its "10
/// seconds left"), a rest, and Bird-dog counted in reps.
const SHORT: &str = r#"name = "Short"
get_ready = 1

[[exercise]]
name = "Bridge"
kind = "strength"
duration = 30
rest = 2
instructions = "Lie on your back and lift your hips."

[[exercise]]
name = "Bird-dog"
kind = "strength"
reps = 3
instructions = "Reach one arm and the opposite leg."
"#;

const LONG: &str = r#"name = "Long"
get_ready = 0

[[exercise]]
name = "Walk"
kind = "aerobic"
duration = "10m"
"#;

fn config(home: &std::path::Path, text: &str) {
    std::fs::create_dir_all(home.join("config")).expect("config dir");
    std::fs::write(home.join("config/config.toml"), text).expect("config.toml");
}

/// Answers a check-in's questions in order: pain, anxiety, mood, fear, note.
fn checkin(pty: &mut Pty, seen: usize, [pain, anxiety, mood]: [u8; 3]) {
    for (question, answer) in [
        ("Pain, 0 no pain", pain.to_string()),
        ("Anxiety, 0 calm", anxiety.to_string()),
        ("Mood, 0 very low", mood.to_string()),
        ("Fear of movement, 0 none", String::new()),
        ("A note, or just Enter", String::new()),
    ] {
        pty.wait_in_transcript(question, seen + 1);
        pty.send(&format!("{answer}\r"));
    }
}

fn text(pty: &Pty) -> String {
    String::from_utf8_lossy(&pty.transcript()).into_owned()
}

/// The lines of a transcript, without the terminal's line ends and blank lines.
fn lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// No alternate screen, no cursor moves or erasing, no colour: no escape
/// sequence at all; and no box drawing.
fn assert_plain(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    assert!(
        !text.contains("\x1b[?1049h"),
        "the alternate screen was used"
    );
    if let Some(i) = text.find('\x1b') {
        let seq: String = text[i..].chars().take(12).collect();
        panic!("an escape sequence was written: {seq:?}");
    }
    if let Some(c) = text.chars().find(|c| ('\u{2500}'..='\u{257f}').contains(c)) {
        panic!("a box-drawing character was written: {c:?}");
    }
}

#[test]
fn a_whole_guided_session_in_plain_lines_is_spoken_at_its_marks_and_saved_as_the_app_saves_it() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "short", SHORT);
    config(home.path(), "bell = true\n");
    let mut pty = Pty::spawn_with(
        home.path(),
        &["--plain", "run", "short"],
        &[("LIMBER_PLAIN_SPEED", "10")],
    );
    pty.wait_in_transcript("Press Enter when you have read this.", 1);
    pty.send("\r");
    checkin(&mut pty, 0, [6, 3, 5]);
    pty.wait_in_transcript("Pain: 6 of 10.", 1);
    pty.wait_in_transcript("Bird-dog, 3 reps. Enter when done.", 1);
    pty.send("\r");
    pty.wait_in_transcript("Routine done.", 1);
    checkin(&mut pty, 1, [4, 2, 6]);
    pty.wait_in_transcript("1 of 2, Bridge:", 1);
    pty.send("4\r");
    pty.wait_in_transcript("2 of 2, Bird-dog:", 1);
    pty.send("\r");
    pty.wait_in_transcript("or q to quit:", 1);
    pty.send("q\r");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");

    let raw = pty.transcript();
    // The bell rings, as config.toml asks, and is the only control byte
    // beside the line ends.
    assert!(raw.contains(&0x07), "the bell did not ring");
    assert_plain(&raw);
    let text = text(&pty);
    let lines = lines(&text);
    // Every answer read back.
    for said in [
        "Pain: 6 of 10.",
        "Anxiety: 3 of 10.",
        "Mood: 5 of 10.",
        "Fear of movement: left out.",
        "Pain: 4 of 10.",
        "Bridge: 4 of 5, saved.",
        "Bird-dog: not rated.",
        "Pain: 6 before, 4 after, down 2.",
    ] {
        assert!(lines.contains(&said), "{said:?} was not said:\n{text}");
    }
    // The timer speaks at its marks and nowhere else: each step as it
    // starts, "10 seconds left" once, never a line a second.
    let start = lines
        .iter()
        .position(|l| l.starts_with("The session starts"))
        .expect("the session started");
    let end = lines
        .iter()
        .position(|l| l.starts_with("Routine done."))
        .expect("the routine ended");
    let timer: Vec<&str> = lines[start + 1..end]
        .iter()
        .map(|l| l.trim_start_matches('\x07'))
        .collect();
    assert_eq!(
        timer,
        [
            "Get ready, 1 second. First: Bridge.",
            "Exercise 1 of 2: Lie on your back and lift your hips.",
            "Bridge, 30 seconds, go.",
            "10 seconds left.",
            "Rest 2 seconds. Next: Bird-dog.",
            "Exercise 2 of 2: Reach one arm and the opposite leg.",
            "Bird-dog, 3 reps. Enter when done.",
        ],
        "{text}"
    );
    // Every choice numbered: the menu's nine, one after the other, and
    // the prompt names their range.
    let menu = lines
        .iter()
        .position(|l| *l == "Menu.")
        .expect("the menu was read");
    for k in 1..=9 {
        assert!(
            lines[menu + k].starts_with(&format!("{k}. ")),
            "menu line {k} is not numbered: {:?}",
            lines[menu + k]
        );
    }
    assert!(lines[menu + 10].starts_with("Type 1 to 9 and Enter"));

    // Saved as the app saves a session: the session, its exercises as they
    // ended, its check-ins before and after, the rating given.
    let db = home.path().join("data/limber.db");
    assert_eq!(
        sql(&db, "SELECT status, kind, activity FROM sessions"),
        "completed|guided|Short"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT position, name, status, sets_done, comfort FROM session_exercises ORDER BY position"
        ),
        "0|Bridge|done|1|4\n1|Bird-dog|done|1|NULL"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT context, pain, anxiety, mood, fear, session_id IS NOT NULL FROM checkins ORDER BY context DESC"
        ),
        "before|6|3|5|NULL|1\nafter|4|2|6|NULL|1"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT count(*) FROM app_state WHERE key = 'safety_notice_read'"
        ),
        "1"
    );
}

#[test]
fn ctrl_c_in_a_plain_session_ends_it_early_with_what_was_done_saved() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "long", LONG);
    config(home.path(), "bell = false\n");
    let mut pty = Pty::spawn_with(
        home.path(),
        &["run", "long"],
        &[("LIMBER_PLAIN", "1"), ("LIMBER_PLAIN_SPEED", "10")],
    );
    pty.wait_in_transcript("Press Enter when you have read this.", 1);
    pty.send("\r");
    checkin(&mut pty, 0, [5, 4, 5]);
    pty.wait_in_transcript("Walk, 10 minutes, go.", 1);
    // Minute marks come as the walk goes on (one a minute, 6 s here).
    pty.wait_in_transcript("9 minutes left.", 1);
    pty.send("\x03");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 130, "{status:?}");
    let raw = pty.transcript();
    assert!(!raw.contains(&0x07), "the bell rang with bell = false");
    assert_plain(&raw);
    assert!(text(&pty).contains("The session is ended early; what you did is saved."));
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "aborted");
    // A minute of a ten-minute walk is under a fifth of it: skipped, by
    // the timer's rule, with the minute kept.
    assert_eq!(
        sql(
            &db,
            "SELECT name, status, actual_seconds >= 60 FROM session_exercises"
        ),
        "Walk|skipped|1"
    );
    assert_eq!(sql(&db, "SELECT context, pain FROM checkins"), "before|5");
}

/// The first number after `word` in `line`.
fn number_after(line: &str, word: &str) -> f64 {
    let rest = &line[line.find(word).expect(word) + word.len()..];
    let n: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    n.parse()
        .unwrap_or_else(|_| panic!("no number after {word:?} in {line:?}"))
}

#[test]
fn your_numbers_in_plain_lines_hold_the_figures_of_report_json() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = common::run(home.path(), &["sample-data"]);
    assert_eq!(code, 0, "{err}");
    let (code, json, err) = common::run(home.path(), &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&json).expect("report json");
    // No terminal here: limber speaks in plain lines by itself.
    let out = common::limber(home.path())
        .env("LIMBER_PLAIN", "1")
        .write_stdin_lines("\n5\nq\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_plain(&out.stdout);
    for (title, key) in [("Pain", "pain"), ("Anxiety", "anxiety"), ("Mood", "mood")] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{title}: mean ")))
            .unwrap_or_else(|| panic!("no {title} line:\n{text}"));
        let figures = &report[key];
        let baseline = figures["baseline"].as_f64().expect("baseline");
        let current = figures["current"].as_f64().expect("current");
        assert!(
            (number_after(line, "mean") - baseline).abs() <= 0.05,
            "{line} / {figures}"
        );
        let last = &line[line.find(" in the first ").expect("first")..];
        assert!(
            (number_after(last, ",") - current).abs() <= 0.05,
            "{line} / {figures}"
        );
        assert!(
            line.contains(&format!(
                "from {} days and {} days with check-ins",
                figures["n_baseline"], figures["n_current"]
            )),
            "{line} / {figures}"
        );
    }
    let sessions = &report["sessions"];
    assert!(
        text.contains(&format!(
            "Sessions: {} in {} days",
            sessions["count"], report["window"]["days"]
        )),
        "{text}"
    );
}

/// Runs a command with `input` on its standard input.
trait WithStdin {
    fn write_stdin_lines(&mut self, input: &str) -> std::process::Output;
}

impl WithStdin for std::process::Command {
    fn write_stdin_lines(&mut self, input: &str) -> std::process::Output {
        use std::io::Write;
        let mut child = self
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start limber");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("limber's output")
    }
}

#[test]
fn the_study_questionnaires_are_asked_in_plain_lines_and_saved() {
    let home = tempfile::tempdir().expect("temp dir");
    // The menu's 7: the questionnaires; 2: the MHI-5; its five answers.
    let out = common::limber(home.path())
        .env("LIMBER_PLAIN", "1")
        .write_stdin_lines("\n7\n2\n4\n6\n3\n5\n2\nq\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_plain(&out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    for words in [
        "How much of the time during the past 4 weeks...",
        "Question 2 of 5: Have you felt so down in the dumps that nothing could cheer you up?",
        "None of the time: 6.",
        "Emotional well-being (RAND-36, the MHI-5) saved: 76 out of 100; higher is better.",
        "RAND's surveys are public documents, available without charge.",
    ] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    assert_eq!(
        sql(
            &home.path().join("data/limber.db"),
            "SELECT scale, answers FROM rand36_results"
        ),
        "emotional-well-being|4,6,3,5,2"
    );
}
