// Every comparison as a plain table of text cells (a status cell keeps its status for colour),
// the one shape that the Excel and PDF exports and the CLI's text output all draw.
import type { Finding } from '../../checks/finding.js';
import { findingQuantities } from '../../checks/finding-words.js';
import { formatPercent, type Lang } from '../../checks/format.js';
import type { Status } from '../../checks/types.js';
import { KIND_WORDS, STATUS_WORDS } from '../audit/presentation.js';
import { countWithWaived, type WaiverNote } from '../rectify/waivers.js';
import { waiverLine, waiverTag } from '../rectify/words.js';
import type { AcrossRulebooks } from './across-rulebooks.js';
import { waivedFailures, type AuditDiff, type DiffEntry } from './diff.js';
import type { Matrix } from './matrix.js';
import type { SideBySide } from './side-by-side.js';
import type { StarClaim } from './star-claims.js';

export interface TableCell {
  text: string;
  status?: Status;
}

export interface Table {
  title: string;
  /** A line under the title (the diff's waived failures), where there is something to say. */
  note?: string;
  columns: string[];
  rows: TableCell[][];
}

export const NOT_IN_RULEBOOK = { zh: '不在本规则集', en: 'not in this rulebook' } as const;
const w = (zh: string, en: string, lang: Lang) => (lang === 'zh' ? zh : en);

/** A finding's figures as text: `2 人 / 3 人` (measured / required) and `1 人` (shortfall). */
export function findingFigures(finding: Finding, lang: Lang): { measuredRequired: string | null; shortfall: string | null } {
  const figures = findingQuantities(finding, lang);
  return {
    measuredRequired: figures.measured !== null && figures.required !== null ? `${figures.measured} / ${figures.required}` : null,
    shortfall: figures.shortfall,
  };
}

/** `不合格 · 实测 2 人 / 要求 3 人 · 缺 1 人`, or "not in this rulebook"; a waiver on its own line below. */
export function findingCell(finding: Finding | null, lang: Lang, waiver: WaiverNote | null = null): TableCell {
  if (!finding) return { text: NOT_IN_RULEBOOK[lang] };
  const figures = findingFigures(finding, lang);
  const parts = [STATUS_WORDS[finding.status][lang]];
  if (figures.measuredRequired !== null) parts.push(figures.measuredRequired);
  if (figures.shortfall !== null) parts.push(`${w('缺', 'short', lang)} ${figures.shortfall}`);
  const text = parts.join(' · ');
  return { text: waiver ? `${text}\n${waiverLine(waiver, lang)}` : text, status: finding.status };
}

function subjectText(subject: Finding['subject'], lang: Lang): string {
  return `${KIND_WORDS[subject.kind][lang]} ${subject.name} (${subject.id})`;
}

export function diffTables(diff: AuditDiff, lang: Lang): Table[] {
  const columns = [w('对象', 'Subject', lang), w('规则', 'Rule', lang), w('之前', 'Before', lang), w('之后', 'After', lang)];
  const table = (title: string, entries: DiffEntry[]): Table => {
    // Failures under a valid waiver are counted apart, as the diff page does: `仍不合格 3（其中豁免 1）`.
    const waived = waivedFailures(entries);
    return {
      title,
      ...(waived ? { note: `${title} ${countWithWaived(entries.length, waived, lang)}` } : {}),
      columns,
      rows: entries.map((e) => [
        { text: subjectText(e.subject, lang) },
        { text: (e.after ?? e.before)!.title[lang] },
        findingCell(e.before, lang, e.before && e.waiver),
        findingCell(e.after, lang, e.after && e.waiver),
      ]),
    };
  };
  return [
    table(w('新增不合格', 'New failures', lang), diff.newFailures),
    table(w('仍不合格', 'Still failing', lang), diff.stillFailing),
    table(w('已整改', 'Resolved', lang), diff.resolved),
    table(w('其他变化', 'Changed', lang), diff.changed),
  ];
}

export function sideBySideTable(view: SideBySide, lang: Lang): Table {
  return {
    title: w('机构对比', 'Facilities side by side', lang),
    columns: [w('规则', 'Rule', lang), ...view.columns.map((c) => `${c.name} (${c.facilityId}) · ${c.asOf}`)],
    rows: view.rows.map((row) => [{ text: row.same ? row.title[lang] : `${row.title[lang]} ≠` }, ...row.cells.map((cell, i) => findingCell(cell, lang, row.waivers[i] ?? null))]),
  };
}

/** A heat-map cell: the status word, and beside it the waiver in a few words (`不合格 · 豁免至 2027-03-31`). */
function matrixCell(status: Status | null, waiver: WaiverNote | null, lang: Lang): TableCell {
  if (!status) return { text: NOT_IN_RULEBOOK[lang] };
  const word = STATUS_WORDS[status][lang];
  return { text: waiver ? `${word} · ${waiverTag(waiver, lang)}` : word, status };
}

