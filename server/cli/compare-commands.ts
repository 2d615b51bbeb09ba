// Comparisons for star-rating reviewers, over the stored record only (no workbook is re-read):
// diff of two audits, facilities side by side, the facilities × rules matrix with its ranking,
// star-claim consistency, and an audit re-evaluated under another rulebook.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Lang } from '../../checks/format.js';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { UnknownFacilityError } from '../audit/presentation.js';
import { todayInChina } from '../audit/today.js';
import { acrossRulebooks } from '../compare/across-rulebooks.js';
import { diffAudits } from '../compare/diff.js';
import { tablesToPdf } from '../compare/export/pdf.js';
import { tablesToXlsx } from '../compare/export/xlsx.js';
import { buildMatrix } from '../compare/matrix.js';
import { readMatrixOptions } from '../compare/matrix-options.js';
import { readPick } from '../compare/picks.js';
import { sideBySide, type FacilityPick } from '../compare/side-by-side.js';
import { starClaims } from '../compare/star-claims.js';
import { acrossTable, diffTables, matrixTable, sideBySideTable, starClaimsTable, tableText, type Table } from '../compare/tables.js';
import type { WaiversOn } from '../rectify/waivers.js';
import { rectificationStoreFor } from '../store/rectification.js';
import type { AuditStore, StoredAudit } from '../store/types.js';
import { dateOption, langOption, parse, UsageError } from './args.js';
import type { Command } from './main.js';
import { unknownAudit, withStore } from './store-commands.js';

const OUTPUT_OPTIONS = {
  json: { type: 'boolean' },
  xlsx: { type: 'string' },
  pdf: { type: 'string' },
  lang: { type: 'string' },
  db: { type: 'string' },
} as const;

async function audit(store: AuditStore, id: string): Promise<StoredAudit> {
  const stored = await store.getAudit(id);
  if (!stored) throw unknownAudit(id);
  return stored;
}

/** Every waiver in the store's rectification record, judged on `--as-of` (default today in China). */
async function waiversOn(store: AuditStore, asOf: string | undefined): Promise<WaiversOn> {
  return { waivers: await rectificationStoreFor(store).listWaivers(), asOf: dateOption(asOf, '--as-of') ?? todayInChina() };
}

async function factsOf(store: AuditStore, id: string) {
  const facts = await store.getFacts(id);
  if (!facts) throw unknownAudit(id);
  return facts;
}

