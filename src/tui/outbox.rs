//! Writes the store has not taken yet (a full disk, a read-only mount),
//! kept in memory in the order they were made and tried again until they
//! are written. Everything the app writes to the diary goes through here,
//! so a session's exercises and its after-check-in never reach the store
//! before the session's own row: the queue stops at the first write that
//! fails and keeps the rest behind it.

use std::collections::VecDeque;

use time::{Date, OffsetDateTime};

use crate::model::{
    CheckInContext, ExerciseRecord, NewCheckIn, NewFitnessResult, NewSession, SessionStatus, Who5,
};
use crate::routine::Routine;
use crate::store::transfer::{
    CheckInRow, ExerciseRow, Export, FitnessRow, RoutineRow, SessionRow, Who5Row,
};
use crate::store::{Store, StoreError, date_text, utc_text};

/// One write to the diary, with its time and UUIDs fixed when the user did
/// it, so a later try writes the same thing.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// A session's row (and its routine, remembered as it was).
    Session {
        uuid: String,
        routine: Box<Routine>,
        new: NewSession,
    },
    /// A check-in; one before or after a session names it by UUID.
    CheckIn {
        uuid: String,
        session: Option<String>,
        new: NewCheckIn,
        /// Tags, where it hurt and what was taken: written with it, and
        /// waiting with it when it waits.
        with: CheckInContext,
    },
    Exercise {
        session: String,
        uuid: String,
        record: ExerciseRecord,
    },
    /// A check-in written before the session began (the one given before
    /// the gentle offer) becomes the session's before-check-in.
    Link {
        checkin: String,
        session: String,
        at: OffsetDateTime,
    },
    Rate {
        session: String,
        position: u32,
        comfort: u8,
    },
    Exposure {
        session: String,
        position: u32,
        expected: Option<u8>,
        actual: Option<u8>,
    },
    Finish {
        session: String,
        status: SessionStatus,
        at: OffsetDateTime,
    },
    /// A fitness self-test's result.
    Fitness { uuid: String, new: NewFitnessResult },
    /// A WHO-5's answers.
    Who5 {
        uuid: String,
        at: OffsetDateTime,
        local_date: Date,
        who5: Who5,
    },
    /// A RAND-36 scale's answers.
    Rand36 {
        uuid: String,
        at: OffsetDateTime,
        local_date: Date,
        rand36: crate::model::Rand36,
    },
}

impl Write {
    /// The session it belongs to, by UUID.
    fn session(&self) -> Option<&str> {
        match self {
            Write::Session { uuid, .. } => Some(uuid),
            Write::CheckIn { session, .. } => session.as_deref(),
            Write::Exercise { session, .. }
            | Write::Link { session, .. }
            | Write::Rate { session, .. }
            | Write::Exposure { session, .. }
            | Write::Finish { session, .. } => Some(session),
            Write::Fitness { .. } | Write::Who5 { .. } | Write::Rand36 { .. } => None,
        }
    }

    /// A fitness result or a WHO-5.
    pub fn is_self_test(&self) -> bool {
        matches!(
            self,
            Write::Fitness { .. } | Write::Who5 { .. } | Write::Rand36 { .. }
        )
    }

    /// Whether it makes a row of its own, rather than changing one.
    fn is_entry(&self) -> bool {
        matches!(
            self,
            Write::Session { .. }
                | Write::CheckIn { .. }
                | Write::Exercise { .. }
                | Write::Fitness { .. }
                | Write::Who5 { .. }
                | Write::Rand36 { .. }
        )
    }

