// Runs one measured child process: wall time, exit code and peak memory (through rss-probe).
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROBE = fileURLToPath(new URL('./rss-probe.js', import.meta.url));
export const CLI = fileURLToPath(new URL('../server/cli/main.js', import.meta.url));

export interface ChildRun {
  ms: number;
  code: number;
  rssBytes: number;
  stderr: string;
}

/** `node <script> <args>`, its standard output into `stdoutFile` (or discarded). */
export async function runNode(script: string, args: readonly string[], options: { stdoutFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
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
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode ?? -1, stderr }));
    });
    const ms = performance.now() - started;
    return { ms, code, rssBytes: Number(readFileSync(rssFile, 'utf8')), stderr };
  } finally {
    if (typeof out === 'number') closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI, as a user runs it; a code above 1 (rejected, misuse, crash) stops the benchmark. */
export async function runCli(args: readonly string[], options: { stdoutFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
  const run = await runNode(CLI, args, options);
  if (run.code > 1) throw new Error(`eldercare-audit ${args.join(' ')} exited with ${run.code}:\n${run.stderr}`);
  return run;
}
