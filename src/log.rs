//! Diagnostics, for when something needs looking into: written to
//! `limber.log` in the data folder at the level LIMBER_LOG names (off,
//! error, warn — the default —, info, debug, trace), never to the screen,
//! where the app draws. The file is opened only when there is something to
//! write, so a quiet run leaves nothing behind.

use std::io::Write;
use std::path::{Path, PathBuf};

use tracing_subscriber::filter::LevelFilter;

/// Where an event goes: the log file, opened for that one line.
struct LogFile(PathBuf);

/// How large the log grows before it starts anew: the full one is kept as
/// `limber.log.1` (replacing the one before), so the two never hold more
/// than twice this, whatever a run has to say.
const CAP: u64 = 1 << 20;

impl LogFile {
    fn open(&self) -> Box<dyn Write> {
        if std::fs::metadata(&self.0).is_ok_and(|m| m.len() >= CAP) {
            let _ = std::fs::rename(&self.0, self.0.with_extension("log.1"));
        }
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        // No data folder yet (a command that only reads): nothing to log to.
        if !self.0.parent().is_some_and(Path::is_dir) {
            return Box::new(std::io::sink());
        }
        match options.open(&self.0) {
            Ok(file) => Box::new(file),
            Err(_) => Box::new(std::io::sink()),
        }
    }
}

/// Sets up logging for this process. An unreadable LIMBER_LOG is an error.
pub fn init(data_dir: &Path) -> Result<(), String> {
    let level = match std::env::var("LIMBER_LOG") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse::<LevelFilter>().map_err(|_| {
            format!(
                "LIMBER_LOG \"{}\" is not a level; use off, error, warn, info, debug or trace",
                crate::text::one_line(&v)
            )
        })?,
        _ => LevelFilter::WARN,
    };
    if level == LevelFilter::OFF {
        return Ok(());
    }
    let file = LogFile(data_dir.join("limber.log"));
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_target(false)
        // A log that cannot be written (a full disk) is lost quietly: the
        // library would otherwise say so on stderr, over the app's screen.
        .log_internal_errors(false)
        .with_writer(move || file.open())
        .finish();
    // Only the first call in a process sets it; later ones change nothing.
    let _ = tracing::subscriber::set_global_default(subscriber);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run with much to say (a sync folder full of junk) cannot fill
    /// the disk with its log: past the cap the log starts anew, and the
    /// full one is kept as the only older one.
    #[test]
    fn the_log_starts_anew_past_its_cap() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = LogFile(dir.path().join("limber.log"));
        let line = "x".repeat(1000) + "\n";
        for _ in 0..(3 * CAP / 1000) {
            log.open().write_all(line.as_bytes()).expect("write");
        }
        let size = |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len());
        assert!(size("limber.log") <= CAP, "{}", size("limber.log"));
        assert!(
            size("limber.log.1") <= CAP + 1000,
            "{}",
            size("limber.log.1")
        );
        assert!(size("limber.log.1") >= CAP);
        let names = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(names, 2, "no more than the log and one before it");
    }
}
