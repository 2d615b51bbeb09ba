// The report as data: everything a PDF page shows, computed from the audit result alone (the
// workbook is never re-read). Plain functions of their input, so the layout only draws: the
// first pages from totals gathered in one walk over the findings, then each issue row and each
// subject's section as its findings come, page by page.
import { visible } from '../workbook/text.js';
import type { Finding } from '../../checks/finding.js';
import { findingQuantities } from '../../checks/finding-words.js';
import { formatQuantity, formatShortfall, renderTemplate, type Lang } from '../../checks/format.js';
import { defaultRulebooks } from '../../checks/rulebook.js';
import type { Status } from '../../checks/types.js';
import { asOfText, groupBySubject, KIND_WORDS, STATUS_ORDER, STATUS_WORDS, UnknownFacilityError, type SubjectGroup } from '../audit/presentation.js';
import type { AuditResult, StatusCounts } from '../audit/result.js';
import { countWithWaived, noteOf, notesAmong, waivedCounts, type WaiverNote } from '../rectify/waivers.js';
import type { ReportSource } from './source.js';
import { waiverLine } from '../rectify/words.js';
import { bracketed, labelled, LABELS } from './labels.js';

export interface ReportOptions {
  /** The stored audit's id, or null for an unstored check. */
  auditId: string | null;
  /** ISO timestamp printed as "generated"; a stored audit's createdAt keeps the bytes stable. */
  generatedAt: string;
  lang: Lang;
  /** Only this facility's findings (the facility report); an unknown id throws UnknownFacilityError. */
  facility?: string;
  /** Waivers beside the findings (stored apart from the audit, judged on the report's day). */
  waivers?: readonly WaiverNote[];
}

export interface CoverLine {
  label: string;
  value: string;
}

export interface RulebookLine {
  id: string;
  title: string;
  detail: string;
  draft: boolean;
}

export interface FindingView {
  status: Status;
  word: string;
  title: string;
  /** `实测 320 张 · 要求 590 张`, or null when nothing was measured. */
  figures: string | null;
  message: string;
  shortfall: string | null;
  due: string;
  clause: string;
  quote: string;
  reading: string | null;
  missing: string | null;
  /** The waiver beside the finding, valid or flagged as lapsed; null when there is none. */
  waiver: string | null;
}

export interface SubjectSection {
  heading: string;
  subheading: string;
  /** Failures, warnings, passes: drawn in full. */
  full: FindingView[];
  /** Not applicable and insufficient data: one line each. */
  compact: FindingView[];
}

export interface IssueRow {
  status: Status;
  cells: string[];
}

export type Chart =
  | { kind: 'byRule'; rows: { label: string; counts: Record<Status, number> }[] }
  | { kind: 'byFinding'; rows: { label: string; ratio: number; status: Status }[] };

export interface ReportModel {
  lang: Lang;
  scope: 'audit' | 'facility';
  title: string;
  subtitle: string;
  cover: CoverLine[];
  rulebooks: RulebookLine[];
  /** Each status's count, with its waived part when there is one: `8（其中豁免 1）`. */
  counts: { status: Status; word: string; count: string }[];
  chart: Chart;
  issueHeader: string[];
  /** How many rows the issues table has (drawn from the source, page by page). */
  issueCount: number;
  rejected: { header: string[]; rows: string[][] } | null;
  warnings: string[];
  footer: { id: string; pageTemplate: string };
}

const t = (key: keyof typeof LABELS, lang: Lang) => LABELS[key][lang];

/** A jurisdiction's name from its rulebook (`tongxiang` → 桐乡市), or its id if none is loaded. */
function jurisdictionName(id: string, lang: Lang): string {
  return defaultRulebooks().find((book) => book.id === id)?.names[lang] ?? id;
}

function subjectLabel(subject: Finding['subject'], lang: Lang): string {
  return bracketed(`${KIND_WORDS[subject.kind][lang]} ${subject.name}`, subject.id, lang);
}

