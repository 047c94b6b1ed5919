//! Commands on the store file as a whole: `doctor` (check it, or put the
//! newest backup back).

use std::io::Write;

use anyhow::{Result, bail};

use super::args::DoctorArgs;
use crate::env::Env;
use crate::text::one_line;

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
