//! The check-in's three optional rows after the scales: tags (what was
//! going on), where it hurts (the body map) and what was taken or done for
//! it. Each is marked with one key; none is needed to save.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keymap::{Action, Keymap};
use crate::model::{Answered, CheckInContext, Region, Treatment, tidy_word, word_key};
use crate::reading::checkin::Words;
use crate::text::{columns, fit, one_line};
use crate::tui::hits::{Hits, Target};
use crate::tui::keys;
use crate::tui::theme::Theme;
use crate::tui::widgets::body_map::{self, BodyMap};

/// One of the three rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Tags,
    Where,
    Took,
}

impl Row {
    pub const ALL: [Row; 3] = [Row::Tags, Row::Where, Row::Took];

    pub fn label(self) -> &'static str {
        match self {
            Row::Tags => "Tags",
            Row::Where => "Where it hurts",
            Row::Took => "What you took",
        }
    }
}

/// What the three rows hold and where their cursors are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// The tags offered, then any typed here.
    pub offered: Vec<String>,
    pub tags: Vec<String>,
    pub regions: Vec<Region>,
    /// Treatments taken before, then any typed here.
    pub remembered: Vec<Treatment>,
    pub took: Vec<Treatment>,
    /// The cursor in each row.
    pub cursor: [usize; 3],
    /// A new tag or treatment being typed.
    pub typing: Option<String>,
    /// Why the word typed was refused.
    pub problem: Option<String>,
    /// The store's words were asked for (see `Words`).
    pub asked: bool,
    /// The rows the focus reached (or the check-in corrected had answered).
    pub answered: Answered,
}

impl Rows {
    pub fn new() -> Rows {
        let mut rows = Rows::default();
        rows.offer(Words::default());
        rows
    }

    /// The words to offer, as read from the store, in place of those
    /// offered so far: what is marked stays.
    pub fn offer(&mut self, words: Words) {
        let mut offered = words.tags;
        for t in &self.tags {
            if !offered.iter().any(|o| word_key(o) == word_key(t)) {
                offered.push(t.clone());
            }
        }
        self.offered = offered;
        let mut remembered = words.treatments;
        for t in &self.took {
            if !remembered.contains(t) {
                remembered.push(t.clone());
            }
        }
        self.remembered = remembered;
        for row in [Row::Tags, Row::Took] {
            let last = self.len(row).saturating_sub(1);
            self.cursor[row as usize] = self.cursor[row as usize].min(last);
        }
    }

    /// What is marked, as the store keeps it, with the rows answered.
    pub fn context(&self) -> CheckInContext {
        let mut with = CheckInContext::new(&self.tags, self.regions.clone(), self.took.clone())
            .unwrap_or_else(|_| CheckInContext {
                tags: self.tags.clone(),
                regions: self.regions.clone(),
                took: self.took.clone(),
                answered: Answered::default(),
            });
        with.answered = self.answered;
        with
    }

    /// The focus reached `row`: it is answered, even with nothing marked.
    pub fn reached(&mut self, row: Row) {
        match row {
            Row::Tags => self.answered.tags = true,
            Row::Where => self.answered.regions = true,
            Row::Took => self.answered.took = true,
        }
    }

    fn len(&self, row: Row) -> usize {
        match row {
            Row::Tags => self.offered.len(),
            Row::Where => Region::ALL.len(),
            Row::Took => self.remembered.len(),
        }
    }

    /// Marks or unmarks the row's item at `i`.
    pub fn toggle(&mut self, row: Row, i: usize) {
        if i >= self.len(row) {
            return;
        }
        self.cursor[row as usize] = i;
        match row {
            Row::Tags => {
                let tag = &self.offered[i];
                if let Some(at) = self.tags.iter().position(|t| word_key(t) == word_key(tag)) {
                    self.tags.remove(at);
                } else {
                    self.tags.push(tag.clone());
                }
            }
            Row::Where => {
                let r = Region::ALL[i];
                if let Some(at) = self.regions.iter().position(|x| *x == r) {
                    self.regions.remove(at);
                } else {
                    self.regions.push(r);
                    self.regions.sort();
                }
            }
            Row::Took => {
                let t = &self.remembered[i];
                if let Some(at) = self.took.iter().position(|x| x == t) {
                    self.took.remove(at);
                } else {
                    self.took.push(t.clone());
                }
            }
        }
    }

    /// A key on `row`; `true` when the rows took it.
    pub fn handle(&mut self, row: Row, action: Option<Action>, code: char) -> bool {
        let at = &mut self.cursor[row as usize];
        let len = match row {
            Row::Tags => self.offered.len(),
            Row::Where => Region::ALL.len(),
            Row::Took => self.remembered.len(),
        };
        self.problem = None;
        match action {
            Some(Action::Less) => *at = at.saturating_sub(1),
            Some(Action::More) => *at = (*at + 1).min(len.saturating_sub(1)),
            Some(Action::First) => *at = 0,
            Some(Action::Last) => *at = len.saturating_sub(1),
            Some(Action::Toggle) => {
                let i = *at;
                self.toggle(row, i);
            }
            Some(Action::Clear) => match row {
                Row::Tags => self.tags.clear(),
                Row::Where => self.regions.clear(),
                Row::Took => self.took.clear(),
            },
            Some(Action::AddWord) if row != Row::Where => self.typing = Some(String::new()),
            None => {
                let i = match (row, code) {
                    (Row::Where, c) => body_map::region_of(c).map(|r| r as usize),
                    (_, c @ '1'..='9') => Some(usize::from(c as u8 - b'1')),
                    _ => None,
                };
                match i {
                    Some(i) => self.toggle(row, i),
                    None => return false,
                }
            }
            _ => return false,
        }
        true
    }

