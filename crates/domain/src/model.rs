//! What limber records, in the domain's own terms: a check-in and its
//! scales, a session and what was done of each exercise in it, one try of a
//! feared exercise. No I/O: the store reads and writes these, `timer` and
//! `insights` speak them.

use std::fmt;

use time::{Date, OffsetDateTime};

/// What kind of exercise it is: stretch, strength, aerobic, relaxation or
/// breathing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Stretch,
    Strength,
    Aerobic,
    Relaxation,
    Breathing,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Stretch,
        Kind::Strength,
        Kind::Aerobic,
        Kind::Relaxation,
        Kind::Breathing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Stretch => "stretch",
            Kind::Strength => "strength",
            Kind::Aerobic => "aerobic",
            Kind::Relaxation => "relaxation",
            Kind::Breathing => "breathing",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a check-in was made: before or after a session, or on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInKind {
    Before,
    After,
    Daily,
}

impl CheckInKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckInKind::Before => "before",
            CheckInKind::After => "after",
            CheckInKind::Daily => "daily",
        }
    }

    pub fn parse(text: &str) -> Option<CheckInKind> {
        match text {
            "before" => Some(CheckInKind::Before),
            "after" => Some(CheckInKind::After),
            "daily" => Some(CheckInKind::Daily),
            _ => None,
        }
    }
}

/// The four 0–10 scales of a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scales {
    pub pain: u8,
    pub anxiety: u8,
    pub mood: u8,
    /// Fear of movement; optional.
    pub fear: Option<u8>,
}

/// A check-in to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckIn {
    pub at: OffsetDateTime,
    pub local_date: Date,
    pub context: CheckInKind,
    /// The session it belongs to (before / after), by row id.
    pub session_id: Option<i64>,
    pub scales: Scales,
    pub note: Option<String>,
}

/// A check-in as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub id: i64,
    pub uuid: String,
    pub at: OffsetDateTime,
    pub local_date: Date,
    pub context: CheckInKind,
    pub session_uuid: Option<String>,
    pub scales: Scales,
    pub note: Option<String>,
}

impl CheckIn {
    /// How recent a check-in of the day must be to stand as the
    /// before-check-in of a session begun now, instead of asking again.
    pub const STANDS_FOR: time::Duration = time::Duration::HOUR;

    /// Whether it stands as the before-check-in of a session begun at
    /// `now`: a check-in of the day, no session's, made within the hour.
    pub fn stands_before(&self, now: OffsetDateTime) -> bool {
        let age = now - self.at;
        self.context == CheckInKind::Daily
            && self.session_uuid.is_none()
            && !age.is_negative()
            && age <= Self::STANDS_FOR
    }

    /// What the app and plain mode say when it does, its time given as the
    /// person's wall clock showed it.
    pub fn stands_before_words(&self, local: OffsetDateTime) -> String {
        format!(
            "Your check-in of {:02}:{:02} (pain {}) is the one before this session.",
            local.hour(),
            local.minute(),
            self.scales.pain
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Walked through a routine with the timer.
    Guided,
    /// Done away from the keyboard and logged afterwards.
    Logged,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Guided => "guided",
            SessionKind::Logged => "logged",
        }
    }

    pub fn parse(text: &str) -> Option<SessionKind> {
        match text {
            "guided" => Some(SessionKind::Guided),
            "logged" => Some(SessionKind::Logged),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    InProgress,
    Completed,
    Aborted,
}

impl SessionStatus {
    /// How it ended in the words every screen and command uses: "done",
    /// "ended early", "in progress".
    pub fn word(self) -> &'static str {
        match self {
            SessionStatus::Completed => "done",
            SessionStatus::Aborted => "ended early",
            SessionStatus::InProgress => "in progress",
        }
    }
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::InProgress => "in_progress",
            SessionStatus::Completed => "completed",
            SessionStatus::Aborted => "aborted",
        }
    }

    pub fn parse(text: &str) -> Option<SessionStatus> {
        match text {
            "in_progress" => Some(SessionStatus::InProgress),
            "completed" => Some(SessionStatus::Completed),
            "aborted" => Some(SessionStatus::Aborted),
            _ => None,
        }
    }
}

