//! This device's own file: whether another store wrote it, its first lines, cutting back, writing.

use std::io::Write;
use std::path::Path;

use super::read::{Line, MAX_LINE, header, next_line};
use super::{
    Change, LAST_FOLDER, Result, SyncError, crypt, io, is_regular, own_file_name, owner_only,
    private, read_regular, single_link,
};
use crate::Store;
use crate::sync_state::{FileMark, Key};

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
pub(super) fn written_by_another(store: &Store, dir: &Path) -> Result<bool> {
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
pub(super) const OWN_HEADS: &str = "sync_own_heads";

/// The state key set while a sync writes this device's file.
pub(super) const OWN_PENDING: &str = "sync_own_pending";

/// How many of its file's first lines a store remembers.
pub(super) const OWN_HEADS_KEPT: usize = 64;

pub(super) fn own_heads(store: &Store) -> Result<Vec<String>> {
    Ok(store
        .state(OWN_HEADS)?
        .map(|h| h.lines().map(str::to_string).collect())
        .unwrap_or_default())
}

/// The first lines remembered, with `head` the newest, the oldest let go
/// past `OWN_HEADS_KEPT`.
pub(super) fn with_head(heads: &[String], head: &str) -> String {
    let mut heads: Vec<&str> = heads
        .iter()
        .map(String::as_str)
        .filter(|h| *h != head)
        .collect();
    heads.push(head);
    let from = heads.len().saturating_sub(OWN_HEADS_KEPT);
    heads[from..].join("\n")
}

/// Cuts this device's file back to its last complete line: a run stopped
/// mid-write leaves half a line, and this device is the file's only writer.
pub(super) fn cut_back(path: &Path) -> Result<()> {
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

/// Writes this run's lines to this device's file; returns how far the file
/// now is. The file keeps only the newest line of each record this device
/// wrote: when a line replaces one already there (an edit, a delete), the
/// whole file is written anew beside it and renamed over it, with a new
/// file id in its header so every reader reads it again from its start. A
/// deleted note is then gone from the folder. Otherwise the lines are
/// appended. Never through a symlink: a link (or anything but a regular
/// file) in its place is replaced, and what it points to is left alone.
pub(super) fn append(
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
