// Writes the PDF audit report (the whole audit) or facility report (one facility) of an audit,
// its findings read from a source a page at a time (a stored audit: from the store, never held
// whole). Pages stream straight to `out`, so memory stays flat however many facilities the
// audit has ("page x of y" is written at the end: layout.ts). Dates come from the options,
// never the clock, so one audit always gives the same bytes.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Finding } from '../../checks/finding.js';
import type { AuditResult } from '../audit/result.js';
import type { WaiverNote } from '../rectify/waivers.js';
import { drawChart } from './chart.js';
import { bracketed, labelled, LABELS } from './labels.js';
import { INK, MUTED, PdfLayout, STATUS_COLOURS, type Column } from './layout.js';

/** Waivers print in the colour of a warning: shown, never hidden, never mistaken for a pass. */
const WAIVER_INK = STATUS_COLOURS.warn.ink;
import { buildReportModel, issueRow, pageLabel, reportTotals, sectionOf, type FindingView, type ReportModel, type ReportOptions } from './model.js';
import { resultSource, type ReportSource } from './source.js';

export { UnknownFacilityError } from '../audit/presentation.js';
export type { ReportOptions } from './model.js';

function cover(layout: PdfLayout, model: ReportModel): void {
  layout.gap(60);
  layout.text(model.title, { size: 22, bold: true, gapAfter: 6 });
  if (model.subtitle) layout.text(model.subtitle, { size: 14, colour: MUTED, gapAfter: 24 });
  const labelWidth = 90;
  for (const line of model.cover) {
    const y = layout.doc.y;
    layout.text(line.label, { size: 9.5, colour: MUTED, width: labelWidth });
    const labelBottom = layout.doc.y;
    layout.doc.y = y;
    layout.text(line.value, { size: 9.5, indent: labelWidth, gapAfter: 0 });
    layout.doc.y = Math.max(layout.doc.y, labelBottom) + 4;
  }
  layout.gap(14);
  layout.text(LABELS.rulebooks[model.lang], { size: 11, bold: true, gapAfter: 4 });
  for (const book of model.rulebooks) {
    layout.text(book.title, { size: 10, bold: true });
    layout.text(book.detail, { size: 8.5, colour: MUTED, gapAfter: book.draft ? 2 : 6 });
    if (book.draft) layout.text(LABELS.draft[model.lang], { size: 9, bold: true, colour: STATUS_COLOURS.fail.ink, gapAfter: 6 });
  }
}

async function summary(layout: PdfLayout, model: ReportModel, source: ReportSource, waivers: readonly WaiverNote[]): Promise<void> {
  const { lang } = model;
  layout.newPage();
  layout.heading(LABELS.summary[lang], 1);
  layout.text(LABELS.counts[lang], { size: 10, bold: true, gapAfter: 4 });
  layout.ensure(20);
  let x = layout.left;
  const y = layout.doc.y;
  for (const { status, word, count } of model.counts) {
    x += layout.badge(status, `${word} ${count}`, x, y) + 8;
  }
  layout.doc.y = y + 22;
  if (model.chart.rows.length) {
    layout.text(LABELS[model.chart.kind === 'byRule' ? 'chartByRule' : 'chartByFinding'][lang], { size: 10, bold: true, gapAfter: 4 });
    drawChart(layout, model.chart, lang);
  }
  layout.heading(LABELS.issues[lang], 2);
  if (model.issueCount === 0) {
    layout.text(LABELS.noIssues[lang], { gapAfter: 6 });
    return;
  }
  const widths = [100, 105, 40, 52, 52, 55, 48, 47];
  const columns: Column[] = model.issueHeader.map((header, i) => ({ header, width: widths[i]!, align: i >= 3 && i <= 5 ? 'right' : 'left' }));
  const table = layout.startTable(columns, { statusColumn: 2 });
  for await (const page of source.pages('issues')) {
    for (const finding of page) table.row(issueRow(finding, lang, waivers));
    await layout.pause();
  }
  table.end();
}

export function drawFinding(layout: PdfLayout, view: FindingView, lang: 'zh' | 'en'): void {
  const { doc } = layout;
  const titleStyle = { size: 9.5, bold: true, indent: 56 } as const;
  layout.ensure(layout.measure(view.title, titleStyle) + 40);
  const y = doc.y;
  layout.badge(view.status, view.word, layout.left, y);
  layout.text(view.title, titleStyle);
  const detail = { size: 8.5, indent: 56 } as const;
  if (view.figures) layout.text(view.figures, { ...detail, bold: true });
  layout.text(labelled(LABELS.arithmetic[lang], view.message, lang), detail);
  const facts = [
    ...(view.shortfall ? [labelled(LABELS.shortfall[lang], view.shortfall, lang)] : []),
    labelled(LABELS.due[lang], view.due, lang),
    labelled(LABELS.clause[lang], view.clause, lang),
  ];
  layout.text(facts.join(lang === 'zh' ? '　' : '   '), { ...detail, colour: INK });
  layout.text(labelled(LABELS.quote[lang], `「${view.quote}」`, lang), { ...detail, colour: MUTED });
  if (view.reading) layout.text(labelled(LABELS.reading[lang], view.reading, lang), { ...detail, colour: MUTED });
  if (view.waiver) layout.text(view.waiver, { ...detail, bold: true, colour: WAIVER_INK });
  layout.gap(7);
}

