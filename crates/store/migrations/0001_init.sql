-- limber's first schema: routines, sessions, what was done of each exercise,
-- and check-ins. Times are UTC RFC 3339 text ("2026-11-25T07:30:00Z"); each
-- row that happened on a day also keeps the user's local calendar date
-- ("2026-11-25"), so a day stays the day it was for them, also after travel.

CREATE TABLE routines (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    -- builtin: shipped with limber; user: a file in the config dir;
    -- imported: only known from an import.
    source      TEXT NOT NULL CHECK (source IN ('builtin', 'user', 'imported')),
    definition  TEXT NOT NULL DEFAULT '',   -- the TOML text as last seen
    updated_at  TEXT NOT NULL
);

CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    routine_id       INTEGER REFERENCES routines(id) ON DELETE SET NULL,
    -- What was done, in the user's words: the routine's name for a guided
    -- session, the free text of a logged one ("cycling").
    activity         TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('guided', 'logged')),
    status           TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'aborted')),
    started_at       TEXT NOT NULL,
    ended_at         TEXT,
    local_date       TEXT NOT NULL,
    planned_seconds  INTEGER NOT NULL DEFAULT 0 CHECK (planned_seconds >= 0),
    active_seconds   INTEGER NOT NULL DEFAULT 0 CHECK (active_seconds >= 0),
    note             TEXT
);
-- History, streaks and the weekly count all read sessions by day.
CREATE INDEX sessions_by_date ON sessions (local_date, status);
-- The start-up question "was a session left in progress?" stays cheap.
CREATE INDEX sessions_in_progress ON sessions (started_at) WHERE status = 'in_progress';

CREATE TABLE session_exercises (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    session_id       INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),  -- order in the routine
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL
                     CHECK (kind IN ('stretch', 'strength', 'aerobic', 'relaxation', 'breathing')),
    planned_seconds  INTEGER CHECK (planned_seconds >= 0),
    actual_seconds   INTEGER NOT NULL DEFAULT 0 CHECK (actual_seconds >= 0),
    planned_reps     INTEGER CHECK (planned_reps > 0),
    sets_planned     INTEGER NOT NULL DEFAULT 1 CHECK (sets_planned > 0),
    sets_done        INTEGER NOT NULL DEFAULT 0 CHECK (sets_done >= 0),
    status           TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'partial')),
    -- How it felt: 1 (made it worse) .. 5 (felt great); NULL when not rated.
    comfort          INTEGER CHECK (comfort BETWEEN 1 AND 5),
    finished_at      TEXT NOT NULL,
    UNIQUE (session_id, position)
);
-- Per-exercise statistics group by name.
CREATE INDEX session_exercises_by_name ON session_exercises (name);

CREATE TABLE checkins (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    recorded_at  TEXT NOT NULL,
    local_date   TEXT NOT NULL,
    context      TEXT NOT NULL CHECK (context IN ('before', 'after', 'daily')),
    session_id   INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    pain         INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    anxiety      INTEGER NOT NULL CHECK (anxiety BETWEEN 0 AND 10),
    mood         INTEGER NOT NULL CHECK (mood BETWEEN 0 AND 10),
    fear         INTEGER CHECK (fear BETWEEN 0 AND 10),   -- fear of movement, optional
    note         TEXT
);
-- Trends and the report read check-ins by day; before/after pairs by session.
CREATE INDEX checkins_by_date ON checkins (local_date);
CREATE INDEX checkins_by_session ON checkins (session_id) WHERE session_id IS NOT NULL;
