//! A guided session in lines: the before check-in, each step said as it
//! starts ("Bridge, 30 seconds, go"), the time left at its natural marks
//! only ("10 seconds left"), rests with what comes next, then the check-in
//! after and the summary with its ratings. The app's session screen keeps
//! the state and asks for the writes; this file only waits and speaks.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Plain;
use super::talk::{Input, Stop};
use crate::keymap::Action;
use crate::model::{CheckInContext, CheckInKind, Scales};
use crate::plan::{Length, StepKind};
use crate::routine::{Amount, Routine};
use crate::timer::{Phase, WARNING};
use crate::tui::Effect;
use crate::tui::screens::session::{End, Outcome, SessionScreen};
use crate::tui::screens::summary::{PAIN_ROSE, Summary};

/// The session's clock: the monotonic clock, run `speed` times faster when
/// `LIMBER_PLAIN_SPEED` asks (for tests and demos; the times stored are the
/// env's clock's, untouched).
struct Pace {
    origin: Instant,
    speed: u32,
}

impl Pace {
    fn from_env() -> Result<Pace> {
        let speed = match std::env::var("LIMBER_PLAIN_SPEED") {
            Ok(text) if !text.is_empty() => match text.parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => n,
                _ => bail!(
                    "LIMBER_PLAIN_SPEED \"{text}\" is not a whole number from 1 to 1000 (how many times faster the timer runs)"
                ),
            },
            _ => 1,
        };
        Ok(Pace {
            origin: Instant::now(),
            speed,
        })
    }

    /// The timer's "now".
    fn now(&self) -> Instant {
        self.origin + (Instant::now() - self.origin) * self.speed
    }

    /// When, on the real clock, the timer's clock reads `at`.
    fn real(&self, at: Instant) -> Instant {
        self.origin + at.saturating_duration_since(self.origin) / self.speed
    }
}

/// The marks at which a timed step of `length` says its time left, largest
/// first: each whole minute of a long step, and 10 seconds before the end
/// of one of 20 seconds or more.
fn marks(length: Duration) -> Vec<u64> {
    let secs = length.as_secs();
    let mut marks: Vec<u64> = if secs > 90 {
        (1..).map(|m| m * 60).take_while(|&m| m < secs).collect()
    } else {
        Vec::new()
    };
    if secs >= 20 {
        marks.push(10);
    }
    marks.sort_unstable_by(|a, b| b.cmp(a));
    marks
}

/// "2 minutes left", "1 minute left", "10 seconds left".
fn left(seconds: u64) -> String {
    match seconds {
        60 => "1 minute left.".to_string(),
        s if s % 60 == 0 => format!("{} minutes left.", s / 60),
        s => format!("{s} seconds left."),
    }
}

/// "30 seconds", "1 minute 30 seconds".
fn duration(seconds: u64) -> String {
    let (m, s) = (seconds / 60, seconds % 60);
    let plural = |n: u64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    match (m, s) {
        (0, s) => plural(s, "second"),
        (m, 0) => plural(m, "minute"),
        (m, s) => format!("{} {}", plural(m, "minute"), plural(s, "second")),
    }
}

/// What has been said of the step under way.
#[derive(Default)]
struct Said {
    step: Option<usize>,
    /// The smallest mark said in it.
    mark: Option<u64>,
    phase: Option<Phase>,
}

