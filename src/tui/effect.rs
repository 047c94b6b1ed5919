//! `Effect`: what `update` asks the loop to do, and `carry_out`, the one
//! place that does it (the store, the bell) and answers with a message.

use std::io::Write;

use anyhow::Result;

use super::app::Msg;
use super::load::{favourites_routine, load_history, load_today};
use super::screens::history::SessionDetail;
use crate::env::Env;
use crate::insights::Range;
use crate::model::{
    Context, ExerciseRecord, NewCheckIn, NewSession, Scales, SessionKind, SessionStatus,
};
use crate::routine::{Catalog, Routine};
use crate::store::{SAFETY_NOTICE_READ, Store};
use crate::tui::screens::resume;

/// What `update` asks the loop to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Bell,
    MarkSafetyRead,
    SaveCheckIn {
        context: Context,
        session: Option<i64>,
        scales: Scales,
        note: Option<String>,
    },
    /// Write the session row (in progress) and its before-check-in.
    StartSession {
        routine: Box<Routine>,
        planned_seconds: u32,
        before: Option<(Scales, Option<String>)>,
        gentle: bool,
    },
    /// Take the hold on an unfinished session, then go on as `then` says.
    HoldSession {
        session: i64,
        then: resume::Outcome,
    },
    RecordExercise {
        session: i64,
        record: ExerciseRecord,
    },
    RateExercise {
        session: i64,
        position: u32,
        comfort: u8,
    },
    FinishSession {
        session: i64,
        status: SessionStatus,
    },
    ReloadToday,
    /// Mark or unmark an exercise (by name) as feared.
    SetFeared {
        name: String,
        feared: bool,
    },
    /// Expected and actual pain of a feared exercise already written.
    SetExposure {
        session: i64,
        position: u32,
        expected: Option<u8>,
        actual: Option<u8>,
    },
    /// Mark today as a flare-up, or take the mark back.
    ToggleFlare,
    /// Build the favourites routine and start it.
    StartFavourites,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    /// Open a routine (by slug) in the user's editor.
    EditRoutine(String),
    /// Read History's data for a range.
    LoadHistory(Range),
    /// Read one session for History's Sessions tab.
    LoadSession(i64),
}

impl Effect {
    /// Whether carrying this out reads more than a few rows.
    pub(super) fn reads(&self) -> bool {
        matches!(self, Effect::LoadHistory(_) | Effect::LoadSession(_))
    }
}

/// Carries out one effect; a failure comes back as a message for the screen.
pub(super) fn carry_out(
    effect: Effect,
    store: &mut Store,
    env: &Env,
    catalog: &Catalog,
) -> Option<Msg> {
    // Only the kind of effect: what the user entered stays out of the log.
    let kind = format!("{effect:?}");
    tracing::debug!(
        effect = kind.split([' ', '(', '{']).next().unwrap_or(""),
        "carrying out"
    );
    match apply(effect, store, env, catalog) {
        Ok(msg) => msg,
        Err(e) => {
            tracing::warn!("could not save: {e:#}");
            Some(Msg::StoreFailed(format!("{e:#}")))
        }
    }
}

fn apply(effect: Effect, store: &mut Store, env: &Env, catalog: &Catalog) -> Result<Option<Msg>> {
    let now = env.clock.now();
    match effect {
        Effect::Quit | Effect::Suspend | Effect::EditRoutine(_) => {}
        Effect::Bell => {
            let mut out = std::io::stdout();
            out.write_all(b"\x07")?;
            out.flush()?;
        }
        Effect::MarkSafetyRead => {
            store.set_state(SAFETY_NOTICE_READ, &crate::store::utc_text(now))?;
        }
        Effect::SaveCheckIn {
            context,
            session,
            scales,
            note,
        } => {
            store.add_checkin(&NewCheckIn {
                at: now,
                local_date: env.clock.local_date(now),
                context,
                session_id: session,
                scales,
                note,
            })?;
        }
        Effect::StartSession {
            routine,
            planned_seconds,
            before,
            gentle,
        } => {
            let routine_id = store.remember_routine(&routine, now)?;
            let session = store.add_session(&NewSession {
                routine_id: Some(routine_id),
                activity: routine.name.clone(),
                kind: SessionKind::Guided,
                status: SessionStatus::InProgress,
                started_at: now,
                ended_at: None,
                local_date: env.clock.local_date(now),
                planned_seconds,
                active_seconds: 0,
                note: None,
                gentle,
            })?;
            if let Some((scales, note)) = before {
                store.add_checkin(&NewCheckIn {
                    at: now,
                    local_date: env.clock.local_date(now),
                    context: Context::Before,
                    session_id: Some(session.id),
                    scales,
                    note,
                })?;
            }
            tracing::info!(session = session.id, routine = %routine.slug, gentle, "session started");
            return Ok(Some(Msg::SessionStarted(session.id)));
        }
        Effect::HoldSession { session, then } => {
            return Ok(Some(if store.hold_session(session)? {
                Msg::SessionHeld { session, then }
            } else {
                Msg::SessionElsewhere(session)
            }));
        }
        Effect::RecordExercise {
            session,
            mut record,
        } => {
            record.finished_at = now;
            store.record_exercise(session, &record)?;
        }
        Effect::RateExercise {
            session,
            position,
            comfort,
        } => store.rate_exercise(session, position, comfort)?,
        Effect::FinishSession { session, status } => {
            store.finish_session(session, status, now)?;
            tracing::info!(session, status = status.as_str(), "session closed");
        }
        Effect::ReloadToday => return Ok(Some(Msg::TodayLoaded(load_today(store, env, catalog)?))),
        Effect::SetFeared { name, feared } => store.set_feared(&name, feared, now)?,
        Effect::SetExposure {
            session,
            position,
            expected,
            actual,
        } => store.set_exposure(session, position, expected, actual)?,
        Effect::ToggleFlare => {
            let today = env.clock.today();
            if !store.clear_flare(today)? {
                store.mark_flare(today, None, now)?;
            }
            return Ok(Some(Msg::TodayLoaded(load_today(store, env, catalog)?)));
        }
        Effect::StartFavourites => {
            return Ok(Some(match favourites_routine(store, env, catalog)? {
                Some(routine) => Msg::StartRoutine(Box::new(routine)),
                None => Msg::Notice(format!(
                    "Your favourites need {} exercises rated: after a session, rate each with 1–5.",
                    crate::routine::favourites::LEAST
                )),
            }));
        }
        Effect::LoadHistory(range) => {
            return Ok(Some(Msg::HistoryLoaded(Box::new(load_history(
                store, env, range,
            )?))));
        }
        Effect::LoadSession(id) => {
            let exercises = store.session_exercises(id)?;
            let line = store.session_line(id)?;
            return Ok(
                line.map(|line| Msg::SessionLoaded(Box::new(SessionDetail { line, exercises })))
            );
        }
    }
    Ok(None)
}
