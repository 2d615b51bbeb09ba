// Commands over the stored record: history, show, rerun, original, backup.
import { writeFile } from 'node:fs/promises';
import { defaultRulebooks } from '../../checks/rulebook.js';
import type { WorkbookFacts } from '../../checks/facts.js';
import { checkIsolated } from '../audit/check-isolated.js';
import { openStore, resolveDbLocation, type AuditStore } from '../store/index.js';
import { StoreError } from '../store/types.js';
import { dateOption, langOption, parse, UsageError } from './args.js';
import { cliUser, exitCodeOf, printResult } from './check-command.js';
import { writeStoredReportFile } from './report-file.js';
import { storeSource } from '../report/source.js';
import type { Command } from './main.js';
import { STATUS_ORDER, STATUS_WORDS } from '../audit/presentation.js';
import { rectificationStoreFor } from '../store/rectification.js';
import { auditWaivers, auditWaiversPaged } from '../rectify/service.js';
import { originalsOf } from '../audit/originals.js';
import { visible } from '../workbook/text.js';

export async function withStore<T>(db: string | undefined, action: (store: AuditStore) => Promise<T>): Promise<T> {
  const store = openStore(resolveDbLocation(db));
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

export function unknownAudit(id: string): StoreError {
  return new StoreError(`数据库中没有审核“${id}” / no audit "${id}" in this database`);
}

export const historyCommand: Command = {
  usage: 'history [--facility ID] [--jurisdiction ID] [--limit N] [--json] [--lang zh|en] [--db PATH]',
  summary: { zh: '列出已保存的审核（最新在前）', en: 'list stored audits, newest first' },
  async run(args) {
    const { values } = parse(
      args,
      {
        facility: { type: 'string' },
        jurisdiction: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        db: { type: 'string' },
      },
      { min: 0, max: 0 },
    );
    const lang = langOption(values.lang);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${values.limit}"`);
    const audits = await withStore(values.db, (store) =>
      store.listAudits({
        limit,
        ...(values.facility ? { facility: values.facility } : {}),
        ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}),
      }),
    );
    if (values.json) {
      process.stdout.write(`${JSON.stringify(audits, null, 2)}\n`);
      return 0;
    }
    for (const audit of audits) {
      const counts = STATUS_ORDER.map((s) => `${STATUS_WORDS[s][lang]} ${audit.summary[s]}`).join(' · ');
      process.stdout.write(`${audit.auditId}  ${audit.createdAt}  ${audit.asOf}  ${visible(audit.fileName)}  [${audit.rulebooks.join(',')}]  ${counts}\n`);
    }
    if (audits.length === 0) process.stdout.write(lang === 'zh' ? '（没有审核记录）\n' : '(no audits)\n');
    return 0;
  },
};

export const showCommand: Command = {
  usage: 'show <auditId> [--as-of YYYY-MM-DD (for waivers)] [--json] [--lang zh|en] [--db PATH]',
  summary: { zh: '显示已保存的审核结果', en: 'show a stored audit' },
  async run(args) {
    const { values, positionals } = parse(
      args,
      { json: { type: 'boolean' }, lang: { type: 'string' }, db: { type: 'string' }, 'as-of': { type: 'string' } },
      { min: 1, max: 1 },
    );
    const id = positionals[0]!;
    const lang = langOption(values.lang);
    const asOf = dateOption(values['as-of'], '--as-of');
    const { stored, waivers } = await withStore(values.db, async (store) => {
      const audit = await store.getAudit(id);
      return { stored: audit, waivers: audit ? await auditWaivers(rectificationStoreFor(store), audit.result.findings, asOf) : [] };
    });
    if (!stored) throw unknownAudit(id);
    printResult(stored.result, { json: values.json === true, lang, auditId: stored.auditId, waivers });
    return 0;
  },
};

/**
 * The date a re-run keeps: none (each jurisdiction on its own 统计日期) where the first audit's
 * date is the one the workbook gave itself, its latest 统计日期; else that date (the caller's
 * --as-of, or the day it was checked when the workbook names none).
 */
export function rerunDate(storedAsOf: string, facts: WorkbookFacts | null): string | undefined {
  if (!facts) return storedAsOf;
  const latest = facts.regions.map((region) => region.as_of).filter((date): date is string => date !== null).sort().at(-1);
  return latest === storedAsOf ? undefined : storedAsOf;
}

