//! A 0–10 slider: words at both ends, a track with a marker, and the number,
//! so the value never rests on colour alone.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

pub struct Slider<'a> {
    pub value: Option<u8>,
    pub low: &'a str,
    pub high: &'a str,
    pub focused: bool,
    pub theme: &'a Theme,
}

impl Widget for Slider<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let number = match self.value {
            Some(v) => format!("{v:>2}"),
            None => " –".to_string(),
        };
        let ends = self.low.chars().count() + self.high.chars().count() + 2 + 3;
        let track_width = (area.width as usize).saturating_sub(ends).clamp(0, 44);
        let mut track = String::new();
        if track_width >= 11 {
            let marker = self.value.map(|v| usize::from(v) * (track_width - 1) / 10);
            for i in 0..track_width {
                track.push(match marker {
                    Some(m) if i == m => '●',
                    Some(m) if i < m => '━',
                    _ => '─',
                });
            }
        }
        let track_style = if self.focused {
            self.theme.accent
        } else {
            Style::new()
        };
        let number_style = if self.focused {
            self.theme.title
        } else {
            Style::new()
        };
        let line = if track.is_empty() {
            // Too narrow for a track: the number and the ends still say it.
            Line::from(vec![
                Span::styled(number, number_style),
                Span::styled(
                    format!("  ({} 0 – 10 {})", self.low, self.high),
                    self.theme.dim,
                ),
            ])
        } else {
            Line::from(vec![
                Span::styled(format!("{} ", self.low), self.theme.dim),
                Span::styled(track, track_style),
                Span::styled(format!(" {}", self.high), self.theme.dim),
                Span::styled(format!(" {number}"), number_style),
            ])
        };
        line.render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters drawn (the styles are checked by the screen snapshots).
    fn draw(value: Option<u8>, width: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        Slider {
            value,
            low: "none",
            high: "worst",
            focused: false,
            theme: &Theme::default(),
        }
        .render(buf.area, &mut buf);
        buf.content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn the_marker_sits_at_the_value() {
        assert_eq!(draw(Some(5), 37), "none ━━━━━━━━━━━●─────────── worst  5");
        assert_eq!(draw(Some(0), 37), "none ●────────────────────── worst  0");
        assert_eq!(draw(Some(10), 37), "none ━━━━━━━━━━━━━━━━━━━━━━● worst 10");
        assert_eq!(draw(None, 37), "none ─────────────────────── worst  –");
    }

    #[test]
    fn a_narrow_slider_keeps_the_number() {
        assert_eq!(draw(Some(7), 24), " 7  (none 0 – 10 worst) ");
    }
}
