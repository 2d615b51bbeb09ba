// The check worker as the build ships it (server/audit/build-check-worker.ts): one module of
// ours, which the bin runs (the storing worker bundled beside it runs in cli-store.test.ts's
// `--db` checks); its answers must be those of the modules it is made from, for the .xlsx it
// reads itself and for the .xls it reads through the SheetJS chunk it loads lazily.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { checkWorkbook } from '../server/audit/check.js';
import { CHECK_WORKER_DIR } from '../server/audit/check-pools.js';

const BIN = projectPath('dist/server/cli/main.js');
const AS_OF = '2026-06-30';
const tmp = mkdtempSync(join(tmpdir(), 'eldercare-bundle-'));

/** What the bin prints for `check FILE --json`, and its exit code. */
function cliJson(path: string) {
  const child = spawnSync(process.execPath, [BIN, 'check', path, '--json', '--as-of', AS_OF], { encoding: 'utf8', timeout: 60_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The same check in this process, from the modules the bundle is made of. */
async function modulesJson(path: string, fileName: string): Promise<string> {
  const { result } = await checkWorkbook(readFileSync(path), { fileName, asOf: AS_OF });
  return `${JSON.stringify(result, null, 2)}\n`;
}

describe('the bundled check worker', () => {
  it('imports nothing of ours but its own chunks: packages and node builtins only', () => {
    const files = readdirSync(CHECK_WORKER_DIR);
    expect(files).toContain('worker.js');
    expect(files).toContain('store-worker.js');
    for (const file of files) {
      const text = readFileSync(join(CHECK_WORKER_DIR, file), 'utf8');
      const specifiers = [...text.matchAll(/(?:^import\b[^'"]*|\bimport\()\s*["']([^"']+)["']/gm)].map((match) => match[1]!);
      for (const specifier of specifiers.filter((s) => s.startsWith('.'))) expect(files, `${file} imports ${specifier}`).toContain(specifier.slice(2));
    }
    // SheetJS stays out of the worker's own module: only .xls and .et files load it.
    for (const worker of ['worker.js', 'store-worker.js']) expect(readFileSync(join(CHECK_WORKER_DIR, worker), 'utf8')).not.toMatch(/from ["']@e965\/xlsx["']/);
  });

  it('answers an .xlsx byte for byte as the modules do', async () => {
    const path = projectPath('samples', 'county-mix.xlsx');
    const { code, stdout, stderr } = cliJson(path);
    expect(stderr).toBe('');
    expect(code).toBeLessThan(2);
    expect(stdout).toBe(await modulesJson(path, 'county-mix.xlsx'));
  });

  it('answers an .xls, read through the lazily loaded SheetJS chunk, byte for byte as the modules do', async () => {
    const book = XLSX.read(readFileSync(projectPath('samples', 'tongxiang.xlsx')));
    const path = join(tmp, 'tongxiang.xls');
    writeFileSync(path, XLSX.write(book, { bookType: 'biff8', type: 'buffer' }) as Buffer);
    const { stdout } = cliJson(path);
    const expected = await modulesJson(path, 'tongxiang.xls');
    expect(stdout).toBe(expected);
    expect((JSON.parse(expected) as { workbook: { rows: Record<string, number> } }).workbook.rows.facilities).toBeGreaterThan(0);
  });
});
