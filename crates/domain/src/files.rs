//! Whole files read and written safely: an import read only up to a cap,
//! whatever it is, and an export (or the app's recovery file) written whole
//! without replacing anything that is not the file named.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::located::Located;
use crate::text::shown_path;

/// The `*.toml` files in `dir`, each with its stem (the slug), in name
/// order: routines and programmes a person wrote. A folder that does not
/// exist holds none; one that cannot be read is the error, in words.
pub fn toml_files(dir: &Path) -> std::result::Result<Vec<(String, PathBuf)>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .filter_map(|path| {
            let slug = path.file_stem()?.to_str()?.to_string();
            Some((slug, path))
        })
        .collect())
}

/// A user's routine or programme file that could not be used, with every
/// problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenFile {
    pub slug: String,
    pub path: PathBuf,
    pub problems: Vec<Located>,
}

impl BrokenFile {
    /// The first problem, for one-line listings.
    pub fn summary(&self) -> String {
        self.problems
            .first()
            .map_or_else(|| "unreadable".to_string(), ToString::to_string)
    }
}

/// A folder's files laid over the built-ins (routines or programmes):
/// each of `files` is read with `load`; one that reads well takes the
/// place of the item with its slug, or joins the list; one that does not
/// takes a built-in of its slug out of the list too, and is returned with
/// its problems, in `files`' order.
pub fn overlay<T>(
    items: &mut Vec<T>,
    slug_of: impl Fn(&T) -> &str,
    files: Vec<(String, PathBuf)>,
    mut load: impl FnMut(&str, &Path) -> std::result::Result<T, Vec<Located>>,
) -> Vec<BrokenFile> {
    let mut broken = Vec::new();
    for (slug, path) in files {
        match load(&slug, &path) {
            Ok(item) => match items.iter().position(|i| slug_of(i) == slug) {
                Some(i) => items[i] = item,
                None => items.push(item),
            },
            Err(problems) => {
                items.retain(|i| slug_of(i) != slug);
                broken.push(BrokenFile {
                    slug,
                    path,
                    problems,
                });
            }
        }
    }
    broken
}

/// A catalogue's items: `builtins` with the `*.toml` files of `dir` laid
/// over them (see [`overlay`]), the files that could not be used, and a
/// problem reading the folder itself (then the built-ins alone).
pub fn load_folder<T>(
    dir: &Path,
    builtins: Vec<T>,
    slug_of: impl Fn(&T) -> &str,
    load: impl FnMut(&str, &Path) -> std::result::Result<T, Vec<Located>>,
) -> (Vec<T>, Vec<BrokenFile>, Option<String>) {
    let mut items = builtins;
    match toml_files(dir) {
        Ok(files) => {
            let broken = overlay(&mut items, slug_of, files, load);
            (items, broken, None)
        }
        Err(problem) => (items, Vec::new(), Some(problem)),
    }
}

/// Refuses unread a routine or programme (`what`) file larger than
/// `MAX_FILE_BYTES`; `file` is its name in the problem.
pub fn refuse_large(path: &Path, file: &str, what: &str) -> std::result::Result<(), Vec<Located>> {
    let max = crate::routine::MAX_FILE_BYTES;
    let fail = |message: String| vec![Located::start(file, message)];
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read the file: {e}")))?
        .len();
    if size > max {
        return Err(fail(format!(
            "the file is {size} bytes; a {what} file may be at most {max}"
        )));
    }
    Ok(())
}

