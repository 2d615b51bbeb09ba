// The rectification cycle through the real bin: a sample's failures become a notice, which goes
// overdue, is answered with evidence, settled and closed; a waiver shows in `show`, its JSON and
// the audit PDF, counted apart, and is flagged once expired; both documents are written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../checks/ajv.js';
import { projectPath } from '../checks/paths.js';
import type { AuditResult } from '../server/audit/result.js';
import type { NoticeView } from '../server/rectify/state.js';
import { PNG } from './support/rectification-contract.js';
import { readPdf } from './support/pdf.js';

const BIN = projectPath('dist/server/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'eldercare-cli-rectify-'));
const db = join(dir, 'audits.db');
const ajv = createAjv();
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
const schema = (name: string) => {
  if (!validators.has(name)) validators.set(name, ajv.compile(JSON.parse(readFileSync(projectPath('schemas', name), 'utf8')) as object));
  return validators.get(name)!;
};

function run(...args: string[]) {
  const child = spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}
function json<T>(...args: string[]): T {
  const out = run(...args, '--json');
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout) as T;
}

describe('notices and waivers from the command line', () => {
  const audit = json<AuditResult & { auditId: string }>('check', projectPath('samples', 'tongxiang.xlsx'));
  const failing = audit.findings.filter((f) => f.subject.id === 'TX-002' && f.status === 'fail');

  it('issues a numbered notice for one facility, lists it overdue after its deadline, and validates against the schema', () => {
    const notice = json<NoticeView>('notice', 'create', '--audit', audit.auditId, '--subject', 'TX-002', '--date', '2026-03-01', '--days', '15');
    expect(schema('notice.schema.json')(notice)).toBe(true);
    expect(notice.number).toMatch(/^桐乡民整〔2026〕\d+号$/);
    expect(notice.items.map((i) => [i.rule, i.deadline])).toEqual(failing.map((f) => [f.rule, '2026-03-16']));
    const second = json<NoticeView>('notice', 'create', '--audit', audit.auditId, '--subject', 'tongxiang', '--kind', 'region', '--date', '2026-03-01', '--deadline', '2026-12-31');
    expect(Number(/〕(\d+)号/.exec(second.number)![1])).toBe(Number(/〕(\d+)号/.exec(notice.number)![1]) + 1);

    const overdue = json<NoticeView[]>('notice', 'list', '--state', 'overdue', '--as-of', '2026-03-20');
    expect(overdue.map((n) => n.id)).toEqual([notice.id]);
    expect(overdue[0]!.items.every((i) => i.state === 'overdue' && i.daysOverdue === 4)).toBe(true);
    const text = run('notice', 'list', '--as-of', '2026-03-20');
    expect(text.stdout.split('\n')[0]).toContain('逾期 4 天');
    expect(run('notice', 'list', '--jurisdiction', 'anji', '--json').stdout.trim()).toBe('[]');

    const evidence = join(dir, 'roster.png');
    writeFileSync(evidence, PNG);
    expect(run('notice', 'respond', notice.id, '--item', '1', '--text', '已整改', '--evidence', evidence).code).toBe(0);
    const refused = join(dir, 'notes.txt');
    writeFileSync(refused, 'plain text');
    const bad = run('notice', 'respond', notice.id, '--item', '1', '--text', 'x', '--evidence', refused);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a PNG or JPEG image or a PDF');
    expect(json<NoticeView>('notice', 'show', notice.id, '--as-of', '2026-03-10').items[0]!.state).toBe('responded');

    for (const [i] of failing.entries()) expect(run('notice', 'close', notice.id, '--item', String(i + 1), '--note', '现场核查已整改').code).toBe(0);
    const closed = json<NoticeView>('notice', 'show', notice.id, '--as-of', '2026-03-20');
    expect(closed.state).toBe('closed');
    expect(closed.history.map((h) => h.action)).toEqual(['issue', 'respond', ...failing.map(() => 'close')]);
    expect(run('notice', 'reopen', notice.id, '--item', '1', '--note', '复查不实').code).toBe(0);
    expect(json<NoticeView>('notice', 'show', notice.id, '--as-of', '2026-03-20').state).toBe('open');
    expect(run('notice', 'close', notice.id, '--item', '1', '--note', '再次核查').code).toBe(0);
  }, 240_000);

  it('writes the notice and, once closed, its re-inspection opinion', async () => {
    const [notice] = json<NoticeView[]>('notice', 'list', '--subject', 'TX-002', '--state', 'closed');
    const pdf = join(dir, 'notice.pdf');
    expect(run('notice', 'report', notice!.id, '--pdf', pdf).code).toBe(0);
    const text = (await readPdf(readFileSync(pdf))).map((p) => p.text).join('');
    expect(text).toContain(notice!.number);
    expect(text).toContain('整改期限：2026-03-16');
    const review = join(dir, 'review.pdf');
    expect(run('notice', 'report', notice!.id, '--pdf', review, '--review', '--lang', 'en').code).toBe(0);
    const english = (await readPdf(readFileSync(review))).map((p) => p.text).join('');
    expect(english).toContain('Re-inspection Opinion');
    expect(english).toContain('再次核查');
    const [open] = json<NoticeView[]>('notice', 'list', '--subject', 'tongxiang');
    const refused = run('notice', 'report', open!.id, '--pdf', join(dir, 'nope.pdf'), '--review');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not closed yet');
    expect(run('notice', 'show', 'N-guessed').stderr).toContain('no rectification notice');
  }, 120_000);

  it('shows a waiver beside its finding in show, show --json and the PDF, counts it apart, and flags it once expired', async () => {
    const target = failing[0]!;
    const added = run('waiver', 'add', '--rule', target.rule, '--subject', 'TX-002', '--jurisdiction', 'tongxiang', '--reason', '社工招聘中，暂缓', '--until', '2026-06-30');
    expect(added.code).toBe(0);
    const waiverId = added.stdout.trim();
    expect(run('waiver', 'add', '--rule', 'no.such-rule', '--subject', 'TX-002', '--jurisdiction', 'tongxiang', '--reason', 'x', '--until', '2026-06-30').stderr).toContain('no rule');

    const fails = audit.summary.fail;
    const shown = run('show', audit.auditId, '--as-of', '2026-05-01');
    expect(shown.stdout).toContain(`不合格 ${fails}（其中豁免 1）`);
    expect(shown.stdout).toContain(`已豁免（${waiverId}，有效至 2026-06-30`);
    const later = run('show', audit.auditId, '--as-of', '2026-07-01', '--lang', 'en');
    expect(later.stdout).toContain(`FAIL ${fails} ·`);
    expect(later.stdout).toContain(`⚠ Waiver ${waiverId} expired on 2026-06-30`);

    const document = json<AuditResult & { waivers: { id: string; state: string; status: string }[] }>('show', audit.auditId, '--as-of', '2026-05-01');
    expect(schema('audit-result.schema.json')(document)).toBe(true);
    expect(document.waivers).toEqual([expect.objectContaining({ id: waiverId, state: 'valid', status: 'fail', rule: target.rule })]);
    expect(document.findings).toEqual(audit.findings);
    expect(document.summary).toEqual(audit.summary);

    const pdf = join(dir, 'audit.pdf');
    expect(run('report', audit.auditId, '--pdf', pdf, '--facility', 'TX-002', '--as-of', '2026-05-01').code).toBe(0);
    const text = (await readPdf(readFileSync(pdf))).map((p) => p.text).join('').replace(/\s/g, '');
    expect(text).toContain(`已豁免（${waiverId}`);
    expect(text).toContain('（其中豁免1）');

    expect(run('waiver', 'list', '--as-of', '2026-07-01').stdout).toMatch(new RegExp(`${waiverId}.*已过期 ⚠`));
    const listed = json<{ id: string; state: string }[]>('waiver', 'list', '--as-of', '2026-05-01');
    expect(listed).toEqual([expect.objectContaining({ id: waiverId, state: 'valid' })]);
    expect(run('waiver', 'revoke', waiverId, '--note', '已招到社工').code).toBe(0);
    expect(json<{ state: string }[]>('waiver', 'list', '--as-of', '2026-05-01')[0]!.state).toBe('revoked');
    expect(run('waiver', 'revoke', waiverId).code).toBe(2);
  }, 180_000);
});
