//! Where the last frame drew what a click can pick. `view` records each
//! clickable thing's rectangle as it draws it, the loop keeps the last
//! frame's map in the app, and a click is looked up in it: no layout is
//! worked out twice.

use ratatui::layout::{Position, Rect};

use crate::tui::screens::history::Tab;

/// What was drawn in a clickable rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Today's routine at this index of its list.
    Routine(usize),
    /// One of History's tabs.
    Tab(Tab),
    /// A place on the check-in's body map.
    Region(crate::model::Region),
}

/// The clickable rectangles of one frame, in the order they were drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits(Vec<(Rect, Target)>);

impl Hits {
    pub fn add(&mut self, area: Rect, target: Target) {
        if !area.is_empty() {
            self.0.push((area, target));
        }
    }

    /// Drops every target: something was drawn over all of them.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// What was drawn at this cell; where two overlap, the one drawn last
    /// (on top).
    pub fn at(&self, column: u16, row: u16) -> Option<Target> {
        self.0
            .iter()
            .rev()
            .find(|(area, _)| area.contains(Position::new(column, row)))
            .map(|(_, target)| *target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_finds_what_was_drawn_there_last() {
        let mut hits = Hits::default();
        hits.add(Rect::new(1, 5, 10, 1), Target::Routine(0));
        hits.add(Rect::new(1, 6, 10, 1), Target::Routine(1));
        hits.add(Rect::new(4, 6, 3, 1), Target::Tab(Tab::Report));
        hits.add(Rect::new(0, 0, 0, 1), Target::Tab(Tab::Trends));
        assert_eq!(hits.at(1, 5), Some(Target::Routine(0)));
        assert_eq!(hits.at(10, 6), Some(Target::Routine(1)));
        assert_eq!(hits.at(5, 6), Some(Target::Tab(Tab::Report)));
        assert_eq!(hits.at(11, 5), None);
        assert_eq!(hits.at(0, 0), None);
        hits.clear();
        assert_eq!(hits.at(1, 5), None);
    }
}
