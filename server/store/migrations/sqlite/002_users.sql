-- 002: the people who use the web app, their sessions and API tokens.
-- Unlike audits these rows change (a password is reset, a user disabled), so no triggers.

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  role           TEXT    NOT NULL CHECK (role IN ('admin', 'inspector', 'facility_manager', 'reviewer')),
  password_hash  TEXT    NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL
);

-- The facilities a facility manager is bound to (ids as in the workbooks' 机构编号).
CREATE TABLE user_facilities (
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  facility_id  TEXT    NOT NULL,
  PRIMARY KEY (user_id, facility_id)
);

-- Only the sha256 of a session id is kept, so a copy of the database opens no session.
-- user_id is NULL for a visitor who has not logged in yet (the login form needs a CSRF token).
CREATE TABLE sessions (
  id_hash     TEXT    PRIMARY KEY,
  user_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  expires_at  TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- API tokens, likewise kept only as their sha256.
CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash  TEXT    NOT NULL UNIQUE,
  created_at  TEXT    NOT NULL
);
