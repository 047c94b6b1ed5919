-- A graded exposure ladder: the everyday activities the person fears
-- (bending, lifting, carrying, …), each with how much harm they expect it
-- to do, 0–100 (as the PHODA rates its photographs), in the person's own
-- order; and each try of one: the expectation before, what happened, the
-- expectation re-rated after, and the pain after (0–10) if given. An open
-- try (begun, not yet done) has no expectation after yet.
--
-- Both travel through `limber sync` and exports as every other entry does
-- (see 0010, 0011, 0013): the device that last changed each and its
-- version; a deleted one stays as a tombstone. A try names its step by the
-- step's UUID, not its row id, so a try can come in before its step does
-- and be read once the step is here; a deleted step's tries are deleted
-- with it, and a try of a deleted step is never read.

CREATE TABLE fear_steps (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    -- The person's own order: the ladder is read by position, then by when
    -- each was named.
    position    INTEGER NOT NULL,
    -- The harm expected when it was named, 0 (none) to 100 (certain harm).
    expected    INTEGER NOT NULL CHECK (expected BETWEEN 0 AND 100),
    created_at  TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    device      TEXT,
    version     INTEGER
);

CREATE TABLE fear_tries (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    -- The step's UUID.
    step        TEXT NOT NULL,
    tried_at    TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    expected_before INTEGER CHECK (expected_before BETWEEN 0 AND 100),
    happened    TEXT,
    expected_after  INTEGER CHECK (expected_after BETWEEN 0 AND 100),
    pain_after  INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    note        TEXT,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    device      TEXT,
    version     INTEGER
);
CREATE INDEX fear_tries_by_step ON fear_tries (step, tried_at);

CREATE TRIGGER fear_steps_device_new AFTER INSERT ON fear_steps WHEN NEW.device IS NULL
BEGIN UPDATE fear_steps SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER fear_steps_device_change AFTER UPDATE OF updated_at, deleted_at
ON fear_steps WHEN NEW.device IS OLD.device
BEGIN UPDATE fear_steps SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

CREATE TRIGGER fear_steps_version_new AFTER INSERT ON fear_steps
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE fear_steps SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER fear_steps_version_change AFTER UPDATE OF updated_at, deleted_at ON fear_steps
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE fear_steps SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER fear_steps_version_seen AFTER UPDATE OF version ON fear_steps
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;

CREATE TRIGGER fear_tries_device_new AFTER INSERT ON fear_tries WHEN NEW.device IS NULL
BEGIN UPDATE fear_tries SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER fear_tries_device_change AFTER UPDATE OF updated_at, deleted_at
ON fear_tries WHEN NEW.device IS OLD.device
BEGIN UPDATE fear_tries SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

CREATE TRIGGER fear_tries_version_new AFTER INSERT ON fear_tries
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE fear_tries SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER fear_tries_version_change AFTER UPDATE OF updated_at, deleted_at ON fear_tries
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE fear_tries SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER fear_tries_version_seen AFTER UPDATE OF version ON fear_tries
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;
