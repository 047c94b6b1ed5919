//! A check-in made within the last hour stands as the before-check-in of
//! the next session, instead of asking again (issue 21: three check-ins in
//! fifteen minutes on day one).

use crate::common;

#[test]
fn a_check_in_ten_minutes_old_is_the_one_before_the_session() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let (code, _, err) = common::run(
        h,
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--at",
            "2026-11-25 09:50",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let now = [("LIMBER_NOW", "2026-11-25T10:00:00Z"), ("TZ", "UTC")];
    let mut pty = common::Pty::spawn_with(h, &["run", "desk-break"], &now);
    pty.wait_for("See a clinician now");
    pty.send("\r");
    let screen = pty.wait_until("the session, not a check-in", |screen| {
        (screen.contains("Your check-in of 09:50")
            || screen.contains("How are you before you start"))
        .then(|| screen.to_string())
    });
    assert!(!screen.contains("How are you before you start"), "{screen}");
    assert!(
        screen.contains("Your check-in of 09:50 (pain 4) is the one before this session"),
        "{screen}"
    );
    // Ended at once: the check-in after is asked, the one before is not.
    pty.send("q");
    pty.wait_for("End the session?");
    pty.send("y");
    pty.wait_for("How are you now?");
    drop(pty);
    let db = h.join("data/limber.db");
    assert_eq!(
        common::sql(
            &db,
            "SELECT count(*), min(context), count(session_id) FROM checkins"
        ),
        "1|before|1"
    );
}

#[test]
fn a_check_in_two_hours_old_asks_again() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let (code, _, err) = common::run(
        h,
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--at",
            "2026-11-25 08:00",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let now = [("LIMBER_NOW", "2026-11-25T10:00:00Z"), ("TZ", "UTC")];
    let mut pty = common::Pty::spawn_with(h, &["run", "desk-break"], &now);
    pty.wait_for("See a clinician now");
    pty.send("\r");
    pty.wait_for("How are you before you start?");
}

#[test]
fn plain_mode_takes_a_recent_check_in_as_the_one_before_too() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    common::write_routine(
        h,
        "long",
        "name = \"Long\"\nget_ready = 0\n\n[[exercise]]\nname = \"Walk\"\nkind = \"aerobic\"\nduration = \"10m\"\n",
    );
    let (code, _, err) = common::run(
        h,
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--at",
            "2026-11-25 09:50",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let mut pty = common::Pty::spawn_with(
        h,
        &["run", "long"],
        &[
            ("LIMBER_PLAIN", "1"),
            ("LIMBER_PLAIN_SPEED", "10"),
            ("LIMBER_NOW", "2026-11-25T10:00:00Z"),
            ("TZ", "UTC"),
        ],
    );
    pty.wait_in_transcript("Press Enter when you have read this.", 1);
    pty.send("\r");
    pty.wait_in_transcript(
        "Your check-in of 09:50 (pain 4) is the one before this session",
        1,
    );
    pty.wait_in_transcript("Walk, 10 minutes, go.", 1);
    pty.send("\x03");
    pty.wait_exit();
    let said = String::from_utf8_lossy(&pty.transcript()).into_owned();
    assert!(!said.contains("how are you now?"), "{said}");
    assert_eq!(
        common::sql(
            &h.join("data/limber.db"),
            "SELECT context, pain, count(session_id) FROM checkins"
        ),
        "before|4|1"
    );
}
