//! The routines a session refers to, remembered by slug with the definition
//! as it was last seen, so a session keeps its meaning if the file changes.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, utc_text};
use limber_domain::routine::Routine;

impl Store {
    /// Records (or refreshes) a routine and returns its row id.
    pub fn remember_routine(
        &mut self,
        routine: &Routine,
        now: time::OffsetDateTime,
    ) -> Result<i64> {
        Ok(self.conn.query_row(
            "INSERT INTO routines (slug, name, source, definition, updated_at, uuid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (slug) DO UPDATE SET
                name = excluded.name, source = excluded.source,
                definition = excluded.definition, updated_at = excluded.updated_at
             RETURNING id",
            params![
                routine.slug,
                routine.name,
                routine.source.as_str(),
                routine.definition,
                utc_text(now),
                uuid::Uuid::new_v4().to_string()
            ],
            |r| r.get(0),
        )?)
    }

    /// The definition a routine had when last seen, by slug.
    pub fn routine_definition(&self, slug: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT definition FROM routines WHERE slug = ?1 AND definition != ''",
                [slug],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The row id of a routine already seen, by slug.
    pub fn routine_id(&self, slug: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM routines WHERE slug = ?1", [slug], |r| {
                r.get(0)
            })
            .optional()?)
    }
}
