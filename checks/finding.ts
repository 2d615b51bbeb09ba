// A finding: one rule's verdict on one subject, with its arithmetic and its source. Built from
// a rule's evaluation by `toFinding`, the one place that decides statuses and shortfalls.
import type { LoadedRulebook, RulebookRule } from './rulebook.js';
import { clean, renderBilingual } from './format.js';
import { fieldLabel } from './contract.js';
import { isWidened, settle, toBounds, type Blank, type Bounds } from './bounds.js';
import { SHEET_KEYS, type SheetKey } from './facts.js';
import { blanksToFill, closing, hingeNote, rangeNote, shownFigures } from './finding-words.js';
import type { Bilingual, Comparison, Evaluation, MessageData, RuleMeta, Status, Subject, Unit } from './types.js';

/** A blank that keeps a finding open (or that a settled finding was reached with). */
export interface FindingBlank {
  sheet: SheetKey;
  /** The id of the blank's row: facility_id, staff_id, area_id, site_id or the jurisdiction. */
  subject: string;
  field: string;
  /** `机构!H5`, where the reader knows the column. */
  cell?: string;
  /** The values the contract lets it take; high null: unbounded. */
  range: [number, number | null];
  /** Stands for so many institutions the region row counts but the workbook does not list. */
  unlisted?: number;
}

export interface Finding {
  rule: string;
  rulebook: string;
  title: Bilingual;
  subject: { kind: Subject['kind']; id: string; name: string; jurisdiction: string };
  status: Status;
  /** The measure over the known entries (null when nothing is known). */
  measured: number | null;
  /** Present whenever a blank widened the measure: every filling lies in [low, high] (high null: unbounded). */
  measuredRange?: [number, number | null];
  required: number | null;
  unit: Unit;
  /**
   * required − measured, in the rule's unit, when the status is fail or warn (the least any
   * filling of the blanks leaves; null where it can come arbitrarily near 0); else null.
   */
  shortfall: number | null;
  due: string | null;
  basis: { included: number; excluded: number } | null;
  missing: string[];
  /** The blanks that keep an `insufficient_data` finding open, or that a settled verdict was reached with. */
  blanks?: FindingBlank[];
  source: { seed: string; clause: string; quote: string; reading?: Bilingual };
  message: Bilingual;
}

/** Places a blank at its cell (`机构!H5`) when the workbook's columns are known. */
export type CellOf = (blank: Blank) => string | undefined;