/// A session to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The routine, by the row id `Store::remember_routine` gave it.
    pub routine_id: Option<i64>,
    pub activity: String,
    pub kind: SessionKind,
    pub status: SessionStatus,
    pub started_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
    pub local_date: Date,
    pub planned_seconds: u32,
    pub active_seconds: u32,
    pub note: Option<String>,
    /// The gentle version of the routine was done.
    pub gentle: bool,
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub uuid: String,
    pub routine_slug: Option<String>,
    pub activity: String,
    pub kind: SessionKind,
    pub status: SessionStatus,
    pub started_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
    pub local_date: Date,
    pub planned_seconds: u32,
    pub active_seconds: u32,
    pub note: Option<String>,
    pub gentle: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseStatus {
    Done,
    Skipped,
    Partial,
}

impl ExerciseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseStatus::Done => "done",
            ExerciseStatus::Skipped => "skipped",
            ExerciseStatus::Partial => "partial",
        }
    }

    pub fn parse(text: &str) -> Option<ExerciseStatus> {
        match text {
            "done" => Some(ExerciseStatus::Done),
            "skipped" => Some(ExerciseStatus::Skipped),
            "partial" => Some(ExerciseStatus::Partial),
            _ => None,
        }
    }
}

/// What was done of one exercise in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseRecord {
    /// Its place in the routine, from 0.
    pub position: u32,
    pub name: String,
    pub kind: Kind,
    pub planned_seconds: Option<u32>,
    pub actual_seconds: u32,
    pub planned_reps: Option<u32>,
    pub sets_planned: u32,
    pub sets_done: u32,
    pub status: ExerciseStatus,
    /// How it felt, 1 (made it worse) to 5 (felt great).
    pub comfort: Option<u8>,
    /// For a feared exercise: how much it was expected to hurt, and did, 0–10.
    pub expected_pain: Option<u8>,
    pub actual_pain: Option<u8>,
    pub finished_at: OffsetDateTime,
}

/// One exposure: how much a feared exercise was expected to hurt, and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exposure {
    pub date: Date,
    pub expected: Option<u8>,
    pub actual: Option<u8>,
}

/// One day's check-ins, summed (the store aggregates them in SQL).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayCheckins {
    pub date: Date,
    pub n: u32,
    pub pain: f64,
    pub anxiety: f64,
    pub mood: f64,
    /// Sum and count of the check-ins that gave a fear of movement.
    pub fear: f64,
    pub fear_n: u32,
}

impl DayCheckins {
    /// The day's mean of a scale.
    pub fn mean(&self, scale: Scale) -> Option<f64> {
        let (sum, n) = self.sum(scale);
        (n > 0).then(|| sum / f64::from(n))
    }

    fn sum(&self, scale: Scale) -> (f64, u32) {
        match scale {
            Scale::Pain => (self.pain, self.n),
            Scale::Anxiety => (self.anxiety, self.n),
            Scale::Mood => (self.mood, self.n),
            Scale::Fear => (self.fear, self.fear_n),
        }
    }
}

/// What one session held, as `insights::count` reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionWork {
    pub date: Date,
    pub kind: SessionKind,
    pub status: SessionStatus,
    pub active_seconds: u32,
    /// Exercises recorded: done, partly done, skipped or not reached.
    pub exercises: u32,
    /// Of those, done in full or in part.
    pub exercises_done: u32,
}

/// One day's sessions that count (guided or logged) and the minutes of every one that ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySessions {
    pub date: Date,
    pub sessions: u32,
    pub active_seconds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    Pain,
    Anxiety,
    Mood,
    Fear,
}

impl Scale {
    pub const ALL: [Scale; 4] = [Scale::Pain, Scale::Anxiety, Scale::Mood, Scale::Fear];

    pub fn name(self) -> &'static str {
        match self {
            Scale::Pain => "pain",
            Scale::Anxiety => "anxiety",
            Scale::Mood => "mood",
            Scale::Fear => "fear",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Scale::Pain => "Pain",
            Scale::Anxiety => "Anxiety",
            Scale::Mood => "Mood",
            Scale::Fear => "Fear of movement",
        }
    }
}

/// How one exercise has gone, over every session that included it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseStat {
    pub name: String,
    /// Times done (in full or in part).
    pub times: u32,
    pub last: Date,
    /// Mean comfort rating, 1–5, with how many ratings it comes from.
    pub comfort: Option<f64>,
    pub ratings: u32,
    /// Mean of (after − before) pain in the sessions that included it.
    pub pain_change: Option<f64>,
    pub pain_n: u32,
}

