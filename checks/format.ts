// Number and template formatting shared by messages, the CLI, pages and PDFs, so that the
// same figure reads the same everywhere.
import type { Bilingual, MessageData, Unit } from './types.js';
import { decimalText } from './decimal-text.js';

export type Lang = 'zh' | 'en';

/**
 * Removes binary floating-point noise (0.1 + 0.2 → 0.3) while keeping twelve significant
 * digits, far beyond any figure a workbook holds. Comparisons run on cleaned values so that
 * a sum of site areas equal to the requirement passes.
 */
export function clean(value: number): number {
  // An integer of at most twelve digits is its own twelve-digit rounding (toPrecision and the
  // parse back cost ~1 µs, and most figures are counts); + 0 turns -0 into 0 as the parse does.
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return value + 0;
  return Number(value.toPrecision(12));
}

type Formatter = (value: number) => string;

/** Texts kept per formatter; past this the cache starts over, so a long-lived server stays small. */
const REMEMBERED = 10_000;

/**
 * `format`, remembered by value: a county's audit prints the same few hundred figures (counts,
 * shares of small numbers) 100,000 times, and looking one up costs less than writing it again.
 * Zero is not remembered: a Map holds 0 and -0 as one key, and they print differently.
 */
function remembered(format: Formatter): Formatter {
  const texts = new Map<number, string>();
  return (value) => {
    let text = texts.get(value);
    if (text === undefined || value === 0) {
      text = format(value);
      if (texts.size >= REMEMBERED) texts.clear();
      if (value !== 0) texts.set(value, text);
    }
    return text;
  };
}

/** One formatter per number of decimals, made on first use. */
function perDigits(make: (digits: number) => Formatter): (digits: number) => Formatter {
  const made = new Map<number, Formatter>();
  return (digits) => {
    let format = made.get(digits);
    if (!format) {
      format = make(digits);
      made.set(digits, format);
    }
    return format;
  };
}

const decimals = perDigits((digits) => remembered((value) => decimalText(value, digits)));
const TWO_DECIMALS = decimals(2);
const FOUR_DECIMALS = decimals(4);
const percent = perDigits((digits) => remembered((value) => `${decimals(digits)(clean(value * 100))}%`));
const points = perDigits((digits) => remembered((value) => decimals(digits)(clean(value * 100))));

/** The most decimals a message ever shows: full precision of any figure a workbook holds. */
const MAX_DIGITS = 12;

/**
 * `1,200`, `2.17`, `0.085`: thousands separators, at most two decimals (four below 1), or
 * `digits` decimals when more are needed to tell two figures apart.
 */
export function formatNumber(value: number, digits?: number): string {
  if (digits !== undefined) return decimals(Math.max(digits, Math.abs(value) < 1 && value !== 0 ? 4 : 2))(value);
  return (Math.abs(value) < 1 && value !== 0 ? FOUR_DECIMALS : TWO_DECIMALS)(value);
}

/** A fraction as per cent: 0.6 → `60%`, 0.5217 → `52.17%`. */
export function formatPercent(value: number, digits = 2): string {
  return percent(digits)(value);
}

/** A fraction as percentage points: 0.08 → `8`. */
export function formatPoints(value: number, digits = 2): string {
  return points(digits)(value);
}

/**
 * The fewest decimals (two at least) at which `format` prints `a` and `b` differently, so that
 * a measure short of its requirement never prints equal to it; equal values need none.
 */
export function digitsToTellApart(a: number, b: number, format: (value: number, digits: number) => string): number {
  if (a === b) return 2;
  let digits = 2;
  while (digits < MAX_DIGITS && format(a, digits) === format(b, digits)) digits += 1;
  return digits;
}

/** The fewest decimals at which a non-zero value does not print as 0. */
export function digitsToShow(value: number, format: (value: number, digits: number) => string): number {
  return value === 0 ? 2 : digitsToTellApart(value, 0, format);
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)(?::(pct|pp))?\}/g;

/** A template split once into its text and its placeholders (a county's audit renders 36,000 messages from a few hundred templates). */
type TemplatePart = string | { name: string; style: string | undefined };
const COMPILED_LIMIT = 10_000;
const compiled = new Map<string, TemplatePart[]>();