    fn apply(&self, store: &mut Store) -> crate::store::Result<()> {
        let row = |store: &Store, uuid: &str| {
            store
                .session_id(uuid)?
                .ok_or_else(|| StoreError::Invalid(format!("session {uuid} is not in the store")))
        };
        match self {
            Write::Session { uuid, routine, new } => {
                let routine_id = store.remember_routine(routine, new.started_at)?;
                let new = NewSession {
                    routine_id: Some(routine_id),
                    ..new.clone()
                };
                store.add_session_as(uuid, &new)?;
            }
            Write::CheckIn {
                uuid,
                session,
                new,
                with,
            } => {
                let session_id = session.as_deref().map(|s| row(store, s)).transpose()?;
                store.add_checkin_with_context(
                    uuid,
                    &NewCheckIn {
                        session_id,
                        ..new.clone()
                    },
                    with,
                )?;
            }
            Write::Exercise {
                session, record, ..
            } => {
                let id = row(store, session)?;
                store.record_exercise(id, record)?;
            }
            Write::Link {
                checkin,
                session,
                at,
            } => {
                let id = row(store, session)?;
                store.link_before(checkin, id, *at)?;
            }
            Write::Rate {
                session,
                position,
                comfort,
            } => {
                let id = row(store, session)?;
                store.rate_exercise(id, *position, *comfort)?;
            }
            Write::Exposure {
                session,
                position,
                expected,
                actual,
            } => {
                let id = row(store, session)?;
                store.set_exposure(id, *position, *expected, *actual)?;
            }
            Write::Finish {
                session,
                status,
                at,
            } => {
                let id = row(store, session)?;
                store.finish_session(id, *status, *at)?;
                tracing::info!(session = id, status = status.as_str(), "session closed");
            }
            Write::Fitness { uuid, new } => {
                store.add_fitness_result_as(uuid, new)?;
            }
            Write::Who5 {
                uuid,
                at,
                local_date,
                who5,
            } => {
                store.add_who5_as(uuid, *at, *local_date, *who5)?;
            }
            Write::Rand36 {
                uuid,
                at,
                local_date,
                rand36,
            } => {
                store.add_rand36_as(uuid, *at, *local_date, rand36)?;
            }
        }
        Ok(())
    }
}

/// What is waiting, for the screen: how many entries, why, and of which
/// sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsaved {
    /// Rows not written yet, and changes to rows already written.
    pub entries: usize,
    /// Why the first of them could not be written, in words.
    pub reason: String,
    /// Sessions with something waiting: its UUID, how many of its entries
    /// wait, and whether its own row is among them.
    pub sessions: Vec<(String, usize, bool)>,
}

impl Unsaved {
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// What waits of one session: its entries, and whether none of it is
    /// in the store yet.
    pub fn of_session(&self, uuid: &str) -> Option<(usize, bool)> {
        self.sessions
            .iter()
            .find(|(u, _, _)| u == uuid)
            .map(|&(_, n, whole)| (n, whole))
    }

    /// "2 entries not saved yet (the disk is full) — limber keeps trying".
    pub fn line(&self) -> String {
        format!(
            "{} not saved yet ({}) — limber keeps trying",
            entries(self.entries),
            self.reason
        )
    }
}

/// "1 entry", "3 entries".
pub fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".to_string()
    } else {
        format!("{n} entries")
    }
}

/// The writes waiting, oldest first, and why the first one failed.
#[derive(Debug, Default)]
pub struct Outbox {
    waiting: VecDeque<Write>,
    reason: String,
}

impl Outbox {
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Queues a write and writes whatever can be written, in order.
    pub fn push(&mut self, store: &mut Store, write: Write) {
        self.waiting.push_back(write);
        self.flush(store);
    }

    /// Writes the waiting writes in order, stopping at the first that
    /// fails: those after it may depend on it. Says whether anything changed.
    pub fn flush(&mut self, store: &mut Store) -> bool {
        let before = self.waiting.len();
        while let Some(write) = self.waiting.front() {
            match write.apply(store) {
                Ok(()) => {
                    self.waiting.pop_front();
                }
                // Another window runs that session: this write can never be
                // made, and must not be, so it is let go rather than retried.
                Err(StoreError::NotHeld) => {
                    tracing::warn!("a write to a session another window holds was dropped");
                    self.waiting.pop_front();
                }
                Err(e) => {
                    tracing::warn!(waiting = self.waiting.len(), "could not save: {e}");
                    self.reason = reason(&e);
                    break;
                }
            }
        }
        before != self.waiting.len()
    }

    /// What waits, for the screen.
    pub fn unsaved(&self) -> Unsaved {
        let rows: Vec<&str> = self
            .waiting
            .iter()
            .filter_map(|w| match w {
                Write::Session { uuid, .. } => Some(uuid.as_str()),
                _ => None,
            })
            .collect();
        let mut unsaved = Unsaved {
            reason: self.reason.clone(),
            ..Unsaved::default()
        };
        for write in &self.waiting {
            let session = write.session();
            // A change to a row that itself waits is part of that entry.
            let folded = !write.is_entry() && session.is_some_and(|s| rows.contains(&s));
            if folded {
                continue;
            }
            unsaved.entries += 1;
            if let Some(uuid) = session {
                match unsaved.sessions.iter_mut().find(|(u, _, _)| u == uuid) {
                    Some(entry) => entry.1 += 1,
                    None => unsaved
                        .sessions
                        .push((uuid.to_string(), 1, rows.contains(&uuid))),
                }
            }
        }
        unsaved
    }

