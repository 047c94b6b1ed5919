//! Colours and text styles. Meaning never rides on colour alone: every
//! styled state also has a word or a symbol, so the app reads the same in
//! mono (`theme = "mono"` in config.toml, or NO_COLOR set), where every
//! colour is dropped and only bold, dim, reverse and underline remain.

use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::style::{Color, Modifier, Style};

static MONO: AtomicBool = AtomicBool::new(false);

/// Drops every colour from here on (for `mono` and NO_COLOR).
pub fn set_mono(mono: bool) {
    MONO.store(mono, Ordering::Relaxed);
}

pub fn is_mono() -> bool {
    MONO.load(Ordering::Relaxed)
}

/// Whether NO_COLOR asks for no colour (https://no-color.org: set and not empty).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A foreground colour, or none in mono.
pub fn fg(color: Color) -> Style {
    if is_mono() {
        Style::new()
    } else {
        Style::new().fg(color)
    }
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    if is_mono() {
        Style::new().add_modifier(Modifier::DIM)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

pub fn accent() -> Style {
    fg(Color::Cyan)
}

pub fn good() -> Style {
    fg(Color::Green)
}

pub fn warn() -> Style {
    if is_mono() {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Yellow)
    }
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn key() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
