//! History's Progress tab on a known history written with the real binary:
//! a programme followed for five weeks with a held week, fitness tests
//! (the first try practice) and WHO-5 answers — drawn at 80×24 and 44×14,
//! with the oldest results giving way to "…" and the way out always shown.

use crate::common;

use std::path::Path;
use std::time::Instant;

use assert_cmd::Command;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Monday 30 November 2026, 10:00 UTC: week 5 of a programme begun on
/// Monday 2 November.
const NOW: &str = "2026-11-30T10:00:00Z";

fn limber(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("limber").expect("binary");
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", NOW)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env_remove("LIMBER_LOG");
    cmd
}

fn ok(home: &Path, args: &[&str]) -> String {
    let out = limber(home).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

/// Ride it out from 2 November: rides of 40 minutes on six days, one of
/// them followed by pain 7, which holds the steady pace that time; the
/// chair stand three times and the WHO-5 twice.
fn known_history() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    ok(
        h,
        &["programme", "start", "ride-it-out", "--from", "2026-11-02"],
    );
    for day in [
        "2026-11-02",
        "2026-11-04",
        "2026-11-11",
        "2026-11-18",
        "2026-11-20",
        "2026-11-25",
    ] {
        ok(
            h,
            &[
                "log",
                "cycle-or-walk",
                "--minutes",
                "40",
                "--at",
                &format!("{day} 07:00"),
            ],
        );
    }
    ok(
        h,
        &[
            "checkin",
            "--pain",
            "7",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--context",
            "after",
            "--at",
            "2026-11-11 08:00",
        ],
    );
    for (value, at) in [
        ("9", "2026-11-02"),
        ("10", "2026-11-02"),
        ("12", "2026-11-30"),
    ] {
        ok(h, &["fitness", "record", "chair-stand", value, "--at", at]);
    }
    ok(
        h,
        &[
            "fitness",
            "record",
            "side-bridge-left",
            "35",
            "--at",
            "2026-11-02",
        ],
    );
    ok(
        h,
        &["wellbeing", "--answers", "3,3,2,2,2", "--at", "2026-11-02"],
    );
    ok(
        h,
        &["wellbeing", "--answers", "3,3,3,3,3", "--at", "2026-11-30"],
    );
    home
}

fn screen(home: &Path, size: &str) -> String {
    ok(home, &["screen", "progress", "--size", size])
}

#[test]
fn the_progress_tab_at_80x24() {
    let home = known_history();
    let text = screen(home.path(), "80x24");
    // Up twice in week 1, held in week 2 by the pain after the ride, up
    // twice in week 3 and once in week 4.
    assert!(
        text.contains("Levels in Ride it out, week 5 of 12"),
        "{text}"
    );
    assert!(
        text.contains("30-second chair stand, stands: 9 (practice) → 10 → 12 · n 3"),
        "{text}"
    );
    assert!(text.contains("Scores: 48 → 60 · n 2"), "{text}");
    assert!(text.contains("Esc back"), "{text}");
    assert_snapshot!("progress_80x24", text);
}

#[test]
fn the_progress_tab_at_44x14_cuts_with_an_ellipsis_and_keeps_the_way_out() {
    let home = known_history();
    let text = screen(home.path(), "44x14");
    for line in text.lines() {
        assert!(line.chars().count() <= 44, "{line}");
    }
    assert!(text.contains('…'), "{text}");
    assert!(text.contains("Esc back"), "{text}");
    assert_snapshot!("progress_44x14", text);
}

/// ↓ on the Progress tab scrolls to what 44×14 cannot show at once: the
/// WHO-5 scores.
#[test]
fn scrolling_shows_the_rest_on_a_small_terminal() {
    use limber::clock::Clock;
    use limber::config::{Config, Paths};
    use limber::env::Env;
    use limber::insights::Range;
    use limber::keymap::Action;
    use limber::tui::screens::history::{History, Tab};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let home = known_history();
    let env = Env {
        paths: Paths {
            data_dir: home.path().join("data"),
            config_dir: home.path().join("config"),
            data_dir_given: true,
        },
        config: Config::default(),
        clock: Clock::fixed(
            time::macros::datetime!(2026-11-30 10:00 UTC),
            jiff::tz::TimeZone::UTC,
        ),
    };
    let store = limber::store::Store::open_in(&env.paths.data_dir).expect("store");
    let mut history = History::new(Range::ThreeMonths);
    history.tab = Tab::Progress;
    history.loaded(limber::tui::load_history(&store, &env, Range::ThreeMonths).expect("history"));
    let draw = |history: &History| {
        let mut terminal = Terminal::new(TestBackend::new(44, 14)).expect("terminal");
        let map = limber::keymap::Keymap::default();
        let theme = limber::tui::theme::Theme::default();
        terminal
            .draw(|frame| {
                let mut hits = limber::tui::hits::Hits::default();
                let unsaved = limber::tui::outbox::Unsaved::default();
                let cx = limber::tui::screens::Context {
                    map: &map,
                    theme: &theme,
                    now: Instant::now(),
                    clock: &env.clock,
                    config: &env.config,
                    feared: &[],
                    unsaved: &unsaved,
                    next_time: &[],
                    flare_today: false,
                };
                history.draw(frame, frame.area(), &cx, &mut hits);
            })
            .expect("draw");
        let buffer = terminal.backend().buffer().clone();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(!draw(&history).contains("Scores: 48 → 60"));
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    for _ in 0..8 {
        history.handle_key(down, Some(Action::Down), Instant::now());
    }
    let scrolled = draw(&history);
    assert!(scrolled.contains("Scores: 48 → 60 · n 2"), "{scrolled}");
    assert!(scrolled.contains("Esc back"), "{scrolled}");
    // Far past the end, the last line stays in sight.
    for _ in 0..50 {
        history.handle_key(down, Some(Action::Down), Instant::now());
    }
    assert!(draw(&history).contains("Scores:"));
}

/// Today in week 6 of Back to strength, begun on 26 October.
fn in_week_six() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    ok(
        home.path(),
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-10-26",
        ],
    );
    home
}

