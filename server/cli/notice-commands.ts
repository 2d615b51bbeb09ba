// `notice …` and `waiver …`: the rectification cycle from the command line. Each subcommand
// is a thin shell over server/rectify/service.ts, so the CLI, the pages and the API agree.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SubjectKind } from '../../checks/types.js';
import { todayInChina } from '../audit/today.js';
import { rectificationStoreFor } from '../store/rectification.js';
import { RectificationError } from '../store/rectification-types.js';
import { checkEvidence } from '../rectify/evidence.js';
import {
  addWaiver,
  closeItem,
  issueNotice,
  itemIndex,
  listNoticeViews,
  readNotice,
  reopenItem,
  respond,
  revokeWaiver,
  setDeadline,
  unknownNotice,
  type Stores,
} from '../rectify/service.js';
import { waiverState } from '../rectify/waivers.js';
import { WAIVER_STATE_WORDS } from '../rectify/words.js';
import { dateOption, langOption, parse, positiveNumberOption, UsageError } from './args.js';
import { cliUser } from './check-command.js';
import { noticeLine, noticeText } from './notice-text.js';
import { withStore } from './store-commands.js';
import type { Command } from './main.js';

const KINDS: readonly SubjectKind[] = ['facility', 'area', 'region'];

function kindOption(value: string | undefined): SubjectKind | undefined {
  if (value === undefined) return undefined;
  if (!(KINDS as readonly string[]).includes(value)) throw new UsageError(`--kind must be facility, area or region, not "${value}"`);
  return value as SubjectKind;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`${name} is required`);
  return value;
}

