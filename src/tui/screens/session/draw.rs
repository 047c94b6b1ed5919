//! Drawing the session screen: `layout` decides where every part goes (the
//! one place a size rule lives), and a small function draws each part.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Question, SessionScreen};
use crate::keymap::{Action, Keymap};
use crate::plan::{Length, Plan, Step, StepKind};
use crate::routine::{BreathPattern, Exercise, Kind};
use crate::text::one_line;
use crate::timer::Phase;
use crate::tui::hits::Hits;
use crate::tui::keys::Row;
use crate::tui::outbox::Unsaved;
use crate::tui::screens::Context;
use crate::tui::widgets::countdown::Countdown;
use crate::tui::widgets::{bar, centered, clock_text, wrap};
use crate::tui::{keys, theme::Theme};

/// The words of the step under way whose rows the layout has to know.
struct Words {
    /// What to stop for: its own rows during work (at most two), so it is
    /// never the line that falls off a small screen.
    stop: Vec<String>,
    /// The instructions and cues, or a look at what comes next.
    info: Vec<(String, Style)>,
}

impl Words {
    fn new(
        plan: &Plan,
        index: usize,
        exercise: Option<&Exercise>,
        working: bool,
        width: u16,
        theme: &Theme,
    ) -> Words {
        let stop = match (exercise, working) {
            (Some(e), true) => e
                .stop_if
                .as_deref()
                .map(|s| wrap(&one_line(s), usize::from(width.max(1))))
                .unwrap_or_default()
                .into_iter()
                .take(2)
                .collect(),
            _ => Vec::new(),
        };
        Words {
            stop,
            info: info_lines(plan, index, exercise, working, theme),
        }
    }
}

/// Where each part of the screen goes.
struct Areas {
    header: Rect,
    title: Rect,
    subtitle: Rect,
    big: Rect,
    status: Rect,
    gauge: Rect,
    info: Rect,
    stop: Rect,
    prompt: Rect,
    next: Rect,
    overall: Rect,
    footer: Rect,
}

