//! The signs that need help now in the app, in a pseudo-terminal: on `!`
//! from any screen, and by themselves on their triggers — pain rising by 2
//! or more around a session (over the summary), pain 8 or more before one,
//! both legs marked with numbness, and a note naming an emergency sign.

use crate::common;

use common::{Pty, write_routine};

const SHORT: &str = r#"name = "Two short"
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
"#;

const EMERGENCY: &str = "Call 999 or go to A&E";
const URGENT: &str = "call NHS 111";

/// Past the first-start notice, to Today.
fn today(pty: &mut Pty) {
    pty.past_first_start();
    pty.wait_for("limber · today");
}

#[test]
fn the_key_opens_the_list_on_today_and_in_a_session() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(home.path(), &[]);
    today(&mut pty);
    pty.send("!");
    pty.wait_for(EMERGENCY);
    pty.wait_for(URGENT);
    pty.wait_for("any key closes this");
    pty.send("x");
    pty.wait_for("limber · today");
    // On the check-in too (before a note is being typed).
    pty.send("c");
    pty.wait_for("How are you today?");
    pty.send("!");
    pty.wait_for(EMERGENCY);
    pty.send("x");
    pty.wait_for("How are you today?");
    pty.send("\x1b");
    pty.wait_for("limber · today");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn pain_rising_by_two_shows_the_list_over_the_summary() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "short", SHORT);
    let mut pty = Pty::spawn(home.path(), &["run", "short"]);
    pty.past_first_start();
    pty.wait_for("How are you before you start?");
    pty.check_in(3, 3, 6);
    pty.wait_for("How are you now?");
    pty.check_in(5, 3, 6);
    pty.wait_for("Your pain rose from 3 before the session to 5");
    pty.wait_for(EMERGENCY);
    pty.wait_for(URGENT);
    pty.send("x");
    pty.wait_for("▲2");
    pty.send("\r");
    pty.wait_for("limber · today");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn pain_of_eight_before_a_session_shows_the_list() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "short", SHORT);
    let mut pty = Pty::spawn(home.path(), &["run", "short"]);
    pty.past_first_start();
    pty.wait_for("How are you before you start?");
    pty.check_in(8, 3, 6);
    pty.wait_for("Your pain is 8 of 10");
    pty.wait_for(EMERGENCY);
    pty.wait_for(URGENT);
    // Closed, the gentle version is offered (pain at or above 7).
    pty.send("x");
    pty.wait_for("gentle");
    pty.send("\x03");
    assert!(pty.wait_exit().success());
}

#[test]
fn both_legs_marked_with_numbness_shows_the_emergency_tier() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(home.path(), &[]);
    today(&mut pty);
    pty.send("c");
    pty.wait_for("How are you today?");
    // Pain, anxiety, mood; past fear and the tags to where it hurts; the
    // left and the right leg below the knee (8, 9); a note.
    for key in ["4", "\t", "3", "\t", "6", "\t", "\t", "\t", "8", "9"] {
        pty.send(key);
    }
    pty.send("n");
    pty.send("pins and needles");
    pty.wait_for("pins and needles");
    pty.send("\r");
    pty.send("\r");
    pty.wait_for("You marked both legs");
    pty.wait_for(EMERGENCY);
    pty.send("x");
    pty.wait_for("limber · today");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn a_note_naming_an_emergency_sign_shows_the_emergency_tier() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(home.path(), &[]);
    today(&mut pty);
    pty.send("c");
    pty.wait_for("How are you today?");
    for key in ["3", "\t", "2", "\t", "6"] {
        pty.send(key);
    }
    pty.send("n");
    pty.send("numb around my bottom and groin, wet myself");
    pty.wait_for("wet myself");
    pty.send("\r");
    pty.send("\r");
    pty.wait_for("Your note mentions");
    pty.wait_for(EMERGENCY);
    pty.send("x");
    pty.wait_for("limber · today");
    pty.send("q");
    assert!(pty.wait_exit().success());
}