    /// What waits, as an export document that `limber import` brings in.
    /// A session already in the store that has exercises or check-ins
    /// waiting is put in as the store holds it, so the file imports on its
    /// own; a change the format cannot carry (a rating or the end of a
    /// session already written) is counted in the second value.
    pub fn recovery(&self, store: &Store) -> (Export, usize) {
        let mut doc = Export::empty();
        let mut lost = 0;
        for write in &self.waiting {
            if !fold(&mut doc, write, store) {
                lost += 1;
            }
        }
        (doc, lost)
    }
}

/// Puts one write into a recovery document; `false` when it cannot be.
fn fold(doc: &mut Export, write: &Write, store: &Store) -> bool {
    match write {
        Write::Session { uuid, routine, new } => {
            if !doc.routines.iter().any(|r| r.slug == routine.slug) {
                doc.routines.push(RoutineRow {
                    uuid: None,
                    slug: routine.slug.clone(),
                    name: routine.name.clone(),
                    source: routine.source.as_str().to_string(),
                    definition: routine.definition.clone(),
                });
            }
            doc.sessions.push(SessionRow {
                uuid: uuid.clone(),
                routine: Some(routine.slug.clone()),
                activity: new.activity.clone(),
                kind: new.kind.as_str().to_string(),
                status: new.status.as_str().to_string(),
                started_at: utc_text(new.started_at),
                ended_at: new.ended_at.map(utc_text),
                local_date: date_text(new.local_date),
                planned_seconds: new.planned_seconds,
                active_seconds: new.active_seconds,
                note: new.note.clone(),
                gentle: new.gentle,
                exercises: Vec::new(),
                updated_at: None,
                device: None,
                version: None,
            });
            true
        }
        Write::CheckIn {
            uuid,
            session,
            new,
            with,
        } => {
            if let Some(s) = session
                && session_row(doc, s, store).is_none()
            {
                return false;
            }
            doc.checkins.push(CheckInRow {
                uuid: uuid.clone(),
                recorded_at: utc_text(new.at),
                local_date: date_text(new.local_date),
                context: new.context.as_str().to_string(),
                session: session.clone(),
                pain: new.scales.pain,
                anxiety: new.scales.anxiety,
                mood: new.scales.mood,
                fear: new.scales.fear,
                note: new.note.clone(),
                updated_at: None,
                device: None,
                version: None,
                tags: with.tags.clone(),
                regions: with
                    .regions
                    .iter()
                    .map(|r| r.as_str().to_string())
                    .collect(),
                took: with.took.iter().map(ToString::to_string).collect(),
                answered: with
                    .answered
                    .names()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            });
            true
        }
        Write::Exercise {
            session,
            uuid,
            record,
        } => {
            let Some(row) = session_row(doc, session, store) else {
                return false;
            };
            let exercise = exercise_row(uuid, record);
            row.exercises.retain(|e| e.position != record.position);
            row.exercises.push(exercise);
            row.exercises.sort_by_key(|e| e.position);
            true
        }
        // Only a check-in that waits too: one in the store stays the day's.
        Write::Link {
            checkin, session, ..
        } => {
            if session_row(doc, session, store).is_none() {
                return false;
            }
            match doc.checkins.iter_mut().find(|c| &c.uuid == checkin) {
                Some(row) => {
                    row.context = crate::model::CheckInKind::Before.as_str().to_string();
                    row.session = Some(session.clone());
                    true
                }
                None => false,
            }
        }
        Write::Rate {
            session,
            position,
            comfort,
        } => exercise_in(doc, session, *position)
            .map(|e| e.comfort = Some(*comfort))
            .is_some(),
        Write::Exposure {
            session,
            position,
            expected,
            actual,
        } => exercise_in(doc, session, *position)
            .map(|e| {
                e.expected_pain = expected.or(e.expected_pain);
                e.actual_pain = actual.or(e.actual_pain);
            })
            .is_some(),
        Write::Finish {
            session,
            status,
            at,
        } => match doc.sessions.iter_mut().find(|s| &s.uuid == session) {
            // Only a session whose row waits too: one in the store is
            // offered for resuming at the next start instead.
            Some(row) if row.status == SessionStatus::InProgress.as_str() => {
                row.status = status.as_str().to_string();
                row.ended_at = Some(utc_text(*at));
                row.active_seconds = row.exercises.iter().map(|e| e.actual_seconds).sum();
                true
            }
            _ => false,
        },
        Write::Fitness { uuid, new } => {
            doc.fitness.push(FitnessRow {
                uuid: uuid.clone(),
                test: new.test.as_str().to_string(),
                value: new.value,
                recorded_at: utc_text(new.at),
                local_date: date_text(new.local_date),
                updated_at: None,
                device: None,
                version: None,
            });
            true
        }
        Write::Who5 {
            uuid,
            at,
            local_date,
            who5,
        } => {
            doc.who5.push(Who5Row {
                uuid: uuid.clone(),
                answers: who5.answers(),
                recorded_at: utc_text(*at),
                local_date: date_text(*local_date),
                updated_at: None,
                device: None,
                version: None,
            });
            true
        }
        Write::Rand36 {
            uuid,
            at,
            local_date,
            rand36,
        } => {
            doc.rand36.push(crate::store::transfer::Rand36Row {
                uuid: uuid.clone(),
                scale: rand36.scale().as_str().to_string(),
                answers: rand36.answers().to_vec(),
                recorded_at: utc_text(*at),
                local_date: date_text(*local_date),
                updated_at: None,
                device: None,
                version: None,
            });
            true
        }
    }
}

