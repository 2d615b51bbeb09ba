-- 005: an audit keeps every file it read (a county sends one workbook per facility and its own
-- region file), each byte for byte, in the order read, with its name as sent and the media type
-- its bytes were read as. The bytes stay in `uploads`, once per distinct content, as before.
-- Audits stored earlier keep their one file: it becomes their file 0, read from the same row.

CREATE TABLE audit_files (
  audit_id    TEXT    NOT NULL REFERENCES audits(id),
  position    INTEGER NOT NULL,
  upload_id   INTEGER NOT NULL REFERENCES uploads(id),
  file_name   TEXT    NOT NULL,
  media_type  TEXT    NOT NULL,
  PRIMARY KEY (audit_id, position)
);
CREATE INDEX audit_files_upload ON audit_files(upload_id);

-- The media type as server/workbook/sources/media-type.ts tells it from the first bytes.
INSERT INTO audit_files (audit_id, position, upload_id, file_name, media_type)
  SELECT a.id, 0, a.upload_id, a.file_name,
    CASE
      WHEN substr(u.bytes, 1, 2) = x'504B'
        AND instr(substr(u.bytes, 1, 128), CAST('application/vnd.oasis.opendocument.spreadsheet' AS BLOB)) > 0
        THEN 'application/vnd.oasis.opendocument.spreadsheet'
      WHEN substr(u.bytes, 1, 2) = x'504B' THEN 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      WHEN substr(u.bytes, 1, 8) = x'D0CF11E0A1B11AE1' THEN 'application/vnd.ms-excel'
      ELSE 'text/csv'
    END
  FROM audits a JOIN uploads u ON u.id = a.upload_id;

-- The SHA-256 the audit reported for several files (of their `sha256  name` lines); NULL for an
-- audit of one file, whose hash is its upload's. Adding a column writes no stored value.
ALTER TABLE audits ADD COLUMN workbook_sha256 TEXT;

CREATE TRIGGER audit_files_immutable_update BEFORE UPDATE ON audit_files
BEGIN SELECT RAISE(ABORT, 'audit files are immutable'); END;
CREATE TRIGGER audit_files_immutable_delete BEFORE DELETE ON audit_files
BEGIN SELECT RAISE(ABORT, 'audit files are immutable'); END;
