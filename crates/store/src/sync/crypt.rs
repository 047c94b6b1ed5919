//! Encryption of the sync folder with age, when a passphrase is set.
//!
//! age's passphrase encryption (scrypt) is slow on purpose, about a second
//! per opening, so it is not used per line. Each device makes an X25519
//! key once and keeps it in the folder as `limber-key-<device>.age`,
//! encrypted with the passphrase; each line it writes after its header is
//! one sync run's changes, encrypted to that key, in base64. Another device
//! opens the key file with the passphrase (once per run, and only when that
//! device has new lines) and reads the lines with it. A wrong passphrase
//! does not open this device's key file (or, before it has one, another
//! device's): the sync stops there, before anything is applied or written.
//!
//! What is not hidden: the files' names (device ids), their sizes, how many
//! lines each has and when they change, the header line (format version,
//! device id, whether encrypted).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::{Header, Result, SyncError, VERSION, io};

/// An encrypted line: one sync run's change lines, encrypted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sealed {
    v: u32,
    age: String,
}

/// The keys a sync run reads and writes with; none for a plain folder.
pub struct Keys {
    dir: PathBuf,
    passphrase: Option<SecretString>,
    own: Option<x25519::Identity>,
    /// Other devices' keys, opened when first needed (None: not in the
    /// folder yet).
    others: RefCell<HashMap<String, Option<x25519::Identity>>>,
}

/// A device's key file in the folder.
pub fn key_file_name(device: &str) -> String {
    format!("limber-key-{device}.age")
}

fn first_line(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(file).read_line(&mut line).ok()?;
    line.ends_with('\n').then(|| line.trim_end().to_string())
}

impl Keys {
    /// Checks that the folder is as the passphrase says (encrypted with
    /// it, or plain without one) and opens this device's key, making it
    /// when it has none yet.
    pub fn open(dir: &Path, me: &str, passphrase: Option<&str>, names: &[String]) -> Result<Keys> {
        for name in names {
            let Some(head) = first_line(&dir.join(name)) else {
                continue;
            };
            let Ok(header) = serde_json::from_str::<Header>(&head) else {
                continue;
            };
            if header.encrypted && passphrase.is_none() {
                return Err(SyncError::Refused(format!(
                    "the sync folder is encrypted ({name}); set sync_passphrase in config.toml or LIMBER_SYNC_PASSPHRASE — nothing was applied"
                )));
            }
            if !header.encrypted && passphrase.is_some() {
                return Err(SyncError::Refused(format!(
                    "a sync passphrase is set but {name} in the sync folder is not encrypted; use a new folder for an encrypted sync, or unset the passphrase — nothing was applied"
                )));
            }
        }
        let Some(passphrase) = passphrase else {
            return Ok(Keys {
                dir: dir.to_path_buf(),
                passphrase: None,
                own: None,
                others: RefCell::new(HashMap::new()),
            });
        };
        let passphrase = SecretString::from(passphrase.to_string());
        let mut others = HashMap::new();
        let own_path = dir.join(key_file_name(me));
        let own_file = dir.join(super::own_file_name(me));
        let own = if own_path.exists() {
            open_key(&own_path, &passphrase)?
        } else if lines_after_header(&own_file) {
            // A new key would leave the lines already written locked for
            // good: a device that joins later could never read them.
            return Err(SyncError::Refused(format!(
                "{} is gone from the sync folder, but {} holds changes locked with it; put the key file back (a sync tool often keeps old versions), or sync into a new, empty folder — nothing was applied or written",
                key_file_name(me),
                super::own_file_name(me)
            )));
        } else {
            // Before making a key, the passphrase must open the others'.
            for entry in std::fs::read_dir(dir).map_err(io(dir))? {
                let entry = entry.map_err(io(dir))?;
                if let Some(name) = entry.file_name().to_str()
                    && let Some(device) = name
                        .strip_prefix("limber-key-")
                        .and_then(|n| n.strip_suffix(".age"))
                {
                    let key = open_key(&entry.path(), &passphrase)?;
                    others.insert(device.to_string(), Some(key));
                    break;
                }
            }
            let identity = x25519::Identity::generate();
            let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
            if let Some(log_n) = test_work_factor() {
                recipient.set_work_factor(log_n);
            }
            let sealed = age::encrypt(&recipient, identity.to_string().expose_secret().as_bytes())
                .map_err(|e| SyncError::Refused(format!("cannot encrypt a key: {e}")))?;
            limber_domain::files::write_atomically(&own_path, &sealed)
                .map_err(|e| SyncError::Refused(format!("{}: {e}", own_path.display())))?;
            identity
        };
        Ok(Keys {
            dir: dir.to_path_buf(),
            passphrase: Some(passphrase),
            own: Some(own),
            others: RefCell::new(others),
        })
    }

