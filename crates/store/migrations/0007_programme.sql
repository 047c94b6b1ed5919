-- Following a programme: which one, on which days, from when, and when it
-- was stopped. One is followed at a time; a stopped one keeps its row, so
-- the history of what was followed stays. Levels are not stored: they are
-- worked out from the sessions and check-ins each time.
CREATE TABLE programme_enrolments (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    slug        TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 200),
    -- The days of the week planned, "mon,wed,fri"; '' for any days.
    days        TEXT NOT NULL DEFAULT '',
    started_on  TEXT NOT NULL,  -- the local date of week 1's first day
    enrolled_at TEXT NOT NULL,
    stopped_at  TEXT
);
-- At most one followed now.
CREATE UNIQUE INDEX programme_enrolments_one_active
    ON programme_enrolments ((stopped_at IS NULL)) WHERE stopped_at IS NULL;
