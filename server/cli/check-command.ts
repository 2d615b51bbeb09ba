import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { checkIsolated } from '../audit/check-isolated.js';
import type { AuditResult } from '../audit/result.js';
import { dateOption, langOption, parse, positiveNumberOption, UsageError } from './args.js';
import { formatSummary } from './summary-text.js';
import type { Command } from './main.js';

/** 0: valid and no fail; 1: at least one fail; 2: rejected. */
export function exitCodeOf(result: AuditResult): number {
  if (!result.valid) return 2;
  return result.summary.fail > 0 ? 1 : 0;
}

export async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `file not found: ${path} / 找不到文件` : `cannot read ${path}: ${(error as Error).message}`);
  }
}

export const checkCommand: Command = {
  usage: 'check <file.xlsx> [--rulebook ID] [--as-of YYYY-MM-DD] [--json] [--lang zh|en] [--max-size MB]',
  summary: { zh: '审核一个工作簿', en: 'audit one workbook' },
  async run(args) {
    const { values, positionals } = parse(
      args,
      {
        rulebook: { type: 'string' },
        'as-of': { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        'max-size': { type: 'string' },
      },
      { min: 1, max: 1 },
    );
    const file = positionals[0]!;
    const lang = langOption(values.lang);
    const asOf = dateOption(values['as-of'], '--as-of');
    const maxSizeMb = positiveNumberOption(values['max-size'], '--max-size');
    if (values.rulebook !== undefined && !defaultRulebooks().some((book) => book.id === values.rulebook)) {
      throw new UsageError(`unknown rulebook "${values.rulebook}" (known: ${defaultRulebooks().map((b) => b.id).join(', ')})`);
    }
    const bytes = await readInput(file);
    const { result } = await checkIsolated(bytes, {
      fileName: basename(file),
      ...(asOf ? { asOf } : {}),
      ...(values.rulebook ? { rulebook: values.rulebook } : {}),
      ...(maxSizeMb ? { limits: { maxFileBytes: Math.round(maxSizeMb * 1024 * 1024) } } : {}),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(formatSummary(result, { lang, colour: process.stdout.isTTY === true }));
    if (!result.valid && !values.json) process.stderr.write(lang === 'zh' ? '工作簿被拒绝。\n' : 'The workbook was rejected.\n');
    return exitCodeOf(result);
  },
};
