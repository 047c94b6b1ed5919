//! The app's syncs, when `sync_dir` is set: one on start, in a thread of
//! its own with its own connection to the store, so the screen never waits
//! for it (what comes in shows as any other process's write does: the app
//! notices the store changed and reads it again); and one on quit, after
//! the terminal is restored, which says in one line what it did.

use std::path::PathBuf;
use std::thread::JoinHandle;

use crate::clock::Clock;
use crate::config::Config;
use crate::store::Store;

/// What a sync of the app needs, taken from its settings.
#[derive(Clone)]
pub struct AppSync {
    data_dir: PathBuf,
    folder: PathBuf,
    passphrase: Option<secrecy::SecretString>,
    clock: Clock,
    /// What the sync on start found worth saying at quit.
    on_start: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl AppSync {
    /// None when no `sync_dir` is set.
    pub fn new(config: &Config, data_dir: PathBuf, clock: Clock) -> Option<AppSync> {
        Some(AppSync {
            folder: crate::config::sync_folder(config, None)?,
            passphrase: crate::config::sync_passphrase(config),
            data_dir,
            clock,
            on_start: std::sync::Arc::default(),
        })
    }

    /// One sync, with a store connection of its own; the lines to say
    /// (what `limber sync` says), and whether anything came in.
    fn run(&self) -> Result<(Vec<String>, bool), String> {
        let mut store = Store::open_in(&self.data_dir).map_err(|e| e.to_string())?;
        let outcome = crate::sync::sync(
            &mut store,
            &self.folder,
            self.passphrase
                .as_ref()
                .map(secrecy::ExposeSecret::expose_secret),
            self.clock.now(),
        )
        .map_err(|e| e.to_string())?;
        let (said, left) = outcome.said(&self.folder);
        let lines = said
            .into_iter()
            .chain(left)
            .map(|l| format!("limber: {}", lower_first(&l)))
            .collect();
        Ok((lines, outcome.came_in > 0))
    }

    /// The sync on start, in the background. Its result goes to the log,
    /// and what a person should hear of it (a copy found, deletes that came
    /// in and the store kept, lines left in the folder) is kept for the
    /// quit, when the terminal is theirs again; `ended` is called when it
    /// ends, with whether something came in, so the screen can read the
    /// store again then.
    pub fn start(&self, ended: impl FnOnce(bool) + Send + 'static) -> Option<JoinHandle<()>> {
        let sync = self.clone();
        std::thread::Builder::new()
            .name("sync".to_string())
            .spawn(move || match sync.run() {
                Ok((lines, news)) => {
                    for line in &lines {
                        tracing::info!("{line}");
                    }
                    let worth_saying: Vec<String> = lines
                        .into_iter()
                        .filter(|l| !l.starts_with("limber: synced through"))
                        .collect();
                    if let Ok(mut kept) = sync.on_start.lock() {
                        kept.extend(worth_saying);
                    }
                    ended(news);
                }
                Err(e) => {
                    tracing::warn!("sync on start: {e}");
                    if let Ok(mut kept) = sync.on_start.lock() {
                        kept.push(format!("limber: sync on start: {e}"));
                    }
                    ended(false);
                }
            })
            .map_err(|e| tracing::warn!("cannot start the sync on start: {e}"))
            .ok()
    }

    /// The sync on quit, once the one on start is done (two at once would
    /// be two writers of this device's file). The lines to print: what the
    /// sync on start found worth saying, then what this one did.
    pub fn at_quit(&self, started: Option<JoinHandle<()>>) -> String {
        if let Some(handle) = started {
            let _ = handle.join();
        }
        let mut lines: Vec<String> = self
            .on_start
            .lock()
            .map(|mut kept| std::mem::take(&mut *kept))
            .unwrap_or_default();
        match self.run() {
            Ok((said, _)) => lines.extend(said),
            Err(e) => lines.push(format!("limber: sync: {e}")),
        }
        lines.join("\n")
    }
}

/// "Synced through …" as the app's line says it: "synced through …".
fn lower_first(line: &str) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some(first) if line.starts_with("Synced") => first.to_lowercase().chain(chars).collect(),
        _ => line.to_string(),
    }
}
