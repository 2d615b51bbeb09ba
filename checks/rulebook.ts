// Rulebooks are data: one JSON file per jurisdiction under checks/rulebooks/, validated at load
// against schemas/rulebook.schema.json and, for each rule entry, against the rule's own
// parameter schema. No jurisdiction's name or figure appears in code.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bilingual, Comparison } from './types.js';
import { ruleById } from './registry.js';
import { describeAjvErrors, schemaValidator } from './ajv.js';
import { projectPath } from './paths.js';

export type RulebookStatus = 'in_force' | 'draft_for_comment';

export interface RulebookRule {
  rule: string;
  params: Record<string, unknown>;
  /** Clause of the source document, e.g. `二(五)16`. */
  clause: string;
  /** Due date `YYYY-MM-DD`, or null when the target applies at once. */
  due: string | null;
  /** The sentence of the seed the rule comes from, verbatim. */
  quote: string;
  /** Where the rule reads its sentence beyond the words. */
  reading?: Bilingual;
  /** Overrides the rule's usual comparison (e.g. 大于 → `gt`). */
  comparison?: Comparison;
}

export interface Rulebook {
  id: string;
  version: string;
  names: Bilingual;
  /** Other spellings a workbook may use for the jurisdiction (e.g. without 县). */
  aliases: string[];
  province: Bilingual;
  city: Bilingual;
  seed: string;
  document: { title: Bilingual; number: string | null; issued: string | null };
  status: RulebookStatus;
  inForce: string | null;
  rules: RulebookRule[];
}

export interface LoadedRulebook extends Rulebook {
  /** sha256 of the rulebook file as loaded, so an audit can prove which text it used. */
  fileHash: string;
}

export class RulebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulebookError';
  }
}

/** The shape every rulebook file has (schemas/rulebook.schema.json). */
export const RULEBOOK_SCHEMA = JSON.parse(readFileSync(projectPath('schemas/rulebook.schema.json'), 'utf8')) as object;

const validateRulebookShape = schemaValidator<Rulebook>(RULEBOOK_SCHEMA);

/** Parses and validates one rulebook file's text; throws RulebookError naming the problem. */
export function parseRulebook(text: string, fileName: string): LoadedRulebook {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RulebookError(`${fileName}: not valid JSON: ${(error as Error).message}`);
  }
  if (!validateRulebookShape(data)) {
    throw new RulebookError(`${fileName}: ${describeAjvErrors(validateRulebookShape.errors)}`);
  }
  const seen = new Set<string>();
  for (const [index, entry] of data.rules.entries()) {
    if (seen.has(entry.rule)) throw new RulebookError(`${fileName}: rule "${entry.rule}" listed twice`);
    seen.add(entry.rule);
    const rule = ruleById(entry.rule);
    if (!rule) throw new RulebookError(`${fileName}: rules[${index}]: unknown rule "${entry.rule}"`);
    const validate = schemaValidator(rule.meta.params);
    if (!validate(entry.params)) {
      throw new RulebookError(
        `${fileName}: rules[${index}] (${entry.rule}) params: ${describeAjvErrors(validate.errors)}`,
      );
    }
  }
  return { ...data, fileHash: createHash('sha256').update(text).digest('hex') };
}

export const RULEBOOK_DIR = projectPath('checks/rulebooks');

/** Loads every `*.json` of a folder, sorted by id. */
export function loadRulebooks(dir: string = RULEBOOK_DIR): LoadedRulebook[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const books = files.map((name) => parseRulebook(readFileSync(join(dir, name), 'utf8'), name));
  for (const [index, book] of books.entries()) {
    const expected = files[index]!.replace(/\.json$/, '');
    if (book.id !== expected) throw new RulebookError(`${files[index]}: id "${book.id}" does not match its file name`);
  }
  return books;
}

let defaultBooks: LoadedRulebook[] | undefined;

/** The project's own rulebooks, loaded once per process. */
export function defaultRulebooks(): LoadedRulebook[] {
  defaultBooks ??= loadRulebooks();
  return defaultBooks;
}