/// The parts' rows in `area`. The big digits take what the words leave:
/// full size when all the instructions and cues still fit, half size, else
/// one line.
fn layout(area: Rect, words: &Words) -> Areas {
    let info_needed = words
        .info
        .iter()
        .map(|(text, _)| wrap(text, usize::from(area.width.max(1))).len() as u16)
        .sum::<u16>();
    let stop_rows = words.stop.len() as u16;
    let fixed = 10 + stop_rows;
    let room = area.height.saturating_sub(fixed);
    let big_rows = if room >= 8 + info_needed {
        Countdown::height_for("00:00", area.width, 8)
    } else if room >= 4 + info_needed.min(3) {
        Countdown::height_for("00:00", area.width, 4)
    } else {
        1
    };
    // In the order of `Areas`' fields, top to bottom.
    let r: [Rect; 12] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(big_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(stop_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header: r[0],
        title: r[1],
        subtitle: r[2],
        big: r[3],
        status: r[4],
        gauge: r[5],
        info: r[6],
        stop: r[7],
        prompt: r[8],
        next: r[9],
        overall: r[10],
        footer: r[11],
    }
}

impl SessionScreen {
    /// Draws the session; `unsaved` says whether a rating just given is
    /// in the store yet.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (now, map, theme, unsaved) = (cx.now, cx.map, cx.theme, cx.unsaved);
        let plan = self.timer.plan();
        let Some(step) = self.timer.step().copied() else {
            return;
        };
        let index = self.timer.index();
        let exercise = step.exercise().map(|e| &plan.exercises[e]);
        let working = matches!(step.kind, StepKind::Work { .. });
        let words = Words::new(plan, index, exercise, working, area.width, theme);
        let at = layout(area, &words);
        draw_words(frame, &at, words, theme);
        self.draw_header(frame, at.header, step, theme);
        let feared = self.current_exercise().filter(|&e| self.progress[e].feared);
        draw_title(
            frame,
            &at,
            plan,
            index,
            step,
            exercise,
            feared.is_some(),
            theme,
        );
        self.draw_countdown(frame, &at, step, now, map, theme);
        self.draw_prompt(frame, at.prompt, now, map, theme, unsaved);
        if !matches!(step.kind, StepKind::Rest { .. }) {
            frame.render_widget(Line::styled(next_text(plan, index), theme.dim), at.next);
        }
        self.draw_overall(frame, at.overall, now, theme);
        let rows = match (self.current_exercise(), feared) {
            // The routine is over, or ended: only the question is left.
            _ if self.held() => held_rows(),
            (_, Some(_)) => footer_rows(Some("unmark"), self.paused(), map, at.footer.width),
            (Some(_), None) => footer_rows(Some("fear"), self.paused(), map, at.footer.width),
            (None, None) => footer_rows(None, self.paused(), map, at.footer.width),
        };
        frame.render_widget(keys::footer(map, &rows, at.footer.width, theme), at.footer);
        if self.confirm_end {
            draw_confirm_end(frame, area, map, theme);
        }
    }

    fn paused(&self) -> bool {
        self.timer.phase() == Phase::Paused
    }

    /// The routine (and that it is the gentle version), which exercise,
    /// PAUSED when it is.
    fn draw_header(&self, frame: &mut Frame, area: Rect, step: Step, theme: &Theme) {
        let plan = self.timer.plan();
        let name = one_line(&plan.name);
        let of = |e: usize| format!("{} of {}", e + 1, plan.exercises.len());
        // Shorter words where the whole line would not fit, never a cut one.
        let (version, position) = match step.exercise() {
            Some(e) => (" · gentle version", format!("  exercise {}", of(e))),
            None => (" · gentle version", String::new()),
        };
        let version = if self.gentle { version } else { "" };
        let fits = |v: &str, p: &str| {
            (name.chars().count() + v.chars().count() + p.chars().count())
                <= usize::from(area.width)
        };
        let (version, position) = if fits(version, &position) {
            (version, position)
        } else {
            let short = if self.gentle { " · gentle" } else { "" };
            let position = step
                .exercise()
                .map_or(String::new(), |e| format!("  {}", of(e)));
            if fits(short, &position) {
                (short, position)
            } else {
                (short, String::new())
            }
        };
        let mut spans = vec![Span::styled(name, theme.title)];
        spans.push(Span::styled(version, theme.accent));
        spans.push(Span::styled(position, theme.dim));
        if self.paused() {
            spans.push(Span::styled("  ⏸ PAUSED", theme.warn));
        }
        frame.render_widget(Line::from(spans), area);
    }

    /// The big number (time left, or the reps with a stopwatch below), the
    /// line under it and the step's gauge.
    fn draw_countdown(
        &self,
        frame: &mut Frame,
        at: &Areas,
        step: Step,
        now: Instant,
        map: &Keymap,
        theme: &Theme,
    ) {
        let plan = self.timer.plan();
        let exercise = step.exercise().map(|e| &plan.exercises[e]);
        let paused = self.paused();
        let shown = self.timer.display_seconds(now);
        let (big_text, status_line) = match step.length {
            Length::Timed(_) => (clock_text(shown), None),
            Length::Reps(reps) => (
                format!("{reps} reps"),
                Some(format!(
                    "{} · press {} when done",
                    clock_text(shown),
                    keys::first(map, Action::RepsDone)
                )),
            ),
        };
        let big_style = if paused { theme.dim } else { theme.title };
        frame.render_widget(
            Countdown {
                text: &big_text,
                style: big_style,
            },
            at.big,
        );
        let status_line = if paused {
            Line::styled(
                format!("⏸ Paused — {} to go on", keys::first(map, Action::Pause)),
                theme.warn,
            )
        } else if let Some(text) = status_line {
            Line::styled(text, theme.accent)
        } else if let (Some(e), StepKind::Work { .. }) = (exercise, step.kind) {
            pacer_line(e, self.timer.elapsed(now), at.status.width, theme)
        } else {
            Line::raw("")
        };
        frame.render_widget(status_line.centered(), at.status);

        if let (Length::Timed(_), Some(rem)) = (step.length, self.timer.remaining(now)) {
            let len = rem + self.timer.elapsed(now);
            let ratio = if len.is_zero() {
                1.0
            } else {
                1.0 - rem.as_secs_f64() / len.as_secs_f64()
            };
            frame.render_widget(
                Line::styled(bar(ratio, at.gauge.width), theme.accent),
                at.gauge,
            );
        }
    }

    /// The question about a feared exercise, or else a rating just given,
    /// or else the rating asked for since the rest after an exercise.
    fn draw_prompt(
        &self,
        frame: &mut Frame,
        area: Rect,
        now: Instant,
        map: &Keymap,
        theme: &Theme,
        unsaved: &Unsaved,
    ) {
        let plan = self.timer.plan();
        let wide = area.width >= 70;
        // A 1 just given, which a 0 soon after makes 10; else the question.
        let asked = match (self.digits.open(now), self.questions.front()) {
            (Some(q), _) => Some((
                q,
                "",
                vec![
                    Span::styled("1", theme.key),
                    Span::styled(" (0 for 10)", theme.dim),
                ],
            )),
            (None, Some(&q)) => Some((
                q,
                match (q, wide) {
                    (Question::Expect(_), true) => "how much do you expect it to hurt? ",
                    (Question::Expect(_), false) => "expected hurt? ",
                    (Question::Actual(_), true) => "how much did it actually hurt? ",
                    (Question::Actual(_), false) => "how much did it hurt? ",
                },
                vec![
                    Span::styled("0", theme.key),
                    Span::raw("–"),
                    Span::styled("10", theme.key),
                    Span::styled(
                        if wide {
                            format!("  ({} skips)", keys::first(map, Action::Clear))
                        } else {
                            String::new()
                        },
                        theme.dim,
                    ),
                ],
            )),
            (None, None) => None,
        };
        if let Some((Question::Expect(e) | Question::Actual(e), text, answer)) = asked {
            let mut spans = vec![Span::styled(
                format!("{}: {text}", one_line(&plan.exercises[e].name)),
                theme.title,
            )];
            spans.extend(answer);
            frame.render_widget(Line::from(spans), area);
        } else if let Some(rated) = self.just_rated(now) {
            let name = one_line(&plan.exercises[rated.exercise].name);
            // Said as saved only when the store has it.
            let (said, style) = match unsaved.of_session(&self.session) {
                Some(_) => ("kept, not saved yet", theme.warn),
                None => ("saved", theme.accent),
            };
            frame.render_widget(
                Line::styled(format!("{name} ★{} {said}", rated.comfort), style),
                area,
            );
        } else if let Some(e) = self.rating_prompt {
            let name = one_line(&plan.exercises[e].name);
            // Fewer words where they would not fit.
            let (ask, worse, great) = if area.width >= 60 {
                (
                    format!("How did {name} feel?  "),
                    " made it worse … ",
                    " felt great",
                )
            } else {
                (format!("{name}: "), " worse … ", " great")
            };
            let line = Line::from(vec![
                Span::raw(ask),
                Span::styled("1", theme.key),
                Span::raw(worse),
                Span::styled("5", theme.key),
                Span::raw(great),
            ]);
            frame.render_widget(line, area);
        }
    }

    /// The whole session's gauge and the time left in all.
    fn draw_overall(&self, frame: &mut Frame, area: Rect, now: Instant, theme: &Theme) {
        let left = self.timer.total_remaining(now);
        let total = self.timer.total();
        let done = if total.is_zero() {
            1.0
        } else {
            1.0 - left.as_secs_f64() / total.as_secs_f64()
        };
        let [progress, label] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(18)]).areas(area);
        frame.render_widget(Line::styled(bar(done, progress.width), theme.dim), progress);
        frame.render_widget(
            Line::raw(format!("{} left in all", clock_text(round_up(left)))).right_aligned(),
            label,
        );
    }
}

