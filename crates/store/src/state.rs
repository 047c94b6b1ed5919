//! Small facts about this store that are not history (`app_state`).

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};

/// The key under which the time the safety notice was read is kept.
pub const SAFETY_NOTICE_READ: &str = "safety_notice_read";

impl Store {
    pub fn state(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM app_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_state(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO app_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn clear_state(&mut self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM app_state WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Sets (`Some`) or clears (`None`) several facts in one write.
    pub fn set_states(&mut self, facts: &[(&str, Option<&str>)]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (key, value) in facts {
            match value {
                Some(value) => tx.execute(
                    "INSERT INTO app_state (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )?,
                None => tx.execute("DELETE FROM app_state WHERE key = ?1", [key])?,
            };
        }
        tx.commit()?;
        Ok(())
    }
}
