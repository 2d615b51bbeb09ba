// The JSON Schemas of schemas/ as the `components.schemas` of the OpenAPI document. Each file is
// one component; its `$defs` become components of their own (so that client generators name
// them), and every `$ref`, within a file or across files, is rewritten to a reference inside the
// document: integrators get one self-contained file, and most OpenAPI tools resolve nothing else.
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../checks/paths.js';

export type JsonSchema = { [key: string]: unknown } | boolean;

interface SchemaFile {
  /** The component's name. */
  name: string;
  /** Under schemas/. */
  file: string;
  /** Its `$defs` are shared by the other files: they keep their own names (Finding, Problem). */
  sharedDefs?: boolean;
}

/** The schemas the API answers with. A file that refers to another needs that one here too. */
const SCHEMA_FILES = [
  { name: 'AuditResult', file: 'audit-result.schema.json', sharedDefs: true },
  { name: 'StoredAudit', file: 'api/stored-audit.schema.json' },
  { name: 'RejectedWorkbook', file: 'api/rejected-workbook.schema.json' },
  { name: 'AuditList', file: 'api/audit-list.schema.json' },
  { name: 'FacilityAudits', file: 'api/facility-audits.schema.json' },
  { name: 'SideBySide', file: 'side-by-side.schema.json' },
  { name: 'AuditDiff', file: 'audit-diff.schema.json' },
  { name: 'Matrix', file: 'matrix.schema.json' },
  { name: 'AcrossRulebooks', file: 'across-rulebooks.schema.json' },
  { name: 'Error', file: 'api/error.schema.json' },
  { name: 'Health', file: 'api/health.schema.json' },
  { name: 'Notice', file: 'notice.schema.json' },
  { name: 'NoticeList', file: 'api/notice-list.schema.json' },
  { name: 'WaiverList', file: 'api/waiver-list.schema.json' },
  { name: 'OriginalList', file: 'api/original-list.schema.json' },
] as const satisfies readonly SchemaFile[];

export type ComponentName = (typeof SCHEMA_FILES)[number]['name'];

const pascal = (text: string) => text.replace(/(^|[-_])([a-z])/g, (_m, _sep: string, letter: string) => letter.toUpperCase());

/** The component name of a file's `$defs` entry. */
const defName = (entry: SchemaFile, def: string) => (entry.sharedDefs ? pascal(def) : `${entry.name}${pascal(def)}`);

interface Loaded {
  entry: SchemaFile;
  id: string;
  schema: Record<string, unknown>;
  defNames: Map<string, string>;
}

function load(entry: SchemaFile): Loaded {
  const schema = JSON.parse(readFileSync(projectPath('schemas', entry.file), 'utf8')) as Record<string, unknown>;
  const id = schema['$id'];
  if (typeof id !== 'string') throw new Error(`schemas/${entry.file} has no $id`);
  const defs = Object.keys((schema['$defs'] as Record<string, unknown> | undefined) ?? {});
  return { entry, id, schema, defNames: new Map(defs.map((def) => [def, defName(entry, def)])) };
}

/** `ref` as written in `from`, as a reference into the document's components. */
function rewriteRef(ref: string, from: Loaded, byId: ReadonlyMap<string, Loaded>): string {
  const url = new URL(ref, from.id);
  const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
  url.hash = '';
  const target = byId.get(url.href);
  if (!target) throw new Error(`schemas/${from.entry.file}: $ref ${ref} names a schema that is not among the document's components`);
  const def = /^\/\$defs\/([^/]+)(.*)$/.exec(pointer);
  if (def) {
    const name = target.defNames.get(def[1]!);
    if (!name) throw new Error(`schemas/${from.entry.file}: $ref ${ref} names no $defs entry`);
    return `#/components/schemas/${name}${def[2]}`;
  }
  return `#/components/schemas/${target.entry.name}${pointer}`;
}

function rewrite(value: unknown, from: Loaded, byId: ReadonlyMap<string, Loaded>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, from, byId));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === '$ref' && typeof inner === 'string' ? rewriteRef(inner, from, byId) : rewrite(inner, from, byId)]),
  );
}

/** Every schema of SCHEMA_FILES and their `$defs`, by component name, references rewritten. */
export function schemaComponents(): Record<string, JsonSchema> {
  const loaded = SCHEMA_FILES.map((entry: SchemaFile) => load(entry));
  const byId = new Map(loaded.map((file) => [file.id, file]));
  const components: Record<string, JsonSchema> = {};
  const add = (name: string, schema: unknown, from: Loaded) => {
    if (name in components) throw new Error(`two schemas are named ${name} in the OpenAPI components (schemas/${from.entry.file})`);
    components[name] = rewrite(schema, from, byId) as JsonSchema;
  };
  for (const file of loaded) {
    const { $id: _id, $defs: defs, ...root } = file.schema;
    add(file.entry.name, root, file);
    for (const [def, schema] of Object.entries((defs as Record<string, unknown> | undefined) ?? {})) add(file.defNames.get(def)!, schema, file);
  }
  return components;
}

/** A reference to a component, for the operations' answers. */
export const ref = (name: ComponentName): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A reference to a `$defs` entry of a component's file that has a component of its own (Notice's waiver: NoticeWaiver). */
export const defRef = (name: ComponentName, def: string): JsonSchema => ({
  $ref: `#/components/schemas/${defName(SCHEMA_FILES.find((file: SchemaFile) => file.name === name)!, def)}`,
});
