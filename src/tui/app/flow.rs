//! The way through a session: the intro screens, the check-in before,
//! the gentle offer on a hard day, the timer, the check-in after and the
//! summary. Each step decides which screen comes next.

use std::time::{Duration, Instant};

use super::{App, Screen};
use crate::model::{CheckInContext, CheckInKind, Scales};
use crate::routine::Routine;
use crate::tui::Effect;
use crate::tui::screens::checkin::CheckInForm;
use crate::tui::screens::gentle::GentleOffer;
use crate::tui::screens::recovery::Recovery;
use crate::tui::screens::resume::{self, Unfinished};
use crate::tui::screens::session::{self, End, SessionScreen};
use crate::tui::screens::summary::{Offered, Summary};

/// How long a check-in given before the gentle offer stands for the next
/// session when the person backed out of the offer.
pub const GIVEN_FOR: Duration = Duration::from_secs(60 * 60);

/// A before-check-in that was written as soon as it was given, because the
/// gentle offer came next: on disk as the day's check-in while the offer
/// waits (a kill there loses nothing), and the before-check-in of the
/// session started next within `GIVEN_FOR`, which takes it over rather than
/// asking again.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub uuid: String,
    pub scales: Scales,
    pub note: Option<String>,
    pub at: Instant,
}

impl App {
    /// Moves past the intro screens: the offer of entries left unsaved last
    /// time, the resume question, then a routine named on the command
    /// line, then Today.
    pub(super) fn after_intro(&mut self, now: Instant) -> Vec<Effect> {
        if !self.recovery.is_empty() {
            let files = std::mem::take(&mut self.recovery);
            self.screen = Screen::Recovery(Box::new(Recovery { files }));
            return Vec::new();
        }
        if let Some(unfinished) = self.unfinished.take() {
            self.screen = Screen::Resume(Box::new(unfinished));
            return Vec::new();
        }
        if let Some((routine, gentle)) = self.pending_run.take() {
            return self.begin(routine, gentle, now);
        }
        self.screen = Screen::Today;
        Vec::new()
    }

    /// A routine was chosen: ask how the user is first, if configured,
    /// unless they said so within the hour — before a gentle offer, or in
    /// a check-in of the day not yet tied to a session, which then stands
    /// as this session's before-check-in (and the notice says so).
    pub(super) fn begin(&mut self, routine: Routine, gentle: bool, now: Instant) -> Vec<Effect> {
        let given = (self.given.take())
            .filter(|g| now.saturating_duration_since(g.at) <= GIVEN_FOR)
            .or_else(|| self.recent_checkin(now));
        if let Some(g) = given {
            let before = Some((g.scales, g.note.clone()));
            self.given = Some(g);
            return self.offer_or_start(routine, gentle, before, now);
        }
        if self.config.checkin_before {
            self.screen =
                Screen::CheckIn(CheckInForm::new(CheckInKind::Before, self.last_scales()));
            self.starting = Some((routine, gentle));
            Vec::new()
        } else {
            self.offer_or_start(routine, gentle, None, now)
        }
    }

    /// On a hard day (pain at or above `gentle_from` before the session, or
    /// a flare day) the gentle version is offered first; a check-in just
    /// given is written before the offer shows (see `Given`).
    fn offer_or_start(
        &mut self,
        routine: Routine,
        gentle: bool,
        before: Option<(Scales, Option<String>)>,
        now: Instant,
    ) -> Vec<Effect> {
        let hard = before
            .as_ref()
            .is_some_and(|(s, _)| s.pain >= self.config.gentle_from)
            || self.today.data.progress.flare_today;
        if hard && !gentle {
            let mut effects = Vec::new();
            if let (Some((scales, note)), None) = (&before, &self.given) {
                let uuid = uuid::Uuid::new_v4().to_string();
                effects.push(Effect::KeepCheckIn {
                    uuid: uuid.clone(),
                    scales: *scales,
                    note: note.clone(),
                    with: std::mem::take(&mut self.kept.before_with),
                });
                self.given = Some(Given {
                    uuid,
                    scales: *scales,
                    note: note.clone(),
                    at: now,
                });
            }
            self.screen = Screen::Gentle(Box::new(GentleOffer { routine, before }));
            effects
        } else {
            self.start(routine, before, gentle, now)
        }
    }

    /// The day's last check-in, if it was made within `GIVEN_FOR` and is
    /// not a session's: the before-check-in of a session begun now.
    fn recent_checkin(&mut self, now: Instant) -> Option<Given> {
        if !self.config.checkin_before {
            return None;
        }
        let last = self.today.data.last_checkin.as_ref()?;
        if !last.stands_before(self.clock.now()) {
            return None;
        }
        self.notice = Some(last.stands_before_words(self.clock.local(last.at)));
        Some(Given {
            uuid: last.uuid.clone(),
            scales: last.scales,
            note: last.note.clone(),
            at: now,
        })
    }

    pub(super) fn last_scales(&self) -> Option<Scales> {
        self.today.data.last_checkin.as_ref().map(|c| c.scales)
    }

    /// Starts the timer on a routine and asks the loop to write the session,
    /// with its before-check-in, or taking over the one already written.
    pub(super) fn start(
        &mut self,
        routine: Routine,
        before: Option<(Scales, Option<String>)>,
        gentle: bool,
        now: Instant,
    ) -> Vec<Effect> {
        let before_scales = before.as_ref().map(|b| b.0);
        let session =
            SessionScreen::of(&routine, gentle, before_scales, &self.config, &self.feared);
        let given = self.given.take().map(|g| g.uuid);
        let effects = vec![Effect::StartSession {
            uuid: session.session.clone(),
            routine: Box::new(routine),
            planned_seconds: session.timer.total().as_secs() as u32,
            before: if given.is_some() { None } else { before },
            given,
            gentle,
            before_with: Box::new(std::mem::take(&mut self.kept.before_with)),
        }];
        self.run_session(session, effects, now)
    }

