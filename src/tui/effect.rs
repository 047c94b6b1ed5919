//! `Effect`: what `update` asks the loop to do, and `carry_out`, the one
//! place that does it (the store, the bell) and answers with a message.
//! Writes to the diary go through the outbox, which keeps any the store
//! cannot take yet and tries them again.

mod diary;

use std::io::Write as _;

use anyhow::Result;

use super::app::Msg;
use super::load::{load_diary, load_history, load_today};
use super::outbox::{Outbox, Write};
use super::screens::history::SessionDetail;
use crate::env::Env;
use crate::insights::Range;
use crate::model::{
    CheckInContext, CheckInKind, Correction, EntryKind, ExerciseRecord, NewCheckIn, NewSession,
    Scales, SessionKind, SessionStatus,
};
use crate::reading::routines::favourites_routine;
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
        context: CheckInKind,
        /// The session it belongs to, by UUID.
        session: Option<String>,
        scales: Scales,
        note: Option<String>,
        /// Its tags, where it hurt and what was taken, written with it.
        with: CheckInContext,
    },
    /// Write the session row (in progress) and its before-check-in. The
    /// UUID is made as the session starts: later writes name it by that,
    /// whether or not its row could be written yet.
    StartSession {
        uuid: String,
        routine: Box<Routine>,
        planned_seconds: u32,
        before: Option<(Scales, Option<String>)>,
        /// A check-in already written (see `KeepCheckIn`), by UUID, that
        /// becomes the session's before-check-in instead.
        given: Option<String>,
        gentle: bool,
        /// What goes with the before-check-in (`before`).
        before_with: Box<CheckInContext>,
    },
    /// Write a check-in at once, as the day's, under a UUID made now: the
    /// one given before the gentle offer, so that it is on disk while the
    /// offer waits. A session started later takes it (`StartSession::given`).
    KeepCheckIn {
        uuid: String,
        scales: Scales,
        note: Option<String>,
        with: CheckInContext,
    },
    /// Take the hold on an unfinished session, then go on as `then` says.
    HoldSession {
        session: i64,
        then: resume::Outcome,
    },
    RecordExercise {
        session: String,
        record: ExerciseRecord,
    },
    RateExercise {
        session: String,
        position: u32,
        comfort: u8,
    },
    FinishSession {
        session: String,
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
        session: String,
        position: u32,
        expected: Option<u8>,
        actual: Option<u8>,
    },
    /// Mark today as a flare-up, or take the mark back.
    ToggleFlare,
    /// Build the favourites routine and show its page.
    StartFavourites,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    /// Open a routine (by slug) in the user's editor.
    EditRoutine(String),
    /// Read History's data for a range.
    LoadHistory(Range),
    /// Read one session for History's Sessions tab.
    LoadSession(i64),
    /// Bring in a recovery file left by an earlier run.
    BringIn(std::path::PathBuf),
    /// Correct an entry from History's Diary (logged, so `u` takes it back).
    CorrectEntry {
        kind: EntryKind,
        uuid: String,
        change: Correction,
        /// A check-in's tags, places and what was taken, when they changed.
        with: Option<Box<crate::model::CheckInContext>>,
        /// The entry as the form showed it: a change made elsewhere since
        /// then refuses the correction rather than being overwritten.
        seen: Box<crate::model::Entry>,
    },
    /// Delete an entry; a session's before/after check-ins too if asked.
    DeleteEntry {
        kind: EntryKind,
        uuid: String,
        with_checkins: bool,
    },
    /// Take back the last change to the diary.
    UndoEntry,
    /// Read a session's exercises (by its UUID) for the Diary's entry opened.
    LoadEntryExercises(String),
    /// Read every entry of a range for History's Diary tab.
    LoadDiary(Range),
    /// Read which fitness tests were tried before, and open the check.
    OpenFitness,
    /// Keep a fitness self-test's result, made now.
    SaveFitness {
        test: crate::model::FitnessTest,
        value: u32,
    },
    /// Keep a WHO-5, made now.
    SaveWho5(crate::model::Who5),
    /// Keep a RAND-36 scale's answers.
    SaveRand36(crate::model::Rand36),
    /// Read the tags and treatments a check-in form offers.
    LoadCheckInWords,
    /// Read the programmes and the one followed, for the Programme screen.
    LoadProgrammes,
    /// Start following a programme (by slug) from today, on the days
    /// `limber programme start` picks by default.
    StartProgramme(String),
    /// Stop following the programme.
    StopProgramme,
    /// Read the exposure ladder.
    LoadLadder,
    /// Record a try of a step of the ladder (completing its open one).
    SaveFearTry(Box<crate::tui::screens::ladder::NewTry>),
    /// Name a new activity for the ladder, last on it.
    AddFearStep {
        name: String,
        expected: u8,
    },
}