#[test]
fn today_says_the_fitness_check_is_due_in_week_six() {
    let home = in_week_six();
    let wide = ok(home.path(), &["screen", "today", "--size", "80x24"]);
    assert!(wide.contains("Week 6 of 12 · 0 of 3 this week"), "{wide}");
    assert!(
        wide.contains("Fitness check due this week (week 6 of 12) — t to do it"),
        "{wide}"
    );
    assert_snapshot!("today_fitness_due_80x24", wide);
    let narrow = ok(home.path(), &["screen", "today", "--size", "44x14"]);
    assert!(
        narrow.contains("Fitness check due (week 6) — t to do it"),
        "{narrow}"
    );
    for line in narrow.lines() {
        assert!(line.chars().count() <= 44, "{line}");
    }
    assert_snapshot!("today_fitness_due_44x14", narrow);
}

/// The line goes with the first test done this programme week: a check
/// cut short for pain is a check done, and nothing presses for the rest.
#[test]
fn the_due_line_goes_once_a_test_is_done_this_programme_week() {
    let home = in_week_six();
    let h = home.path();
    let tests = [
        "chair-stand",
        "step-test",
        "side-bridge-left",
        "side-bridge-right",
    ];
    // Done last week: still due this week.
    for test in tests {
        ok(h, &["fitness", "record", test, "20", "--at", "2026-11-29"]);
    }
    let today = ok(h, &["screen", "today"]);
    assert!(today.contains("Fitness check due"), "{today}");
    // One of four this week (the side bridges left for a sore day).
    ok(
        h,
        &["fitness", "record", tests[0], "21", "--at", "2026-11-30"],
    );
    let today = ok(h, &["screen", "today"]);
    assert!(!today.contains("Fitness check due"), "{today}");
    assert!(today.contains("Week 6 of 12"), "{today}");
}

#[test]
fn the_due_line_goes_when_the_check_is_done_in_the_app() {
    // Finding: Today kept "Fitness check due this week" after the check
    // was done, until a restart.
    let home = in_week_six();
    let now = [("LIMBER_NOW", NOW), ("TZ", "UTC")];
    let mut pty = common::Pty::spawn_with(home.path(), &[], &now);
    pty.wait_for("See a clinician now");
    pty.send("\r");
    pty.wait_for("Fitness check due");
    // The chair stand: its protocol, its countdown stopped at once, 12.
    pty.send("t");
    pty.wait_for("30-second chair stand");
    for key in ["\r", "\r", "\r", "1", "2", "\r"] {
        pty.send(key);
    }
    pty.wait_until("the result kept", |screen| {
        screen.contains("Saved").then_some(())
    });
    pty.send("\x1b");
    pty.wait_until("Today without the due line", |screen| {
        (screen.contains("limber · today") && !screen.contains("Fitness check due")).then_some(())
    });
    pty.quit();
}

#[test]
fn no_due_line_in_a_week_without_a_check() {
    let home = tempfile::tempdir().expect("temp dir");
    ok(
        home.path(),
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-11-23",
        ],
    );
    let today = ok(home.path(), &["screen", "today"]);
    assert!(today.contains("Week 2 of 12"), "{today}");
    assert!(!today.contains("Fitness check due"), "{today}");
}

