//! Every entry of the diary in one list (check-ins, sessions, flare days),
//! found by date, by kind or by the start of its UUID, and the corrections
//! made to them: a delete leaves a tombstone, and each change is logged so
//! `limber undo` can put back what it replaced.

use rusqlite::{OptionalExtension, Row, ToSql, Transaction, params};
use time::{Date, OffsetDateTime};

use super::{Result, Store, conversion, date_at, date_text, parse_utc, utc_text};
use limber_domain::model::{
    CheckInContext, CheckInKind, Correction, Entry, EntryKind, EntryValues, FitnessTest, Scales,
    SessionStatus,
};

mod undo;
pub use undo::Undone;

/// The three kinds as one table with the same columns; tombstones left out.
const ENTRIES: &str = "SELECT * FROM (
    SELECT 'checkin' AS kind, uuid, recorded_at AS at, local_date, context, pain, anxiety,
           mood, fear, NULL AS routine, NULL AS seconds, NULL AS status, note
      FROM checkins WHERE deleted_at IS NULL
    UNION ALL
    SELECT 'session', uuid, started_at, local_date, NULL, NULL, NULL, NULL, NULL,
           activity, active_seconds, status, note
      FROM sessions WHERE deleted_at IS NULL
    UNION ALL
    SELECT 'flare', uuid, marked_at, local_date, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, note
      FROM flare_days WHERE deleted_at IS NULL)";

/// `ENTRIES` with the fitness results and WHO-5s added, and the columns
/// only they have (`test`, `value`, `practice`, `answers`), read by name.
fn all_entries() -> String {
    format!(
        "SELECT * FROM (
            SELECT kind, uuid, at, local_date, context, pain, anxiety, mood, fear, routine,
                   seconds, status, note, NULL AS test, NULL AS value, NULL AS practice,
                   NULL AS answers
              FROM ({ENTRIES})
            UNION ALL {})",
        super::fitness::ENTRY_ROWS
    )
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind: String = r.get(0)?;
    let kind = EntryKind::parse(&kind)
        .ok_or_else(|| conversion(0, format!("unknown entry kind {kind}")))?;
    let values = match kind {
        EntryKind::CheckIn => {
            let context: String = r.get(4)?;
            EntryValues::CheckIn {
                context: CheckInKind::parse(&context)
                    .ok_or_else(|| conversion(4, format!("unknown check-in context {context}")))?,
                scales: Scales {
                    pain: r.get(5)?,
                    anxiety: r.get(6)?,
                    mood: r.get(7)?,
                    fear: r.get(8)?,
                },
            }
        }
        EntryKind::Session => {
            let status: String = r.get(11)?;
            EntryValues::Session {
                routine: r.get(9)?,
                minutes: limber_domain::model::minutes(r.get(10)?),
                status: SessionStatus::parse(&status)
                    .ok_or_else(|| conversion(11, format!("unknown session status {status}")))?,
            }
        }
        EntryKind::Flare => EntryValues::Flare,
        EntryKind::Fitness => {
            let test: String = r.get("test")?;
            EntryValues::Fitness {
                test: FitnessTest::parse(&test)
                    .ok_or_else(|| conversion(13, format!("unknown fitness test {test}")))?,
                value: r.get("value")?,
                practice: r.get("practice")?,
            }
        }
        EntryKind::Wellbeing => EntryValues::Wellbeing {
            answers: super::fitness::answers_at(r, "answers")?
                .ok_or_else(|| conversion(16, "a WHO-5 without answers".to_string()))?,
        },
    };
    Ok(Entry {
        uuid: r.get(1)?,
        at: parse_utc(&r.get::<_, String>(2)?).map_err(|e| conversion(2, e))?,
        local_date: date_at(r, 3)?,
        note: r.get(12)?,
        values,
    })
}

