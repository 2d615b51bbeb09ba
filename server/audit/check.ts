// The check pipeline, a function of its input: bytes → guard → read → evaluate → result.
import { evaluateWorkbook } from '../../checks/engine.js';
import type { WorkbookFacts } from '../../checks/facts.js';
import { defaultRulebooks, type LoadedRulebook } from '../../checks/rulebook.js';
import type { GuardLimits } from '../workbook/guard.js';
import { forFile, printable, WorkbookRejected, type Problem } from '../workbook/problems.js';
import { readSources, type JurisdictionName } from '../workbook/read.js';
import { openSource } from '../workbook/sources/open.js';
import type { WorkbookSource } from '../workbook/sources/source.js';
import { asOfDates } from '../../checks/as-of.js';
import { countStatuses, type AuditResult, type RulebookSummary } from './result.js';
import { TOOL } from './version.js';
import { inputFiles, workbookIdentity, type CheckInput } from './check-input.js';
import { todayInChina } from './today.js';

export interface CheckOptions {
  /** The file's name when one file (a Buffer) is checked; several files carry their own. */
  fileName: string;
  /** `YYYY-MM-DD` for every jurisdiction; else each one's own `统计日期` (checks/as-of.ts). */
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

/** The warning that the region rows carry different dates: each jurisdiction is judged on its own. */
function datesDifferWarning(facts: WorkbookFacts): Problem {
  const sheet = facts.places?.region?.name ?? '地区';
  const list = facts.regions.filter((r) => r.as_of !== null).map((r) => `${r.jurisdiction} ${r.as_of}`);
  return {
    code: 'as_of_differs',
    sheet,
    row: null,
    column: facts.places?.region?.columns['as_of'] ?? null,
    header: '统计日期',
    cell: null,
    value: null,
    message: {
      zh: `地区表各行统计日期不同（${list.join('，')}），各地区按本行日期分别审核`,
      en: `The region rows carry different dates (${list.join(', ')}); each jurisdiction is judged on its own date`,
    },
  };
}

/** The result, and the facts it was computed from (kept by the store; null when rejected). */
export interface CheckOutcome {
  result: AuditResult;
  facts: WorkbookFacts | null;
}

export async function checkWorkbook(input: CheckInput, options: CheckOptions): Promise<CheckOutcome> {
  const books = options.rulebooks ?? defaultRulebooks();
  if (options.rulebook && !books.some((book) => book.id === options.rulebook)) {
    throw new Error(`unknown rulebook "${options.rulebook}"`);
  }
  const files = inputFiles(input, options);
  const base = {
    tool: { ...TOOL },
    workbook: { ...workbookIdentity(files), rows: {} },
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
  const sources: WorkbookSource[] = [];
  try {
    // Every file is opened (and so checked at the gate) before any is read.
    for (const file of files) sources.push(await forFile(files.length > 1 ? file.name : null, () => openSource(file, options.limits)));
    const read = await readSources(sources, jurisdictionNames(books));
    if (!read.facts) return rejected(read.errors, read.warnings, read.rows);
    const dates = asOfDates(read.facts, options.asOf, todayInChina);
    const asOf = dates.asOf;
    const findings = evaluateWorkbook(read.facts, books, {
      asOf,
      asOfByJurisdiction: dates.byJurisdiction,
      ...(options.rulebook ? { rulebook: options.rulebook } : {}),
    });
    const result: AuditResult = {
      ...base,
      asOf,
      asOfByJurisdiction: dates.byJurisdiction,
      valid: true,
      workbook: { ...base.workbook, rows: read.rows },
      rulebooks: rulebooksUsed(read.facts, books, options.rulebook).map(summarise),
      summary: countStatuses(findings),
      findings,
      errors: [],
      warnings: (dates.mixed ? [...read.warnings, datesDifferWarning(read.facts)] : read.warnings).map(printable),
    };
    return { result, facts: read.facts };
  } catch (error) {
    if (error instanceof WorkbookRejected) return rejected([error.problem]);
    throw error;
  } finally {
    for (const source of sources) source.close();
  }
}