    pub fn encrypted(&self) -> bool {
        self.passphrase.is_some()
    }

    /// The change lines in an encrypted line of `device`'s file; None when
    /// that device's key is not in the folder yet (the line waits).
    pub fn open_line(&self, device: &str, line: &str, name: &str) -> Result<Option<String>> {
        let sealed: Sealed = serde_json::from_str(line).map_err(|_| {
            SyncError::Refused(format!(
                "{name} has a line that is not an encrypted change; nothing was applied"
            ))
        })?;
        let mut others = self.others.borrow_mut();
        if !others.contains_key(device) {
            let path = self.dir.join(key_file_name(device));
            let key = match (&self.passphrase, path.exists()) {
                (Some(p), true) => Some(open_key(&path, p)?),
                _ => None,
            };
            others.insert(device.to_string(), key);
        }
        let Some(identity) = others.get(device).and_then(Option::as_ref) else {
            return Ok(None);
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed.age.as_bytes())
            .map_err(|_| {
                SyncError::Refused(format!(
                    "{name} has a damaged encrypted line; nothing was applied"
                ))
            })?;
        let plain = age::decrypt(identity, &bytes).map_err(|e| {
            SyncError::Refused(format!(
                "{name} has a line its device's key does not open ({e}); nothing was applied"
            ))
        })?;
        String::from_utf8(plain).map(Some).map_err(|_| {
            SyncError::Refused(format!(
                "{name} has an encrypted line that is not text; nothing was applied"
            ))
        })
    }

    /// One line holding `text` encrypted to this device's key.
    pub fn seal(&self, text: &str) -> Result<String> {
        let own = self
            .own
            .as_ref()
            .expect("sealing is only asked of an encrypted folder's keys");
        let bytes = age::encrypt(&own.to_public(), text.as_bytes())
            .map_err(|e| SyncError::Refused(format!("cannot encrypt: {e}")))?;
        let sealed = Sealed {
            v: VERSION,
            age: base64::engine::general_purpose::STANDARD.encode(bytes),
        };
        Ok(serde_json::to_string(&sealed).expect("a sealed line is plain strings"))
    }
}

/// A lower scrypt work factor for tests (LIMBER_TEST_SCRYPT_LOG_N, 1 to
/// 63): age tunes it to about a second per key file, which made an
/// encrypted-sync test take 15 s. Only a debug build reads it; a release
/// build always keeps age's own, so no setting can weaken a real key file.
/// Opening takes whatever factor the file names, so nothing else changes.
fn test_work_factor() -> Option<u8> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let log_n: u8 = std::env::var("LIMBER_TEST_SCRYPT_LOG_N")
        .ok()?
        .parse()
        .ok()?;
    (1..64).contains(&log_n).then_some(log_n)
}

/// A device's key, opened with the passphrase.
fn open_key(path: &Path, passphrase: &SecretString) -> Result<x25519::Identity> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let bytes = std::fs::read(path).map_err(io(path))?;
    let identity = age::scrypt::Identity::new(passphrase.clone());
    let plain = age::decrypt(&identity, &bytes).map_err(|_| {
        SyncError::Refused(format!(
            "the sync passphrase does not open {name} (a wrong passphrase?); nothing was applied or written"
        ))
    })?;
    let text = String::from_utf8(plain).map_err(|_| {
        SyncError::Refused(format!("{name} does not hold a key; nothing was applied"))
    })?;
    x25519::Identity::from_str(text.trim())
        .map_err(|_| SyncError::Refused(format!("{name} does not hold a key; nothing was applied")))
}

/// Whether the file at `path` holds anything after its first line.
fn lines_after_header(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| {
        bytes
            .iter()
            .position(|b| *b == b'\n')
            .is_some_and(|i| bytes[i + 1..].iter().any(|b| !b.is_ascii_whitespace()))
    })
}