impl Plain<'_> {
    /// A guided session of `routine` (its gentle version if `gentle`), as
    /// the app runs one.
    pub(super) fn guided(&mut self, routine: Routine, gentle: bool) -> Result<()> {
        self.talk.say(&format!("{}.", routine.name))?;
        if !routine.description.is_empty() {
            self.talk
                .say(&format!("{}.", routine.description.trim_end_matches('.')))?;
        }
        // A check-in of the day made within the hour stands as the one
        // before, as in the app.
        let recent = match self.env.config.checkin_before {
            true => self
                .store
                .last_checkin()?
                .filter(|c| c.stands_before(self.env.clock.now())),
            false => None,
        };
        let before = if let Some(c) = &recent {
            self.talk
                .say(&c.stands_before_words(self.env.clock.local(c.at)))?;
            Some((c.scales, c.note.clone()))
        } else if self.env.config.checkin_before {
            self.talk.say("Before you start, how are you now?")?;
            Some(self.ask_checkin()?)
        } else {
            None
        };
        let mut gentle = gentle;
        if let Some((scales, _)) = &before
            && !gentle
            && scales.pain >= self.env.config.gentle_from
        {
            let choices = vec![
                "The gentle version: shorter holds, fewer sets".to_string(),
                "The routine as it is".to_string(),
            ];
            let Some(i) = self.talk.choose(
                &format!(
                    "Your pain is {} of 10 today. Which would you like?",
                    scales.pain
                ),
                &choices,
            )?
            else {
                return Err(Stop::Back.into());
            };
            gentle = i == 0;
        }
        let before_scales = before.as_ref().map(|b| b.0);
        let mut session = SessionScreen::of(&routine, gentle, before_scales, &self.env.config, &[]);
        self.carry(Effect::StartSession {
            uuid: session.session.clone(),
            routine: Box::new(routine),
            planned_seconds: session.timer.total().as_secs() as u32,
            before: if recent.is_some() { None } else { before },
            given: recent.map(|c| c.uuid),
            gentle,
            before_with: Box::default(),
        })?;
        self.talk.say(&format!(
            "The session starts: about {}. While it runs: s and Enter skips a step, p and Enter pauses or goes on, q and Enter ends early. For exercises counted in reps, Enter says they are done.",
            super::numbers::minutes(session.timer.total().as_secs() as u32)
        ))?;
        let (end, stop) = self.walk(&mut session)?;
        if let Some(stop) = stop {
            self.talk
                .say("The session is ended early; what you did is saved.")?;
            return Err(stop.into());
        }
        self.after(&session, end)
    }

    /// Runs the timer to its end, speaking at the marks; the end, and what
    /// ended limber with it (the end of input or a signal), if anything did.
    fn walk(&mut self, session: &mut SessionScreen) -> Result<(End, Option<Stop>)> {
        let pace = Pace::from_env()?;
        let mut said = Said::default();
        let Outcome {
            effects,
            ended: mut end,
        } = session.start(0, pace.now());
        self.effects(effects)?;
        loop {
            let now = pace.now();
            if let Some(end) = end {
                return Ok((end, None));
            }
            self.speak(session, now, &mut said)?;
            let wake = self.next_mark(session, now, &said);
            let input = self.talk.next_before(wake.map(|w| pace.real(w)));
            let now = pace.now();
            self.retry();
            let key = |c: char, action: Action| {
                (
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                    Some(action),
                )
            };
            let Outcome { effects, ended } = match input {
                None => session.tick(now),
                Some(Input::Line(line)) => match line.to_ascii_lowercase().as_str() {
                    "s" => {
                        let (k, a) = key('s', Action::Skip);
                        session.handle_key(k, a, now)
                    }
                    "p" => {
                        let (k, a) = key('p', Action::Pause);
                        session.handle_key(k, a, now)
                    }
                    "q" => {
                        self.talk.say("Ending the session early.")?;
                        session.end(now)
                    }
                    "" if matches!(
                        session.timer.step().map(|s| s.length),
                        Some(Length::Reps(_))
                    ) && session.timer.phase() == Phase::Running =>
                    {
                        let (k, a) = key('\n', Action::RepsDone);
                        session.handle_key(k, a, now)
                    }
                    _ => {
                        self.talk.say(
                            "s and Enter skips, p and Enter pauses or goes on, q and Enter ends the session.",
                        )?;
                        Outcome::default()
                    }
                },
                // Ctrl-D, the end of a pipe, Ctrl-C or a signal: the session
                // ends early, what was done of it written, as in the app.
                Some(Input::End) | Some(Input::Signal(_)) => {
                    let stop = match input {
                        Some(Input::Signal(n)) => Stop::Signal(n),
                        _ => Stop::End,
                    };
                    let effects = session.end(now).effects;
                    self.effects(effects)?;
                    return Ok((End::Aborted, Some(stop)));
                }
            };
            self.effects(effects)?;
            end = ended;
        }
    }

    /// The session's effects, carried out; the bell rung only when the
    /// session screen asks for it (the config's `bell`).
    fn effects(&mut self, effects: Vec<Effect>) -> Result<()> {
        for effect in effects {
            match effect {
                Effect::Bell => self.talk.bell()?,
                other => {
                    self.carry(other)?;
                }
            }
        }
        Ok(())
    }

    /// Says the step under way when it is new, its time left when a mark
    /// has passed, and a pause or its end.
    fn speak(&mut self, session: &SessionScreen, now: Instant, said: &mut Said) -> Result<()> {
        let timer = &session.timer;
        let i = timer.index();
        let phase = timer.phase();
        if said.step != Some(i) {
            *said = Said {
                step: Some(i),
                mark: None,
                phase: Some(phase),
            };
            return self.announce(session);
        }
        if said.phase != Some(phase) {
            said.phase = Some(phase);
            match phase {
                Phase::Paused => return self.talk.say("Paused. p and Enter goes on."),
                Phase::Running => {
                    return match timer.remaining(now) {
                        Some(_) => self.talk.say(&format!(
                            "Going on, {} left.",
                            duration(timer.display_seconds(now))
                        )),
                        None => self.talk.say("Going on."),
                    };
                }
                _ => {}
            }
        }
        let (Some(step), Some(_)) = (timer.step(), timer.remaining(now)) else {
            return Ok(());
        };
        let Length::Timed(length) = step.length else {
            return Ok(());
        };
        let shown = timer.display_seconds(now);
        let crossed = marks(length)
            .into_iter()
            .filter(|&m| shown <= m && said.mark.is_none_or(|s| m < s))
            .min();
        if let Some(m) = crossed {
            said.mark = Some(m);
            self.talk.say(&left(m))?;
        }
        Ok(())
    }

    /// When the next line (or the bell before a step's end) is due, on
    /// the timer's clock; `None` while only a key moves it on.
    fn next_mark(&self, session: &SessionScreen, now: Instant, said: &Said) -> Option<Instant> {
        let timer = &session.timer;
        if timer.phase() != Phase::Running {
            return None;
        }
        let rem = timer.remaining(now)?;
        let Length::Timed(length) = timer.step()?.length else {
            return None;
        };
        let mut wake = now + rem;
        if let Some(m) = marks(length)
            .into_iter()
            .find(|&m| Duration::from_secs(m) < rem && said.mark.is_none_or(|s| m < s))
        {
            wake = wake.min(now + rem - Duration::from_secs(m));
        }
        if self.env.config.bell && length > WARNING && rem > WARNING {
            wake = wake.min(now + rem - WARNING);
        }
        Some(wake)
    }

    /// "Bridge, set 1 of 2, 30 seconds, go.", "Rest 15 seconds. Next: Bird-dog."
    fn announce(&mut self, session: &SessionScreen) -> Result<()> {
        let timer = &session.timer;
        let plan = timer.plan();
        let i = timer.index();
        let Some(step) = timer.step() else {
            return Ok(());
        };
        let seconds = |l: Length| duration(l.planned().as_secs());
        // The next piece of work after this step.
        let next = plan.next_work(i);
        let name_of = |s: &crate::plan::Step| match s.kind {
            StepKind::Work {
                exercise,
                set,
                side,
            } => {
                let e = &plan.exercises[exercise];
                let mut name = e.name.clone();
                if e.sets > 1 {
                    name.push_str(&format!(", set {set} of {}", e.sets));
                }
                if let Some(side) = side {
                    name.push_str(&format!(", {}", side.as_str()));
                }
                name
            }
            _ => String::new(),
        };
        match step.kind {
            StepKind::GetReady => {
                let first = plan.next_work(i).map(name_of).unwrap_or_default();
                self.talk.say(&format!(
                    "Get ready, {}. First: {first}.",
                    seconds(step.length)
                ))
            }
            StepKind::Rest { .. } => {
                let next = next.map(name_of).unwrap_or_default();
                self.talk
                    .say(&format!("Rest {}. Next: {next}.", seconds(step.length)))
            }
            StepKind::Work { exercise, .. } => {
                let e = &plan.exercises[exercise];
                if plan.first_step(exercise) == Some(i) {
                    self.talk.say(&format!(
                        "Exercise {} of {}: {}",
                        exercise + 1,
                        plan.exercises.len(),
                        e.instructions.trim()
                    ))?;
                    if let Some(stop) = &e.stop_if {
                        self.talk.say(stop.trim())?;
                    }
                }
                match (step.length, e.amount) {
                    (Length::Reps(r), _) | (_, Amount::Reps(r)) => self
                        .talk
                        .say(&format!("{}, {r} reps. Enter when done.", name_of(step))),
                    (length, _) => {
                        self.talk
                            .say(&format!("{}, {}, go.", name_of(step), seconds(length)))
                    }
                }
            }
        }
    }

    /// The check-in after, then the summary: before and after, time and
    /// counts, and each exercise's rating, written as it is given.
    fn after(&mut self, session: &SessionScreen, end: End) -> Result<()> {
        self.talk.gap()?;
        self.talk.say(match end {
            End::Completed => "Routine done. Well done.",
            End::Aborted => "The session ended early; what you did is saved.",
        })?;
        let mut summary = Summary::from_session(session, end);
        if self.env.config.checkin_after {
            self.talk.say("How are you now?")?;
            match self.ask_checkin() {
                Ok((scales, note)) => {
                    summary.after = Some(scales);
                    self.carry(Effect::SaveCheckIn {
                        context: CheckInKind::After,
                        session: Some(summary.session.clone()),
                        scales,
                        note,
                        with: CheckInContext::default(),
                    })?;
                    self.talk.say("Check-in saved.")?;
                }
                Err(e) if e.downcast_ref::<Stop>() == Some(&Stop::Back) => {
                    self.talk.say("No check-in after this session.")?;
                }
                Err(e) => return Err(e),
            }
        }
        self.carry(Effect::ReloadToday)?;
        self.talk.gap()?;
        self.talk.say(&format!("Summary of {}.", summary.routine))?;
        self.talk.say(&format!(
            "Time moving: {}. Exercises done: {}, skipped: {}.",
            duration(u64::from(summary.active_seconds)),
            summary.done,
            summary.skipped
        ))?;
        if let (Some(b), Some(a)) = (summary.before, summary.after) {
            for line in changes(b, a) {
                self.talk.say(&line)?;
            }
        }
        if let (true, Some(b), Some(a)) = (summary.pain_rose(), summary.before, summary.after) {
            self.talk.say(PAIN_ROSE)?;
            self.warn(crate::safety::Said {
                pain: a.pain,
                before: Some(b.pain),
                with: &crate::model::CheckInContext::default(),
                note: None,
            })?;
        }
        if summary.exercises.is_empty() {
            return Ok(());
        }
        self.talk.say(
            "How did each feel? 1 made it worse, up to 5 felt great. Type 1 to 5 and Enter, or just Enter to skip.",
        )?;
        let n = summary.exercises.len();
        for (k, exercise) in summary.exercises.iter().enumerate() {
            let rating =
                self.talk
                    .number(&format!("{} of {n}, {}:", k + 1, exercise.name), 1, 5, true);
            match rating {
                Ok(Some(comfort)) => {
                    self.talk
                        .say(&format!("{}: {comfort} of 5, saved.", exercise.name))?;
                    self.carry(Effect::RateExercise {
                        session: summary.session.clone(),
                        position: exercise.position,
                        comfort,
                    })?;
                }
                Ok(None) => self.talk.say(&format!("{}: not rated.", exercise.name))?,
                Err(e) if e.downcast_ref::<Stop>() == Some(&Stop::Back) => break,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// "Pain: 6 before, 4 after, down 2."
fn changes(before: Scales, after: Scales) -> Vec<String> {
    let line = |title: &str, b: u8, a: u8| {
        let how = match a.cmp(&b) {
            std::cmp::Ordering::Less => format!("down {}", b - a),
            std::cmp::Ordering::Greater => format!("up {}", a - b),
            std::cmp::Ordering::Equal => "the same".to_string(),
        };
        format!("{title}: {b} before, {a} after, {how}.")
    };
    let mut lines = vec![
        line("Pain", before.pain, after.pain),
        line("Anxiety", before.anxiety, after.anxiety),
        line("Mood", before.mood, after.mood),
    ];
    if let (Some(b), Some(a)) = (before.fear, after.fear) {
        lines.push(line("Fear of movement", b, a));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_the_minutes_of_a_long_step_and_ten_seconds_before_the_end() {
        assert_eq!(marks(Duration::from_secs(5)), Vec::<u64>::new());
        assert_eq!(marks(Duration::from_secs(30)), vec![10]);
        assert_eq!(marks(Duration::from_secs(60)), vec![10]);
        assert_eq!(marks(Duration::from_secs(180)), vec![120, 60, 10]);
    }

    #[test]
    fn time_is_said_in_words() {
        assert_eq!(duration(30), "30 seconds");
        assert_eq!(duration(60), "1 minute");
        assert_eq!(duration(90), "1 minute 30 seconds");
        assert_eq!(left(120), "2 minutes left.");
        assert_eq!(left(60), "1 minute left.");
        assert_eq!(left(10), "10 seconds left.");
    }

    #[test]
    fn a_faster_pace_runs_the_timer_clock_ahead_and_maps_back() {
        let pace = Pace {
            origin: Instant::now(),
            speed: 10,
        };
        let at = pace.origin + Duration::from_secs(30);
        assert_eq!(pace.real(at), pace.origin + Duration::from_secs(3));
    }
}