/** A RectificationError is the user's to fix: printed plainly with exit code 2, like a store error. */
async function withRecord(db: string | undefined, action: (stores: Stores) => Promise<number>): Promise<number> {
  try {
    return await withStore(db, (audits) => action({ audits, record: rectificationStoreFor(audits) }));
  } catch (error) {
    if (error instanceof RectificationError) {
      process.stderr.write(`eldercare-audit: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

const common = { json: { type: 'boolean' }, lang: { type: 'string' }, db: { type: 'string' }, 'as-of': { type: 'string' } } as const;

const SUBCOMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  async create(args) {
    const { values } = parse(
      args,
      {
        ...common,
        audit: { type: 'string' },
        subject: { type: 'string' },
        kind: { type: 'string' },
        jurisdiction: { type: 'string' },
        days: { type: 'string' },
        deadline: { type: 'string' },
        date: { type: 'string' },
        'include-warn': { type: 'boolean' },
      },
      { min: 0, max: 0 },
    );
    if (values.days !== undefined && values.deadline !== undefined) throw new UsageError('give --days or --deadline, not both');
    const days = positiveNumberOption(values.days, '--days');
    if (days !== undefined && !Number.isInteger(days)) throw new UsageError('--days must be a whole number');
    const deadline = dateOption(values.deadline, '--deadline');
    const issuedOn = dateOption(values.date, '--date') ?? todayInChina();
    const kind = kindOption(values.kind);
    const lang = langOption(values.lang);
    return withRecord(values.db, async (stores) => {
      const view = await issueNotice(stores, {
        auditId: required(values.audit, '--audit'),
        subject: { id: required(values.subject, '--subject'), ...(kind ? { kind } : {}), ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}) },
        issuedOn,
        issuedBy: cliUser(),
        ...(days !== undefined ? { days } : {}),
        ...(deadline ? { deadline } : {}),
        includeWarn: values['include-warn'] === true,
      });
      process.stdout.write(values.json ? `${JSON.stringify(view, null, 2)}\n` : noticeText(view, lang));
      return 0;
    });
  },

  async show(args) {
    const { values, positionals } = parse(args, common, { min: 1, max: 1 });
    const asOf = dateOption(values['as-of'], '--as-of') ?? todayInChina();
    const lang = langOption(values.lang);
    return withRecord(values.db, async ({ record }) => {
      const view = await readNotice(record, positionals[0]!, asOf);
      if (!view) throw unknownNotice(positionals[0]!);
      process.stdout.write(values.json ? `${JSON.stringify(view, null, 2)}\n` : noticeText(view, lang));
      return 0;
    });
  },

  async list(args) {
    const { values } = parse(args, { ...common, jurisdiction: { type: 'string' }, subject: { type: 'string' }, state: { type: 'string' } }, { min: 0, max: 0 });
    const asOf = dateOption(values['as-of'], '--as-of') ?? todayInChina();
    const lang = langOption(values.lang);
    const state = values.state;
    if (state !== undefined && state !== 'open' && state !== 'overdue' && state !== 'closed') throw new UsageError(`--state must be open, overdue or closed, not "${state}"`);
    return withRecord(values.db, async ({ record }) => {
      const views = await listNoticeViews(
        record,
        { ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}), ...(values.subject ? { subjectId: values.subject } : {}), ...(state ? { state } : {}) },
        asOf,
      );
      if (values.json) process.stdout.write(`${JSON.stringify(views, null, 2)}\n`);
      else process.stdout.write(views.length ? views.map((v) => noticeLine(v, lang)).join('\n') + '\n' : lang === 'zh' ? '（没有整改通知书）\n' : '(no notices)\n');
      return 0;
    });
  },

  async report(args) {
    const { values, positionals } = parse(args, { ...common, pdf: { type: 'string' }, review: { type: 'boolean' } }, { min: 1, max: 1 });
    const out = required(values.pdf, '--pdf');
    const lang = langOption(values.lang);
    const asOf = dateOption(values['as-of'], '--as-of') ?? todayInChina();
    return withRecord(values.db, async (stores) => {
      const { noticeDocument } = await import('../report/notice-document.js');
      const bytes = await noticeDocument(stores, positionals[0]!, { lang, asOf, review: values.review === true });
      await writeFile(out, bytes);
      process.stdout.write(`${out}\n`);
      return 0;
    });
  },

  async respond(args) {
    const { values, positionals } = parse(
      args,
      { ...common, item: { type: 'string', multiple: true }, text: { type: 'string' }, evidence: { type: 'string', multiple: true }, audit: { type: 'string' } },
      { min: 1, max: 1 },
    );
    const files = await Promise.all((values.evidence ?? []).map(async (path) => ({ fileName: basename(path), bytes: await readFile(path) })));
    return withRecord(values.db, async ({ record, audits }) => {
      const notice = await record.getNotice(positionals[0]!);
      if (!notice) throw unknownNotice(positionals[0]!);
      if (values.audit && !(await audits.getAudit(values.audit, { facility: notice.subject.id }))) {
        throw new RectificationError(`数据库中没有审核“${values.audit}” / no audit "${values.audit}" in this database`);
      }
      await respond(record, {
        noticeId: notice.id,
        items: (values.item ?? []).map((i) => itemIndex(i, notice)),
        text: values.text ?? '',
        files: checkEvidence(files),
        user: cliUser(),
        ...(values.audit ? { auditId: values.audit } : {}),
      });
      process.stdout.write(`${notice.number}\n`);
      return 0;
    });
  },

  async close(args) {
    const { values, positionals } = parse(args, { ...common, item: { type: 'string' }, note: { type: 'string' } }, { min: 1, max: 1 });
    return withRecord(values.db, async ({ record }) => {
      await closeItem(record, positionals[0]!, itemIndex(required(values.item, '--item')), cliUser(), values.note ?? '');
      return 0;
    });
  },

  async reopen(args) {
    const { values, positionals } = parse(args, { ...common, item: { type: 'string' }, note: { type: 'string' } }, { min: 1, max: 1 });
    const asOf = dateOption(values['as-of'], '--as-of') ?? todayInChina();
    return withRecord(values.db, async ({ record }) => {
      await reopenItem(record, positionals[0]!, itemIndex(required(values.item, '--item')), cliUser(), values.note ?? '', asOf);
      return 0;
    });
  },

  async deadline(args) {
    const { values, positionals } = parse(args, { ...common, item: { type: 'string' }, date: { type: 'string' }, note: { type: 'string' } }, { min: 1, max: 1 });
    const date = required(dateOption(values.date, '--date'), '--date');
    return withRecord(values.db, async ({ record }) => {
      await setDeadline(record, positionals[0]!, itemIndex(required(values.item, '--item')), cliUser(), date, values.note ?? null);
      return 0;
    });
  },
};

function dispatch(table: Record<string, (args: string[]) => Promise<number>>, name: string) {
  return async (args: string[]) => {
    const [sub, ...rest] = args;
    const run = sub === undefined ? undefined : table[sub];
    if (!run) throw new UsageError(`expected \`${name} ${Object.keys(table).join('|')}\``);
    return run(rest);
  };
}

export const noticeCommand: Command = {
  usage:
    'notice create --audit ID --subject ID [--kind facility|area|region] [--jurisdiction J] [--days N | --deadline YYYY-MM-DD] [--date YYYY-MM-DD] [--include-warn] [--json] · ' +
    'notice show ID [--as-of D] [--json] · notice list [--jurisdiction J] [--subject S] [--state open|overdue|closed] [--as-of D] [--json] · ' +
    'notice report ID --pdf OUT.pdf [--review] [--lang zh|en] · notice respond ID --item N [--item N…] [--text T] [--evidence FILE…] [--audit ID] · ' +
    'notice close|reopen ID --item N --note T · notice deadline ID --item N --date D  [--db PATH]',
  summary: {
    zh: '整改通知书：下发、查看、列出、生成通知书与复查意见书 PDF、答复、关闭、重新打开、调整期限',
    en: 'rectification notices: issue, show, list, notice and re-inspection PDFs, respond, close, reopen, move a deadline',
  },
  run: dispatch(SUBCOMMANDS, 'notice'),
};

const WAIVER_SUBCOMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  async add(args) {
    const { values } = parse(
      args,
      { ...common, rule: { type: 'string' }, subject: { type: 'string' }, kind: { type: 'string' }, jurisdiction: { type: 'string' }, reason: { type: 'string' }, until: { type: 'string' } },
      { min: 0, max: 0 },
    );
    const until = required(dateOption(values.until, '--until'), '--until');
    return withRecord(values.db, async ({ record }) => {
      const waiver = await addWaiver(record, {
        rule: required(values.rule, '--rule'),
        subject: { kind: kindOption(values.kind) ?? 'facility', id: required(values.subject, '--subject'), jurisdiction: required(values.jurisdiction, '--jurisdiction') },
        reason: required(values.reason, '--reason'),
        until,
        approvedBy: cliUser(),
      });
      process.stdout.write(values.json ? `${JSON.stringify({ ...waiver, state: waiverState(waiver, todayInChina()) }, null, 2)}\n` : `${waiver.id}\n`);
      return 0;
    });
  },

  async list(args) {
    const { values } = parse(args, common, { min: 0, max: 0 });
    const asOf = dateOption(values['as-of'], '--as-of') ?? todayInChina();
    const lang = langOption(values.lang);
    return withRecord(values.db, async ({ record }) => {
      const waivers = (await record.listWaivers()).map((w) => ({ ...w, state: waiverState(w, asOf) }));
      if (values.json) process.stdout.write(`${JSON.stringify(waivers, null, 2)}\n`);
      else if (waivers.length === 0) process.stdout.write(lang === 'zh' ? '（没有豁免）\n' : '(no waivers)\n');
      else {
        for (const w of waivers) {
          const flag = w.state === 'valid' ? '' : ' ⚠';
          process.stdout.write(
            `${w.id}  ${w.rule}  ${w.subject.kind} ${w.subject.jurisdiction}/${w.subject.id}  ${lang === 'zh' ? '至' : 'until'} ${w.until}  ${WAIVER_STATE_WORDS[w.state][lang]}${flag}  ${w.approvedBy}  ${w.reason}\n`,
          );
        }
      }
      return 0;
    });
  },

  async revoke(args) {
    const { values, positionals } = parse(args, { ...common, note: { type: 'string' } }, { min: 1, max: 1 });
    return withRecord(values.db, async ({ record }) => {
      const waiver = await revokeWaiver(record, positionals[0]!, cliUser(), values.note ?? null);
      process.stdout.write(`${waiver.id}\n`);
      return 0;
    });
  },
};

export const waiverCommand: Command = {
  usage: 'waiver add --rule RULE --subject ID --jurisdiction J [--kind facility|area|region] --reason TEXT --until YYYY-MM-DD [--json] · waiver list [--as-of D] [--json] · waiver revoke ID [--note T]  [--db PATH]',
  summary: { zh: '豁免（暂缓）：登记、列出（标出已过期）、撤销', en: 'waivers: add, list (expired ones flagged), revoke' },
  run: dispatch(WAIVER_SUBCOMMANDS, 'waiver'),
};