/// The session's row in the document, put in from the store if need be.
fn session_row<'d>(doc: &'d mut Export, uuid: &str, store: &Store) -> Option<&'d mut SessionRow> {
    if !doc.sessions.iter().any(|s| s.uuid == uuid) {
        let stored = store.session_id(uuid).ok().flatten()?;
        let session = store.session(stored).ok().flatten()?;
        doc.sessions.push(SessionRow {
            uuid: session.uuid,
            routine: session.routine_slug,
            activity: session.activity,
            kind: session.kind.as_str().to_string(),
            status: session.status.as_str().to_string(),
            started_at: utc_text(session.started_at),
            ended_at: session.ended_at.map(utc_text),
            local_date: date_text(session.local_date),
            planned_seconds: session.planned_seconds,
            active_seconds: session.active_seconds,
            note: session.note,
            gentle: session.gentle,
            exercises: Vec::new(),
            updated_at: None,
            device: None,
            version: None,
        });
    }
    doc.sessions.iter_mut().find(|s| s.uuid == uuid)
}

/// An exercise waiting in the document (a rating of one in the store
/// cannot be carried by an import, which adds rows and changes none).
fn exercise_in<'d>(
    doc: &'d mut Export,
    session: &str,
    position: u32,
) -> Option<&'d mut ExerciseRow> {
    doc.sessions
        .iter_mut()
        .find(|s| s.uuid == session)?
        .exercises
        .iter_mut()
        .find(|e| e.position == position)
}

fn exercise_row(uuid: &str, r: &ExerciseRecord) -> ExerciseRow {
    ExerciseRow {
        uuid: uuid.to_string(),
        position: r.position,
        name: r.name.clone(),
        kind: r.kind.as_str().to_string(),
        planned_seconds: r.planned_seconds,
        actual_seconds: r.actual_seconds,
        planned_reps: r.planned_reps,
        sets_planned: r.sets_planned,
        sets_done: r.sets_done,
        status: r.status.as_str().to_string(),
        comfort: r.comfort,
        finished_at: utc_text(r.finished_at),
        expected_pain: r.expected_pain,
        actual_pain: r.actual_pain,
    }
}

/// Why a write failed, in a few words for the waiting line.
fn reason(e: &StoreError) -> String {
    match e {
        StoreError::DiskFull => "the disk is full".to_string(),
        StoreError::ReadOnly(_) | StoreError::ReadOnlyFile { .. } => {
            "the database is read-only".to_string()
        }
        other => {
            let text = other.to_string();
            text.split(';').next().unwrap_or(&text).to_string()
        }
    }
}
