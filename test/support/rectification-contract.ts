// The rectification cycle, written once and run against each store engine: a failure becomes a
// numbered notice, is answered with evidence, resolved by a later audit, closed on site, waived
// for a time; the history is append-only and numbers never repeat under concurrent issuing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../checks/ajv.js';
import { projectPath } from '../../checks/paths.js';
import { openStore } from '../../server/store/index.js';
import { rectificationStoreFor } from '../../server/store/rectification.js';
import type { AuditStore } from '../../server/store/types.js';
import { noticeDocument } from '../../server/report/notice-document.js';
import { checkEvidence } from '../../server/rectify/evidence.js';
import {
  addWaiver,
  closeItem,
  issueNotice,
  listNoticeViews,
  readNotice,
  reopenItem,
  respond,
  revokeWaiver,
  setDeadline,
  type Stores,
} from '../../server/rectify/service.js';
import { waivedCounts, waiverNotes } from '../../server/rectify/waivers.js';
import { starClaimsTable } from '../../server/compare/tables.js';
import { acrossCounts } from '../../server/web/compare-view.js';
import { loadAcross, loadMatrix } from '../../server/web/comparisons.js';
import { facility, region, staff, workbookFacts } from './facts.js';
import { readPdf } from './pdf.js';
import { auditOf } from './store-audits.js';
import type { TestEngine } from './store-contract.js';

const validateNotice = createAjv().compile(JSON.parse(readFileSync(projectPath('schemas/notice.schema.json'), 'utf8')) as object);

/** A PNG's first bytes and some payload: evidence as a phone would send it. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('photo of the new duty roster')]);

/**
 * Two four-star homes, H1 and H2 (60 beds each), with `socialWorkers` social workers each: with
 * none they fail the social-worker rule, with one they pass it. Without a rehabilitation nurse
 * they also fail the rehab-nurse rule.
 */
export function homeFacts(socialWorkers: number, rehabNurse = false) {
  const homes = [
    facility({ facility_id: 'H1', name: '颐养测试院', jurisdiction: 'tongxiang', total_beds: 60, star_rating: 4 }),
    facility({ facility_id: 'H2', name: '另一家院', jurisdiction: 'tongxiang', total_beds: 60, star_rating: 4 }),
  ];
  const members = homes.flatMap((home) => [
    ...Array.from({ length: 3 }, (_, j) =>
      staff({ staff_id: `${home.facility_id}-S${j}`, facility_id: home.facility_id, role: j < socialWorkers ? 'social_worker' : 'caregiver', caregiver_level: 'senior' }),
    ),
    ...(rehabNurse ? [staff({ staff_id: `${home.facility_id}-N`, facility_id: home.facility_id, role: 'rehab_nurse' })] : []),
  ]);
  return workbookFacts({ facilities: homes, staff: members, regions: [region({ jurisdiction: 'tongxiang', elderly_population: 100_000 })] });
}

const SOCIAL = 'staffing.social-worker-per-beds';
const NURSE = 'staffing.rehab-nurse-by-star';

