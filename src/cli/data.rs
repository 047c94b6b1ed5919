//! Commands on the store as a whole: `export`, `import`, `doctor` and
//! `sample-data`.

use std::io::Write;

use anyhow::{Context as _, Result, anyhow, bail};

use super::args::{DoctorArgs, ExportArgs, ExportFormat, ImportArgs, SampleArgs};
use super::file::{read_capped, write_atomically};
use crate::env::Env;
use crate::routine;
use crate::store::transfer::{self, Export};
use crate::text::{one_line, shown_path};

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
                    shown_path(path)
                ),
                ExportFormat::Csv => {
                    eprintln!(
                        "Exported {} check-ins to {}.",
                        doc.checkins.len(),
                        shown_path(path)
                    )
                }
            }
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// The largest import read: four times a hundred years of `limber
/// sample-data` exported (61 MB), so any real diary fits and memory stays
/// within a few hundred megabytes.
const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

pub(super) fn import(args: ImportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let name = shown_path(&args.file);
    let bytes = read_capped(&args.file, MAX_IMPORT_BYTES)?;
    let doc = Export::from_json(&bytes).map_err(|e| anyhow!("{name}: {e}"))?;
    drop(bytes);
    let now = env.clock.now();
    doc.validate(now)
        .map_err(|e| anyhow!("{name}: {e}; nothing was imported"))?;
    let mut store = env.open_store()?;
    let summary = store
        .import(&doc, now)
        .with_context(|| format!("{name}: nothing was imported"))?;
    writeln!(
        out,
        "Imported {} sessions ({} exercises) and {} check-ins; {} already here.",
        summary.sessions_added, summary.exercises_added, summary.checkins_added, summary.skipped
    )?;
    Ok(())
}

pub(super) fn doctor(args: DoctorArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    use crate::store::doctor;
    let db = env.paths.db_file();
    if args.restore {
        let _claim = if env.paths.data_dir.is_dir() {
            Some(crate::store::Claim::whole(&env.paths.data_dir)?)
        } else {
            None
        };
        if db.exists() && !args.force && doctor::inspect(&db)?.is_ok() {
            bail!(
                "{} checks as healthy; restoring would go back to an older copy — add --force if that is what you want",
                db.display()
            );
        }
        let stamp = crate::store::utc_text(env.clock.now()).replace([':', '-'], "");
        let (backup, moved) = doctor::restore_newest(&db, &stamp)?;
        writeln!(out, "Restored {} as {}.", backup.display(), db.display())?;
        if let Some(moved) = moved {
            writeln!(out, "The file it replaced is kept as {}.", moved.display())?;
        }
        return Ok(());
    }
    if !db.exists() {
        writeln!(
            out,
            "No store yet at {}: it is made on first use.",
            db.display()
        )?;
        return Ok(());
    }
    let health = doctor::inspect(&db)?;
    writeln!(out, "Store: {} ({} bytes)", db.display(), health.size)?;
    match health.schema_version {
        Some(v) => writeln!(
            out,
            "Schema version: {v} (this limber knows up to {})",
            crate::store::SCHEMA_VERSION
        )?,
        None => writeln!(out, "Schema version: unreadable")?,
    }
    if health.integrity == ["ok"] {
        writeln!(out, "Integrity: ok")?;
    } else {
        writeln!(out, "Integrity: problems found")?;
        for line in &health.integrity {
            writeln!(out, "  {}", one_line(line))?;
        }
    }
    if health.foreign_key_problems > 0 {
        writeln!(
            out,
            "Links between rows: {} broken",
            health.foreign_key_problems
        )?;
    }
    if let Some((checkins, sessions, exercises)) = health.counts {
        writeln!(
            out,
            "Holds: {checkins} check-ins, {sessions} sessions, {exercises} exercise records"
        )?;
    }
    if health.backups.is_empty() {
        writeln!(
            out,
            "Backups: none (one is kept before each schema upgrade)"
        )?;
    } else {
        writeln!(out, "Backups (newest first):")?;
        for b in &health.backups {
            writeln!(out, "  {} ({} bytes)", b.path.display(), b.size)?;
        }
    }
    if !health.is_ok() {
        let advice = if health.backups.is_empty() {
            "`limber export` saves what can still be read"
        } else {
            "`limber export` saves what can still be read; `limber doctor --restore` puts the newest backup back"
        };
        bail!("{} has problems; {advice}", db.display());
    }
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
    let doc = crate::sample::generate(
        args.years,
        env.clock.today(),
        env.clock.offset(),
        args.seed,
        &routines,
    );
    let summary = store.import(&doc, env.clock.now())?;
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
        shown_path(store.path())
    )?;
    Ok(())
}
