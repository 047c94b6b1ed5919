//! What every command and the app are given: where things are, the settings,
//! the clock, and the way to open the store and the routine catalogue.

use anyhow::Result;

use crate::clock::Clock;
use crate::config::{Config, Paths};
use crate::routine::Catalog;
use crate::store::Store;

/// What every command gets: where things are, the settings, the clock.
pub struct Env {
    pub paths: Paths,
    pub config: Config,
    pub clock: Clock,
}

impl Env {
    pub fn open_store(&self) -> Result<Store> {
        Ok(Store::open_in(&self.paths.data_dir)?)
    }

    /// The store for a command that only reads: an empty one in memory when
    /// no store exists yet, so reading never creates a file. A store that is
    /// there but cannot be reached is an error, never an empty store.
    pub fn read_store(&self) -> Result<Store> {
        if self.existing_store()?.is_some() {
            self.open_store()
        } else {
            Ok(Store::open_memory()?)
        }
    }

    /// `limber.db`'s path when there is one; `None` when there is none yet
    /// (see `store::file::existing` for what counts as "none yet").
    pub fn existing_store(&self) -> Result<Option<std::path::PathBuf>> {
        Ok(crate::store::file::existing(
            &self.paths.data_dir,
            self.paths.data_dir_given,
        )?)
    }

    pub fn catalog(&self) -> Catalog {
        Catalog::load(&self.paths.routines_dir())
    }
}
