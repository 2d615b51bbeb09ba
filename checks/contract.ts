// The workbook contract, read from the row schemas in schemas/rows/. Each schema is both the
// JSON Schema that ajv checks a normalised row against and, through its `x-*` annotations,
// the description of the sheet (Chinese and English names, headers, value kinds, units and
// enumeration labels) that the reader, the template and the messages use.
import { readFileSync } from 'node:fs';
import { SHEET_KEYS, type SheetKey } from './facts.js';
import type { Bilingual } from './types.js';
import { projectPath } from './paths.js';

export type ValueKind = 'text' | 'integer' | 'number' | 'yesno' | 'enum' | 'date' | 'jurisdiction' | 'share';

/** Units a typed-in number may carry; a unit of another kind contradicts the column. */
export type ColumnUnit = 'm2' | 'beds' | 'persons' | 'person_times' | 'households' | 'yuan' | 'count' | 'stars';

export interface ColumnSpec {
  key: string;
  header: Bilingual;
  kind: ValueKind;
  unit: ColumnUnit | null;
  /** Enumeration value → accepted Chinese labels (the first is the one the template offers). */
  labels: Record<string, string[]> | null;
  /** Always required (a conditional requirement lives in the schema's `if/then`). */
  required: boolean;
}

export interface SheetSpec {
  key: SheetKey;
  name: Bilingual;
  aliases: string[];
  columns: ColumnSpec[];
  /** The row schema itself, for ajv. */
  schema: Record<string, unknown>;
}

interface RawColumn {
  'x-zh': string;
  'x-en': string;
  'x-kind': ValueKind;
  'x-unit'?: ColumnUnit;
  'x-labels'?: Record<string, string[]>;
}

interface RawSheetSchema {
  'x-key': SheetKey;
  'x-zh': string;
  'x-en': string;
  'x-aliases'?: string[];
  required?: string[];
  properties: Record<string, RawColumn>;
}

function loadSheet(key: SheetKey): SheetSpec {
  const schema = JSON.parse(readFileSync(projectPath('schemas/rows', `${key}.schema.json`), 'utf8')) as RawSheetSchema;
  const required = new Set(schema.required ?? []);
  return {
    key,
    name: { zh: schema['x-zh'], en: schema['x-en'] },
    aliases: schema['x-aliases'] ?? [],
    columns: Object.entries(schema.properties).map(([columnKey, raw]) => ({
      key: columnKey,
      header: { zh: raw['x-zh'], en: raw['x-en'] },
      kind: raw['x-kind'],
      unit: raw['x-unit'] ?? null,
      labels: raw['x-labels'] ?? null,
      required: required.has(columnKey),
    })),
    schema: schema as unknown as Record<string, unknown>,
  };
}

export const CONTRACT: readonly SheetSpec[] = SHEET_KEYS.map(loadSheet);

export function sheetSpec(key: SheetKey): SheetSpec {
  return CONTRACT.find((sheet) => sheet.key === key)!;
}

const fieldLabels = new Map<string, Bilingual>();
for (const sheet of CONTRACT) {
  fieldLabels.set(sheet.key, sheet.name);
  for (const column of sheet.columns) if (!fieldLabels.has(column.key)) fieldLabels.set(column.key, column.header);
}

/** The header of a field key (or the name of a sheet key), for messages. */
export function fieldLabel(key: string): Bilingual {
  return fieldLabels.get(key) ?? { zh: key, en: key };
}
