//! The sync file's lines. A file starts with a header line naming the
//! format, its version, the device that writes it and a random id of the
//! file (a file replaced by another gets another id); then one change per
//! line, each with its own format version `v`. A change is a record's
//! whole new state (`row`, as `limber export` writes it) or a tombstone
//! (`deleted`), with its kind, `uuid` (for a feared exercise its name, for
//! a routine its slug), `updated_at` and device. A line of kind `synced`
//! marks a sync run of the file's device. In an encrypted folder each line
//! after the header is `{"v":1,"age":"…"}`: one sync run's changes,
//! encrypted, in base64.

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "limber-sync";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub device: String,
    pub file: String,
    #[serde(default)]
    pub encrypted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub v: u32,
    pub kind: String,
    pub uuid: String,
    pub updated_at: String,
    pub device: String,
    /// The change's version (see migration 0011); absent in lines from
    /// before limber kept it, whose version is worked out from
    /// `updated_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// A tombstone's day (the day the entry was dated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<serde_json::Value>,
}

/// Only the version, read first so a line from a newer limber is refused
/// before its fields are looked at.
#[derive(Deserialize)]
struct Version {
    #[serde(alias = "version")]
    v: Option<u32>,
}

/// The format version a line says, if it says one.
pub fn version_of(line: &str) -> Option<u32> {
    serde_json::from_str::<Version>(line).ok().and_then(|v| v.v)
}

impl Header {
    pub fn new(device: &str, encrypted: bool) -> Header {
        Header {
            format: FORMAT.to_string(),
            version: VERSION,
            device: device.to_string(),
            file: uuid::Uuid::new_v4().simple().to_string(),
            encrypted,
        }
    }

    pub fn line(&self) -> String {
        serde_json::to_string(self).expect("a header is plain strings")
    }
}
