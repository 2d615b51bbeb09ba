-- 002: the people who use the web app, their sessions and API tokens (as SQLite's 002).
-- Unlike audits these rows change (a password is reset, a user disabled), so no triggers.

CREATE TABLE users (
  id             INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           TEXT    NOT NULL,
  role           TEXT    NOT NULL CHECK (role IN ('admin', 'inspector', 'facility_manager', 'reviewer')),
  password_hash  TEXT    NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL
);
-- User names are unique whatever their case, as SQLite's COLLATE NOCASE makes them.
CREATE UNIQUE INDEX users_name ON users (lower(name));

CREATE TABLE user_facilities (
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  facility_id  TEXT    NOT NULL,
  PRIMARY KEY (user_id, facility_id)
);

CREATE TABLE sessions (
  id_hash     TEXT    PRIMARY KEY,
  user_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  expires_at  TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE api_tokens (
  id          INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash  TEXT    NOT NULL UNIQUE,
  created_at  TEXT    NOT NULL
);
