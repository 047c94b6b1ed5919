//! `limber sync`: this store and others meet through a folder that a sync
//! tool (Syncthing, Nextcloud, Dropbox, a git repository) keeps alike on
//! each computer. The live database is never copied: each device appends
//! its changes to its own file, `limber-<device>.jsonl` (see `line.rs`),
//! and reads every other file there, conflict copies made by a sync tool
//! included, as more changes. It never writes another device's file, so a
//! sync tool never sees two writers of one file.
//!
//! What came in is applied record by record in one transaction: the newest
//! `updated_at` wins, equal times go to the higher device id, and a
//! tombstone is final (nothing deleted comes back). What goes out is only
//! what the folder does not hold yet: the store keeps, per file, how far
//! its complete lines were read, and per record the newest state the
//! folder holds.
//!
//! Interrupted runs: this device's file cut mid-line is cut back to its
//! last complete line (this device is its only writer) and what was lost
//! is written again; another device's half-written last line is left for
//! the next run; a file that shrank or was replaced is read again from its
//! start (applying is idempotent).

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::sync_state::{Key, State};
use crate::transfer::ImportSummary;
use crate::{Store, StoreError};

pub mod crypt;
mod incoming;
mod line;
mod outgoing;
mod own_file;
mod read;

use incoming::{fitting, gather};
pub use line::{Change, FORMAT, Header, VERSION};
use own_file::{
    OWN_HEADS, OWN_PENDING, append, cut_back, own_heads, with_head, written_by_another,
};
use read::read_file;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

type Result<T> = std::result::Result<T, SyncError>;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SyncError + '_ {
    move |source| SyncError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub device: String,
    /// Changes read that were new to the folder as this store knew it.
    pub came_in: u64,
    /// Changes written to this device's file.
    pub went_out: u64,
    pub applied: ImportSummary,
    /// Files read (this device's own included).
    pub files: usize,
    /// Lines that could not be read as a change, by file and line number.
    pub unreadable: Vec<String>,
    /// Deletes that came in, and where the store was kept before them,
    /// when there were many (`MANY_DELETES` or more).
    pub backup: Option<(usize, PathBuf)>,
    /// This data folder was copied from another place: it took a new
    /// device id (`device`) before syncing.
    pub new_device: bool,
}

impl SyncReport {
    /// What a sync did, in the words every place that syncs uses (`limber
    /// sync`, the app's sync on start and on quit): a copy found, the
    /// changes that came in and went out, the deletes among them and the
    /// store kept before many, and each line left in the folder. The first
    /// list is what happened; the second, what was left out or waits.
    pub fn said(&self, folder: &Path) -> (Vec<String>, Vec<String>) {
        use limber_domain::text::{count, shown_path};
        let mut said = Vec::new();
        if self.new_device {
            said.push(format!(
                "This data folder was copied from another place or machine: it syncs as a device of its own from now on ({}).",
                self.device
            ));
        }
        let deleted = match self.applied.deleted {
            0 => String::new(),
            n => format!(" ({} among them)", count(n, "delete", "deletes")),
        };
        said.push(format!(
            "Synced through {}: {} came in{deleted}, {} went out.",
            shown_path(folder),
            count(self.came_in, "change", "changes"),
            count(self.went_out, "change", "changes"),
        ));
        if let Some((deletes, kept)) = &self.backup {
            said.push(format!(
                "{deletes} deletes came in: the store as it was before them is kept as {} (`limber restore` brings it back).",
                shown_path(kept)
            ));
        }
        let left = self
            .unreadable
            .iter()
            .map(|l| format!("skipped {l}"))
            .collect();
        (said, left)
    }
}

/// The name of a device's own file in the folder.
pub fn own_file_name(device: &str) -> String {
    format!("limber-{device}.jsonl")
}

/// Whether a name in the folder is a device's changes: its own file, or a
/// conflict copy a sync tool made of one.
pub fn is_changes_file(name: &str) -> bool {
    name.starts_with("limber-")
        && !name.starts_with("limber-key-")
        && (name.ends_with(".jsonl")
            || name.contains(".sync-conflict-")
            || name.contains("(conflicted copy"))
}

