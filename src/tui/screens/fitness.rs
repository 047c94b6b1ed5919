//! The guided fitness check: pick a self-test, read how it is done and what
//! to stop for, run its countdown (or a stopwatch the person stops), then
//! give the count. The first try of a test is its practice one, and the
//! check offers the real try straight after it.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keymap::{Action, Keymap};
use crate::model::{FitnessTest, STOP_FOR, Timing};
use crate::tui::hits::Hits;
use crate::tui::keys::{self, Row};
use crate::tui::screens::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::countdown::Countdown;
use crate::tui::widgets::{clock_text, wrap};

/// What to stop for, in one line, for a screen with no room for the list.
const STOP_SHORT: &str =
    "Stop for chest pain, dizziness, pain or tingling down a leg, or a sharp pain.";

/// Where the check is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The list of tests.
    Pick,
    /// A test's protocol and what to stop for.
    Protocol,
    /// The countdown or the stopwatch, from `started`.
    Running { started: Instant },
    /// The count, as typed.
    Count { typed: String },
}

#[derive(Debug, Clone)]
pub struct FitnessCheck {
    pub selected: usize,
    /// Whether each test (in `FitnessTest::ALL` order) was tried before.
    pub tried: Tried,
    pub phase: Phase,
    /// What was given this time: test, count, whether it was practice.
    pub done: Vec<(FitnessTest, u32, bool)>,
    /// A WHO-5 was answered in the last 14 days (its recall) already.
    pub who5_done: bool,
    /// Lines of the protocol scrolled past, on a terminal too small for
    /// all of its steps.
    pub protocol_scroll: u16,
}

/// What a key on the check asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Keep this result.
    Save(FitnessTest, u32),
    /// Back to Today.
    Back,
    /// On to the WHO-5, asked with each fitness check.
    Who5,
    /// On to one of the study's two questionnaires.
    Rand36(crate::model::Rand36Scale),
}

/// How many tests there are.
pub const TESTS: usize = FitnessTest::ALL.len();

/// Whether each test (in `FitnessTest::ALL` order) was tried before.
pub type Tried = [bool; TESTS];

const PICK: &[Row] = &[
    keys::row(&[Action::Up, Action::Down], "pick", true),
    keys::row(&[Action::Open], "open", true),
    keys::row(&[Action::Help], "keys", false),
    keys::row(&[Action::Back], "back", true),
];

const PROTOCOL: &[Row] = &[
    keys::row(&[Action::Up, Action::Down], "read on", false),
    keys::row(&[Action::Open], "begin", true),
    keys::row(&[Action::Back], "back", true),
];

const RUNNING: &[Row] = &[
    keys::row(&[Action::Open], "stop", true),
    keys::row(&[Action::Back], "cancel", true),
];

const COUNT: &[Row] = &[
    keys::numbers("0–9", "type", true),
    keys::row(&[Action::Open], "save", true),
    keys::row(&[Action::Back], "back", true),
];

impl FitnessCheck {
    pub fn new(tried: Tried) -> FitnessCheck {
        FitnessCheck {
            selected: 0,
            tried,
            phase: Phase::Pick,
            done: Vec::new(),
            who5_done: false,
            protocol_scroll: 0,
        }
    }

    /// The line about the WHO-5 under the tests: asked with the check once
    /// a real try is in, unless one was answered in the last 14 days.
    pub fn who5_offer(&self) -> (&'static str, bool) {
        if self.who5_done {
            (
                " the WHO-5 again (answered in the last 14 days; it asks about two weeks)",
                false,
            )
        } else if self.done.iter().any(|(_, _, practice)| !practice) {
            (
                " now the WHO-5: five questions about the last two weeks",
                true,
            )
        } else {
            (" the WHO-5 too (the last two weeks)", false)
        }
    }

    pub fn test(&self) -> FitnessTest {
        FitnessTest::ALL[self.selected.min(FitnessTest::ALL.len() - 1)]
    }

