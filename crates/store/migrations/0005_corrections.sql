-- Correcting the diary: every entry knows when it last changed, a deleted
-- entry stays as a tombstone (so an older export imported later cannot bring
-- it back), and what each change replaced is kept for `limber undo`.

-- ADD COLUMN needs a default for NOT NULL; '' never stays: existing rows get
-- their own time here, new rows theirs from the triggers below.
ALTER TABLE checkins ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE checkins ADD COLUMN deleted_at TEXT;
UPDATE checkins SET updated_at = recorded_at;

ALTER TABLE sessions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN deleted_at TEXT;
UPDATE sessions SET updated_at = coalesce(ended_at, started_at);

ALTER TABLE flare_days ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE flare_days ADD COLUMN deleted_at TEXT;
UPDATE flare_days SET updated_at = marked_at;

-- A row written without its own updated_at (every insert that predates
-- this migration's code) takes the time it is about.
CREATE TRIGGER checkins_updated_at AFTER INSERT ON checkins WHEN NEW.updated_at = ''
BEGIN UPDATE checkins SET updated_at = NEW.recorded_at WHERE id = NEW.id; END;
CREATE TRIGGER sessions_updated_at AFTER INSERT ON sessions WHEN NEW.updated_at = ''
BEGIN UPDATE sessions SET updated_at = NEW.started_at WHERE id = NEW.id; END;
CREATE TRIGGER flare_days_updated_at AFTER INSERT ON flare_days WHEN NEW.updated_at = ''
BEGIN UPDATE flare_days SET updated_at = NEW.marked_at WHERE local_date = NEW.local_date; END;

-- What a change replaced, newest last: `limber undo` puts back the newest.
-- An 'add' has no previous row (undoing it deletes the entry); an 'edit' or
-- a 'delete' keeps the row as it was, as a JSON object of its columns.
-- The rows of one command (a session deleted with its check-ins) share a
-- `change`, and are undone together.
CREATE TABLE undo_log (
    id        INTEGER PRIMARY KEY,
    change    INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('add', 'edit', 'delete')),
    kind      TEXT NOT NULL CHECK (kind IN ('checkin', 'session', 'flare')),
    uuid      TEXT NOT NULL,
    previous  TEXT,
    at        TEXT NOT NULL
);
