-- Which of a check-in's rows of context (tags, where it hurts, what was
-- taken) the person answered, with or without marking anything: without it
-- an empty row could be "nothing" or "skipped". One row per answered row,
-- kept like the other context rows (the check-in's, no id of its own).
-- Older check-ins have none: their empty rows stay "not answered".
CREATE TABLE checkin_answered (
    checkin_id  INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    row         TEXT NOT NULL CHECK (row IN ('tags', 'where', 'took')),
    UNIQUE (checkin_id, row)
);

-- The side bridge from the knees is a fitness test of its own, each side
-- with its own name: the test column's CHECK is widened, which SQLite does
-- only by building the table again. Every row, column, index and trigger
-- is as before.
CREATE TABLE fitness_results_widened (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    test        TEXT NOT NULL CHECK (test IN ('chair-stand', 'step-test',
                    'side-bridge-left', 'side-bridge-right',
                    'side-bridge-knees-left', 'side-bridge-knees-right')),
    value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 600),
    recorded_at TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    device      TEXT,
    version     INTEGER
);
INSERT INTO fitness_results_widened
    (id, uuid, test, value, recorded_at, local_date, updated_at, deleted_at, device, version)
SELECT id, uuid, test, value, recorded_at, local_date, updated_at, deleted_at, device, version
FROM fitness_results;
DROP TABLE fitness_results;
ALTER TABLE fitness_results_widened RENAME TO fitness_results;
CREATE INDEX fitness_results_by_test ON fitness_results (test, recorded_at);
CREATE TRIGGER fitness_results_device_new AFTER INSERT ON fitness_results WHEN NEW.device IS NULL
BEGIN UPDATE fitness_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER fitness_results_device_change AFTER UPDATE OF updated_at, deleted_at
ON fitness_results WHEN NEW.device IS OLD.device
BEGIN UPDATE fitness_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER fitness_results_version_new AFTER INSERT ON fitness_results
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE fitness_results SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER fitness_results_version_change AFTER UPDATE OF updated_at, deleted_at ON fitness_results
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE fitness_results SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER fitness_results_version_seen AFTER UPDATE OF version ON fitness_results
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;