impl Effect {
    /// Whether carrying this out reads more than a few rows.
    pub(super) fn reads(&self) -> bool {
        matches!(
            self,
            Effect::LoadHistory(_)
                | Effect::LoadSession(_)
                | Effect::LoadEntryExercises(_)
                | Effect::LoadDiary(_)
        )
    }

    /// Whether it changes entries already in the diary (History › Diary).
    pub fn corrects(&self) -> bool {
        matches!(
            self,
            Effect::CorrectEntry { .. } | Effect::DeleteEntry { .. } | Effect::UndoEntry
        )
    }
}

/// Carries out one effect; a failure comes back as a message for the screen,
/// and a write the store could not take waits in `outbox` (the app hears
/// what waits through `Msg::Unsaved`).
pub fn carry_out(
    effect: Effect,
    store: &mut Store,
    outbox: &mut Outbox,
    env: &Env,
    catalog: &mut Catalog,
) -> Vec<Msg> {
    // Only the kind of effect: what the user entered stays out of the log.
    let kind = format!("{effect:?}");
    tracing::debug!(
        effect = kind.split([' ', '(', '{']).next().unwrap_or(""),
        "carrying out"
    );
    let was = outbox.unsaved();
    let mut msgs: Vec<Msg> = match writes_of(effect, env) {
        Ok(writes) => {
            let self_tests: Vec<Write> = writes
                .iter()
                .filter(|w| w.is_self_test())
                .cloned()
                .collect();
            for write in writes {
                outbox.push(store, write);
            }
            // Said as saved only once written: one that waits is in the
            // outbox's line instead.
            match outbox.is_empty() {
                true => self_tests
                    .iter()
                    .filter_map(|w| self_test_saved(w, store))
                    .collect(),
                false => Vec::new(),
            }
        }
        Err(effect) => match apply(effect, store, env, catalog) {
            Ok(msg) => msg.into_iter().collect(),
            Err(e) => {
                tracing::warn!("could not save: {e:#}");
                vec![Msg::StoreFailed(format!("{e:#}"))]
            }
        },
    };
    let now = outbox.unsaved();
    if now != was {
        msgs.insert(0, Msg::Unsaved(now));
    }
    msgs
}

/// Tries again what waits in the outbox (at a key, a tick, a new screen);
/// a message when that changed what waits.
pub fn retry(store: &mut Store, outbox: &mut Outbox) -> Option<Msg> {
    if outbox.is_empty() {
        return None;
    }
    outbox.flush(store).then(|| Msg::Unsaved(outbox.unsaved()))
}

