// The columns a header names, in one row or two. Chinese statistical forms group columns under
// a merged cell (`床位数` over `总数 | 护理型 | 认知障碍`); such a header reads as the group and
// the lower cell together, in whichever of the accepted forms names a column of the sheet:
//   lower + group            护理型 + 床位数     → 护理型床位数
//   group without 数 + lower 床位(数) + 总数      → 床位总数
//   group + lower            床位 + 总数        → 床位总数
//   lower alone              基本信息 over 机构编号 → 机构编号
//   the one column that begins with the lower cell and ends with the group
//                            认知障碍 … 床位数   → 认知障碍照护床位数
// A group spans the columns of its merge; where the format does not give merges before the rows
// (streamed .xlsx, CSV), it spans the blank cells to its right that have a lower cell, which is
// what a merge leaves in the grid.
import type { MergeRange } from './sources/source.js';

export interface HeaderText {
  /** The text matched against the contract's headers. */
  match: string;
  /** The header as the form shows it: `床位数/护理型` for a two-row header. */
  shown: string;
}

export interface HeaderLayout {
  /** Column index → its header text. */
  columns: Map<number, HeaderText>;
  /** The header took two rows: data starts two rows below its top. */
  twoRows: boolean;
}

/** The candidate names of `lower` under the group `group`, most specific first. */
export function groupForms(group: string, lower: string): string[] {
  const stem = group.endsWith('数') ? group.slice(0, -1) : group;
  return [...new Set([lower + group, stem + lower, group + lower, lower])];
}

interface Span {
  column: number;
  last: number;
  text: string;
}

/** Groups of the upper row: a cell merged across columns, or followed by blanks over lower cells. */
function groupSpans(upper: ReadonlyMap<number, string>, lower: ReadonlyMap<number, string>, merges: readonly MergeRange[], row: number): Span[] {
  const spans: Span[] = [];
  const filled = [...upper].filter(([, text]) => text !== '').map(([column]) => column).sort((a, b) => a - b);
  for (const [i, column] of filled.entries()) {
    const text = upper.get(column)!;
    const merge = merges.find((m) => m.firstRow === row && m.lastRow === row && m.firstColumn === column && m.lastColumn > column);
    let last = column;
    if (merge) last = merge.lastColumn;
    else if (merges.length === 0) {
      const next = filled[i + 1] ?? Infinity;
      while (last + 1 < next && (lower.get(last + 1) ?? '') !== '') last += 1;
    }
    if (last > column && (lower.get(column) ?? '') !== '') spans.push({ column, last, text });
  }
  return spans;
}

/**
 * The header's columns. `lower` is the row right below `upper` (null when there is none): it is
 * the lower half of a two-row header when all its cells stand under groups of `upper` and at
 * least one group reads as a known column; otherwise it is data.
 */
export function headerColumns(
  upper: ReadonlyMap<number, string>,
  lower: ReadonlyMap<number, string> | null,
  merges: readonly MergeRange[],
  row: number,
  isKnown: (text: string) => boolean,
  names: readonly string[] = [],
): HeaderLayout {
  const single = (): HeaderLayout => ({
    columns: new Map([...upper].filter(([, text]) => text !== '').map(([column, text]) => [column, { match: text, shown: text }])),
    twoRows: false,
  });
  if (!lower) return single();
  const spans = groupSpans(upper, lower, merges, row);
  const inSpan = (column: number) => spans.some((span) => column >= span.column && column <= span.last);
  if (spans.length === 0 || [...lower].some(([column, text]) => text !== '' && !inSpan(column))) return single();
  const columns = new Map<number, HeaderText>();
  let known = 0;
  for (const [column, text] of upper) if (text !== '' && !inSpan(column)) columns.set(column, { match: text, shown: text });
  for (const span of spans) {
    for (let column = span.column; column <= span.last; column += 1) {
      const sub = lower.get(column) ?? '';
      if (sub === '') continue;
      const forms = groupForms(span.text, sub);
      let match = forms.find(isKnown);
      if (match === undefined) {
        const stem = span.text.endsWith('数') ? span.text.slice(0, -1) : span.text;
        const candidates = names.filter((name) => name.startsWith(sub) && (name.endsWith(span.text) || name.endsWith(stem)));
        if (candidates.length === 1) match = candidates[0];
      }
      if (match !== undefined) known += 1;
      columns.set(column, { match: match ?? `${span.text}${sub}`, shown: `${span.text}/${sub}` });
    }
  }
  return known > 0 ? { columns, twoRows: true } : single();
}