export function matrixTable(matrix: Matrix, lang: Lang): Table {
  return {
    title: w('机构 × 规则矩阵与排名', 'Facilities × rules, ranked', lang),
    columns: [
      w('名次', 'Rank', lang),
      w('机构', 'Facility', lang),
      w('星级', 'Stars', lang),
      w('合格率', 'Pass rate', lang),
      w('相对缺口合计', 'Total relative shortfall', lang),
      w('不合格', 'Failures', lang),
      ...matrix.rules.map((rule) => rule.title[lang]),
    ],
    rows: matrix.rows.map((row) => [
      { text: String(row.rank) },
      { text: `${row.facility.name} (${row.facility.facility_id})` },
      { text: row.facility.star_rating === null ? '—' : String(row.facility.star_rating) },
      { text: row.passRate === null ? '—' : formatPercent(row.passRate) },
      { text: formatPercent(row.relativeShortfall) },
      { text: countWithWaived(row.failures, row.waivedFailures, lang) },
      ...row.cells.map((status, i) => matrixCell(status, row.waivers[i] ?? null, lang)),
    ]),
  };
}

/**
 * A flagged claim's verdict: short of what its stars require, whatever waivers cover the
 * shortfalls (a waiver never turns a fail into a pass); each waiver is named below it.
 */
function starVerdict(claim: StarClaim, lang: Lang): TableCell {
  const stars = claim.stars;
  const verdict = w(`声明 ${stars} 星，未达 ${stars} 星要求`, `claims ${stars} ${stars === 1 ? 'star' : 'stars'}, fails what ${stars} ${stars === 1 ? 'star requires' : 'stars require'}`, lang);
  const notes = claim.shortfalls.map((f) => claim.waivers[claim.findings.indexOf(f)] ?? null);
  const named = notes.filter((note): note is WaiverNote => note !== null).map((note) => `${note.id} ${waiverTag(note, lang)}`);
  if (named.length === 0) return { text: verdict, status: 'fail' };
  const allWaived = notes.every((note) => note?.state === 'valid');
  const lead = allWaived ? w('缺项均已豁免，仍按未达要求列出', 'every shortfall is waived; still listed as failing', lang) : w('豁免', 'waivers', lang);
  return { text: `${verdict}\n${lead}${w('：', ': ', lang)}${named.join(w('；', '; ', lang))}`, status: 'fail' };
}

export function starClaimsTable(claims: readonly StarClaim[], lang: Lang): Table {
  return {
    title: w('星级声明一致性', 'Star-claim consistency', lang),
    columns: [w('机构', 'Facility', lang), w('星级', 'Stars', lang), w('结论', 'Verdict', lang), w('星级要求的规则', 'Star rules', lang), w('支撑事实', 'Facts behind the stars', lang)],
    rows: claims.map((claim) => [
      { text: `${claim.facility.name} (${claim.facility.facility_id})` },
      { text: String(claim.stars) },
      claim.flagged ? starVerdict(claim, lang) : { text: w('与星级相符', 'consistent', lang), status: 'pass' },
      { text: claim.findings.map((f, i) => `${f.title[lang]}${w('：', ': ', lang)}${findingCell(f, lang, claim.waivers[i] ?? null).text}`).join('\n') || w('本规则集无星级规则', 'no star rules in this rulebook', lang) },
      {
        text: [
          `${w('床位', 'beds', lang)} ${claim.facility.total_beds ?? '—'}`,
          `${w('康复室', 'rehab room', lang)} ${claim.facility.has_rehab_room === null ? '—' : claim.facility.has_rehab_room ? w('有', 'yes', lang) : w('无', 'no', lang)}`,
          ...(claim.staff
            ? [
                `${w('康复护士', 'rehab nurses', lang)} ${claim.staff.rehab_nurse}`,
                `${w('康复医师/治疗师', 'rehab physicians/therapists', lang)} ${claim.staff.rehab_physician + claim.staff.rehab_therapist}`,
              ]
            : []),
        ].join(' · '),
      },
    ]),
  };
}

export function acrossTable(view: AcrossRulebooks, lang: Lang): Table {
  return {
    title: w(`按 ${view.rulebook.names.zh} 规则集重新审核`, `Re-evaluated under ${view.rulebook.names.en}`, lang),
    columns: [w('对象', 'Subject', lang), w('规则', 'Rule', lang), w('原审核', 'As audited', lang), `${view.rulebook.names[lang]} (${view.rulebook.id})`],
    rows: view.rows.map((row) => [{ text: subjectText(row.subject, lang) }, { text: row.title[lang] }, findingCell(row.audited, lang, row.audited && row.waiver), findingCell(row.other, lang, row.other && row.waiver)]),
  };
}

/** A table as plain text for the terminal: one line per row, cells separated by " | ". */
export function tableText(table: Table): string {
  const lines = [`== ${table.title} (${table.rows.length})`, ...(table.note ? [table.note] : []), table.columns.join(' | ')];
  for (const row of table.rows) lines.push(row.map((cell) => cell.text.replaceAll('\n', '; ')).join(' | '));
  return lines.join('\n') + '\n';
}
