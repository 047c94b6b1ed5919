//! Text that does not fit ends with "…", never cut mid-word without a sign,
//! drawn at 44×14 with `limber screen`.

mod common;

use std::path::Path;

fn screen(home: &Path, now: &str, args: &[&str]) -> String {
    let out = common::limber(home)
        .env("LIMBER_NOW", now)
        .args(args)
        .output()
        .expect("run limber");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const NOW: &str = "2026-11-30T08:00:00Z";

fn sample(home: &Path) {
    screen(home, NOW, &["sample-data"]);
}

#[test]
fn a_routines_exercise_rows_end_with_a_sign_when_cut() {
    let home = tempfile::tempdir().expect("tempdir");
    sample(home.path());
    for slug in ["gentle-mobility", "desk-break"] {
        let text = screen(home.path(), NOW, &["screen", slug, "--size", "44x14"]);
        for bad in ["each s\n", "10 re\n", "· rest\n"] {
            assert!(!text.contains(bad), "{bad:?} cut without a sign:\n{text}");
        }
        // Every exercise row ("N. name  kind · …") ends whole or with "…".
        for line in text
            .lines()
            .filter(|l| l.contains(" · ") && l.contains(". "))
        {
            let line = line.trim_end();
            assert!(
                line.ends_with('…') || line.chars().count() < 43,
                "an exercise row runs to the edge without a sign: {line:?}\n{text}"
            );
        }
    }
    let text = screen(
        home.path(),
        NOW,
        &["screen", "gentle-mobility", "--size", "44x14"],
    );
    assert!(text.contains("stretch · 30s · each…"), "{text}");
}

#[test]
fn the_activity_calendar_shows_a_flare_day_with_its_date() {
    let home = tempfile::tempdir().expect("tempdir");
    sample(home.path());
    screen(home.path(), NOW, &["flare"]);
    let text = screen(home.path(), NOW, &["screen", "activity", "--size", "44x14"]);
    let row = text
        .lines()
        .find(|l| {
            l.split_whitespace()
                .any(|w| w.trim_start_matches('⚑') == "30")
        })
        .unwrap_or_else(|| panic!("no row with the 30th:\n{text}"));
    assert!(
        row.contains('⚑'),
        "the 30th is a flare day: {row:?}\n{text}"
    );
    assert!(
        !text.lines().any(|l| l.trim() == "⚑"),
        "a flare mark alone, without its date:\n{text}"
    );
}
