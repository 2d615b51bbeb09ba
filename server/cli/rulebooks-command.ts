import { defaultRulebooks } from '../../checks/rulebook.js';
import { ruleById } from '../../checks/registry.js';
import { describeParams } from '../../checks/rule-params.js';
import { langOption, parse } from './args.js';
import type { Command } from './main.js';

export const rulebooksCommand: Command = {
  usage: 'rulebooks [--json] [--lang zh|en]',
  summary: { zh: '列出规则集及其规则、指标与条款', en: 'list the rulebooks with their rules, figures and clauses' },
  async run(args) {
    const { values } = parse(args, { json: { type: 'boolean' }, lang: { type: 'string' } }, { min: 0, max: 0 });
    const lang = langOption(values.lang);
    const books = defaultRulebooks();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(books, null, 2)}\n`);
      return 0;
    }
    const lines: string[] = [];
    for (const book of books) {
      const draft = book.status === 'draft_for_comment' ? (lang === 'zh' ? '【征求意见稿】' : ' [DRAFT FOR COMMENT]') : '';
      lines.push(`${book.id} · ${book.names[lang]} · ${book.version}${draft}`);
      lines.push(`  ${book.document.title[lang]}${book.document.number ? ` (${book.document.number})` : ''}`);
      for (const entry of book.rules) {
        const rule = ruleById(entry.rule)!;
        const params = describeParams(entry, rule.meta, lang).join(lang === 'zh' ? '，' : ', ');
        const due = entry.due ? (lang === 'zh' ? ` 达标期限 ${entry.due}` : ` due ${entry.due}`) : '';
        // A rule of presence (a terminal in every centre) has no figure to print.
        lines.push(`  - ${entry.rule}: ${rule.meta.title[lang]}${params ? ` [${params}]` : ''} ${entry.clause}${due}`);
      }
      lines.push('');
    }
    // The totals let an inspector see at a glance that nothing of the catalogue is missing.
    const entries = books.reduce((count, book) => count + book.rules.length, 0);
    const rules = new Set(books.flatMap((book) => book.rules.map((entry) => entry.rule))).size;
    lines.push(
      lang === 'zh'
        ? `共 ${books.length} 个规则集 · ${rules} 条规则 · ${entries} 项指标`
        : `${books.length} rulebooks · ${rules} rules · ${entries} entries`,
      '',
    );
    process.stdout.write(lines.join('\n'));
    return 0;
  },
};
