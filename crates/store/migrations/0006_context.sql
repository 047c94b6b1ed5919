-- What goes with a check-in: tags for what was going on, where it hurt, and
-- what was taken or done for it. Each row belongs to one check-in and has
-- no id of its own: it is the check-in's (its uuid, in an export) plus its
-- value, so an export can carry it inside the check-in and an import write
-- it again the same. A deleted check-in keeps its rows: every read joins
-- the check-in and leaves out a tombstone, so `limber undo` of the delete
-- brings them back with it.

CREATE TABLE checkin_tags (
    checkin_id  INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),  -- as the person wrote it
    -- Lower case: "Poor sleep" and "poor sleep" are one tag.
    tag_key     TEXT NOT NULL,
    UNIQUE (checkin_id, tag_key)
);
-- "Which tags were used, most recent first" groups by the tag.
CREATE INDEX checkin_tags_by_key ON checkin_tags (tag_key);

CREATE TABLE checkin_regions (
    checkin_id  INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    region      TEXT NOT NULL CHECK (region IN ('neck', 'upper-back', 'lower-back',
                    'buttock-left', 'buttock-right', 'thigh-left', 'thigh-right',
                    'leg-below-knee-left', 'leg-below-knee-right', 'foot-left', 'foot-right')),
    UNIQUE (checkin_id, region)
);

CREATE TABLE checkin_treatments (
    checkin_id  INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),  -- "Ibuprofen"
    -- Lower case: what goes with pain is counted by the name.
    name_key    TEXT NOT NULL,
    -- "400 mg"; '' when none was given (NOT NULL, so UNIQUE holds for it).
    amount      TEXT NOT NULL DEFAULT '' CHECK (length(amount) <= 40),
    UNIQUE (checkin_id, name_key, amount)
);