/// A row as JSON, to keep in the undo log: the columns a correction can
/// change, and its tombstone.
fn row_json(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => {
            "SELECT json_object('recorded_at', recorded_at, 'local_date', local_date,
                'session_id', session_id, 'pain', pain, 'anxiety', anxiety, 'mood', mood,
                'fear', fear, 'note', note, 'updated_at', updated_at, 'deleted_at', deleted_at)
             FROM checkins WHERE uuid = ?1"
        }
        EntryKind::Session => {
            "SELECT json_object('started_at', started_at, 'ended_at', ended_at,
                'local_date', local_date, 'planned_seconds', planned_seconds,
                'active_seconds', active_seconds, 'note', note, 'updated_at', updated_at,
                'deleted_at', deleted_at)
             FROM sessions WHERE uuid = ?1"
        }
        EntryKind::Flare => {
            "SELECT json_object('note', note, 'marked_at', marked_at,
                'updated_at', updated_at, 'deleted_at', deleted_at)
             FROM flare_days WHERE uuid = ?1"
        }
        EntryKind::Fitness | EntryKind::Wellbeing => super::fitness::row_json(kind),
    }
}

fn table(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => "checkins",
        EntryKind::Session => "sessions",
        EntryKind::Flare => "flare_days",
        EntryKind::Fitness => "fitness_results",
        EntryKind::Wellbeing => "who5_results",
    }
}

/// A session's row as `row_json` kept it (?1) with its exercises' ratings
/// added under "ratings", by exercise UUID: what a change of ratings keeps.
const RATINGS_KEPT: &str = "SELECT json_set(?1, '$.ratings', json((
    SELECT json_group_object(e.uuid, e.comfort)
      FROM session_exercises e JOIN sessions s ON s.id = e.session_id WHERE s.uuid = ?2)))";

/// A check-in's row as `row_json` kept it (?1) with what went with it
/// added (tags, regions, treatments, as their rows hold them): what an edit
/// or a delete keeps, so `undo` puts the context back too.
const CONTEXT_KEPT: &str = "SELECT json_set(?1,
    '$.tags', json((SELECT json_group_array(json_array(x.tag, x.tag_key) ORDER BY x.rowid)
        FROM checkin_tags x JOIN checkins c ON c.id = x.checkin_id WHERE c.uuid = ?2)),
    '$.regions', json((SELECT json_group_array(x.region ORDER BY x.rowid)
        FROM checkin_regions x JOIN checkins c ON c.id = x.checkin_id WHERE c.uuid = ?2)),
    '$.took', json((SELECT json_group_array(json_array(x.name, x.name_key, x.amount) ORDER BY x.rowid)
        FROM checkin_treatments x JOIN checkins c ON c.id = x.checkin_id WHERE c.uuid = ?2)),
    '$.answered', json((SELECT json_group_array(x.row ORDER BY x.rowid)
        FROM checkin_answered x JOIN checkins c ON c.id = x.checkin_id WHERE c.uuid = ?2)))";

/// Leaves a tombstone: deleted, with what the schema lets go cleared.
fn tombstone(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => {
            "UPDATE checkins SET deleted_at = ?2, updated_at = ?2, note = NULL, fear = NULL,
                session_id = NULL
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        EntryKind::Session => {
            "UPDATE sessions SET deleted_at = ?2, updated_at = ?2, note = NULL
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        EntryKind::Flare => {
            "UPDATE flare_days SET deleted_at = ?2, updated_at = ?2, note = NULL
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        EntryKind::Fitness | EntryKind::Wellbeing => super::fitness::tombstone(kind),
    }
}

/// The state key of the day old deletes were last forgotten.
const FORGOTTEN_ON: &str = "deletes_forgotten_on";

/// How long a deleted entry's values are kept for `undo` (see
/// `Store::forget_old_deletes`).
pub const KEEP_DELETED_DAYS: i64 = 30;

/// The row as `row_json` keeps it, if there is one.
fn previous(tx: &Transaction<'_>, kind: EntryKind, uuid: &str) -> Result<Option<String>> {
    let row: Option<String> = tx
        .query_row(row_json(kind), [uuid], |r| r.get(0))
        .optional()?;
    if kind != EntryKind::CheckIn {
        return Ok(row);
    }
    Ok(row
        .map(|row| tx.query_row(CONTEXT_KEPT, params![row, uuid], |r| r.get(0)))
        .transpose()?)
}

/// Logs a change for `undo`, with the row it replaced (none for an add).
/// `change` groups the rows of one command; the time only orders the log
/// for a reader, so SQLite's clock is good enough.
fn log(
    tx: &Transaction<'_>,
    change: i64,
    action: &str,
    (kind, uuid): (EntryKind, &str),
    previous: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO undo_log (change, action, kind, uuid, previous, at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![change, action, kind.as_str(), uuid, previous],
    )?;
    Ok(())
}

/// The number the next change is logged under.
fn next_change(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT coalesce(max(change), 0) + 1 FROM undo_log",
        [],
        |r| r.get(0),
    )?)
}

