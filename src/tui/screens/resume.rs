//! The question asked at start when a session was left in progress (a crash,
//! a kill, a closed terminal): resume where it stopped, or keep it as ended.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::keymap::Action;
use crate::model::{Scales, Session};
use crate::routine::Routine;
use crate::text::{count, one_line};
use crate::tui::hits::Hits;
use crate::tui::keys;
use crate::tui::screens::Context;
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct Unfinished {
    pub session: Session,
    /// The routine, if it is still known; without it only "keep" is possible.
    pub routine: Option<Routine>,
    /// What was already recorded of its exercises.
    pub records: Vec<crate::model::ExerciseRecord>,
    pub before: Option<Scales>,
}

/// What a key on the question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Go on where it stopped.
    Resume,
    /// Close it as ended early.
    KeepEnded,
    Quit,
}

impl Unfinished {
    /// What an action does here.
    pub fn handle_key(&mut self, action: Option<Action>) -> Outcome {
        match action {
            Some(Action::Resume) if self.resume_at().is_some() => Outcome::Resume,
            Some(Action::KeepEnded) => Outcome::KeepEnded,
            Some(Action::Quit) => Outcome::Quit,
            _ => Outcome::None,
        }
    }

    /// The first exercise not yet recorded: where a resumed session goes on.
    pub fn resume_at(&self) -> Option<usize> {
        let routine = self.routine.as_ref()?;
        (0..routine.exercises.len()).find(|e| !self.records.iter().any(|r| r.position == *e as u32))
    }

    /// When it stopped: its last recorded exercise, else its start.
    pub fn stopped_at(&self) -> OffsetDateTime {
        self.records
            .iter()
            .map(|r| r.finished_at)
            .max()
            .unwrap_or(self.session.started_at)
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (clock, map, theme) = (cx.clock, cx.map, cx.theme);
        let started = clock.local(self.session.started_at);
        let since = clock.now() - self.stopped_at();
        let mut lines = vec![
            Line::styled("A session was not finished", theme.title),
            Line::raw(""),
            Line::raw(format!(
                "{}, started {} {:02}:{:02} — {} kept.",
                one_line(&self.session.activity),
                started.date(),
                started.hour(),
                started.minute(),
                count(self.records.len() as u64, "exercise", "exercises"),
            )),
            Line::raw(format!("It stopped {}.", ago(since))),
            Line::raw(""),
        ];
        let resume = match (self.routine.as_ref(), self.resume_at()) {
            (Some(r), Some(e)) => Line::from(vec![
                Span::styled(keys::first(map, Action::Resume), theme.key),
                Span::raw(format!(
                    " resume where it stopped, at {}",
                    one_line(&r.exercises[e].name)
                )),
            ]),
            (Some(_), None) => Line::raw("Every exercise was recorded."),
            (None, _) => Line::styled(
                "Its routine is no longer available, so it cannot be resumed.",
                theme.dim,
            ),
        };
        let keep = Line::from(vec![
            Span::styled(keys::first(map, Action::KeepEnded), theme.key),
            Span::raw(" keep it as ended early"),
        ]);
        // A day on, the session is most likely over: keeping it comes first.
        if since > STALE {
            lines.extend([keep, resume]);
        } else {
            lines.extend([resume, keep]);
        }
        frame.render_widget(crate::tui::widgets::question(lines), area);
    }
}

/// After this long, a session left unfinished is offered as ended first.
const STALE: time::Duration = time::Duration::DAY;

/// "just now", "1 minute ago", "2 hours ago", "3 days ago".
fn ago(since: time::Duration) -> String {
    let minutes = since.whole_minutes().max(0) as u64;
    let (hours, days) = (minutes / 60, minutes / (60 * 24));
    if minutes < 1 {
        "just now".to_string()
    } else if hours < 1 {
        format!("{} ago", count(minutes, "minute", "minutes"))
    } else if days < 1 {
        format!("{} ago", count(hours, "hour", "hours"))
    } else {
        format!("{} ago", count(days, "day", "days"))
    }
}