export function rectificationContract(engine: () => TestEngine): void {
  const stores: AuditStore[] = [];
  const open = async (location?: string): Promise<Stores & { location: string }> => {
    const where = location ?? (await engine().newLocation());
    const audits = openStore(where);
    stores.push(audits);
    return { audits, record: rectificationStoreFor(audits), location: where };
  };
  afterAll(async () => {
    for (const store of stores) await store.close().catch(() => undefined);
  });
  let uploads = 0;
  const save = (s: Stores, socialWorkers: number, rehabNurse = false) => s.audits.saveAudit(auditOf(homeFacts(socialWorkers, rehabNurse), Buffer.from(`workbook ${++uploads} ${Math.random()}`)));

  describe('rectification', () => {
    it('walks the whole cycle: fail → notice → response with evidence → corrected audit resolves → closed on site → notice closed → 复查意见书', async () => {
      const s = await open();
      const failing = await save(s, 0);
      const notice = await issueNotice(s, { auditId: failing, subject: { id: 'H1' }, issuedOn: '2026-03-01', issuedBy: 'inspector-wang' });
      expect(notice.number).toBe('桐乡民整〔2026〕1号');
      expect(notice.subject).toEqual({ kind: 'facility', id: 'H1', name: '颐养测试院', jurisdiction: 'tongxiang' });
      expect(notice.items.map((i) => i.rule)).toEqual([SOCIAL, 'staffing.rehab-nurse-by-star']);
      expect(notice.items.every((i) => i.status === 'fail' && i.deadline === '2026-03-31' && i.state === 'open')).toBe(true);
      expect(validateNotice(notice), JSON.stringify(validateNotice.errors)).toBe(true);
      const social = notice.items.find((i) => i.rule === SOCIAL)!.position;
      const others = notice.items.filter((i) => i.rule !== SOCIAL).map((i) => i.position);

      // Past its deadline and unanswered: overdue by the calendar of the day judged.
      const late = (await readNotice(s.record, notice.id, '2026-04-05'))!;
      expect(late.items.every((i) => i.state === 'overdue' && i.daysOverdue === 5)).toBe(true);
      expect((await readNotice(s.record, notice.id, '2026-03-31'))!.items.every((i) => i.state === 'open')).toBe(true);

      await respond(s.record, { noticeId: notice.id, items: [social], text: '已招聘社工一名', files: checkEvidence([{ fileName: 'roster.png', bytes: PNG }]), user: 'manager-li' });
      const answered = (await readNotice(s.record, notice.id, '2026-03-10'))!;
      const item = answered.items[social]!;
      expect(item.state).toBe('responded');
      expect(item.responses[0]).toMatchObject({ user: 'manager-li', text: '已招聘社工一名', auditId: null });
      const evidence = item.responses[0]!.evidence[0]!;
      expect(evidence).toMatchObject({ fileName: 'roster.png', contentType: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
      expect((await s.record.getEvidence(evidence.id))!.bytes.equals(PNG)).toBe(true);

      // The corrected workbook, stored as a new audit, resolves the item it shows passing.
      const corrected = await save(s, 1);
      const resolved = (await readNotice(s.record, notice.id, '2026-04-05'))!;
      expect(resolved.items[social]).toMatchObject({ state: 'resolved', resolvedBy: corrected, daysOverdue: 0 });
      expect(resolved.state).toBe('open');
      await expect(noticeDocument(s, notice.id, { lang: 'zh', asOf: '2026-04-05', review: true })).rejects.toThrow(/尚未结案/);

      for (const position of others) await closeItem(s.record, notice.id, position, 'inspector-wang', '现场核查已整改');
      const closed = (await readNotice(s.record, notice.id, '2026-04-05'))!;
      expect(closed.state).toBe('closed');
      expect(closed.items.filter((i) => i.state === 'closed').map((i) => i.note)).toEqual(others.map(() => '现场核查已整改'));
      expect(closed.history.map((h) => h.action)).toEqual(['issue', 'respond', 'resolve', ...others.map(() => 'close')]);
      expect(closed.history.find((h) => h.action === 'resolve')).toMatchObject({ auditId: corrected, user: 'test', item: social });
      expect(validateNotice(closed), JSON.stringify(validateNotice.errors)).toBe(true);
      expect((await listNoticeViews(s.record, { state: 'closed' }, '2026-04-05')).map((v) => v.id)).toEqual([notice.id]);

      const review = await noticeDocument(s, notice.id, { lang: 'zh', asOf: '2026-04-05', review: true });
      const text = (await readPdf(review)).map((p) => p.text).join('');
      expect(text).toContain('整改复查意见书');
      expect(text).toContain(`审核 ${corrected}`);
      expect(text).toContain('现场核查已整改');
      expect(text).toContain('roster.png');
      expect(text).toContain('第 1 页，共 1 页');
    });

    it('writes the 整改通知书 with number, addressee, arithmetic, clause, quote, deadline, bureau and page x of y, the same bytes each time', async () => {
      const s = await open();
      const id = await save(s, 0);
      const notice = await issueNotice(s, { auditId: id, subject: { id: 'H1' }, issuedOn: '2026-03-01', issuedBy: 'inspector-wang', deadline: '2026-05-15' });
      const zh = await noticeDocument(s, notice.id, { lang: 'zh', asOf: '2026-03-02', review: false });
      expect((await noticeDocument(s, notice.id, { lang: 'zh', asOf: '2026-03-02', review: false })).equals(zh)).toBe(true);
      const pages = await readPdf(zh);
      const text = pages.map((p) => p.text).join('');
      const finding = (await s.audits.getAudit(id))!.result.findings.find((f) => f.subject.id === 'H1' && f.rule === SOCIAL)!;
      for (const part of ['整改通知书', notice.number, '颐养测试院（H1）：', '整改期限：2026-05-15', '桐乡市民政局', 'inspector-wang', '（盖章）', finding.source.clause, '每60张']) {
        expect(text).toContain(part);
      }
      expect(text.replace(/\s/g, '')).toContain(finding.message.zh.replace(/\s/g, '').slice(0, 20));
      expect(pages.at(-1)!.text).toContain(`第 ${pages.length} 页，共 ${pages.length} 页`);
      const en = (await readPdf(await noticeDocument(s, notice.id, { lang: 'en', asOf: '2026-03-02', review: false }))).map((p) => p.text).join('');
      expect(en).toContain('Rectification Notice');
      expect(en).toContain('Deadline: 2026-05-15');
      expect(en).toContain('Tongxiang City Civil Affairs Bureau');
      expect(en).toMatch(/Page 1 of \d/);
    });

    it('numbers notices per jurisdiction and year, never twice even when issued at once', async () => {
      const s = await open();
      const id = await save(s, 0);
      const issue = (issuedOn: string, subject = 'H1') => issueNotice(s, { auditId: id, subject: { id: subject }, issuedOn, issuedBy: 'x' });
      const numbers = (await Promise.all(Array.from({ length: 6 }, (_, i) => issue('2026-02-01', i % 2 ? 'H1' : 'H2')))).map((n) => n.number).sort();
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6].map((n) => `桐乡民整〔2026〕${n}号`).sort());
      expect((await issue('2027-01-05')).number).toBe('桐乡民整〔2027〕1号');
      const region = await issueNotice(s, { auditId: id, subject: { id: 'tongxiang', kind: 'region' }, issuedOn: '2026-02-01', issuedBy: 'x', includeWarn: true });
      expect(region.number).toBe('桐乡民整〔2026〕7号');
      await expect(issueNotice(s, { auditId: id, subject: { id: 'NOPE' }, issuedOn: '2026-02-01', issuedBy: 'x' })).rejects.toThrow(/no subject "NOPE"/);
      await expect(issueNotice(s, { auditId: 'nope', subject: { id: 'H1' }, issuedOn: '2026-02-01', issuedBy: 'x' })).rejects.toThrow(/no audit/);
      const passing = await save(s, 1, true);
      await expect(issueNotice(s, { auditId: passing, subject: { id: 'H1' }, issuedOn: '2026-02-01', issuedBy: 'x' })).rejects.toThrow(/nothing to rectify/);
    });

    it('judges overdue on the day asked, with moved deadlines; lists overdue first; reopening forgets an earlier resolution', async () => {
      const s = await open();
      const id = await save(s, 0);
      const a = await issueNotice(s, { auditId: id, subject: { id: 'H1' }, issuedOn: '2026-03-01', issuedBy: 'x', days: 10 });
      const b = await issueNotice(s, { auditId: id, subject: { id: 'H2' }, issuedOn: '2026-03-01', issuedBy: 'x', days: 40 });
      const social = a.items.find((i) => i.rule === SOCIAL)!.position;
      await setDeadline(s.record, a.id, social, 'x', '2026-04-30', '延期申请已批准');
      const view = (await readNotice(s.record, a.id, '2026-03-20'))!;
      expect(view.items[social]).toMatchObject({ deadline: '2026-04-30', state: 'open' });
      expect(view.items.filter((i) => i.position !== social).every((i) => i.state === 'overdue' && i.daysOverdue === 9)).toBe(true);
      expect((await listNoticeViews(s.record, {}, '2026-03-20')).map((v) => v.id)).toEqual([a.id, b.id]);
      expect((await listNoticeViews(s.record, { state: 'overdue' }, '2026-03-20')).map((v) => v.id)).toEqual([a.id]);
      expect((await listNoticeViews(s.record, { facilities: [{ jurisdiction: 'tongxiang', id: 'H2' }] }, '2026-03-20')).map((v) => v.id)).toEqual([b.id]);
      // A facility is (jurisdiction, id): the same id in another county is someone else's.
      expect((await listNoticeViews(s.record, { facilities: [{ jurisdiction: 'anji', id: 'H2' }] }, '2026-03-20')).map((v) => v.id)).toEqual([]);

      // Another facility passing the rule resolves nothing of H1's.
      const both = homeFacts(1);
      const onlyH2 = workbookFacts({ facilities: both.facilities.filter((f) => f.facility_id === 'H2'), staff: both.staff.filter((m) => m.facility_id === 'H2'), regions: both.regions });
      const other = await s.audits.saveAudit(auditOf(onlyH2, Buffer.from(`only H2 ${Math.random()}`)));
      expect((await readNotice(s.record, a.id, '2026-03-20'))!.items[social]!.resolvedBy).toBeNull();
      expect((await readNotice(s.record, b.id, '2026-03-20'))!.items.find((i) => i.rule === SOCIAL)!.resolvedBy).toBe(other);
      const fixed = await save(s, 1);
      expect((await readNotice(s.record, a.id, '2026-03-20'))!.items[social]!.resolvedBy).toBe(fixed);
      await reopenItem(s.record, a.id, social, 'x', '复查发现社工已离职', '2026-03-20');
      const reopened = (await readNotice(s.record, a.id, '2026-05-02'))!.items[social]!;
      expect(reopened).toMatchObject({ state: 'overdue', resolvedBy: null, note: '复查发现社工已离职', daysOverdue: 2 });
      await expect(reopenItem(s.record, a.id, social, 'x', 'again', '2026-05-02')).rejects.toThrow(/not resolved or closed/);
      await expect(closeItem(s.record, a.id, social, 'x', ' ')).rejects.toThrow(/note/);
      const again = await save(s, 2);
      expect((await readNotice(s.record, a.id, '2026-05-02'))!.items[social]).toMatchObject({ state: 'resolved', resolvedBy: again });
    });

    it('waives an item while the waiver holds, flags it once expired or revoked, and never touches the audit', async () => {
      const s = await open();
      const id = await save(s, 0);
      const notice = await issueNotice(s, { auditId: id, subject: { id: 'H1' }, issuedOn: '2026-03-01', issuedBy: 'x' });
      const subject = { kind: 'facility' as const, id: 'H1', jurisdiction: 'tongxiang' };
      const waiver = await addWaiver(s.record, { rule: SOCIAL, subject, reason: '社工招聘困难，暂缓执行', until: '2026-06-30', approvedBy: 'director-zhao' });
      const item = (asOf: string) => readNotice(s.record, notice.id, asOf).then((v) => v!.items.find((i) => i.rule === SOCIAL)!);
      expect(await item('2026-05-01')).toMatchObject({ state: 'waived', waiver: { id: waiver.id, state: 'valid', until: '2026-06-30', approvedBy: 'director-zhao' } });
      expect(await item('2026-07-01')).toMatchObject({ state: 'overdue', waiver: { id: waiver.id, state: 'expired' } });

      const findings = (await s.audits.getAudit(id))!.result.findings;
      const notes = waiverNotes(findings, await s.record.listWaivers(), '2026-05-01');
      expect(notes).toEqual([expect.objectContaining({ id: waiver.id, rule: SOCIAL, status: 'fail', state: 'valid' })]);
      expect(waivedCounts(notes)).toEqual({ fail: 1 });
      expect(waivedCounts(waiverNotes(findings, await s.record.listWaivers(), '2026-07-01'))).toEqual({});
      expect((await s.audits.getAudit(id))!.result.findings).toEqual(findings);

      await revokeWaiver(s.record, waiver.id, 'director-zhao', '已招到社工');
      expect(await item('2026-05-01')).toMatchObject({ state: 'overdue', waiver: { state: 'revoked' } });
      await expect(revokeWaiver(s.record, waiver.id, 'x', null)).rejects.toThrow(/already revoked/);
      expect((await s.record.getWaiver(waiver.id))!.revoked).toMatchObject({ by: 'director-zhao', note: '已招到社工' });
      const history = (await readNotice(s.record, notice.id, '2026-05-01'))!.history;
      expect(history.map((h) => [h.action, h.user])).toEqual([['issue', 'x'], ['waive', 'director-zhao'], ['revoke', 'director-zhao']]);
      expect(history[1]!.note).toContain('社工招聘困难');
    });

    it('puts the stored waivers beside the matrix, its star claims and across rulebooks, judged on the day asked, waived failures counted apart', async () => {
      const s = await open();
      const id = await save(s, 0);
      const subject = (home: string) => ({ kind: 'facility' as const, id: home, jurisdiction: 'tongxiang' });
      // H1's only star shortfall is its rehabilitation nurse; H2's social-worker waiver has lapsed by May.
      const nurse = await addWaiver(s.record, { rule: NURSE, subject: subject('H1'), reason: '康复护士招聘中', until: '2026-12-31', approvedBy: 'director-zhao' });
      const lapsed = await addWaiver(s.record, { rule: SOCIAL, subject: subject('H2'), reason: '社工招聘困难', until: '2026-04-30', approvedBy: 'director-zhao' });
      const on = async (asOf: string) => ({ waivers: await s.record.listWaivers(), asOf });

      const view = await loadMatrix(s.audits, id, {}, await on('2026-05-01'));
      const row = (home: string) => view.matrix.rows.find((r) => r.facility.facility_id === home)!;
      const column = (rule: string) => view.matrix.rules.findIndex((r) => r.id === rule);
      expect([row('H1').cells[column(NURSE)], row('H1').cells[column(SOCIAL)]]).toEqual(['fail', 'fail']);
      expect(row('H1')).toMatchObject({ failures: 2, waivedFailures: 1 });
      expect(row('H1').waivers[column(NURSE)]).toMatchObject({ id: nurse.id, state: 'valid', approvedBy: 'director-zhao', status: 'fail' });
      expect(row('H2')).toMatchObject({ failures: 2, waivedFailures: 0 });
      expect(row('H2').waivers[column(SOCIAL)]).toMatchObject({ id: lapsed.id, state: 'expired' });
      const h1 = view.claims.find((c) => c.facility.facility_id === 'H1')!;
      expect(h1.flagged).toBe(true);
      const verdict = starClaimsTable(view.claims, 'zh').rows.find((cells) => cells[0]!.text.includes('(H1)'))![2]!;
      expect(verdict).toEqual({ text: `声明 4 星，未达 4 星要求\n缺项均已豁免，仍按未达要求列出：${nurse.id} 豁免至 2026-12-31`, status: 'fail' });
      expect((await loadMatrix(s.audits, id, {}, await on('2027-01-01'))).matrix.rows.find((r) => r.facility.facility_id === 'H1')).toMatchObject({ waivedFailures: 0 });

      const across = await loadAcross(s.audits, id, 'anji', undefined, await on('2026-05-01'));
      expect(across.rows.find((r) => r.rule === NURSE && r.subject.id === 'H1')).toMatchObject({ audited: { status: 'fail' }, other: null, waiver: { id: nurse.id, state: 'valid' } });
      const counts = acrossCounts(across);
      expect(counts.audited).toMatchObject({ fail: across.rows.filter((r) => r.audited?.status === 'fail').length, waived: 1 });
      expect(counts.other.waived).toBe(0);
      await revokeWaiver(s.record, nurse.id, 'director-zhao', '已到岗');
      expect(acrossCounts(await loadAcross(s.audits, id, 'anji', undefined, await on('2026-05-01'))).audited.waived).toBe(0);
    });

    it('keeps the history append-only and refuses evidence that is not an image or PDF', async () => {
      const s = await open();
      const id = await save(s, 0);
      const notice = await issueNotice(s, { auditId: id, subject: { id: 'H1' }, issuedOn: '2026-03-01', issuedBy: 'x' });
      await respond(s.record, { noticeId: notice.id, items: [0], text: 'done', files: checkEvidence([{ fileName: 'a.png', bytes: PNG }]), user: 'm' });
      for (const sql of [
        "UPDATE rectification_events SET user_name = 'someone else'",
        'DELETE FROM rectification_events',
        "UPDATE notices SET number = 'x'",
        'DELETE FROM notice_items',
        "UPDATE evidence_files SET file_name = 'x'",
      ]) {
        await expect(engine().query(s.location, sql)).rejects.toThrow(/immutable|append-only/);
      }
      expect(() => checkEvidence([{ fileName: 'macro.xlsm', bytes: Buffer.from('PK\u0003\u0004') }])).toThrow(/not a PNG or JPEG image or a PDF/);
      expect(() => checkEvidence([{ fileName: 'big.pdf', bytes: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]) }])).toThrow(/larger than 10 MB/);
      expect(checkEvidence([{ fileName: 'scan.pdf', bytes: Buffer.from('%PDF-1.7 …') }])[0]!.contentType).toBe('application/pdf');
      await expect(respond(s.record, { noticeId: notice.id, items: [99], text: 'x', files: [], user: 'm' })).rejects.toThrow(/no item 100/);
      await expect(respond(s.record, { noticeId: 'N-nope', items: [0], text: 'x', files: [], user: 'm' })).rejects.toThrow(/no rectification notice/);
    });
  });
}