    /// Ends the word being typed: Enter adds it (marked), Esc drops it.
    pub fn finish_typing(&mut self, row: Row, keep: bool) {
        let Some(text) = self.typing.take() else {
            return;
        };
        if !keep || text.trim().is_empty() {
            return;
        }
        match row {
            Row::Tags => match tidy_word(&text, "tag") {
                Ok(tag) => {
                    let i = match self
                        .offered
                        .iter()
                        .position(|o| word_key(o) == word_key(&tag))
                    {
                        Some(i) => i,
                        None => {
                            self.offered.push(tag);
                            self.offered.len() - 1
                        }
                    };
                    if !self
                        .tags
                        .iter()
                        .any(|t| word_key(t) == word_key(&self.offered[i]))
                    {
                        self.toggle(Row::Tags, i);
                    }
                }
                Err(e) => {
                    self.problem = Some(e.to_string());
                    self.typing = Some(text);
                }
            },
            Row::Took => match Treatment::parse(&text) {
                Ok(t) => {
                    let i = match self.remembered.iter().position(|o| *o == t) {
                        Some(i) => i,
                        None => {
                            self.remembered.push(t);
                            self.remembered.len() - 1
                        }
                    };
                    if !self.took.contains(&self.remembered[i]) {
                        self.toggle(Row::Took, i);
                    }
                }
                Err(e) => {
                    self.problem = Some(e.to_string());
                    self.typing = Some(text);
                }
            },
            Row::Where => {}
        }
    }

    /// The row in one line: "Tags: poor sleep, travel", or "none".
    pub fn summary(&self, row: Row) -> String {
        let words: Vec<String> = match row {
            Row::Tags => self.tags.clone(),
            Row::Where => self.regions.iter().map(|r| r.label().to_string()).collect(),
            Row::Took => self.took.iter().map(ToString::to_string).collect(),
        };
        if words.is_empty() {
            "—".to_string()
        } else {
            words.join(", ")
        }
    }

