-- 003: a facility is (jurisdiction, id), not a free-text id; API tokens expire; /healthz proves
-- that the database can be written.

-- A manager's facilities keyed on both parts. An existing binding keeps the one jurisdiction its
-- id was ever stored under; an id found under none or several is dropped (the manager sees
-- nothing until an admin binds it again), never guessed.
CREATE TABLE user_facilities_003 (
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  jurisdiction  TEXT    NOT NULL,
  facility_id   TEXT    NOT NULL,
  PRIMARY KEY (user_id, jurisdiction, facility_id)
);
INSERT INTO user_facilities_003 (user_id, jurisdiction, facility_id)
  SELECT f.user_id, min(x.jurisdiction), f.facility_id
  FROM user_facilities f JOIN facts x ON x.sheet = 'facilities' AND x.facility_id = f.facility_id
  GROUP BY f.user_id, f.facility_id
  HAVING count(DISTINCT x.jurisdiction) = 1;
DROP TABLE user_facilities;
ALTER TABLE user_facilities_003 RENAME TO user_facilities;

-- Tokens made before this migration expire 90 days after it.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days');
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- One row that /healthz rewrites: a database that cannot take this write cannot take an audit.
CREATE TABLE health_probe (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at  TEXT    NOT NULL
);
