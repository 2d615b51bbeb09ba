// The words for rectification states and actions, shared by the CLI, the documents and the pages.
import type { Bilingual } from '../../checks/types.js';
import type { HistoryEntry, ItemState, NoticeState } from './state.js';
import type { WaiverState } from './waivers.js';

export const ITEM_STATE_WORDS: Record<ItemState, Bilingual> = {
  open: { zh: '待整改', en: 'open' },
  responded: { zh: '已答复', en: 'responded' },
  resolved: { zh: '已整改（复核合格）', en: 'resolved' },
  closed: { zh: '已现场核查关闭', en: 'closed on site' },
  overdue: { zh: '逾期', en: 'overdue' },
  waived: { zh: '已豁免', en: 'waived' },
};

export const NOTICE_STATE_WORDS: Record<NoticeState | 'overdue', Bilingual> = {
  open: { zh: '整改中', en: 'open' },
  overdue: { zh: '有逾期项', en: 'overdue' },
  closed: { zh: '已结案', en: 'closed' },
};

export const WAIVER_STATE_WORDS: Record<WaiverState, Bilingual> = {
  valid: { zh: '有效', en: 'valid' },
  expired: { zh: '已过期', en: 'expired' },
  revoked: { zh: '已撤销', en: 'revoked' },
};

export const ACTION_WORDS: Record<HistoryEntry['action'], Bilingual> = {
  issue: { zh: '下发通知书', en: 'notice issued' },
  deadline: { zh: '调整整改期限', en: 'deadline changed' },
  respond: { zh: '机构答复', en: 'facility responded' },
  resolve: { zh: '复核审核合格', en: 'resolved by a later audit' },
  close: { zh: '现场核查关闭', en: 'closed on site' },
  reopen: { zh: '重新打开', en: 'reopened' },
  waive: { zh: '批准豁免', en: 'waiver approved' },
  revoke: { zh: '撤销豁免', en: 'waiver revoked' },
};

export function daysOverdueText(days: number, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `逾期 ${days} 天` : `${days} day${days === 1 ? '' : 's'} overdue`;
}

/** One line for a waiver beside a finding: valid ones say until when and why; lapsed ones are flagged. */
export function waiverLine(waiver: { id: string; until: string; state: WaiverState; reason: string; approvedBy: string }, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    if (waiver.state === 'valid') return `已豁免（${waiver.id}，有效至 ${waiver.until}，批准人 ${waiver.approvedBy}）：${waiver.reason}`;
    if (waiver.state === 'expired') return `⚠ 豁免 ${waiver.id} 已于 ${waiver.until} 到期，不再有效：${waiver.reason}`;
    return `⚠ 豁免 ${waiver.id} 已撤销：${waiver.reason}`;
  }
  if (waiver.state === 'valid') return `Waived (${waiver.id}, valid until ${waiver.until}, approved by ${waiver.approvedBy}): ${waiver.reason}`;
  if (waiver.state === 'expired') return `⚠ Waiver ${waiver.id} expired on ${waiver.until} and no longer applies: ${waiver.reason}`;
  return `⚠ Waiver ${waiver.id} was revoked: ${waiver.reason}`;
}

/**
 * The waiver in a few words, for a cell too small for its line (a heat-map cell, an export's
 * status cell): `豁免至 2027-03-31` beside the status; a lapsed one is flagged, never dropped.
 */
export function waiverTag(waiver: { until: string; state: WaiverState }, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    if (waiver.state === 'valid') return `豁免至 ${waiver.until}`;
    return waiver.state === 'expired' ? `⚠ 豁免已于 ${waiver.until} 到期` : '⚠ 豁免已撤销';
  }
  if (waiver.state === 'valid') return `waived until ${waiver.until}`;
  return waiver.state === 'expired' ? `⚠ waiver expired on ${waiver.until}` : '⚠ waiver revoked';
}
