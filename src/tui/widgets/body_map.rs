//! A small figure seen from behind, its eleven places (`Region`) as boxes
//! with their keys. The person's left is on the left, as it is for someone
//! looking at their own back. A marked place is filled with "█", the one
//! under the cursor has brackets: both read without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::model::Region;
use crate::tui::theme::Theme;

/// The figure's width, and its height with the head and the "left/right" row.
pub const WIDTH: u16 = 15;
pub const HEIGHT: u16 = 9;

/// The key that marks a region: 1–9, 0, then "-", in body order.
pub const KEYS: [char; 11] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-'];

/// The key of a region, and the region of a key.
pub fn key_of(region: Region) -> char {
    let i = Region::ALL
        .iter()
        .position(|r| *r == region)
        .expect("every region is in ALL");
    KEYS[i]
}

pub fn region_of(key: char) -> Option<Region> {
    KEYS.iter().position(|k| *k == key).map(|i| Region::ALL[i])
}

/// Where a region's box is on the figure: row (0 is the neck), column, width.
fn place(region: Region) -> (u16, u16, u16) {
    match region {
        Region::Neck => (0, 5, 5),
        Region::UpperBack => (1, 1, 13),
        Region::LowerBack => (2, 2, 11),
        Region::ButtockLeft => (3, 2, 5),
        Region::ButtockRight => (3, 8, 5),
        Region::ThighLeft => (4, 2, 5),
        Region::ThighRight => (4, 8, 5),
        Region::BelowKneeLeft => (5, 2, 5),
        Region::BelowKneeRight => (5, 8, 5),
        Region::FootLeft => (6, 1, 5),
        Region::FootRight => (6, 9, 5),
    }
}

/// The body map: which regions are marked, which has the cursor.
pub struct BodyMap<'a> {
    pub marked: &'a [Region],
    pub cursor: Option<Region>,
    pub theme: &'a Theme,
}

impl BodyMap<'_> {
    /// Where each region's box is drawn in `area`, for the click map. The
    /// head row goes first when the area is short, then the "left/right" row.
    pub fn boxes(area: Rect) -> Vec<(Rect, Region)> {
        let (head, _) = Self::extras(area);
        let top = area.y + u16::from(head);
        Region::ALL
            .into_iter()
            .filter_map(|r| {
                let (row, x, w) = place(r);
                let rect = Rect::new(area.x + x, top + row, w, 1).intersection(area);
                (!rect.is_empty()).then_some((rect, r))
            })
            .collect()
    }

    /// Whether the head and the "left/right" row fit.
    fn extras(area: Rect) -> (bool, bool) {
        (area.height >= HEIGHT, area.height >= HEIGHT - 1)
    }
}

impl Widget for BodyMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (head, sides) = Self::extras(area);
        if head {
            buf.set_string(area.x + 6, area.y, "( )", self.theme.dim);
        }
        for (rect, region) in Self::boxes(area) {
            let marked = self.marked.contains(&region);
            let focused = self.cursor == Some(region);
            let fill = if marked { '█' } else { '·' };
            let inner = usize::from(rect.width.saturating_sub(2));
            let before = inner.saturating_sub(1) / 2;
            let after = inner.saturating_sub(1) - before;
            let (l, r) = if focused { ('[', ']') } else { (' ', ' ') };
            let text: String = std::iter::once(l)
                .chain(std::iter::repeat_n(fill, before))
                .chain(std::iter::once(key_of(region)))
                .chain(std::iter::repeat_n(fill, after))
                .chain(std::iter::once(r))
                .collect();
            let style = match (focused, marked) {
                (true, _) => self.theme.selected,
                (false, true) => self.theme.accent,
                (false, false) => self.theme.dim,
            };
            buf.set_stringn(rect.x, rect.y, text, usize::from(rect.width), style);
        }
        if sides {
            let y = area.y + u16::from(head) + 7;
            if y < area.bottom() {
                buf.set_stringn(
                    area.x,
                    y,
                    " left    right",
                    usize::from(area.width),
                    self.theme.dim,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_a_key_and_a_box_of_its_own() {
        for r in Region::ALL {
            assert_eq!(region_of(key_of(r)), Some(r));
        }
        let boxes = BodyMap::boxes(Rect::new(0, 0, WIDTH, HEIGHT));
        assert_eq!(boxes.len(), 11);
        for (i, (a, _)) in boxes.iter().enumerate() {
            for (b, _) in &boxes[i + 1..] {
                assert!(a.intersection(*b).is_empty(), "{a:?} {b:?}");
            }
        }
    }
}
