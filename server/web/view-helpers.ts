// Small formatting helpers the EJS views call as `h.*`. They return plain text; the views
// escape it with <%= %> like every other value.
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
    switchLanguage: (here: string) => switchLanguage(here, lang),
    status: (status: Status) => STATUS_LABELS[status][lang],
    kind: (kind: SubjectKind) => t(`kind_${kind}`),
    role: (role: Role) => ROLE_LABELS[role][lang],
    size: (bytes: number) => formatSize(bytes)[lang],
    percent: formatPercent,
    /** A finding's measured / required and shortfall as text (null where it has none). */
    figures: (finding: Finding) => findingFigures(finding, lang),
    notInRulebook: () => NOT_IN_RULEBOOK[lang],
    /** One date, or each jurisdiction's where they differ. */
    asOfText: (result: Pick<AuditResult, 'asOf' | 'asOfByJurisdiction'>) => asOfText(result, lang),
    facilityType: (type: FacilityType) => t(`type_${type}`),
    ownership: (ownership: Ownership) => t(`ownership_${ownership}`),
  };
}

export type ViewHelpers = ReturnType<typeof helpers>;