/// The diary writes an effect asks for, stamped with the time now and
/// UUIDs made now; any other effect comes back as it was (whole: it is
/// handed on at once, never kept, so its size costs a move, not memory).
#[allow(clippy::result_large_err)]
fn writes_of(effect: Effect, env: &Env) -> std::result::Result<Vec<Write>, Effect> {
    let now = env.clock.now();
    let local_date = env.clock.local_date(now);
    let uuid = || uuid::Uuid::new_v4().to_string();
    let checkin = |context, scales, note| NewCheckIn {
        at: now,
        local_date,
        context,
        session_id: None,
        scales,
        note,
    };
    Ok(vec![match effect {
        Effect::StartSession {
            uuid: session,
            routine,
            planned_seconds,
            before,
            given,
            gentle,
            before_with,
        } => {
            tracing::info!(routine = %routine.slug, gentle, "session started");
            let mut writes = vec![Write::Session {
                uuid: session.clone(),
                new: NewSession {
                    routine_id: None,
                    activity: routine.name.clone(),
                    kind: SessionKind::Guided,
                    status: SessionStatus::InProgress,
                    started_at: now,
                    ended_at: None,
                    local_date,
                    planned_seconds,
                    active_seconds: 0,
                    note: None,
                    gentle,
                },
                routine,
            }];
            if let Some((scales, note)) = before {
                writes.push(Write::CheckIn {
                    uuid: uuid(),
                    session: Some(session.clone()),
                    new: checkin(CheckInKind::Before, scales, note),
                    with: *before_with,
                });
            }
            if let Some(checkin) = given {
                writes.push(Write::Link {
                    checkin,
                    session,
                    at: now,
                });
            }
            return Ok(writes);
        }
        Effect::SaveCheckIn {
            context,
            session,
            scales,
            note,
            with,
        } => Write::CheckIn {
            uuid: uuid(),
            session,
            new: checkin(context, scales, note),
            with,
        },
        Effect::KeepCheckIn {
            uuid,
            scales,
            note,
            with,
        } => Write::CheckIn {
            uuid,
            session: None,
            new: checkin(CheckInKind::Daily, scales, note),
            with,
        },
        Effect::RecordExercise {
            session,
            mut record,
        } => {
            record.finished_at = now;
            Write::Exercise {
                session,
                uuid: uuid(),
                record,
            }
        }
        Effect::RateExercise {
            session,
            position,
            comfort,
        } => Write::Rate {
            session,
            position,
            comfort,
        },
        Effect::FinishSession { session, status } => Write::Finish {
            session,
            status,
            at: now,
        },
        Effect::SetExposure {
            session,
            position,
            expected,
            actual,
        } => Write::Exposure {
            session,
            position,
            expected,
            actual,
        },
        Effect::SaveFitness { test, value } => Write::Fitness {
            uuid: uuid(),
            new: crate::model::NewFitnessResult {
                test,
                value,
                at: now,
                local_date,
            },
        },
        Effect::SaveWho5(who5) => Write::Who5 {
            uuid: uuid(),
            at: now,
            local_date,
            who5,
        },
        Effect::SaveRand36(rand36) => Write::Rand36 {
            uuid: uuid(),
            at: now,
            local_date,
            rand36,
        },
        other => return Err(other),
    }])
}

/// Today read again; while a programme runs, its routines too, since a
/// session or a correction just recorded may have moved a level: the
/// routine page and the next session then have the new doses at once.
fn reload_today(store: &Store, env: &Env, catalog: &mut Catalog) -> Result<Option<Msg>> {
    if store.active_programme()?.is_some() {
        let doses = crate::reading::routines::doses(store, env, &env.catalog())?;
        let today = super::load::load_today_at(store, env, &doses)?;
        if doses.catalog.routines == catalog.routines {
            return Ok(Some(Msg::TodayLoaded(today)));
        }
        *catalog = doses.catalog;
        return Ok(Some(Msg::DosesChanged(Box::new((
            catalog.routines.clone(),
            today,
        )))));
    }
    Ok(Some(Msg::TodayLoaded(load_today(store, env, catalog)?)))
}

