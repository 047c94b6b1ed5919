//! What the screens say is true and fits: chart legends beside the data,
//! never over it, and naming every mark; weeks that begin on the same day in
//! the calendar and in the weekly figures; text that is cut says so with
//! "…"; every screen shows its way out at 44×14; numbers read as a person
//! writes them; History's range follows the date past midnight.

use std::time::Instant;

use limber::clock::Clock;
use limber::insights::Range;
use limber::keymap::{Keymap, Scope};
use limber::tui::app::{App, Msg, Screen, update};
use limber::tui::keys;
use limber::tui::theme::Theme;
use limber::tui::{Effect, load_history};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::{date, datetime};

use crate::common;
use common::fixture::Fixture;
use common::frame::frame;
use common::run;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn carry_out(f: &Fixture, app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::LoadHistory(range) => {
                let data = load_history(&f.store(), &f.env, range).expect("history");
                update(app, Msg::HistoryLoaded(Box::new(data)), Instant::now());
            }
            Effect::ReloadToday => {}
            other => panic!("unexpected effect {other:?}"),
        }
    }
}

fn press(f: &Fixture, app: &mut App, code: KeyCode) {
    let effects = update(app, key(code), Instant::now());
    carry_out(f, app, effects);
}

fn open_history(f: &Fixture) -> App {
    let mut app = f.app();
    press(f, &mut app, KeyCode::Char('h'));
    app
}

fn lines(backend: &TestBackend) -> Vec<String> {
    let buffer = backend.buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn text(app: &App, size: (u16, u16)) -> Vec<String> {
    lines(&frame(app, size, Instant::now()).0)
}

fn with_flares_and_fears(f: &Fixture) {
    for day in [
        date!(2026 - 11 - 03),
        date!(2026 - 11 - 12),
        date!(2026 - 11 - 24),
    ] {
        f.store()
            .mark_flare(day, None, datetime!(2026-11-25 10:00 UTC))
            .expect("flare");
    }
    f.store()
        .set_feared("Bridge", true, datetime!(2026-11-25 10:00 UTC))
        .expect("feared");
    let conn = rusqlite::Connection::open(f.env.paths.data_dir.join("limber.db")).expect("sqlite");
    conn.execute_batch(
        "UPDATE session_exercises SET expected_pain = 7, actual_pain = 3 + (id % 2)
         WHERE name = 'Bridge'",
    )
    .expect("answers");
}

/// The rows of the plot: those that hold the y axis line.
fn plot_rows(screen: &[String]) -> Vec<&String> {
    screen.iter().filter(|l| l.contains('│')).collect()
}

#[test]
fn the_trends_legend_sits_beside_the_plot_and_names_the_flare_mark() {
    let f = Fixture::new(1);
    with_flares_and_fears(&f);
    let app = open_history(&f);
    for size in [(80, 24), (120, 40), (44, 14)] {
        let screen = text(&app, size);
        let all = screen.join("\n");
        // No legend box drawn over the newest days.
        assert!(!all.contains('┌') && !all.contains('┐'), "{all}");
        for mark in ["flare", "session"] {
            assert!(all.contains(mark), "{size:?}: no {mark} in\n{all}");
            assert!(
                plot_rows(&screen).iter().all(|l| !l.contains(mark)),
                "{size:?}: the legend's {mark} is inside the plot\n{all}"
            );
        }
    }
}

#[test]
fn the_feared_exercise_chart_legend_sits_beside_the_plot() {
    let f = Fixture::new(1);
    with_flares_and_fears(&f);
    let mut app = open_history(&f);
    press(&f, &mut app, KeyCode::Char('4'));
    let Screen::History(h) = &app.screen else {
        panic!("not on History")
    };
    let row = h
        .data
        .as_ref()
        .and_then(|d| d.exercises.iter().position(|e| e.name == "Bridge"))
        .expect("Bridge was done");
    for _ in 0..row {
        press(&f, &mut app, KeyCode::Down);
    }
    let screen = text(&app, (80, 24));
    let all = screen.join("\n");
    assert!(all.contains("you expected"), "{all}");
    assert!(!all.contains('┌'), "{all}");
    for mark in ["expected", "actual"] {
        assert!(
            screen.iter().any(|l| l.contains(mark) && !l.contains('│')),
            "no {mark} outside the plot\n{all}"
        );
    }
}

#[test]
fn the_calendar_and_the_weekly_bars_begin_on_monday() {
    let f = Fixture::new(1);
    let mut app = open_history(&f);
    press(&f, &mut app, KeyCode::Char('2'));
    let screen = text(&app, (80, 24));
    let all = screen.join("\n");
    assert!(all.contains("Mo Tu We Th Fr Sa Su"), "{all}");
    // 23 November 2026 is a Monday: it begins a row of the grid.
    assert!(all.contains("23 24 25 26 27 28 29"), "{all}");
    // The bars are labelled by the day each week begins: the 23rd is last.
    let labels = screen
        .iter()
        .rev()
        .nth(1)
        .expect("the bar labels")
        .split_whitespace()
        .last()
        .map(str::to_string);
    assert_eq!(labels.as_deref(), Some("23"), "{all}");
}

/// A home with `config` as config.toml and one walk logged on Sunday 22
/// November 2026.
fn home_with_sunday_walk(config: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("config")).expect("config dir");
    std::fs::write(home.path().join("config").join("config.toml"), config).expect("config");
    let (code, _, err) = run(
        home.path(),
        &["log", "walk", "--minutes", "20", "--at", "2026-11-22 17:00"],
    );
    assert_eq!(code, 0, "{err}");
    home
}

