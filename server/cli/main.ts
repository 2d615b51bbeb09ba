#!/usr/bin/env node
// eldercare-audit: the command line. Each command is one module; this file is the route table.
import { UsageError } from './args.js';
import { checkCommand } from './check-command.js';
import { rulebooksCommand } from './rulebooks-command.js';
import { templateCommand } from './template-command.js';
import { dbCommand } from './db-command.js';
import { serveCommand, tokenCommand, userCommand } from './web-commands.js';
import { acrossCommand, compareCommand, diffCommand, matrixCommand, starsCommand } from './compare-commands.js';
import { backupCommand, reportCommand, historyCommand, originalCommand, rerunCommand, showCommand } from './store-commands.js';
import { TOOL } from '../audit/version.js';
import { StoreError } from '../store/types.js';

export interface Command {
  usage: string;
  summary: { zh: string; en: string };
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  rulebooks: rulebooksCommand,
  template: templateCommand,
  history: historyCommand,
  show: showCommand,
  rerun: rerunCommand,
  original: originalCommand,
  backup: backupCommand,
  report: reportCommand,
  diff: diffCommand,
  compare: compareCommand,
  matrix: matrixCommand,
  stars: starsCommand,
  across: acrossCommand,
  serve: serveCommand,
  user: userCommand,
  token: tokenCommand,
  db: dbCommand,
};

function help(): string {
  const lines = [
    `${TOOL.name} ${TOOL.version} — 养老服务设施合规审核 / elder-care facility compliance auditor`,
    '',
    'Usage / 用法:',
    ...Object.values(COMMANDS).map((c) => `  ${TOOL.name} ${c.usage}\n      ${c.summary.zh} / ${c.summary.en}`),
    '',
    'Exit codes / 退出码: 0 valid, no failure 合格 · 1 at least one failure 存在不合格 · 2 rejected workbook or misuse 工作簿被拒或用法错误',
  ];
  return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${TOOL.version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(args);
}

// A reader that stops early (`eldercare-audit history | head`) closes the pipe: that is the
// reader's choice, not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof StoreError) {
      process.stderr.write(`${TOOL.name}: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof UsageError) {
      process.stderr.write(`${TOOL.name}: ${error.message}\n用法错误，运行 \`${TOOL.name} help\` 查看用法 / run \`${TOOL.name} help\` for usage\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${TOOL.name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    }
  },
);
