//! Reading the folder's files: each device's new complete lines, from where the last run stopped.

use std::path::Path;

use super::{Change, FORMAT, Header, Result, SyncError, VERSION, crypt, io, line, private};
use crate::Store;
use crate::sync_state::FileMark;

/// A file's new complete lines, read from where the last run stopped.
pub(super) struct Read {
    pub(super) name: String,
    pub(super) header: Header,
    pub(super) mark: FileMark,
    pub(super) reread: bool,
    /// Each change with the byte its line starts at.
    pub(super) changes: Vec<(u64, Change)>,
}

/// Reads what is new in one file of the folder. A file that is not a
/// device's changes (another first line, or one naming another device) is
/// left out with a line in `left_out`, and the rest of the folder syncs.
pub(super) fn read_file(
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
pub(super) fn header(name: &str, head: &str) -> Result<std::result::Result<Header, String>> {
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

/// The longest line read from a file in the folder; a longer one is junk.
pub(super) const MAX_LINE: usize = 4 << 20;

/// One line of a file, without its newline: whether it ended with one
/// (a last line still being written does not), and whether it was longer
/// than `MAX_LINE` (then only its start is kept).
pub(super) struct Line {
    pub(super) bytes: Vec<u8>,
    /// Its length in the file, without its newline.
    pub(super) len: usize,
    pub(super) complete: bool,
    pub(super) long: bool,
}

pub(super) fn next_line(reader: &mut impl std::io::BufRead) -> std::io::Result<Option<Line>> {
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
