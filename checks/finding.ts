// A finding: one rule's verdict on one subject, with its arithmetic and its source. Built from
// a rule's evaluation by `toFinding`, the one place that decides statuses and shortfalls.
import type { LoadedRulebook, RulebookRule } from './rulebook.js';
import { clean, formatShortfall, renderBilingual } from './format.js';
import { fieldLabel } from './contract.js';
import type { Bilingual, Comparison, Evaluation, RuleMeta, Status, Subject, Unit } from './types.js';

export interface Finding {
  rule: string;
  rulebook: string;
  title: Bilingual;
  subject: { kind: Subject['kind']; id: string; name: string; jurisdiction: string };
  status: Status;
  measured: number | null;
  required: number | null;
  unit: Unit;
  /** required − measured, in the rule's unit, when the status is fail or warn; else null. */
  shortfall: number | null;
  due: string | null;
  basis: { included: number; excluded: number } | null;
  missing: string[];
  source: { seed: string; clause: string; quote: string; reading?: Bilingual };
  message: Bilingual;
}


function meets(measured: number, required: number, comparison: Comparison): boolean {
  return comparison === 'gt' ? measured > required : measured >= required;
}

const STATUS_CLOSING: Record<'pass' | 'short' | 'equalButStrict', Bilingual> = {
  pass: { zh: '，达标', en: ', met' },
  short: { zh: '，缺 {shortfall}', en: ', {shortfall} short' },
  equalButStrict: { zh: '，须高于要求值', en: ', must exceed the requirement' },
};

function closing(status: Status, shortfall: number, unit: Unit, due: string | null): Bilingual {
  if (status === 'pass') return STATUS_CLOSING.pass;
  const text =
    shortfall === 0
      ? STATUS_CLOSING.equalButStrict
      : {
          zh: `，${unit === 'share' ? '差' : '缺'} ${formatShortfall(shortfall, unit, 'zh')}`,
          en: `, ${formatShortfall(shortfall, unit, 'en')} short`,
        };
  if (status !== 'warn' || !due) return text;
  return { zh: `${text.zh}（整改期限 ${due}，尚未到期）`, en: `${text.en} (due ${due}, not yet due)` };
}

function joinMessage(...parts: Bilingual[]): Bilingual {
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join('') };
}

function missingMessage(missing: string[]): Bilingual {
  const labels = missing.map(fieldLabel);
  return {
    zh: `数据不足，缺少：${labels.map((l) => l.zh).join('、')}`,
    en: `Insufficient data; missing: ${labels.map((l) => l.en).join(', ')}`,
  };
}

/** Turns a rule's evaluation into a finding with a status, shortfall and message. */
export function toFinding(
  evaluation: Evaluation,
  meta: RuleMeta,
  entry: RulebookRule,
  book: LoadedRulebook,
  subject: Finding['subject'],
  asOf: string,
): Finding {
  const base = {
    rule: meta.id,
    rulebook: book.id,
    title: meta.title,
    subject,
    unit: meta.unit,
    due: entry.due,
    source: {
      seed: book.seed,
      clause: entry.clause,
      quote: entry.quote,
      ...(entry.reading ? { reading: entry.reading } : {}),
    },
  };
  switch (evaluation.outcome) {
    case 'not_applicable':
      return {
        ...base,
        status: 'not_applicable',
        measured: null,
        required: null,
        shortfall: null,
        basis: null,
        missing: [],
        message: renderBilingual(messageTemplate(meta.messages, evaluation.messageId, meta.id), evaluation.data ?? {}),
      };
    case 'insufficient_data':
      return {
        ...base,
        status: 'insufficient_data',
        measured: null,
        required: null,
        shortfall: null,
        basis: null,
        missing: evaluation.missing,
        message: missingMessage(evaluation.missing),
      };
    case 'measured': {
      const measured = clean(evaluation.measured);
      const required = clean(evaluation.required);
      const comparison = entry.comparison ?? meta.comparison;
      const met = meets(measured, required, comparison);
      const status: Status = met ? 'pass' : entry.due !== null && entry.due > asOf ? 'warn' : 'fail';
      const shortfall = met ? null : clean(Math.max(0, required - measured));
      const data = { measured, required, ...evaluation.data };
      const arithmetic = renderBilingual(messageTemplate(meta.messages, evaluation.messageId, meta.id), data);
      const parts = [arithmetic, closing(status, shortfall ?? 0, meta.unit, entry.due)];
      if (evaluation.basis && evaluation.basis.excluded > 0) {
        const total = evaluation.basis.included + evaluation.basis.excluded;
        parts.push({
          zh: `（依据 ${total} 项中的 ${evaluation.basis.included} 项，${evaluation.basis.excluded} 项数据空缺未计入）`,
          en: ` (based on ${evaluation.basis.included} of ${total}; ${evaluation.basis.excluded} left out for blank data)`,
        });
      }
      if (evaluation.detail) parts.push(evaluation.detail);
      return {
        ...base,
        status,
        measured,
        required,
        shortfall,
        basis: evaluation.basis ?? null,
        missing: [],
        message: joinMessage(...parts),
      };
    }
  }
}

function messageTemplate(messages: Record<string, Bilingual>, id: string, ruleId: string): Bilingual {
  const template = messages[id];
  if (!template) throw new Error(`rule ${ruleId} has no message "${id}"`);
  return template;
}
