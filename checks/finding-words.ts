// The words a finding adds to its rule's arithmetic: how it closes (met, short by, equal but
// must exceed, not yet due), what blanks it was reached with, and which blanks keep an open
// finding open. Kept apart from the status logic in finding.ts; every sentence here says only
// what the status and the figures say, so that a message never contradicts its verdict.
import type { Bounds, Settlement } from './bounds.js';
import { CONTRACT, fieldLabel } from './contract.js';
import type { FindingBlank } from './finding.js';
import { digitsToTellApart, formatNumber, formatPercent, formatShortfall, UNIT_LABELS } from './format.js';
import type { Bilingual, Comparison, MessageData, Status, Unit } from './types.js';

const FORMAT_OF = (unit: Unit) => (unit === 'share' ? formatPercent : formatNumber);

/** A range as a reader sees it: `95%–100%`, `10–310 张/万名老年人`, `10 or more`. */
export function rangeText(bounds: Bounds, unit: Unit, lang: 'zh' | 'en', withUnit = true): string {
  const format = FORMAT_OF(unit);
  const label = withUnit && unit !== 'share' && UNIT_LABELS[unit][lang] ? ` ${UNIT_LABELS[unit][lang]}` : '';
  if (bounds.high === Infinity) {
    return lang === 'zh' ? `${format(bounds.low, 2)}${label} 及以上（无上限）` : `${format(bounds.low, 2)}${label} or more (no upper bound)`;
  }
  const digits = digitsToTellApart(bounds.low, bounds.high, format);
  return bounds.low === bounds.high ? `${format(bounds.low, digits)}${label}` : `${format(bounds.low, digits)}–${format(bounds.high, digits)}${label}`;
}

/**
 * `{measured}` and `{required}` for the rule's template: the known value with enough digits
 * that a figure short of its requirement never prints equal to it; the range where nothing
 * is known.
 */
