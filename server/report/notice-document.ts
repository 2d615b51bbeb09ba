// The two documents of the rectification cycle, as a county bureau sends them: the 整改通知书
// (number, addressee, each finding with its arithmetic, clause and quoted sentence, each
// deadline, the bureau and inspector, signature and seal) and, once a notice is closed, the
// 整改复查意见书 (each item with how it was settled: which audit, which note, which waiver).
// Laid out twice like the audit report, for "page x of y"; every date comes from the stored
// record, never the clock, so the same record gives the same bytes.
import { visible } from '../workbook/text.js';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Lang } from '../../checks/format.js';
import type { Finding } from '../../checks/finding.js';
import { STATUS_WORDS } from '../audit/presentation.js';
import { RectificationError } from '../store/rectification-types.js';
import { bureauOf } from '../rectify/bureau.js';
import { readNotice, unknownNotice, type Stores } from '../rectify/service.js';
import type { ItemView, NoticeView } from '../rectify/state.js';
import { INK, MUTED, PdfLayout } from './layout.js';
import { findingView } from './model.js';
import { fill, NOTICE_LABELS as L } from './notice-labels.js';
import { drawFinding } from './render.js';

export interface NoticeDocumentOptions {
  lang: Lang;
  asOf: string;
  /** The 整改复查意见书 of a closed notice instead of the notice itself. */
  review: boolean;
}

interface DocumentData {
  view: NoticeView;
  /** The day the notice's audit was stored. */
  auditDate: string;
  findings: Map<string, Finding>;
  lang: Lang;
  review: boolean;
}

const day = (iso: string) => iso.slice(0, 10);

function signatureBlock(layout: PdfLayout, data: DocumentData, dateLabel: string, date: string): void {
  const { lang, view } = data;
  const bureau = bureauOf(view.subject.jurisdiction);
  const colon = lang === 'zh' ? '：' : ': ';
  layout.ensure(170);
  layout.gap(18);
  const right = { size: 10.5, indent: layout.width * 0.45 } as const;
  layout.text(`${L.issuer[lang]}${colon}${bureau.name[lang]}`, right);
  layout.text(`${L.inspector[lang]}${colon}${view.issuedBy}`, right);
  layout.text(`${dateLabel}${colon}${date}`, { ...right, gapAfter: 14 });
  layout.text(L.signature[lang], { ...right, gapAfter: 10 });
  // The seal: a dashed ring where the bureau stamps the paper copy, below the signature line.
  const { doc } = layout;
  const cx = layout.left + layout.width * 0.8;
  const cy = doc.y + 36;
  doc.save().circle(cx, cy, 34).lineWidth(0.8).dash(3, { space: 3 }).strokeColor(MUTED).stroke().undash().restore();
  doc.font('regular').fontSize(9).fillColor(MUTED).text(L.seal[lang], cx - 34, cy - 5, { width: 68, align: 'center', lineBreak: false });
  doc.x = layout.left;
  doc.y = cy + 50;
  if (!data.review) layout.text(L.receipt[lang], { size: 10, colour: INK });
}

function header(layout: PdfLayout, title: string, number: string, addressee: string): void {
  layout.gap(24);
  layout.text(title, { size: 22, bold: true, align: 'center', gapAfter: 8 });
  layout.text(number, { size: 11, align: 'center', gapAfter: 18 });
  layout.rule();
  layout.text(addressee, { size: 11.5, bold: true, gapAfter: 8 });
}

function addresseeOf(view: NoticeView, lang: Lang): string {
  return lang === 'zh' ? `${view.subject.name}（${view.subject.id}）：` : `To: ${view.subject.name} (${view.subject.id})`;
}

function drawNotice(layout: PdfLayout, data: DocumentData): void {
  const { view, lang } = data;
  header(layout, L.noticeTitle[lang], view.number, addresseeOf(view, lang));
  layout.text(fill(L.noticeBody[lang], { date: data.auditDate, audit: view.auditId }), { size: 10.5, gapAfter: 12 });
  for (const item of view.items) {
    layout.ensure(90);
    layout.text(`${fill(L.item[lang], { n: item.position + 1 })}　${L.deadline[lang]}${lang === 'zh' ? '：' : ': '}${item.deadline}`, { size: 11, bold: true, gapAfter: 4 });
    const finding = data.findings.get(item.rule);
    if (finding) drawFinding(layout, findingView(finding, lang), lang);
    else layout.text(`${item.rule} ${STATUS_WORDS[item.status][lang]}`, { gapAfter: 6 });
  }
  signatureBlock(layout, data, L.issued[lang], view.issuedAt);
}