    /// Seconds on the clock at `now`: left of a countdown, or held so far.
    fn clock(&self, started: Instant, now: Instant) -> (u64, bool) {
        let elapsed = now.saturating_duration_since(started).as_secs();
        match self.test().timing() {
            Timing::Countdown { seconds } => {
                let left = u64::from(seconds).saturating_sub(elapsed);
                (left, left == 0)
            }
            Timing::Stopwatch => (elapsed.min(u64::from(self.test().max_value())), false),
        }
    }

    /// When the clock next shows a different second; `None` unless running.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        let Phase::Running { started } = self.phase else {
            return None;
        };
        let (_, over) = self.clock(started, now);
        if over {
            return None;
        }
        let into = now.saturating_duration_since(started).as_millis() % 1000;
        Some(now + Duration::from_millis((1000 - into) as u64))
    }

    /// A countdown that has run out asks for the count.
    fn settle(&mut self, now: Instant) {
        if let Phase::Running { started } = self.phase
            && self.clock(started, now).1
        {
            self.phase = Phase::Count {
                typed: String::new(),
            };
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>, now: Instant) -> Outcome {
        self.settle(now);
        let test = self.test();
        match &mut self.phase {
            Phase::Pick => match action {
                Some(Action::Back) => return Outcome::Back,
                Some(Action::Wellbeing) => return Outcome::Who5,
                Some(Action::Function) => {
                    return Outcome::Rand36(crate::model::Rand36Scale::PhysicalFunctioning);
                }
                Some(Action::MentalHealth) => {
                    return Outcome::Rand36(crate::model::Rand36Scale::EmotionalWellBeing);
                }
                Some(Action::Open) => {
                    self.protocol_scroll = 0;
                    self.phase = Phase::Protocol;
                }
                Some(a) => {
                    if let Some(i) = keys::list_move(a, self.selected, FitnessTest::ALL.len()) {
                        self.selected = i;
                    }
                }
                None => {}
            },
            Phase::Protocol => match action {
                Some(Action::Down) => self.protocol_scroll = self.protocol_scroll.saturating_add(1),
                Some(Action::Up) => self.protocol_scroll = self.protocol_scroll.saturating_sub(1),
                Some(Action::Open) => self.phase = Phase::Running { started: now },
                Some(Action::Back) => self.phase = Phase::Pick,
                _ => {}
            },
            Phase::Running { started } => match action {
                Some(Action::Open) => {
                    // A stopwatch stopped gives its seconds as the count,
                    // which the person can still change.
                    let typed = match test.timing() {
                        Timing::Stopwatch => {
                            let held = now.saturating_duration_since(*started).as_secs();
                            held.min(u64::from(test.max_value())).to_string()
                        }
                        Timing::Countdown { .. } => String::new(),
                    };
                    self.phase = Phase::Count { typed };
                }
                Some(Action::Back) => self.phase = Phase::Protocol,
                _ => {}
            },
            Phase::Count { typed } => match (key.code, action) {
                (KeyCode::Char(c @ '0'..='9'), _) if typed.len() < 3 => typed.push(c),
                (KeyCode::Backspace, _) if !typed.is_empty() => {
                    typed.pop();
                }
                (_, Some(Action::Back)) => self.phase = Phase::Protocol,
                (_, Some(Action::Open)) => {
                    let Ok(value) = typed.parse::<u32>() else {
                        return Outcome::None;
                    };
                    if value > test.max_value() {
                        return Outcome::None;
                    }
                    let practice = !self.tried[self.selected];
                    self.tried[self.selected] = true;
                    self.done.push((test, value, practice));
                    // After the practice try, the real one; else the next test.
                    if !practice && self.selected + 1 < FitnessTest::ALL.len() {
                        self.selected += 1;
                    }
                    self.phase = Phase::Pick;
                    return Outcome::Save(test, value);
                }
                _ => {}
            },
        }
        Outcome::None
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme, now) = (cx.map, cx.theme, cx.now);
        let roomy = area.height >= 20;
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(if roomy { 2 } else { 1 }),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let test = self.test();
        let title = match self.phase {
            Phase::Pick => "Fitness check".to_string(),
            _ => test.title().to_string(),
        };
        let practice = !self.tried[self.selected] && self.phase != Phase::Pick;
        let mut head = vec![
            Span::styled("limber", theme.title),
            Span::styled(format!(" · {title}"), theme.dim),
        ];
        if practice {
            head.push(Span::styled(" · practice", theme.accent));
        }
        frame.render_widget(Line::from(head), header);
        // A countdown that ran out draws as the count it asks for.
        let mut phase = self.phase.clone();
        if let Phase::Running { started } = phase
            && self.clock(started, now).1
        {
            phase = Phase::Count {
                typed: String::new(),
            };
        }
        let rows = match &phase {
            Phase::Pick => self.draw_pick(frame, body, map, theme, roomy),
            Phase::Protocol => self.draw_protocol(frame, body, theme),
            Phase::Running { started } => self.draw_running(frame, body, theme, *started, now),
            Phase::Count { typed } => self.draw_count(frame, body, theme, typed),
        };
        frame.render_widget(keys::footer(map, rows, footer.width, theme), footer);
    }

    fn draw_pick(
        &self,
        frame: &mut Frame,
        area: Rect,
        map: &Keymap,
        theme: &Theme,
        roomy: bool,
    ) -> &'static [Row] {
        let mut lines = vec![Line::raw("Self-tests; leave out any that hurts.")];
        if roomy {
            lines.push(Line::styled(
                "Your own strength and endurance over time; each test's first try is practice.",
                theme.dim,
            ));
        }
        lines.push(Line::raw(""));
        for (i, test) in FitnessTest::ALL.into_iter().enumerate() {
            let results: Vec<String> = self
                .done
                .iter()
                .filter(|(t, _, _)| *t == test)
                .map(|(_, v, practice)| {
                    if *practice {
                        format!("{v} (practice)")
                    } else {
                        v.to_string()
                    }
                })
                .collect();
            let note = if results.is_empty() {
                if self.tried[i] {
                    String::new()
                } else {
                    "practice first".to_string()
                }
            } else {
                results.join(", ")
            };
            let (mark, style) = if i == self.selected {
                ("› ", theme.selected)
            } else {
                ("  ", ratatui::style::Style::default())
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark}{:<21}", test.title()), style),
                Span::styled(format!("  {note}"), theme.dim),
            ]));
        }
        if let Some((_, _, true)) = self.done.last() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "That was the practice try. Rest a minute, then open it again for the real one.",
                theme.accent,
            ));
        }
        lines.push(Line::raw(""));
        let (offer, now) = self.who5_offer();
        lines.push(Line::from(vec![
            Span::styled(keys::first(map, Action::Wellbeing), theme.key),
            Span::styled(offer, if now { theme.accent } else { theme.dim }),
        ]));
        lines.push(Line::from(vec![
            Span::styled(keys::first(map, Action::Function), theme.key),
            Span::styled(" / ", theme.dim),
            Span::styled(keys::first(map, Action::MentalHealth), theme.key),
            Span::styled(
                // The study's name for them where the line has room.
                if area.width >= 72 {
                    " the study's questionnaires: physical functioning / mental health"
                } else {
                    " physical functioning / mental health"
                },
                theme.dim,
            ),
        ]));
        // On a small terminal the blank lines go first, so the six tests
        // and the questionnaires' keys stay in sight.
        if !roomy {
            lines.retain(|l| l.width() > 0);
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        PICK
    }

    fn draw_protocol(&self, frame: &mut Frame, area: Rect, theme: &Theme) -> &'static [Row] {
        let width = usize::from(area.width.max(1));
        let steps: Vec<String> = self
            .test()
            .protocol()
            .iter()
            .enumerate()
            .flat_map(|(i, s)| wrap(&format!("{}. {s}", i + 1), width))
            .collect();
        // What to stop for is always in sight, below the steps: the whole
        // list where it fits, one line where it does not.
        let mut full = vec![String::new(), "Stop and rest if you notice:".to_string()];
        full.extend(STOP_FOR.iter().flat_map(|s| wrap(&format!("· {s}"), width)));
        let stop = if steps.len() + full.len() <= usize::from(area.height) {
            full
        } else {
            wrap(STOP_SHORT, width)
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(stop.len() as u16)])
                .areas(area);
        // Too many steps for the room: they scroll, and the last line
        // says there is more, so no step (the last says when to stop and
        // record 0) is ever silently cut.
        let room = usize::from(top.height);
        let mut shown: Vec<Line> = if steps.len() > room {
            // Scrolled to the end, the last `room` lines show whole.
            let most = steps.len() - room;
            let from = usize::from(self.protocol_scroll).min(most);
            if from < most {
                let mut lines: Vec<Line> = steps[from..from + room.saturating_sub(1)]
                    .iter()
                    .map(|l| Line::raw(l.clone()))
                    .collect();
                lines.push(Line::styled("↓ more: ↑ ↓ to read on", theme.dim));
                lines
            } else {
                steps[most..].iter().map(|l| Line::raw(l.clone())).collect()
            }
        } else {
            steps.into_iter().map(Line::raw).collect()
        };
        shown.truncate(room.max(1));
        frame.render_widget(Paragraph::new(shown), top);
        let stop: Vec<Line> = stop
            .into_iter()
            .map(|l| {
                if l.starts_with('·') {
                    Line::raw(l)
                } else {
                    Line::styled(l, theme.warn)
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(stop), bottom);
        PROTOCOL
    }

    fn draw_running(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        started: Instant,
        now: Instant,
    ) -> &'static [Row] {
        let test = self.test();
        let (seconds, _) = self.clock(started, now);
        let text = clock_text(seconds);
        let what = match test.timing() {
            Timing::Countdown { .. } => format!("Count your {} as you go.", test.unit()),
            Timing::Stopwatch => "Hold the line; stop when your hips drop.".to_string(),
        };
        let [say, big, stop] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(2),
        ])
        .areas(area);
        frame.render_widget(Line::raw(what), say);
        let height = Countdown::height_for(&text, big.width, big.height);
        let [_, digits, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(height),
            Constraint::Fill(1),
        ])
        .areas(big);
        frame.render_widget(
            Countdown {
                text: &text,
                style: theme.accent,
            },
            digits,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(STOP_SHORT, theme.warn)).wrap(Wrap { trim: false }),
            stop,
        );
        RUNNING
    }

    fn draw_count(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        typed: &str,
    ) -> &'static [Row] {
        let test = self.test();
        let mut lines = vec![
            Line::raw(format!("How many {}?", test.unit())),
            Line::from(vec![
                Span::styled(format!(" {typed}▏"), theme.selected),
                Span::styled(format!(" {}", test.unit()), theme.dim),
            ]),
            Line::raw(""),
        ];
        if typed.parse::<u32>().is_ok_and(|v| v > test.max_value()) {
            lines.push(Line::styled(
                format!("At most {}; check the number.", test.max_value()),
                theme.warn,
            ));
        } else if !self.tried[self.selected] {
            lines.push(Line::styled(
                "Your first try of this test: a practice one. The real try comes next.",
                theme.dim,
            ));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        COUNT
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn press(check: &mut FitnessCheck, action: Action, now: Instant) -> Outcome {
        check.handle_key(key(KeyCode::Null), Some(action), now)
    }

    #[test]
    fn a_chair_stand_runs_thirty_seconds_then_asks_for_the_count_and_the_first_is_practice() {
        let t0 = Instant::now();
        let mut check = FitnessCheck::new([false; TESTS]);
        press(&mut check, Action::Open, t0);
        assert_eq!(check.phase, Phase::Protocol);
        press(&mut check, Action::Open, t0);
        assert_eq!(check.phase, Phase::Running { started: t0 });
        assert_eq!(
            check.next_change(t0 + Duration::from_millis(400)),
            Some(t0 + Duration::from_secs(1))
        );
        // At 30 s the countdown is over: the next key meets the count.
        let end = t0 + Duration::from_secs(30);
        assert_eq!(check.next_change(end), None);
        for c in ['1', '2'] {
            check.handle_key(key(KeyCode::Char(c)), None, end);
        }
        assert_eq!(
            press(&mut check, Action::Open, end),
            Outcome::Save(FitnessTest::ChairStand, 12)
        );
        assert_eq!(check.done, [(FitnessTest::ChairStand, 12, true)]);
        assert_eq!(check.selected, 0, "the real try of the same test is next");
        assert!(check.tried[0]);
    }

    #[test]
    fn a_side_bridge_stopwatch_gives_the_seconds_held() {
        let t0 = Instant::now();
        let mut check = FitnessCheck::new([true; TESTS]);
        check.selected = 2;
        press(&mut check, Action::Open, t0);
        press(&mut check, Action::Open, t0);
        let stop = t0 + Duration::from_millis(41_700);
        press(&mut check, Action::Open, stop);
        assert_eq!(
            check.phase,
            Phase::Count {
                typed: "41".to_string()
            }
        );
        assert_eq!(
            press(&mut check, Action::Open, stop),
            Outcome::Save(FitnessTest::SideBridgeLeft, 41)
        );
        assert_eq!(check.selected, 3, "on to the right side");
    }

    #[test]
    fn p_and_m_open_the_study_questionnaires_from_the_check() {
        let t0 = Instant::now();
        let mut check = FitnessCheck::new([true; TESTS]);
        let key = |c| {
            KeyEvent::new(
                KeyCode::Char(c),
                ratatui::crossterm::event::KeyModifiers::NONE,
            )
        };
        assert_eq!(
            check.handle_key(key('p'), Some(Action::Function), t0),
            Outcome::Rand36(crate::model::Rand36Scale::PhysicalFunctioning)
        );
        assert_eq!(
            check.handle_key(key('m'), Some(Action::MentalHealth), t0),
            Outcome::Rand36(crate::model::Rand36Scale::EmotionalWellBeing)
        );
    }

    #[test]
    fn the_who5_is_offered_after_a_real_try_unless_answered_this_week() {
        let t0 = Instant::now();
        let mut check = FitnessCheck::new([true; TESTS]);
        assert!(!check.who5_offer().1);
        check.done.push((FitnessTest::ChairStand, 9, true));
        assert!(!check.who5_offer().1, "a practice try is not the check yet");
        check.phase = Phase::Count {
            typed: "12".to_string(),
        };
        press(&mut check, Action::Open, t0);
        let (text, now) = check.who5_offer();
        assert!(now && text.contains("now the WHO-5"), "{text}");
        check.who5_done = true;
        let (text, now) = check.who5_offer();
        assert!(
            !now && text.contains("answered in the last 14 days"),
            "{text}"
        );
    }

    #[test]
    fn a_count_past_what_the_test_allows_is_not_saved() {
        let t0 = Instant::now();
        let mut check = FitnessCheck::new([true; TESTS]);
        check.phase = Phase::Count {
            typed: "99".to_string(),
        };
        assert_eq!(press(&mut check, Action::Open, t0), Outcome::None);
        check.handle_key(key(KeyCode::Backspace), Some(Action::Back), t0);
        assert_eq!(
            check.phase,
            Phase::Count {
                typed: "9".to_string()
            }
        );
    }
}
