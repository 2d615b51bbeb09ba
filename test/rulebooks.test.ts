// The rulebooks as data: they load and validate, carry the catalogue's figures, clauses and due
// dates, use every rule, and quote their seed documents verbatim (verify-sources).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { RULES } from '../checks/registry.js';
import { defaultRulebooks, loadRulebooks, parseRulebook, RULEBOOK_DIR, RulebookError } from '../checks/rulebook.js';
import { verifyQuotes } from '../checks/sources.js';

const D = '2025-12-31';
// rule → rulebook → [the figure, clause, due]; transcribed from ../shared/spec/rules.md.
const CATALOGUE: Record<string, Record<string, [number | Record<string, number | string>, string, string | null]>> = {
  'space.per-100-households.new': { anji: [30, '二(二)5', null], yaohai: [30, '二(四)14', null], jiaxiang: [30, '二、10', null] },
  'space.per-100-households.existing': { anji: [20, '二(二)5', D], yaohai: [20, '二(四)14', D], jiaxiang: [20, '二、10', null] },
  'space.site-minimum': { yaohai: [350, '二(四)14', null], jiaxiang: [200, '二、10', null] },
  'space.project-floor-share': { anji: [0.002, '二(二)5', null] },
  'staffing.special-support-caregivers': {
    anji: [{ fullyDisabledPerCaregiver: 3, partiallyDisabledPerCaregiver: 6, selfCarePerCaregiver: 15 }, '二(五)14', null],
  },
  'staffing.social-worker-per-beds': { tongxiang: [60, '二(五)16', D] },
  'equipment.rehab-room': { tongxiang: [100, '二(三)12', null] },
  'staffing.rehab-nurse-by-star': { tongxiang: [4, '二(三)12', null] },
  'staffing.rehab-physician-by-star': { tongxiang: [5, '二(三)12', null] },
  'quality.special-support-grade': { tongxiang: [2, '二(四)13', '2022-12-31'] },
  'staffing.pre-job-training': { jiaxiang: [1, '四、18', D] },
  'staffing.professional-certification': { jiaxiang: [1, '四、18', D] },
  'workforce.caregiver-allowance': { anji: [400, '二(五)15', null] },
  'planning.land-per-capita': { anji: [0.1, '二(二)4', null], hongdong: [0.2, '二(二)4', null] },
  'planning.village-care-room': { anji: [1, '二(二)5', D] },
  'workforce.certified-caregivers-per-10k': { anji: [30, '二(五)14', D], tongxiang: [28, '一', D], hongdong: [20, '二(六)19', D] },
  'workforce.senior-caregiver-share': { anji: [0.18, '二(五)14', D], tongxiang: [0.18, '一', D], hongdong: [0.1, '二(六)19', D] },
  'workforce.first-aid-share': { anji: [0.7, '二(五)14', D], hongdong: [0.3, '二(六)19', D] },
  'workforce.social-workers-per-10k': { tongxiang: [25, '一', D], jiaxiang: [10, '四、18', D] },
  'beds.nursing-share': { tongxiang: [0.6, '一', D], jiaxiang: [0.65, '三、15', D] },
  'beds.dementia-per-10k': { tongxiang: [20, '一', D] },
  'beds.family-care-beds': { jiaxiang: [200, '二、12', D] },
  'occupancy.public-institutions': { yaohai: [0.6, '二(四)15', D] },
  'network.special-hardship-centralized': { jiaxiang: [0.6, '一、1', null] },
  'network.county-special-support-home': { jiaxiang: [{ minCount: 1, minStars: 2 }, '二、12', null] },
  'network.street-center-coverage': { yaohai: [1, '二(五)18', D], jiaxiang: [1, '二、12', null] },
  'network.town-center-coverage': { jiaxiang: [0.6, '二、12', null] },
  'quality.bright-kitchen': { jiaxiang: [0.95, '四、17', null] },
  'quality.infection-monitoring': { jiaxiang: [1, '四、17', null] },
  'quality.medical-integration': { jiaxiang: [1, '三、15', D] },
  // Catalogue 2
  'equipment.smart-service-terminal': { anji: [{}, '二(六)18', null] },
  'network.township-care-alliance-coverage': {
    anji: [{ share: 1, scope: 'towns_and_streets' }, '二(二)6', D],
    hongdong: [{ share: 1, scope: 'towns' }, '二(二)6', D],
  },
  'network.care-alliances': { tongxiang: [10, '一', D] },
  'network.smart-care-homes': { tongxiang: [5, '一', D] },
  'network.dementia-care-institution': { tongxiang: [1, '二(三)9', D] },
  'network.meal-service-coverage': { anji: [1, '二(二)5', null] },
  'network.community-facility-coverage': { jiaxiang: [1, '二、12', null] },
  'network.willing-special-hardship-centralized': { anji: [1, '二(四)12', null], hongdong: [1, '二(四)12', null], jiaxiang: [1, '一、1', null] },
  'operation.community-socialized': { tongxiang: [1, '二(二)7', D] },
  'operation.community-institution-run': { tongxiang: [0.8, '二(二)7', D] },
  'quality.service-quality-standard': { jiaxiang: [1, '四、19', null] },
  'quality.service-safety-standard': { jiaxiang: [1, '四、19', null] },
  'workforce.training-person-times': { yaohai: [1125, '二(三)12', D] },
  'workforce.caregiver-training-person-times': { yaohai: [750, '二(三)12', D] },
  'homes.age-friendly-retrofits': { yaohai: [29, '二(五)19', D], jiaxiang: [600, '二、11', D] },
  'homes.retrofit-coverage': { tongxiang: [1, '二(一)5', null] },
};

