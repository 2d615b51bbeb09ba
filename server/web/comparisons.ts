// The comparisons the pages and the API show, loaded from the store's findings and facts (never
// from a workbook) and computed by the compare core. The routes let only roles that see every
// facility reach here, so an audit is read whole. Unknown audits and facilities are a 404, a
// pick outside two to six or an unknown rulebook a 400.
import { defaultRulebooks } from '../../checks/rulebook.js';
import type { WorkbookFacts } from '../../checks/facts.js';
import { UnknownFacilityError } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import { todayInChina } from '../audit/today.js';
import type { WaiversOn } from '../rectify/waivers.js';
import type { RectificationStore } from '../store/rectification-types.js';
import { acrossRulebooks, type AcrossRulebooks } from '../compare/across-rulebooks.js';
import { diffAudits, type AuditDiff } from '../compare/diff.js';
import { buildMatrix, type Matrix } from '../compare/matrix.js';
import { readMatrixOptions, type MatrixOptionsText } from '../compare/matrix-options.js';
import type { PickRef } from '../compare/picks.js';
import { sideBySide, type FacilityPick, type SideBySide } from '../compare/side-by-side.js';
import { starClaims, type StarClaim } from '../compare/star-claims.js';
import type { AuditListItem, AuditStore, StoredAudit } from '../store/types.js';
import { badField, notFound } from './context.js';

export async function storedAudit(store: AuditStore, auditId: string): Promise<StoredAudit> {
  const stored = await store.getAudit(auditId);
  if (!stored) throw notFound();
  return stored;
}

async function storedFacts(store: AuditStore, auditId: string): Promise<WorkbookFacts> {
  const facts = await store.getFacts(auditId);
  if (!facts) throw notFound();
  return facts;
}

/**
 * Runs a compare-core step, its refusals turned into HTTP answers: a RangeError is a 400 about
 * `field`, or about the option its message starts with (`stars must be 0 to 5, …`).
 */
function answering<T>(step: () => T, field?: string): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof UnknownFacilityError) throw notFound();
    if (error instanceof RangeError) throw badField(field ?? /^(\w+) /.exec(error.message)?.[1] ?? 'query', error.message);
    throw error;
  }
}

/** Every waiver, judged today in China (as the audit pages judge them): what comparisons show beside their findings. */
export async function waiversToday(record: RectificationStore): Promise<WaiversOn> {
  return { waivers: await record.listWaivers(), asOf: todayInChina() };
}

export async function loadSideBySide(store: AuditStore, picks: readonly PickRef[], onlyDifferent: boolean, waivers: WaiversOn): Promise<SideBySide> {
  const results = new Map<string, AuditResult>();
  const resolved: FacilityPick[] = [];
  for (const pick of picks) {
    if (!results.has(pick.auditId)) results.set(pick.auditId, (await storedAudit(store, pick.auditId)).result);
    resolved.push({ ...pick, result: results.get(pick.auditId)! });
  }
  return answering(() => sideBySide(resolved, { onlyDifferent, waivers }), 'facility');
}

export interface DiffView {
  first: StoredAudit;
  second: StoredAudit;
  diff: AuditDiff;
}

export async function loadDiff(store: AuditStore, a: string, b: string, facility: string | undefined, waivers: WaiversOn): Promise<DiffView> {
  const [first, second] = [await storedAudit(store, a), await storedAudit(store, b)];
  return { first, second, diff: diffAudits(first.result, second.result, { ...(facility ? { facility } : {}), waivers }) };
}

export interface MatrixView {
  stored: StoredAudit;
  facts: WorkbookFacts;
  matrix: Matrix;
  claims: StarClaim[];
}

export async function loadMatrix(store: AuditStore, auditId: string, text: MatrixOptionsText, waivers: WaiversOn): Promise<MatrixView> {
  const options = answering(() => readMatrixOptions(text));
  const stored = await storedAudit(store, auditId);
  const facts = await storedFacts(store, auditId);
  return { stored, facts, matrix: buildMatrix(stored.result, facts, { ...options, waivers }), claims: starClaims(stored.result, facts, { waivers }) };
}

export async function loadAcross(store: AuditStore, auditId: string, rulebook: string, facility: string | undefined, waivers: WaiversOn): Promise<AcrossRulebooks> {
  const stored = await storedAudit(store, auditId);
  const facts = await storedFacts(store, auditId);
  return answering(() => acrossRulebooks(stored.result, facts, defaultRulebooks(), rulebook, { ...(facility ? { facility } : {}), waivers }), 'rulebook');
}

const AUDIT_CHOICES = 200;

/** The newest audits, for the pickers of the comparison forms. */
export function auditChoices(store: AuditStore): Promise<AuditListItem[]> {
  return store.listAudits({ limit: AUDIT_CHOICES });
}
