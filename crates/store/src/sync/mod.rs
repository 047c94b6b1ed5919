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

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::sync_state::{FearedMark, FileMark, Incoming, Key, State, SyncRoutine};
use crate::transfer::{self, DeletedRow, Export, FlareRow, ImportSummary};
use crate::{Store, StoreError};

pub mod crypt;
mod line;
mod outgoing;

pub use line::{Change, FORMAT, Header, VERSION};

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

/// Whether this device's file in the folder holds lines this store did not
/// write: a copy of this data folder (a `cp -a`, a `backup` put back on
/// another computer, before its first sync or after) writes under the same
/// device id. This store knows what it wrote there (the file's first line,
/// which names the file, and how long it left it); a file with another
/// first line, or grown past that, was written by another store with this
/// id, and so was one found where this store never wrote. Then this store
/// takes a new id and reads that file as another device's. Nothing else
/// counts: a change of the computer's name or of the folder's path is not a
/// copy. A file shorter than this store left it (put back to an older
/// version) is this store's own: it is read again from its start, and what
/// it no longer holds is written again.
fn written_by_another(store: &Store, dir: &Path) -> Result<bool> {
    use std::io::Read as _;
    let own = own_file_name(&store.device_id()?);
    let path = dir.join(&own);
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    if !regular {
        return Ok(false);
    }
    let file = private(std::fs::OpenOptions::new().read(true))
        .open(&path)
        .map_err(io(&path))?;
    let len = file.metadata().map_err(io(&path))?.len();
    let mut reader = std::io::BufReader::new(file.take(MAX_LINE as u64 + 1));
    let head = match next_line(&mut reader).map_err(io(&path))? {
        Some(Line {
            complete: true,
            long: false,
            bytes,
            ..
        }) => String::from_utf8_lossy(&bytes).into_owned(),
        // Not a whole first line: nothing written there to weigh yet.
        _ => return Ok(false),
    };
    // A run of this store's cut short between writing and saying so, or
    // a sync through another folder last time: nothing to weigh.
    let last = store.state(LAST_FOLDER)?;
    let folder = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if store.state(OWN_PENDING)?.is_some()
        || last.is_some_and(|l| l != folder.display().to_string())
    {
        return Ok(false);
    }
    let ours = store
        .state(OWN_HEADS)?
        .is_some_and(|heads| heads.lines().any(|h| h == head));
    Ok(match store.sync_file(&own)? {
        Some(mark) if mark.head == head => len > mark.offset,
        // Another first line: one this store wrote before (the file put
        // back to an older copy) is its own.
        _ => !ours,
    })
}

/// The state key of the first lines this store has written to its file
/// (each rewrite gives the file a new one), newest last.
const OWN_HEADS: &str = "sync_own_heads";

/// The state key set while a sync writes this device's file.
const OWN_PENDING: &str = "sync_own_pending";

/// How many of its file's first lines a store remembers.
const OWN_HEADS_KEPT: usize = 64;

fn own_heads(store: &Store) -> Result<Vec<String>> {
    Ok(store
        .state(OWN_HEADS)?
        .map(|h| h.lines().map(str::to_string).collect())
        .unwrap_or_default())
}

/// The first lines remembered, with `head` the newest, the oldest let go
/// past `OWN_HEADS_KEPT`.
fn with_head(heads: &[String], head: &str) -> String {
    let mut heads: Vec<&str> = heads
        .iter()
        .map(String::as_str)
        .filter(|h| *h != head)
        .collect();
    heads.push(head);
    let from = heads.len().saturating_sub(OWN_HEADS_KEPT);
    heads[from..].join("\n")
}

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

/// Cuts this device's file back to its last complete line: a run stopped
/// mid-write leaves half a line, and this device is the file's only writer.
fn cut_back(path: &Path) -> Result<()> {
    if !is_regular(path) {
        return Ok(());
    }
    let Ok(bytes) = read_regular(path) else {
        return Ok(());
    };
    if bytes.is_empty() || bytes.ends_with(b"\n") {
        return Ok(());
    }
    let keep = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let file = private(std::fs::OpenOptions::new().write(true))
        .open(path)
        .map_err(io(path))?;
    file.set_len(keep as u64).map_err(io(path))?;
    file.sync_all().map_err(io(path))?;
    Ok(())
}