/// One sync with the folder `dir`. `passphrase` set: the folder is (or
/// becomes) encrypted with it.
pub fn sync(
    store: &mut Store,
    dir: &Path,
    passphrase: Option<&str>,
    now: OffsetDateTime,
) -> Result<SyncReport> {
    if dir.exists() && !dir.is_dir() {
        return Err(SyncError::Refused(format!(
            "{} is a file, not a folder; name the folder your sync tool keeps",
            dir.display()
        )));
    }
    if !dir.is_dir() {
        return Err(SyncError::Refused(format!(
            "the sync folder {} does not exist (make it, or point sync_dir at the folder your sync tool keeps)",
            dir.display()
        )));
    }
    let _lock = match store.folder() {
        Some(data_dir) => Some(lock(data_dir)?),
        None => None,
    };
    // A copy of this data folder is known at its first opening where it
    // now lives (see `Store::open_in`), or here by what is in the folder.
    let copied = store.state(COPIED)?.is_some();
    let moved = written_by_another(store, dir)?;
    if moved {
        store.sync_new_device()?;
    }
    if copied {
        store.clear_state(COPIED)?;
    }
    let moved = moved || copied;
    let me = store.device_id()?;
    let own = own_file_name(&me);
    let own_path = dir.join(&own);
    cut_back(&own_path)?;
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        if let Some(name) = entry.file_name().to_str()
            && is_changes_file(name)
            && entry.file_type().map(|t| t.is_file()).unwrap_or(false)
        {
            names.push(name.to_string());
        }
    }
    names.sort();
    let keys = crypt::Keys::open(dir, &me, passphrase, &names)?;

    // Everything is read and checked before anything is applied.
    let mut reads = Vec::new();
    let mut left_out = Vec::new();
    for name in &names {
        match read_file(store, dir, name, &keys, &mut left_out)? {
            Some(read) => reads.push(read),
            // Emptied (this device's file cut inside its header, or one
            // a sync tool is still copying): what was known from it is
            // no longer there.
            None if store.sync_file(name)?.is_some() => store.sync_forget_file(name)?,
            None => {}
        }
    }
    // A file gone from the folder: what was known from it is gone too.
    for name in store.sync_file_names()? {
        if !names.contains(&name) {
            store.sync_forget_file(&name)?;
        }
    }
    // A file read again from its start: what was known from it is
    // forgotten, and learnt again from what it holds now.
    for r in reads.iter().filter(|r| r.reread) {
        store.sync_forget_file(&r.name)?;
    }
    let known = store.sync_known()?;
    let mut outcome = SyncReport {
        new_device: moved,
        device: me.clone(),
        files: reads.len(),
        unreadable: left_out,
        ..SyncReport::default()
    };
    let mut incoming = gather(store, &reads, &known, &mut outcome, now)?;
    if let Some(doc) = incoming.doc.take() {
        let (doc, left) = fitting(doc, now);
        for (uuid, why) in left {
            // Named by its file and device, and not taken as known, so it
            // is weighed again when its file is read again.
            let from = incoming.known.iter().find(|(k, _, _)| k.1 == uuid);
            let (file, device) = from.map_or(("the folder", "?"), |(_, s, f)| {
                (f.as_str(), s.device.as_str())
            });
            outcome.unreadable.push(format!(
                "{file}: a change from device {device} ({uuid}) does not fit with the others ({why}); it is left out"
            ));
            incoming.known.retain(|(k, _, _)| k.1 != uuid);
        }
        incoming.doc = Some(doc);
    }
    // Many deletes at once (a device wiped, a file that is not what it
    // seems): the store as it was is kept first, for `limber restore`.
    let deletes = match &incoming.doc {
        Some(doc) => store.sync_live_among(
            &doc.deleted
                .iter()
                .map(|d| (d.kind.clone(), d.uuid.clone()))
                .collect::<Vec<_>>(),
        )?,
        None => 0,
    };
    if deletes >= MANY_DELETES
        && let Some(data_dir) = store.folder()
    {
        let stamp = crate::utc_text(now).replace([':', '-'], "");
        let (kept, _) = crate::backup::backup(
            &data_dir.join("limber.db"),
            &data_dir.join(format!("limber-backup-{stamp}-before-sync.db")),
            true,
        )?;
        outcome.backup = Some((deletes, kept));
    }
    outcome.applied = store.sync_apply(&incoming, now)?;
    store.forget_old_deletes(now)?;

    // What this store holds that the folder does not.
    let known = store.sync_known()?;
    let (lines, written) = outgoing::outgoing(store, &me, &known)?;
    outcome.went_out = lines.len() as u64;
    let mut lines = lines;
    lines.push(
        serde_json::to_string(&Change {
            v: VERSION,
            kind: "synced".to_string(),
            uuid: String::new(),
            updated_at: crate::utc_text(now),
            device: me.clone(),
            version: None,
            deleted: false,
            local_date: None,
            row: None,
        })
        .expect("a change is plain data"),
    );
    // What this run may write is known before it is written: a run cut
    // short after writing and before the store says so is not taken for
    // another store's lines next time (see `written_by_another`).
    let fresh = Header::new(&me, keys.encrypted()).line();
    let heads = own_heads(store)?;
    store.set_states(&[
        (OWN_HEADS, Some(&with_head(&heads, &fresh))),
        (OWN_PENDING, Some("1")),
    ])?;
    // This device's file read again from its start (put back to an older
    // copy, cut, or replaced): it is written anew under a new first line,
    // so every other device reads it again from its start too. Grown again
    // under its old first line, a reader that had stopped at a line's end
    // of the older copy would go on from there and miss what came between.
    let anew = reads.iter().any(|r| r.name == own && r.reread);
    let mark = append(&own_path, &me, &keys, &lines, &fresh, anew)?;
    let written: Vec<(Key, State, String)> = written
        .into_iter()
        .map(|(k, s)| (k, s, own.clone()))
        .collect();
    store.sync_written(&own, &mark, &written, outcome.went_out, now)?;
    // Appended under the file's first line, the fresh one was not used: the
    // first lines remembered are those the file has had.
    let folder = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    store.set_states(&[
        (OWN_HEADS, Some(&with_head(&heads, &mark.head))),
        (OWN_PENDING, None),
        (LAST_FOLDER, Some(&folder.display().to_string())),
    ])?;
    Ok(outcome)
}

