-- 003: as SQLite's 003. A facility is (jurisdiction, id); API tokens expire; /healthz proves
-- that the database can be written.

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
ALTER TABLE user_facilities RENAME CONSTRAINT user_facilities_003_pkey TO user_facilities_pkey;

ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
UPDATE api_tokens SET expires_at = to_char((now() + interval '90 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE health_probe (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at  TEXT    NOT NULL
);
