// Fuzzing (issue 9): the committed samples mutated by a seeded generator — bytes of the zip
// (flips, cuts, insertions, repeated blocks) and the XML of the sheets and shared strings (tags
// cut or repeated, characters XML treats specially, cell types and references changed, numbers
// made text) — each checked as an upload is, in a worker under a time limit. Every case either
// is rejected with the contract's errors or gives an audit whose JSON validates against the
// schema: never a crash, a hang, or an unhandled rejection.
//
// CI runs FUZZ_CASES (default 80) cases; a longer local run: FUZZ_CASES=5000 npx vitest run test/fuzz.test.ts
// A failing case prints its seed; FUZZ_SEED replays from it, FUZZ_DUMP=dir writes each mutant there.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../checks/ajv.js';
import { projectPath } from '../checks/paths.js';
import { checkIsolated } from '../server/audit/check-isolated.js';
import type { AuditResult } from '../server/audit/result.js';
import { ERROR_CODES } from '../server/workbook/problems.js';
import { sampleBytes, unzip } from './support/hostile-corpus.js';
import { makeZip } from './support/zip.js';
import { seededRandom } from '../bench/seeded-random.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? 80);
const FIRST_SEED = Number(process.env['FUZZ_SEED'] ?? 1);
const SAMPLES = ['anji.xlsx', 'tongxiang.xlsx', 'county-mix.xlsx', 'jiaxiang.xlsx', 'hongdong.xlsx', 'yaohai.xlsx'];
const LIMITS = { timeoutMs: 20_000, maxHeapMb: 512 };

const validateResult = createAjv().compile<AuditResult>(JSON.parse(readFileSync(projectPath('schemas/audit-result.schema.json'), 'utf8')) as object);

type Random = () => number;
const below = (next: Random, n: number) => Math.floor(next() * n);

/** Byte mutations of the whole archive. */
const BYTE_MUTATIONS: ((bytes: Buffer, next: Random) => Buffer)[] = [
  function flip(bytes, next) {
    const copy = Buffer.from(bytes);
    for (let i = 0, n = 1 + below(next, 8); i < n; i++) {
      const at = below(next, copy.length);
      copy[at] = copy[at]! ^ (1 << below(next, 8));
    }
    return copy;
  },
  function cut(bytes, next) {
    return bytes.subarray(0, below(next, bytes.length));
  },
  function insert(bytes, next) {
    const at = below(next, bytes.length);
    const junk = Buffer.from(Array.from({ length: 1 + below(next, 64) }, () => below(next, 256)));
    return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
  },
  function repeatBlock(bytes, next) {
    const from = below(next, bytes.length);
    const block = bytes.subarray(from, from + 1 + below(next, 512));
    const at = below(next, bytes.length);
    return Buffer.concat([bytes.subarray(0, at), block, block, bytes.subarray(at)]);
  },
];

const SPECIAL = ['<', '>', '&', '"', "'", '&amp;', '&#0;', '&#xD800;', '&unknown;', ']]>', '<![CDATA[x]]>', '\u0000', '\uFFFE', '😀', '养老', '<!DOCTYPE x>', '</row>', '<c>', '<v>'];

