//! What came in: the newest change of each record read, as a document to apply.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::read::Read;
use super::{Change, Result, SyncReport, rank};
use crate::Store;
use crate::sync_state::{FearedMark, FileMark, Incoming, Key, State, SyncRoutine};
use crate::transfer::{self, DeletedRow, Export, FlareRow};

pub(super) fn state(c: &Change) -> State {
    State {
        updated_at: c.updated_at.clone(),
        version: transfer::file_version(c.version, Some(&c.updated_at)).unwrap_or(0),
        device: c.device.clone(),
        deleted: c.deleted,
    }
}

/// The newest change of each record read that is newer than what the
/// folder was known to hold, as a document to apply.
pub(super) fn gather(
    store: &Store,
    reads: &[Read],
    known: &HashMap<Key, State>,
    outcome: &mut SyncReport,
    now: OffsetDateTime,
) -> Result<Incoming> {
    let mut best: HashMap<Key, (&Change, &str, u64)> = HashMap::new();
    let mut devices: HashMap<String, (u64, Option<String>)> = HashMap::new();
    let mut seen = 0;
    let mut unsound: Vec<(String, u64)> = Vec::new();
    // A version is a time in microseconds (see migration 0011): one from
    // before 1970 or more than a day ahead of this clock is not one a
    // computer made. It waits as a change dated ahead does, and never
    // moves this store's clock (a forged one near the integer's limit
    // would leave it no version to give the next change).
    let latest = (now + time::Duration::days(1)).unix_timestamp_nanos() / 1000;
    let sound = |c: &Change| {
        let v = i128::from(state(c).version);
        (0..=latest).contains(&v)
    };
    for r in reads {
        let entry = devices.entry(r.header.device.clone()).or_default();
        for (line_at, c) in &r.changes {
            if c.kind != "synced" && !sound(c) {
                outcome.unreadable.push(format!(
                    "{}: a {} from device {} does not fit (its version {} is not a time up to a day ahead of this clock); it is left in the folder and tried again at the next sync",
                    r.name,
                    c.kind,
                    limber_domain::text::one_line(&c.device),
                    state(c).version
                ));
                unsound.push((r.name.clone(), *line_at));
                continue;
            }
            if c.kind == "synced" {
                if entry.1.as_deref().is_none_or(|t| c.updated_at.as_str() > t) {
                    entry.1 = Some(c.updated_at.clone());
                }
                continue;
            }
            seen = seen.max(state(c).version);
            let key = (c.kind.clone(), c.uuid.clone());
            let s = state(c);
            if known
                .get(&key)
                .is_some_and(|k| rank(&key.0, &s) <= rank(&key.0, k))
            {
                continue;
            }
            match best.get(&key) {
                Some((b, _, _)) if rank(&key.0, &state(b)) >= rank(&key.0, &s) => {}
                _ => {
                    best.insert(key, (c, r.name.as_str(), *line_at));
                }
            }
        }
    }
    // A check-in whose session is not here yet (its line is in a file
    // still on its way, or cut and not written again yet) waits: its file
    // is read again from its line next time.
    let mut files: Vec<(String, FileMark, bool)> = reads
        .iter()
        .map(|r| (r.name.clone(), r.mark.clone(), r.reread))
        .collect();
    for (name, line_at) in unsound {
        if let Some(f) = files.iter_mut().find(|f| f.0 == name) {
            f.1.offset = f.1.offset.min(line_at);
        }
    }
    // A change that does not fit (dated more than a day ahead of this
    // clock, a value out of range) is left where it is and tried again at
    // the next sync: the rest of the folder is not held up by it. Checked
    // first, so a check-in of a session that waits waits with it.
    let mut keys: Vec<Key> = best.keys().cloned().collect();
    keys.sort();
    for key in keys {
        let (c, file, line_at) = best[&key];
        let mut one = Export::empty();
        let mut aside = Incoming::default();
        let readable = put(&mut one, &mut aside, c).is_ok();
        one.routines
            .extend(aside.routines.into_iter().map(|r| r.row));
        if readable && let Err(e) = transfer::check(&one, now) {
            outcome.unreadable.push(format!(
                "{file}: a {} from device {} does not fit ({e}); it is left in the folder and tried again at the next sync",
                c.kind, c.device
            ));
            if let Some(f) = files.iter_mut().find(|f| f.0 == file) {
                f.1.offset = f.1.offset.min(line_at);
            }
            best.remove(&key);
        }
    }
    let mut waiting = Vec::new();
    for (key, (c, file, line_at)) in &best {
        // A try of the exposure ladder waits for its step as a check-in
        // for its session.
        let (field, of) = match key.0.as_str() {
            "checkin" => ("session", "session"),
            "fear-try" => ("step", "fear-step"),
            _ => continue,
        };
        if c.deleted {
            continue;
        }
        let Some(parent) = c.row.as_ref().and_then(|r| r[field].as_str()) else {
            continue;
        };
        let coming = best.contains_key(&(of.to_string(), parent.to_string()));
        let here = if of == "session" {
            store.session_id(parent)?.is_some()
        } else {
            store.fear_step_here(parent)?
        };
        if !coming && !here {
            waiting.push(key.clone());
            if let Some(f) = files.iter_mut().find(|f| f.0 == *file) {
                f.1.offset = f.1.offset.min(*line_at);
            }
        }
    }
    for key in waiting {
        best.remove(&key);
    }
    let mut doc = Export::empty();
    let mut incoming = Incoming::default();
    let mut keys: Vec<&Key> = best.keys().collect();
    keys.sort();
    // A change that came in is one newer than what this store holds: a
    // file read again from its start (after its device wrote it anew) does
    // not count again what was already here. The sync line, `--status`
    // and the app all count by this.
    let here: HashMap<Key, State> = if keys.is_empty() {
        HashMap::new()
    } else {
        store.sync_states()?.into_iter().collect()
    };
    for key in keys {
        let (c, file, _) = best[key];
        let s = state(c);
        let news = here
            .get(key)
            .is_none_or(|h| rank(&key.0, &s) > rank(&key.0, h));
        if c.device != outcome.device && news {
            outcome.came_in += 1;
            if let Some(d) = devices.get_mut(&c.device) {
                d.0 += 1;
            }
        }
        incoming
            .known
            .push((key.clone(), s.clone(), file.to_string()));
        if let Err(e) = put(&mut doc, &mut incoming, c) {
            outcome
                .unreadable
                .push(format!("{file}: {} {}: {e}", c.kind, c.uuid));
        }
    }
    // A day holds one flare mark: of two marks of a day under different
    // UUIDs the document carries the newest by (version, device, UUID), and
    // applying weighs it against the day's clears and what is here by the
    // same order (see `transfer::import`), whatever order they come in.
    let key = |f: &FlareRow| {
        (
            transfer::file_version(f.version, f.updated_at.as_deref()).unwrap_or(0),
            f.device.clone(),
            f.uuid.clone(),
        )
    };
    doc.flares
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| key(b).cmp(&key(a))));
    doc.flares.dedup_by(|later, kept| later.date == kept.date);
    incoming.doc = Some(doc);
    incoming.seen = seen;
    incoming.files = files;
    incoming.devices = devices
        .into_iter()
        .filter(|(d, _)| *d != outcome.device)
        .map(|(d, (n, last))| (d, n, last))
        .collect();
    Ok(incoming)
}

