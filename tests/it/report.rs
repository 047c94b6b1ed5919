//! `limber report` for a new user: their own first check-ins against their
//! latest, from the binary's JSON.

use crate::common;

use common::run;

#[test]
fn a_three_week_old_store_compares_its_first_days_with_its_last() {
    let home = tempfile::tempdir().expect("temp dir");
    // One check-in a day from 5 to 25 November: pain 6 for the first ten
    // days, 8 on the middle day, 4 for the last ten.
    for day in 5..=25 {
        let pain = match day {
            5..=14 => "6",
            15 => "8",
            _ => "4",
        };
        let at = format!("2026-11-{day:02}");
        let (code, _, err) = run(
            home.path(),
            &[
                "checkin",
                "--pain",
                pain,
                "--anxiety",
                "3",
                "--mood",
                "5",
                "--at",
                &at,
            ],
        );
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run(home.path(), &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        json["window"],
        serde_json::json!({
            "from": "2026-09-03", "to": "2026-11-25", "days": 84,
            "compared": {
                "baseline_from": "2026-11-05", "baseline_to": "2026-11-14",
                "current_from": "2026-11-16", "current_to": "2026-11-25",
                "days": 10, "from_first_checkin": true
            }
        })
    );
    assert_eq!(
        json["pain"],
        serde_json::json!({"baseline": 6.0, "current": 4.0, "change_pct": -33, "change_points": -2.0, "n_baseline": 10, "n_current": 10})
    );
    let (code, out, _) = run(home.path(), &["report"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Pain: 6.0 → 4.0 (−2.0 points, −33 %), from 10 days and 10 days with check-ins; at least its minimal important change"),
        "{out}"
    );
    assert!(!out.contains("Pain: not enough"), "{out}");
}

/// A check-in, a logged walk and a flare-up, each with a note, inside the
/// window, and an older check-in with one outside it.
fn notes_diary(home: &std::path::Path) {
    for args in [
        &[
            "checkin",
            "--pain",
            "5",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--at",
            "2026-10-01 09:00",
            "--note",
            "long ago",
        ][..],
        &[
            "checkin",
            "--pain",
            "6",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--at",
            "2026-11-20 08:30",
            "--note",
            "stiff *back*\nafter the drive",
        ],
        &[
            "log",
            "walk",
            "--minutes",
            "30",
            "--at",
            "2026-11-21 17:00",
            "--note",
            "by the <river>",
        ],
        &["flare", "--at", "2026-11-22", "--note", "rest"],
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "2",
            "--mood",
            "6",
            "--at",
            "2026-11-23 08:00",
        ],
    ] {
        let (code, _, err) = run(home, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
}

#[test]
fn report_lists_notes_only_when_asked() {
    let home = tempfile::tempdir().expect("temp dir");
    notes_diary(home.path());
    let window = ["report", "--from", "2026-11-01"];
    for format in ["text", "markdown", "json"] {
        let (code, out, err) = run(home.path(), &[&window[..], &["--format", format]].concat());
        assert_eq!(code, 0, "{err}");
        for text in [
            "stiff",
            "river",
            "rest",
            "long ago",
            "Your notes",
            "\"notes\"",
        ] {
            assert!(
                !out.contains(text),
                "{format} without --notes shows {text:?}: {out}"
            );
        }
    }
    let (code, out, err) = run(home.path(), &[&window[..], &["--notes"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "Your notes (3)\n\
             2026-11-20 08:30, check-in: stiff *back* after the drive\n\
             2026-11-21 17:00, session: by the <river>\n\
             2026-11-22, flare-up: rest\n"
        ),
        "{out}"
    );
    assert!(!out.contains("long ago"), "outside the window: {out}");
    let (_, out, _) = run(
        home.path(),
        &[&window[..], &["--notes", "--format", "markdown"]].concat(),
    );
    assert!(
        out.contains(
            "## Your notes (3)\n\n\
             - 2026-11-20 08:30, check-in: stiff \\*back\\* after the drive\n\
             - 2026-11-21 17:00, session: by the \\<river\\>\n\
             - 2026-11-22, flare-up: rest\n"
        ),
        "{out}"
    );
    let (_, out, _) = run(
        home.path(),
        &[&window[..], &["--notes", "--format", "json"]].concat(),
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        json["notes"],
        serde_json::json!([
            {"date": "2026-11-20", "time": "08:30", "kind": "check-in",
             "note": "stiff *back*\nafter the drive"},
            {"date": "2026-11-21", "time": "17:00", "kind": "session", "note": "by the <river>"},
            {"date": "2026-11-22", "time": null, "kind": "flare-up", "note": "rest"}
        ])
    );
    // A window without notes says so when they are asked for.
    let (_, out, _) = run(home.path(), &["report", "--from", "2026-11-23", "--notes"]);
    assert!(
        out.contains("Your notes: none written in these days"),
        "{out}"
    );
}

#[test]
fn history_prints_the_notes_of_the_days_it_lists() {
    let home = tempfile::tempdir().expect("temp dir");
    notes_diary(home.path());
    let (code, out, err) = run(home.path(), &["history", "--days", "10"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "\nNOTES\n\
             2026-11-20 08:30  check-in  stiff *back* after the drive\n\
             2026-11-21 17:00  session   by the <river>\n\
             2026-11-22        flare-up  rest\n"
        ),
        "{out}"
    );
    assert!(!out.contains("long ago"), "{out}");
    let (_, out, _) = run(
        home.path(),
        &["history", "--days", "10", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["notes"].as_array().map(Vec::len), Some(3), "{json}");
    assert_eq!(json["notes"][1]["note"], "by the <river>");
    // Days without notes print no notes heading.
    let (_, out, _) = run(home.path(), &["history", "--days", "2"]);
    assert!(!out.contains("NOTES"), "{out}");
}
