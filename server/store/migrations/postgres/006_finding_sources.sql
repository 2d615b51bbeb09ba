-- 006: as SQLite's 006. Each distinct source of an audit's findings (what they quote of their
-- rule) is stored once in `finding_sources`; findings from here on name it in `source` and leave
-- their own copies empty. Findings stored earlier keep their columns (source NULL), unrewritten;
-- both kinds read back alike through the view `finding_rows`. Unread indexes are dropped; originals
-- are stored without compression.

CREATE TABLE finding_sources (
  audit_id  TEXT    NOT NULL REFERENCES audits(id),
  id        INTEGER NOT NULL,
  rulebook  TEXT    NOT NULL,
  title_zh  TEXT    NOT NULL,
  title_en  TEXT    NOT NULL,
  seed      TEXT    NOT NULL,
  clause    TEXT    NOT NULL,
  quote     TEXT    NOT NULL,
  reading   TEXT,
  PRIMARY KEY (audit_id, id)
);

ALTER TABLE findings ADD COLUMN source INTEGER;

CREATE VIEW finding_rows AS
  SELECT f.audit_id, f.position, f.rule,
    CASE WHEN f.source IS NULL THEN f.rulebook ELSE s.rulebook END AS rulebook,
    CASE WHEN f.source IS NULL THEN f.title_zh ELSE s.title_zh END AS title_zh,
    CASE WHEN f.source IS NULL THEN f.title_en ELSE s.title_en END AS title_en,
    f.subject_kind, f.subject_id, f.subject_name, f.jurisdiction, f.status, f.measured, f.required, f.unit,
    f.shortfall, f.due, f.basis_included, f.basis_excluded, f.missing,
    CASE WHEN f.source IS NULL THEN f.seed ELSE s.seed END AS seed,
    CASE WHEN f.source IS NULL THEN f.clause ELSE s.clause END AS clause,
    CASE WHEN f.source IS NULL THEN f.quote ELSE s.quote END AS quote,
    CASE WHEN f.source IS NULL THEN f.reading ELSE s.reading END AS reading,
    f.message_zh, f.message_en
  FROM findings f LEFT JOIN finding_sources s ON s.audit_id = f.audit_id AND s.id = f.source;

DROP INDEX findings_rule;
DROP INDEX findings_jurisdiction;
DROP INDEX staff_rosters_facility;

-- An original is mostly a zip (xlsx, ods) that pglz cannot shrink: kept as it is, out of line, an
-- upload spares the try (100-130 ms of the server's CPU for a county's 5.3 MB). Rows stored
-- earlier keep their storage; reads are the same.
ALTER TABLE uploads ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE TRIGGER finding_sources_immutable BEFORE UPDATE OR DELETE ON finding_sources FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
