-- The before / after check-in of a session is looked up by (session,
-- context), newest first, for every session History lists. Indexing all
-- three makes each lookup one seek instead of a search and a sort.
DROP INDEX checkins_by_session;
CREATE INDEX checkins_by_session ON checkins (session_id, context, recorded_at)
    WHERE session_id IS NOT NULL;