/// Reads `source` ("-" for stdin) to its end, refusing it once more than
/// `cap` bytes arrive: a pipe or a device is bounded as a regular file is,
/// and memory never holds more than `cap + 1` bytes of it.
pub fn read_capped(source: &Path, cap: u64) -> Result<Vec<u8>> {
    let too_large = || {
        anyhow!(
            "{} is over {} MiB; a limber export is never that large",
            shown_path(source),
            cap / (1024 * 1024)
        )
    };
    let cannot = |e: std::io::Error| anyhow!("cannot read {}: {e}", shown_path(source));
    let mut bytes = Vec::new();
    if source.as_os_str() == "-" {
        read_up_to(&mut std::io::stdin().lock(), cap, &mut bytes).map_err(cannot)?;
    } else {
        let file = File::open(source).map_err(cannot)?;
        let meta = file.metadata().map_err(cannot)?;
        if meta.is_dir() {
            bail!("{} is a folder, not an export file", shown_path(source));
        }
        if meta.is_file() {
            // A regular file says its size: refuse before reading any of it.
            if meta.len() > cap {
                return Err(too_large());
            }
            bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0));
        }
        read_up_to(&mut &file, cap, &mut bytes).map_err(cannot)?;
    }
    if bytes.len() as u64 > cap {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Appends at most `cap + 1` bytes of `reader` to `bytes`, growing it no
/// further than that (a plain `read_to_end` doubles past it).
fn read_up_to(reader: &mut impl Read, cap: u64, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    let limit = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
    let mut reader = reader.take(cap.saturating_add(1));
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if bytes.capacity() - bytes.len() < n {
            let grown = (bytes.capacity() * 2).max(bytes.len() + n).min(limit);
            bytes.reserve_exact(grown - bytes.len());
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
}

/// Where `--out` writes: the file itself, or the target of a symlink (so
/// the link stays a link), refusing anything that is not a regular file.
fn destination(path: &Path) -> Result<PathBuf> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => bail!("cannot write {}: {e}", shown_path(path)),
    };
    let target = if meta.file_type().is_symlink() {
        std::fs::canonicalize(path).map_err(|e| {
            anyhow!(
                "--out {} is a symlink whose target cannot be followed ({e}); name the file itself",
                shown_path(path)
            )
        })?
    } else {
        path.to_path_buf()
    };
    let meta = std::fs::metadata(&target)
        .map_err(|e| anyhow!("cannot write {}: {e}", shown_path(&target)))?;
    if !meta.is_file() {
        bail!(
            "--out {} is {}, not a regular file; name a file, or leave out --out and redirect the output",
            shown_path(path),
            kind_of(&meta)
        );
    }
    Ok(target)
}

/// Refuses a file named by the user (`--out`) that is, or links to, one of
/// limber's own files in `data_dir` (the store, its journal, the locks, a
/// backup, a recovery file): writing it would lose what it holds.
///
/// Any SQLite database is refused too, wherever it is: another data
/// folder's `limber.db`, a backup moved elsewhere, another program's store.
pub fn refuse_limbers_own(path: &Path, data_dir: &Path) -> Result<()> {
    let target = destination(path)?;
    if is_limbers_own(&target, data_dir) {
        bail!(
            "--out {} is one of limber's own files in the data folder; name another file",
            shown_path(path)
        );
    }
    if is_database(&target) {
        bail!(
            "--out {} is a SQLite database (a limber store or a backup?); name another file",
            shown_path(path)
        );
    }
    Ok(())
}

/// Whether `target` exists and begins as every SQLite database does.
fn is_database(target: &Path) -> bool {
    let mut head = [0u8; 16];
    File::open(target)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// Whether `target` is one of the files limber keeps in its data folder:
/// `limber.db` and its `-wal`, `-shm` and backups, `limber.lock`,
/// `limber.sessions.lock`, `limber.log`, `limber backup`'s copies and the
/// recovery files of entries not saved yet.
fn is_limbers_own(target: &Path, data_dir: &Path) -> bool {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let ours = name.starts_with("limber.db")
        || name.starts_with("limber-backup-")
        || name.starts_with("limber-recovery-")
        || name == "limber.lock"
        || name == "limber.sessions.lock"
        || name == "limber.log";
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    ours && matches!(
        (std::fs::canonicalize(folder), std::fs::canonicalize(data_dir)),
        (Ok(a), Ok(b)) if a == b
    )
}

/// What a non-regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Writes `bytes` to `path` whole or not at all: a temporary file with an
/// unpredictable name beside it (made with `create_new`, so never someone
/// else's file or link), synced, then renamed over. Readable by the owner
/// only. A symlink is written through to its target; a pipe, a device or a
/// folder is refused, never replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = destination(path)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .ok_or_else(|| anyhow!("--out {} is not a file name", shown_path(path)))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.limber-tmp", uuid::Uuid::new_v4().simple()));
    let tmp = dir.join(tmp_name);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&tmp)
        .map_err(|e| anyhow!("cannot write {}: {e}", shown_path(path)))?;
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, &target));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write {}: {e}", shown_path(path));
    }
    Ok(())
}
