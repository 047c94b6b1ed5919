//! `limber safety`: the signs that need help now, in their two tiers, as
//! the app shows them on its key.

use std::io::Write;

use anyhow::Result;

use super::args::SafetyFormat;
use crate::safety::{NOT_A_DOCTOR, STOP, Tier, Warning};

pub(super) fn show(format: SafetyFormat, out: &mut impl Write) -> Result<()> {
    match format {
        SafetyFormat::Text => {
            writeln!(out, "{NOT_A_DOCTOR}")?;
            for (i, tier) in Tier::ALL.into_iter().enumerate() {
                let one = Warning {
                    tiers: vec![tier],
                    ..Warning::asked()
                };
                if i > 0 {
                    writeln!(out)?;
                }
                for line in one.lines() {
                    writeln!(out, "{line}")?;
                }
            }
            writeln!(out)?;
            writeln!(out, "{STOP}")?;
        }
        SafetyFormat::Json => {
            let tiers: Vec<serde_json::Value> = Tier::ALL
                .into_iter()
                .map(|tier| {
                    serde_json::json!({
                        "tier": tier.as_str(),
                        "heading": tier.heading(),
                        "signs": tier.signs(),
                    })
                })
                .collect();
            let doc = serde_json::json!({ "tiers": tiers, "stop": STOP, "note": NOT_A_DOCTOR });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
    }
    Ok(())
}
