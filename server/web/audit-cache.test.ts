import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { auditOf, countyFacts } from '../../test/support/store-audits.js';
import { withAuditCache } from './audit-cache.js';

const store = openStore(join(mkdtempSync(join(tmpdir(), 'eldercare-cache-')), 'cache.db'));
afterAll(() => store.close());

describe('withAuditCache', () => {
  it('reads a whole audit from the store once, then hands out the same one', async () => {
    const id = await store.saveAudit(auditOf(countyFacts(3), Buffer.from('cached once')));
    const cached = withAuditCache(store);
    const first = await cached.getAudit(id);
    expect(first!.result).toEqual((await store.getAudit(id))!.result);
    expect(await cached.getAudit(id)).toBe(first);
  });

  it('reads one facility of an audit from the store every time', async () => {
    const audit = auditOf(countyFacts(3), Buffer.from('scoped reads'));
    const id = await store.saveAudit(audit);
    const cached = withAuditCache(store);
    const facility = audit.result.findings.find((f) => f.subject.kind === 'facility')!.subject.id;
    const scoped = await cached.getAudit(id, { facility });
    expect(scoped!.result.findings.every((f) => f.subject.id === facility)).toBe(true);
    expect(await cached.getAudit(id, { facility })).not.toBe(scoped);
  });

  it('keeps no more findings than its limit, letting the least recent audit go first', async () => {
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await store.saveAudit(auditOf(countyFacts(4), Buffer.from(`limit ${n}`))));
    const perAudit = (await store.getAudit(ids[0]!))!.result.findings.length;
    const cached = withAuditCache(store, perAudit * 2);
    const [a, b, c] = [await cached.getAudit(ids[0]!), await cached.getAudit(ids[1]!), await cached.getAudit(ids[0]!)];
    expect(c).toBe(a);
    await cached.getAudit(ids[2]!); // a third audit: b, the least recent, leaves
    expect(await cached.getAudit(ids[0]!)).toBe(a);
    expect(await cached.getAudit(ids[1]!)).not.toBe(b);
  });

  it('remembers no missing audit, and passes every other call through', async () => {
    const cached = withAuditCache(store);
    expect(await cached.getAudit('nope')).toBeNull();
    const id = await store.saveAudit(auditOf(countyFacts(1), Buffer.from('after a miss')));
    expect((await cached.listAudits({ limit: 1 }))[0]!.auditId).toBe(id);
    expect(cached.engine).toBe(store.engine);
    expect((await cached.getOriginal(id))!.bytes.toString()).toBe('after a miss');
  });
});