#[test]
fn the_fitness_check_says_when_the_who5_was_answered_in_the_last_14_days() {
    let home = in_week_six();
    let before = ok(home.path(), &["screen", "fitness"]);
    assert!(
        before.contains("w the WHO-5 too (the last two weeks)"),
        "{before}"
    );
    // Answered 15 days ago (today is 30 November): its two weeks are
    // past, so it is offered again.
    ok(
        home.path(),
        &["wellbeing", "--answers", "3,3,3,3,3", "--at", "2026-11-15"],
    );
    assert!(ok(home.path(), &["screen", "fitness"]).contains("w the WHO-5 too"));
    // Answered 13 days ago: still within its recall.
    ok(
        home.path(),
        &["wellbeing", "--answers", "3,3,3,3,3", "--at", "2026-11-17"],
    );
    let after = ok(home.path(), &["screen", "fitness"]);
    assert!(
        after.contains("w the WHO-5 again (answered in the last 14 days"),
        "{after}"
    );
}

const TINY: &str = r#"name = "Tiny"
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
"#;

const TINY_PLAN: &str = r#"name = "Tiny plan"
description = "Two-second steps"
weeks = 2
sessions_per_week = 2

[[phase]]
weeks = "1-2"
routines = ["tiny"]

[[phase.exercise]]
name = "Reach up"
progress = { duration = "+1s", max = "5s" }
"#;

/// Answers a check-in form: pain, anxiety 2, mood 7.
fn answer(pty: &mut common::Pty, pain: &str) {
    for key in [pain, "\t", "2", "\t", "7", "\r"] {
        pty.send(key);
    }
}

/// After a session the summary says what happens next time and why, in
/// the words of `programme status`: a step up that tomorrow's pain can
/// still hold, then a hold after a second session with pain 7 after it.
#[test]
fn the_summary_says_what_happens_next_time_and_why() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    common::write_routine(h, "tiny", TINY);
    let dir = h.join("config/programmes");
    std::fs::create_dir_all(&dir).expect("programmes dir");
    std::fs::write(dir.join("tiny-plan.toml"), TINY_PLAN).expect("write");
    let started = common::in_home(common::limber(h), h)
        .args(["programme", "start", "tiny-plan", "--from", "2026-11-23"])
        .env("LIMBER_NOW", "2026-11-23T09:00:00Z")
        .status()
        .expect("start");
    assert!(started.success());
    let now = [("LIMBER_NOW", "2026-11-23T10:00:00Z"), ("TZ", "UTC")];
    let mut pty = common::Pty::spawn_with(h, &["run", "tiny"], &now);
    // The safety notice, once.
    pty.wait_for("See a clinician now");
    pty.send("\r");
    pty.wait_for("How are you before you start?");
    answer(&mut pty, "3");
    pty.wait_for("How are you now?");
    answer(&mut pty, "2");
    pty.wait_for("Tiny — done.");
    pty.wait_for("Next time");
    pty.wait_for("Reach up: level 1 → 2 next time (done in full, as planned; pain was 2 after");
    pty.wait_for("unless pain tomorrow is more than 2 above the 3");
    // Hip circles has no ladder: nothing is said of it.
    assert!(!pty.screen().contains("Hip circles:"), "{}", pty.screen());
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.quit();

    let mut pty = common::Pty::spawn_with(h, &["run", "tiny"], &now);
    pty.wait_for("How are you before you start?");
    answer(&mut pty, "3");
    pty.wait_for("How are you now?");
    answer(&mut pty, "7");
    // Pain rose by 4: the signs that need help now come over the summary
    // first, and any other key closes them.
    pty.wait_for("Your pain rose from 3 before the session to 7 after it.");
    pty.send("x");
    pty.wait_for("Tiny — done.");
    pty.wait_for("Reach up: held at 2: pain was 7 after the session");
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.quit();
    let status = ok(h, &["programme", "status"]);
    assert!(
        status.contains("held at 2: pain was 7 after the session"),
        "{status}"
    );
}

/// `routines show` prints a routine of the programme followed at today's
/// doses, and says so; another routine, or none followed, as written.
#[test]
fn routines_show_gives_the_programmes_doses_and_says_so() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let plain = ok(h, &["routines", "show", "core-basics"]);
    assert!(!plain.contains("At today's doses"), "{plain}");
    assert!(!h.join("data").exists(), "showing a routine makes no store");
    ok(
        h,
        &[
            "programme",
            "start",
            "back-to-strength",
            "--from",
            "2026-11-23",
        ],
    );
    ok(
        h,
        &[
            "log",
            "core-basics",
            "--minutes",
            "14",
            "--at",
            "2026-11-25 18:00",
        ],
    );
    let shown = ok(h, &["routines", "show", "core-basics"]);
    assert!(
        shown.starts_with(
            "At today's doses in Back to strength, week 2 of 12 (limber programme status says why).\nCore basics (core-basics)"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("2. Bridge — strength · 2 sets × 10 reps"),
        "{shown}"
    );
    assert!(shown.contains("   Level 1 of 3."), "{shown}");
    // Not in this phase: as written, without the line.
    let other = ok(h, &["routines", "show", "desk-break"]);
    assert!(!other.contains("At today's doses"), "{other}");
}
