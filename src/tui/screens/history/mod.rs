//! History: the user's own numbers over time, in seven tabs — trends,
//! activity, sessions, exercises, the progress report, the diary of every
//! entry, and progress (levels, fitness tests, WHO-5) — over a range they
//! pick (two weeks, three months, a year, everything).

mod activity;
pub mod diary;
pub mod entry_form;
mod exercises;
mod progress;
mod report;
mod sessions;
mod table;
mod trends;

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, TableState, Tabs};
use time::Date;

use crate::insights::Range;
use crate::insights::report::Report;
use crate::keymap::Action;
use crate::model::ExerciseRecord;
use crate::model::{DayCheckins, DaySessions, ExerciseStat, Scale};
use crate::store::SessionLine;
use crate::tui::hits::{Hits, Target};
use crate::tui::screens::Context;
use crate::tui::{Effect, keys, theme::Theme};
use diary::{Diary, DiaryEntry};

/// What `Tabs` draws between two tab titles.
const TAB_DIVIDER: &str = " ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Trends,
    Activity,
    Sessions,
    Exercises,
    Report,
    Diary,
    Progress,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Trends,
        Tab::Activity,
        Tab::Sessions,
        Tab::Exercises,
        Tab::Report,
        Tab::Diary,
        Tab::Progress,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Trends => "Trends",
            Tab::Activity => "Activity",
            Tab::Sessions => "Sessions",
            Tab::Exercises => "Exercises",
            Tab::Report => "Report",
            Tab::Diary => "Diary",
            Tab::Progress => "Progress",
        }
    }

    /// Its place among the tabs, from 0 (its key is one more).
    pub fn index(self) -> usize {
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
    /// This week, its goal and the streak, as Today shows them.
    pub progress: crate::insights::Progress,
    /// The longest run of weeks that met their goal.
    pub longest_streak: u32,
    /// Flare days in the range.
    pub flares: Vec<Date>,
    /// Exercises the user fears, by name.
    pub feared: Vec<String>,
    /// Expected against actual pain, per exercise with any answer in the range.
    pub exposures: Vec<(String, Vec<crate::model::Exposure>)>,
    /// Sessions a week before a flare day eases it: the programme's while
    /// one runs, else config.toml's `weekly_goal`.
    pub weekly_goal: u32,
    /// The day weeks begin on: the programme's start day while one runs,
    /// else config.toml's `week_start`.
    pub week_start: time::Weekday,
    /// Each stepped exercise's level week by week, in the programme
    /// followed now.
    pub levels: Option<crate::reading::programme::LevelsByWeek>,
    /// Fitness test results and WHO-5 answers in the range, oldest first.
    pub fitness: Vec<crate::model::FitnessResult>,
    pub who5: Vec<crate::model::Who5Result>,
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
    /// How far the Progress tab is scrolled.
    pub progress_scroll: u16,
    pub diary: Diary,
}

