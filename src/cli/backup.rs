//! Commands on the store file as a whole: `backup`, `restore`, and `doctor`
//! (check it, or put the newest upgrade backup back).

use std::io::Write;

use anyhow::{Result, anyhow, bail};

use super::args::{BackupArgs, DoctorArgs, RestoreArgs};
use crate::env::Env;
use crate::store::{Claim, backup::Copied};
use crate::text::one_line;

/// Now as a file-name part: 20261125T100000Z.
fn stamp(env: &Env) -> String {
    crate::store::utc_text(env.clock.now()).replace([':', '-'], "")
}

pub(super) fn backup(args: BackupArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let db = env.existing_store()?.ok_or_else(|| {
        anyhow!(
            "there is no store at {} yet; nothing to back up",
            env.paths.db_file().display()
        )
    })?;
    let (target, numbered) = match args.out {
        Some(path) => (path, false),
        None => (
            env.paths
                .data_dir
                .join(format!("limber-backup-{}.db", stamp(env))),
            true,
        ),
    };
    let (path, copied) = crate::store::backup::backup(&db, &target, numbered)?;
    writeln!(
        out,
        "Backed up to {}: it holds {}.",
        path.display(),
        holds(&copied)
    )?;
    Ok(())
}

pub(super) fn restore(args: RestoreArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    crate::store::create_private_dir(&env.paths.data_dir)?;
    let _claim = Claim::whole(&env.paths.data_dir)?;
    let db = env.paths.db_file();
    let (copied, aside) = crate::store::backup::restore(&args.file, &db, "replaced", &stamp(env))?;
    writeln!(
        out,
        "Restored {} as {}: it holds {}.",
        args.file.display(),
        db.display(),
        holds(&copied)
    )?;
    if let Some(aside) = aside {
        writeln!(out, "The store it replaced is kept as {}.", aside.display())?;
        // What was deleted since the backup was kept comes back everywhere,
        // not only here until the next sync deletes it again.
        let revived = crate::store::backup::revive(&db, &aside, env.clock.now())?;
        if revived > 0 {
            writeln!(
                out,
                "{} deleted since it was kept came back as new entries; the next sync carries them to your other devices.",
                crate::text::count(revived, "entry", "entries")
            )?;
        }
    }
    Ok(())
}

fn holds(copied: &Copied) -> String {
    format!(
        "{} check-ins and {} sessions{} (schema version {})",
        copied.checkins,
        copied.sessions,
        kept_as_tombstones(copied.tombstones),
        copied.schema_version
    )
}

/// ", and 3 deleted kept as tombstones"; nothing when there are none.
fn kept_as_tombstones(n: i64) -> String {
    match n {
        0 => String::new(),
        n => format!(", and {n} deleted kept as tombstones"),
    }
}

pub(super) fn doctor(args: DoctorArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    use crate::store::doctor;
    let db = env.paths.db_file();
    if args.restore {
        let _claim = if env.paths.data_dir.is_dir() {
            Some(Claim::whole(&env.paths.data_dir)?)
        } else {
            None
        };
        if db.exists() && !args.force && doctor::inspect(&db)?.is_ok() {
            bail!(
                "{} checks as healthy; restoring would go back to an older copy — add --force if that is what you want",
                db.display()
            );
        }
        let (backup, moved) = doctor::restore_newest(&db, &stamp(env))?;
        writeln!(out, "Restored {} as {}.", backup.display(), db.display())?;
        if let Some(moved) = moved {
            writeln!(out, "The file it replaced is kept as {}.", moved.display())?;
        }
        return Ok(());
    }
    let Some(db) = env.existing_store()? else {
        writeln!(
            out,
            "No store yet at {}: it is made on first use.",
            db.display()
        )?;
        return Ok(());
    };
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
            "Holds: {checkins} check-ins, {sessions} sessions, {exercises} exercise records{}",
            kept_as_tombstones(health.tombstones)
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
