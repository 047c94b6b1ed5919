//! The big countdown: large digits drawn from the 8×8 glyphs of `font8x8`
//! where there is room (a cell a pixel, or a quadrant block a 2×2 of pixels),
//! plain bold digits where there is not.

use font8x8::UnicodeFonts;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub struct Countdown<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl Countdown<'_> {
    /// Rows the widget would like, given the width it has.
    pub fn height_for(text: &str, width: u16, max_height: u16) -> u16 {
        let chars = text.chars().count() as u16;
        if max_height >= 8 && width >= chars * 8 {
            8
        } else if max_height >= 4 && width >= chars * 4 {
            4
        } else {
            1
        }
    }
}

impl Widget for Countdown<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let chars = self.text.chars().count() as u16;
        let size = if area.height >= 8 && area.width >= chars * 8 {
            Some((1, chars * 8, 8))
        } else if area.height >= 4 && area.width >= chars * 4 {
            Some((2, chars * 4, 4))
        } else {
            None
        };
        match size {
            Some((pixels, width, height)) => {
                let x = area.x + (area.width - width) / 2;
                let y = area.y + (area.height - height) / 2;
                let cell = 8 / pixels;
                for (i, c) in self.text.chars().enumerate() {
                    let at = Rect::new(x + i as u16 * cell, y, cell, cell).intersection(area);
                    buf.set_style(at, self.style);
                    if let Some(glyph) = glyph(c) {
                        draw_glyph(&glyph, pixels, at, buf);
                    }
                }
            }
            None => {
                let y = area.y + area.height.saturating_sub(1) / 2;
                Line::styled(self.text.to_string(), self.style)
                    .alignment(Alignment::Center)
                    .render(Rect::new(area.x, y, area.width, 1.min(area.height)), buf);
            }
        }
    }
}

/// The 8×8 glyph of a character: a row a byte, the lowest bit leftmost.
fn glyph(c: char) -> Option<[u8; 8]> {
    font8x8::BASIC_FONTS
        .get(c)
        .or_else(|| font8x8::LATIN_FONTS.get(c))
}

/// The quadrant blocks, indexed by top-left + 2 top-right + 4 bottom-left +
/// 8 bottom-right.
const QUADRANTS: [char; 16] = [
    ' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█',
];

/// One glyph into `at`, `pixels` × `pixels` of it a cell (1 or 2).
fn draw_glyph(glyph: &[u8; 8], pixels: u16, at: Rect, buf: &mut Buffer) {
    let lit = |row: u16, col: u16| glyph[usize::from(row)] & (1 << col) != 0;
    for dy in 0..at.height {
        for dx in 0..at.width {
            let (row, col) = (dy * pixels, dx * pixels);
            let symbol = if pixels == 1 {
                if lit(row, col) { '█' } else { ' ' }
            } else {
                let index = usize::from(lit(row, col))
                    + (usize::from(lit(row, col + 1)) << 1)
                    + (usize::from(lit(row + 1, col)) << 2)
                    + (usize::from(lit(row + 1, col + 1)) << 3);
                QUADRANTS[index]
            };
            buf[(at.x + dx, at.y + dy)].set_char(symbol);
        }
    }
}
