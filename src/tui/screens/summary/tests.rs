//! Unit tests of the session summary screen.

use super::*;
use crate::keymap::Keymap;
use crate::tui::outbox::Unsaved;
use std::time::Instant;

#[test]
fn pain_that_rose_by_two_or_is_high_gets_a_calm_word() {
    let scales = |pain| {
        Some(Scales {
            pain,
            anxiety: 3,
            mood: 5,
            fear: None,
        })
    };
    let with = |before, after| Summary {
        before,
        after,
        ..summary(false, End::Aborted)
    };
    assert!(with(scales(5), scales(7)).pain_rose());
    assert!(!with(scales(5), scales(6)).pain_rose());
    assert!(
        with(scales(7), scales(8)).pain_rose(),
        "high, if not by two"
    );
    assert!(!with(scales(6), scales(4)).pain_rose());
    assert!(!with(scales(6), None).pain_rose());
    let drawn = |s: &Summary, width: u16| {
        let backend = ratatui::backend::TestBackend::new(width, 24);
        let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
        let (map, theme, unsaved) = (Keymap::default(), Theme::default(), Unsaved::default());
        let clock = crate::clock::Clock::fixed(
            time::macros::datetime!(2026-11-30 09:00 UTC),
            jiff::tz::TimeZone::UTC,
        );
        let config = crate::config::Config::default();
        let cx = Context {
            map: &map,
            theme: &theme,
            now: Instant::now(),
            clock: &clock,
            config: &config,
            feared: &[],
            unsaved: &unsaved,
            next_time: &[],
            flare_today: false,
        };
        terminal
            .draw(|f| s.draw(f, f.area(), &cx, &mut Hits::default()))
            .expect("draw");
        format!("{}", terminal.backend())
    };
    assert!(drawn(&with(scales(5), scales(7)), 80).contains("Your pain is higher than before"));
    assert!(!drawn(&with(scales(5), scales(5)), 80).contains("higher than before"));
    let narrow = drawn(&with(scales(5), scales(7)), 44);
    assert!(
        narrow.contains("Your pain is higher than before."),
        "{narrow}"
    );
    assert!(narrow.contains('…'), "cut with a sign: {narrow}");
    // Finding: Core basics with 5 of 7 skipped read "done. Well moved."
    // and counted in full.
    let mostly_skipped = Summary {
        done: 2,
        skipped: 5,
        planned: 7,
        active_seconds: 150,
        ..summary(false, End::Completed)
    };
    assert_eq!(mostly_skipped.credit(), Credit::Short);
    let shown = drawn(&mostly_skipped, 100);
    assert!(!shown.contains("Well moved"), "{shown}");
    assert!(
        shown.contains("over: 2 of 7. Kept; 4 or more count as a session."),
        "{shown}"
    );
    // Four of seven, then ended early: a session.
    let four = Summary {
        done: 4,
        skipped: 0,
        planned: 7,
        active_seconds: 120,
        ..summary(false, End::Aborted)
    };
    assert_eq!(four.credit(), Credit::Session);
    assert!(drawn(&four, 100).contains("It counts as a session"));
    // Finding: at 44 columns the heading and "1 exercise done ·" were
    // cut with no sign; cut, they end in "…".
    let one = Summary {
        done: 1,
        skipped: 6,
        planned: 7,
        active_seconds: 780,
        ..summary(false, End::Aborted)
    };
    let narrow = drawn(&one, 44);
    let lines: Vec<&str> = narrow.lines().collect();
    let heading = lines
        .iter()
        .find(|l| l.contains("ended early"))
        .expect("heading");
    assert!(
        heading.trim_end_matches([' ', '"']).ends_with('…'),
        "{narrow}"
    );
    // Finding: a long exercise name pushed its stars out of line.
    let mut long = summary(false, End::Completed);
    long.exercises[0].name = "Half-kneeling hip-flexor stretch with a towel".to_string();
    long.exercises[0].rating = Some(4);
    long.exercises[1].rating = Some(5);
    let shown = drawn(&long, 80);
    let column = |needle: &str| {
        shown
            .lines()
            .find(|l| l.contains(needle))
            .and_then(|l| l.find('★').map(|at| crate::text::columns(&l[..at])))
    };
    assert_eq!(column("Half-kneeling"), column("Cat-cow"), "{shown}");
    assert!(shown.contains("Half-kneeling hip-flexor st…"), "{shown}");
    let stats = lines.iter().find(|l| l.contains("moving")).expect("stats");
    assert!(
        stats.contains("6 skipped") || stats.trim_end_matches([' ', '"']).ends_with('…'),
        "{narrow}"
    );
}

fn summary(gentle: bool, end: End) -> Summary {
    let rated = |position: u32, name: &str| RatedExercise {
        position,
        name: name.to_string(),
        rating: None,
    };
    Summary {
        routine: "Core basics".to_string(),
        end,
        active_seconds: 600,
        done: 2,
        skipped: 0,
        planned: 2,
        before: None,
        after: None,
        session: "s".to_string(),
        exercises: vec![rated(0, "Single-leg bridge"), rated(1, "Cat-cow")],
        selected: 0,
        replaced: None,
        exposures: Vec::new(),
        gentle,
        offered: Offered {
            before: true,
            after: true,
        },
    }
}

#[test]
fn next_time_names_each_stepped_exercise_done_by_any_of_its_names() {
    let next = vec![(
        vec!["Bridge".to_string(), "Single-leg bridge".to_string()],
        "level 4 → 5 next time (done in full; pain was 3 after the session)".to_string(),
    )];
    assert_eq!(
        summary(false, End::Completed).next_time(&next, false),
        ["Single-leg bridge: level 4 → 5 next time (done in full; pain was 3 after the session)"]
    );
    // Not stepped in this programme: nothing.
    assert!(
        summary(false, End::Completed)
            .next_time(&[], false)
            .is_empty()
    );
    // What leaves the levels as they were says so, once.
    let same = |s: Summary, flare| s.next_time(&next, flare);
    assert_eq!(
        same(summary(true, End::Completed), false),
        ["A gentle session leaves the levels as they were."]
    );
    assert_eq!(
        same(summary(false, End::Aborted), false),
        ["A session ended early leaves the levels as they were."]
    );
    assert_eq!(
        same(summary(false, End::Completed), true),
        ["A session on a rest day leaves the levels as they were."]
    );
}

#[test]
fn changes_have_arrows_and_sizes() {
    assert_eq!(change("Pain", 6, 4), "Pain      6 → 4   ▼2");
    assert_eq!(change("Mood", 4, 7), "Mood      4 → 7   ▲3");
    assert_eq!(change("Anxiety", 3, 3), "Anxiety   3 → 3   =");
}
