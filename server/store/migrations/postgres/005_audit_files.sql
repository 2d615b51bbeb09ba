-- 005: an audit keeps every file it read, in order, with its name as sent and media type; the
-- same table and backfill as SQLite's 005.

CREATE TABLE audit_files (
  audit_id    TEXT    NOT NULL REFERENCES audits(id),
  position    INTEGER NOT NULL,
  upload_id   INTEGER NOT NULL REFERENCES uploads(id),
  file_name   TEXT    NOT NULL,
  media_type  TEXT    NOT NULL,
  PRIMARY KEY (audit_id, position)
);
CREATE INDEX audit_files_upload ON audit_files(upload_id);

INSERT INTO audit_files (audit_id, position, upload_id, file_name, media_type)
  SELECT a.id, 0, a.upload_id, a.file_name,
    CASE
      WHEN substring(u.bytes from 1 for 2) = decode('504b', 'hex')
        AND position(convert_to('application/vnd.oasis.opendocument.spreadsheet', 'UTF8') in substring(u.bytes from 1 for 128)) > 0
        THEN 'application/vnd.oasis.opendocument.spreadsheet'
      WHEN substring(u.bytes from 1 for 2) = decode('504b', 'hex') THEN 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      WHEN substring(u.bytes from 1 for 8) = decode('d0cf11e0a1b11ae1', 'hex') THEN 'application/vnd.ms-excel'
      ELSE 'text/csv'
    END
  FROM audits a JOIN uploads u ON u.id = a.upload_id;

ALTER TABLE audits ADD COLUMN workbook_sha256 TEXT;

CREATE TRIGGER audit_files_immutable BEFORE UPDATE OR DELETE ON audit_files FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