/** The blanks of `lists`, in order, each named once. */
function findingBlanks(lists: readonly (readonly Blank[])[], cellOf: CellOf | undefined): FindingBlank[] {
  const out: FindingBlank[] = [];
  if (lists.every((list) => list.length === 0)) return out;
  const seen = new Set<string>();
  for (const list of lists) {
    for (const blank of list) {
      const key = `${blank.sheet}\u0000${blank.row}\u0000${blank.subject}\u0000${blank.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { sheet, subject, field } = blank;
      const cell = cellOf?.(blank);
      const range: FindingBlank['range'] = [blank.low, blank.high === Infinity ? null : blank.high];
      // Literals, not spreads (see `assemble`); `unlisted` is the last key, so it may be added.
      const named: FindingBlank = cell ? { sheet, subject, field, cell, range } : { sheet, subject, field, range };
      if (blank.unlisted !== undefined) named.unlisted = blank.unlisted;
      out.push(named);
    }
  }
  return out;
}

function fieldsOf(blanks: readonly FindingBlank[]): string[] {
  return [...new Set(blanks.map((blank) => blank.field))];
}

function joinMessage(...parts: Bilingual[]): Bilingual {
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join('') };
}

/** A missing sheet reads `人员表` / `the Staff sheet`; a field its header. */
function missingLabel(key: string): Bilingual {
  const label = fieldLabel(key);
  return (SHEET_KEYS as readonly string[]).includes(key) ? { zh: `${label.zh}表`, en: `the ${label.en} sheet` } : label;
}

function missingMessage(missing: string[]): Bilingual {
  const labels = missing.map(missingLabel);
  return {
    zh: `数据不足，缺少：${labels.map((l) => l.zh).join('、')}`,
    en: `Insufficient data; missing: ${labels.map((l) => l.en).join(', ')}`,
  };
}

function messageTemplate(messages: Record<string, Bilingual>, id: string, ruleId: string): Bilingual {
  const template = messages[id];
  if (!template) throw new Error(`rule ${ruleId} has no message "${id}"`);
  return template;
}

/** What every finding of one rulebook entry shares, made once per entry (see `headOf`). */
type FindingHead = Pick<Finding, 'rule' | 'rulebook' | 'title' | 'unit' | 'due' | 'source'>;

/** A finding's own part: its verdict, figures and message. */
type Verdict = Omit<Finding, keyof FindingHead | 'subject'>;

// An entry is one rule of one rulebook, so its head is the same object for every subject: a
// county's 19,000 findings share 70 heads instead of building a source block each.
const heads = new WeakMap<RulebookRule, FindingHead>();

function headOf(meta: RuleMeta, entry: RulebookRule, book: LoadedRulebook): FindingHead {
  let head = heads.get(entry);
  if (head === undefined) {
    head = {
      rule: meta.id,
      rulebook: book.id,
      title: meta.title,
      unit: meta.unit,
      due: entry.due,
      source: { seed: book.seed, clause: entry.clause, quote: entry.quote, ...(entry.reading ? { reading: entry.reading } : {}) },
    };
    heads.set(entry, head);
  }
  return head;
}

/**
 * The finding, its keys in the order the JSON output has always written them. Written as
 * whole literals: in Node 20 an object spread followed by more properties costs ~15 µs per
 * object (≈0.3 s over a county's findings), a literal well under 1 µs.
 */
function assemble(head: FindingHead, subject: Finding['subject'], v: Verdict): Finding {
  const { rule, rulebook, title, unit, due, source } = head;
  const { status, measured, required, shortfall, basis, missing, blanks, message } = v;
  if (v.measuredRange !== undefined) {
    const { measuredRange } = v;
    return blanks === undefined
      ? { rule, rulebook, title, subject, unit, due, source, status, measured, measuredRange, required, shortfall, basis, missing, message }
      : { rule, rulebook, title, subject, unit, due, source, status, measured, measuredRange, required, shortfall, basis, missing, blanks, message };
  }
  return blanks === undefined
    ? { rule, rulebook, title, subject, unit, due, source, status, measured, required, shortfall, basis, missing, message }
    : { rule, rulebook, title, subject, unit, due, source, status, measured, required, shortfall, basis, missing, blanks, message };
}

/** Turns a rule's evaluation into a finding with a status, shortfall and message. */
export function toFinding(
  evaluation: Evaluation,
  meta: RuleMeta,
  entry: RulebookRule,
  book: LoadedRulebook,
  subject: Finding['subject'],
  asOf: string,
  cellOf?: CellOf,
): Finding {
  const head = headOf(meta, entry, book);
  switch (evaluation.outcome) {
    case 'not_applicable':
      return assemble(head, subject, {
        status: 'not_applicable',
        measured: null,
        required: null,
        shortfall: null,
        basis: null,
        missing: [],
        message: renderBilingual(messageTemplate(meta.messages, evaluation.messageId, meta.id), evaluation.data ?? {}),
      });
    case 'insufficient_data': {
      const blanks = findingBlanks([evaluation.blanks ?? []], cellOf);
      return assemble(head, subject, {
        status: 'insufficient_data',
        measured: null,
        required: null,
        shortfall: null,
        basis: null,
        missing: evaluation.missing,
        blanks: blanks.length ? blanks : undefined,
        message: blanks.length ? joinMessage(missingMessage(evaluation.missing), blanksToFill(blanks)) : missingMessage(evaluation.missing),
      });
    }
    case 'measured':
      return assemble(head, subject, measuredVerdict(evaluation, meta, entry, asOf, cellOf));
  }
}

function measuredVerdict(
  evaluation: Extract<Evaluation, { outcome: 'measured' }>,
  meta: RuleMeta,
  entry: RulebookRule,
  asOf: string,
  cellOf: CellOf | undefined,
): Verdict {
  const measuredBounds = toBounds(evaluation.measured);
  const requiredBounds = toBounds(evaluation.required);
  const comparison = entry.comparison ?? meta.comparison;
  const settlement = settle(measuredBounds, requiredBounds, comparison);
  const hinges = evaluation.hinges ?? [];
  const status: Status =
    settlement.status === 'pass'
      ? 'pass'
      : settlement.status === 'short' && hinges.length === 0
        ? entry.due !== null && entry.due > asOf
          ? 'warn'
          : 'fail'
        : 'insufficient_data';
  const widened = isWidened(measuredBounds) || isWidened(requiredBounds);
  const measured = measuredBounds.value === null ? null : clean(measuredBounds.value);
  const required = requiredBounds.value === null ? null : clean(requiredBounds.value);
  const shortfall = settlement.status === 'short' && status !== 'insufficient_data' && settlement.shortfall !== null ? clean(settlement.shortfall) : null;
  const measureBlanks = findingBlanks([measuredBounds.blanks, requiredBounds.blanks], cellOf);
  const hingeBlanks = findingBlanks([hinges], cellOf);
  const blanks = hinges.length === 0 ? measureBlanks : findingBlanks([measuredBounds.blanks, requiredBounds.blanks, hinges], cellOf);
  // The rule's own data over the shown figures (Object.assign: a spread of the two costs ~5 µs).
  const data = Object.assign(shownFigures(measuredBounds, requiredBounds, meta.unit, status), evaluation.data);
  // Nothing known and nothing settled: the arithmetic would be over no entries at all.
  const parts =
    measuredBounds.value === null && status === 'insufficient_data'
      ? [missingMessage(fieldsOf(blanks))]
      : [joinStrict(renderBilingual(messageTemplate(meta.messages, evaluation.messageId, meta.id), data, strictWords(comparison, data)))];
  if (evaluation.basis && evaluation.basis.excluded > 0 && !widened) parts.push(basisNote(evaluation.basis));
  if (widened) parts.push(rangeNote(measuredBounds, requiredBounds, meta.unit, measureBlanks, status !== 'insufficient_data'));
  parts.push(closing(status, settlement, comparison, meta.unit, entry.due, widened));
  if (status === 'insufficient_data') parts.push(settlement.status === 'open' ? blanksToFill(blanks) : hingeNote(hingeBlanks));
  if (evaluation.detail) parts.push(evaluation.detail);
  return {
    status,
    measured,
    measuredRange: isWidened(measuredBounds) ? rangeOf(measuredBounds) : undefined,
    required,
    shortfall,
    basis: evaluation.basis ?? null,
    missing: status === 'insufficient_data' ? fieldsOf(settlement.status === 'open' ? blanks : hingeBlanks) : [],
    blanks: blanks.length ? blanks : undefined,
    message: joinMessage(...parts),
  };
}

/** A strict rule says so where its template states the requirement: `要求大于 60%` / `more than 60% required`. */
function strictWords(comparison: Comparison, data: MessageData): { zh: MessageData; en: MessageData } | undefined {
  if (comparison !== 'gt' || data.required === undefined) return undefined;
  // Templates write `要求 {required}`; the strict word joins 要求 without a space.
  return { zh: { required: `\u0000大于 ${data.required}` }, en: { required: `more than ${data.required}` } };
}

function joinStrict(message: Bilingual): Bilingual {
  // Only a strict rule's message has the mark; the others skip the pattern.
  if (!message.zh.includes('\u0000')) return message;
  return { zh: message.zh.replace(/ ?\u0000/g, ''), en: message.en };
}

function rangeOf(bounds: Bounds): [number, number | null] {
  return [clean(bounds.low), bounds.high === Infinity ? null : clean(bounds.high)];
}

function basisNote(basis: { included: number; excluded: number }): Bilingual {
  const total = basis.included + basis.excluded;
  return {
    zh: `（依据 ${total} 项中的 ${basis.included} 项，${basis.excluded} 项数据空缺未计入）`,
    en: ` (based on ${basis.included} of ${total}; ${basis.excluded} left out for blank data)`,
  };
}

