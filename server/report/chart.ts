// The summary chart, drawn as vectors: for an audit, one stacked bar per rule (how many
// findings of each status); for a facility, one bar per measured finding (measured as a share
// of the requirement, with the requirement marked). Colours always come with a legend of words.
import type { Status } from '../../checks/types.js';
import { formatPercent } from '../../checks/format.js';
import { STATUS_ORDER, STATUS_WORDS } from '../audit/presentation.js';
import { LABELS } from './labels.js';
import type { Chart } from './model.js';
import { INK, MUTED, RULE_LINE, STATUS_COLOURS, type PdfLayout } from './layout.js';

const BAR = 9;
const ROW = 15;
const LABEL_WIDTH = 190;

function legend(layout: PdfLayout, statuses: readonly Status[], lang: 'zh' | 'en', requirement = false): void {
  const { doc } = layout;
  layout.ensure(ROW);
  let x = layout.left;
  const y = doc.y;
  doc.font('regular').fontSize(7.5);
  for (const status of statuses) {
    doc.save().rect(x, y + 1, 8, 8).fill(STATUS_COLOURS[status].ink).restore();
    const word = STATUS_WORDS[status][lang];
    doc.fillColor(INK).text(word, x + 11, y, { lineBreak: false });
    x += 11 + doc.widthOfString(word) + 12;
  }
  if (requirement) {
    doc.save().moveTo(x + 3, y - 1).lineTo(x + 3, y + 10).lineWidth(1).strokeColor(INK).stroke().restore();
    doc.fillColor(INK).text(`${LABELS.requirementLine[lang]} 100%`, x + 8, y, { lineBreak: false });
  }
  doc.y = y + ROW;
}

function label(layout: PdfLayout, text: string, y: number): void {
  layout.doc.font('regular').fontSize(7.5).fillColor(INK);
  layout.line(text, layout.left, y, LABEL_WIDTH - 6);
}

export function drawChart(layout: PdfLayout, chart: Chart, lang: 'zh' | 'en'): void {
  const { doc } = layout;
  const barLeft = layout.left + LABEL_WIDTH;
  const barWidth = layout.width - LABEL_WIDTH - 40;
  if (chart.kind === 'byRule') {
    legend(layout, STATUS_ORDER.filter((s) => s !== 'not_applicable'), lang);
    const max = Math.max(1, ...chart.rows.map((r) => STATUS_ORDER.reduce((sum, s) => sum + (s === 'not_applicable' ? 0 : r.counts[s]), 0)));
    for (const row of chart.rows) {
      layout.ensure(ROW);
      const y = doc.y;
      label(layout, row.label, y);
      let x = barLeft;
      let total = 0;
      for (const status of STATUS_ORDER) {
        if (status === 'not_applicable' || row.counts[status] === 0) continue;
        const width = (row.counts[status] / max) * barWidth;
        doc.save().rect(x, y + 1, width, BAR).fill(STATUS_COLOURS[status].ink).restore();
        x += width;
        total += row.counts[status];
      }
      doc.font('regular').fontSize(7.5).fillColor(MUTED).text(String(total), x + 4, y, { lineBreak: false });
      doc.y = y + ROW;
    }
  } else {
    legend(layout, ['fail', 'warn', 'pass'], lang, true);
    const scale = barWidth / 1.5;
    for (const row of chart.rows) {
      layout.ensure(ROW);
      const y = doc.y;
      label(layout, row.label, y);
      const width = Math.min(row.ratio, 1.5) * scale;
      doc.save().rect(barLeft, y + 1, Math.max(width, 0.5), BAR).fill(STATUS_COLOURS[row.status].ink).restore();
      doc.save().moveTo(barLeft + scale, y - 1).lineTo(barLeft + scale, y + BAR + 3).lineWidth(1).strokeColor(INK).stroke().restore();
      const shown = row.ratio > 1.5 ? `>${formatPercent(1.5)}` : formatPercent(row.ratio);
      doc.font('regular').fontSize(7.5).fillColor(MUTED).text(shown, barLeft + Math.max(width, scale) + 4, y, { lineBreak: false });
      doc.y = y + ROW;
    }
  }
  doc.save().moveTo(barLeft, doc.y).lineTo(barLeft + barWidth, doc.y).lineWidth(0.4).strokeColor(RULE_LINE).stroke().restore();
  doc.x = layout.left;
  layout.gap(8);
}