export function shownFigures(measured: Bounds, required: Bounds, unit: Unit, status: Status): MessageData {
  const format = FORMAT_OF(unit);
  const m = measured.value;
  const r = required.value;
  const digits = m !== null && r !== null && (status === 'fail' || status === 'warn' || m !== r) ? digitsToTellApart(m, r, format) : 2;
  return {
    measured: m === null ? rangeText(measured, unit, 'zh', false) : format(m, digits),
    required: r === null ? rangeText(required, unit, 'zh', false) : format(r, digits),
  };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const YES_NO_FIELDS = new Set(
  CONTRACT.flatMap((sheet) => sheet.columns.filter((column) => column.kind === 'yesno').map((column) => column.key)),
);

/** `1 家` / `1 facility`: how many subjects the blanks are in, counted in their own noun. */
function blankCount(blanks: readonly FindingBlank[]): Bilingual {
  const sheets = blanks.filter((blank) => blank.unlisted === undefined).map((blank) => blank.sheet);
  const listed = blanks.filter((blank) => blank.unlisted === undefined);
  const unlisted = blanks.reduce((total, blank) => total + (blank.unlisted ?? 0), 0);
  const subjects = new Set(listed.map((blank) => blank.subject)).size;
  const parts: Bilingual[] = [];
  if (listed.length > 0) {
    const sheet = sheets.every((s) => s === sheets[0]) ? sheets[0] : undefined;
    if (sheet === 'facilities') parts.push({ zh: `${subjects} 家未填`, en: `${plural(subjects, 'facility', 'facilities')} with blanks` });
    else if (sheet === 'staff') parts.push({ zh: `${subjects} 人未填`, en: `${plural(subjects, 'staff member', 'staff members')} with blanks` });
    else parts.push({ zh: `${listed.length} 项未填`, en: plural(listed.length, 'blank', 'blanks') });
  }
  if (unlisted > 0) {
    parts.push({ zh: `${unlisted} 家机构未列入本表`, en: `${plural(unlisted, 'institution', 'institutions')} not listed` });
  }
  return { zh: parts.map((p) => p.zh).join('、'), en: parts.map((p) => p.en).join(' and ') };
}

/** What the blanks allow: `另有 1 家未填，可能范围 95%–100%，不影响结论`. */
export function rangeNote(
  measured: Bounds,
  required: Bounds,
  unit: Unit,
  blanks: readonly FindingBlank[],
  settled: boolean,
): Bilingual {
  const count = blankCount(blanks);
  const zh: string[] = [];
  const en: string[] = [];
  if (measured.low !== measured.high || measured.high === Infinity) {
    zh.push(`可能范围 ${rangeText(measured, unit, 'zh')}`);
    en.push(`the measure can be ${rangeText(measured, unit, 'en')}`);
  }
  if (required.low !== required.high || required.high === Infinity) {
    zh.push(`要求可能为 ${rangeText(required, unit, 'zh')}`);
    en.push(`the requirement can be ${rangeText(required, unit, 'en')}`);
  }
  return {
    zh: `；另有 ${count.zh}${zh.length ? `，${zh.join('，')}` : ''}，${settled ? '不影响结论' : '结论未定'}`,
    en: `; ${count.en}${en.length ? `: ${en.join(', ')}` : ''}${settled ? ', which does not change the verdict' : ', so the verdict is open'}`,
  };
}

/** How a measured finding ends: `，达标`, `，至少缺 40 ㎡（达标期限 2025-12-31，尚未到期）`. */
export function closing(
  status: Status,
  settlement: Settlement,
  comparison: Comparison,
  unit: Unit,
  due: string | null,
  widened: boolean,
): Bilingual {
  if (status === 'pass') return { zh: '，达标', en: ', met' };
  if (status === 'insufficient_data' || settlement.status !== 'short') return { zh: '', en: '' };
  const shortfall = settlement.shortfall;
  let text: Bilingual;
  if (shortfall === null) {
    text = { zh: '，无论空缺如何填报均不达标，但差额可无限接近 0，无法给出最小差额', en: ', short whatever the blanks hold, though the gap can come arbitrarily near 0, so it cannot be bounded' };
  } else if (shortfall === 0 && comparison === 'gt') {
    text = { zh: '，等于要求值，须高于', en: ', equal to the requirement; must exceed it' };
  } else {
    const at = widened ? { zh: '至少', en: 'at least ' } : { zh: '', en: '' };
    text = {
      zh: `，${at.zh}${unit === 'share' ? '差' : '缺'} ${formatShortfall(shortfall, unit, 'zh')}`,
      en: `, ${at.en}${formatShortfall(shortfall, unit, 'en')} short`,
    };
  }
  if (status !== 'warn' || !due) return text;
  return { zh: `${text.zh}（达标期限 ${due}，尚未到期）`, en: `${text.en} (due ${due}, not yet due)` };
}

/** `F-003 认知障碍照护床位数（机构!H5，0–300）`: one blank, named for a person to fill it in. */
function describeBlank(blank: FindingBlank): Bilingual {
  const label = fieldLabel(blank.field);
  if (blank.unlisted !== undefined) {
    return {
      zh: `地区表养老机构总数中本表未列的 ${blank.unlisted} 家机构的${label.zh}`,
      en: `${label.en} of the ${plural(blank.unlisted, 'institution', 'institutions')} the region row counts but this workbook does not list`,
    };
  }
  const [low, high] = blank.range;
  const yesNo = YES_NO_FIELDS.has(blank.field);
  const allowed: Bilingual = yesNo
    ? { zh: '是/否', en: 'yes/no' }
    : high === null
      ? { zh: `≥ ${formatNumber(low)}`, en: `≥ ${formatNumber(low)}` }
      : { zh: `${formatNumber(low)}–${formatNumber(high)}`, en: `${formatNumber(low)}–${formatNumber(high)}` };
  const where = blank.cell ? `${blank.cell}，` : '';
  const whereEn = blank.cell ? `${blank.cell}, ` : '';
  return { zh: `${blank.subject} ${label.zh}（${where}${allowed.zh}）`, en: `${blank.subject} ${label.en} (${whereEn}${allowed.en})` };
}

/** Messages name at most this many blanks; the JSON names every one. */
const LISTED_BLANKS = 10;

function blankList(blanks: readonly FindingBlank[]): Bilingual {
  const shown = blanks.slice(0, LISTED_BLANKS).map(describeBlank);
  const more = blanks.length - shown.length;
  return {
    zh: shown.map((b) => b.zh).join('、') + (more > 0 ? ` 等，另 ${more} 项` : ''),
    en: shown.map((b) => b.en).join(', ') + (more > 0 ? `, and ${more} more` : ''),
  };
}

/** `。待补：…`: what would settle an open finding. */
export function blanksToFill(blanks: readonly FindingBlank[]): Bilingual {
  const list = blankList(blanks);
  return { zh: `。填写以下空缺即可得出结论：${list.zh}`, en: `. To settle it, fill in: ${list.en}` };
}

/** `；是否适用取决于：…`: a would-be fail or warn that hinges on whether the rule applies. */
export function hingeNote(blanks: readonly FindingBlank[]): Bilingual {
  const list = blankList(blanks);
  return {
    zh: `；本规则是否适用取决于空缺数据，未达标的结论暂不成立。待补：${list.zh}`,
    en: `; whether the rule applies depends on blank data, so the shortfall is not a verdict yet. To settle it, fill in: ${list.en}`,
  };
}

/**
 * A stored finding's figures for tables and reports, with the digits that keep a shortfall
 * visible (`59.99% / 60%`, never `60% / 60%`) and the range the blanks allow
 * (`94.74%（可能范围 90%–95%）`). Null where the finding has no such figure.
 */
export function findingQuantities(
  finding: Pick<FindingLike, 'measured' | 'required' | 'unit' | 'shortfall' | 'measuredRange'>,
  lang: 'zh' | 'en',
): { measured: string | null; required: string | null; shortfall: string | null } {
  const { measured, required, unit } = finding;
  const digits = measured !== null && required !== null ? digitsToTellApart(measured, required, FORMAT_OF(unit)) : undefined;
  const quantity = (value: number) => (unit === 'share' ? formatPercent(value, digits) : `${formatNumber(value, digits)}${UNIT_LABELS[unit][lang] ? ` ${lang === 'en' && value === 1 && UNIT_LABELS[unit].enOne ? UNIT_LABELS[unit].enOne : UNIT_LABELS[unit][lang]}` : ''}`);
  const range = finding.measuredRange
    ? rangeText({ value: null, low: finding.measuredRange[0], high: finding.measuredRange[1] ?? Infinity, lowOpen: false, highOpen: false, blanks: [] }, unit, lang)
    : null;
  const rangeNote = range ? (lang === 'zh' ? `（可能范围 ${range}）` : ` (could be ${range})`) : '';
  return {
    measured: measured !== null ? `${quantity(measured)}${rangeNote}` : range,
    required: required !== null ? quantity(required) : null,
    shortfall: finding.shortfall !== null ? formatShortfall(finding.shortfall, unit, lang) : null,
  };
}

interface FindingLike {
  measured: number | null;
  required: number | null;
  unit: Unit;
  shortfall: number | null;
  measuredRange?: [number, number | null];
}