export function findingView(finding: Finding, lang: Lang, waivers: readonly WaiverNote[] = []): FindingView {
  const note = noteOf(finding, waivers);
  const quantities = findingQuantities(finding, lang);
  const figures =
    quantities.measured !== null && quantities.required !== null
      ? `${t('measured', lang)} ${quantities.measured} · ${t('required', lang)} ${quantities.required}`
      : null;
  return {
    status: finding.status,
    word: STATUS_WORDS[finding.status][lang],
    title: finding.title[lang],
    figures,
    message: finding.message[lang],
    shortfall: finding.shortfall === null ? null : formatShortfall(finding.shortfall, finding.unit, lang),
    due: finding.due ?? t('noDue', lang),
    clause: `${finding.rulebook} ${finding.source.clause}`,
    quote: finding.source.quote,
    reading: finding.source.reading?.[lang] ?? null,
    missing: finding.missing.length ? finding.missing.join(', ') : null,
    waiver: note ? waiverLine(note, lang) : null,
  };
}

export function issueRow(f: Finding, lang: Lang, waivers: readonly WaiverNote[]): IssueRow {
  return {
    status: f.status,
    cells: [
      subjectLabel(f.subject, lang),
      f.title[lang],
      STATUS_WORDS[f.status][lang] + (noteOf(f, waivers)?.state === 'valid' ? (lang === 'zh' ? '（豁免）' : ' (waived)') : ''),
      f.measured === null ? '—' : formatQuantity(f.measured, f.unit, lang),
      f.required === null ? '—' : formatQuantity(f.required, f.unit, lang),
      f.shortfall === null ? '—' : formatShortfall(f.shortfall, f.unit, lang),
      f.due ?? t('noDue', lang),
      `${f.rulebook} ${f.source.clause}`,
    ],
  };
}

/** One subject's section from its findings (all of them, in stored order). */
export function sectionOf(group: readonly Finding[], lang: Lang, waivers: readonly WaiverNote[]): SubjectSection {
  const [{ subject, findings }] = groupBySubject(group) as [SubjectGroup];
  const views = findings.map((f) => findingView(f, lang, waivers));
  const books = [...new Set(findings.map((f) => f.rulebook))].join(', ');
  return {
    heading: subjectLabel(subject, lang),
    subheading: `${labelled(t('jurisdictions', lang), jurisdictionName(subject.jurisdiction, lang), lang)} · ${t('ruleOfBook', lang)} ${books}`,
    full: views.filter((v) => v.status === 'fail' || v.status === 'warn' || v.status === 'pass'),
    compact: views.filter((v) => v.status === 'insufficient_data' || v.status === 'not_applicable'),
  };
}

/**
 * What the report's first pages need from all of the findings, gathered in one walk over them
 * (a page at a time): counts, rulebooks and jurisdictions used, the chart, the waived counts.
 * Its size follows the rules and rulebooks, not the audit (but for a facility's chart, which
 * has a row per finding of that one facility).
 */
export interface ReportTotals {
  counts: StatusCounts;
  rulebooks: Set<string>;
  /** Jurisdiction ids in the order they first appear. */
  jurisdictions: string[];
  /** The seed of each rulebook (of its last finding). */
  seeds: Map<string, string>;
  chart: Chart;
  waived: Partial<StatusCounts>;
  /** The first finding's subject name (a facility report's facility). */
  firstName: string | null;
}

export async function reportTotals(source: ReportSource, options: ReportOptions): Promise<ReportTotals> {
  const { lang } = options;
  const notes = options.waivers ?? [];
  const counts: StatusCounts = { pass: 0, warn: 0, fail: 0, not_applicable: 0, insufficient_data: 0 };
  const rulebooks = new Set<string>();
  const jurisdictions = new Set<string>();
  const seeds = new Map<string, string>();
  const byRule = new Map<string, { label: string; counts: Record<Status, number> }>();
  const byFinding: Extract<Chart, { kind: 'byFinding' }>['rows'] = [];
  const noted = new Set<WaiverNote>();
  let firstName: string | null = null;
  for await (const page of source.pages('stored')) {
    for (const finding of page) {
      firstName ??= finding.subject.name;
      counts[finding.status] += 1;
      rulebooks.add(finding.rulebook);
      jurisdictions.add(finding.subject.jurisdiction);
      seeds.set(finding.rulebook, finding.source.seed);
      if (options.facility) {
        if (finding.measured !== null && finding.required !== null && finding.required > 0) {
          byFinding.push({ label: finding.title[lang], ratio: finding.measured / finding.required, status: finding.status });
        }
      } else {
        let row = byRule.get(finding.rule);
        if (!row) byRule.set(finding.rule, (row = { label: finding.title[lang], counts: { fail: 0, warn: 0, insufficient_data: 0, pass: 0, not_applicable: 0 } }));
        row.counts[finding.status] += 1;
      }
      if (notes.length) for (const note of notesAmong([finding], notes)) noted.add(note);
    }
  }
  const chart: Chart = options.facility
    ? { kind: 'byFinding', rows: byFinding }
    : { kind: 'byRule', rows: [...byRule.values()].filter((row) => row.counts.not_applicable < Object.values(row.counts).reduce((a, b) => a + b, 0)) };
  return { counts, rulebooks, jurisdictions: [...jurisdictions], seeds, chart, waived: waivedCounts(notes.filter((n) => noted.has(n))), firstName };
}

