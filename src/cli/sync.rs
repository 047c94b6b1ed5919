//! `limber sync [DIR]` and `limber sync --status`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::env::Env;
use crate::text::shown_path;

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The folder to sync through (one Syncthing, Nextcloud, Dropbox … keeps
    /// alike on each computer); `sync_dir` in config.toml when left out
    pub dir: Option<PathBuf>,
    /// Say this device's id, the folder, and when each device last synced
    #[arg(long)]
    pub status: bool,
    /// With --status: text, or json
    #[arg(long, value_enum, default_value_t = SyncFormat::Text, requires = "status")]
    pub format: SyncFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SyncFormat {
    Text,
    Json,
}

fn folder(args: &SyncArgs, env: &Env) -> Option<PathBuf> {
    crate::config::sync_folder(&env.config, args.dir.clone())
}

fn passphrase(env: &Env) -> Option<secrecy::SecretString> {
    crate::config::sync_passphrase(&env.config)
}

pub(super) fn sync(args: SyncArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let dir = folder(&args, env);
    if args.status {
        return status(dir.as_deref(), args.format, env, out);
    }
    let dir = dir.ok_or_else(|| {
        anyhow!("sync: no folder given; name one (limber sync DIR) or set sync_dir in config.toml")
    })?;
    let mut store = env.open_store()?;
    let outcome = crate::sync::sync(
        &mut store,
        &dir,
        passphrase(env)
            .as_ref()
            .map(secrecy::ExposeSecret::expose_secret),
        env.clock.now(),
    )
    .map_err(|e| anyhow!("sync: {e}"))?;
    let (said, left) = outcome.said(&dir);
    for line in said {
        writeln!(out, "{line}")?;
    }
    for line in left {
        eprintln!("limber: sync: {line}");
    }
    Ok(())
}

fn status(dir: Option<&Path>, format: SyncFormat, env: &Env, out: &mut impl Write) -> Result<()> {
    let store = env.read_store()?;
    let me = store.device_id()?;
    // No folder named or set: the one this store last synced through.
    let last = match dir {
        Some(_) => None,
        None => store.state(crate::sync::LAST_FOLDER)?.map(PathBuf::from),
    };
    let dir = dir.or(last.as_deref());
    let devices = store.sync_devices()?;
    if format == SyncFormat::Json {
        let list: Vec<serde_json::Value> = devices
            .iter()
            .map(|d| {
                serde_json::json!({
                    "device": d.device,
                    "this": d.device == me,
                    "last_sync": (!d.last_sync.is_empty()).then_some(&d.last_sync),
                    "came_in": d.came_in,
                    "went_out": d.went_out,
                })
            })
            .collect();
        let doc = serde_json::json!({
            "device": me,
            "folder": dir.map(|d| d.display().to_string()),
            "encrypted": passphrase(env).is_some(),
            "devices": list,
        });
        super::json::write(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "This device: {me}")?;
    match dir {
        Some(d) => writeln!(
            out,
            "Folder: {}{}{}",
            shown_path(d),
            if passphrase(env).is_some() {
                " (encrypted)"
            } else {
                ""
            },
            if last.is_some() {
                " (the last one synced through; set sync_dir in config.toml for the app to sync by itself)"
            } else {
                ""
            }
        )?,
        None => writeln!(
            out,
            "Folder: none set (limber sync DIR, or sync_dir in config.toml)"
        )?,
    }
    if devices.is_empty() {
        writeln!(out, "Not synced yet.")?;
    }
    for d in &devices {
        let when = if d.last_sync.is_empty() {
            "never seen syncing".to_string()
        } else {
            format!("last synced {}", d.last_sync)
        };
        if d.device == me {
            writeln!(
                out,
                "  {} (this one): {when}; {} came in, {} went out",
                d.device,
                crate::text::count(d.came_in, "change", "changes"),
                crate::text::count(d.went_out, "change", "changes"),
            )?;
        } else {
            writeln!(
                out,
                "  {}: {when}; {} came in from it",
                d.device,
                crate::text::count(d.came_in, "change", "changes"),
            )?;
        }
    }
    Ok(())
}
