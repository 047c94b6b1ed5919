//! The recovery file: what the store could not take by the time the app
//! closed, written beside it as `limber-recovery-<time>.json` in the
//! `limber-export` format, so the next start (or `limber import FILE`)
//! brings it in. Importing adds rows by UUID, so bringing a file in twice
//! adds nothing; a file brought in is renamed `.imported`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result, anyhow};
use time::OffsetDateTime;

use super::outbox::{Outbox, entries};
use crate::store::Store;
use crate::store::transfer::Export;

const PREFIX: &str = "limber-recovery-";
const SUFFIX: &str = ".json";

/// What waits, ready to write, for a way out that cannot reach the loop
/// (a signal, a panic): the data folder, the file's bytes, and the line
/// that says what it holds.
struct Snapshot {
    dir: PathBuf,
    doc: Export,
    what: String,
}

/// A static, not the loop's state: the signal thread and the panic hook
/// that write it out cannot reach the loop. Only the loop writes it, and
/// nothing is coordinated through it.
static SNAPSHOT: Mutex<Option<Snapshot>> = Mutex::new(None);

/// Keeps what waits in `outbox` ready for `write_snapshot`; cleared once
/// nothing waits.
pub(super) fn publish(dir: &Path, outbox: &Outbox, store: &Store) {
    let snapshot = (!outbox.is_empty()).then(|| {
        let (doc, lost) = outbox.recovery(store);
        Snapshot {
            dir: dir.to_path_buf(),
            doc,
            what: what(outbox, lost),
        }
    });
    if let Ok(mut slot) = SNAPSHOT.lock() {
        *slot = snapshot;
    }
}

/// Writes what `publish` kept, for a signal or a panic; the line to print
/// once the terminal is back, if anything was waiting.
pub(super) fn write_snapshot(now: OffsetDateTime) -> Option<Kept> {
    let snapshot = SNAPSHOT.lock().ok()?.take()?;
    Some(saved(
        save(&snapshot.dir, &snapshot.doc, now),
        &snapshot.what,
        &snapshot.dir,
    ))
}

/// At the app's close: whatever still waits after a last try goes to a
/// recovery file; the line to print once the terminal is back.
pub fn at_close(
    dir: &Path,
    outbox: &mut Outbox,
    store: &mut Store,
    now: OffsetDateTime,
) -> Option<Kept> {
    outbox.flush(store);
    if let Ok(mut slot) = SNAPSHOT.lock() {
        *slot = None;
    }
    if outbox.is_empty() {
        return None;
    }
    let (doc, lost) = outbox.recovery(store);
    Some(saved(save(dir, &doc, now), &what(outbox, lost), dir))
}

/// "9 entries could not be saved (the disk is full)", and what is lost.
fn what(outbox: &Outbox, lost: usize) -> String {
    let unsaved = outbox.unsaved();
    let mut text = format!(
        "limber: {} could not be saved ({})",
        entries(unsaved.entries),
        unsaved.reason
    );
    if lost > 0 {
        text.push_str(&format!(
            "; {lost} change{} to entries already saved (a rating, the end of a session) cannot be kept in a file",
            if lost == 1 { "" } else { "s" }
        ));
    }
    text
}

/// The line to print at exit: where the entries were kept (`Ok`), or that
/// they could be kept nowhere (`Err`: limber then exits with a failure).
fn saved(result: Result<PathBuf>, what: &str, data_dir: &Path) -> Kept {
    match result {
        Ok(path) if path.parent() == Some(data_dir) => Ok(format!(
            "{what}. They are in {}; the next start offers to bring them in (or run `limber import {}`).",
            path.display(),
            path.display()
        )),
        Ok(path) => Ok(format!(
            "{what}. The data folder could not take them either, so they are in {}; bring them in with `limber import {}`.",
            path.display(),
            path.display()
        )),
        Err(e) => Err(format!(
            "{what}, and writing them to a recovery file failed too: {e:#}."
        )),
    }
}

/// What `at_close` and `write_snapshot` say: kept somewhere, or not.
pub type Kept = std::result::Result<String, String>;

/// Writes `doc` as a new recovery file in `dir` (a temp name, then a
/// rename), and says where. The disk that could not take the entries is
/// often the one the data folder is on, so when the folder cannot take the
/// file either, it goes to the system's temporary folder (often another
/// disk); the line printed at exit names where.
pub fn save(dir: &Path, doc: &Export, now: OffsetDateTime) -> Result<PathBuf> {
    let mut doc = doc.clone();
    doc.exported_at = Some(crate::store::utc_text(now));
    let bytes = serde_json::to_vec_pretty(&doc)?;
    save_in(dir, &bytes, now).or_else(|first| {
        save_in(&std::env::temp_dir(), &bytes, now).map_err(|_| {
            // Nowhere to keep them: the entries themselves, on stderr, are
            // the last place they can go.
            anyhow!(
                "{first:#}; here they are, to keep and bring in with `limber import`: {}",
                String::from_utf8_lossy(&bytes)
            )
        })
    })
}

fn save_in(dir: &Path, bytes: &[u8], now: OffsetDateTime) -> Result<PathBuf> {
    let stamp = crate::store::utc_text(now).replace(':', "-");
    let path = (1..)
        .map(|n| {
            let more = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            dir.join(format!("{PREFIX}{stamp}{more}{SUFFIX}"))
        })
        .find(|p| !p.exists() && !imported(p).exists())
        .ok_or_else(|| anyhow!("no free name for a recovery file in {}", dir.display()))?;
    crate::files::write_atomically(&path, bytes)?;
    Ok(path)
}

/// The name a recovery file has once brought in.
fn imported(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".imported");
    PathBuf::from(name)
}

/// Recovery files in `dir` not brought in yet, oldest first.
pub fn waiting(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    files.sort();
    files
}

/// Imports a recovery file and renames it `.imported`; says what came in.
pub fn bring_in(store: &mut Store, path: &Path, now: OffsetDateTime) -> Result<String> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    let doc = Export::from_json(&bytes).map_err(|e| anyhow!("{name}: {e}"))?;
    let summary = store
        .import(&doc, now)
        .with_context(|| format!("{name}: nothing was brought in"))?;
    std::fs::rename(path, imported(path))
        .with_context(|| format!("{name} was brought in, but could not be renamed .imported"))?;
    let mut said = format!(
        "Brought in {name}: {} session{} ({} exercise{}) and {} check-in{}",
        summary.sessions_added,
        plural(summary.sessions_added),
        summary.exercises_added,
        plural(summary.exercises_added),
        summary.checkins_added,
        plural(summary.checkins_added),
    );
    if summary.fitness_added + summary.who5_added > 0 {
        said.push_str(&format!(
            ", {} fitness result{} and {} WHO-5{}",
            summary.fitness_added,
            plural(summary.fitness_added),
            summary.who5_added,
            plural(summary.who5_added),
        ));
    }
    said.push('.');
    Ok(said)
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
