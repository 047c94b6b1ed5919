//! The big countdown: large digits drawn by tui-big-text where there is room,
//! plain bold digits where there is not.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

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
            Some((PixelSize::Full, chars * 8, 8))
        } else if area.height >= 4 && area.width >= chars * 4 {
            Some((PixelSize::Quadrant, chars * 4, 4))
        } else {
            None
        };
        match size {
            Some((pixel_size, width, height)) => {
                let x = area.x + (area.width - width) / 2;
                let y = area.y + (area.height - height) / 2;
                BigText::builder()
                    .pixel_size(pixel_size)
                    .style(self.style)
                    .lines(vec![Line::from(self.text.to_string())])
                    .build()
                    .render(Rect::new(x, y, width, height), buf);
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