function compact(layout: PdfLayout, view: FindingView, lang: 'zh' | 'en'): void {
  const { doc } = layout;
  const message = view.missing ? bracketed(view.message, labelled(LABELS.missing[lang], view.missing, lang), lang) : view.message;
  const text = `${view.title} — ${message} [${view.clause}]`;
  const style = { size: 8, indent: 56, colour: MUTED } as const;
  layout.ensure(layout.measure(text, style) + 2);
  layout.badge(view.status, view.word, layout.left, doc.y - 1);
  layout.text(text, { ...style, gapAfter: 2 });
}

/** Sections drawn between two pauses: see details(). */
const SECTIONS_PER_PAUSE = 25;

/** The findings in stored order, a subject's at a time (the engine stores them subject by subject). */
async function* bySubject(source: ReportSource): AsyncGenerator<Finding[]> {
  let group: Finding[] = [];
  let key = '';
  for await (const page of source.pages('stored')) {
    for (const finding of page) {
      const next = `${finding.subject.kind}\u0000${finding.subject.id}`;
      if (next !== key && group.length) {
        yield group;
        group = [];
      }
      key = next;
      group.push(finding);
    }
  }
  if (group.length) yield group;
}

async function details(layout: PdfLayout, model: ReportModel, source: ReportSource, waivers: readonly WaiverNote[]): Promise<void> {
  const { lang } = model;
  // A facility report is short: its findings follow the summary on the same page.
  if (model.scope === 'audit') layout.newPage();
  layout.heading(LABELS.details[lang], 1);
  let index = 0;
  for await (const group of bySubject(source)) {
    const section = sectionOf(group, lang, waivers);
    layout.heading(section.heading, 2);
    layout.text(section.subheading, { size: 8, colour: MUTED, gapAfter: 5 });
    for (const view of section.full) drawFinding(layout, view, lang);
    for (const view of section.compact) compact(layout, view, lang);
    layout.gap(4);
    // Drawing never waits by itself, so without a pause every byte of a county's report would
    // queue in memory before the file saw any of it: see PdfLayout.pause().
    if (index++ % SECTIONS_PER_PAUSE === SECTIONS_PER_PAUSE - 1) await layout.pause();
  }
}

function rejected(layout: PdfLayout, model: ReportModel): void {
  const { lang } = model;
  layout.newPage();
  layout.heading(LABELS.rejected[lang], 1);
  const [cell, code, message] = model.rejected!.header as [string, string, string];
  layout.table(
    [
      { header: cell, width: 80 },
      { header: code, width: 80 },
      { header: message, width: layout.width - 160 },
    ],
    model.rejected!.rows.map((cells) => ({ cells })),
  );
}

function warnings(layout: PdfLayout, model: ReportModel): void {
  if (!model.warnings.length) return;
  layout.heading(LABELS.warnings[model.lang], 2);
  for (const warning of model.warnings) layout.text(`· ${warning}`, { size: 8, colour: MUTED, gapAfter: 2 });
}

/** The report of an audit whose findings come from `source`, page by page (a stored audit: storeSource). */
export async function writeReportFrom(source: ReportSource, options: ReportOptions, out: NodeJS.WritableStream): Promise<void> {
  const model = buildReportModel(source.head, await reportTotals(source, options), options);
  const waivers = options.waivers ?? [];
  const layout = new PdfLayout(out, { title: `${model.title} ${model.subtitle}`.trim(), created: new Date(options.generatedAt) }, (page, pages) => ({
    left: model.footer.id,
    right: pageLabel(model.footer.pageTemplate, page, pages),
  }));
  const done = finished(out as NodeJS.WritableStream & Writable);
  cover(layout, model);
  if (model.rejected) rejected(layout, model);
  else {
    await summary(layout, model, source, waivers);
    await details(layout, model, source, waivers);
  }
  warnings(layout, model);
  layout.end();
  await done;
}

/** The report of a result in memory (an unstored check, a facility's part of an audit). */
export async function writeReport(result: AuditResult, options: ReportOptions, out: NodeJS.WritableStream): Promise<void> {
  await writeReportFrom(resultSource(result, result.valid ? options.facility : undefined), options, out);
}
