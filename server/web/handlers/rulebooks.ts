// Every rulebook: its document, and each rule with its figures, clause, due date and quote.
import { defaultRulebooks } from '../../../checks/rulebook.js';
import { ruleById } from '../../../checks/registry.js';
import { describeParams } from '../../../checks/rule-params.js';
import type { Handler } from '../handler.js';

export const showRulebooks: Handler = (_req, res) => {
  const lang = res.locals.lang;
  const books = defaultRulebooks().map((book) => ({
    ...book,
    entries: book.rules.map((entry) => ({
      ...entry,
      title: ruleById(entry.rule)?.meta.title[lang] ?? entry.rule,
      figures: (() => {
        const rule = ruleById(entry.rule);
        return rule ? describeParams(entry, rule.meta, lang) : [];
      })(),
    })),
  }));
  res.format({
    html: () => res.render('rulebooks', { books }),
    json: () => res.json(defaultRulebooks()),
  });
};
