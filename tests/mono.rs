//! In mono (`theme = "mono"`, or NO_COLOR) no cell of any screen carries a
//! colour, and the screens read the same: state shows as a word, a symbol,
//! bold or reverse video. Its own test binary: the setting is process-wide.

use std::time::{Duration, Instant};

use limber::config::Config;
use limber::routine::builtins;
use limber::tui::app::{App, Msg, Startup, update, view};
use limber::tui::theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn colourless(app: &App, now: Instant) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|f| view(app, f, now)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    for cell in &buffer.content {
        assert_eq!(cell.fg, Color::Reset, "a coloured cell: {cell:?}");
        assert_eq!(cell.bg, Color::Reset, "a coloured cell: {cell:?}");
    }
    buffer
}

#[test]
fn mono_screens_have_no_colour_and_keep_their_meaning() {
    theme::set_mono(true);
    let catalog = limber::routine::Catalog {
        routines: builtins(),
        ..Default::default()
    };
    let today = limber::tui::screens::today::TodayData {
        progress: limber::insights::Progress::new(
            &[],
            &[],
            0,
            3,
            time::macros::date!(2026 - 11 - 25),
        ),
        last_checkin: None,
        routines: limber::tui::routine_entries(&catalog, &Config::default()),
        favourites: Vec::new(),
        loading: false,
    };
    let mut app = App::new(
        Config::default(),
        limber::clock::Clock::fixed(
            time::macros::datetime!(2026-11-25 10:00 UTC),
            jiff::tz::TimeZone::UTC,
        ),
        today,
        builtins(),
        Startup::today(Vec::new()),
    );
    let t0 = Instant::now();
    app.init(t0);
    let buffer = colourless(&app, t0);
    // The selected routine is still marked: reverse video and a ›.
    assert!(
        buffer
            .content
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
    assert!(buffer.content.iter().any(|c| c.symbol() == "›"));
    // A check-in, then the timer, paused: PAUSED is a word, not a colour.
    update(&mut app, key(KeyCode::Enter), t0);
    update(&mut app, key(KeyCode::Enter), t0);
    colourless(&app, t0);
    update(&mut app, key(KeyCode::Esc), t0);
    let later = t0 + Duration::from_secs(8);
    update(&mut app, Msg::Tick, later);
    update(&mut app, key(KeyCode::Char(' ')), later);
    let screen: String = colourless(&app, later)
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("PAUSED"), "{screen}");
    theme::set_mono(false);
    assert_eq!(
        theme::accent().fg,
        Some(Color::Cyan),
        "colours are back after mono"
    );
    // The other palettes shade the same meanings differently.
    theme::set(theme::Palette::Light);
    assert_eq!(theme::accent().fg, Some(Color::Blue));
    theme::set(theme::Palette::HighContrast);
    assert_eq!(theme::accent().fg, Some(Color::LightCyan));
    assert!(theme::warn().add_modifier.contains(Modifier::BOLD));
    theme::set(theme::Palette::Dark);
}
