-- Small facts about this store that are not history: that the safety notice
-- was read, and when. One row per key.
CREATE TABLE app_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