#[test]
fn week_start_in_config_moves_the_calendar_and_this_week_together() {
    let monday = home_with_sunday_walk("");
    let (_, out, _) = run(monday.path(), &["status"]);
    assert!(out.contains("0 of 3 this week"), "{out}");
    let sunday = home_with_sunday_walk("week_start = \"sunday\"\n");
    let (code, out, err) = run(sunday.path(), &["status"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 of 3 this week"), "{out}");
    let (_, screen, _) = run(
        sunday.path(),
        &["screen", "activity", "--size", "80x24", "--range", "2w"],
    );
    assert!(screen.contains("Su Mo Tu We Th Fr Sa"), "{screen}");
    assert!(screen.contains("22 23 24 25 26 27 28"), "{screen}");
    assert!(screen.contains("1 of 3 sessions this week"), "{screen}");
}

#[test]
fn text_cut_to_fit_ends_with_an_ellipsis() {
    let f = Fixture::new(1);
    let mut app = open_history(&f);
    press(&f, &mut app, KeyCode::Char('3'));
    let all = text(&app, (44, 14)).join("\n");
    // The column is narrower than "Breathe and relax".
    assert!(!all.contains("Breathe and re "), "{all}");
    assert!(all.contains("Breathe and re…"), "{all}");
    press(&f, &mut app, KeyCode::Char('2'));
    let screen = text(&app, (80, 24));
    let legend = screen
        .iter()
        .find(|l| l.contains("rest day you chose"))
        .expect("the calendar's legend");
    assert!(
        legend.contains("goal met") || legend.trim_end().ends_with('…'),
        "{legend}"
    );
}

#[test]
fn every_history_tab_at_44x14_shows_how_to_leave() {
    let f = Fixture::new(1);
    let mut app = open_history(&f);
    for tab in '1'..='5' {
        press(&f, &mut app, KeyCode::Char(tab));
        let screen = text(&app, (44, 14));
        let footer = screen.last().expect("a footer");
        assert!(footer.contains("Esc back"), "tab {tab}: {footer}");
    }
}

#[test]
fn every_footer_keeps_its_way_out_when_narrow() {
    let map = Keymap::default();
    for scope in Scope::ALL {
        let rows = keys::rows(scope);
        let Some(out) = rows.iter().rfind(|r| r.footer) else {
            continue;
        };
        for width in [20u16, 30, 42] {
            let line = keys::footer(&map, rows, width, &Theme::default()).to_string();
            assert!(
                line.ends_with(out.label),
                "{scope:?} at {width}: {line:?} lacks {:?}",
                out.label
            );
            assert!(line.chars().count() <= usize::from(width), "{line}");
        }
    }
}

#[test]
fn one_of_everything_reads_as_a_person_writes_it() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("config")).expect("config dir");
    std::fs::write(
        home.path().join("config").join("config.toml"),
        "weekly_goal = 1\n",
    )
    .expect("config");
    let empty = run(
        home.path(),
        &["screen", "activity", "--size", "100x30", "--range", "2w"],
    )
    .1;
    assert!(!empty.contains("longest 0 days"), "{empty}");
    assert!(empty.contains("No streak yet ·"), "{empty}");
    for args in [
        &["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"][..],
        &["log", "walk", "--minutes", "1"],
    ] {
        let (code, _, err) = run(home.path(), args);
        assert_eq!(code, 0, "{err}");
    }
    let screen = |name| {
        run(
            home.path(),
            &["screen", name, "--size", "120x30", "--range", "2w"],
        )
        .1
    };
    let trends = screen("trends");
    assert!(trends.contains("(1 check-in on 1 day)"), "{trends}");
    assert!(trends.contains("1 session day."), "{trends}");
    let activity = screen("activity");
    assert!(
        activity.contains("Streak 1 week at your goal · longest 1 week"),
        "{activity}"
    );
    assert!(activity.contains("1 of 1 session this week"), "{activity}");
    let report = screen("report");
    assert!(report.contains("1 active minute"), "{report}");
    assert!(!report.contains("1 active minutes"), "{report}");
}

