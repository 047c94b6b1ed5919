//! What goes with a check-in, kept beside it: its tags, the regions where
//! it hurt and what was taken or done for it. Every read joins the check-in
//! and leaves out a deleted one (a tombstone), so a delete takes its
//! context out of every count and `limber undo` brings it back.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Transaction, params};
use time::Date;

use super::{Result, Store, StoreError, conversion, date_at};
use limber_domain::model::{
    Answered, CheckIn, CheckInContext, DayContext, KnownTag, NewCheckIn, Region, Treatment,
    word_key,
};

/// The region in column `i`; a name limber does not know is a damaged row.
fn region_at(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Region> {
    let text: String = row.get(i)?;
    Region::parse(&text).map_err(|e| conversion(i, e.to_string()))
}

/// A treatment's name and amount ('' for none) in columns `i` and `i + 1`.
fn treatment_at(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Treatment> {
    let amount: String = row.get(i + 1)?;
    Ok(Treatment {
        name: row.get(i)?,
        amount: (!amount.is_empty()).then_some(amount),
    })
}

/// Replaces the context of the check-in with row id `id`.
pub(super) fn write(tx: &Transaction<'_>, id: i64, context: &CheckInContext) -> Result<()> {
    for table in [
        "checkin_tags",
        "checkin_regions",
        "checkin_treatments",
        "checkin_answered",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE checkin_id = ?1"), [id])?;
    }
    // DO NOTHING: two spellings of one tag keep the first, as
    // `CheckInContext::new` does.
    let mut tag = tx.prepare_cached(
        "INSERT INTO checkin_tags (checkin_id, tag, tag_key) VALUES (?1, ?2, ?3)
         ON CONFLICT (checkin_id, tag_key) DO NOTHING",
    )?;
    for t in &context.tags {
        tag.execute(params![id, t, word_key(t)])?;
    }
    let mut region = tx.prepare_cached(
        "INSERT INTO checkin_regions (checkin_id, region) VALUES (?1, ?2)
         ON CONFLICT (checkin_id, region) DO NOTHING",
    )?;
    for r in &context.regions {
        region.execute(params![id, r.as_str()])?;
    }
    let mut took = tx.prepare_cached(
        "INSERT INTO checkin_treatments (checkin_id, name, name_key, amount)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (checkin_id, name_key, amount) DO NOTHING",
    )?;
    for t in &context.took {
        took.execute(params![
            id,
            t.name,
            t.key(),
            t.amount.as_deref().unwrap_or("")
        ])?;
    }
    // Only the rows said to be answered: one with something marked is
    // answered anyway, and a file from before limber kept this says none.
    let mut answered = tx.prepare_cached(
        "INSERT INTO checkin_answered (checkin_id, row) VALUES (?1, ?2)
         ON CONFLICT (checkin_id, row) DO NOTHING",
    )?;
    for row in context.answered.names() {
        answered.execute(params![id, row])?;
    }
    Ok(())
}

/// The row id of the check-in with this UUID, unless there is none or it
/// was deleted.
fn live_checkin_id(conn: &rusqlite::Connection, uuid: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM checkins WHERE uuid = ?1 AND deleted_at IS NULL",
        [uuid],
        |r| r.get(0),
    )
    .optional()
}

impl Store {
    /// Sets what went with a check-in (by its UUID), replacing what it had;
    /// setting the same again changes nothing. Returns whether the
    /// check-in is there (a deleted one is not).
    pub fn set_checkin_context(&mut self, uuid: &str, context: &CheckInContext) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let id = live_checkin_id(&tx, uuid)?;
        let Some(id) = id else {
            return Ok(false);
        };
        write(&tx, id, context)?;
        tx.commit()?;
        Ok(true)
    }

    /// Writes a check-in under a UUID made beforehand and what went with
    /// it, in one transaction: a crash leaves both or neither. Safe to
    /// repeat, so a write that failed can be tried again whole.
    pub fn add_checkin_with_context(
        &mut self,
        uuid: &str,
        new: &NewCheckIn,
        context: &CheckInContext,
    ) -> Result<CheckIn> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let stored = super::checkins::insert_checkin(&tx, uuid, new)?;
        let id = live_checkin_id(&tx, uuid)?;
        let Some(id) = id else {
            return Err(StoreError::Invalid(format!(
                "the check-in {uuid} was deleted; nothing was added to it"
            )));
        };
        write(&tx, id, context)?;
        tx.commit()?;
        Ok(stored)
    }

    /// What went with a check-in, by its UUID; `None` when there is no such
    /// check-in, or it was deleted.
    pub fn checkin_context(&self, uuid: &str) -> Result<Option<CheckInContext>> {
        let found = live_checkin_id(&self.conn, uuid)?;
        let Some(id) = found else {
            return Ok(None);
        };
        let mut context = CheckInContext::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tag FROM checkin_tags WHERE checkin_id = ?1 ORDER BY rowid")?;
        context.tags = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT region FROM checkin_regions WHERE checkin_id = ?1 ORDER BY rowid",
        )?;
        context.regions = stmt
            .query_map([id], |r| region_at(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
        context.regions.sort();
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, amount FROM checkin_treatments WHERE checkin_id = ?1 ORDER BY rowid",
        )?;
        context.took = stmt
            .query_map([id], |r| treatment_at(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT row FROM checkin_answered WHERE checkin_id = ?1")?;
        let rows: Vec<String> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        context.answered = Answered::parse(&rows).map_err(StoreError::Damaged)?;
        Ok(Some(context))
    }

    /// The context of every check-in dated `[from, to]` that has one, by
    /// the check-in's UUID, oldest check-in first: for History and export.
    pub fn checkin_contexts_between(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<(String, CheckInContext)>> {
        const CHECKIN: &str = "JOIN checkins c ON c.id = x.checkin_id
             WHERE c.local_date BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL
             ORDER BY c.recorded_at, c.version, c.device, c.uuid, x.rowid";
        // Each row: the check-in's time, id and UUID (the order), and a value.
        type Key = (String, i64, String);
        let rows = |columns: &str, table: &str| {
            format!("SELECT c.recorded_at, c.id, c.uuid, {columns} FROM {table} x {CHECKIN}")
        };
        let key = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Key> {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        };
        let mut found: BTreeMap<(String, i64), (String, CheckInContext)> = BTreeMap::new();
        // The context gathered so far for the check-in a row names.
        fn of(
            found: &mut BTreeMap<(String, i64), (String, CheckInContext)>,
            (at, id, uuid): Key,
        ) -> &mut CheckInContext {
            &mut found
                .entry((at, id))
                .or_insert_with(|| (uuid, CheckInContext::default()))
                .1
        }
        let tags = rows("x.tag", "checkin_tags");
        for (k, tag) in self.rows_between(&tags, from, to, |r| Ok((key(r)?, r.get(3)?)))? {
            of(&mut found, k).tags.push(tag);
        }
        let regions = rows("x.region", "checkin_regions");
        for (k, region) in
            self.rows_between(&regions, from, to, |r| Ok((key(r)?, region_at(r, 3)?)))?
        {
            of(&mut found, k).regions.push(region);
        }
        let took = rows("x.name, x.amount", "checkin_treatments");
        for (k, t) in self.rows_between(&took, from, to, |r| Ok((key(r)?, treatment_at(r, 3)?)))? {
            of(&mut found, k).took.push(t);
        }
        let answered = rows("x.row", "checkin_answered");
        for (k, row) in self.rows_between(&answered, from, to, |r| {
            Ok((key(r)?, r.get::<_, String>(3)?))
        })? {
            let rows = Answered::parse(&[row]).map_err(StoreError::Damaged)?;
            let with = of(&mut found, k);
            with.answered = with.answered.or(rows);
        }
        Ok(found
            .into_values()
            .map(|(uuid, mut context)| {
                context.regions.sort();
                (uuid, context)
            })
            .collect())
    }

    /// Every day in `[from, to]` with a check-in, oldest first: the means
    /// of its pain and anxiety, and each tag, treatment (by name) and
    /// region any of its check-ins carried, once, in the spelling of the
    /// day's latest check-in. A day whose check-ins carry nothing is there
    /// too: it is one of the "other days".
    pub fn day_contexts(&self, from: Date, to: Date) -> Result<Vec<DayContext>> {
        let mut days: BTreeMap<Date, DayContext> = self
            .rows_between(
                "SELECT local_date, count(*), avg(pain), avg(anxiety) FROM checkins
                 WHERE local_date BETWEEN ?1 AND ?2 AND deleted_at IS NULL
                 GROUP BY local_date",
                from,
                to,
                |r| {
                    Ok(DayContext {
                        date: date_at(r, 0)?,
                        checkins: r.get(1)?,
                        pain: r.get(2)?,
                        anxiety: r.get(3)?,
                        tags: Vec::new(),
                        took: Vec::new(),
                        regions: Vec::new(),
                        answered: Answered::default(),
                    })
                },
            )?
            .into_iter()
            .map(|d| (d.date, d))
            .collect();
        let words = |table: &str, column: &str| {
            self.rows_between(
                &format!(
                    "SELECT c.local_date, x.{column} FROM {table} x
                     JOIN checkins c ON c.id = x.checkin_id
                     WHERE c.local_date BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL
                     ORDER BY c.local_date, c.recorded_at DESC, c.version DESC, c.device DESC, c.uuid DESC, x.rowid"
                ),
                from,
                to,
                |r| Ok((date_at(r, 0)?, r.get::<_, String>(1)?)),
            )
        };
        for (date, tag) in words("checkin_tags", "tag")? {
            if let Some(day) = days.get_mut(&date)
                && !day.tags.iter().any(|t| word_key(t) == word_key(&tag))
            {
                day.tags.push(tag);
            }
        }
        for (date, name) in words("checkin_treatments", "name")? {
            if let Some(day) = days.get_mut(&date)
                && !day.took.iter().any(|t| word_key(t) == word_key(&name))
            {
                day.took.push(name);
            }
        }
        for (date, row) in words("checkin_answered", "row")? {
            let rows = Answered::parse(&[row]).map_err(StoreError::Damaged)?;
            if let Some(day) = days.get_mut(&date) {
                day.answered = day.answered.or(rows);
            }
        }
        for (date, region) in words("checkin_regions", "region")? {
            let region = Region::parse(&region).map_err(|e| StoreError::Damaged(e.to_string()))?;
            if let Some(day) = days.get_mut(&date)
                && !day.regions.contains(&region)
            {
                day.regions.push(region);
            }
        }
        Ok(days
            .into_values()
            .map(|mut day| {
                day.regions.sort();
                day
            })
            .collect())
    }

    /// The treatments used, the most recently used first, each name and
    /// amount once (in any capitals), at most `limit`: to offer again with
    /// one key.
    pub fn recent_treatments(&self, limit: usize) -> Result<Vec<Treatment>> {
        // A bare column beside max() is read from the row holding the
        // maximum (SQLite documents this): the latest spelling.
        // Those of one check-in come in the order they were written.
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.name, x.amount, x.rowid,
                    max(c.recorded_at || printf('%020d', c.id)) AS last
             FROM checkin_treatments x JOIN checkins c ON c.id = x.checkin_id
             WHERE c.deleted_at IS NULL
             GROUP BY x.name_key, lower(x.amount)
             ORDER BY last DESC, x.rowid LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map([limit], |r| treatment_at(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every tag used on a check-in that is not deleted, the most recently
    /// used first (those of one check-in in the order written), in its
    /// latest spelling, with how many check-ins carry it.
    pub fn known_tags(&self) -> Result<Vec<KnownTag>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.tag, count(*), c.local_date, x.rowid,
                    max(c.recorded_at || printf('%020d', c.id)) AS last
             FROM checkin_tags x JOIN checkins c ON c.id = x.checkin_id
             WHERE c.deleted_at IS NULL
             GROUP BY x.tag_key
             ORDER BY last DESC, x.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(KnownTag {
                name: r.get(0)?,
                checkins: r.get(1)?,
                last: date_at(r, 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
