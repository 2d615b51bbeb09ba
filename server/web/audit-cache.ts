// Stored audits never change (the store refuses updates and deletes), so the web app keeps the
// last few it read whole: an inspector paging and filtering a county-scale audit, or many users
// opening the audit just uploaded, read it from the database once. Every other call, and every
// read of one facility's part, goes to the store as it is. Bounded by findings held, not by
// audits, since one county audit outweighs hundreds of small ones. Each instance keeps its own:
// with immutable audits, nothing can go stale between instances.
import type { AuditScope, AuditStore, StoredAudit } from '../store/types.js';

export const CACHED_FINDINGS = 100_000;

export function withAuditCache(store: AuditStore, limit = CACHED_FINDINGS): AuditStore {
  // A Map keeps insertion order: re-inserting on a hit makes the first entry the least recent.
  const cache = new Map<string, Promise<StoredAudit | null>>();
  const sizes = new Map<string, number>();
  let held = 0;

  const remember = (auditId: string, read: Promise<StoredAudit | null>) => {
    cache.set(auditId, read);
    const current = () => cache.get(auditId) === read;
    read.then(
      (stored) => {
        if (!current()) return; // let go while it was being read
        if (!stored) {
          cache.delete(auditId);
          return;
        }
        sizes.set(auditId, stored.result.findings.length);
        held += stored.result.findings.length;
        for (const [oldest] of cache) {
          if (held <= limit || oldest === auditId) break;
          held -= sizes.get(oldest) ?? 0;
          sizes.delete(oldest);
          cache.delete(oldest);
        }
      },
      () => {
        if (current()) cache.delete(auditId);
      },
    );
  };

  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'getAudit') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (auditId: string, scope?: AuditScope): Promise<StoredAudit | null> => {
        if (scope) return target.getAudit(auditId, scope);
        const hit = cache.get(auditId);
        if (hit) {
          cache.delete(auditId);
          cache.set(auditId, hit);
          return hit;
        }
        const read = target.getAudit(auditId);
        remember(auditId, read);
        return read;
      };
    },
  });
}
