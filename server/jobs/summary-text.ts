// The human-readable summary `check` prints without --json: findings grouped by subject,
// subjects with failures first, failures first within each, and the counts at the end. Here,
// below the CLI, because the worker that stores an audit makes it too (check-and-store.ts).
import { visible } from '../workbook/text.js';
import type { Lang } from '../../checks/format.js';
import type { Status } from '../../checks/types.js';
import { asOfText, groupBySubject, KIND_WORDS, STATUS_ORDER, STATUS_WORDS } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import type { Problem } from '../workbook/problems.js';
import { countWithWaived, noteOf, waivedCounts, type WaiverNote } from '../rectify/waivers.js';
import { waiverLine } from '../rectify/words.js';

const MARKS: Record<Status, string> = { fail: '✗', warn: '!', insufficient_data: '?', pass: '✓', not_applicable: '·' };
const COLOURS: Record<Status, string> = { fail: '31', warn: '33', insufficient_data: '35', pass: '32', not_applicable: '90' };

export interface TextOptions {
  lang: Lang;
  colour: boolean;
  /** Waivers beside the findings, shown under each and counted apart. */
  waivers?: readonly WaiverNote[];
}

function paint(text: string, code: string, colour: boolean): string {
  return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function formatProblems(problems: readonly Problem[], lang: Lang): string[] {
  return problems.map((p) => `  [${p.code}] ${p.message[lang]}`);
}

export function formatSummary(result: AuditResult, options: TextOptions): string {
  const { lang, colour } = options;
  const lines: string[] = [];
  const books = result.rulebooks.map((b) => `${b.id} ${b.version}${b.status === 'draft_for_comment' ? (lang === 'zh' ? '（征求意见稿）' : ' (draft for comment)') : ''}`);
  lines.push(
    lang === 'zh'
      ? `${result.tool.name} ${result.tool.version} · ${visible(result.workbook.file)} · 基准日 ${asOfText(result, 'zh')}${books.length ? ` · 规则集 ${books.join('、')}` : ''}`
      : `${result.tool.name} ${result.tool.version} · ${visible(result.workbook.file)} · as of ${asOfText(result, 'en')}${books.length ? ` · rulebooks ${books.join(', ')}` : ''}`,
  );
  if (!result.valid) {
    lines.push('', paint(lang === 'zh' ? `工作簿未通过校验，共 ${result.errors.length} 处错误，未保存任何内容：` : `The workbook was rejected with ${result.errors.length} error(s); nothing was stored:`, '31', colour));
    lines.push(...formatProblems(result.errors, lang));
  }
  const ordered = [...groupBySubject(result.findings)].sort((a, b) => a.severity - b.severity);
  for (const { subject, findings } of ordered) {
    lines.push('', `${KIND_WORDS[subject.kind][lang]} ${subject.name} (${subject.id})`);
    for (const finding of findings) {
      const word = paint(`${MARKS[finding.status]} ${STATUS_WORDS[finding.status][lang]}`, COLOURS[finding.status], colour);
      lines.push(`  ${word}  ${finding.title[lang]} — ${finding.message[lang]} [${finding.rulebook} ${finding.source.clause}]`);
      const note = noteOf(finding, options.waivers ?? []);
      if (note) lines.push(`      ${paint(waiverLine(note, lang), COLOURS.warn, colour)}`);
    }
  }
  if (result.warnings.length) {
    lines.push('', lang === 'zh' ? `提示（${result.warnings.length}）：` : `Warnings (${result.warnings.length}):`);
    lines.push(...formatProblems(result.warnings, lang));
  }
  const waived = waivedCounts(options.waivers ?? []);
  const counts = STATUS_ORDER.map((status) => `${STATUS_WORDS[status][lang]} ${countWithWaived(result.summary[status], waived[status], lang)}`).join(' · ');
  lines.push('', lang === 'zh' ? `合计：${counts}` : `Total: ${counts}`);
  return lines.join('\n') + '\n';
}

