//! Programme: the one followed now, where the person is in it (as `limber
//! programme status` says it), the programmes to start (as `limber
//! programme list` says them), and a question before starting or stopping.
//! The words come from `reading::programme::words`, shared with the shell.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use crate::keymap::{Action, Keymap};
use crate::programme::Programme;
use crate::reading::programme::words;
use crate::text::{columns, fit, one_line, wrap};
use crate::tui::hits::Hits;
use crate::tui::screens::Context;
use crate::tui::{keys, theme::Theme};

/// What the screen shows, read by the loop.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeData {
    pub today: time::Date,
    /// Every programme, then every file that cannot be used.
    pub entries: Vec<Entry>,
    /// The one followed now, if any.
    pub running: Option<Running>,
    /// The programmes folder could not be read: why.
    pub note: Option<String>,
}

/// A programme in the list: its slug and its line as `programme list`
/// writes it; `None` for a file that cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub slug: String,
    pub line: String,
    pub programme: Option<Box<Programme>>,
}

/// The programme followed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub slug: String,
    pub name: String,
    /// `programme status`'s lines (or why its file cannot be read).
    pub lines: Vec<String>,
}

/// A question waiting for yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// Start the programme at this index of the list.
    Start(usize),
    Stop,
}

#[derive(Debug, Clone, Default)]
pub struct ProgrammeScreen {
    /// `None` until read.
    pub data: Option<ProgrammeData>,
    /// The programme picked in the list (none followed).
    pub selected: usize,
    /// How far the status is scrolled (one followed), in rows.
    pub scroll: u16,
    pub asking: Option<Asking>,
}

/// What a key here asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Back,
    /// Start following the programme with this slug (asked and answered).
    Start(String),
    /// Stop following the programme (asked and answered).
    Stop,
    /// A word for the bottom line.
    Say(String),
}

impl ProgrammeScreen {
    pub fn loaded(&mut self, data: ProgrammeData) {
        self.selected = self.selected.min(data.entries.len().saturating_sub(1));
        self.scroll = 0;
        self.data = Some(data);
        self.asking = None;
    }

    /// What an action does here; `size` is the terminal's, for how far
    /// the status can scroll.
    pub fn handle_key(
        &mut self,
        action: Option<Action>,
        map: &Keymap,
        size: (u16, u16),
    ) -> Outcome {
        let Some(data) = &self.data else {
            return match action {
                Some(Action::Back) => Outcome::Back,
                _ => Outcome::None,
            };
        };
        if let Some(asking) = self.asking {
            return match action {
                Some(Action::Yes) => {
                    self.asking = None;
                    match asking {
                        Asking::Start(i) => data
                            .entries
                            .get(i)
                            .map_or(Outcome::None, |e| Outcome::Start(e.slug.clone())),
                        Asking::Stop => Outcome::Stop,
                    }
                }
                Some(Action::No) => {
                    self.asking = None;
                    Outcome::None
                }
                _ => Outcome::None,
            };
        }
        match (action, &data.running) {
            (Some(Action::Back), _) => Outcome::Back,
            (Some(Action::Open), Some(running)) => Outcome::Say(format!(
                "You are following {} already; {} stops it first (its history is kept).",
                one_line(&running.name),
                keys::first(map, Action::StopProgramme)
            )),
            (Some(Action::Open), None) => match data.entries.get(self.selected) {
                Some(entry) if entry.programme.is_none() => Outcome::Say(format!(
                    "{} cannot be used: {}",
                    one_line(&entry.slug),
                    entry.line
                )),
                Some(_) => {
                    self.asking = Some(Asking::Start(self.selected));
                    Outcome::None
                }
                None => Outcome::None,
            },
            (Some(Action::StopProgramme), Some(_)) => {
                self.asking = Some(Asking::Stop);
                Outcome::None
            }
            (Some(Action::StopProgramme), None) => {
                Outcome::Say(format!("{} Nothing to stop.", words::NONE))
            }
            // With one followed, the status scrolls; the list is only read.
            // The body is the screen less a column each side, the title
            // and the footer, as `draw` lays it out.
            (Some(a), Some(_)) => {
                let (_, _, room) = rows(data, size.1.saturating_sub(2));
                let width = usize::from(size.0.saturating_sub(2));
                let lines = self.top_lines(data, width, &Theme::default()).len();
                let most = lines.saturating_sub(usize::from(room));
                let at = usize::from(self.scroll).min(most);
                if let Some(i) = keys::list_move(a, at, most + 1) {
                    self.scroll = u16::try_from(i).unwrap_or(u16::MAX);
                }
                Outcome::None
            }
            (Some(a), None) => {
                if let Some(i) = keys::list_move(a, self.selected, data.entries.len()) {
                    self.selected = i;
                }
                Outcome::None
            }
            (None, _) => Outcome::None,
        }
    }

