import { writeFile } from 'node:fs/promises';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { buildTemplate } from '../workbook/template.js';
import { parse } from './args.js';
import type { Command } from './main.js';

export const templateCommand: Command = {
  usage: 'template [out.xlsx]',
  summary: { zh: '生成空白填报模板', en: 'write the blank workbook template' },
  async run(args) {
    const { positionals } = parse(args, {}, { min: 0, max: 1 });
    const out = positionals[0] ?? 'eldercare-audit-template.xlsx';
    const jurisdictions = defaultRulebooks().map((book) => ({ id: book.id, zh: book.names.zh }));
    await writeFile(out, await buildTemplate(jurisdictions));
    process.stdout.write(`${out}\n`);
    return 0;
  },
};
