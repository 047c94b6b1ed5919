-- A version per record that only moves forward: a hybrid logical clock.
-- `updated_at` stays the time a person reads; `version` orders changes. A
-- change made here takes a version later than this computer's clock (the
-- change's `updated_at`, in microseconds since 1970) and later than every
-- version this store has made or seen (`sync_clock.last`: the highest
-- version of any row here, and of any line read from the sync folder).
-- So a slow clock or one stepped back still makes a newer version, and an
-- undo is a new version, never a return to an old stamp. Versions that
-- came from elsewhere (sync, import) are written by the one applying them,
-- with `sync_applying` holding a row for the length of its transaction so
-- the triggers below leave them be.
CREATE TABLE sync_clock (last INTEGER NOT NULL);
INSERT INTO sync_clock (last) VALUES (0);
CREATE TABLE sync_applying (since TEXT NOT NULL);

ALTER TABLE checkins ADD COLUMN version INTEGER;
UPDATE checkins SET version = coalesce(unixepoch(updated_at), 0) * 1000000;
ALTER TABLE sessions ADD COLUMN version INTEGER;
UPDATE sessions SET version = coalesce(unixepoch(updated_at), 0) * 1000000;
ALTER TABLE flare_days ADD COLUMN version INTEGER;
UPDATE flare_days SET version = coalesce(unixepoch(updated_at), 0) * 1000000;
ALTER TABLE fitness_results ADD COLUMN version INTEGER;
UPDATE fitness_results SET version = coalesce(unixepoch(updated_at), 0) * 1000000;
ALTER TABLE who5_results ADD COLUMN version INTEGER;
UPDATE who5_results SET version = coalesce(unixepoch(updated_at), 0) * 1000000;
ALTER TABLE programme_enrolments ADD COLUMN version INTEGER;
UPDATE programme_enrolments SET version = coalesce(unixepoch(coalesce(nullif(updated_at, ''), enrolled_at)), 0) * 1000000;
UPDATE sync_clock SET last = (SELECT coalesce(max(v), 0) FROM (SELECT max(version) AS v FROM checkins UNION ALL SELECT max(version) AS v FROM sessions UNION ALL SELECT max(version) AS v FROM flare_days UNION ALL SELECT max(version) AS v FROM fitness_results UNION ALL SELECT max(version) AS v FROM who5_results UNION ALL SELECT max(version) AS v FROM programme_enrolments));

CREATE TRIGGER checkins_version_new AFTER INSERT ON checkins
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE checkins SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER checkins_version_change AFTER UPDATE OF updated_at, deleted_at ON checkins
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE checkins SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER checkins_version_seen AFTER UPDATE OF version ON checkins
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;

CREATE TRIGGER sessions_version_new AFTER INSERT ON sessions
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE sessions SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER sessions_version_change AFTER UPDATE OF updated_at, deleted_at ON sessions
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE sessions SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER sessions_version_seen AFTER UPDATE OF version ON sessions
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;

CREATE TRIGGER flare_days_version_new AFTER INSERT ON flare_days
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE flare_days SET version = (SELECT last FROM sync_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER flare_days_version_change AFTER UPDATE OF updated_at, deleted_at ON flare_days
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE flare_days SET version = (SELECT last FROM sync_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER flare_days_version_seen AFTER UPDATE OF version ON flare_days
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;

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

CREATE TRIGGER who5_results_version_new AFTER INSERT ON who5_results
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE who5_results SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER who5_results_version_change AFTER UPDATE OF updated_at, deleted_at ON who5_results
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE who5_results SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER who5_results_version_seen AFTER UPDATE OF version ON who5_results
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;

CREATE TRIGGER programme_enrolments_version_new AFTER INSERT ON programme_enrolments
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(coalesce(nullif(NEW.updated_at, ''), NEW.enrolled_at)), 0) * 1000000);
    UPDATE programme_enrolments SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER programme_enrolments_version_change AFTER UPDATE OF updated_at, stopped_at ON programme_enrolments
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(coalesce(nullif(NEW.updated_at, ''), NEW.enrolled_at)), 0) * 1000000);
    UPDATE programme_enrolments SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER programme_enrolments_version_seen AFTER UPDATE OF version ON programme_enrolments
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;

-- A session's exercises and their ratings are part of the session: a
-- change to one made here is a new version of the session.
CREATE TRIGGER session_exercises_new AFTER INSERT ON session_exercises
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN UPDATE sessions SET updated_at = updated_at WHERE id = NEW.session_id; END;
CREATE TRIGGER session_exercises_change AFTER UPDATE ON session_exercises
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN UPDATE sessions SET updated_at = updated_at WHERE id = NEW.session_id; END;

-- The version the folder holds of each record.
ALTER TABLE sync_known ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
UPDATE sync_known SET version = coalesce(unixepoch(updated_at), 0) * 1000000;

-- A feared exercise's mark and unmark carry a version too: a mark made
-- after an unmark on a clock that stepped back is still the newer.
ALTER TABLE feared_exercises ADD COLUMN version INTEGER;
UPDATE feared_exercises SET version = coalesce(unixepoch(marked_at), 0) * 1000000;
ALTER TABLE feared_unmarked ADD COLUMN version INTEGER;
UPDATE feared_unmarked SET version = coalesce(unixepoch(unmarked_at), 0) * 1000000;
UPDATE sync_clock SET last = max(last,
    (SELECT coalesce(max(version), 0) FROM feared_exercises),
    (SELECT coalesce(max(version), 0) FROM feared_unmarked));

-- The file this store lives in (its inode), to know a copy of it at once
-- (see `Store::settle_file`).
ALTER TABLE sync_device ADD COLUMN file TEXT;
