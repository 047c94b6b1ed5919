//! Colours and text styles, as a value: the app builds one `Theme` at start
//! from the config's `theme` and NO_COLOR and hands it to every drawing.
//! Meaning never rides on colour alone: every styled state also has a word
//! or a symbol, so the app reads the same in `mono` (or with NO_COLOR set),
//! where every colour is dropped and only bold, dim, reverse and underline
//! remain.
//!
//! Palettes: `dark` (the default of `auto`: light colours for a dark
//! background), `light` (darker colours for a light background),
//! `high-contrast` (bright colours, and bold where the others are dim) and
//! `mono`.

use ratatui::style::{Color, Modifier, Style};

use crate::config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Dark,
    Light,
    HighContrast,
    Mono,
}

impl Palette {
    /// The palette the config's `theme` asks for. NO_COLOR wins over every
    /// theme; nothing rests on colour alone, so mono loses nothing but the
    /// colour.
    pub fn chosen(setting: config::Theme, no_color: bool) -> Palette {
        match setting {
            _ if no_color => Palette::Mono,
            config::Theme::Auto | config::Theme::Dark => Palette::Dark,
            config::Theme::Light => Palette::Light,
            config::Theme::HighContrast => Palette::HighContrast,
            config::Theme::Mono => Palette::Mono,
        }
    }

    /// A colour as this palette shows it: none in mono, a darker one on a
    /// light background, a brighter one in high contrast.
    fn shade(self, color: Color) -> Option<Color> {
        match self {
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

    /// A foreground colour, as this palette shows it.
    fn fg(self, color: Color) -> Style {
        match self.shade(color) {
            Some(c) => Style::new().fg(c),
            None => Style::new(),
        }
    }
}

/// The styles every screen draws with, made once for one palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    pub title: Style,
    pub dim: Style,
    pub accent: Style,
    pub good: Style,
    pub warn: Style,
    pub selected: Style,
    pub key: Style,
}

impl Theme {
    pub fn new(palette: Palette) -> Theme {
        Theme {
            palette,
            title: Style::new().add_modifier(Modifier::BOLD),
            dim: match palette {
                Palette::Mono => Style::new().add_modifier(Modifier::DIM),
                _ => palette.fg(Color::DarkGray),
            },
            accent: palette.fg(Color::Cyan),
            good: palette.fg(Color::Green),
            warn: match palette {
                Palette::Mono => Style::new().add_modifier(Modifier::BOLD),
                Palette::HighContrast => palette.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                _ => palette.fg(Color::Yellow),
            },
            selected: Style::new().add_modifier(Modifier::REVERSED),
            key: palette.fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    /// The theme the config's `theme` and NO_COLOR ask for.
    pub fn chosen(setting: config::Theme, no_color: bool) -> Theme {
        Theme::new(Palette::chosen(setting, no_color))
    }

    /// A foreground colour, as the palette shows it.
    pub fn fg(&self, color: Color) -> Style {
        self.palette.fg(color)
    }

    pub fn is_mono(&self) -> bool {
        self.palette == Palette::Mono
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(Palette::default())
    }
}

/// Whether NO_COLOR asks for no colour (https://no-color.org: set and not empty).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