#[test]
fn history_follows_the_date_past_midnight() {
    let mut f = Fixture::new(1);
    let mut app = open_history(&f);
    press(&f, &mut app, KeyCode::Char('['));
    let to = |app: &App| match &app.screen {
        Screen::History(h) => h.data.as_ref().map(|d| d.to),
        _ => None,
    };
    assert_eq!(to(&app), Some(date!(2026 - 11 - 25)));
    // Left open past midnight: the loop wakes and says the date moved on.
    f.env.clock = Clock::fixed(datetime!(2026-11-26 00:30 UTC), jiff::tz::TimeZone::UTC);
    let effects = update(&mut app, Msg::Day(f.env.clock.today()), Instant::now());
    assert!(
        effects.contains(&Effect::LoadHistory(Range::TwoWeeks)),
        "{effects:?}"
    );
    carry_out(&f, &mut app, effects);
    assert_eq!(to(&app), Some(date!(2026 - 11 - 26)));
    let all = text(&app, (80, 24)).join("\n");
    assert!(all.contains("2026-11-13 to 2026-11-26"), "{all}");
}

#[test]
fn page_down_scrolls_the_report_as_the_readme_says() {
    let f = Fixture::new(1);
    let mut app = open_history(&f);
    press(&f, &mut app, KeyCode::Char('5'));
    let before = text(&app, (60, 14));
    press(&f, &mut app, KeyCode::PageDown);
    let after = text(&app, (60, 14));
    assert_ne!(before[3], after[3], "PageDown did not move the report");
    press(&f, &mut app, KeyCode::PageUp);
    assert_eq!(before, text(&app, (60, 14)));
}

#[test]
fn each_history_tab_footer_names_keys_that_work_there() {
    let f = Fixture::new(1);
    let mut app = open_history(&f);
    let footer = |app: &App| text(app, (100, 30)).last().cloned().unwrap_or_default();
    let expect: [(char, &[&str], &[&str]); 5] = [
        (
            '1',
            &["Tab tab", "[ ] range", "p a m one scale", "Esc back"],
            &["Enter", "↑ ↓"],
        ),
        (
            '2',
            &["Tab tab", "[ ] range", "Esc back"],
            &["Enter", "↑ ↓"],
        ),
        ('3', &["↑ ↓ move", "Enter open a session", "Esc back"], &[]),
        ('4', &["↑ ↓ move", "Esc back"], &["Enter"]),
        ('5', &["↑ ↓ scroll", "Esc back"], &["Enter"]),
    ];
    for (tab, has, lacks) in expect {
        press(&f, &mut app, KeyCode::Char(tab));
        let line = footer(&app);
        for hint in has {
            assert!(line.contains(hint), "tab {tab}: {line:?} lacks {hint:?}");
        }
        for hint in lacks {
            assert!(!line.contains(hint), "tab {tab}: {line:?} has {hint:?}");
        }
    }
}

#[test]
fn history_lines_cut_at_44x14_end_with_an_ellipsis() {
    let f = Fixture::new(1);
    let mut app = open_history(&f);
    press(&f, &mut app, KeyCode::Char('5'));
    let screen = text(&app, (44, 14));
    // "[ The last 12 weeks: 2026-09-03 to 2026-11-25 ]" is wider than 44.
    assert!(screen[1].trim_end().ends_with("… ]"), "{:?}", screen[1]);
    // The Trends summary has two lines under the chart.
    press(&f, &mut app, KeyCode::Char('1'));
    let screen = text(&app, (44, 14));
    assert!(
        screen[12].trim_end().ends_with('…'),
        "{}",
        screen.join("\n")
    );
}

#[test]
fn today_and_a_routine_cut_their_lines_with_an_ellipsis_at_44x14() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = run(home.path(), &["sample-data"]);
    assert_eq!(code, 0, "{err}");
    let detail = run(home.path(), &["screen", "core-basics", "--size", "44x14"]).1;
    let summary = detail.lines().nth(1).expect("the summary line");
    // Its length is the dose of the sample's programme level.
    assert!(summary.contains(" min · "), "{detail}");
    assert!(summary.trim_end().ends_with('…'), "{detail}");
    let today = run(home.path(), &["screen", "today", "--size", "44x14"]).1;
    let favourites = today
        .lines()
        .find(|l| l.contains("Your favourites"))
        .expect("favourites");
    assert!(
        favourites.trim_end().ends_with('…')
            || favourites
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit()),
        "{today}"
    );
}
