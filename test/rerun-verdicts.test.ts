// An audit stored before verdicts needed the data to settle them (issue 15) keeps its old
// verdict for ever; `rerun` stores the new verdicts beside it, linked, and `diff` shows what
// changed. The old audit is written as the earlier build stored it: its finding's status and
// figures as they were, and none of the fields added since (measuredRange, blanks, the dates
// per jurisdiction).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { defaultRulebooks } from '../checks/rulebook.js';
import { checkWorkbook } from '../server/audit/check.js';
import { countStatuses, type AuditResult } from '../server/audit/result.js';
import { openStore } from '../server/store/index.js';
import type { AuditDiff } from '../server/compare/diff.js';

const BIN = projectPath('dist/server/cli/main.js');
const db = join(mkdtempSync(join(tmpdir(), 'eldercare-rerun-')), 'audits.db');
const store = openStore(db);
afterAll(() => store.close());

const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8' });
const isInteriorRule = (f: AuditResult['findings'][number]) => f.rule === 'space.project-floor-share' && f.subject.id === 'MX-AJ-A1';

describe('rerun of an audit stored before sound verdicts', () => {
  it('gives the new verdict beside the old one; the stored audit never changes; diff shows it', async () => {
    const bytes = readFileSync(projectPath('samples', 'county-mix.xlsx'));
    const { result, facts } = await checkWorkbook(bytes, { fileName: 'county-mix.xlsx' });
    // The earlier build passed this new project on its gross area (190 m² ≥ 2‰ of 80,000 m²).
    const findings = result.findings.map((f) => {
      const { measuredRange: _range, blanks: _blanks, ...old } = f;
      if (!isInteriorRule(f)) return old;
      return { ...old, status: 'pass' as const, measured: 190, required: 160, shortfall: null, missing: [], message: { zh: '项目总建筑面积 80,000 ㎡ × 2‰ = 160 ㎡，实有 190 ㎡，达标', en: '80,000 m² project floor area × 2‰ = 160 m² required, 190 m² provided, met' } };
    });
    const { asOfByJurisdiction: _dates, ...rest } = result;
    const old: AuditResult = { ...rest, findings, summary: countStatuses(findings) };
    const oldId = await store.saveAudit({ bytes, fileName: 'county-mix.xlsx', uploadedBy: 'earlier-build', rulebookSelection: null, result: old, facts: facts!, rulebooks: defaultRulebooks() });
    const before = await store.getAudit(oldId);

    const rerun = cli('rerun', oldId, '--json');
    expect(rerun.status, rerun.stderr).toBe(1);
    const fresh = JSON.parse(rerun.stdout) as AuditResult & { auditId: string };
    const now = fresh.findings.find(isInteriorRule)!;
    expect(now.status).toBe('insufficient_data');
    expect(now.measuredRange).toEqual([0, 190]);
    expect(now.blanks?.map((b) => `${b.subject}.${b.field}`)).toEqual(['MX-AJ-A1.service_interior_area_m2']);
    expect(fresh.asOfByJurisdiction).toBeDefined();

    // Stored beside it, linked, and read back with the new fields.
    const stored = (await store.getAudit(fresh.auditId))!;
    expect(stored.rerunOf).toBe(oldId);
    expect(stored.result.findings.find(isInteriorRule)!.measuredRange).toEqual([0, 190]);
    expect(stored.result.asOfByJurisdiction).toEqual(fresh.asOfByJurisdiction);
    // The old audit is exactly as it was stored.
    expect(await store.getAudit(oldId)).toEqual(before);
    expect((await store.getAudit(oldId))!.result.findings.find(isInteriorRule)!.status).toBe('pass');

    const diff = cli('diff', oldId, fresh.auditId, '--json');
    expect(diff.status, diff.stderr).toBe(0);
    const changed = (JSON.parse(diff.stdout) as AuditDiff).changed.filter((entry) => entry.rule === 'space.project-floor-share');
    expect(changed.map((entry) => [entry.subject.id, entry.before?.status, entry.after?.status])).toEqual([['MX-AJ-A1', 'pass', 'insufficient_data']]);
  });
});