/// Before and after check-ins of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPair {
    pub date: Date,
    pub pain: (u8, u8),
    pub anxiety: (u8, u8),
}

/// What was last done of an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastDone {
    /// Seconds of work in its last session, all sets and sides together.
    pub seconds: u32,
    pub reps: Option<u32>,
    pub sets: u32,
}

/// What kind of thing an entry of the diary is, as `limber entries` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    CheckIn,
    Session,
    Flare,
    /// A fitness self-test result.
    Fitness,
    /// A WHO-5 Well-Being Index.
    Wellbeing,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::CheckIn => "checkin",
            EntryKind::Session => "session",
            EntryKind::Flare => "flare",
            EntryKind::Fitness => "fitness",
            EntryKind::Wellbeing => "wellbeing",
        }
    }

    /// A fitness result or a WHO-5: recorded by the self-tests, not in
    /// History's Diary tab (which has no form for them).
    pub fn is_self_test(self) -> bool {
        matches!(self, EntryKind::Fitness | EntryKind::Wellbeing)
    }

    pub fn parse(text: &str) -> Option<EntryKind> {
        match text {
            "checkin" => Some(EntryKind::CheckIn),
            "session" => Some(EntryKind::Session),
            "flare" => Some(EntryKind::Flare),
            "fitness" => Some(EntryKind::Fitness),
            "wellbeing" => Some(EntryKind::Wellbeing),
            _ => None,
        }
    }
}

/// One entry of the diary, whatever its kind: what every kind has (its id,
/// when, its note) and, in `values`, what only its kind has.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub uuid: String,
    pub at: OffsetDateTime,
    pub local_date: Date,
    pub note: Option<String>,
    pub values: EntryValues,
}

/// What only one kind of entry has.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryValues {
    /// A check-in: daily, or before or after a session; fear only when given.
    CheckIn {
        context: CheckInKind,
        scales: Scales,
    },
    /// A session: the routine's name or the user's own words for the
    /// activity, its active minutes, and how it ended.
    Session {
        routine: String,
        minutes: u32,
        status: SessionStatus,
    },
    Flare,
    /// A fitness result: its test, its value, and whether it is the
    /// practice try (the first of its test still recorded).
    Fitness {
        test: FitnessTest,
        value: u32,
        practice: bool,
    },
    /// A WHO-5's five answers, each 0–5.
    Wellbeing {
        answers: [u8; 5],
    },
}

impl Entry {
    /// What kind of entry this is.
    pub fn kind(&self) -> EntryKind {
        match self.values {
            EntryValues::CheckIn { .. } => EntryKind::CheckIn,
            EntryValues::Session { .. } => EntryKind::Session,
            EntryValues::Flare => EntryKind::Flare,
            EntryValues::Fitness { .. } => EntryKind::Fitness,
            EntryValues::Wellbeing { .. } => EntryKind::Wellbeing,
        }
    }

    /// A check-in's scales; `None` for the other kinds.
    pub fn scales(&self) -> Option<Scales> {
        match self.values {
            EntryValues::CheckIn { scales, .. } => Some(scales),
            _ => None,
        }
    }

    /// A session's minutes; `None` for the other kinds.
    pub fn minutes(&self) -> Option<u32> {
        match self.values {
            EntryValues::Session { minutes, .. } => Some(minutes),
            _ => None,
        }
    }

    /// A fitness result's test and value; `None` for the other kinds.
    pub fn fitness(&self) -> Option<(FitnessTest, u32)> {
        match self.values {
            EntryValues::Fitness { test, value, .. } => Some((test, value)),
            _ => None,
        }
    }

    /// A WHO-5's answers; `None` for the other kinds.
    pub fn answers(&self) -> Option<[u8; 5]> {
        match self.values {
            EntryValues::Wellbeing { answers } => Some(answers),
            _ => None,
        }
    }

