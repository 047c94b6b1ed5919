//! Commands that move rows in and out of the store: `export`, `import` and
//! `sample-data`.

use std::io::{Read as _, Write};
use std::path::Path;

use anyhow::{Context as _, Result, anyhow, bail};

use super::args::{ExportArgs, ExportFormat, ImportArgs, SampleArgs};
use crate::env::Env;
use crate::routine;
use crate::store::transfer::{self, Export};

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it,
/// synced, then renamed over. Readable by the owner only.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("--out {} is not a file name", path.display()))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".limber-tmp");
    let tmp = dir.join(tmp_name);
    let result = (|| -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(anyhow!("cannot write {}: {e}", path.display()));
    }
    Ok(())
}

pub(super) fn export(args: ExportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let store = env.read_store()?;
    let mut doc = store.export()?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Json => {
            doc.exported_at = Some(crate::store::utc_text(env.clock.now()));
            serde_json::to_writer_pretty(&mut bytes, &doc)?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv => transfer::write_checkins_csv(&doc.checkins, &mut bytes)?,
    }
    match &args.out {
        Some(path) => {
            write_atomically(path, &bytes)?;
            match args.format {
                ExportFormat::Json => eprintln!(
                    "Exported {} sessions and {} check-ins to {}.",
                    doc.sessions.len(),
                    doc.checkins.len(),
                    path.display()
                ),
                ExportFormat::Csv => {
                    eprintln!(
                        "Exported {} check-ins to {}.",
                        doc.checkins.len(),
                        path.display()
                    )
                }
            }
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// Larger than any real diary; refuses a file that would exhaust memory.
const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

pub(super) fn import(args: ImportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let bytes = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::stdin().lock().take(MAX_IMPORT_BYTES + 1),
            &mut bytes,
        )?;
        bytes
    } else {
        let size = std::fs::metadata(&args.file)
            .with_context(|| format!("cannot read {}", args.file.display()))?
            .len();
        if size > MAX_IMPORT_BYTES {
            bail!(
                "{} is {size} bytes; an export is never that large",
                args.file.display()
            );
        }
        std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?
    };
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        bail!("the input is over {MAX_IMPORT_BYTES} bytes; an export is never that large");
    }
    let doc = Export::from_json(&bytes).map_err(|e| anyhow!("{}: {e}", args.file.display()))?;
    doc.validate()
        .map_err(|e| anyhow!("{}: {e}; nothing was imported", args.file.display()))?;
    let mut store = env.open_store()?;
    let summary = store
        .import(&doc)
        .with_context(|| format!("{}: nothing was imported", args.file.display()))?;
    writeln!(
        out,
        "Imported {} sessions ({} exercises) and {} check-ins; {} already here.",
        summary.sessions_added, summary.exercises_added, summary.checkins_added, summary.skipped
    )?;
    Ok(())
}

pub(super) fn sample_data(args: SampleArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let mut store = env.open_store()?;
    let (checkins, sessions) = store.counts()?;
    if checkins > 0 || sessions > 0 {
        bail!(
            "{} already holds {checkins} check-ins and {sessions} sessions; sample-data only fills an empty store (try --data-dir /tmp/limber-demo)",
            store.path().display()
        );
    }
    let routines = routine::builtins();
    let doc = crate::sample::generate(args.years, &env.clock, args.seed, &routines);
    let summary = store.import(&doc)?;
    writeln!(
        out,
        "Made up {} of history: {} sessions and {} check-ins in {}.",
        if args.years == 1 {
            "a year".to_string()
        } else {
            format!("{} years", args.years)
        },
        summary.sessions_added,
        summary.checkins_added,
        store.path().display()
    )?;
    Ok(())
}