    /// The row open in full in `area` (where the scales are drawn while
    /// one of these rows has the focus).
    pub fn draw_open(
        &self,
        row: Row,
        frame: &mut Frame,
        area: Rect,
        map: &Keymap,
        theme: &Theme,
        hits: &mut Hits,
    ) {
        let [head, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let add = keys::first(map, Action::AddWord);
        let toggle = keys::first(map, Action::Toggle);
        let help = match row {
            Row::Tags => format!("What was going on? A digit or {toggle} marks; {add} adds a word"),
            Row::Where => format!("Where does it hurt? Seen from behind; a key or {toggle} marks"),
            Row::Took => format!("What did you take or do? A digit or {toggle} marks; {add} adds"),
        };
        // Narrow, the question alone: the keys are in the footer.
        let help = if help.chars().count() > usize::from(area.width) {
            help.split(['?', ';'])
                .next()
                .map_or(String::new(), |q| format!("{q}?"))
        } else {
            help
        };
        frame.render_widget(
            Paragraph::new(Line::styled(help, theme.dim)).wrap(Wrap { trim: true }),
            head,
        );
        let cursor = self.cursor[row as usize];
        let mut body = body;
        if let Some(text) = &self.typing {
            let [line, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
            let what = if row == Row::Tags { "New tag" } else { "New" };
            let shown = match &self.problem {
                Some(p) => Line::styled(p.clone(), theme.warn),
                None => Line::from(vec![
                    Span::styled(format!("{what}: "), theme.title),
                    Span::raw(format!("{text}▏")),
                ]),
            };
            frame.render_widget(shown, line);
            body = rest;
        }
        if row == Row::Where {
            let [figure, list] =
                Layout::horizontal([Constraint::Length(body_map::WIDTH + 2), Constraint::Min(0)])
                    .areas(body);
            for (rect, region) in BodyMap::boxes(figure) {
                hits.add(rect, Target::Region(region));
            }
            frame.render_widget(
                BodyMap {
                    marked: &self.regions,
                    cursor: Region::ALL.get(cursor).copied(),
                    theme,
                },
                figure,
            );
            let mut lines = vec![Line::styled(
                format!("› {}", Region::ALL.get(cursor).map_or("", |r| r.label())),
                theme.title,
            )];
            if figure.height < body_map::HEIGHT - 1 {
                lines.push(Line::styled("  left side on the left", theme.dim));
            }
            for r in &self.regions {
                lines.push(Line::raw(format!("█ {}", r.label())));
            }
            frame.render_widget(Paragraph::new(lines), list);
            return;
        }
        let items: Vec<String> = match row {
            Row::Tags => self.offered.clone(),
            _ => self.remembered.iter().map(ToString::to_string).collect(),
        };
        let marked = |i: usize| match row {
            Row::Tags => self.tags.iter().any(|t| word_key(t) == word_key(&items[i])),
            _ => self.took.contains(&self.remembered[i]),
        };
        // Items are packed into lines whole; the lines around the cursor show.
        let mut lines: Vec<Line> = vec![Line::default()];
        let mut cursor_line = 0;
        for (i, item) in items.iter().enumerate() {
            let key = if i < 9 {
                format!("{}", i + 1)
            } else {
                " ".to_string()
            };
            let mark = if marked(i) { "[x]" } else { "[ ]" };
            let style = if i == cursor {
                theme.selected
            } else if marked(i) {
                theme.accent
            } else {
                Default::default()
            };
            let lead = if i == cursor { "›" } else { " " };
            let span = Span::styled(format!("{lead}{mark} {key} {item} "), style);
            let last = lines.last_mut().expect("one line at least");
            if last.width() > 0 && last.width() + span.width() > usize::from(body.width) {
                lines.push(Line::default());
            }
            if i == cursor {
                cursor_line = lines.len() - 1;
            }
            lines.last_mut().expect("one line at least").push_span(span);
        }
        if items.is_empty() {
            lines = vec![Line::styled(
                format!("Nothing yet: {add} to type what you took, e.g. ibuprofen 400 mg"),
                theme.dim,
            )];
        }
        let rows = usize::from(body.height.max(1));
        let first = (cursor_line + 1).saturating_sub(rows);
        frame.render_widget(
            Paragraph::new(lines.into_iter().skip(first).collect::<Vec<_>>())
                .wrap(Wrap { trim: false }),
            body,
        );
    }
}

impl super::CheckInForm {
    /// The optional rows, in one line each or one for the three.
    pub(super) fn draw_rows(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width = usize::from(area.width);
        let line = |row: Row| {
            let focused = self.row() == Some(row);
            let label = format!("{}: ", row.label());
            let room = width.saturating_sub(2 + columns(&label));
            Line::from(vec![
                Span::styled(if focused { "› " } else { "  " }, theme.accent),
                Span::styled(
                    label,
                    if focused {
                        theme.title
                    } else {
                        Default::default()
                    },
                ),
                Span::raw(fit(&one_line(&self.rows.summary(row)), room)),
            ])
        };
        if area.height >= 3 {
            for (i, row) in Row::ALL.into_iter().enumerate() {
                let at = Rect {
                    y: area.y + i as u16,
                    height: 1,
                    ..area
                };
                frame.render_widget(line(row), at);
            }
        } else if let Some(row) = self.row() {
            frame.render_widget(line(row), area);
        } else {
            let held: Vec<String> = Row::ALL
                .into_iter()
                .map(|r| self.rows.summary(r))
                .filter(|s| s != "—")
                .collect();
            let text = if held.is_empty() {
                Span::styled("  Tags, where it hurts, what you took: Tab", theme.dim)
            } else {
                Span::raw(format!(
                    "  With: {}",
                    fit(&one_line(&held.join(" · ")), width.saturating_sub(8))
                ))
            };
            frame.render_widget(Line::from(text), area);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_TAGS;

    #[test]
    fn a_word_typed_again_in_other_capitals_is_the_one_offered_and_marked_once() {
        let mut rows = Rows::new();
        rows.typing = Some("Poor  Sleep".into());
        rows.finish_typing(Row::Tags, true);
        assert_eq!(rows.tags, ["poor sleep"]);
        assert_eq!(rows.offered.len(), DEFAULT_TAGS.len());
        // Marked already: typing it again leaves it marked, not unmarked.
        rows.typing = Some("poor sleep".into());
        rows.finish_typing(Row::Tags, true);
        assert_eq!(rows.tags, ["poor sleep"]);
        // Esc drops what was typed.
        rows.typing = Some("travel".into());
        rows.finish_typing(Row::Tags, false);
        assert_eq!(rows.tags, ["poor sleep"]);
        assert_eq!(rows.typing, None);
    }

    #[test]
    fn what_is_marked_stays_when_the_stores_words_arrive_late() {
        let mut rows = Rows::new();
        rows.typing = Some("gardening".into());
        rows.finish_typing(Row::Tags, true);
        rows.handle(Row::Where, None, '-');
        rows.offer(Words {
            tags: vec!["travel".into()],
            treatments: vec![Treatment::parse("heat pack").expect("t")],
        });
        assert_eq!(rows.offered, ["travel", "gardening"]);
        assert_eq!(rows.context().tags, ["gardening"]);
        assert_eq!(rows.context().regions, [Region::FootRight]);
        rows.handle(Row::Took, None, '1');
        assert_eq!(rows.summary(Row::Took), "heat pack");
        assert_eq!(rows.summary(Row::Tags), "gardening");
        rows.handle(Row::Tags, Some(Action::Clear), '\0');
        assert_eq!(rows.summary(Row::Tags), "—");
    }
}
