//! History: the user's own numbers over time, in five tabs — trends,
//! activity, sessions, exercises and the progress report — over a range
//! they pick (two weeks, three months, a year, everything).

mod activity;
mod sessions;
mod table;
mod trends;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, TableState, Tabs, Wrap};
use time::Date;

use crate::insights::report::Report;
use crate::insights::{self, Range};
use crate::keymap::{Action, Keymap};
use crate::model::ExerciseRecord;
use crate::model::{DayCheckins, DaySessions, ExerciseStat, Scale};
use crate::store::SessionLine;
use crate::text::one_line;
use crate::tui::{keys, theme};
use table::Columns;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Trends,
    Activity,
    Sessions,
    Exercises,
    Report,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Trends,
        Tab::Activity,
        Tab::Sessions,
        Tab::Exercises,
        Tab::Report,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Trends => "Trends",
            Tab::Activity => "Activity",
            Tab::Sessions => "Sessions",
            Tab::Exercises => "Exercises",
            Tab::Report => "Report",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Everything History shows for one range, read by the loop.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryData {
    pub range: Range,
    pub from: Date,
    pub to: Date,
    pub checkins: Vec<DayCheckins>,
    pub sessions: Vec<DaySessions>,
    pub session_lines: Vec<SessionLine>,
    /// Favourites first.
    pub exercises: Vec<ExerciseStat>,
    /// The twelve-week report ending today.
    pub report: Report,
    pub streak: u32,
    pub longest_streak: u32,
    /// Flare days in the range.
    pub flares: Vec<Date>,
    /// Exercises the user fears, by name.
    pub feared: Vec<String>,
    /// Expected against actual pain, per exercise with any answer in the range.
    pub exposures: Vec<(String, Vec<crate::model::Exposure>)>,
    pub this_week: u32,
    pub weekly_goal: u32,
}

/// One session opened from the Sessions tab.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDetail {
    pub line: SessionLine,
    pub exercises: Vec<ExerciseRecord>,
}

#[derive(Debug, Clone)]
pub struct History {
    pub tab: Tab,
    pub range: Range,
    pub data: Option<HistoryData>,
    pub sessions: TableState,
    pub exercises: TableState,
    pub detail: Option<SessionDetail>,
    /// On Trends: one scale in close-up (p, a, m), or all three.
    pub focus: Option<Scale>,
    /// How far the Report tab is scrolled (↑ ↓ on a small terminal).
    pub report_scroll: u16,
}

/// What a key on History asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Back,
    /// Read the data for this range.
    Load(Range),
    /// Read one session's exercises.
    Open(i64),
}

impl History {
    pub fn new(range: Range) -> History {
        History {
            tab: Tab::Trends,
            range,
            data: None,
            sessions: TableState::default().with_selected(Some(0)),
            exercises: TableState::default().with_selected(Some(0)),
            detail: None,
            focus: None,
            report_scroll: 0,
        }
    }

    fn rows(&self) -> usize {
        let Some(data) = &self.data else { return 0 };
        match self.tab {
            Tab::Sessions => data.session_lines.len(),
            Tab::Exercises => data.exercises.len(),
            _ => 0,
        }
    }

