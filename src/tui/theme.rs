//! Colours and text styles. Meaning never rides on colour alone: every
//! styled state also has a word or a symbol, so the app reads the same in
//! `mono` (or with NO_COLOR set), where every colour is dropped and only
//! bold, dim, reverse and underline remain.
//!
//! Themes: `dark` (the default of `auto`: light colours for a dark
//! background), `light` (darker colours for a light background),
//! `high-contrast` (bright colours, and bold where the others are dim) and
//! `mono`.

use std::sync::atomic::{AtomicU8, Ordering};

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    Dark,
    Light,
    HighContrast,
    Mono,
}

static PALETTE: AtomicU8 = AtomicU8::new(0);

/// Chooses the palette from here on.
pub fn set(palette: Palette) {
    PALETTE.store(palette as u8, Ordering::Relaxed);
}

pub fn current() -> Palette {
    match PALETTE.load(Ordering::Relaxed) {
        1 => Palette::Light,
        2 => Palette::HighContrast,
        3 => Palette::Mono,
        _ => Palette::Dark,
    }
}

/// Drops every colour from here on (for `mono` and NO_COLOR), or goes back
/// to the default palette.
pub fn set_mono(mono: bool) {
    set(if mono { Palette::Mono } else { Palette::Dark });
}

pub fn is_mono() -> bool {
    current() == Palette::Mono
}

/// Whether NO_COLOR asks for no colour (https://no-color.org: set and not empty).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A colour as the palette shows it: none in mono, a darker one on a light
/// background, a brighter one in high contrast.
fn shade(color: Color) -> Option<Color> {
    match current() {
        Palette::Mono => None,
        Palette::Dark => Some(color),
        Palette::Light => Some(match color {
            Color::Cyan | Color::LightCyan => Color::Blue,
            Color::Yellow | Color::LightYellow => Color::Magenta,
            Color::Green | Color::LightGreen => Color::Green,
            Color::LightRed => Color::Red,
            other => other,
        }),
        Palette::HighContrast => Some(match color {
            Color::Cyan => Color::LightCyan,
            Color::Yellow => Color::LightYellow,
            Color::Green => Color::LightGreen,
            Color::Red => Color::LightRed,
            Color::Magenta => Color::LightMagenta,
            Color::DarkGray => Color::White,
            other => other,
        }),
    }
}

/// A foreground colour, as the palette shows it.
pub fn fg(color: Color) -> Style {
    match shade(color) {
        Some(c) => Style::new().fg(c),
        None => Style::new(),
    }
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    match current() {
        Palette::Mono => Style::new().add_modifier(Modifier::DIM),
        _ => fg(Color::DarkGray),
    }
}

pub fn accent() -> Style {
    fg(Color::Cyan)
}

pub fn good() -> Style {
    fg(Color::Green)
}

pub fn warn() -> Style {
    match current() {
        Palette::Mono => Style::new().add_modifier(Modifier::BOLD),
        Palette::HighContrast => fg(Color::Yellow).add_modifier(Modifier::BOLD),
        _ => fg(Color::Yellow),
    }
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn key() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