/// Logs a new entry, so `undo` can take it back.
pub(super) fn log_added(tx: &Transaction<'_>, kind: EntryKind, uuid: &str) -> Result<()> {
    log(tx, next_change(tx)?, "add", (kind, uuid), None)
}

/// Changes what a correction gives; ?2 is the time of the change.
fn correct_sql(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => {
            "UPDATE checkins SET pain = coalesce(?3, pain), anxiety = coalesce(?4, anxiety),
                mood = coalesce(?5, mood), fear = CASE WHEN ?6 THEN ?7 ELSE fear END,
                note = CASE WHEN ?8 THEN ?9 ELSE note END,
                recorded_at = coalesce(?10, recorded_at), local_date = coalesce(?11, local_date),
                updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        // The end moves with the start, and with a new length; SET reads
        // the row as it was.
        EntryKind::Session => {
            "UPDATE sessions SET note = CASE WHEN ?8 THEN ?9 ELSE note END,
                started_at = coalesce(?10, started_at), local_date = coalesce(?11, local_date),
                ended_at = CASE WHEN ended_at IS NULL THEN NULL ELSE strftime(
                    '%Y-%m-%dT%H:%M:%SZ', coalesce(?10, started_at),
                    '+' || coalesce(?12, unixepoch(ended_at) - unixepoch(started_at)) || ' seconds')
                    END,
                active_seconds = coalesce(?12, active_seconds),
                planned_seconds = CASE WHEN kind = 'logged' THEN coalesce(?12, planned_seconds)
                                  ELSE planned_seconds END,
                updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        EntryKind::Flare => {
            "UPDATE flare_days SET note = CASE WHEN ?8 THEN ?9 ELSE note END, updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL"
        }
        EntryKind::Fitness | EntryKind::Wellbeing => super::fitness::correct_sql(kind),
    }
}

impl Store {
    /// Entries dated `[from, to]`, of one kind or all, newest first.
    pub fn entries(&self, from: Date, to: Date, kind: Option<EntryKind>) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{} WHERE local_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR kind = ?3)
             ORDER BY local_date DESC, at DESC, uuid DESC",
            all_entries()
        ))?;
        let kind = kind.map(EntryKind::as_str);
        let rows = stmt.query_map(params![date_text(from), date_text(to), kind], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The entries whose UUID starts with `prefix` (lower-case hex and dashes).
    pub fn entries_by_prefix(&self, prefix: &str) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{} WHERE substr(uuid, 1, length(?1)) = ?1 ORDER BY local_date DESC, at DESC, uuid DESC",
            all_entries()
        ))?;
        let rows = stmt.query_map([prefix], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The UUID of every entry, for working out short ids.
    pub fn entry_uuids(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT uuid FROM ({})", all_entries()))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes entries (a tombstone each) in one transaction, each logged
    /// for `undo`. Returns how many there were.
    pub fn delete_entries(
        &mut self,
        entries: &[(EntryKind, &str)],
        now: OffsetDateTime,
    ) -> Result<usize> {
        for &(kind, uuid) in entries {
            self.not_running_elsewhere(kind, uuid)?;
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let change = next_change(&tx)?;
        let mut deleted = 0;
        for &(kind, uuid) in entries {
            let previous = previous(&tx, kind, uuid)?;
            if tx.execute(tombstone(kind), params![uuid, utc_text(now)])? > 0 {
                log(&tx, change, "delete", (kind, uuid), previous.as_deref())?;
                deleted += 1;
            }
        }
        tx.commit()?;
        self.forget_old_deletes(now)?;
        Ok(deleted)
    }

    /// Forgets what was deleted more than `KEEP_DELETED_DAYS` ago: the
    /// values a tombstone still held for `undo` (a check-in's scales, tags,
    /// places and what was taken; a session's exercises and ratings; a
    /// fitness try's value) and every step of `undo` that names it. The
    /// tombstone itself stays (kind, UUID, day, when), so a sync or an
    /// import can never bring the entry back.
    pub fn forget_old_deletes(&mut self, now: OffsetDateTime) -> Result<()> {
        // Once a day is enough: what a day older makes due waits a day.
        let today = crate::date_text(now.date());
        if self.state(FORGOTTEN_ON)?.as_deref() == Some(today.as_str()) {
            return Ok(());
        }
        let cutoff = utc_text(now - time::Duration::days(KEEP_DELETED_DAYS));
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM undo_log WHERE uuid IN (
                SELECT uuid FROM checkins WHERE deleted_at < ?1
                UNION ALL SELECT uuid FROM sessions WHERE deleted_at < ?1
                UNION ALL SELECT uuid FROM flare_days WHERE deleted_at < ?1)",
            [&cutoff],
        )?;
        tx.execute(
            "UPDATE checkins SET pain = 0, anxiety = 0, mood = 0, note = NULL, fear = NULL
             WHERE deleted_at < ?1
               AND (pain != 0 OR anxiety != 0 OR mood != 0 OR note IS NOT NULL
                    OR fear IS NOT NULL)",
            [&cutoff],
        )?;
        for table in [
            "checkin_tags",
            "checkin_regions",
            "checkin_treatments",
            "checkin_answered",
        ] {
            tx.execute(
                &format!(
                    "DELETE FROM {table} WHERE checkin_id IN
                       (SELECT id FROM checkins WHERE deleted_at < ?1)"
                ),
                [&cutoff],
            )?;
        }
        tx.execute(
            "DELETE FROM session_exercises WHERE session_id IN
               (SELECT id FROM sessions WHERE deleted_at < ?1)",
            [&cutoff],
        )?;
        tx.execute(
            "UPDATE sessions SET note = NULL WHERE deleted_at < ?1 AND note IS NOT NULL",
            [&cutoff],
        )?;
        tx.execute(
            "UPDATE flare_days SET note = NULL WHERE deleted_at < ?1 AND note IS NOT NULL",
            [&cutoff],
        )?;
        tx.execute(
            "UPDATE fitness_results SET value = 0 WHERE deleted_at < ?1 AND value != 0",
            [&cutoff],
        )?;
        tx.execute(
            "INSERT INTO app_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![FORGOTTEN_ON, today],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Corrects one entry, logged for `undo`. Returns whether it was there.
    pub fn correct(
        &mut self,
        kind: EntryKind,
        uuid: &str,
        change: &Correction,
        now: OffsetDateTime,
    ) -> Result<bool> {
        self.correct_rated(kind, uuid, change, &[], now)
    }

    /// Corrects one entry and, for a session, the ratings of its exercises
    /// (by position; `None` takes a rating away), as one change for `undo`,
    /// which puts the ratings back too. Returns whether it was there.
    pub fn correct_rated(
        &mut self,
        kind: EntryKind,
        uuid: &str,
        change: &Correction,
        ratings: &[(u32, Option<u8>)],
        now: OffsetDateTime,
    ) -> Result<bool> {
        self.correct_all(kind, uuid, change, ratings, None, now)
    }

    /// Corrects a check-in and, when `context` is given, replaces what
    /// went with it, as one change for `undo`, which puts both back.
    /// Returns whether it was there.
    pub fn correct_checkin(
        &mut self,
        uuid: &str,
        change: &Correction,
        context: Option<&CheckInContext>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        self.correct_all(EntryKind::CheckIn, uuid, change, &[], context, now)
    }

    fn correct_all(
        &mut self,
        kind: EntryKind,
        uuid: &str,
        change: &Correction,
        ratings: &[(u32, Option<u8>)],
        context: Option<&CheckInContext>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        self.not_running_elsewhere(kind, uuid)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut previous = previous(&tx, kind, uuid)?;
        if kind == EntryKind::Session && !ratings.is_empty() {
            previous = previous
                .map(|row| tx.query_row(RATINGS_KEPT, params![row, uuid], |r| r.get(0)))
                .transpose()?;
        }
        let (at, day) = change.at.unzip();
        let at = at.map(utc_text);
        let day = day.map(date_text);
        let note = change.note.clone().flatten();
        let [a1, a2, a3, a4, a5] = change.answers.map_or([None; 5], |a| a.map(Some));
        let values: [&dyn ToSql; 18] = [
            &uuid,
            &utc_text(now),
            &change.pain,
            &change.anxiety,
            &change.mood,
            &change.fear.is_some(),
            &change.fear.flatten(),
            &change.note.is_some(),
            &note,
            &at,
            &day,
            &change.seconds,
            &change.value,
            &a1,
            &a2,
            &a3,
            &a4,
            &a5,
        ];
        let changed = {
            // Each kind's statement uses the values up to its own last one.
            let mut stmt = tx.prepare(correct_sql(kind))?;
            for (i, value) in values.iter().enumerate().take(stmt.parameter_count()) {
                stmt.raw_bind_parameter(i + 1, value)?;
            }
            stmt.raw_execute()? > 0
        };
        if changed && kind == EntryKind::Session {
            let mut rate = tx.prepare_cached(
                "UPDATE session_exercises SET comfort = ?3
                 WHERE session_id = (SELECT id FROM sessions WHERE uuid = ?1) AND position = ?2",
            )?;
            for (position, comfort) in ratings {
                rate.execute(params![uuid, position, comfort])?;
            }
        }
        if changed
            && kind == EntryKind::CheckIn
            && let Some(context) = context
        {
            let id: i64 = tx.query_row("SELECT id FROM checkins WHERE uuid = ?1", [uuid], |r| {
                r.get(0)
            })?;
            super::context::write(&tx, id, context)?;
        }
        if changed {
            log(
                &tx,
                next_change(&tx)?,
                "edit",
                (kind, uuid),
                previous.as_deref(),
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// A session another window is running is that window's to change: an
    /// edit or a delete from here would be overwritten as it goes on.
    fn not_running_elsewhere(&self, kind: EntryKind, uuid: &str) -> Result<()> {
        if kind != EntryKind::Session {
            return Ok(());
        }
        let running: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM sessions WHERE uuid = ?1 AND status = 'in_progress'",
                [uuid],
                |r| r.get(0),
            )
            .optional()?;
        match running {
            Some(id) if super::hold::SessionHold::held_elsewhere(self.folder(), id) => {
                Err(super::StoreError::NotHeld)
            }
            _ => Ok(()),
        }
    }

    /// The check-ins (before / after) of a session, by the session's UUID.
    pub fn session_checkin_uuids(&self, session_uuid: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.uuid FROM checkins c JOIN sessions s ON s.id = c.session_id
             WHERE s.uuid = ?1 AND c.deleted_at IS NULL ORDER BY c.recorded_at",
        )?;
        let rows = stmt.query_map([session_uuid], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests;