    /// A key press and its action; a tab's number is read from the key.
    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>) -> Outcome {
        if self.detail.is_some() {
            if matches!(action, Some(Action::Back | Action::Open)) {
                self.detail = None;
            }
            return Outcome::None;
        }
        let rows = self.rows();
        let table = match self.tab {
            Tab::Exercises => Some(&mut self.exercises),
            Tab::Sessions => Some(&mut self.sessions),
            _ => None,
        };
        match (action, key.code) {
            (Some(Action::Back), _) => return Outcome::Back,
            (Some(Action::NextTab), _) => {
                self.tab = Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()];
            }
            (Some(Action::PreviousTab), _) => {
                self.tab = Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()];
            }
            (None, KeyCode::Char(c @ '1'..='5'))
                if !key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.tab = Tab::ALL[(c as u8 - b'1') as usize];
            }
            (Some(a @ (Action::ShorterRange | Action::LongerRange)), _) => {
                let range = self
                    .range
                    .step(if a == Action::ShorterRange { -1 } else { 1 });
                if range != self.range {
                    self.range = range;
                    // "reading…" until the new range arrives, not the old
                    // range's numbers under the new range's name.
                    self.data = None;
                    self.sessions.select(Some(0));
                    self.exercises.select(Some(0));
                    return Outcome::Load(range);
                }
            }
            (Some(Action::Down), _) if self.tab == Tab::Report => {
                self.report_scroll = (self.report_scroll + 1).min(30);
            }
            (Some(Action::First), _) if self.tab == Tab::Report => self.report_scroll = 0,
            (Some(Action::Last), _) if self.tab == Tab::Report => self.report_scroll = 30,
            (Some(Action::Up), _) if self.tab == Tab::Report => {
                self.report_scroll = self.report_scroll.saturating_sub(1);
            }
            (Some(Action::PageDown), _) => {
                if let Some(t) = table {
                    t.select(Some(
                        (t.selected().unwrap_or(0) + 10).min(rows.saturating_sub(1)),
                    ));
                }
            }
            (Some(Action::PageUp), _) => {
                if let Some(t) = table {
                    t.select(Some(t.selected().unwrap_or(0).saturating_sub(10)));
                }
            }
            (Some(a @ (Action::Pain | Action::Anxiety | Action::Mood)), _)
                if self.tab == Tab::Trends =>
            {
                let scale = match a {
                    Action::Pain => Scale::Pain,
                    Action::Anxiety => Scale::Anxiety,
                    _ => Scale::Mood,
                };
                self.focus = if self.focus == Some(scale) {
                    None
                } else {
                    Some(scale)
                };
            }
            (Some(Action::Open), _) if self.tab == Tab::Sessions => {
                let line = self
                    .data
                    .as_ref()
                    .and_then(|d| d.session_lines.get(self.sessions.selected().unwrap_or(0)));
                if let Some(line) = line {
                    return Outcome::Open(line.id);
                }
            }
            (Some(a), _) => {
                if let Some(t) = table
                    && let Some(i) = keys::list_move(a, t.selected().unwrap_or(0), rows)
                {
                    t.select(Some(i));
                }
            }
            (None, _) => {}
        }
        Outcome::None
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, map: &Keymap) {
        let [tabs, range, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        // A narrow terminal names only the tab that is open.
        let narrow = tabs.width < 56;
        frame.render_widget(
            Tabs::new(Tab::ALL.iter().enumerate().map(|(i, t)| {
                if narrow && *t != self.tab {
                    format!("{}", i + 1)
                } else {
                    format!("{} {}", i + 1, t.title())
                }
            }))
            .select(self.tab.index())
            .highlight_style(theme::selected())
            .padding("", "")
            .divider(" "),
            tabs,
        );
        let range_text = match (&self.data, self.tab) {
            (Some(d), Tab::Report) => format!(
                "The last 12 weeks: {} to {}",
                d.report.window.from, d.report.window.to
            ),
            (Some(d), _) => format!("{} · {} to {}", self.range.title(), d.from, d.to),
            (None, _) => format!("{} · reading…", self.range.title()),
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(
                    format!("{} ", keys::first(map, Action::ShorterRange)),
                    theme::key(),
                ),
                Span::raw(range_text),
                Span::styled(
                    format!(" {}", keys::first(map, Action::LongerRange)),
                    theme::key(),
                ),
            ]),
            range,
        );
        frame.render_widget(keys::footer(map, keys::HISTORY, footer.width), footer);
        let Some(data) = &self.data else { return };
        let body = Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        };
        if let Some(detail) = &self.detail {
            sessions::draw_detail(frame, body, detail, map);
            return;
        }
        match self.tab {
            Tab::Trends => trends::draw(frame, body, data, self.focus, map),
            Tab::Activity => activity::draw(frame, body, data),
            Tab::Sessions => sessions::draw(frame, body, data, &self.sessions, map),
            Tab::Exercises => draw_exercises(frame, body, data, &self.exercises),
            Tab::Report => draw_report(frame, body, data, self.report_scroll),
        }
    }
}