function settlement(item: ItemView, view: NoticeView, lang: Lang): string {
  if (item.state === 'resolved') {
    const entry = view.history.find((h) => h.action === 'resolve' && h.item === item.position)!;
    return fill(L.resolvedBy[lang], { date: day(entry.at), audit: item.resolvedBy!, user: entry.user, status: lang === 'zh' ? '合格或不适用' : 'met or not applicable' });
  }
  if (item.state === 'closed') {
    const entry = view.history.filter((h) => h.action === 'close' && h.item === item.position).at(-1)!;
    return fill(L.closedBy[lang], { user: entry.user, date: day(entry.at), note: entry.note ?? '' });
  }
  const waiver = item.waiver!;
  return fill(L.waivedBy[lang], { id: waiver.id, until: waiver.until, user: waiver.approvedBy, reason: waiver.reason });
}

/** The day the last item was settled: the re-inspection's date. */
function reviewDate(view: NoticeView): string {
  return day(view.history.filter((h) => h.action !== 'issue').at(-1)?.at ?? view.issuedAt);
}

function drawReview(layout: PdfLayout, data: DocumentData): void {
  const { view, lang } = data;
  header(layout, L.reviewTitle[lang], fill(L.reviewNumber[lang], { number: view.number }), addresseeOf(view, lang));
  layout.text(fill(L.reviewBody[lang], { date: view.issuedAt, number: view.number, count: view.items.length }), { size: 10.5, gapAfter: 12 });
  for (const item of view.items) {
    const finding = data.findings.get(item.rule);
    layout.ensure(70);
    layout.text(`${fill(L.item[lang], { n: item.position + 1 })}　${finding?.title[lang] ?? item.rule}`, { size: 11, bold: true, gapAfter: 3 });
    if (finding) layout.text(finding.message[lang], { size: 8.5, colour: MUTED, indent: 14, gapAfter: 3 });
    for (const response of item.responses) {
      layout.text(fill(L.response[lang], { user: response.user, date: day(response.at), text: response.text }), { size: 9, indent: 14, gapAfter: 2 });
      if (response.evidence.length) {
        const files = response.evidence.map((e) => `${visible(e.fileName)} (sha256 ${e.sha256.slice(0, 16)}…)`).join(lang === 'zh' ? '、' : ', ');
        layout.text(fill(L.evidence[lang], { files }), { size: 8, colour: MUTED, indent: 14, gapAfter: 2 });
      }
    }
    layout.text(settlement(item, view, lang), { size: 10, bold: true, indent: 14, gapAfter: 10 });
  }
  layout.text(L.reviewClosed[lang], { size: 10.5, gapAfter: 6 });
  signatureBlock(layout, data, L.reviewed[lang], reviewDate(view));
}

async function draw(data: DocumentData, out: Writable): Promise<void> {
  const { view, lang, review } = data;
  const title = review ? L.reviewTitle[lang] : L.noticeTitle[lang];
  const created = new Date(review ? `${reviewDate(view)}T00:00:00Z` : `${view.issuedAt}T00:00:00Z`);
  const layout = new PdfLayout(out, { title: `${title} ${view.number}`, created }, (page, pages) => ({
    left: `${view.number} · ${view.subject.name}`,
    right: fill(L.page[lang], { page, pages }),
  }));
  const done = finished(out);
  if (review) drawReview(layout, data);
  else drawNotice(layout, data);
  layout.end();
  await done;
}

function collector(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
}

/** The PDF bytes of a notice (or, with `review`, of its re-inspection opinion). */
export async function noticeDocument(stores: Stores, id: string, options: NoticeDocumentOptions): Promise<Buffer> {
  const view = await readNotice(stores.record, id, options.asOf);
  if (!view) throw unknownNotice(id);
  if (options.review && view.state !== 'closed') {
    throw new RectificationError(
      `通知书 ${view.number} 尚未结案，不能出具整改复查意见书 / notice ${view.number} is not closed yet: there is no re-inspection opinion to write`,
    );
  }
  const stored = await stores.audits.getAudit(view.auditId, view.subject.kind === 'facility' ? { facility: view.subject.id } : undefined);
  const findings = new Map<string, Finding>();
  for (const f of stored?.result.findings ?? []) {
    if (f.subject.kind === view.subject.kind && f.subject.id === view.subject.id && f.subject.jurisdiction === view.subject.jurisdiction) findings.set(f.rule, f);
  }
  const data: DocumentData = { view, auditDate: stored ? day(stored.createdAt) : view.issuedAt, findings, lang: options.lang, review: options.review };
  const chunks: Buffer[] = [];
  await draw(data, collector(chunks));
  return Buffer.concat(chunks);
}