/** The report's model but its findings (drawn from the source, page by page). */
export function buildReportModel(head: AuditResult, totals: ReportTotals, options: ReportOptions): ReportModel {
  const { lang } = options;
  const scope = options.facility ? 'facility' : 'audit';
  if (options.facility && totals.firstName === null) throw new UnknownFacilityError(options.facility);
  // A facility's counts and rulebooks are its own (as forFacility cuts them).
  const summary = options.facility ? totals.counts : head.summary;
  const bookList = options.facility ? head.rulebooks.filter((b) => totals.rulebooks.has(b.id)) : head.rulebooks;
  const result = { ...head, summary };
  const jurisdictions = totals.jurisdictions.map((id) => jurisdictionName(id, lang));
  const facilityName = options.facility ? totals.firstName : null;
  const cover: CoverLine[] = [
    ...(facilityName ? [{ label: t('facility', lang), value: bracketed(facilityName, options.facility!, lang) }] : []),
    { label: t('jurisdictions', lang), value: jurisdictions.join('、') || '—' },
    { label: t('asOf', lang), value: asOfText(result, lang) },
    // A facility manager's copy names no workbook (its name and hash describe every facility).
    ...(result.workbook.sha256 ? [{ label: t('workbook', lang), value: visible(result.workbook.file) }, { label: t('sha256', lang), value: result.workbook.sha256 }] : []),
    { label: t('auditId', lang), value: options.auditId ?? t('notStored', lang) },
    { label: t('generated', lang), value: options.generatedAt },
    { label: t('tool', lang), value: `${result.tool.name} ${result.tool.version}` },
  ];
  const seeds = totals.seeds;
  const waived = totals.waived;
  const rulebooks = bookList.map((book) => ({
    id: book.id,
    title: book.title[lang],
    detail: `${lang === 'en' ? `${book.title.zh} · ` : ''}${book.id} ${book.version} · ${book.status === 'draft_for_comment' ? t('draftStatus', lang) : t('inForce', lang)}${seeds.has(book.id) ? ` · ${t('source', lang)} ${seeds.get(book.id)}` : ''}`,
    draft: book.status === 'draft_for_comment',
  }));
  return {
    lang,
    scope,
    title: t(scope === 'facility' ? 'facilityTitle' : 'auditTitle', lang),
    subtitle: facilityName ?? jurisdictions.join('、'),
    cover,
    rulebooks,
    counts: STATUS_ORDER.map((status) => ({ status, word: STATUS_WORDS[status][lang], count: countWithWaived(result.summary[status], waived[status], lang) })),
    chart: totals.chart,
    issueHeader: (['subject', 'rule', 'status', 'measured', 'required', 'shortfall', 'due', 'clause'] as const).map((k) => t(k, lang)),
    issueCount: totals.counts.fail + totals.counts.warn,
    rejected: result.valid
      ? null
      : {
          header: [t('cell', lang), t('code', lang), t('message', lang)],
          rows: result.errors.map((e) => [e.cell ?? e.sheet ?? '—', e.code, e.message[lang]]),
        },
    warnings: result.warnings.map((w) => w.message[lang]),
    footer: {
      id: `${t('auditId', lang)} ${options.auditId ?? t('notStored', lang)}${result.workbook.sha256 ? ` · ${result.workbook.sha256.slice(0, 12)}` : ''}`,
      pageTemplate: t('page', lang),
    },
  };
}

export function pageLabel(template: string, page: number, pages: number): string {
  return renderTemplate(template, { page: String(page), pages: String(pages) });
}