/// A file's new complete lines, read from where the last run stopped.
struct Read {
    name: String,
    header: Header,
    mark: FileMark,
    reread: bool,
    /// Each change with the byte its line starts at.
    changes: Vec<(u64, Change)>,
}

/// Reads what is new in one file of the folder. A file that is not a
/// device's changes (another first line, or one naming another device) is
/// left out with a line in `left_out`, and the rest of the folder syncs.
fn read_file(
    store: &Store,
    dir: &Path,
    name: &str,
    keys: &crypt::Keys,
    left_out: &mut Vec<String>,
) -> Result<Option<Read>> {
    use std::io::{Seek, SeekFrom};
    let path = dir.join(name);
    // Never through a symlink, and in bounded memory: line by line, each
    // cut at MAX_LINE bytes.
    let file = private(std::fs::OpenOptions::new().read(true))
        .open(&path)
        .map_err(io(&path))?;
    let mut reader = std::io::BufReader::new(file);
    let Some(Line {
        len: first,
        complete: true,
        long: false,
        ..
    }) = next_line(&mut reader).map_err(io(&path))?
    else {
        // Not even a whole header yet: read next time.
        return Ok(None);
    };
    let head_bytes = {
        reader.seek(SeekFrom::Start(0)).map_err(io(&path))?;
        next_line(&mut reader)
            .map_err(io(&path))?
            .map(|l| l.bytes)
            .unwrap_or_default()
    };
    let head = String::from_utf8_lossy(&head_bytes).into_owned();
    let header = match header(name, &head)? {
        Ok(header) => header,
        Err(why) => {
            left_out.push(why);
            return Ok(None);
        }
    };
    let before = store.sync_file(name)?;
    // Where the last run stopped, if the file is still the one it read
    // there: the same header, at least as long, and a line's end just
    // before (a file put back to an older copy and grown again is read
    // from its start, not from the middle of a line).
    let resume = match &before {
        Some(m) if m.head == head && m.offset as usize > first => {
            let mut byte = [0u8; 1];
            reader
                .seek(SeekFrom::Start(m.offset - 1))
                .map_err(io(&path))?;
            let at_line_end =
                std::io::Read::read(reader.get_mut(), &mut byte).map_err(io(&path))? == 1
                    && byte[0] == b'\n';
            at_line_end.then_some(m.offset as usize)
        }
        _ => None,
    };
    let (start, reread) = match (resume, &before) {
        (Some(offset), _) => (offset, false),
        (None, Some(_)) => (first + 1, true),
        (None, None) => (first + 1, false),
    };
    reader
        .seek(SeekFrom::Start(start as u64))
        .map_err(io(&path))?;
    let mut changes = Vec::new();
    let mut end = start;
    let mut at = start;
    let mut junk = 0usize;
    let mut first_junk = None;
    while let Some(Line {
        bytes: raw,
        len,
        complete,
        long,
    }) = next_line(&mut reader).map_err(io(&path))?
    {
        let line_at = at;
        if !complete {
            // Half written: read from here next time.
            break;
        }
        at += len + 1;
        end = at;
        if long {
            junk += 1;
            first_junk.get_or_insert(line_at);
            continue;
        }
        if raw.is_empty() {
            continue;
        }
        let raw = &raw[..];
        let text = String::from_utf8_lossy(raw);
        match line::version_of(&text) {
            Some(v) if v > VERSION => {
                return Err(SyncError::Refused(format!(
                    "{name} was written by a newer limber (sync format {v}; this one reads {VERSION}); nothing was applied — update limber"
                )));
            }
            _ => {}
        }
        let plain = if header.encrypted {
            match keys.open_line(&header.device, &text, name)? {
                Some(plain) => plain,
                None => {
                    // Its key is not in the folder yet: read from here
                    // once it is.
                    end = line_at;
                    break;
                }
            }
        } else {
            text.into_owned()
        };
        for l in plain.lines() {
            if let Some(v) = line::version_of(l)
                && v > VERSION
            {
                return Err(SyncError::Refused(format!(
                    "{name} was written by a newer limber (sync format {v}; this one reads {VERSION}); nothing was applied — update limber"
                )));
            }
            match serde_json::from_str::<Change>(l) {
                Ok(c) => changes.push((line_at as u64, c)),
                Err(_) => {
                    junk += 1;
                    first_junk.get_or_insert(line_at);
                }
            }
        }
    }
    // Junk costs one line in the log per file, not one per line.
    if let Some(at) = first_junk {
        tracing::warn!("{name}: {junk} line(s) are not changes (the first at byte {at}); skipped");
    }
    Ok(Some(Read {
        name: name.to_string(),
        header,
        mark: FileMark {
            offset: end as u64,
            head,
        },
        reread,
        changes,
    }))
}