    /// Resumes an unfinished session at its first unrecorded exercise.
    pub(super) fn resume(&mut self, unfinished: &Unfinished, now: Instant) -> Vec<Effect> {
        match SessionScreen::resumed(unfinished, &self.config, &self.feared) {
            Some(session) => self.run_session(session, Vec::new(), now),
            None => self.after_intro(now),
        }
    }

    /// This window holds the unfinished session on the resume question:
    /// resume it, or keep it as ended early, as the user chose.
    pub(super) fn took_hold(
        &mut self,
        session: i64,
        then: resume::Outcome,
        now: Instant,
    ) -> Vec<Effect> {
        let Some(unfinished) = self.asked_about(session) else {
            return Vec::new();
        };
        match then {
            resume::Outcome::Resume => self.resume(&unfinished, now),
            resume::Outcome::KeepEnded => {
                let mut effects = vec![Effect::FinishSession {
                    session: unfinished.session.uuid.clone(),
                    status: crate::model::SessionStatus::Aborted,
                }];
                effects.extend(self.after_intro(now));
                effects.push(Effect::ReloadToday);
                effects
            }
            resume::Outcome::Quit | resume::Outcome::None => Vec::new(),
        }
    }

    /// Another window took the unfinished session (or finished it) while
    /// the question was open: it is left to that window.
    pub(super) fn left_elsewhere(&mut self, session: i64, now: Instant) -> Vec<Effect> {
        if self.asked_about(session).is_none() {
            return Vec::new();
        }
        self.notice =
            Some("That session was taken up in another window; it was left to it.".into());
        let mut effects = self.after_intro(now);
        effects.push(Effect::ReloadToday);
        effects
    }

    /// The unfinished session the resume question is about, if it is open
    /// and about `session`.
    fn asked_about(&self, session: i64) -> Option<Unfinished> {
        match &self.screen {
            Screen::Resume(unfinished) if unfinished.session.id == session => {
                Some((**unfinished).clone())
            }
            _ => None,
        }
    }

    /// Shows a session and starts its clock, after `effects`.
    fn run_session(
        &mut self,
        mut session: SessionScreen,
        mut effects: Vec<Effect>,
        now: Instant,
    ) -> Vec<Effect> {
        let step = session.start(0, now);
        self.screen = Screen::Session(Box::new(session));
        effects.extend(self.session_went(step, now));
        effects
    }

    /// What a session did at a key, a tick or a pause: its effects, and when
    /// it ended, the way on from it.
    pub(super) fn session_went(&mut self, step: session::Outcome, now: Instant) -> Vec<Effect> {
        let mut effects = step.effects;
        if let Some(end) = step.ended {
            self.finish_session(end, now);
            // Straight to the summary: its "next time" lines are read with
            // the session saved.
            if matches!(self.screen, Screen::Summary(_)) {
                effects.push(Effect::ReloadToday);
            }
        }
        effects
    }

    /// The session ended, done or ended early: on to the after-check-in
    /// (when configured; it can be skipped) and the summary. Ended early is
    /// asked too: people often stop because it hurts, and that is when the
    /// number matters.
    fn finish_session(&mut self, end: End, now: Instant) {
        let Screen::Session(session) = &self.screen else {
            return;
        };
        let mut summary = Summary::from_session(session, end);
        summary.offered = Offered {
            before: self.config.checkin_before,
            after: self.config.checkin_after,
        };
        if self.config.checkin_after {
            self.pending_summary = Some(summary);
            self.screen = Screen::CheckIn(CheckInForm::after_session(
                session.before.or(self.last_scales()),
                now,
            ));
        } else {
            self.screen = Screen::Summary(summary);
        }
    }
}

/// A check-in form was saved or skipped: write it, and go where it leads.
pub(super) fn checkin_done(
    app: &mut App,
    context: CheckInKind,
    answer: Option<(Scales, Option<String>)>,
    with: CheckInContext,
    now: Instant,
) -> Vec<Effect> {
    // A before-check-in's context is written with it when the session
    // starts (or kept at once, before the gentle offer).
    app.kept.before_with = if context == CheckInKind::Before {
        with.clone()
    } else {
        CheckInContext::default()
    };
    match context {
        CheckInKind::Daily => {
            app.screen = Screen::Today;
            match answer {
                // A newer word on the day: the next session asks afresh.
                Some((scales, note)) => {
                    app.given = None;
                    vec![
                        Effect::SaveCheckIn {
                            context,
                            session: None,
                            scales,
                            note,
                            with,
                        },
                        Effect::ReloadToday,
                    ]
                }
                None => Vec::new(),
            }
        }
        CheckInKind::Before => match app.starting.take() {
            Some((routine, gentle)) => app.offer_or_start(routine, gentle, answer, now),
            None => {
                app.screen = Screen::Today;
                Vec::new()
            }
        },
        CheckInKind::After => {
            let mut summary = app.pending_summary.take();
            let mut effects = Vec::new();
            if let Some((scales, note)) = answer {
                if let Some(s) = summary.as_mut() {
                    s.after = Some(scales);
                }
                effects.push(Effect::SaveCheckIn {
                    context,
                    session: summary.as_ref().map(|s| s.session.clone()),
                    scales,
                    note,
                    with,
                });
            }
            app.screen = match summary {
                Some(s) => Screen::Summary(s),
                None => Screen::Today,
            };
            // What happens next time, read with this check-in saved.
            effects.push(Effect::ReloadToday);
            effects
        }
    }
}