    /// A check-in's scores, each after its label and `between` them, fear
    /// only when given: "pain 4, anxiety 3, mood 6, fear 2" from the labels
    /// `["pain ", "anxiety ", "mood ", "fear "]` and ", "; "P4 A3 M6 F2"
    /// from `["P", "A", "M", "F"]` and " "; empty for the other kinds.
    pub fn scores_text(&self, labels: [&str; 4], between: &str) -> String {
        let Some(scales) = self.scales() else {
            return String::new();
        };
        let [pain, anxiety, mood, fear] = labels;
        let mut parts = vec![
            format!("{pain}{}", scales.pain),
            format!("{anxiety}{}", scales.anxiety),
            format!("{mood}{}", scales.mood),
        ];
        if let Some(value) = scales.fear {
            parts.push(format!("{fear}{value}"));
        }
        parts.join(between)
    }

    /// A session's routine (as `name` shows it), minutes and the app's
    /// word for how it ended, `between` each: "Core basics, 13 min, done";
    /// empty for the other kinds.
    pub fn session_text(&self, between: &str, name: impl Fn(&str) -> String) -> String {
        match &self.values {
            EntryValues::Session {
                routine,
                minutes,
                status,
            } => format!(
                "{}{between}{minutes} min{between}{}",
                name(routine),
                status.word()
            ),
            _ => String::new(),
        }
    }

    /// The app's word for how a session ended ("done", "ended early");
    /// empty for the other kinds.
    pub fn status_word(&self) -> &'static str {
        match self.values {
            EntryValues::Session { status, .. } => status.word(),
            _ => "",
        }
    }

    /// A fitness result's or WHO-5's values in a few words: "chair-stand,
    /// 12 stands, the practice try", "score 48 of 100, answers 2,2,3,3,2";
    /// empty for the other kinds.
    pub fn self_test_values(&self) -> String {
        match self.values {
            EntryValues::Fitness {
                test,
                value,
                practice,
            } => {
                let practice = if practice { ", the practice try" } else { "" };
                format!("{}, {value} {}{practice}", test.as_str(), test.unit())
            }
            EntryValues::Wellbeing { answers } => {
                let list: Vec<String> = answers.iter().map(u8::to_string).collect();
                let score: u32 = answers.iter().map(|&a| u32::from(a)).sum::<u32>() * 4;
                format!("score {score} of 100, answers {}", list.join(","))
            }
            _ => String::new(),
        }
    }
}

/// The shortest length, at least `SHORT_ID`, at which each of `uuids` differs
/// from every other one (as git shortens commit ids), in the order given.
pub fn short_id_lengths(uuids: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..uuids.len()).collect();
    order.sort_by_key(|&i| uuids[i]);
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut lengths = vec![SHORT_ID; uuids.len()];
    for pair in order.windows(2) {
        let (a, b) = (uuids[pair[0]], uuids[pair[1]]);
        let needed = common(a, b) + 1;
        for i in pair {
            lengths[*i] = lengths[*i].max(needed).min(uuids[*i].len());
        }
    }
    lengths
}

/// How many characters of a UUID a short id has at least.
pub const SHORT_ID: usize = 8;

/// What `limber edit` changes of an entry: `None` keeps the value it has.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Correction {
    pub pain: Option<u8>,
    pub anxiety: Option<u8>,
    pub mood: Option<u8>,
    /// `Some(None)` takes the fear of movement away.
    pub fear: Option<Option<u8>>,
    /// `Some(None)` takes the note away.
    pub note: Option<Option<String>>,
    /// When it happened, and its local date.
    pub at: Option<(OffsetDateTime, Date)>,
    /// A session's length.
    pub seconds: Option<u32>,
    /// A fitness result's value (checked against its test by the caller).
    pub value: Option<u32>,
    /// A WHO-5's five answers.
    pub answers: Option<[u8; 5]>,
}

#[cfg(test)]
mod entry_tests;

#[cfg(test)]
mod short_id_tests;

/// What went with a check-in: tags, where it hurt, what was taken for it.
mod context;
pub use context::*;

mod fitness;
pub use fitness::*;

mod rand36;
pub use rand36::*;

/// Whole minutes for a number of seconds, to the nearest (a half rounds
/// up): the one rule for every "minutes" limber shows, so the summary,
/// History, the Diary, `limber entries` and `limber history` say the same of
/// the same time.
pub fn minutes(seconds: u32) -> u32 {
    seconds.saturating_add(30) / 60
}

mod ladder;
pub use ladder::*;
