-- The study's own two questionnaires, from the RAND 36-Item Health Survey
-- 1.0: physical functioning (items 3–12) and emotional well-being (the
-- MHI-5, items 24, 25, 26, 28, 30). One row a completed scale, the answers
-- as RAND precodes them (1–3, or 1–6); the 0–100 score is worked out on
-- reading by RAND's scoring rules, never stored. Like the WHO-5's rows,
-- each knows when it last changed, and a deleted one stays as a tombstone.
-- Named 0012: 0011 is kept free for the sync work, which may add one.

CREATE TABLE rand36_results (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    scale       TEXT NOT NULL CHECK (scale IN ('physical-functioning',
                    'emotional-well-being')),
    -- "3,3,2,…": ten answers of 1–3, or five of 1–6.
    answers     TEXT NOT NULL CHECK (
        (scale = 'physical-functioning' AND answers GLOB
            '[1-3],[1-3],[1-3],[1-3],[1-3],[1-3],[1-3],[1-3],[1-3],[1-3]')
        OR (scale = 'emotional-well-being' AND answers GLOB
            '[1-6],[1-6],[1-6],[1-6],[1-6]')),
    recorded_at TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
-- A scale's results in order: the report's first and last.
CREATE INDEX rand36_results_by_scale ON rand36_results (scale, recorded_at);
