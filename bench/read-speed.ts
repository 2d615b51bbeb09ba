// The reading part of issue 20, measured inside `npm run bench`: `check --json` of the county
// workbook against the bare exceljs streaming read of the same file, on the file as exceljs
// writes it and on the same county saved by LibreOffice (its own shared strings and styles; the
// conversion is made once and cached), side by side in one run; the floor beside them (the time
// to inflate every sheet part and the shared strings); and the check's JSON compared with the one
// recorded before the byte-level reader replaced the string scanner, so that speed never buys a
// changed audit.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, runNode, type ChildRun } from './child.js';

/**
 * The audit of the seeded county (1×) with `--as-of 2026-06-30`, recorded on main 81e0b62 before
 * the byte-level reader: the SHA-256 of `check --json`'s output with the workbook's own SHA-256
 * blanked (the generator and LibreOffice stamp each file with the time it was written, so the
 * file's hash changes from run to run while its cells do not). The exceljs-written file and the
 * LibreOffice-saved one give this same document.
 */
export const RECORDED_AUDIT = { asOf: '2026-06-30', sha256: 'ba347f02df28be96718d5550de59c229117b0289d3dccea61628c8bdcdff2c91' } as const;

export interface Figure {
  /** The median run. */
  ms: number;
  rssMb: number;
  /** Every run, in the order run. */
  runsMs: number[];
}

/** What a row of the table shows: a figure, or a time measured in process (no memory of its own). */
export type ShownFigure = Pick<Figure, 'ms' | 'rssMb'>;

/** The fastest and slowest of several figures' runs of one command (the baseline, measured in two places). */
export function baselineSpread(figures: readonly Figure[]): { runs: number; fastestMs: number; slowestMs: number } {
  const all = figures.flatMap((figure) => figure.runsMs);
  return { runs: all.length, fastestMs: Math.min(...all), slowestMs: Math.max(...all) };
}

/** What run.ts gives: its interleaved median-of-runs measurement. */
type Interleaved = (measurements: Record<string, () => Promise<ChildRun>>) => Promise<Record<string, Figure>>;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const log = (text: string) => process.stderr.write(`${text}\n`);

/** The SHA-256 of a check's JSON output, its workbook hash blanked (see RECORDED_AUDIT). */
export function auditDigest(json: string): string {
  return createHash('sha256')
    .update(json.replace(/"sha256": "[0-9a-f]{64}"/, '"sha256": ""'))
    .digest('hex');
}

/**
 * The county as LibreOffice saves it, made once per generator version and scale and kept in the
 * temp folder (LibreOffice takes half a minute or more); named as the original, so that the two
 * audits' JSON name the same file.
 */
function libreOfficeCopy(file: string, scale: number): string {
  const generator = createHash('sha256').update(readFileSync(here('./county-workbook.js'))).update(String(scale)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'eldercare-bench-cache', `libreoffice-${generator}`);
  const cached = join(dir, basename(file));
  if (existsSync(cached)) return cached;
  log('saving the county workbook with LibreOffice (once; cached in the temp folder) …');
  const work = join(dir, 'converting');
  mkdirSync(work, { recursive: true });
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', work, file], { stdio: 'ignore' });
  renameSync(join(work, basename(file)), cached);
  return cached;
}

/** The floor of one file: the median of `runs` in-process inflations of its sheets and shared strings. */
async function floorOf(file: string, runs: number): Promise<{ ms: number; inflatedBytes: number }> {
  const results: { ms: number; inflatedBytes: number }[] = [];
  for (let i = 0; i < runs; i++) results.push(JSON.parse(execFileSync(process.execPath, [here('./inflate-floor.js'), file], { encoding: 'utf8' })) as { ms: number; inflatedBytes: number });
  return { ms: median(results.map((r) => r.ms)), inflatedBytes: results[0]!.inflatedBytes };
}

