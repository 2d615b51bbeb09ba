#!/usr/bin/env node
// eldercare-audit: the command line. Each command is one module; this file is the route table.

/**
 * Starts the worker of a check (the check's own, or with a database the storing one) before
 * anything else is loaded: it loads its modules on another core while this thread loads the
 * command's, and its start is the longest path of a small check (loading this file's imports
 * first put 40 ms before it, issue 20). Not for `check --help`: a process that ends while its
 * worker starts waits for it.
 */
async function startCheckWorker([name, ...args]: string[]): Promise<void> {
  if (name !== 'check' || asksUsage(args)) return;
  const stores = args.some((arg) => arg === '--db' || arg.startsWith('--db=')) || Boolean(process.env['ELDERCARE_AUDIT_DB']);
  if (stores) (await import('../jobs/store-job.js')).warmStoreWorker();
  else (await import('../audit/check-pools.js')).warmCheckWorker();
}

/** Whether a command's arguments ask for its usage (`serve --help`, `user -h`). */
function asksUsage(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

// A worker that cannot start is left to the check, which starts one again and says why it cannot.
await startCheckWorker(process.argv.slice(2)).catch(() => undefined);
const { UsageError } = await import('./args.js');
const { TOOL } = await import('../audit/version.js');
const { StoreError } = await import('../store/types.js');

export interface Command {
  usage: string;
  summary: { zh: string; en: string };
  run(args: string[]): Promise<number>;
}

// Each command is loaded when it runs: `check` should not pay for PDF fonts, the web server or
// the database drivers (loading every module cost 0.8 s of each start).
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check-command.js')).checkCommand,
  rulebooks: async () => (await import('./rulebooks-command.js')).rulebooksCommand,
  template: async () => (await import('./template-command.js')).templateCommand,
  history: async () => (await import('./store-commands.js')).historyCommand,
  show: async () => (await import('./store-commands.js')).showCommand,
  rerun: async () => (await import('./store-commands.js')).rerunCommand,
  original: async () => (await import('./store-commands.js')).originalCommand,
  backup: async () => (await import('./store-commands.js')).backupCommand,
  report: async () => (await import('./store-commands.js')).reportCommand,
  diff: async () => (await import('./compare-commands.js')).diffCommand,
  compare: async () => (await import('./compare-commands.js')).compareCommand,
  matrix: async () => (await import('./compare-commands.js')).matrixCommand,
  stars: async () => (await import('./compare-commands.js')).starsCommand,
  across: async () => (await import('./compare-commands.js')).acrossCommand,
  serve: async () => (await import('./web-commands.js')).serveCommand,
  user: async () => (await import('./web-commands.js')).userCommand,
  token: async () => (await import('./web-commands.js')).tokenCommand,
  db: async () => (await import('./db-command.js')).dbCommand,
  notice: async () => (await import('./notice-commands.js')).noticeCommand,
  waiver: async () => (await import('./notice-commands.js')).waiverCommand,
};

async function help(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const lines = [
    `${TOOL.name} ${TOOL.version} — 养老服务设施合规审核 / elder-care facility compliance auditor`,
    '',
    'Usage / 用法:',
    ...commands.map((c) => `  ${TOOL.name} ${c.usage}\n      ${c.summary.zh} / ${c.summary.en}`),
    '',
    'Exit codes / 退出码: 0 valid, no failure 合格 · 1 at least one failure 存在不合格 · 2 rejected workbook or misuse 工作簿被拒或用法错误',
  ];
  return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(await help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${TOOL.version}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}"`);
  const command = await load();
  // Every command's own usage, before its options are parsed.
  if (asksUsage(args)) {
    process.stdout.write(`${TOOL.name} ${command.usage}\n  ${command.summary.zh} / ${command.summary.en}\n`);
    return 0;
  }
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
