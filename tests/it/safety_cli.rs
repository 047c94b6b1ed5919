//! The signs that need help now from the shell: `limber safety` in its two
//! tiers, and `limber checkin` printing them when a check-in calls for it.

use crate::common;

use std::path::Path;

use common::run;

fn ok(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn checkin(home: &Path, pain: &str, with: &[&str]) -> String {
    let mut args = vec!["checkin", "--pain", pain, "--anxiety", "3", "--mood", "6"];
    args.extend_from_slice(with);
    ok(home, &args)
}

const EMERGENCY: &str = "Call 999 or go to A&E now if you have back pain and:";
const URGENT: &str = "Ask for an urgent GP appointment or call NHS 111 if you have back pain and:";

#[test]
fn limber_safety_prints_both_tiers() {
    let home = tempfile::tempdir().expect("home");
    let out = ok(home.path(), &["safety"]);
    assert!(out.contains(EMERGENCY), "{out}");
    assert!(out.contains(URGENT), "{out}");
    assert!(out.find(EMERGENCY) < out.find(URGENT), "{out}");
    for sign in ["both legs", "chest pain", "you have had cancer", "steroids"] {
        assert!(out.contains(sign), "{sign}: {out}");
    }
    assert!(out.contains("never diagnoses"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &["safety", "--format", "json"])).expect("JSON");
    assert_eq!(json["tiers"][0]["tier"], "emergency");
    assert_eq!(json["tiers"][1]["tier"], "urgent");
    assert_eq!(json["tiers"][0]["heading"], EMERGENCY);
    assert_eq!(json["tiers"][0]["signs"].as_array().map(Vec::len), Some(7));
    assert_eq!(json["tiers"][1]["signs"].as_array().map(Vec::len), Some(6));
    // It needs no store.
    assert!(!home.path().join("data/limber.db").exists());
}

#[test]
fn a_note_naming_the_groin_and_wetting_prints_the_emergency_tier() {
    let home = tempfile::tempdir().expect("home");
    let out = checkin(
        home.path(),
        "3",
        &[
            "--where",
            "lower-back",
            "--note",
            "numb around my bottom and groin, wet myself",
        ],
    );
    assert!(out.starts_with("Check-in saved"), "{out}");
    assert!(
        out.contains(
            "Your note mentions wetting yourself, the groin and numbness around the buttocks"
        ),
        "{out}"
    );
    assert!(out.contains(EMERGENCY), "{out}");
    assert!(
        out.contains("  ! loss of bladder or bowel control"),
        "{out}"
    );
    assert!(!out.contains(URGENT), "{out}");
}

#[test]
fn both_legs_with_numbness_prints_the_emergency_tier() {
    let home = tempfile::tempdir().expect("home");
    let out = checkin(
        home.path(),
        "4",
        &[
            "--where",
            "thigh-left",
            "--where",
            "foot-right",
            "--tag",
            "numbness",
        ],
    );
    assert!(out.contains("You marked both legs"), "{out}");
    assert_eq!(out.matches(EMERGENCY).count(), 1, "{out}");
    // Both legs without numbness or tingling: nothing.
    let out = checkin(
        home.path(),
        "4",
        &["--where", "thigh-left", "--where", "foot-right"],
    );
    assert!(!out.contains("Call 999"), "{out}");
}

#[test]
fn pain_of_eight_or_more_prints_both_tiers_and_less_nothing() {
    let home = tempfile::tempdir().expect("home");
    let out = checkin(home.path(), "9", &[]);
    assert!(out.contains("Your pain is 9 of 10."), "{out}");
    assert!(out.contains(EMERGENCY) && out.contains(URGENT), "{out}");
    let out = checkin(home.path(), "7", &["--note", "stiff after the drive"]);
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn the_issues_own_command_without_scales_still_prints_the_emergency_tier() {
    // `limber checkin --where lower-back --note "…"`, as a person might
    // type it: nothing can be saved without the three scales, but the
    // signs the note names are answered first.
    let home = tempfile::tempdir().expect("home");
    let (code, out, err) = run(
        home.path(),
        &[
            "checkin",
            "--where",
            "lower-back",
            "--note",
            "numb around my bottom and groin, wet myself",
        ],
    );
    assert_eq!(code, 2, "a usage mistake: {err}");
    assert!(out.contains(EMERGENCY), "{out}");
    assert!(
        out.contains(
            "Your note mentions wetting yourself, the groin and numbness around the buttocks"
        ),
        "{out}"
    );
    assert!(
        err.contains("the check-in was not saved: it needs --pain, --anxiety, --mood"),
        "{err}"
    );
    assert!(
        !home.path().join("data/limber.db").exists(),
        "nothing saved"
    );
    // Both legs numb, one scale missing: the same.
    let (code, out, err) = run(
        home.path(),
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--where",
            "thigh-left",
            "--where",
            "foot-right",
            "--tag",
            "numbness",
        ],
    );
    assert_eq!(code, 2);
    assert!(out.contains("You marked both legs"), "{out}");
    assert!(err.contains("it needs --mood"), "{err}");
    // Nothing named: only the error.
    let (code, out, _) = run(home.path(), &["checkin", "--pain", "4"]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
}