function compile(template: string): TemplatePart[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  let at = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push(template.slice(at, match.index));
    parts.push({ name: match[1]!, style: match[2] });
    at = match.index + match[0].length;
  }
  if (at < template.length) parts.push(template.slice(at));
  if (compiled.size < COMPILED_LIMIT) compiled.set(template, parts);
  return parts;
}

/**
 * Fills `{name}`, `{name:pct}` and `{name:pp}` placeholders from `over`, else `data` (layered,
 * not merged: a spread of the two cost more than the rendering); a missing name is a bug, so it throws.
 */
export function renderTemplate(template: string, data: MessageData, over?: MessageData): string {
  let text = '';
  for (const part of compile(template)) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = over?.[part.name] ?? data[part.name];
    if (value === undefined) throw new Error(`message template needs "${part.name}": ${template}`);
    text += typeof value === 'string' ? value : part.style === 'pct' ? formatPercent(value) : part.style === 'pp' ? formatPoints(value) : formatNumber(value);
  }
  return text;
}

/** Renders both languages; `perLanguage` overrides values in one language (`大于 60%` / `more than 60%`). */
export function renderBilingual(template: Bilingual, data: MessageData, perLanguage?: { zh: MessageData; en: MessageData }): Bilingual {
  return {
    zh: renderTemplate(template.zh, data, perLanguage?.zh),
    en: singular(renderTemplate(template.en, data, perLanguage?.en)),
  };
}

/** Counted nouns English messages use; after exactly 1 they take the singular. */
const SINGULAR = /(?<![\d.,])1 (institution|social worker|star|facility|facilitie|bed|site|caregiver|certified caregiver|person|resident|village|administrative village|sub-district|township|special-support home|county-level special-support home|rehabilitation room|staff member|professional staff member)s\b/g;

/** `1 social workers` → `1 social worker` (templates interpolate the count). */
export function singular(text: string): string {
  // Most messages have no `1 ` at all; the look-behind pattern costs more than this test.
  if (!text.includes('1 ')) return text;
  return text.replace(SINGULAR, (_whole, noun: string) => `1 ${noun === 'facilitie' ? 'facility' : noun}`);
}

export const UNIT_LABELS: Record<Unit, Bilingual & { enOne?: string }> = {
  m2: { zh: '㎡', en: 'm²' },
  m2_per_capita: { zh: '㎡/人', en: 'm² per resident' },
  persons: { zh: '人', en: 'persons', enOne: 'person' },
  persons_per_10k: { zh: '人/万名老年人', en: 'per 10,000 elderly' },
  person_times: { zh: '人次', en: 'person-times', enOne: 'person-time' },
  households: { zh: '户', en: 'households', enOne: 'household' },
  beds: { zh: '张', en: 'beds', enOne: 'bed' },
  beds_per_10k: { zh: '张/万名老年人', en: 'beds per 10,000 elderly' },
  yuan: { zh: '元', en: 'yuan' },
  stars: { zh: '星', en: 'stars', enOne: 'star' },
  count: { zh: '个', en: '' },
  share: { zh: '%', en: '%' },
};

/** A value with its unit: `360 ㎡`, `60%`, `3 人`. */
export function formatQuantity(value: number, unit: Unit, lang: Lang, digits?: number): string {
  if (unit === 'share') return formatPercent(value, digits);
  const labels = UNIT_LABELS[unit];
  const label = lang === 'en' && value === 1 && labels.enOne ? labels.enOne : labels[lang];
  return label ? `${formatNumber(value, digits)} ${label}` : formatNumber(value, digits);
}

/** A shortfall with its unit; shares in percentage points. A non-zero shortfall never prints as 0. */
export function formatShortfall(value: number, unit: Unit, lang: Lang): string {
  if (unit === 'share') {
    const points = formatPoints(value, digitsToShow(value, formatPoints));
    return lang === 'zh' ? `${points} 个百分点` : `${points} percentage points`;
  }
  return formatQuantity(value, unit, lang, digitsToShow(value, formatNumber));
}