/** Text mutations of one XML part. */
const XML_MUTATIONS: ((xml: string, next: Random) => string)[] = [
  function deleteRange(xml, next) {
    const at = below(next, xml.length);
    return xml.slice(0, at) + xml.slice(at + 1 + below(next, 200));
  },
  function repeatRange(xml, next) {
    const at = below(next, xml.length);
    const piece = xml.slice(at, at + 1 + below(next, 400));
    return xml.slice(0, at) + piece + piece + xml.slice(at);
  },
  function special(xml, next) {
    const at = below(next, xml.length);
    return xml.slice(0, at) + SPECIAL[below(next, SPECIAL.length)]! + xml.slice(at);
  },
  function cellType(xml, next) {
    const types = ['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'x'];
    let n = 0;
    return xml.replace(/ t="[a-zA-Z]+"/g, (whole) => (n++ % 3 === 0 ? ` t="${types[below(next, types.length)]}"` : whole));
  },
  function reference(xml, next) {
    const refs = ['A1', 'XFD1048576', 'ZZZZ9', '', 'A0', 'B-1', '1A', 'AAAAAAAAAA99999999999'];
    let n = 0;
    return xml.replace(/ r="[A-Z]*\d+"/g, (whole) => (n++ % 4 === 0 ? ` r="${refs[below(next, refs.length)]}"` : whole));
  },
  function values(xml, next) {
    const junk = ['-1', '1e309', 'NaN', '99999999999999999999', '0x10', '', '３５０㎡', '1,2,3', '45000.5', '-0', '2147483648'];
    let n = 0;
    return xml.replace(/<v>[^<]*<\/v>/g, (whole) => (n++ % 3 === 0 ? `<v>${junk[below(next, junk.length)]}</v>` : whole));
  },
];

/** One mutated workbook: which sample, what was done, and its bytes. */
async function mutant(seed: number): Promise<{ what: string; bytes: Buffer }> {
  const next = seededRandom(seed);
  const sample = SAMPLES[below(next, SAMPLES.length)]!;
  const bytes = sampleBytes(sample);
  if (next() < 0.4) {
    const mutation = BYTE_MUTATIONS[below(next, BYTE_MUTATIONS.length)]!;
    return { what: `${sample}: bytes ${mutation.name}`, bytes: mutation(bytes, next) };
  }
  const entries = await unzip(bytes);
  const targets = entries.filter((e) => /^xl\/(worksheets\/sheet\d+|sharedStrings|workbook|styles)\.xml$/.test(e.name));
  const target = targets[below(next, targets.length)]!;
  const applied: string[] = [];
  let xml = target.data.toString('utf8');
  for (let i = 0, n = 1 + below(next, 3); i < n; i++) {
    const mutation = XML_MUTATIONS[below(next, XML_MUTATIONS.length)]!;
    applied.push(mutation.name);
    xml = mutation(xml, next);
  }
  const zipped = makeZip(entries.map(({ name, data }) => ({ name, data: name === target.name ? xml : data })));
  return { what: `${sample}: ${target.name} ${applied.join(', ')}`, bytes: zipped };
}

describe(`fuzzing the samples (${CASES} cases from seed ${FIRST_SEED})`, () => {
  it('every mutant is rejected with the contract’s errors or audited with a schema-valid result', async () => {
    const outcomes = { valid: 0, rejected: 0 };
    const codes = new Set<string>(ERROR_CODES);
    const seeds = Array.from({ length: CASES }, (_, i) => FIRST_SEED + i);
    // Two at a time: one per core.
    for (let i = 0; i < seeds.length; i += 2) {
      await Promise.all(
        seeds.slice(i, i + 2).map(async (seed) => {
          const { what, bytes } = await mutant(seed);
          if (process.env['FUZZ_DUMP']) writeFileSync(join(process.env['FUZZ_DUMP'], `fuzz-${seed}.xlsx`), bytes);
          const label = `seed ${seed} (${what})`;
          const started = performance.now();
          const { result } = await checkIsolated(bytes, { fileName: `fuzz-${seed}.xlsx`, asOf: '2026-01-01' }, LIMITS);
          expect(performance.now() - started, `${label} hung`).toBeLessThan(LIMITS.timeoutMs);
          expect(validateResult(result), `${label}: ${JSON.stringify(validateResult.errors)}`).toBe(true);
          // A timeout or the heap limit would come back as too_large: a mutant must never need it.
          expect(result.errors.map((e) => e.message.en).join(' '), label).not.toMatch(/took longer than|memory limit/);
          // A valid mutant may have no findings (a rulebook whose rules all need a sheet the
          // mutation hid); its schema-valid JSON is what counts.
          if (result.valid) outcomes.valid += 1;
          else {
            outcomes.rejected += 1;
            expect(result.errors.length, label).toBeGreaterThan(0);
            for (const error of result.errors) {
              expect(codes.has(error.code), `${label}: ${error.code}`).toBe(true);
              expect(error.message.zh, label).not.toBe('');
              expect(error.message.en, label).not.toBe('');
            }
          }
        }),
      );
    }
    console.log(`fuzz: ${CASES} cases, ${outcomes.valid} audited, ${outcomes.rejected} rejected`);
    expect(outcomes.valid + outcomes.rejected).toBe(CASES);
    // The generator must reach both sides of the contract, or it tests nothing.
    expect(outcomes.valid).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  }, 600_000);
});