export async function measureReadSpeed(options: { dir: string; file: string; scale: number; runs: number; interleaved: Interleaved }) {
  const { dir, file, scale, runs, interleaved } = options;
  const saved = libreOfficeCopy(file, scale);
  const out = { exceljs: join(dir, 'read-speed-exceljs.json'), libreOffice: join(dir, 'read-speed-libreoffice.json') };
  const check = (input: string, stdoutFile: string) => () => runCli(['check', input, '--json', '--as-of', RECORDED_AUDIT.asOf], { stdoutFile });
  log('reading (the bare exceljs read and check --json, each file as exceljs writes it and as LibreOffice saves it):');
  const timed = await interleaved({
    baseline: () => runNode(here('./baseline-read.js'), [file]),
    check: check(file, out.exceljs),
    baselineLibreOffice: () => runNode(here('./baseline-read.js'), [saved]),
    checkLibreOffice: check(saved, out.libreOffice),
  });
  const floor = { exceljs: await floorOf(file, runs), libreOffice: await floorOf(saved, runs) };
  const digests = { exceljs: auditDigest(readFileSync(out.exceljs, 'utf8')), libreOffice: auditDigest(readFileSync(out.libreOffice, 'utf8')) };
  // The recorded audit is the 1× county's; another scale is a different audit.
  const sameAudit = scale === 1 ? { exceljs: digests.exceljs === RECORDED_AUDIT.sha256, libreOffice: digests.libreOffice === RECORDED_AUDIT.sha256 } : null;
  if (sameAudit && !(sameAudit.exceljs && sameAudit.libreOffice)) {
    log(`check --json differs from the audit recorded before the byte-level reader: ${JSON.stringify(digests)} against ${RECORDED_AUDIT.sha256}`);
    process.exitCode = 1;
  }
  const ratio = (a: Figure, b: Figure) => a.ms / b.ms;
  const ratios = {
    check: ratio(timed['check']!, timed['baseline']!),
    checkLibreOffice: ratio(timed['checkLibreOffice']!, timed['baselineLibreOffice']!),
    floor: floor.exceljs.ms / timed['baseline']!.ms,
    floorLibreOffice: floor.libreOffice.ms / timed['baselineLibreOffice']!.ms,
  };
  const same = (key: 'exceljs' | 'libreOffice') => (sameAudit ? (sameAudit[key] ? ' (same JSON)' : ' (JSON CHANGED)') : '');
  const rows: [string, ShownFigure, string][] = [
    ['read: baseline, exceljs streaming', timed['baseline']!, '1.00'],
    ['read: floor, inflating the sheets', { ms: floor.exceljs.ms, rssMb: NaN }, ratios.floor.toFixed(2)],
    [`read: check --json${same('exceljs')}`, timed['check']!, ratios.check.toFixed(2)],
    [`LibreOffice-saved (${(statSync(saved).size / 1e6).toFixed(1)} MB): baseline`, timed['baselineLibreOffice']!, '1.00'],
    ['LibreOffice-saved: floor', { ms: floor.libreOffice.ms, rssMb: NaN }, ratios.floorLibreOffice.toFixed(2)],
    [`LibreOffice-saved: check --json${same('libreOffice')}`, timed['checkLibreOffice']!, ratios.checkLibreOffice.toFixed(2)],
  ];
  const figures = {
    baseline: timed['baseline']!,
    check: timed['check']!,
    baselineLibreOffice: timed['baselineLibreOffice']!,
    checkLibreOffice: timed['checkLibreOffice']!,
    floor,
    libreOfficeBytes: statSync(saved).size,
    ratios,
    digests,
    sameAudit,
    targets: {
      checkWithinHalfBaseline: ratios.check <= 0.5,
      checkLibreOfficeWithinHalfBaseline: ratios.checkLibreOffice <= 0.5,
      checkRssUnder256Mb: timed['check']!.rssMb <= 256 && timed['checkLibreOffice']!.rssMb <= 256,
      sameAudit: sameAudit ? sameAudit.exceljs && sameAudit.libreOffice : null,
    },
  };
  return { rows, figures };
}