/// The state key set when this store found itself a copy as it opened,
/// until a sync has said so.
pub const COPIED: &str = crate::COPIED;

/// The state key of the folder this store last synced through.
pub const LAST_FOLDER: &str = "sync_last_folder";

/// Deletes in one sync from which the store is backed up first.
const MANY_DELETES: usize = 10;

/// One sync of a store at a time (the app's on start and a `limber sync`
/// in another terminal would be two writers of this device's file): an
/// advisory lock on `sync.lock` in the data folder, let go when dropped.
/// How long a sync waits for another one of this store before refusing.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

fn lock(data_dir: &Path) -> Result<std::fs::File> {
    let path = data_dir.join("sync.lock");
    let file = private(
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true),
    )
    .open(&path)
    .map_err(io(&path))?;
    owner_only(&file).map_err(io(&path))?;
    // The same advisory whole-file lock as the store's own (`claim`): std's,
    // flock(2) on Unix and LockFileEx on Windows. It is given a moment
    // before refusing: a process being started elsewhere in this one (an
    // editor, a test's child) shares the open file until it execs.
    let deadline = std::time::Instant::now() + LOCK_PATIENCE;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(SyncError::Refused(
                    "another sync of this store is under way (the app's, or one in another terminal); try again in a moment"
                        .to_string(),
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&path)(e)),
        }
    }
}

/// Orders two states of a record: a tombstone above any live copy, then
/// the later version, then the higher device id. A flare day is one record
/// per date whose mark and clear are versions: the newest wins. A feared exercise's mark is
/// a switch, not an entry: its newest mark or unmark wins (then the higher
/// device, then the unmark), as applying one weighs it — with the unmark
/// above everything, a later mark on another device never went out.
fn rank<'a>(kind: &str, s: &'a State) -> (bool, i64, &'a str, bool) {
    if kind == "feared" || kind == "flare" {
        (false, s.version, s.device.as_str(), s.deleted)
    } else {
        (s.deleted, s.version, s.device.as_str(), false)
    }
}

/// Whether a path is a regular file itself (not a link to one).
/// Whether a file has no other name (no hard link to it elsewhere).
fn single_link(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).is_ok_and(|m| m.nlink() == 1)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        true
    }
}

fn is_regular(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// A file's bytes, never through a symlink.
fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = private(std::fs::OpenOptions::new().read(true)).open(path)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(bytes)
}

/// Options that never follow a symlink at the path and make a new file
/// the owner's only.
fn private(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(nix::libc::O_NOFOLLOW);
    }
    options
}

/// Makes a file sync keeps (its own device file, the lock) the owner's only.
fn owner_only(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}
