-- 007: as SQLite's 007. The indexes of the audits holding a facility, of those holding a
-- jurisdiction, and of a report's failures and warnings hold only the rows those queries read
-- (PostgreSQL proves the query's terms imply each index's WHERE), so that storing a county audit
-- writes 25,000 fewer fact entries and 14,700 fewer finding entries.

DROP INDEX facts_facility;
CREATE INDEX facts_facility ON facts(facility_id, audit_id) WHERE sheet = 'facilities';

DROP INDEX facts_jurisdiction;
CREATE INDEX facts_jurisdiction ON facts(jurisdiction, audit_id) WHERE jurisdiction IS NOT NULL;

DROP INDEX findings_status;
CREATE INDEX findings_issues ON findings(status, audit_id) WHERE status IN ('fail', 'warn');
