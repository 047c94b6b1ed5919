-- The study's first two outcomes measured on the person: fitness self-test
-- results and WHO-5 Well-Being Index answers. Like the diary's entries,
-- each row knows when it last changed and a deleted one stays as a
-- tombstone, so an older export imported later cannot bring it back.
-- Whether a try was the practice one is not stored: it is the first try of
-- its test, worked out on reading, so a deletion or an import of an older
-- try moves it the same way.

CREATE TABLE fitness_results (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    test        TEXT NOT NULL CHECK (test IN ('chair-stand', 'step-test',
                    'side-bridge-left', 'side-bridge-right')),
    -- Stands, steps (right knee) or seconds held.
    value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 600),
    recorded_at TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
-- A test's results in order: the report's first and last, the practice try.
CREATE INDEX fitness_results_by_test ON fitness_results (test, recorded_at);

CREATE TABLE who5_results (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    -- The five answers, 0 (at no time) to 5 (all of the time), in the
    -- order of the statements; the score is their sum × 4.
    a1          INTEGER NOT NULL CHECK (a1 BETWEEN 0 AND 5),
    a2          INTEGER NOT NULL CHECK (a2 BETWEEN 0 AND 5),
    a3          INTEGER NOT NULL CHECK (a3 BETWEEN 0 AND 5),
    a4          INTEGER NOT NULL CHECK (a4 BETWEEN 0 AND 5),
    a5          INTEGER NOT NULL CHECK (a5 BETWEEN 0 AND 5),
    recorded_at TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX who5_results_by_time ON who5_results (recorded_at);