/// What to stop for, and what to do with the cues.
fn draw_words(frame: &mut Frame, at: &Areas, words: Words, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(
            words
                .stop
                .into_iter()
                .map(|l| Line::styled(l, theme.warn))
                .collect::<Vec<_>>(),
        ),
        at.stop,
    );
    // As many rows as there are; where the words do not all fit, the last
    // row shown ends with "…".
    let width = usize::from(at.info.width);
    let mut rows = usize::from(at.info.height);
    let mut lines: Vec<Line> = Vec::new();
    let count = words.info.len();
    for (i, (text, style)) in words.info.into_iter().enumerate() {
        if rows == 0 {
            break;
        }
        let mut part = crate::text::fit_lines(&text, width, rows);
        rows -= part.len();
        if rows == 0
            && i + 1 < count
            && let Some(last) = part.last_mut()
            && !last.ends_with('…')
        {
            let marked = crate::text::fit(&format!("{last} …"), width);
            *last = marked;
        }
        lines.extend(part.into_iter().map(|l| Line::styled(l, style)));
    }
    frame.render_widget(Paragraph::new(lines), at.info);
}

/// The step's name, and under it the set, side and kind (or what follows);
/// the mark of a feared exercise beside the one `f` is about.
#[allow(clippy::too_many_arguments)]
fn draw_title(
    frame: &mut Frame,
    at: &Areas,
    plan: &Plan,
    index: usize,
    step: Step,
    exercise: Option<&Exercise>,
    feared: bool,
    theme: &Theme,
) {
    let (name, detail) = match step.kind {
        StepKind::GetReady => (
            "Get ready".to_string(),
            match plan.exercises.first() {
                Some(first) => format!("First: {}", one_line(&first.name)),
                None => String::new(),
            },
        ),
        StepKind::Work { set, side, .. } => {
            let e = exercise.map_or("", |e| e.name.as_str());
            let sets = exercise.map_or(1, |e| e.sets);
            let mut parts = Vec::new();
            if sets > 1 {
                parts.push(format!("Set {set} of {sets}"));
            }
            if let Some(side) = side {
                parts.push(side.as_str().to_string());
            }
            if let Some(e) = exercise {
                parts.push(e.kind.to_string());
            }
            (one_line(e), parts.join(" · "))
        }
        StepKind::Rest { .. } => ("Rest".to_string(), next_text(plan, index)),
    };
    let mark = || Span::styled(FEARED_MARK, theme.warn);
    let mut title = vec![Span::styled(name, theme.title)];
    let mut subtitle = vec![Span::styled(detail, theme.dim)];
    match (feared, step.kind) {
        (false, _) => {}
        // At work the mark is by its name; before it, by "Next: …".
        (true, StepKind::Work { .. }) => title.push(mark()),
        (true, _) => subtitle.push(mark()),
    }
    frame.render_widget(Line::from(title), at.title);
    frame.render_widget(Line::from(subtitle), at.subtitle);
}

