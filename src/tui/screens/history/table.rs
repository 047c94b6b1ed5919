//! The one table of History: five titled columns, two of which a narrow
//! terminal leaves out, and the picked row marked. Sessions and Exercises use it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::{Row, Table, TableState};

use crate::text::fit;
use crate::tui::theme::Theme;

/// What marks the picked row, in front of it.
const MARK: &str = "› ";

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
    /// The shown cells of a row, each cut with "…" to its column's width.
    fn row<'a>(&self, cells: [String; 5], widths: &[u16]) -> Row<'a> {
        Row::new(
            cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| self.wide || !self.dropped.contains(i))
                .zip(widths)
                .map(|((_, c), w)| fit(&c, usize::from(*w))),
        )
    }

    /// Each shown column's width in `area`, laid out as `Table` lays them
    /// out: the mark's room first, then the columns one space apart.
    fn column_widths(&self, area: Rect) -> Vec<u16> {
        let room = Rect {
            width: area.width.saturating_sub(MARK.chars().count() as u16),
            ..area
        };
        Layout::horizontal(self.widths())
            .flex(Flex::Start)
            .spacing(1)
            .split(room)
            .iter()
            .map(|r| r.width)
            .collect()
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
        let widths = self.column_widths(area);
        let rows: Vec<Row> = rows
            .into_iter()
            .map(|cells| self.row(cells, &widths))
            .collect();
        frame.render_stateful_widget(
            Table::new(rows, self.widths())
                .header(
                    self.row(self.titles.map(String::from), &widths)
                        .style(theme.title),
                )
                .row_highlight_style(theme.selected)
                .highlight_symbol(MARK),
            area,
            &mut state,
        );
    }
}