/// What a key on History asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    None,
    Back,
    /// Read the data for this range.
    Load(Range),
    /// Read one session's exercises.
    Open(i64),
    /// What the Diary asks the loop to do: correct, delete, undo, read.
    Do(Effect),
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
            progress_scroll: 0,
            diary: Diary::default(),
        }
    }

    /// Fresh data for the range shown.
    pub fn loaded(&mut self, data: HistoryData) {
        self.data = Some(data);
    }

    /// The range whose entries the Diary tab, now shown, still needs read
    /// (asked once): only the Diary reads every entry, so the other tabs
    /// never wait for them.
    pub fn diary_wanted(&mut self) -> Option<Range> {
        let wanted = self.tab == Tab::Diary
            && self.diary.entries.is_none()
            && self.diary.reading != Some(self.range);
        wanted.then(|| {
            self.diary.reading = Some(self.range);
            self.range
        })
    }

    /// The Diary's entries, read for `range`; kept if it is still the one shown.
    pub fn diary_loaded(&mut self, range: Range, entries: Vec<DiaryEntry>) {
        if range == self.range {
            self.diary.loaded(entries);
        }
    }

    /// The keymap's screen, where the Diary asks or has a form open: `None`
    /// while text is typed.
    pub fn scope(&self) -> Option<crate::keymap::Scope> {
        if self.tab == Tab::Diary
            && let Some(scope) = self.diary.scope()
        {
            return scope;
        }
        Some(crate::keymap::Scope::History)
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
    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>, now: Instant) -> Outcome {
        if self.tab == Tab::Diary
            && let Some(outcome) = self.diary.handle_key(key, action, now)
        {
            return outcome;
        }
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
            (None, KeyCode::Char(c @ '1'..='7'))
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
                    self.diary = Diary::default();
                    return Outcome::Load(range);
                }
            }
            (Some(a @ (Action::Up | Action::Down | Action::First | Action::Last)), _)
                if self.tab == Tab::Progress =>
            {
                self.progress_scroll = match a {
                    Action::Up => self.progress_scroll.saturating_sub(1),
                    Action::Down => (self.progress_scroll + 1).min(40),
                    Action::First => 0,
                    _ => 40,
                };
            }
            (Some(Action::Down), _) if self.tab == Tab::Report => {
                self.report_scroll = (self.report_scroll + 1).min(30);
            }
            (Some(Action::First), _) if self.tab == Tab::Report => self.report_scroll = 0,
            (Some(Action::Last), _) if self.tab == Tab::Report => self.report_scroll = 30,
            (Some(Action::Up), _) if self.tab == Tab::Report => {
                self.report_scroll = self.report_scroll.saturating_sub(1);
            }
            (Some(Action::PageDown), _) if self.tab == Tab::Report => {
                self.report_scroll = (self.report_scroll + 10).min(30);
            }
            (Some(Action::PageUp), _) if self.tab == Tab::Report => {
                self.report_scroll = self.report_scroll.saturating_sub(10);
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

    /// Draws History, and records where each tab is for clicks.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, hits: &mut Hits) {
        let (map, theme, _now) = (cx.map, cx.theme, cx.now);
        // A Diary entry being corrected has the whole screen.
        if self.tab == Tab::Diary
            && let Some(editing) = &self.diary.editing
        {
            editing.draw(frame, area, cx);
            return;
        }
        let [tabs, range, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        // A narrow terminal names only the tab that is open.
        let narrow = tabs.width < 56;
        let titles: Vec<String> = Tab::ALL
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if narrow && *t != self.tab {
                    format!("{}", i + 1)
                } else {
                    format!("{} {}", i + 1, t.title())
                }
            })
            .collect();
        // Each title where `Tabs` puts it: one after the other, no padding,
        // the divider between.
        let mut x = tabs.x;
        for (title, tab) in titles.iter().zip(Tab::ALL) {
            let width = Line::raw(title.as_str()).width() as u16;
            hits.add(
                Rect { x, width, ..tabs }.intersection(tabs),
                Target::Tab(tab),
            );
            x = x.saturating_add(width + TAB_DIVIDER.len() as u16);
        }
        frame.render_widget(
            Tabs::new(titles)
                .select(self.tab.index())
                .highlight_style(theme.selected)
                .padding("", "")
                .divider(TAB_DIVIDER),
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
                    theme.key,
                ),
                Span::raw(crate::text::fit(
                    &range_text,
                    usize::from(range.width.saturating_sub(4)),
                )),
                Span::styled(
                    format!(" {}", keys::first(map, Action::LongerRange)),
                    theme.key,
                ),
            ]),
            range,
        );
        let footer_keys = match (self.tab, &self.diary.asking) {
            (Tab::Diary, Some(_)) => keys::DELETE,
            (Tab::Diary, None) => keys::DIARY,
            (Tab::Progress, _) => keys::PROGRESS,
            (tab, _) => keys::HISTORY_TABS
                .get(tab.index())
                .copied()
                .unwrap_or(keys::HISTORY),
        };
        frame.render_widget(keys::footer(map, footer_keys, footer.width, theme), footer);
        let Some(data) = &self.data else { return };
        let body = Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        };
        if let Some(detail) = &self.detail {
            sessions::draw_detail(frame, body, detail, map, theme);
            return;
        }
        match self.tab {
            Tab::Trends => trends::draw(frame, body, data, self.focus, map, theme),
            Tab::Activity => activity::draw(frame, body, data, theme),
            Tab::Sessions => sessions::draw(frame, body, data, &self.sessions, map, theme),
            Tab::Exercises => exercises::draw(frame, body, data, &self.exercises, theme),
            Tab::Report => report::draw(frame, body, data, self.report_scroll, theme),
            Tab::Diary => self.diary.draw(frame, body, map, theme),
            Tab::Progress => {
                // Scrolled no further than its last line at the top.
                let most = progress::lines_count(data, body.width, map).saturating_sub(1);
                let scroll = self.progress_scroll.min(most);
                progress::draw(frame, body, data, scroll, map, theme);
            }
        }
    }
}

/// A kind word in place of an empty chart or table.
fn empty(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let lines = crate::text::fit_lines(text, usize::from(area.width), usize::from(area.height));
    frame.render_widget(
        Paragraph::new(lines.into_iter().map(Line::raw).collect::<Vec<_>>()).style(theme.dim),
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