    /// The question asked now, in the command's words.
    fn question(&self, data: &ProgrammeData) -> Option<Vec<String>> {
        match self.asking? {
            Asking::Start(i) => {
                let p = data.entries.get(i)?.programme.as_deref()?;
                let days = words::planned_days(None, p.sessions_per_week).ok()?;
                Some(words::start_question(p, data.today, &days))
            }
            Asking::Stop => Some(vec![words::stop_question(&data.running.as_ref()?.name)]),
        }
    }

    /// What the top of the screen says: where the person is in the one
    /// followed, or that none is and what the picked one would mean.
    fn top_lines(&self, data: &ProgrammeData, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines: Vec<Line> = Vec::new();
        let mut add = |text: &str, style| {
            if text.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.extend(
                wrap(text, width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
        };
        match &data.running {
            Some(running) => {
                for (i, text) in running.lines.iter().enumerate() {
                    let style = match i {
                        0 => theme.title,
                        1 => theme.accent,
                        _ => Style::default(),
                    };
                    add(text, style);
                }
            }
            None => {
                add(words::NONE, theme.accent);
                let picked = data
                    .entries
                    .get(self.selected)
                    .and_then(|e| e.programme.as_deref());
                if let Some(p) = picked {
                    add("", Style::default());
                    add(&one_line(&p.name), theme.title);
                    if let Ok(days) = words::planned_days(None, p.sessions_per_week) {
                        add(
                            &format!(
                                "If you start it today: {}.",
                                words::plan(p, data.today, &days)
                            ),
                            theme.dim,
                        );
                    }
                    if !p.description.is_empty() {
                        add(&one_line(&p.description), Style::default());
                    }
                }
            }
        }
        lines
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Line::from(vec![
                Span::styled("limber", theme.title),
                Span::styled(" · programme", theme.dim),
            ]),
            header,
        );
        let Some(data) = &self.data else {
            frame.render_widget(Line::styled("…", theme.dim), body);
            frame.render_widget(
                keys::footer(map, keys::PROGRAMME_NONE, footer.width, theme),
                footer,
            );
            return;
        };
        let width = usize::from(body.width);
        if let Some(question) = self.question(data) {
            let mut lines: Vec<Line> = Vec::new();
            for (i, text) in question.iter().enumerate() {
                if i > 0 {
                    lines.push(Line::raw(""));
                }
                let style = if i == 0 { theme.accent } else { theme.dim };
                lines.extend(
                    wrap(text, width)
                        .into_iter()
                        .map(|l| Line::styled(l, style)),
                );
            }
            let more = match (self.asking, data.entries.get(self.selected)) {
                (Some(Asking::Start(_)), Some(e)) => {
                    format!("all of it: limber programme show {}", one_line(&e.slug))
                }
                _ => "more".to_string(),
            };
            draw_cut(frame, body, (lines, 0), &more, theme);
            let rows = match self.asking {
                Some(Asking::Stop) => keys::PROGRAMME_STOP,
                _ => keys::PROGRAMME_START,
            };
            frame.render_widget(keys::footer(map, rows, footer.width, theme), footer);
            return;
        }
        let followed = data.running.is_some();
        let top = self.top_lines(data, width, theme);
        let (list_rows, title_rows, room) = rows(data, body.height);
        let top_rows = u16::try_from(top.len()).unwrap_or(u16::MAX).min(room);
        let [top_area, _gap, list_title, list, _rest] = Layout::vertical([
            Constraint::Length(top_rows),
            Constraint::Length(title_rows),
            Constraint::Length(title_rows),
            Constraint::Length(list_rows),
            Constraint::Min(0),
        ])
        .areas(body);
        let in_sight = top.len() <= usize::from(top_area.height);
        if followed {
            let more = format!("more below: {}", keys::first(map, Action::Down));
            draw_cut(frame, top_area, (top, self.scroll), &more, theme);
        } else {
            // The picked one's description comes last: cut, it ends in
            // "…" (here the arrows pick, they do not scroll).
            let rows = usize::from(top_area.height);
            let mut top = top;
            if top.len() > rows {
                top.truncate(rows);
                if let Some(last) = top.last_mut() {
                    let text = format!("{last} …");
                    *last = Line::styled(fit(&text, width), last.style);
                }
            }
            frame.render_widget(ratatui::widgets::Paragraph::new(top), top_area);
        }
        let title = if followed {
            "Programmes (one at a time)"
        } else {
            "Programmes"
        };
        frame.render_widget(Line::styled(fit(title, width), theme.dim), list_title);
        let slug_width = data
            .entries
            .iter()
            .map(|e| columns(&one_line(&e.slug)))
            .max()
            .unwrap_or(0);
        let room = width.saturating_sub(2);
        // Narrow: the line alone, which begins with the name.
        let slugs = room >= slug_width + 40;
        let mut items: Vec<ListItem> = data
            .entries
            .iter()
            .map(|e| {
                let style = if e.programme.is_some() {
                    Style::default()
                } else {
                    theme.warn
                };
                if !slugs {
                    let text = if e.programme.is_some() {
                        e.line.clone()
                    } else {
                        format!("{}: {}", one_line(&e.slug), e.line)
                    };
                    return ListItem::new(Line::styled(fit(&text, room), style));
                }
                let slug = one_line(&e.slug);
                let pad = slug_width.saturating_sub(columns(&slug));
                ListItem::new(Line::from(vec![
                    Span::styled(format!("{slug}{}", " ".repeat(pad)), style),
                    Span::styled(
                        fit(&format!("  {}", e.line), room.saturating_sub(slug_width)),
                        theme.dim,
                    ),
                ]))
            })
            .collect();
        if let Some(note) = &data.note {
            items.push(ListItem::new(Line::styled(
                fit(&format!("note: {}", one_line(note)), room),
                theme.warn,
            )));
        }
        // With one followed the list is only read: a dot marks that one.
        let (picked, symbol, style) = match &data.running {
            Some(running) => (
                data.entries.iter().position(|e| e.slug == running.slug),
                "● ",
                theme.accent,
            ),
            None => (Some(self.selected), "› ", theme.selected),
        };
        let mut state = ListState::default().with_selected(picked);
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(style)
                .highlight_symbol(symbol)
                .highlight_spacing(ratatui::widgets::HighlightSpacing::Always),
            list,
            &mut state,
        );
        // Only the keys that do something now: no scrolling when all of it
        // is in sight.
        let rows = match (followed, in_sight) {
            (true, true) => keys::PROGRAMME_FOLLOWED_IN_SIGHT,
            (true, false) => keys::PROGRAMME_FOLLOWED,
            (false, _) => keys::PROGRAMME_NONE,
        };
        frame.render_widget(keys::footer(map, rows, footer.width, theme), footer);
    }
}

