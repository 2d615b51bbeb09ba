// The validators the build writes (ajv standalone code) give the verdicts and the errors that
// ajv.compile gives for the same schemas: on rows made from each row schema's own properties
// (valid ones and broken ones), on the project's rulebooks and broken copies of them, and on
// every rulebook entry's parameters and broken ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BUILT_VALIDATORS_FILE, createAjv, schemaValidator, type BuiltValidators } from './ajv.js';
import { CONTRACT } from './contract.js';
import { RULEBOOK_DIR, RULEBOOK_SCHEMA } from './rulebook.js';
import { RULES } from './registry.js';
import { checkSchemas, validatorsModule } from './standalone-validators.js';

/** The module the build writes, evaluated here as node would load it. */
function evaluate(text: string): BuiltValidators {
  const module = { exports: {} as BuiltValidators };
  new Function('require', 'module', 'exports', text)(createRequire(import.meta.url), module, module.exports);
  return module.exports;
}

const schemas = checkSchemas();
const built = evaluate(validatorsModule(schemas));
const standaloneOf = (schema: object) => {
  const name = Object.entries(built.sources).find(([, text]) => text === JSON.stringify(schema))![0];
  return built[name] as ValidateFunction;
};

/** ajv.compile, as each module compiled its schemas before the build did. */
const compiled = new Map<string, ValidateFunction>();
function compiledOf(schema: object): ValidateFunction {
  const text = JSON.stringify(schema);
  if (!compiled.has(text)) compiled.set(text, createAjv().compile(schema));
  return compiled.get(text)!;
}

/** Same verdict and same errors, on every case; returns how many cases were valid. */
function expectSameVerdicts(schema: object, cases: readonly unknown[]): number {
  const standalone = standaloneOf(schema);
  const compiled = compiledOf(schema);
  let valid = 0;
  for (const data of cases) {
    const verdict = compiled(data);
    expect({ data, verdict: standalone(data), errors: standalone.errors ?? null }).toEqual({ data, verdict, errors: compiled.errors ?? null });
    if (verdict) valid += 1;
  }
  return valid;
}

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

type Property = {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  exclusiveMinimum?: number;
  maximum?: number | { $data: string };
  'x-labels'?: Record<string, string[]>;
};

/** Values a property takes in a valid row (small figures, so that `$data` bounds both hold and fail). */
function goodValues(property: Property): unknown[] {
  if (property.enum) return property.enum;
  if (property['x-labels']) return Object.keys(property['x-labels']);
  const type = Array.isArray(property.type) ? property.type[0] : property.type;
  const positive = (values: number[]) => values.filter((value) => property.exclusiveMinimum === undefined || value > property.exclusiveMinimum);
  if (type === 'integer') return positive([0, 1, 2, 5, 120]);
  if (type === 'number') return positive([0, 0.5, 3, 1200.25]);
  if (type === 'boolean') return [true, false];
  if (property.pattern) return ['2026-06-30', '2025-01-01'];
  return ['x', '养老院', 'F-001'];
}

const BAD_VALUES: unknown[] = [null, '', 'x', '2026-6-30', -1, 0, 1.5, 1e12, true, [], {}, 'a'.repeat(300)];

function rowCases(schema: Record<string, unknown>, count: number, seed: number): Record<string, unknown>[] {
  const next = random(seed);
  const properties = Object.entries(schema['properties'] as Record<string, Property>);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  const rows: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n += 1) {
    const row: Record<string, unknown> = {};
    for (const [key, property] of properties) {
      const roll = next();
      if (roll < 0.08) continue;
      row[key] = roll < 0.95 ? pick(goodValues(property)) : pick(BAD_VALUES);
    }
    // A part mostly within its whole (`maximum: { $data: "1/whole" }`), sometimes above it.
    for (const [key, property] of properties) {
      const whole = typeof property.maximum === 'object' ? row[property.maximum.$data.replace(/^1\//, '')] : undefined;
      if (typeof whole === 'number' && typeof row[key] === 'number' && next() < 0.9) row[key] = Math.min(row[key] as number, whole);
    }
    if (next() < 0.05) row['unknown_column'] = 1;
    rows.push(row);
  }
  return rows;
}

describe('the build validators', () => {
  it('are made for the row schemas, the rulebook shape and every rule parameter schema', () => {
    const texts = new Set(Object.values(built.sources));
    for (const schema of [...CONTRACT.map((sheet) => sheet.schema), RULEBOOK_SCHEMA, ...RULES.map((rule) => rule.meta.params)]) {
      expect(texts.has(JSON.stringify(schema))).toBe(true);
    }
    expect(texts.size).toBe(schemas.length);
  });

  for (const sheet of CONTRACT) {
    it(`judge ${sheet.key} rows as ajv.compile does, errors included`, () => {
      const cases = rowCases(sheet.schema, 3000, sheet.key.length);
      const valid = expectSameVerdicts(sheet.schema, cases);
      // Cases on both sides of the schema, or the comparison proves little.
      expect(valid).toBeGreaterThan(10);
      expect(valid).toBeLessThan(cases.length);
    });
  }

  const books = readdirSync(RULEBOOK_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(RULEBOOK_DIR, name), 'utf8')) as Record<string, unknown> & { rules: { rule: string; params: Record<string, unknown> }[] });

  it('judge the rulebooks and broken copies as ajv.compile does', () => {
    const broken = books.flatMap((book) => [
      { ...book, id: 42 },
      { ...book, status: 'repealed', extra: true },
      { ...book, rules: [{ ...book.rules[0], clause: undefined, due: 'soon' }] },
      Object.fromEntries(Object.entries(book).filter(([key]) => key !== 'names')),
    ]);
    expect(expectSameVerdicts(RULEBOOK_SCHEMA, [...books, ...broken, null, [], 'rulebook'])).toBe(books.length);
  });

  it('judge every rulebook entry’s parameters and broken ones as ajv.compile does', () => {
    for (const entry of books.flatMap((book) => book.rules)) {
      const schema = RULES.find((rule) => rule.meta.id === entry.rule)!.meta.params;
      const broken = [
        {},
        { ...entry.params, extra: 1 },
        ...Object.keys(entry.params).flatMap((key) => [-1, 2, 'sixty', null].map((value) => ({ ...entry.params, [key]: value }))),
      ];
      expect(expectSameVerdicts(schema, [entry.params, ...broken])).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('schemaValidator', () => {
  it.skipIf(!existsSync(BUILT_VALIDATORS_FILE))('takes a schema the build saw from the build', () => {
    const module = createRequire(import.meta.url)(BUILT_VALIDATORS_FILE) as BuiltValidators;
    const schema = CONTRACT[0]!.schema;
    const name = Object.entries(module.sources).find(([, text]) => text === JSON.stringify(schema))?.[0];
    expect(schemaValidator(schema)).toBe(module[name!]);
  });

  it('compiles a schema the build did not see, once', () => {
    const schema = { type: 'object', required: ['a'], properties: { a: { type: 'integer', minimum: 3 } } };
    const validate = schemaValidator(schema);
    expect(validate({ a: 3 })).toBe(true);
    expect(validate({ a: 2 })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/a', keyword: 'minimum' });
    expect(schemaValidator(structuredClone(schema))).toBe(validate);
  });
});
