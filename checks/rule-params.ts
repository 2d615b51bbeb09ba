// A rulebook entry's parameters as a reader sees them (`不低于 60%`, `每 60 张床位 1 名社会工作者`,
// `more than 60 %`), for the `rulebooks` listing and page: never `m2Per100Households=30`. The
// figure a rule compares against carries the entry's comparison, so a strict 大于 rule says so.
import type { RulebookRule } from './rulebook.js';
import { formatNumber, formatPercent, type Lang } from './format.js';
import type { Bilingual, Comparison, RuleMeta } from './types.js';

type Phrase = (value: number, comparison: Bilingual, lang: Lang) => string;

/** `{c}` is the comparison's words, `{v}` the number, `{p}` the number as per cent. */
const at = (zh: string, en: string): Phrase => (value, comparison, lang) =>
  (lang === 'zh' ? zh : en)
    .replace('{c}', comparison[lang])
    .replace('{v}', formatNumber(value))
    .replace('{p}', formatPercent(value));

/** Parameter names across the rules, with their words; a new rule's parameter adds its line here. */
const PARAMS: Record<string, Phrase> = {
  share: at('{c} {p}', '{c} {p}'),
  per10k: at('每万名老年人{c} {v}', '{c} {v} per 10,000 elderly'),
  m2PerCapita: at('人均{c} {v} ㎡', '{c} {v} m² per resident'),
  m2Per100Households: at('每百户{c} {v} ㎡', '{c} {v} m² per 100 households'),
  minSiteM2: at('每处{c} {v} ㎡', '{c} {v} m² per site'),
  minBeds: at('{v} 张床位及以上', '{v} beds or more'),
  minStars: at('{v} 星及以上', '{v} stars or more'),
  minCount: at('{c} {v} 个', '{c} {v}'),
  minYuan: at('每人每月{c} {v} 元', '{c} {v} yuan a month each'),
  bedsPerWorker: at('每 {v} 张床位配 1 名社会工作者', '1 social worker per {v} beds'),
  fullyDisabledPerCaregiver: at('完全失能 {v}:1', 'fully disabled {v}:1'),
  partiallyDisabledPerCaregiver: at('部分失能 {v}:1', 'partially disabled {v}:1'),
  selfCarePerCaregiver: at('自理 {v}:1', 'self-care {v}:1'),
  minPersonTimes: at('{c} {v} 人次', '{c} {v} person-times'),
  minHouseholds: at('{c} {v} 户', '{c} {v} households'),
};

/** Parameters that name a choice rather than a figure: each value's words. */
const CHOICES: Record<string, Record<string, Bilingual>> = {
  scope: {
    towns_and_streets: { zh: '乡镇与街道合计', en: 'towns and sub-districts together' },
    towns: { zh: '只计乡镇', en: 'towns only' },
  },
};

const COMPARISON_WORDS: Record<Comparison, Bilingual> = {
  gte: { zh: '不低于', en: 'at least' },
  gt: { zh: '大于', en: 'more than' },
};

/** `不低于 60%` / `more than 60%`, `4 星级`, …: one phrase per parameter, in the entry's order. */
export function describeParams(entry: RulebookRule, meta: RuleMeta, lang: Lang): string[] {
  const comparison = entry.comparison ?? meta.comparison;
  return Object.entries(entry.params).map(([key, value]) => {
    const choice = typeof value === 'string' ? CHOICES[key]?.[value] : undefined;
    if (choice) return choice[lang];
    const phrase = PARAMS[key];
    if (!phrase || typeof value !== 'number') return `${key} = ${Array.isArray(value) ? value.join(', ') : String(value)}`;
    return phrase(value, COMPARISON_WORDS[comparison], lang);
  });
}
