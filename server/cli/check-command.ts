import { userInfo } from 'node:os';
import type { Lang } from '../../checks/format.js';
import { checkIsolated } from '../audit/check-isolated.js';
import { endIdleCheckWorkers } from '../audit/check-pools.js';
import type { AuditResult } from '../audit/result.js';
import { dateOption, langOption, parse, positiveNumberOption, UsageError } from './args.js';
import type { WaiverNote } from '../rectify/waivers.js';
import { formatSummary } from '../jobs/summary-text.js';
import type { Command } from './main.js';
import { inputFiles } from './input-files.js';
import { checkAndStoreIsolated, type StoreAnswer } from '../jobs/store-job.js';

/** 0: valid and no fail; 1: at least one fail; 2: rejected. */
export function exitCodeOf(result: AuditResult): number {
  if (!result.valid) return 2;
  return result.summary.fail > 0 ? 1 : 0;
}

/** Who the CLI stores as the uploader. */
export function cliUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Prints a result as `check` does: JSON (with the audit id when stored) or the summary. */
export function printResult(
  result: AuditResult,
  options: { json: boolean; lang: Lang; auditId?: string; waivers?: readonly WaiverNote[]; summary?: string },
): void {
  const waivers = options.waivers ?? [];
  if (options.json) {
    // Waivers are stored beside the audit, never in it: they follow the result, when there are any.
    const document = { ...(options.auditId ? { auditId: options.auditId } : {}), ...result, ...(waivers.length ? { waivers } : {}) };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  // The summary the worker made (see StoreAnswer) when it did, else made here.
  process.stdout.write(options.summary ?? formatSummary(result, { lang: options.lang, colour: process.stdout.isTTY === true, waivers }));
  if (options.auditId) process.stdout.write(options.lang === 'zh' ? `审核编号：${options.auditId}\n` : `Audit id: ${options.auditId}\n`);
  if (!result.valid) process.stderr.write(options.lang === 'zh' ? '工作簿被拒绝，未保存任何内容。\n' : 'The workbook was rejected; nothing was stored.\n');
}

export const checkCommand: Command = {
  usage: 'check <file|folder>... [--sheet NAME] [--rulebook ID] [--as-of YYYY-MM-DD] [--json] [--lang zh|en] [--max-size MB] [--db PATH] [--pdf OUT.pdf [--facility ID]]',
  summary: {
    zh: '审核工作簿：.xlsx、.xls、WPS .et、.ods 或 CSV；多个文件或一个文件夹合并为一次审核',
    en: 'audit a workbook: .xlsx, .xls, WPS .et, .ods or CSV; several files or a folder make one audit',
  },
  async run(args) {
    const { values, positionals } = parse(
      args,
      {
        rulebook: { type: 'string' },
        'as-of': { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        'max-size': { type: 'string' },
        db: { type: 'string' },
        pdf: { type: 'string' },
        facility: { type: 'string' },
        sheet: { type: 'string' },
      },
      { min: 1, max: Infinity },
    );
    const lang = langOption(values.lang);
    const asOf = dateOption(values['as-of'], '--as-of');
    const maxSizeMb = positiveNumberOption(values['max-size'], '--max-size');
    if (values.rulebook !== undefined) {
      // Loaded only here and to store: the check itself loads the rulebooks in its worker.
      const { defaultRulebooks } = await import('../../checks/rulebook.js');
      const ids = defaultRulebooks().map((book) => book.id);
      if (!ids.includes(values.rulebook)) throw new UsageError(`unknown rulebook "${values.rulebook}" (known: ${ids.join(', ')})`);
    }
    if (values.facility !== undefined && values.pdf === undefined) throw new UsageError('--facility needs --pdf <out.pdf>');
    // Stored only when a database is named (by --db or ELDERCARE_AUDIT_DB) and the workbook is valid.
    const dbLocation = values.db ?? process.env['ELDERCARE_AUDIT_DB'];
    const files = await inputFiles(positionals, values.sheet);
    const options = {
      fileName: files[0]!.name,
      ...(asOf ? { asOf } : {}),
      ...(values.rulebook ? { rulebook: values.rulebook } : {}),
      ...(maxSizeMb ? { limits: { maxFileBytes: Math.round(maxSizeMb * 1024 * 1024) } } : {}),
    };
    // Printed as JSON alone (no PDF drawn from the result): the worker writes the JSON (see IsolatedOutcome.json).
    const jsonOnly = values.json === true && values.pdf === undefined;
    // With a database the worker stores the audit too, on its own connection: the facts never
    // come back to this thread, nor the findings when only the summary is printed (see server/jobs/store-job.ts).
    const answer: StoreAnswer = jsonOnly ? 'json' : values.pdf !== undefined ? 'result' : { summary: { lang, colour: process.stdout.isTTY === true } };
    const { result, json, stored } = dbLocation
      ? await checkAndStoreIsolated(
          files,
          options,
          { store: { location: dbLocation }, upload: { uploadedBy: cliUser(), rulebookSelection: values.rulebook ?? null }, restriction: null },
          { answer, background: false },
        )
      : await checkIsolated(files, options, undefined, { returnFacts: false, json: jsonOnly });
    // No other check follows in this process: the worker ends while the answer is written.
    void endIdleCheckWorkers();
    const auditId = stored?.auditId;
    // The report of a stored audit carries its stored time, so `report <id>` later gives the same bytes.
    let generatedAt = new Date().toISOString();
    if (values.pdf !== undefined && dbLocation && auditId) {
      // Loaded only when needed: the database drivers and PDF fonts are most of a start's time.
      const { openStore } = await import('../store/index.js');
      const store = openStore(dbLocation);
      try {
        generatedAt = (await store.getAudit(auditId, values.facility ? { facility: values.facility } : undefined))!.createdAt;
      } finally {
        await store.close();
      }
    }
    if (values.pdf !== undefined) {
      const { writeReportFile } = await import('./report-file.js');
      await writeReportFile(result, { auditId: auditId ?? null, generatedAt, lang, ...(values.facility ? { facility: values.facility } : {}) }, values.pdf);
    }
    if (json !== undefined) for (const piece of json) process.stdout.write(piece);
    else printResult(result, { json: values.json === true, lang, ...(auditId ? { auditId } : {}), ...(stored?.summary !== undefined ? { summary: stored.summary } : {}) });
    return exitCodeOf(result);
  },
};
