// One Ajv instance set up the same way everywhere: every error in one pass, `$data`
// references for cross-field bounds, and the `x-*` annotation keywords of the workbook
// contract declared so strict mode accepts them.
//
// The schemas a check needs (rows, rulebook, rule parameters) are compiled ahead of time by
// `npm run build` into ajv's standalone code (checks/build-validators.ts): compiling them at
// each start cost a quarter of a second of every check and of every web upload's worker. The
// schemas stay the one source: a validator built ahead is used only for a schema whose JSON text
// is still the one it was built from, any other schema is compiled here as before.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { projectPath } from './paths.js';

export const CONTRACT_KEYWORDS = ['x-zh', 'x-en', 'x-kind', 'x-unit', 'x-labels', 'x-aliases', 'x-key'] as const;

// ajv is CommonJS and is required only when a schema must be compiled: a run whose schemas were
// all built ahead needs only ajv's small runtime helpers (loading ajv itself costs ~50 ms).
const require = createRequire(import.meta.url);

/** `source`: keep each validator's code, for ajv's standalone output (the build step). */
export function createAjv({ source = false }: { source?: boolean } = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({
    allErrors: true,
    $data: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    ...(source ? { code: { source: true } } : {}),
  });
  ajv.addVocabulary([...CONTRACT_KEYWORDS]);
  return ajv;
}

export function describeAjvErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return 'invalid';
  return errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
}

/** Where the build writes the standalone validators (CommonJS: ajv's standalone code requires its runtime helpers). */
export const BUILT_VALIDATORS_FILE = projectPath('dist/checks/validators.cjs');

/** The built module: one export per validator, and `sources`, each export's schema as JSON text. */
export interface BuiltValidators {
  sources: Record<string, string>;
  [name: string]: unknown;
}

let built: Map<string, ValidateFunction> | undefined;

/** The built validators by their schema's JSON text; none before the first build (tests from sources). */
function builtValidators(): Map<string, ValidateFunction> {
  if (built) return built;
  built = new Map();
  if (!existsSync(BUILT_VALIDATORS_FILE)) return built;
  const module = require(BUILT_VALIDATORS_FILE) as BuiltValidators;
  for (const [name, text] of Object.entries(module.sources)) built.set(text, module[name] as ValidateFunction);
  return built;
}

const compiled = new Map<string, ValidateFunction>();
let runtimeAjv: Ajv | undefined;

/**
 * The validator of a schema: the one the build made from the same JSON text, else compiled once
 * per process (by text, so that equal schemas met twice share one validator and ajv never sees
 * one `$id` twice).
 */
export function schemaValidator<T = unknown>(schema: object): ValidateFunction<T> {
  const text = JSON.stringify(schema);
  let validate = builtValidators().get(text) ?? compiled.get(text);
  if (!validate) {
    runtimeAjv ??= createAjv();
    validate = runtimeAjv.compile(schema);
    compiled.set(text, validate);
  }
  return validate as ValidateFunction<T>;
}
