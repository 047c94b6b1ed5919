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
}

impl AppSync {
    /// None when no `sync_dir` is set.
    pub fn new(config: &Config, data_dir: PathBuf, clock: Clock) -> Option<AppSync> {
        Some(AppSync {
            folder: crate::config::sync_folder(config, None)?,
            passphrase: crate::config::sync_passphrase(config),
            data_dir,
            clock,
        })
    }

    /// One sync, with a store connection of its own; the line to say, and
    /// whether anything came in.
    fn run(&self) -> Result<(String, bool), String> {
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
        Ok((
            format!(
                "synced through {}: {} came in, {} went out",
                crate::text::shown_path(&self.folder),
                crate::text::count(outcome.came_in, "change", "changes"),
                crate::text::count(outcome.went_out, "change", "changes"),
            ),
            outcome.came_in > 0,
        ))
    }

    /// The sync on start, in the background. Its result goes to the log;
    /// `ended` is called when it ends, with whether something came in, so
    /// the screen can read the store again then.
    pub fn start(&self, ended: impl FnOnce(bool) + Send + 'static) -> Option<JoinHandle<()>> {
        let sync = self.clone();
        std::thread::Builder::new()
            .name("sync".to_string())
            .spawn(move || match sync.run() {
                Ok((line, news)) => {
                    tracing::info!("{line}");
                    ended(news);
                }
                Err(e) => {
                    tracing::warn!("sync on start: {e}");
                    ended(false);
                }
            })
            .map_err(|e| tracing::warn!("cannot start the sync on start: {e}"))
            .ok()
    }

    /// The sync on quit, once the one on start is done (two at once would
    /// be two writers of this device's file). The line to print.
    pub fn at_quit(&self, started: Option<JoinHandle<()>>) -> String {
        if let Some(handle) = started {
            let _ = handle.join();
        }
        match self.run() {
            Ok((line, _)) => format!("limber: {line}."),
            Err(e) => format!("limber: sync: {e}"),
        }
    }
}
