-- 006: storing a county audit gets cheap (issue 20). What a finding quotes of its rule (rulebook,
-- title, seed, clause, quote, reading) is the same for every finding of that rule in a rulebook:
-- 64 distinct sources held half of a county audit's 14 MB of findings text, repeated 19,000 times.
-- From here on an audit stores each distinct source once in `finding_sources`, and each finding
-- names its source in the new column `source`, leaving its own copies of those columns empty.
-- Findings stored earlier keep their own columns (source NULL) and are not rewritten: adding a
-- column writes no stored value. Both kinds read back alike through the view `finding_rows`.

CREATE TABLE finding_sources (
  audit_id  TEXT    NOT NULL REFERENCES audits(id),
  id        INTEGER NOT NULL,
  rulebook  TEXT    NOT NULL,
  title_zh  TEXT    NOT NULL,
  title_en  TEXT    NOT NULL,
  seed      TEXT    NOT NULL,
  clause    TEXT    NOT NULL,
  quote     TEXT    NOT NULL,
  reading   TEXT,              -- JSON {zh,en} or NULL
  PRIMARY KEY (audit_id, id)
);

ALTER TABLE findings ADD COLUMN source INTEGER;

-- A finding as it was always read: the columns of findings, its source's where it names one.
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

-- Indexes no query reads (every query of findings and rosters names its audit, or the subject):
-- each cost a write per finding or roster. findings_jurisdiction was even the worse choice for the
-- rectification history's query (subject, jurisdiction), which findings_subject now answers.
DROP INDEX findings_rule;
DROP INDEX findings_jurisdiction;
DROP INDEX staff_rosters_facility;

CREATE TRIGGER finding_sources_immutable_update BEFORE UPDATE ON finding_sources
BEGIN SELECT RAISE(ABORT, 'finding sources are immutable'); END;
CREATE TRIGGER finding_sources_immutable_delete BEFORE DELETE ON finding_sources
BEGIN SELECT RAISE(ABORT, 'finding sources are immutable'); END;
