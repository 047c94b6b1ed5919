//! The Programme screen: a programme started and stopped in the app is the
//! one `limber programme status` sees, and the screen says it in the
//! command's words (`programme list`, `programme status`).

use crate::common;

use common::Pty;
use insta::assert_snapshot;

/// Wednesday 25 November 2026, 10:00 UTC, as `common::limber` pins it.
const NOW: [(&str, &str); 2] = [("LIMBER_NOW", "2026-11-25T10:00:00Z"), ("TZ", "UTC")];

fn ok(home: &std::path::Path, args: &[&str]) -> String {
    let (code, out, err) = common::run(home, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn a_programme_started_in_the_app_is_the_one_the_shell_sees_and_stopped_there_is_gone() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    assert!(ok(h, &["programme", "status"]).starts_with("No programme followed."));

    let mut pty = Pty::spawn_with(h, &[], &NOW);
    pty.past_first_start();
    pty.wait_for("limber · today");
    pty.send("P");
    pty.wait_for("No programme followed.");
    // The second in the list, as `programme list` has them.
    pty.send("j");
    pty.wait_for("› ride-it-out");
    pty.wait_for("If you start it today: 12 weeks from 2026-11-25");
    pty.send("\r");
    let asked = pty.wait_until("the start question", |s| {
        s.contains("Start following Ride it out")
            .then(|| s.to_string())
    });
    assert!(asked.contains("(one at a time)?"), "{asked}");
    assert!(asked.contains("on a planned schedule"), "{asked}");
    assert!(asked.contains("soreness in the first weeks"), "{asked}");
    // Asked, nothing written yet.
    assert!(ok(h, &["programme", "status"]).starts_with("No programme followed."));
    pty.send("y");
    pty.wait_for("Started Ride it out: 12 weeks from 2026-11-25, 3 a week on Mon, Wed, Fri.");
    let screen = pty.wait_until("the status", |s| {
        (s.contains("Steady pace: level 1 of") && s.contains("● ride-it-out"))
            .then(|| s.to_string())
    });

    let status = ok(h, &["programme", "status"]);
    assert!(status.starts_with("Ride it out\n"), "{status}");
    // The screen says what the command says, line for line where it fits.
    for line in status.lines().take(3) {
        assert!(screen.contains(line), "{line:?} not on\n{screen}");
    }

    // Back on Today, the programme's week is there.
    pty.send("\x1b");
    // Today's own title first: the programme screen says "Week 1 of 12" too.
    pty.wait_until("Today with the programme's week", |s| {
        (s.contains("limber · today") && s.contains("Week 1 of 12")).then_some(())
    });
    pty.send("P");
    pty.wait_for("Programmes (one at a time)");
    pty.send("s");
    pty.wait_for("Stop following Ride it out? What you did stays in your history.");
    // "No" leaves it as it is.
    pty.send("n");
    pty.wait_for("Programmes (one at a time)");
    assert!(ok(h, &["programme", "status"]).starts_with("Ride it out\n"));
    pty.send("s");
    pty.wait_for("Stop following Ride it out?");
    pty.send("y");
    pty.wait_for("Stopped Ride it out. Your sessions and check-ins stay in your history.");
    pty.wait_for("No programme followed.");
    pty.send("\x1b");
    pty.wait_for("limber · today");
    pty.quit();

    let status = ok(h, &["programme", "status"]);
    assert!(status.starts_with("No programme followed."), "{status}");
    // Its row stays, stopped: what was done stays in the history.
    let db = h.join("data/limber.db");
    assert_eq!(
        common::sql(
            &db,
            "SELECT slug, stopped_at IS NOT NULL FROM programme_enrolments"
        ),
        "ride-it-out|1"
    );
}

#[test]
fn the_screen_lists_the_programmes_in_the_words_of_programme_list() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let screen = ok(h, &["screen", "programme"]);
    let list = ok(h, &["programme", "list"]);
    // Every row of the list but its header, as the command writes it.
    for line in list.lines().skip(1) {
        assert!(screen.contains(line), "{line:?} not on\n{screen}");
    }
    assert_snapshot!("programme_none_80x24", screen);
    assert_snapshot!(
        "programme_none_44x14",
        ok(h, &["screen", "programme", "--size", "44x14"])
    );
}

#[test]
fn the_screen_shows_the_one_followed_in_the_words_of_programme_status() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    ok(h, &["programme", "start", "back-to-strength"]);
    let screen = ok(h, &["screen", "programme"]);
    let status = ok(h, &["programme", "status"]);
    for line in status.lines().take(3) {
        assert!(screen.contains(line), "{line:?} not on\n{screen}");
    }
    // Each exercise's level, as the command says it (wrapped on screen).
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in status.lines().filter(|l| l.contains(": level ")) {
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&words), "{line:?} not on\n{screen}");
    }
    assert_snapshot!("programme_followed_80x24", screen);
    assert_snapshot!(
        "programme_followed_44x14",
        ok(h, &["screen", "programme", "--size", "44x14"])
    );
}
