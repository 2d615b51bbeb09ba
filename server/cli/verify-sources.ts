// `npm run verify-sources -- <folder of seed files> [rulebook folder]`: exits 1, naming each
// rulebook entry, when a quote does not occur verbatim in its seed file.
import { loadRulebooks, RULEBOOK_DIR } from '../../checks/rulebook.js';
import { verifyQuotes } from '../../checks/sources.js';

function main(argv: string[]): number {
  const [seedDir, rulebookDir = RULEBOOK_DIR] = argv;
  if (!seedDir) {
    process.stderr.write('用法 / usage: verify-sources <seed folder> [rulebook folder]\n');
    return 2;
  }
  const { checked, problems } = verifyQuotes(loadRulebooks(rulebookDir), seedDir);
  for (const p of problems) {
    const what = p.code === 'missing_seed' ? '找不到原文文件 / seed file not found' : '引文不在原文中 / quote not found verbatim';
    process.stderr.write(`✗ ${p.rulebook} ${p.rule} (${p.seed}): ${what}\n    「${p.quote}」\n`);
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.length} of ${checked} quotes failed / ${checked} 条引文中 ${problems.length} 条未通过\n`);
    return 1;
  }
  process.stdout.write(`✓ ${checked} quotes verified verbatim in ${seedDir} / ${checked} 条引文均与原文逐字一致\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