/// The rows of the list, of its title (and the gap above it: 0 or 1
/// each), and the room left above for what is said, in a body of `height`.
/// The list keeps up to half the rows; on a short terminal, where the
/// person is comes before the list of the others, which cannot be
/// started while one is followed.
fn rows(data: &ProgrammeData, height: u16) -> (u16, u16, u16) {
    let listed = data.entries.len() + usize::from(data.note.is_some());
    let list_rows = if data.running.is_some() && height < 16 {
        0
    } else {
        u16::try_from(listed)
            .unwrap_or(u16::MAX)
            .min((height / 2).saturating_sub(2).max(1))
    };
    let title_rows = u16::from(list_rows > 0);
    let room = height.saturating_sub(list_rows + 2 * title_rows);
    (list_rows, title_rows, room)
}

/// Lines into `area` from row `from` on; when more follow than fit, the
/// last row shown says so.
fn draw_cut(
    frame: &mut Frame,
    area: Rect,
    (lines, from): (Vec<Line>, u16),
    more: &str,
    theme: &Theme,
) {
    let rows = usize::from(area.height);
    let most = lines.len().saturating_sub(rows);
    let mut lines: Vec<Line> = lines
        .into_iter()
        .skip(usize::from(from).min(most))
        .collect();
    if lines.len() > rows && rows > 0 {
        lines.truncate(rows - 1);
        lines.push(Line::styled(
            fit(&format!("… {more}"), usize::from(area.width)),
            theme.dim,
        ));
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(running: bool) -> ProgrammeData {
        let routines = crate::routine::builtins();
        let programmes = crate::programme::builtins(&routines);
        ProgrammeData {
            today: time::macros::date!(2026 - 11 - 25),
            entries: programmes
                .iter()
                .map(|p| Entry {
                    slug: p.slug.clone(),
                    line: words::list_line(p),
                    programme: Some(Box::new(p.clone())),
                })
                .collect(),
            running: running.then(|| Running {
                slug: programmes[0].slug.clone(),
                name: programmes[0].name.clone(),
                lines: vec![programmes[0].name.clone()],
            }),
            note: None,
        }
    }

    fn screen(running: bool) -> ProgrammeScreen {
        let mut screen = ProgrammeScreen::default();
        screen.loaded(data(running));
        screen
    }

    #[test]
    fn starting_and_stopping_ask_first_and_no_leaves_it_as_it_is() {
        let map = Keymap::default();
        let mut idle = screen(false);
        assert_eq!(
            idle.handle_key(Some(Action::Down), &map, (80, 24)),
            Outcome::None
        );
        assert_eq!(
            idle.handle_key(Some(Action::Open), &map, (80, 24)),
            Outcome::None
        );
        assert_eq!(idle.asking, Some(Asking::Start(1)));
        assert_eq!(
            idle.handle_key(Some(Action::No), &map, (80, 24)),
            Outcome::None
        );
        assert_eq!(idle.asking, None);
        idle.handle_key(Some(Action::Open), &map, (80, 24));
        let slug = idle.data.as_ref().map(|d| d.entries[1].slug.clone());
        assert_eq!(
            Some(idle.handle_key(Some(Action::Yes), &map, (80, 24))),
            slug.map(Outcome::Start)
        );
        assert_eq!(
            idle.handle_key(Some(Action::StopProgramme), &map, (80, 24)),
            Outcome::Say("No programme followed. Nothing to stop.".to_string())
        );

        let mut followed = screen(true);
        let Outcome::Say(said) = followed.handle_key(Some(Action::Open), &map, (80, 24)) else {
            panic!("one at a time");
        };
        assert!(
            said.ends_with("already; s stops it first (its history is kept)."),
            "{said}"
        );
        assert_eq!(followed.asking, None);
        followed.handle_key(Some(Action::StopProgramme), &map, (80, 24));
        assert_eq!(followed.asking, Some(Asking::Stop));
        assert_eq!(
            followed.handle_key(Some(Action::Yes), &map, (80, 24)),
            Outcome::Stop
        );
    }

    #[test]
    fn the_status_scrolls_to_its_last_line_and_no_further() {
        let map = Keymap::default();
        let mut followed = screen(true);
        if let Some(running) = followed.data.as_mut().and_then(|d| d.running.as_mut()) {
            running.lines = (1..=30).map(|i| format!("line {i}")).collect();
        }
        // 80×24: a body of 22 rows, the list's 3 and its title's 2 below:
        // 17 rows for 30 lines.
        followed.handle_key(Some(Action::Last), &map, (80, 24));
        assert_eq!(followed.scroll, 13);
        followed.handle_key(Some(Action::Down), &map, (80, 24));
        assert_eq!(followed.scroll, 13);
        followed.handle_key(Some(Action::Up), &map, (80, 24));
        assert_eq!(followed.scroll, 12);
    }
}