/// A file's first line as a device's header; `Ok(Err(why))` for a file
/// that is not a device's changes, to be left out. A file of a newer limber
/// stops the sync: what it holds cannot be weighed.
fn header(name: &str, head: &str) -> Result<std::result::Result<Header, String>> {
    if let Some(v) = line::version_of(head)
        && v > VERSION
    {
        return Err(SyncError::Refused(format!(
            "{name} was written by a newer limber (sync format {v}; this one reads {VERSION}); nothing was applied — update limber"
        )));
    }
    match serde_json::from_str::<Header>(head) {
        Ok(h) if h.format == FORMAT => {
            // A device id is hex, and the file is that device's (or a copy
            // a sync tool made of it): a file cannot speak for another.
            let hex = !h.device.is_empty()
                && h.device.len() <= 64
                && h.device
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            let file = Path::new(name)
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or(name);
            let rest = file.strip_prefix(&format!("limber-{}", h.device));
            if !hex || !rest.is_some_and(|r| r.starts_with('.') || r.starts_with(' ')) {
                return Ok(Err(format!(
                    "{name} names a device ({}) that is not the one in its file name; it was left out — move it out of the sync folder",
                    limber_domain::text::one_line(&h.device)
                )));
            }
            Ok(Ok(h))
        }
        _ => Ok(Err(format!(
            "{name} does not start as a limber sync file; it was left out — move it out of the sync folder"
        ))),
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

fn state(c: &Change) -> State {
    State {
        updated_at: c.updated_at.clone(),
        version: transfer::file_version(c.version, Some(&c.updated_at)).unwrap_or(0),
        device: c.device.clone(),
        deleted: c.deleted,
    }
}

/// The newest change of each record read that is newer than what the
/// folder was known to hold, as a document to apply.
fn gather(
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
fn fitting(doc: Export, now: OffsetDateTime) -> (Export, Vec<(String, String)>) {
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
fn put(doc: &mut Export, incoming: &mut Incoming, c: &Change) -> std::result::Result<(), String> {
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

/// Writes this run's lines to this device's file; returns how far the file
/// now is. The file keeps only the newest line of each record this device
/// wrote: when a line replaces one already there (an edit, a delete), the
/// whole file is written anew beside it and renamed over it, with a new
/// file id in its header so every reader reads it again from its start. A
/// deleted note is then gone from the folder. Otherwise the lines are
/// appended. Never through a symlink: a link (or anything but a regular
/// file) in its place is replaced, and what it points to is left alone.
fn append(
    path: &Path,
    me: &str,
    keys: &crypt::Keys,
    lines: &[String],
    fresh: &str,
    anew: bool,
) -> Result<FileMark> {
    let existing = if is_regular(path) {
        read_regular(path).map_err(io(path))?
    } else {
        Vec::new()
    };
    let head = existing
        .iter()
        .position(|b| *b == b'\n')
        .map(|i| String::from_utf8_lossy(&existing[..i]).into_owned());
    let name = path.display().to_string();
    if let Some(head) = &head {
        let h = header(&name, head)?.map_err(SyncError::Refused)?;
        if h.device != me || h.encrypted != keys.encrypted() {
            return Err(SyncError::Refused(format!(
                "{} is not this device's file as it expects (device {}, {}); nothing was written",
                path.display(),
                h.device,
                if h.encrypted {
                    "encrypted"
                } else {
                    "not encrypted"
                }
            )));
        }
    }
    // The changes already in the file, in order (each run's batch opened
    // in an encrypted folder).
    let mut old: Vec<String> = Vec::new();
    if let Some(head) = &head {
        let body = &existing[head.len() + 1..];
        for raw in body.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            let text = String::from_utf8_lossy(raw);
            if keys.encrypted() {
                match keys.open_line(me, &text, &name) {
                    Ok(Some(plain)) => old.extend(plain.lines().map(str::to_string)),
                    _ => old.push(text.into_owned()),
                }
            } else {
                old.push(text.into_owned());
            }
        }
    }
    let key_of = |l: &str| {
        serde_json::from_str::<Change>(l)
            .ok()
            .map(|c| (c.kind, c.uuid))
    };
    let new_keys: std::collections::HashSet<Key> = lines.iter().filter_map(|l| key_of(l)).collect();
    let replaced = old
        .iter()
        .filter_map(|l| key_of(l))
        .any(|k| k.0 != "synced" && new_keys.contains(&k));
    let encode = |batch: &[String]| -> Result<String> {
        let mut text = String::new();
        if keys.encrypted() {
            text.push_str(&keys.seal(&batch.join("\n"))?);
            text.push('\n');
        } else {
            for l in batch {
                text.push_str(l);
                text.push('\n');
            }
        }
        Ok(text)
    };
    // A file with another name elsewhere (a hard link) is not appended to:
    // that would write to a file outside the folder too. Written anew and
    // renamed over, the link is gone and the other file left alone.
    if let Some(head) = head
        && !replaced
        && !anew
        && single_link(path)
    {
        let mut file = private(std::fs::OpenOptions::new().append(true))
            .open(path)
            .map_err(io(path))?;
        owner_only(&file).map_err(io(path))?;
        file.write_all(encode(lines)?.as_bytes())
            .map_err(io(path))?;
        file.sync_all().map_err(io(path))?;
        let offset = file.metadata().map_err(io(path))?.len();
        return Ok(FileMark { offset, head });
    }
    // Written anew: the newest line of each record, then this run's.
    let mut kept: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<Key> = new_keys;
    // A line that is not a change, and the old marks of runs, are not kept.
    for l in old.iter().rev() {
        if let Some(k) = key_of(l)
            && k.0 != "synced"
            && seen.insert(k)
        {
            kept.push(l.clone());
        }
    }
    kept.reverse();
    kept.extend(lines.iter().cloned());
    let head = fresh.to_string();
    let mut text = format!("{head}\n");
    text.push_str(&encode(&kept)?);
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = dir.join(format!(".{}.writing", own_file_name(me)));
    let _ = std::fs::remove_file(&temp);
    let mut file = private(std::fs::OpenOptions::new().write(true).create_new(true))
        .open(&temp)
        .map_err(io(&temp))?;
    file.write_all(text.as_bytes()).map_err(io(&temp))?;
    file.sync_all().map_err(io(&temp))?;
    drop(file);
    std::fs::rename(&temp, path).map_err(io(path))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(FileMark {
        offset: text.len() as u64,
        head,
    })
}

/// The longest line read from a file in the folder; a longer one is junk.
const MAX_LINE: usize = 4 << 20;

/// One line of a file, without its newline: whether it ended with one
/// (a last line still being written does not), and whether it was longer
/// than `MAX_LINE` (then only its start is kept).
struct Line {
    bytes: Vec<u8>,
    /// Its length in the file, without its newline.
    len: usize,
    complete: bool,
    long: bool,
}

fn next_line(reader: &mut impl std::io::BufRead) -> std::io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let mut len = 0;
    let mut long = false;
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(Line {
                bytes,
                len,
                complete: false,
                long,
            }));
        }
        any = true;
        let (part, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = MAX_LINE.saturating_sub(bytes.len());
        if part.len() > room {
            long = true;
        }
        bytes.extend_from_slice(&part[..part.len().min(room)]);
        len += part.len();
        let used = done.unwrap_or(buf.len());
        reader.consume(used);
        if done.is_some() {
            return Ok(Some(Line {
                bytes,
                len,
                complete: true,
                long,
            }));
        }
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
