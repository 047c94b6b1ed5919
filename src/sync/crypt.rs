//! Encryption of the sync folder (see `Keys`).

use std::path::Path;

use super::{Result, SyncError};

/// The keys a sync run reads and writes with; none for a plain folder.
pub struct Keys {
    encrypted: bool,
}

impl Keys {
    pub fn open(
        _dir: &Path,
        _me: &str,
        passphrase: Option<&str>,
        _names: &[String],
    ) -> Result<Keys> {
        Ok(Keys {
            encrypted: passphrase.is_some(),
        })
    }

    pub fn encrypted(&self) -> bool {
        self.encrypted
    }

    pub fn open_line(&self, _device: &str, _line: &str, name: &str) -> Result<String> {
        Err(SyncError::Refused(format!("{name} is encrypted")))
    }

    pub fn seal(&self, _text: &str) -> Result<String> {
        Err(SyncError::Refused("encryption is not ready".to_string()))
    }
}