const books = defaultRulebooks();

describe('the rulebooks', () => {
  it('are the five jurisdictions, each valid against the schema and its rules’ parameter schemas', () => {
    expect(books.map((book) => book.id).sort()).toEqual(['anji', 'hongdong', 'jiaxiang', 'tongxiang', 'yaohai']);
    for (const book of books) expect(book.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('carry exactly the catalogue: every rule, figure, clause and due date', () => {
    const actual: typeof CATALOGUE = {};
    for (const book of books) {
      for (const entry of book.rules) {
        const values = Object.values(entry.params);
        const figure = values.length === 1 ? (values[0] as number) : (entry.params as Record<string, number | string>);
        (actual[entry.rule] ??= {})[book.id] = [figure, entry.clause, entry.due];
      }
    }
    expect(actual).toEqual(CATALOGUE);
    expect(Object.keys(CATALOGUE).sort()).toEqual(RULES.map((rule) => rule.meta.id).sort());
  });

  it('mark Yaohai as a draft for comment and Jiaxiang’s township coverage as strictly greater', () => {
    expect(books.find((b) => b.id === 'yaohai')?.status).toBe('draft_for_comment');
    expect(books.filter((b) => b.id !== 'yaohai').every((b) => b.status === 'in_force')).toBe(true);
    const town = books.find((b) => b.id === 'jiaxiang')?.rules.find((r) => r.rule === 'network.town-center-coverage');
    expect(town?.comparison ?? RULES.find((r) => r.meta.id === 'network.town-center-coverage')?.meta.comparison).toBe('gt');
  });

  it('give a reading wherever the catalogue takes one', () => {
    const read = (bookId: string, rule: string) => books.find((b) => b.id === bookId)?.rules.find((r) => r.rule === rule)?.reading;
    for (const [bookId, rule] of [
      ['tongxiang', 'staffing.rehab-nurse-by-star'],
      ['yaohai', 'occupancy.public-institutions'],
      ['anji', 'planning.land-per-capita'],
      ['hongdong', 'planning.land-per-capita'],
      ['anji', 'staffing.special-support-caregivers'],
      ['tongxiang', 'staffing.social-worker-per-beds'],
      ['anji', 'workforce.caregiver-allowance'],
      ['tongxiang', 'quality.special-support-grade'],
      ['jiaxiang', 'beds.nursing-share'],
      ['anji', 'network.township-care-alliance-coverage'],
      ['hongdong', 'network.township-care-alliance-coverage'],
      ['anji', 'equipment.smart-service-terminal'],
      ['anji', 'network.meal-service-coverage'],
      ['jiaxiang', 'network.willing-special-hardship-centralized'],
      ['yaohai', 'workforce.training-person-times'],
      ['yaohai', 'workforce.caregiver-training-person-times'],
      ['yaohai', 'homes.age-friendly-retrofits'],
      ['jiaxiang', 'homes.age-friendly-retrofits'],
      ['tongxiang', 'network.smart-care-homes'],
      ['tongxiang', 'network.dementia-care-institution'],
      ['tongxiang', 'operation.community-socialized'],
      ['tongxiang', 'operation.community-institution-run'],
      ['jiaxiang', 'network.community-facility-coverage'],
      ['jiaxiang', 'quality.service-quality-standard'],
      ['jiaxiang', 'quality.service-safety-standard'],
    ] as const) {
      expect(read(bookId, rule)?.zh, `${bookId} ${rule}`).toBeTruthy();
      expect(read(bookId, rule)?.en, `${bookId} ${rule}`).toBeTruthy();
    }
  });

  it('reject a file whose parameters break the rule’s schema, naming file and rule', () => {
    const anji = JSON.parse(readFileSync(join(RULEBOOK_DIR, 'anji.json'), 'utf8')) as { rules: { params: object }[] };
    anji.rules[0]!.params = { m2Per100Households: -30 };
    expect(() => parseRulebook(JSON.stringify(anji), 'anji.json')).toThrow(RulebookError);
    expect(() => parseRulebook(JSON.stringify(anji), 'anji.json')).toThrow(/anji\.json.*space\.per-100-households\.new/s);
    expect(() => parseRulebook('{', 'broken.json')).toThrow(/broken\.json: not valid JSON/);
  });

  it('a new county is one new file: no code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eldercare-books-'));
    for (const book of books) copyFileSync(join(RULEBOOK_DIR, `${book.id}.json`), join(dir, `${book.id}.json`));
    const anji = JSON.parse(readFileSync(join(RULEBOOK_DIR, 'anji.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'newtown.json'), JSON.stringify({ ...anji, id: 'newtown', names: { zh: '新城县', en: 'Newtown County' }, aliases: [] }));
    expect(loadRulebooks(dir).map((book) => book.id)).toContain('newtown');
    writeFileSync(join(dir, 'oldtown.json'), JSON.stringify({ ...anji, id: 'elsewhere' }));
    expect(() => loadRulebooks(dir)).toThrow(/oldtown\.json/);
  });
});

describe('verify-sources', () => {
  const seeds = mkdtempSync(join(tmpdir(), 'eldercare-seeds-'));
  const seedOf = (id: string) => books.find((book) => book.id === id)!;

  it('accepts quotes that stand verbatim and names each one that does not', () => {
    const anji = seedOf('anji');
    writeFileSync(join(seeds, anji.seed), anji.rules.map((rule) => `前文。${rule.quote}后文。`).join('\n'));
    expect(verifyQuotes([anji], seeds)).toEqual({ checked: anji.rules.length, problems: [] });

    const altered = { ...anji, rules: anji.rules.map((rule, i) => (i === 0 ? { ...rule, quote: rule.quote.replace('30', '３０') } : rule)) };
    const report = verifyQuotes([altered], seeds);
    expect(report.problems).toEqual([
      expect.objectContaining({ rulebook: 'anji', rule: anji.rules[0]!.rule, code: 'quote_not_found' }),
    ]);
    expect(verifyQuotes([seedOf('hongdong')], seeds).problems.every((p) => p.code === 'missing_seed')).toBe(true);
  });

  it('the script exits 1 and names the entry when a quote is not verbatim, 0 when all are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eldercare-seeds-cli-'));
    mkdirSync(dir, { recursive: true });
    for (const book of books) writeFileSync(join(dir, book.seed), book.rules.map((rule) => rule.quote).join('\n'));
    const script = projectPath('dist/server/cli/verify-sources.js');
    const ok = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('64 quotes verified');

    const jiaxiang = seedOf('jiaxiang');
    // The sentence of 一、1 left out (two entries quote it) and 65% altered (one entry).
    const dropped = jiaxiang.rules[0]!.quote;
    const kept = jiaxiang.rules.filter((rule) => rule.quote !== dropped);
    writeFileSync(join(dir, jiaxiang.seed), kept.map((rule) => rule.quote).join('\n').replaceAll('65%', '66%'));
    const bad = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('jiaxiang network.special-hardship-centralized');
    expect(bad.stderr).toContain('jiaxiang network.willing-special-hardship-centralized');
    expect(bad.stderr).toContain('jiaxiang beds.nursing-share');
    expect(bad.stderr).toMatch(/3 of 64 quotes failed/);
  });
});
