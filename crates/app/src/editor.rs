//! Handing a file to the person's own editor.

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use crate::text::one_line;

/// Opens `path` in the user's editor: $VISUAL, else $EDITOR, else vi (the
/// variable may hold arguments too, as in "code -w").
pub fn run_editor(path: &Path) -> Result<()> {
    let chosen = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut words = chosen.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| anyhow!("cannot start the editor \"{}\": {e}", one_line(&chosen)))?;
    if !status.success() {
        bail!("the editor \"{}\" ended with {status}", one_line(&chosen));
    }
    Ok(())
}