export const rerunCommand: Command = {
  usage: 'rerun <auditId> [--as-of YYYY-MM-DD] [--rulebook ID] [--json] [--lang zh|en] [--db PATH]',
  summary: { zh: '用当前规则集重新审核已保存的原始文件', en: "re-audit a stored original under today's rulebooks" },
  async run(args) {
    const { values, positionals } = parse(
      args,
      {
        'as-of': { type: 'string' },
        rulebook: { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        db: { type: 'string' },
      },
      { min: 1, max: 1 },
    );
    const id = positionals[0]!;
    const lang = langOption(values.lang);
    const asOfOption = dateOption(values['as-of'], '--as-of');
    if (values.rulebook !== undefined && !defaultRulebooks().some((b) => b.id === values.rulebook)) {
      throw new UsageError(`unknown rulebook "${values.rulebook}"`);
    }
    return withStore(values.db, async (store) => {
      const [stored, listed, storedFacts] = await Promise.all([store.getAudit(id), store.listOriginals(id), store.getFacts(id)]);
      if (!stored || !listed || listed.length === 0) throw unknownAudit(id);
      // Every file the audit read, in the order read: an audit of several files re-runs as one again.
      const files = await Promise.all(listed.map(async (info) => ({ name: info.fileName, bytes: (await store.getOriginal(id, info.position))!.bytes })));
      // By default the re-run keeps the first audit's date and selection, so that only the
      // rulebooks (and the tool) can make it differ.
      const rulebook = values.rulebook ?? stored.rulebookSelection ?? undefined;
      const asOf = asOfOption ?? rerunDate(stored.result.asOf, storedFacts);
      const { result, facts } = await checkIsolated(files, {
        fileName: files[0]!.name,
        ...(asOf ? { asOf } : {}),
        ...(rulebook ? { rulebook } : {}),
      });
      let auditId: string | undefined;
      if (result.valid && facts) {
        auditId = await store.saveAudit({
          ...originalsOf(files, result),
          uploadedBy: cliUser(),
          rulebookSelection: rulebook ?? null,
          result,
          facts,
          rulebooks: defaultRulebooks(),
          rerunOf: id,
        });
      }
      printResult(result, { json: values.json === true, lang, ...(auditId ? { auditId } : {}) });
      return exitCodeOf(result);
    });
  },
};

export const originalCommand: Command = {
  usage: 'original <auditId> <out.xlsx> [--file N] [--db PATH]',
  summary: { zh: '导出审核所用的原始文件（逐字节一致；多个文件时用 --file 指定第几个）', en: 'write an original file of an audit, byte for byte (--file N for one of several)' },
  async run(args) {
    const { values, positionals } = parse(args, { db: { type: 'string' }, file: { type: 'string' } }, { min: 2, max: 2 });
    const [id, out] = positionals as [string, string];
    const wanted = values.file === undefined ? undefined : /^[1-9]\d{0,5}$/.test(values.file) ? Number(values.file) : NaN;
    if (Number.isNaN(wanted)) throw new UsageError(`--file takes the number of a file, from 1, not "${values.file}"`);
    const original = await withStore(values.db, async (store) => {
      const listed = await store.listOriginals(id);
      if (!listed || listed.length === 0) throw unknownAudit(id);
      if (wanted === undefined && listed.length > 1) {
        const names = listed.map((f) => `${f.position + 1} ${visible(f.fileName)}`).join('; ');
        throw new UsageError(`audit ${id} read ${listed.length} files (${names}): choose one with --file N / 该审核读取了 ${listed.length} 个文件，请用 --file 指定第几个`);
      }
      const position = (wanted ?? 1) - 1;
      if (position >= listed.length) throw new UsageError(`audit ${id} read ${listed.length} file(s); there is no file ${wanted} / 没有第 ${wanted} 个文件`);
      return store.getOriginal(id, position);
    });
    if (!original) throw unknownAudit(id);
    await writeFile(out, original.bytes);
    process.stdout.write(`${out}  sha256 ${original.sha256}\n`);
    return 0;
  },
};

export const backupCommand: Command = {
  usage: 'backup <out.db> [--db PATH]',
  summary: { zh: '在线备份数据库（运行中亦安全）', en: 'online backup of the database, safe while the app runs' },
  async run(args) {
    const { values, positionals } = parse(args, { db: { type: 'string' } }, { min: 1, max: 1 });
    await withStore(values.db, (store) => store.backup(positionals[0]!));
    process.stdout.write(`${positionals[0]}\n`);
    return 0;
  },
};

export const reportCommand: Command = {
  usage: 'report <auditId> --pdf OUT.pdf [--facility ID] [--as-of YYYY-MM-DD (for waivers)] [--lang zh|en] [--db PATH]',
  summary: { zh: '生成已保存审核的 PDF 报告（全部或单个机构）', en: 'write the PDF report of a stored audit (whole, or one facility)' },
  async run(args) {
    const { values, positionals } = parse(
      args,
      { pdf: { type: 'string' }, facility: { type: 'string' }, lang: { type: 'string' }, db: { type: 'string' }, 'as-of': { type: 'string' } },
      { min: 1, max: 1 },
    );
    if (values.pdf === undefined) throw new UsageError('report needs --pdf <out.pdf>');
    const id = positionals[0]!;
    const lang = langOption(values.lang);
    const facility = values.facility;
    const asOf = dateOption(values['as-of'], '--as-of');
    // The findings are read a page at a time, for the waivers and then for the PDF itself.
    await withStore(values.db, async (store) => {
      const head = await store.getAuditHead(id);
      if (!head) throw unknownAudit(id);
      const scope = facility === undefined ? undefined : { facility };
      const waivers = await auditWaiversPaged(rectificationStoreFor(store), storeSource(store, id, head.result, scope).pages('stored'), asOf);
      const options = { auditId: head.auditId, generatedAt: head.createdAt, lang, ...(facility ? { facility } : {}), ...(waivers.length ? { waivers } : {}) };
      await writeStoredReportFile(store, head, options, values.pdf!);
    });
    process.stdout.write(`${values.pdf}\n`);
    return 0;
  },
};
