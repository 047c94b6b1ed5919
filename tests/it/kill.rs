//! Killed mid-session, over and over: after each kill -9 the store passes
//! SQLite's integrity check, every check-in and exercise that had finished is
//! there, and the next start offers to resume.
//!
//! LIMBER_KILL_RUNS sets how many kills (default 6, to keep CI quick); the
//! README reports a run of 30.

use crate::common;

use common::{Pty, sql, write_routine};

const SIX_SHORT: &str = r#"name = "Six short"
get_ready = 1

[[exercise]]
name = "One"
kind = "stretch"
duration = 1
rest = 0

[[exercise]]
name = "Two"
kind = "stretch"
duration = 1
rest = 1

[[exercise]]
name = "Three"
kind = "strength"
reps = 3
rest = 0

[[exercise]]
name = "Four"
kind = "stretch"
duration = 1
rest = 0

[[exercise]]
name = "Five"
kind = "stretch"
duration = 2
rest = 0

[[exercise]]
name = "Six"
kind = "stretch"
duration = 30
"#;

/// Where in the session a run is killed.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// On the before-check-in form, half filled in.
    CheckInForm,
    /// Just after the before-check-in was saved.
    CheckInSaved,
    /// While exercise `n` (1-based) is on screen.
    Exercise(u32),
}

fn moment(run: u32) -> Moment {
    match run % 8 {
        0 => Moment::CheckInForm,
        1 => Moment::CheckInSaved,
        n => Moment::Exercise(n - 1),
    }
}

/// The exercise number the session screen shows ("exercise 3 of 6").
fn exercise_shown(screen: &str) -> Option<u32> {
    let at = screen.find("exercise ")? + "exercise ".len();
    let rest = &screen[at..];
    let end = rest.find(" of 6")?;
    rest[..end].parse().ok()
}

#[test]
fn killed_at_any_moment_nothing_finished_is_lost() {
    let runs: u32 = std::env::var("LIMBER_KILL_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    let mut kills = 0;
    let mut lost = 0;
    for run in 0..runs {
        let home = tempfile::tempdir().expect("temp dir");
        write_routine(home.path(), "six", SIX_SHORT);
        let db = home.path().join("data/limber.db");
        let mut pty = Pty::spawn(home.path(), &["run", "six"]);
        pty.wait_for("See a clinician now");
        pty.send("\r");
        pty.wait_for("How are you before you start?");
        let at = moment(run);
        let mut saved_checkin = false;
        // Exercises that had certainly finished when the kill came.
        let mut finished = 0;
        match at {
            Moment::CheckInForm => {
                pty.send("4\t3");
                pty.wait_for("Anxiety");
            }
            _ => {
                pty.send("4\t3\t6\r");
                // "Get ready" lasts a second; on a busy machine the first
                // exercise may be the first screen seen after the save.
                pty.wait_until("the session to begin", |s| {
                    (s.contains("Get ready") || exercise_shown(s).is_some()).then_some(())
                });
                saved_checkin = true;
            }
        }
        if let Moment::Exercise(n) = at {
            // Exercise three counts reps: it waits for Enter.
            if n >= 3 {
                pty.wait_for("press Enter when done");
                pty.send("\r");
            }
            // Killed during exercise 3 means just after it was confirmed.
            let want = if n == 3 { 4 } else { n };
            // Exercises One, Two, Four and Five last a second or two: the
            // screen seen may be a later one, and what finished follows it.
            let shown = pty.wait_until(&format!("exercise {want} of 6 or later"), |s| {
                exercise_shown(s).filter(|&k| k >= want)
            });
            finished = shown - 1;
        }
        pty.signal("KILL");
        pty.wait_exit();
        kills += 1;

        assert_eq!(
            sql(&db, "PRAGMA integrity_check"),
            "ok",
            "run {run} ({at:?})"
        );
        let checkins: u32 = sql(&db, "SELECT count(*) FROM checkins")
            .parse()
            .expect("count");
        if saved_checkin && checkins != 1 {
            lost += 1;
        }
        let exercises: u32 = sql(&db, "SELECT count(*) FROM session_exercises")
            .parse()
            .expect("count");
        if exercises < finished {
            lost += 1;
        }
        assert!(
            exercises >= finished,
            "run {run} ({at:?}): {exercises} of {finished} exercises kept"
        );
        if saved_checkin {
            assert_eq!(checkins, 1, "run {run} ({at:?}): the check-in was lost");
            assert_eq!(sql(&db, "SELECT status FROM sessions"), "in_progress");
            let next = Pty::spawn(home.path(), &[]);
            next.wait_for("A session was not finished");
            next.wait_for(&format!("{exercises} exercise"));
        }
    }
    eprintln!("{kills} kills, {lost} lost check-ins or exercises");
    assert_eq!(lost, 0);
}

/// The check-in given before the gentle offer is on disk while the offer
/// waits: a kill -9, a SIGTERM or Ctrl-C there keeps it, as the day's
/// check-in (no session had begun).
#[test]
fn killed_on_the_gentle_offer_the_check_in_given_is_kept() {
    for how in ["KILL", "TERM", "ctrl-c"] {
        let home = tempfile::tempdir().expect("temp dir");
        write_routine(home.path(), "six", SIX_SHORT);
        let db = home.path().join("data/limber.db");
        let mut pty = Pty::spawn(home.path(), &["run", "six"]);
        pty.wait_for("See a clinician now");
        pty.send("\r");
        pty.wait_for("How are you before you start?");
        // Pain 8: at or above `gentle_from` (7), so the offer comes.
        pty.send("8\t3\t6\r");
        // Pain 8 shows the signs that need help now first; a key closes them.
        pty.wait_for("Call 999 or go to A&E");
        pty.send("x");
        pty.wait_for("There is a gentler way to move today");
        match how {
            "ctrl-c" => pty.send("\x03"),
            signal => pty.signal(signal),
        }
        pty.wait_exit();
        assert_eq!(sql(&db, "PRAGMA integrity_check"), "ok", "{how}");
        assert_eq!(
            sql(
                &db,
                "SELECT context, pain, anxiety, mood, session_id FROM checkins"
            ),
            "daily|8|3|6|NULL",
            "{how}: the check-in given before the offer was lost"
        );
        assert_eq!(sql(&db, "SELECT count(*) FROM sessions"), "0", "{how}");
    }
}
