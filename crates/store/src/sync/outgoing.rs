//! What this store holds that the folder does not: the lines a sync
//! writes to this device's file.

use std::collections::{HashMap, HashSet};

use super::{Change, Result, VERSION, rank};
use crate::Store;
use crate::sync_state::{Key, State};
use crate::transfer::{
    CheckInRow, EnrolmentRow, Export, FearStepRow, FearTryRow, FitnessRow, FlareRow, Rand36Row,
    SessionRow, Who5Row, file_version,
};

/// Lines to write, and the state each gives the folder.
pub(super) type Outgoing = (Vec<String>, Vec<(Key, State)>);

/// The changes this store holds that the folder does not, as lines, and
/// the states they give the folder.
pub(super) fn outgoing(store: &Store, me: &str, known: &HashMap<Key, State>) -> Result<Outgoing> {
    // The records newer here than the folder's copy, by their time and
    // device alone; the rows themselves are read only for the kinds among
    // them, so an incremental sync reads little.
    let wanted: HashSet<Key> = store
        .sync_states()?
        .into_iter()
        .filter(|(k, s)| known.get(k).is_none_or(|kn| rank(&k.0, s) > rank(&k.0, kn)))
        .map(|(k, _)| k)
        .collect();
    let kinds: HashSet<String> = wanted.iter().map(|k| k.0.clone()).collect();
    let doc = if wanted.is_empty() {
        Export::empty()
    } else {
        store.export_of(Some(&kinds))?
    };
    let mut lines = Vec::new();
    let mut written = Vec::new();
    let mut out = |kind: &str,
                   uuid: &str,
                   (updated_at, version): (Option<&str>, Option<i64>),
                   device: Option<&str>,
                   deleted: bool,
                   local_date: Option<&str>,
                   row: Option<serde_json::Value>| {
        let s = State {
            updated_at: updated_at.unwrap_or_default().to_string(),
            version: file_version(version, updated_at).unwrap_or(0),
            device: device.unwrap_or(me).to_string(),
            deleted,
        };
        let key = (kind.to_string(), uuid.to_string());
        if known
            .get(&key)
            .is_some_and(|k| rank(kind, &s) <= rank(kind, k))
        {
            return;
        }
        // Routines and feared exercises are not among the states.
        if !matches!(kind, "routine" | "feared") && !wanted.contains(&key) {
            return;
        }
        let change = Change {
            v: VERSION,
            kind: kind.to_string(),
            uuid: uuid.to_string(),
            updated_at: s.updated_at.clone(),
            device: s.device.clone(),
            version: Some(s.version),
            deleted,
            local_date: local_date.map(str::to_string),
            row,
        };
        lines.push(serde_json::to_string(&change).expect("a change is plain data"));
        written.push((key, s));
    };
    for r in store.sync_routines()? {
        out(
            "routine",
            &r.row.slug,
            (Some(&r.updated_at), None),
            Some(""),
            false,
            None,
            Some(value(&r.row)),
        );
    }
    // A session under way is sent once it ends, with its check-ins.
    let running: std::collections::HashSet<&str> = doc
        .sessions
        .iter()
        .filter(|s| s.status == "in_progress")
        .map(|s| s.uuid.as_str())
        .collect();
    for d in &doc.deleted {
        out(
            &d.kind,
            &d.uuid,
            (Some(&d.deleted_at), d.version),
            d.device.as_deref(),
            true,
            Some(&d.local_date),
            None,
        );
    }
    let mut live = |kind: &str, row: &dyn Synced| {
        out(
            kind,
            row.uuid(),
            (Some(row.updated_at()), row.version()),
            row.device(),
            false,
            None,
            Some(row.value()),
        );
    };
    for s in doc.sessions.iter().filter(|s| s.status != "in_progress") {
        live("session", s);
    }
    for c in doc
        .checkins
        .iter()
        .filter(|c| c.session.as_deref().is_none_or(|s| !running.contains(s)))
    {
        live("checkin", c);
    }
    for f in &doc.flares {
        live("flare", f);
    }
    for f in &doc.fitness {
        live("fitness", f);
    }
    for r in &doc.rand36 {
        live("rand36", r);
    }
    for w in &doc.who5 {
        live("wellbeing", w);
    }
    for f in &doc.fear_steps {
        live("fear-step", f);
    }
    for t in &doc.fear_tries {
        live("fear-try", t);
    }
    for p in &doc.programmes {
        live("programme", p);
    }
    for f in store.feared_marks()? {
        out(
            "feared",
            &f.name,
            (Some(&f.state.updated_at), Some(f.state.version)),
            Some(&f.state.device),
            f.state.deleted,
            None,
            None,
        );
    }
    Ok((lines, written))
}

/// A row as JSON.
fn value<T: serde::Serialize>(row: &T) -> serde_json::Value {
    serde_json::to_value(row).expect("a row is plain data")
}

/// A live record as sync writes it: its UUID, time, device and row.
trait Synced {
    fn uuid(&self) -> &str;
    fn updated_at(&self) -> &str;
    fn device(&self) -> Option<&str>;
    fn version(&self) -> Option<i64>;
    fn value(&self) -> serde_json::Value;
}

/// The rows that carry their own `updated_at`: empty when a file had none,
/// or what `$before` says of the row `$this`.
macro_rules! synced {
    (@one $row:ty, $this:ident => $before:expr) => {
        impl Synced for $row {
            fn uuid(&self) -> &str {
                &self.uuid
            }
            fn updated_at(&self) -> &str {
                let $this = self;
                $this.updated_at.as_deref().unwrap_or($before)
            }
            fn device(&self) -> Option<&str> {
                self.device.as_deref()
            }
            fn version(&self) -> Option<i64> {
                self.version
            }
            fn value(&self) -> serde_json::Value {
                value(self)
            }
        }
    };
    ($($row:ty),*) => {$(
        synced!(@one $row, _row => "");
    )*};
}

synced!(
    SessionRow,
    CheckInRow,
    FlareRow,
    FitnessRow,
    Who5Row,
    Rand36Row,
    FearStepRow,
    FearTryRow
);

// An enrolment from before `updated_at` changed when it was made.
synced!(@one EnrolmentRow, row => &row.enrolled_at);
