//! `limber report` for a new user: their own first check-ins against their
//! latest, from the binary's JSON.

mod common;

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
        serde_json::json!({"baseline": 6.0, "current": 4.0, "change_pct": -33, "n_baseline": 10, "n_current": 10})
    );
    let (code, out, _) = run(home.path(), &["report"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Pain: 6.0 → 4.0 (−33 %), from 10 and 10 check-ins"),
        "{out}"
    );
    assert!(!out.contains("Pain: not enough"), "{out}");
}
