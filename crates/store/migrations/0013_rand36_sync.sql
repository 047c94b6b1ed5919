-- RAND-36 results travel through `limber sync` as every other entry does:
-- the device that last changed each, and its version (see 0010 and 0011).
ALTER TABLE rand36_results ADD COLUMN device TEXT;
ALTER TABLE rand36_results ADD COLUMN version INTEGER;
UPDATE rand36_results SET device = (SELECT id FROM sync_device);
UPDATE rand36_results SET version = coalesce(unixepoch(updated_at), 0) * 1000000;
UPDATE sync_clock SET last = max(last, (SELECT coalesce(max(version), 0) FROM rand36_results));

CREATE TRIGGER rand36_results_device_new AFTER INSERT ON rand36_results WHEN NEW.device IS NULL
BEGIN UPDATE rand36_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;
CREATE TRIGGER rand36_results_device_change AFTER UPDATE OF updated_at, deleted_at
ON rand36_results WHEN NEW.device IS OLD.device
BEGIN UPDATE rand36_results SET device = (SELECT id FROM sync_device) WHERE id = NEW.id; END;

CREATE TRIGGER rand36_results_version_new AFTER INSERT ON rand36_results
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE rand36_results SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER rand36_results_version_change AFTER UPDATE OF updated_at, deleted_at ON rand36_results
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN
    UPDATE sync_clock SET last = max(last + 1, coalesce(unixepoch(NEW.updated_at), 0) * 1000000);
    UPDATE rand36_results SET version = (SELECT last FROM sync_clock) WHERE id = NEW.id;
END;
CREATE TRIGGER rand36_results_version_seen AFTER UPDATE OF version ON rand36_results
WHEN NEW.version > (SELECT last FROM sync_clock)
BEGIN UPDATE sync_clock SET last = NEW.version; END;
