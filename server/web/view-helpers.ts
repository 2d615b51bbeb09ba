// Small formatting helpers the EJS views call as `h.*`. They return plain text; the views
// escape it with <%= %> like every other value.
import { visible } from '../workbook/text.js';
import type { FacilityType, Ownership } from '../../checks/facts.js';
import type { Finding } from '../../checks/finding.js';
import { formatPercent, type Lang } from '../../checks/format.js';
import type { Status, SubjectKind } from '../../checks/types.js';
import { findingFigures, NOT_IN_RULEBOOK } from '../compare/tables.js';
import { asOfText } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import type { Role } from '../store/users-types.js';
import { formatSize } from '../workbook/zip.js';
import { ROLE_LABELS, STATUS_LABELS, translator } from './i18n.js';
import type { HistoryEntry, ItemState } from '../rectify/state.js';
import { countWithWaived, noteOf, waivedPart, type WaiverNote, type WaiverState } from '../rectify/waivers.js';
import { ACTION_WORDS, ITEM_STATE_WORDS, WAIVER_STATE_WORDS, waiverLine, waiverTag } from '../rectify/words.js';

/** `2026-10-08 14:03` in China's time, whatever the server's zone. */
export function dateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** A link to `path` with these query parameters, empty ones left out. */
export function urlWith(path: string, params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A facility's page: a facility is its jurisdiction and its id (two counties may share an id). */
export function facilityUrl(jurisdiction: string, id: string, suffix = ''): string {
  return `/facilities/${encodeURIComponent(jurisdiction)}/${encodeURIComponent(id)}${suffix}`;
}

/** The current page in the other language. */
export function switchLanguage(here: string, lang: Lang): string {
  const url = new URL(here, 'http://local');
  url.searchParams.set('lang', lang === 'zh' ? 'en' : 'zh');
  return `${url.pathname}${url.search}`;
}

export function helpers(lang: Lang) {
  const t = translator(lang);
  return {
    dateTime,
    urlWith,
    facilityUrl,
    switchLanguage: (here: string) => switchLanguage(here, lang),
    status: (status: Status) => STATUS_LABELS[status][lang],
    kind: (kind: SubjectKind) => t(`kind_${kind}`),
    role: (role: Role) => ROLE_LABELS[role][lang],
    size: (bytes: number) => formatSize(bytes)[lang],
    /** A name from a file (a workbook's, a sheet's) as shown: control characters and bidi overrides as `⟨U+…⟩`. */
    visible,
    percent: formatPercent,
    /** A finding's measured / required and shortfall as text (null where it has none). */
    figures: (finding: Finding) => findingFigures(finding, lang),
    notInRulebook: () => NOT_IN_RULEBOOK[lang],
    /** One date, or each jurisdiction's where they differ. */
    asOfText: (result: Pick<AuditResult, 'asOf' | 'asOfByJurisdiction'>) => asOfText(result, lang),
    facilityType: (type: FacilityType) => t(`type_${type}`),
    ownership: (ownership: Ownership) => t(`ownership_${ownership}`),
    itemState: (state: ItemState) => ITEM_STATE_WORDS[state][lang],
    waiverState: (state: WaiverState) => WAIVER_STATE_WORDS[state][lang],
    waiverLine: (waiver: Parameters<typeof waiverLine>[0]) => waiverLine(waiver, lang),
    action: (action: HistoryEntry['action']) => ACTION_WORDS[action][lang],
    /** The waiver note beside a finding, if any. */
    waiverOf: (finding: Finding, notes: readonly WaiverNote[] | undefined) => noteOf(finding, notes ?? []),
    /** `8（其中豁免 1）`: a count with its waived part. */
    withWaived: (count: number, waived: number | undefined) => countWithWaived(count, waived, lang),
    /** `（其中豁免 1）` after a count given apart (empty when nothing is waived). */
    waivedPart: (waived: number | undefined) => waivedPart(waived, lang),
    /** A waiver in a few words, for a heat-map cell: `豁免至 2027-03-31`, lapsed ones flagged. */
    waiverTag: (waiver: Parameters<typeof waiverTag>[0]) => waiverTag(waiver, lang),
  };
}

export type ViewHelpers = ReturnType<typeof helpers>;