/// Beside an exercise the user fears, as on the routine's page.
const FEARED_MARK: &str = "  ◆ feared";

/// The footer's keys: `f` where there is an exercise to mark, worded for
/// whether it is marked. `keys::footer` always keeps the last row (the way
/// to end); where not all fit, fear comes before back and extra time.
/// While paused, the pause key offers to go on.
fn footer_rows(fear: Option<&'static str>, paused: bool, map: &Keymap, width: u16) -> Vec<Row> {
    let fear_row = || fear.map(|label| footer_row(&[Action::Fear], label));
    let mut rows = vec![
        footer_row(&[Action::Pause], if paused { "go on" } else { "pause" }),
        footer_row(&[Action::Skip], "skip"),
        footer_row(&[Action::Previous], "back"),
        footer_row(&[Action::MoreTime], "15 s more"),
        footer_row(&[Action::End], "end"),
    ];
    if let Some(fear) = fear_row() {
        rows.insert(4, fear);
        if needed(map, &rows) > usize::from(width) {
            let fear = rows.remove(4);
            rows.insert(2, fear);
        }
    }
    rows
}

/// The columns a footer of `rows` takes, all of them shown.
fn needed(map: &Keymap, rows: &[Row]) -> usize {
    let hints: usize = rows
        .iter()
        .map(|r| {
            let key = keys::groups(map, r).into_iter().next().unwrap_or_default();
            key.chars().count() + 1 + r.label.chars().count()
        })
        .sum();
    hints + 2 * rows.len().saturating_sub(1)
}

/// The footer while only a question holds the summary back.
fn held_rows() -> Vec<Row> {
    vec![
        Row {
            actions: &[],
            fixed: Some("0–10"),
            label: "answer",
            footer: true,
        },
        footer_row(&[Action::Clear], "skip the question"),
    ]
}

const fn footer_row(actions: &'static [Action], label: &'static str) -> Row {
    Row {
        actions,
        fixed: None,
        label,
        footer: true,
    }
}

