//! The one table of History: five titled columns, two of which a narrow
//! terminal leaves out, and the picked row marked. Sessions and Exercises use it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Row, Table, TableState};

use crate::tui::theme::Theme;

/// A table's five columns, two of which a narrow terminal leaves out.
pub(super) struct Columns {
    pub titles: [&'static str; 5],
    pub wide: bool,
    /// The two columns a narrow terminal leaves out.
    pub dropped: [usize; 2],
    pub wide_widths: [Constraint; 5],
    pub narrow_widths: [Constraint; 3],
}

impl Columns {
    fn row<'a>(&self, cells: [impl Into<ratatui::widgets::Cell<'a>>; 5]) -> Row<'a> {
        Row::new(
            cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| self.wide || !self.dropped.contains(i))
                .map(|(_, c)| c),
        )
    }

    fn widths(&self) -> Vec<Constraint> {
        if self.wide {
            self.wide_widths.to_vec()
        } else {
            self.narrow_widths.to_vec()
        }
    }

    /// Draws `rows` under the titles, the row `state` picks marked with `›`.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        rows: impl IntoIterator<Item = [String; 5]>,
        mut state: TableState,
        theme: &Theme,
    ) {
        let rows: Vec<Row> = rows.into_iter().map(|cells| self.row(cells)).collect();
        frame.render_stateful_widget(
            Table::new(rows, self.widths())
                .header(self.row(self.titles).style(theme.title))
                .row_highlight_style(theme.selected)
                .highlight_symbol("› "),
            area,
            &mut state,
        );
    }
}
