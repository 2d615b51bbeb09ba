// ajv's standalone code for every schema a check compiles — the five row schemas, the
// rulebook's shape and each rule's parameters — as one CommonJS module, which the build writes
// (./build-validators.ts) and ./ajv.ts reads, so that no run pays for ajv's code generation.
import standalone from 'ajv/dist/standalone/index.js';
import { createAjv } from './ajv.js';
import { CONTRACT } from './contract.js';
import { RULES } from './registry.js';
import { RULEBOOK_SCHEMA } from './rulebook.js';

// ajv's standalone module is CommonJS: its default export arrives wrapped under NodeNext.
const standaloneCode = standalone as unknown as typeof standalone.default;

/** The schemas a check validates against, each once. */
export function checkSchemas(): object[] {
  const schemas = [...CONTRACT.map((sheet) => sheet.schema), RULEBOOK_SCHEMA, ...RULES.map((rule) => rule.meta.params)];
  return [...new Map(schemas.map((schema) => [JSON.stringify(schema), schema])).values()];
}

/** The module's text: ajv's exports `v0`, `v1`, … and `sources`, each export's schema as JSON text. */
export function validatorsModule(schemas: readonly object[]): string {
  const ajv = createAjv({ source: true });
  const names = schemas.map((schema, index) => {
    ajv.addSchema(schema, `v${index}`);
    return `v${index}`;
  });
  const sources = Object.fromEntries(schemas.map((schema, index) => [names[index], JSON.stringify(schema)]));
  return `${standaloneCode(ajv, Object.fromEntries(names.map((name) => [name, name])))}\nexports.sources = ${JSON.stringify(sources)};\n`;
}
