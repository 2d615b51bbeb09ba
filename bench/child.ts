// Runs one measured child process: wall time, exit code and peak memory (through rss-probe).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../checks/paths.js';

// From the build, whether this module runs built (npm run bench) or from source (the tests).
const PROBE = projectPath('dist/bench/rss-probe.js');
export const CLI = projectPath('dist/server/cli/main.js');

export interface ChildRun {
  ms: number;
  code: number;
  rssBytes: number;
  stderr: string;
}

export interface RunOptions {
  /** Where standard output goes (discarded without). */
  stdoutFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long: a hang ends as a run without its peak memory. */
  timeoutMs?: number;
}

/** `node <script> <args>` with its wall time, exit code, standard error and peak memory. */
export async function runNode(script: string, args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'eldercare-bench-rss-'));
  const rssFile = join(dir, 'rss');
  const out = options.stdoutFile ? openSync(options.stdoutFile, 'w') : 'ignore';
  const started = performance.now();
  try {
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', PROBE, script, ...args], {
        stdio: ['ignore', out, 'pipe'],
        env: { ...process.env, ...options.env, BENCH_RSS_FILE: rssFile },
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
      child.on('error', reject);
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        resolve({ code: exitCode ?? -1, stderr });
      });
    });
    const ms = performance.now() - started;
    return { ms, code, rssBytes: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN, stderr };
  } finally {
    if (typeof out === 'number') closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI, as a user runs it; a code above 1 (rejected, misuse, crash) stops the benchmark. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
  const run = await runNode(CLI, args, options);
  if (run.code > 1) throw new Error(`eldercare-audit ${args.join(' ')} exited with ${run.code}:\n${run.stderr}`);
  return run;
}
