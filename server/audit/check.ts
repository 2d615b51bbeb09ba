// The check pipeline, a function of its input: bytes → guard → read → evaluate → result.
import { createHash } from 'node:crypto';
import { evaluateWorkbook } from '../../checks/engine.js';
import type { WorkbookFacts } from '../../checks/facts.js';
import { defaultRulebooks, type LoadedRulebook } from '../../checks/rulebook.js';
import { inspectUpload, type GuardLimits } from '../workbook/guard.js';
import { printable, WorkbookRejected } from '../workbook/problems.js';
import { readWorkbook, type JurisdictionName } from '../workbook/read.js';
import { countStatuses, type AuditResult, type RulebookSummary } from './result.js';
import { TOOL } from './version.js';
import { todayInChina } from './today.js';

export interface CheckOptions {
  fileName: string;
  /** `YYYY-MM-DD`; else the latest `as_of` of the region sheet, else today in China. */
  asOf?: string;
  /** Check every subject against this rulebook instead of its own jurisdiction's. */
  rulebook?: string;
  limits?: Partial<GuardLimits>;
  rulebooks?: readonly LoadedRulebook[];
}


export function jurisdictionNames(books: readonly LoadedRulebook[]): JurisdictionName[] {
  return books.map((book) => ({ id: book.id, names: [book.names.zh, book.names.en, ...book.aliases] }));
}

function summarise(book: LoadedRulebook): RulebookSummary {
  return { id: book.id, version: book.version, status: book.status, title: book.document.title };
}

/** The rulebooks an audit used: the forced one, else those of the jurisdictions present. */
function rulebooksUsed(facts: WorkbookFacts, books: readonly LoadedRulebook[], forced?: string): LoadedRulebook[] {
  if (forced) return books.filter((book) => book.id === forced);
  const used = new Set<string>();
  for (const list of [facts.facilities, facts.areas, facts.regions]) for (const item of list) used.add(item.jurisdiction);
  return books.filter((book) => used.has(book.id));
}

function latestRegionDate(facts: WorkbookFacts): string | undefined {
  const dates = facts.regions.map((region) => region.as_of).filter((date): date is string => date !== null);
  return dates.length ? dates.sort().at(-1) : undefined;
}

/** The result, and the facts it was computed from (kept by the store; null when rejected). */
export interface CheckOutcome {
  result: AuditResult;
  facts: WorkbookFacts | null;
}

export async function checkWorkbook(bytes: Buffer, options: CheckOptions): Promise<CheckOutcome> {
  const books = options.rulebooks ?? defaultRulebooks();
  if (options.rulebook && !books.some((book) => book.id === options.rulebook)) {
    throw new Error(`unknown rulebook "${options.rulebook}"`);
  }
  const base = {
    tool: { ...TOOL },
    workbook: { file: options.fileName, sha256: createHash('sha256').update(bytes).digest('hex'), rows: {} },
  };
  const rejected = (errors: AuditResult['errors'], warnings: AuditResult['warnings'] = [], rows = {}): CheckOutcome => ({
    facts: null,
    result: {
    ...base,
    asOf: options.asOf ?? todayInChina(),
    valid: false,
    workbook: { ...base.workbook, rows },
    rulebooks: [],
    summary: countStatuses([]),
    findings: [],
    errors: errors.map(printable),
    warnings: warnings.map(printable),
    },
  });
  let zip;
  try {
    zip = await inspectUpload(bytes, options.fileName, options.limits);
  } catch (error) {
    if (error instanceof WorkbookRejected) return rejected([error.problem]);
    throw error;
  }
  try {
    const read = await readWorkbook(zip, jurisdictionNames(books));
    if (!read.facts) return rejected(read.errors, read.warnings, read.rows);
    const asOf = options.asOf ?? latestRegionDate(read.facts) ?? todayInChina();
    const findings = evaluateWorkbook(read.facts, books, { asOf, ...(options.rulebook ? { rulebook: options.rulebook } : {}) });
    const result: AuditResult = {
      ...base,
      asOf,
      valid: true,
      workbook: { ...base.workbook, rows: read.rows },
      rulebooks: rulebooksUsed(read.facts, books, options.rulebook).map(summarise),
      summary: countStatuses(findings),
      findings,
      errors: [],
      warnings: read.warnings.map(printable),
    };
    return { result, facts: read.facts };
  } catch (error) {
    if (error instanceof WorkbookRejected) return rejected([error.problem]);
    throw error;
  } finally {
    zip.close();
  }
}