/// "End the session?", over the screen.
fn draw_confirm_end(frame: &mut Frame, area: Rect, map: &Keymap, theme: &Theme) {
    let area = centered(area, 46, 5);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::raw("End the session? What you did is kept."),
            Line::raw(""),
            Line::from(vec![
                Span::styled(keys::first(map, Action::Yes), theme.key),
                Span::raw(" end it   "),
                Span::styled(keys::first(map, Action::No), theme.key),
                Span::raw(" keep going"),
            ]),
        ])
        .block(Block::bordered()),
        area,
    );
}

/// The words under the countdown: during work, the instructions and the
/// cues; during a rest or the get-ready, a look at what comes next.
fn info_lines(
    plan: &Plan,
    index: usize,
    exercise: Option<&Exercise>,
    working: bool,
    theme: &Theme,
) -> Vec<(String, Style)> {
    let mut lines = Vec::new();
    if let (Some(e), true) = (exercise, working) {
        if !e.instructions.is_empty() {
            lines.push((one_line(&e.instructions), Style::new()));
        }
        for cue in &e.cues {
            lines.push((format!("• {}", one_line(cue)), Style::new()));
        }
    } else if let Some(e) = plan
        .next_work(index)
        .and_then(Step::exercise)
        .map(|i| &plan.exercises[i])
        && !e.instructions.is_empty()
    {
        lines.push((
            format!("Coming up: {}", one_line(&e.instructions)),
            theme.dim,
        ));
    }
    lines
}

fn round_up(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// "Next: Bridge · 10 reps" — what follows the step at `index`.
fn next_text(plan: &Plan, index: usize) -> String {
    let Some(next) = plan.next_work(index) else {
        return "Next: the end — well done".to_string();
    };
    let StepKind::Work {
        exercise,
        set,
        side,
    } = next.kind
    else {
        return String::new();
    };
    let e = &plan.exercises[exercise];
    let mut parts = vec![format!("Next: {}", one_line(&e.name))];
    if e.sets > 1 {
        parts.push(format!("set {set} of {}", e.sets));
    }
    if let Some(side) = side {
        parts.push(side.as_str().to_string());
    }
    parts.push(match next.length {
        Length::Timed(d) => crate::routine::format_length(d.as_secs() as u32),
        Length::Reps(r) => format!("{r} reps"),
    });
    parts.join(" · ")
}

/// The breathing pacer: a bar that grows as you breathe in, holds, and
/// shrinks as you breathe out, with the words, in whole-second steps.
fn pacer_line(exercise: &Exercise, elapsed: Duration, width: u16, theme: &Theme) -> Line<'static> {
    let (Kind::Breathing, Some(p)) = (exercise.kind, exercise.pattern) else {
        return Line::raw("");
    };
    let (word, fullness) = pacer(p, elapsed);
    let max = (width as usize).saturating_sub(16).min(30);
    let filled = (fullness * max as f64).round() as usize;
    Line::from(vec![
        Span::styled(format!("{word:<12}"), theme.title),
        Span::styled("●".repeat(filled), theme.accent),
        Span::styled("·".repeat(max - filled), theme.dim),
    ])
}

/// Where in the breath `elapsed` falls: the word and how full the lungs are, 0–1.
fn pacer(p: BreathPattern, elapsed: Duration) -> (&'static str, f64) {
    let cycle = u64::from(p.cycle_seconds().max(1));
    let t = elapsed.as_secs() % cycle;
    let (inhale, hold_in, exhale) = (
        u64::from(p.inhale),
        u64::from(p.hold_in),
        u64::from(p.exhale),
    );
    if t < inhale {
        ("breathe in", (t + 1) as f64 / inhale as f64)
    } else if t < inhale + hold_in {
        ("hold", 1.0)
    } else if t < inhale + hold_in + exhale {
        let out = t - inhale - hold_in;
        ("breathe out", 1.0 - (out + 1) as f64 / exhale as f64)
    } else {
        ("hold", 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pacer_follows_the_pattern() {
        let p = BreathPattern {
            inhale: 4,
            hold_in: 2,
            exhale: 4,
            hold_out: 0,
        };
        let at = |s| pacer(p, Duration::from_secs(s));
        assert_eq!(at(0), ("breathe in", 0.25));
        assert_eq!(at(3), ("breathe in", 1.0));
        assert_eq!(at(4), ("hold", 1.0));
        assert_eq!(at(6), ("breathe out", 0.75));
        assert_eq!(at(9), ("breathe out", 0.0));
        assert_eq!(at(10), ("breathe in", 0.25));
    }
}
