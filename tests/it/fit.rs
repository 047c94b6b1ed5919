//! Text that does not fit ends with "…", never cut mid-word without a sign,
//! drawn at 44×14 with `limber screen`.

use crate::common;

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

mod drawn {
    use std::time::Instant;

    use limber::tui::app::{App, Msg, Screen, update};
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::common;
    use super::common::fixture::Fixture;

    /// A key, with every effect carried out as the loop does.
    fn press(f: &Fixture, app: &mut App, code: KeyCode, now: Instant) {
        let mut msgs = vec![Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))];
        let mut catalog = f.env.catalog();
        let mut outbox = limber::tui::outbox::Outbox::default();
        while let Some(msg) = msgs.pop() {
            for effect in update(app, msg, now) {
                msgs.extend(limber::tui::carry_out(
                    effect,
                    &mut f.store(),
                    &mut outbox,
                    &f.env,
                    &mut catalog,
                ));
            }
        }
    }

    fn rows(backend: &TestBackend) -> Vec<String> {
        let buffer = backend.buffer();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn a_sessions_instructions_end_with_a_sign_when_they_do_not_fit() {
        let f = Fixture::new(0);
        let mut app = f.app();
        let now = Instant::now();
        // Today → the first routine's detail → start → skip the check-in.
        for code in [KeyCode::Enter, KeyCode::Enter, KeyCode::Esc] {
            press(&f, &mut app, code, now);
        }
        // Past the get-ready, into the first exercise.
        press(&f, &mut app, KeyCode::Char('n'), now);
        assert!(matches!(app.screen, Screen::Session(_)), "not in a session");
        let screen = rows(&common::frame::frame(&app, (44, 14), now).0);
        let text = screen.join("\n");
        let catalog = f.env.catalog();
        let words: Vec<&str> = catalog
            .routines
            .iter()
            .flat_map(|r| r.exercises.iter())
            .flat_map(|e| e.instructions.split_whitespace())
            .collect();
        // The instruction rows: any row whose last word is an instruction
        // word cut short must end with "…".
        for row in &screen {
            let row = row.trim_end();
            let Some(last) = row.split_whitespace().last() else {
                continue;
            };
            let cut = !words.contains(&last)
                && words
                    .iter()
                    .any(|w| w.starts_with(last) && w.len() > last.len());
            assert!(
                !cut || last.ends_with('…'),
                "{row:?} stops mid-word without a sign:\n{text}"
            );
        }
        assert!(
            text.contains('…'),
            "the instructions were cut without a sign:\n{text}"
        );
    }

    #[test]
    fn the_diary_delete_question_is_just_the_question() {
        let f = Fixture::new(1);
        let mut app = f.app();
        let now = Instant::now();
        for code in [KeyCode::Char('h'), KeyCode::Char('6'), KeyCode::Char('d')] {
            press(&f, &mut app, code, now);
        }
        let screen = rows(&common::frame::frame(&app, (44, 14), now).0);
        let text = screen.join("\n");
        let question = screen
            .iter()
            .find(|r| r.contains("Delete the"))
            .unwrap_or_else(|| panic!("no question:\n{text}"));
        let q = question.trim_end();
        assert!(q.ends_with('?') || q.ends_with('…'), "{q:?}\n{text}");
        assert_eq!(
            text.matches("keep it").count(),
            1,
            "the keys said twice:\n{text}"
        );
    }
}