/// The document to apply, every change in it fitting: each change was
/// checked alone (see `gather`), but two may not fit together (two lines
/// of different kinds with one UUID). Then the changes are taken one at a
/// time, and each that does not fit with those before it is left out;
/// returns those by UUID (a routine by its slug), with why.
pub(super) fn fitting(doc: Export, now: OffsetDateTime) -> (Export, Vec<(String, String)>) {
    if transfer::check(&doc, now).is_ok() {
        return (doc, Vec::new());
    }
    let mut kept = Export::empty();
    let mut left = Vec::new();
    macro_rules! one_by_one {
        ($($list:ident . $id:ident),*) => {$(
            for row in doc.$list {
                let id = row.$id.clone();
                kept.$list.push(row);
                if let Err(e) = transfer::check(&kept, now) {
                    kept.$list.pop();
                    left.push((id, e.to_string()));
                }
            }
        )*};
    }
    one_by_one!(
        routines.slug,
        sessions.uuid,
        checkins.uuid,
        flares.uuid,
        fitness.uuid,
        who5.uuid,
        rand36.uuid,
        fear_steps.uuid,
        fear_tries.uuid,
        programmes.uuid,
        deleted.uuid
    );
    (kept, left)
}

/// Puts one change where applying looks for it.
pub(super) fn put(
    doc: &mut Export,
    incoming: &mut Incoming,
    c: &Change,
) -> std::result::Result<(), String> {
    fn row<T: serde::de::DeserializeOwned>(c: &Change) -> std::result::Result<T, String> {
        let value = c.row.clone().ok_or("no row")?;
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
    if c.kind == "feared" {
        incoming.feared.push(FearedMark {
            name: c.uuid.clone(),
            state: state(c),
        });
        return Ok(());
    }
    if c.kind == "routine" {
        incoming.routines.push(SyncRoutine {
            row: row(c)?,
            updated_at: c.updated_at.clone(),
        });
        return Ok(());
    }
    if c.deleted {
        if !matches!(
            c.kind.as_str(),
            "checkin"
                | "session"
                | "flare"
                | "fitness"
                | "wellbeing"
                | "rand36"
                | "fear-step"
                | "fear-try"
        ) {
            return Err(format!("a {} cannot be deleted", c.kind));
        }
        doc.deleted.push(DeletedRow {
            kind: c.kind.clone(),
            uuid: c.uuid.clone(),
            local_date: c.local_date.clone().ok_or("a tombstone without its day")?,
            deleted_at: c.updated_at.clone(),
            device: Some(c.device.clone()),
            version: Some(state(c).version),
        });
        return Ok(());
    }
    match c.kind.as_str() {
        "checkin" => doc.checkins.push(row(c)?),
        "session" => doc.sessions.push(row(c)?),
        "flare" => doc.flares.push(row(c)?),
        "fitness" => doc.fitness.push(row(c)?),
        "wellbeing" => doc.who5.push(row(c)?),
        "rand36" => doc.rand36.push(row(c)?),
        "fear-step" => doc.fear_steps.push(row(c)?),
        "fear-try" => doc.fear_tries.push(row(c)?),
        "programme" => doc.programmes.push(row(c)?),
        other => return Err(format!("unknown kind {other}")),
    }
    Ok(())
}
