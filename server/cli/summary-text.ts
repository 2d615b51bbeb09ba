// The human-readable summary `check` prints without --json: findings grouped by subject,
// subjects with failures first, failures first within each, and the counts at the end.
import type { Finding } from '../../checks/finding.js';
import type { Lang } from '../../checks/format.js';
import type { Status } from '../../checks/types.js';
import type { AuditResult } from '../audit/result.js';
import type { Problem } from '../workbook/problems.js';

export const STATUS_WORDS: Record<Status, { zh: string; en: string }> = {
  fail: { zh: '不合格', en: 'FAIL' },
  warn: { zh: '预警', en: 'WARN' },
  insufficient_data: { zh: '数据不足', en: 'NO DATA' },
  pass: { zh: '合格', en: 'pass' },
  not_applicable: { zh: '不适用', en: 'n/a' },
};

/** Most serious first. */
export const STATUS_ORDER: readonly Status[] = ['fail', 'warn', 'insufficient_data', 'pass', 'not_applicable'];

const MARKS: Record<Status, string> = { fail: '✗', warn: '!', insufficient_data: '?', pass: '✓', not_applicable: '·' };
const COLOURS: Record<Status, string> = { fail: '31', warn: '33', insufficient_data: '35', pass: '32', not_applicable: '90' };

const KIND_WORDS = {
  region: { zh: '地区', en: 'Region' },
  facility: { zh: '机构', en: 'Facility' },
  area: { zh: '居住区', en: 'Residential area' },
} as const;

export interface TextOptions {
  lang: Lang;
  colour: boolean;
}

function paint(text: string, code: string, colour: boolean): string {
  return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function subjectKey(finding: Finding): string {
  return `${finding.subject.kind}\u0000${finding.subject.id}`;
}

function severity(findings: readonly Finding[]): number {
  return Math.min(...findings.map((f) => STATUS_ORDER.indexOf(f.status)));
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
      ? `${result.tool.name} ${result.tool.version} · ${result.workbook.file} · 基准日 ${result.asOf}${books.length ? ` · 规则集 ${books.join('、')}` : ''}`
      : `${result.tool.name} ${result.tool.version} · ${result.workbook.file} · as of ${result.asOf}${books.length ? ` · rulebooks ${books.join(', ')}` : ''}`,
  );
  if (!result.valid) {
    lines.push('', paint(lang === 'zh' ? `工作簿未通过校验，共 ${result.errors.length} 处错误，未保存任何内容：` : `The workbook was rejected with ${result.errors.length} error(s); nothing was stored:`, '31', colour));
    lines.push(...formatProblems(result.errors, lang));
  }
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = subjectKey(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const ordered = [...groups.values()].sort((a, b) => severity(a) - severity(b));
  for (const findings of ordered) {
    const { subject } = findings[0]!;
    lines.push('', `${KIND_WORDS[subject.kind][lang]} ${subject.name} (${subject.id})`);
    const sorted = [...findings].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
    for (const finding of sorted) {
      const word = paint(`${MARKS[finding.status]} ${STATUS_WORDS[finding.status][lang]}`, COLOURS[finding.status], colour);
      lines.push(`  ${word}  ${finding.title[lang]} — ${finding.message[lang]} [${finding.rulebook} ${finding.source.clause}]`);
    }
  }
  if (result.warnings.length) {
    lines.push('', lang === 'zh' ? `提示（${result.warnings.length}）：` : `Warnings (${result.warnings.length}):`);
    lines.push(...formatProblems(result.warnings, lang));
  }
  const counts = STATUS_ORDER.map((status) => `${STATUS_WORDS[status][lang]} ${result.summary[status]}`).join(' · ');
  lines.push('', lang === 'zh' ? `合计：${counts}` : `Total: ${counts}`);
  return lines.join('\n') + '\n';
}