/** Prints or writes a comparison: JSON of the comparison itself, an Excel or PDF export, or text. */
async function output(
  values: { json?: boolean; xlsx?: string; pdf?: string },
  lang: Lang,
  data: unknown,
  tables: Table[],
  title: string,
): Promise<void> {
  if (values.xlsx) {
    await writeFile(values.xlsx, await tablesToXlsx(tables));
    process.stdout.write(`${values.xlsx}\n`);
  }
  if (values.pdf) {
    await tablesToPdf(tables, { title, generatedAt: new Date().toISOString(), lang }, createWriteStream(values.pdf));
    process.stdout.write(`${values.pdf}\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else if (!values.xlsx && !values.pdf) process.stdout.write(tables.map(tableText).join('\n'));
}

/** Reports an unknown facility or a bad pick as misuse (exit 2), not as an internal error. */
function asUsage(error: unknown): never {
  if (error instanceof UnknownFacilityError || error instanceof RangeError) throw new UsageError(error.message);
  throw error;
}

export const diffCommand: Command = {
  usage: 'diff <auditA> <auditB> [--facility ID] [--as-of YYYY-MM-DD (for waivers)] [--json | --xlsx OUT | --pdf OUT] [--lang zh|en] [--db PATH]',
  summary: { zh: '比较两次审核：已整改、新增不合格、仍不合格、其他变化', en: 'compare two audits: resolved, new failures, still failing, changed' },
  async run(args) {
    const { values, positionals } = parse(args, { ...OUTPUT_OPTIONS, facility: { type: 'string' }, 'as-of': { type: 'string' } }, { min: 2, max: 2 });
    const lang = langOption(values.lang);
    const [a, b] = positionals as [string, string];
    const diff = await withStore(values.db, async (store) => {
      const [first, second] = [await audit(store, a), await audit(store, b)];
      return diffAudits(first.result, second.result, { ...(values.facility ? { facility: values.facility } : {}), waivers: await waiversOn(store, values['as-of']) });
    });
    await output(values, lang, diff, diffTables(diff, lang), lang === 'zh' ? `审核对比 ${a} → ${b}` : `Audits compared ${a} → ${b}`);
    return 0;
  },
};

/** `--facility ID` picks from `--audit`; `--facility AUDIT:ID` from another audit. */
function parsePick(value: string, defaultAudit: string | undefined): { auditId: string; facilityId: string } {
  try {
    return readPick(value, defaultAudit);
  } catch (error) {
    return asUsage(error);
  }
}

export const compareCommand: Command = {
  usage: 'compare [--audit ID] --facility A --facility B … [--only-different] [--as-of YYYY-MM-DD (for waivers)] [--json | --xlsx OUT | --pdf OUT] [--lang zh|en] [--db PATH]',
  summary: { zh: '2–6 家机构逐条规则并列对比', en: 'two to six facilities side by side, rule by rule' },
  async run(args) {
    const { values } = parse(
      args,
      { ...OUTPUT_OPTIONS, audit: { type: 'string' }, facility: { type: 'string', multiple: true }, 'only-different': { type: 'boolean' }, 'as-of': { type: 'string' } },
      { min: 0, max: 0 },
    );
    const lang = langOption(values.lang);
    const picks = (values.facility ?? []).map((value) => parsePick(value, values.audit));
    const view = await withStore(values.db, async (store) => {
      const resolved: FacilityPick[] = [];
      for (const pick of picks) resolved.push({ ...pick, result: (await audit(store, pick.auditId)).result });
      const waivers = await waiversOn(store, values['as-of']);
      try {
        return sideBySide(resolved, { onlyDifferent: values['only-different'] === true, waivers });
      } catch (error) {
        return asUsage(error);
      }
    });
    await output(values, lang, view, [sideBySideTable(view, lang)], lang === 'zh' ? '机构对比' : 'Facilities side by side');
    return 0;
  },
};

export const matrixCommand: Command = {
  usage: 'matrix --audit ID [--jurisdiction ID] [--type T] [--ownership O] [--stars N] [--sort passRate|shortfall|name|RULE] [--as-of YYYY-MM-DD (for waivers)] [--json | --xlsx OUT | --pdf OUT] [--lang zh|en] [--db PATH]',
  summary: { zh: '机构 × 规则矩阵及按合格率、缺口排名', en: 'facilities × rules matrix, ranked by pass rate or shortfall' },
  async run(args) {
    const { values } = parse(
      args,
      {
        ...OUTPUT_OPTIONS,
        audit: { type: 'string' },
        jurisdiction: { type: 'string' },
        type: { type: 'string' },
        ownership: { type: 'string' },
        stars: { type: 'string' },
        sort: { type: 'string' },
        'as-of': { type: 'string' },
      },
      { min: 0, max: 0 },
    );
    if (!values.audit) throw new UsageError('matrix needs --audit ID');
    const lang = langOption(values.lang);
    let options: ReturnType<typeof readMatrixOptions>;
    try {
      options = readMatrixOptions({ jurisdiction: values.jurisdiction, type: values.type, ownership: values.ownership, stars: values.stars, sort: values.sort });
    } catch (error) {
      return asUsage(error);
    }
    const auditId = values.audit;
    const matrix = await withStore(values.db, async (store) =>
      buildMatrix((await audit(store, auditId)).result, await factsOf(store, auditId), { ...options, waivers: await waiversOn(store, values['as-of']) }),
    );
    await output(values, lang, matrix, [matrixTable(matrix, lang)], lang === 'zh' ? '机构 × 规则矩阵' : 'Facilities × rules');
    return 0;
  },
};

export const starsCommand: Command = {
  usage: 'stars --audit ID [--as-of YYYY-MM-DD (for waivers)] [--json | --xlsx OUT | --pdf OUT] [--lang zh|en] [--db PATH]',
  summary: { zh: '星级声明与星级要求是否相符（不符者列前）', en: 'star claims against what the stars require (inconsistent first)' },
  async run(args) {
    const { values } = parse(args, { ...OUTPUT_OPTIONS, audit: { type: 'string' }, 'as-of': { type: 'string' } }, { min: 0, max: 0 });
    if (!values.audit) throw new UsageError('stars needs --audit ID');
    const lang = langOption(values.lang);
    const auditId = values.audit;
    const claims = await withStore(values.db, async (store) =>
      starClaims((await audit(store, auditId)).result, await factsOf(store, auditId), { waivers: await waiversOn(store, values['as-of']) }),
    );
    await output(values, lang, claims, [starClaimsTable(claims, lang)], lang === 'zh' ? '星级声明一致性' : 'Star-claim consistency');
    return 0;
  },
};

export const acrossCommand: Command = {
  usage: 'across --audit ID --rulebook ID [--facility ID] [--as-of YYYY-MM-DD] [--json | --xlsx OUT | --pdf OUT] [--lang zh|en] [--db PATH]',
  summary: { zh: '用另一地区的规则集重新审核已保存的事实并并列显示', en: "re-evaluate a stored audit's facts under another rulebook, side by side" },
  async run(args) {
    const { values } = parse(
      args,
      { ...OUTPUT_OPTIONS, audit: { type: 'string' }, rulebook: { type: 'string' }, facility: { type: 'string' }, 'as-of': { type: 'string' } },
      { min: 0, max: 0 },
    );
    if (!values.audit || !values.rulebook) throw new UsageError('across needs --audit ID and --rulebook ID');
    const lang = langOption(values.lang);
    const { audit: auditId, rulebook } = values as { audit: string; rulebook: string };
    const view = await withStore(values.db, async (store) => {
      // The waivers are judged on the day the facts are re-evaluated on, else today.
      const waivers = await waiversOn(store, values['as-of']);
      try {
        return acrossRulebooks((await audit(store, auditId)).result, await factsOf(store, auditId), defaultRulebooks(), rulebook, {
          ...(values.facility ? { facility: values.facility } : {}),
          ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
          waivers,
        });
      } catch (error) {
        return asUsage(error);
      }
    });
    await output(values, lang, view, [acrossTable(view, lang)], lang === 'zh' ? '跨规则集对比' : 'Across rulebooks');
    return 0;
  },
};
