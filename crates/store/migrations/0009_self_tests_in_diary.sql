-- Fitness results and WHO-5s are diary entries: edited, deleted and taken
-- back with `limber undo` like check-ins, so the undo log names their kinds
-- too. SQLite cannot change a CHECK, so the log is copied into a new table.
CREATE TABLE undo_log_new (
    id        INTEGER PRIMARY KEY,
    change    INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('add', 'edit', 'delete')),
    kind      TEXT NOT NULL CHECK (kind IN ('checkin', 'session', 'flare', 'fitness',
                  'wellbeing')),
    uuid      TEXT NOT NULL,
    previous  TEXT,
    at        TEXT NOT NULL
);
INSERT INTO undo_log_new SELECT id, change, action, kind, uuid, previous, at FROM undo_log;
DROP TABLE undo_log;
ALTER TABLE undo_log_new RENAME TO undo_log;

-- An enrolment travels in an export by its UUID; when it last changed
-- (started or stopped) decides which copy an import keeps. Existing rows
-- changed last when they were stopped, or else when they were started.
ALTER TABLE programme_enrolments ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE programme_enrolments SET updated_at = coalesce(stopped_at, enrolled_at);