/// A kind word in place of an empty chart or table.
fn empty(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(text.to_string())
            .style(theme::dim())
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// "Nov 25" on a short axis, "Nov 2024" on one longer than half a year.
fn axis_date(d: Date, long: bool) -> String {
    let month = &d.month().to_string()[..3];
    if long {
        format!("{month} {}", d.year())
    } else {
        format!("{month} {:02}", d.day())
    }
}

fn draw_exercises(frame: &mut Frame, area: Rect, data: &HistoryData, state: &TableState) {
    if data.exercises.is_empty() {
        empty(
            frame,
            area,
            "No exercises done in this range yet. After a guided session, rate how each exercise felt (1–5) and your favourites rise to the top here.",
        );
        return;
    }
    // A feared exercise, when picked, gets its expected / actual panel below.
    let picked = data
        .exercises
        .get(state.selected().unwrap_or(0))
        .map(|e| e.name.as_str());
    let panel_for = picked.filter(|name| {
        data.feared.iter().any(|f| f == name) || data.exposures.iter().any(|(n, _)| n == name)
    });
    let area = match panel_for {
        Some(name) if area.height >= 12 => {
            let [table, panel] =
                Layout::vertical([Constraint::Min(4), Constraint::Length(8)]).areas(area);
            draw_exposure(frame, panel, data, name);
            table
        }
        // Too short for the chart: the gap in words, on one line.
        Some(name) if area.height >= 4 => {
            let [table, line] =
                Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(area);
            let tries = data
                .exposures
                .iter()
                .find(|(n, _)| n == name)
                .map_or(&[][..], |(_, t)| t.as_slice());
            let text = insights::exposure_stat(tries).map_or_else(
                || "◆ feared: no answers yet".to_string(),
                |s| format!("◆ {}", s.sentence()),
            );
            frame.render_widget(Line::styled(text, theme::dim()), line);
            table
        }
        _ => area,
    };
    // A narrow terminal keeps the name, the comfort and the pain change.
    let columns = Columns {
        titles: ["Exercise", "Done", "Last", "Comfort", "Pain ±"],
        wide: area.width >= 64,
        dropped: [1, 2],
        wide_widths: [
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(16),
            Constraint::Length(11),
        ],
        narrow_widths: [
            Constraint::Fill(1),
            Constraint::Length(9),
            Constraint::Length(9),
        ],
    };
    let wide = columns.wide;
    let rows = data.exercises.iter().map(|e| {
        let comfort = match e.comfort {
            Some(c) if wide => format!("{} {c:.1} ({})", "★".repeat(c.round() as usize), e.ratings),
            Some(c) => format!("★{c:.1} ({})", e.ratings),
            None => "not rated".to_string(),
        };
        let pain = match e.pain_change {
            Some(p) if e.pain_n > 0 => format!(
                "{}{:.1} ({})",
                if p < 0.0 { "−" } else { "+" },
                p.abs(),
                e.pain_n
            ),
            _ => "–".to_string(),
        };
        let feared = if data.feared.contains(&e.name) {
            "◆ "
        } else {
            ""
        };
        [
            format!("{feared}{}", one_line(&e.name)),
            e.times.to_string(),
            e.last.to_string(),
            comfort,
            pain,
        ]
    });
    columns.draw(frame, area, rows, *state);
}

/// Expected against actual pain of one feared exercise: two lines over
/// time, and the mean gap in words with its number of tries.
fn draw_exposure(frame: &mut Frame, area: Rect, data: &HistoryData, name: &str) {
    let tries: &[crate::model::Exposure] = data
        .exposures
        .iter()
        .find(|(n, _)| n == name)
        .map_or(&[], |(_, t)| t.as_slice());
    let [sentence, chart_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let Some(stat) = insights::exposure_stat(tries) else {
        frame.render_widget(
            Paragraph::new(format!(
                "◆ {} is an exercise you fear. Before its first set limber asks how much you expect it to hurt, and after its last how much it did; here the two will meet.",
                one_line(name)
            ))
            .style(theme::dim())
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled(format!("◆ {}: ", one_line(name)), theme::title()),
            Span::raw(stat.sentence()),
        ]),
        sentence,
    );
    let x = |d: Date| (d - data.from).whole_days() as f64;
    let expected: Vec<(f64, f64)> = tries
        .iter()
        .filter_map(|t| Some((x(t.date), f64::from(t.expected?))))
        .collect();
    let actual: Vec<(f64, f64)> = tries
        .iter()
        .filter_map(|t| Some((x(t.date), f64::from(t.actual?))))
        .collect();
    let span = x(data.to).max(1.0);
    let chart = Chart::new(vec![
        Dataset::default()
            .name("• expected")
            .data(&expected)
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme::warn()),
        Dataset::default()
            .name("█ actual")
            .data(&actual)
            .marker(Marker::Block)
            .graph_type(GraphType::Line)
            .style(theme::good()),
    ])
    .x_axis(
        Axis::default()
            .bounds([0.0, span])
            .labels([
                axis_date(data.from, span > 180.0),
                axis_date(data.to, span > 180.0),
            ])
            .style(theme::dim()),
    )
    .y_axis(
        Axis::default()
            .bounds([0.0, 10.0])
            .labels(["0", "10"])
            .style(theme::dim()),
    )
    .legend_position(Some(ratatui::widgets::LegendPosition::TopRight))
    .hidden_legend_constraints((Constraint::Percentage(50), Constraint::Percentage(80)));
    frame.render_widget(chart, chart_area);
}

fn draw_report(frame: &mut Frame, area: Rect, data: &HistoryData, scroll: u16) {
    let mut lines: Vec<Line> = data.report.lines().into_iter().map(Line::raw).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(Report::NOTE, theme::dim()));
    lines.push(Line::styled(
        "The same from the shell: limber report",
        theme::dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        area,
    );
}
