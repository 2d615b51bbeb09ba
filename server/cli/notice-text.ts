// The text `notice show` and `notice list` print without --json.
import type { Lang } from '../../checks/format.js';
import { STATUS_WORDS } from '../audit/presentation.js';
import { listState, mostOverdue, type NoticeView } from '../rectify/state.js';
import { ACTION_WORDS, daysOverdueText, ITEM_STATE_WORDS, NOTICE_STATE_WORDS, WAIVER_STATE_WORDS } from '../rectify/words.js';

export function noticeLine(view: NoticeView, lang: Lang): string {
  const state = listState(view);
  const late = state === 'overdue' ? ` ${daysOverdueText(mostOverdue(view), lang)}` : '';
  return `${view.id}  ${view.number}  ${view.issuedAt}  ${view.subject.name} (${view.subject.jurisdiction}/${view.subject.id})  ${NOTICE_STATE_WORDS[state][lang]}${late}`;
}

export function noticeText(view: NoticeView, lang: Lang): string {
  const zh = lang === 'zh';
  const lines = [
    `${view.number}  ${NOTICE_STATE_WORDS[view.state][lang]}`,
    zh
      ? `对象：${view.subject.name}（${view.subject.jurisdiction}/${view.subject.id}） · 审核 ${view.auditId} · ${view.issuedAt} 由 ${view.issuedBy} 下发 · 判断日 ${view.asOf}`
      : `Subject: ${view.subject.name} (${view.subject.jurisdiction}/${view.subject.id}) · audit ${view.auditId} · issued ${view.issuedAt} by ${view.issuedBy} · as of ${view.asOf}`,
    '',
  ];
  for (const item of view.items) {
    const parts = [
      `${item.position + 1}. ${item.rule}  ${STATUS_WORDS[item.status][lang]}`,
      `${zh ? '期限' : 'due'} ${item.deadline}`,
      ITEM_STATE_WORDS[item.state][lang] + (item.daysOverdue ? `（${daysOverdueText(item.daysOverdue, lang)}）` : ''),
    ];
    if (item.resolvedBy) parts.push(`${zh ? '由审核' : 'by audit'} ${item.resolvedBy}`);
    if (item.waiver) parts.push(`${zh ? '豁免' : 'waiver'} ${item.waiver.id} ${zh ? '至' : 'until'} ${item.waiver.until} ${WAIVER_STATE_WORDS[item.waiver.state][lang]}`);
    if (item.note) parts.push(`${zh ? '说明' : 'note'}: ${item.note}`);
    lines.push(parts.join('  ·  '));
  }
  lines.push('', zh ? '记录：' : 'History:');
  for (const entry of view.history) {
    const item = entry.item === null ? '' : ` #${entry.item + 1}`;
    const detail = [entry.note, entry.text, entry.deadline, entry.auditId].filter(Boolean).join(' · ');
    lines.push(`  ${entry.at}  ${entry.user}  ${ACTION_WORDS[entry.action][lang]}${item}${detail ? `  ${detail}` : ''}`);
  }
  return lines.join('\n') + '\n';
}