fn apply(
    effect: Effect,
    store: &mut Store,
    env: &Env,
    catalog: &mut Catalog,
) -> Result<Option<Msg>> {
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
        Effect::HoldSession { session, then } => {
            return Ok(Some(if store.hold_session(session)? {
                Msg::SessionHeld { session, then }
            } else {
                Msg::SessionElsewhere(session)
            }));
        }
        Effect::ReloadToday => return reload_today(store, env, catalog),
        Effect::LoadCheckInWords => {
            let words = crate::reading::checkin::words(store, &env.config.tags)?;
            return Ok(Some(Msg::CheckInWords(words)));
        }
        Effect::OpenFitness => return self_tests(effect, store, env),
        Effect::LoadProgrammes => {
            let data = super::load::load_programmes(store, env)?;
            return Ok(Some(Msg::ProgrammesLoaded(Box::new(data), None)));
        }
        Effect::StartProgramme(slug) => return start_programme(store, env, &slug).map(Some),
        Effect::StopProgramme => {
            let said = match store.stop_programme(now)? {
                None => format!(
                    "{} Nothing changed.",
                    crate::reading::programme::words::NONE
                ),
                Some(e) => {
                    let programmes = crate::programme::Catalog::load(
                        &env.paths.config_dir.join("programmes"),
                        &env.catalog().routines,
                    );
                    let name = programmes
                        .get(&e.slug)
                        .map_or_else(|| e.slug.clone(), |p| p.name.clone());
                    crate::reading::programme::words::stopped(&name)
                }
            };
            let data = super::load::load_programmes(store, env)?;
            return Ok(Some(Msg::ProgrammesLoaded(Box::new(data), Some(said))));
        }
        Effect::LoadLadder => return Ok(Some(Msg::LadderLoaded(store.fear_ladder()?, None))),
        Effect::SaveFearTry(t) => {
            let done = crate::store::TryDone {
                happened: &t.happened,
                after: t.after,
                pain: t.pain,
                note: None,
            };
            // The form asks for the expectation before. A try begun earlier
            // keeps its own unless it was changed here: then it is begun
            // again with the new one (as `limber fear try` would), so what
            // was typed is what is kept.
            let begun = store
                .fear_ladder()?
                .iter()
                .find(|s| s.step.uuid == t.step)
                .and_then(|s| s.open_try())
                .and_then(|open| open.before);
            if begun.is_some_and(|b| b != t.before) {
                store.begin_fear_try(&t.step, t.before, now, env.clock.today())?;
            }
            let (saved, _) =
                store.finish_fear_try(&t.step, Some(t.before), &done, now, env.clock.today())?;
            let before = saved.before.unwrap_or(t.before);
            let ladder = store.fear_ladder()?;
            let name = ladder
                .iter()
                .find(|s| s.step.uuid == t.step)
                .map_or_else(String::new, |s| crate::text::one_line(&s.step.name));
            let said = format!(
                "Try saved for {name}: expected harm {before} before, {} now.",
                t.after
            );
            return Ok(Some(Msg::LadderLoaded(ladder, Some(said))));
        }
        Effect::AddFearStep { name, expected } => {
            let name = crate::text::one_line(name.trim());
            // One name once, as `limber fear add` has it.
            let there = store
                .fear_ladder()?
                .iter()
                .any(|s| s.step.name.trim().to_lowercase() == name.to_lowercase());
            let said = if there {
                format!("\"{name}\" is on your ladder already; nothing was added.")
            } else {
                store.add_fear_step(&name, expected, None, now, env.clock.today())?;
                format!("Added to your ladder: {name}, expected harm {expected}.")
            };
            return Ok(Some(Msg::LadderLoaded(store.fear_ladder()?, Some(said))));
        }
        Effect::SetFeared { name, feared } => store.set_feared(&name, feared, now)?,
        Effect::ToggleFlare => {
            let today = env.clock.today();
            if !store.clear_flare(today, now)? {
                store.mark_flare(today, None, now)?;
            }
            return Ok(Some(Msg::TodayLoaded(load_today(store, env, catalog)?)));
        }
        Effect::StartFavourites => {
            return Ok(Some(match favourites_routine(store, env, catalog)? {
                Some(routine) => Msg::OpenRoutine(Box::new(routine)),
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
            return Ok(line.map(|line| {
                let line = super::load::in_local(line, env);
                Msg::SessionLoaded(Box::new(SessionDetail { line, exercises }))
            }));
        }
        Effect::BringIn(path) => {
            return Ok(Some(Msg::Notice(super::recovery::bring_in(
                store, &path, now,
            )?)));
        }
        // Changes to entries already written: one transaction each, answered
        // with what changed or why nothing did. The app asks for them only
        // while nothing waits in the outbox, so they never overtake a write.
        Effect::CorrectEntry {
            kind,
            uuid,
            change,
            with,
            seen,
        } => {
            return Ok(Some(diary::correct(
                store,
                env,
                kind,
                &uuid,
                (&change, with.as_deref()),
                &seen,
            )));
        }
        Effect::DeleteEntry {
            kind,
            uuid,
            with_checkins,
        } => return Ok(Some(diary::delete(store, env, kind, &uuid, with_checkins))),
        Effect::UndoEntry => return Ok(Some(diary::undo(store, env))),
        Effect::LoadDiary(range) => {
            let entries = load_diary(store, env, range)?;
            return Ok(Some(Msg::DiaryLoaded(range, entries)));
        }
        Effect::LoadEntryExercises(uuid) => {
            let exercises = match store.session_id(&uuid)? {
                Some(id) => store.session_exercises(id)?,
                None => Vec::new(),
            };
            return Ok(Some(Msg::EntryExercises(uuid, exercises)));
        }
        // Diary writes go through the outbox (see `writes_of`).
        Effect::SaveCheckIn { .. }
        | Effect::KeepCheckIn { .. }
        | Effect::StartSession { .. }
        | Effect::RecordExercise { .. }
        | Effect::RateExercise { .. }
        | Effect::FinishSession { .. }
        | Effect::SetExposure { .. }
        | Effect::SaveFitness { .. }
        | Effect::SaveWho5(_)
        | Effect::SaveRand36(_) => {}
    }
    Ok(None)
}

/// Starts following the programme `slug` from today, on the days the
/// command picks by default, and says so in the command's words.
fn start_programme(store: &mut Store, env: &Env, slug: &str) -> Result<Msg> {
    let programmes = crate::programme::Catalog::load(
        &env.paths.config_dir.join("programmes"),
        &env.catalog().routines,
    );
    let Some(p) = programmes.get(slug) else {
        return Ok(Msg::Notice(programmes.unknown(slug)));
    };
    let days = crate::reading::programme::words::planned_days(None, p.sessions_per_week)
        .map_err(anyhow::Error::msg)?;
    let today = env.clock.today();
    store.start_programme(&p.slug, &days, today, env.clock.now())?;
    tracing::info!(programme = %p.slug, "programme started");
    let said = crate::reading::programme::words::started(p, today, &days);
    let data = super::load::load_programmes(store, env)?;
    Ok(Msg::ProgrammesLoaded(Box::new(data), Some(said)))
}

/// What the fitness check needs to open: which tests were tried before.
/// Their results are diary writes, through the outbox (see `writes_of`), so
/// a full disk or a kill loses none.
fn self_tests(effect: Effect, store: &mut Store, env: &Env) -> Result<Option<Msg>> {
    use crate::model::FitnessTest;
    Ok(Some(match effect {
        Effect::OpenFitness => {
            let mut tried = [false; crate::tui::screens::fitness::TESTS];
            for (t, test) in tried.iter_mut().zip(FitnessTest::ALL) {
                *t = store.fitness_tried(test)?;
            }
            let who5 = who5_recent(store, env.clock.today())?;
            Msg::FitnessOpened(tried, who5)
        }
        _ => return Ok(None),
    }))
}

/// Whether a WHO-5 was answered within its recall (the last 14 days) of
/// `today`: another then would ask about some of the same days.
pub(crate) fn who5_recent(store: &Store, today: time::Date) -> crate::store::Result<bool> {
    let recall = crate::insights::outcomes::WHO5_RECALL_DAYS;
    Ok(store
        .who5_results()?
        .iter()
        .any(|r| (today - r.local_date).whole_days() < recall))
}

/// "Saved: Chair stand, 12 stands (practice).", once a fitness result or a
/// WHO-5 is in the store.
fn self_test_saved(write: &Write, store: &Store) -> Option<Msg> {
    Some(Msg::Notice(match write {
        Write::Fitness { uuid, new } => {
            let saved = store
                .fitness_results()
                .ok()?
                .into_iter()
                .find(|r| &r.uuid == uuid)?;
            format!(
                "Saved: {}, {} {}{}.",
                new.test.title(),
                saved.value,
                new.test.unit(),
                if saved.practice { " (practice)" } else { "" }
            )
        }
        Write::Who5 { who5, .. } => format!("Saved: WHO-5, {} out of 100.", who5.score()),
        Write::Rand36 { rand36, .. } => format!(
            "Saved: {}, {} out of 100 (higher is better).",
            rand36.scale().title(),
            crate::model::score_text(rand36.score())
        ),
        _ => return None,
    }))
}
