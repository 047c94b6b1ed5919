-- Living with flare-ups and fear of movement.

-- A day the user marked as a flare-up ("a rest day you chose"): it neither
-- breaks nor extends a streak and asks for one session less that week.
CREATE TABLE flare_days (
    local_date  TEXT PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    note        TEXT,
    marked_at   TEXT NOT NULL
);

-- Which version of the routine a session was: the full one or the gentle one.
ALTER TABLE sessions ADD COLUMN gentle INTEGER NOT NULL DEFAULT 0 CHECK (gentle IN (0, 1));

-- For an exercise the user fears: how much they expected it to hurt before
-- it, and how much it did after, 0–10.
ALTER TABLE session_exercises ADD COLUMN expected_pain INTEGER
    CHECK (expected_pain BETWEEN 0 AND 10);
ALTER TABLE session_exercises ADD COLUMN actual_pain INTEGER
    CHECK (actual_pain BETWEEN 0 AND 10);

-- Exercises the user marked as feared, by name (the same exercise in any routine).
CREATE TABLE feared_exercises (
    name       TEXT PRIMARY KEY,
    marked_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Routines get a UUID too, like every other row an export carries. Rows
-- made before this get a random version-4 UUID here.
ALTER TABLE routines ADD COLUMN uuid TEXT;
UPDATE routines SET uuid = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-'
    || hex(randomblob(6)));
CREATE UNIQUE INDEX routines_by_uuid ON routines (uuid);
