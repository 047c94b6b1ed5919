-- Sync through a folder. This store's device id, made once; every record
-- remembers the device that last changed it, so two stores that meet the
-- same record changed at the same moment pick the same copy (the higher
-- device id). A row changed here takes this device's id from the triggers
-- below; a row brought in from another device keeps that device's.
CREATE TABLE sync_device (
    id         TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO sync_device (id) VALUES (lower(hex(randomblob(8))));

ALTER TABLE checkins ADD COLUMN device TEXT;
ALTER TABLE sessions ADD COLUMN device TEXT;
ALTER TABLE flare_days ADD COLUMN device TEXT;
ALTER TABLE fitness_results ADD COLUMN device TEXT;
ALTER TABLE who5_results ADD COLUMN device TEXT;
ALTER TABLE programme_enrolments ADD COLUMN device TEXT;
ALTER TABLE feared_exercises ADD COLUMN device TEXT;
UPDATE checkins SET device = (SELECT id FROM sync_device);
UPDATE sessions SET device = (SELECT id FROM sync_device);
UPDATE flare_days SET device = (SELECT id FROM sync_device);
UPDATE fitness_results SET device = (SELECT id FROM sync_device);
UPDATE who5_results SET device = (SELECT id FROM sync_device);
UPDATE programme_enrolments SET device = (SELECT id FROM sync_device);
UPDATE feared_exercises SET device = (SELECT id FROM sync_device);

-- A new row without a device is this device's; a change of its time or
-- deletion that does not name a device is this device's too. (Sync sets
-- the device in a statement of its own after such a change.)
CREATE TRIGGER checkins_device_new AFTER INSERT ON checkins WHEN NEW.device IS NULL
BEGIN UPDATE checkins SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER checkins_device_change AFTER UPDATE OF updated_at, deleted_at ON checkins
WHEN NEW.device IS OLD.device
BEGIN UPDATE checkins SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

CREATE TRIGGER sessions_device_new AFTER INSERT ON sessions WHEN NEW.device IS NULL
BEGIN UPDATE sessions SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER sessions_device_change AFTER UPDATE OF updated_at, deleted_at ON sessions
WHEN NEW.device IS OLD.device
BEGIN UPDATE sessions SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

CREATE TRIGGER flare_days_device_new AFTER INSERT ON flare_days WHEN NEW.device IS NULL
BEGIN UPDATE flare_days SET device = (SELECT id FROM sync_device) WHERE rowid = NEW.rowid; END;
CREATE TRIGGER flare_days_device_change AFTER UPDATE OF updated_at, deleted_at ON flare_days
WHEN NEW.device IS OLD.device
BEGIN UPDATE flare_days SET device = (SELECT id FROM sync_device) WHERE rowid = NEW.rowid; END;

CREATE TRIGGER fitness_results_device_new AFTER INSERT ON fitness_results WHEN NEW.device IS NULL
BEGIN UPDATE fitness_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER fitness_results_device_change AFTER UPDATE OF updated_at, deleted_at
ON fitness_results WHEN NEW.device IS OLD.device
BEGIN UPDATE fitness_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

CREATE TRIGGER who5_results_device_new AFTER INSERT ON who5_results WHEN NEW.device IS NULL
BEGIN UPDATE who5_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER who5_results_device_change AFTER UPDATE OF updated_at, deleted_at ON who5_results
WHEN NEW.device IS OLD.device
BEGIN UPDATE who5_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

CREATE TRIGGER programme_enrolments_device_new AFTER INSERT ON programme_enrolments
WHEN NEW.device IS NULL
BEGIN UPDATE programme_enrolments SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER programme_enrolments_device_change AFTER UPDATE OF updated_at, stopped_at
ON programme_enrolments WHEN NEW.device IS OLD.device
BEGIN UPDATE programme_enrolments SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

-- A session's time moves when it ends and as its exercises are done while
-- it runs, so the finished session travels as newer than the running one.
CREATE TRIGGER sessions_updated_at_end AFTER UPDATE OF status ON sessions
WHEN OLD.status = 'in_progress' AND NEW.status != 'in_progress'
  AND NEW.updated_at = OLD.updated_at AND NEW.ended_at > NEW.updated_at
BEGIN UPDATE sessions SET updated_at = NEW.ended_at WHERE id = NEW.id; END;

-- Feared exercises are kept by name: a mark is its name, when it was made
-- and by which device; an unmark leaves its name, time and device here.
CREATE TABLE feared_unmarked (
    name        TEXT NOT NULL PRIMARY KEY,
    unmarked_at TEXT NOT NULL,
    device      TEXT NOT NULL
);
CREATE TRIGGER feared_exercises_device_new AFTER INSERT ON feared_exercises
WHEN NEW.device IS NULL
BEGIN
    UPDATE feared_exercises SET device = (SELECT id FROM sync_device) WHERE name = NEW.name;
    DELETE FROM feared_unmarked WHERE name = NEW.name;
END;
CREATE TRIGGER feared_exercises_unmark AFTER DELETE ON feared_exercises
BEGIN
    INSERT INTO feared_unmarked (name, unmarked_at, device)
    VALUES (OLD.name, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), (SELECT id FROM sync_device))
    ON CONFLICT (name) DO UPDATE SET unmarked_at = excluded.unmarked_at, device = excluded.device;
END;

-- What this store knows of the folder. Per file: how far its complete
-- lines were read (byte offset) and its first line, to notice a file
-- replaced. Per record: the newest state the folder holds, so a sync writes
-- only what the folder lacks.
CREATE TABLE sync_files (
    name   TEXT NOT NULL PRIMARY KEY,
    offset INTEGER NOT NULL,
    head   TEXT NOT NULL
);
CREATE TABLE sync_known (
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device     TEXT NOT NULL,
    deleted    INTEGER NOT NULL,
    file       TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
-- Per device: when it last synced (for this device) or last wrote (for
-- another, as its file says), and how many changes came in and went out.
CREATE TABLE sync_devices (
    device    TEXT NOT NULL PRIMARY KEY,
    last_sync TEXT NOT NULL,
    came_in   INTEGER NOT NULL DEFAULT 0,
    went_out  INTEGER NOT NULL DEFAULT 0
);
