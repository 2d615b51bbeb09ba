-- 007: storing a county audit writes fewer index entries (issue 20). Three indexes held a row for
-- every fact or finding, though their only queries read a few: the audits holding a facility
-- (`facts_facility`, read with sheet = 'facilities': 5,000 of a county's 20,005 facts), the
-- audits holding a jurisdiction (`facts_jurisdiction`: a site's fact has none, 10,000 of them),
-- and a report's failures and warnings (`findings_status`, read with status IN ('fail', 'warn'):
-- 4,317 of 19,045 findings). Each is now a partial index of the rows those queries read; SQLite
-- uses it for the same queries, unchanged (the query's terms imply the index's WHERE).
-- Storing the county, the inserts' CPU: ≈-20 to -30 ms of ≈180–210 ms.

DROP INDEX facts_facility;
CREATE INDEX facts_facility ON facts(facility_id, audit_id) WHERE sheet = 'facilities';

DROP INDEX facts_jurisdiction;
CREATE INDEX facts_jurisdiction ON facts(jurisdiction, audit_id) WHERE jurisdiction IS NOT NULL;

DROP INDEX findings_status;
CREATE INDEX findings_issues ON findings(status, audit_id) WHERE status IN ('fail', 'warn');
