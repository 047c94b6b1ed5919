//! What a check-in form offers besides its scales: the tags (configured
//! first, then the person's own) and the treatments taken lately.

use crate::model::{DEFAULT_TAGS, Treatment};
use crate::store::{Result, Store};

/// How many treatments taken before are offered again.
pub const REMEMBERED: usize = 9;

/// The words a check-in offers: the tags (configured first, then the
/// person's own) and the treatments taken lately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub tags: Vec<String>,
    pub treatments: Vec<Treatment>,
}

impl Default for Words {
    fn default() -> Words {
        Words {
            tags: DEFAULT_TAGS.iter().map(|t| t.to_string()).collect(),
            treatments: Vec::new(),
        }
    }
}

/// Read from the store; `configured` is config.toml's `tags` (or
/// `DEFAULT_TAGS`).
pub fn words<T: AsRef<str>>(store: &Store, configured: &[T]) -> Result<Words> {
    Ok(Words {
        tags: crate::model::offered_tags(configured, &store.known_tags()?),
        treatments: store.recent_treatments(REMEMBERED)?,
    })
}
