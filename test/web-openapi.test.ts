// The OpenAPI document at /api/openapi.json: valid OpenAPI 3.1 (the official schema, by ajv),
// every schema in it valid JSON Schema 2020-12, exactly the /api routes of the route table (and
// /healthz), and no route of the table left undescribed. That real answers fit it is checked in
// the API tests themselves (support/openapi.ts), on every call they make.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handler } from '../server/web/handler.js';
import { openApiDocument } from '../server/web/openapi/document.js';
import { ROUTES, type Route } from '../server/web/routes.js';
import { describeAjvErrors } from '../checks/ajv.js';
import { ApiContract, openApiSchemaValidator, pointer, schemaAjv, validatorAt, type OpenApi } from './support/openapi.js';
import { startTestServer, type TestServer } from './support/web.js';

let server: TestServer;
const documents: Partial<Record<'zh' | 'en', OpenApi>> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const lang of ['zh', 'en'] as const) {
    const reply = await fetch(new URL(`/api/openapi.json?lang=${lang}`, server.url));
    expect(reply.status).toBe(200);
    documents[lang] = (await reply.json()) as OpenApi;
  }
});
afterAll(() => server.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every Schema Object of the document, by its JSON pointer. */
function schemaObjects(document: OpenApi): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [name, schema] of Object.entries(document.components.schemas)) found.set(pointer('components', 'schemas', name), schema);
  const media = (at: string[], content: Record<string, { schema?: unknown }> | undefined) => {
    for (const [type, value] of Object.entries(content ?? {})) if (value.schema !== undefined) found.set(pointer(...at, 'content', type, 'schema'), value.schema);
  };
  const headers = (at: string[], all: Record<string, { schema: unknown }> | undefined) => {
    for (const [name, header] of Object.entries(all ?? {})) found.set(pointer(...at, 'headers', name, 'schema'), header.schema);
  };
  for (const [name, response] of Object.entries(document.components.responses)) {
    media(['components', 'responses', name], response.content);
    headers(['components', 'responses', name], response.headers as Record<string, { schema: unknown }> | undefined);
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      operation.parameters.forEach((parameter, i) => found.set(pointer('paths', path, method, 'parameters', String(i), 'schema'), parameter.schema));
      media(['paths', path, method, 'requestBody'], operation.requestBody?.content);
      for (const [status, response] of Object.entries(operation.responses)) {
        if ('$ref' in response) continue;
        media(['paths', path, method, 'responses', status], response.content);
        headers(['paths', path, method, 'responses', status], response.headers as Record<string, { schema: unknown }> | undefined);
      }
    }
  }
  return found;
}

describe('serving it', () => {
  it('is public (no token, a bad token alike), cacheable, Chinese by default and English with ?lang=en', async () => {
    const bare = await fetch(new URL('/api/openapi.json', server.url));
    const badToken = await fetch(new URL('/api/openapi.json', server.url), { headers: { authorization: 'Bearer eca_nonsense' } });
    expect([bare.status, badToken.status]).toEqual([200, 200]);
    expect(bare.headers.get('cache-control')).toBe('public, max-age=300');
    const zh = (await bare.json()) as OpenApi;
    expect(zh.info['title']).toBe('养老服务设施合规审核 API');
    expect(documents.en!.info['title']).toBe('eldercare-audit API');
    expect(zh.paths['/api/audits']!['get']!.summary).toBe('审核列表，最新在前');
    expect(documents.en!.paths['/api/audits']!['get']!.summary).toBe('Audits, newest first');
  });

  it('its own answer fits its description', async () => {
    const contract = await ApiContract.load(server.url);
    await contract.check('GET', '/api/openapi.json', await fetch(new URL('/api/openapi.json', server.url)));
    await contract.check('GET', '/healthz', await fetch(new URL('/healthz', server.url)));
    expect(contract.checked).toEqual([
      { operation: 'GET /api/openapi.json', status: 200 },
      { operation: 'GET /healthz', status: 200 },
    ]);
  });

  it('the contract check fails an answer the document does not declare or whose body does not fit', async () => {
    const contract = await ApiContract.load(server.url);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
    await expect(contract.check('GET', '/api/audits', json(418, {}))).rejects.toThrow(/does not declare/);
    await expect(contract.check('GET', '/api/audits', json(200, { items: [], total: 0, page: 1 }))).rejects.toThrow(/pages/);
    await expect(contract.check('GET', '/api/audits/x', new Response('%PDF-', { status: 200, headers: { 'content-type': 'application/pdf' } }))).rejects.toThrow(/declares application\/json/);
    await expect(contract.check('GET', '/api/audits', json(401, { error: 'forbidden', message: { zh: '', en: '' } }))).rejects.toThrow(/error/);
    await expect(contract.check('GET', '/api/nowhere', json(200, {}))).rejects.toThrow(/not in the OpenAPI document/);
  });
});

describe('the document is valid OpenAPI 3.1', () => {
  it.each(['zh', 'en'] as const)('%s: valid against the official OpenAPI 3.1 schema', (lang) => {
    const validate = openApiSchemaValidator();
    const valid = validate(documents[lang]);
    expect(valid ? 'valid' : describeAjvErrors(validate.errors)).toBe('valid');
    expect(documents[lang]!.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('the official schema refuses a broken document (the check can fail)', () => {
    const broken = structuredClone(documents.zh!) as OpenApi;
    delete (broken.info as Record<string, unknown>)['version'];
    (broken.paths['/api/audits']!['get'] as unknown as Record<string, unknown>)['responses'] = 'none';
    expect(openApiSchemaValidator()(broken)).toBe(false);
  });

  it('every Schema Object is valid JSON Schema 2020-12 and compiles in strict mode, every $ref resolving', () => {
    const document = documents.zh!;
    const ajv = schemaAjv(document);
    const schemas = schemaObjects(document);
    expect(schemas.size).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const [at, schema] of schemas) {
      if (!ajv.validateSchema(schema as object)) problems.push(`${at}: ${describeAjvErrors(ajv.errors)}`);
      try {
        validatorAt(ajv, at);
      } catch (error) {
        problems.push(`${at}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('what the official schema leaves unchecked: unique operation ids, declared tags, path parameters as in the template', () => {
    const document = documents.zh!;
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set((document.tags ?? []).map((t) => t.name));
    expect(operations.flatMap((o) => o.operation.tags).filter((tag) => !tags.has(tag))).toEqual([]);
    for (const { path, method, operation } of operations) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = operation.parameters.filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name), `${method} ${path}`).toEqual(inTemplate);
      expect(declared.every((p) => p.required)).toBe(true);
      expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });
});

describe('the document and the route table', () => {
  /** The table's routes as the document must hold them, converted here independently of the generator. */
  const expected = (routes: readonly Route[]) =>
    routes
      .filter((route) => route.kind === 'api' || route.path === '/healthz')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
  const inDocument = (document: OpenApi) =>
    Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();

  it.each(['zh', 'en'] as const)('%s: every /api route of the table with its method and path, and nothing else but /healthz', (lang) => {
    const document = documents[lang]!;
    expect(inDocument(document)).toEqual(expected(ROUTES));
    expect(Object.values(document.paths).flatMap((item) => Object.keys(item)).every((method) => METHODS.includes(method))).toBe(true);
  });

  it("each operation's security and 401/403 follow the route's access rule", () => {
    const document = documents.en!;
    for (const route of ROUTES.filter((r) => r.kind === 'api')) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method]!;
      const open = route.access === 'anyone';
      expect({ route: route.path, security: operation.security ?? 'default', has401: '401' in operation.responses }).toEqual({
        route: route.path,
        security: open ? [] : 'default',
        has401: !open,
      });
    }
    expect(document['security']).toEqual([{ bearerToken: [] }]);
    expect(document.paths['/api/audits/{id}/original']!['get']!.responses['403']).toEqual({ $ref: '#/components/responses/Forbidden' });
    expect(document.paths['/api/audits/{id}']!['get']!.responses['403']).toBeUndefined();
  });

  it('a route added to the table without a description fails, and so does a description without its route', () => {
    const handler: Handler = () => {};
    const added: Route = { method: 'get', path: '/api/undescribed/:id', access: 'readAudits', kind: 'api', handler, summary: 'new' };
    expect(() => openApiDocument([...ROUTES, added], 'zh')).toThrow(/no description of GET \/api\/undescribed\/:id/);
    expect(() => openApiDocument(ROUTES.filter((r) => r.path !== '/api/diff'), 'zh')).toThrow(/describes GET \/api\/diff, which the route table does not have/);
  });

  it("each request body has the media type of the way its route reads it, and a route and its description that disagree fail", () => {
    const document = documents.en!;
    const mediaTypes = Object.fromEntries(
      ROUTES.filter((r) => r.kind === 'api').map((r) => [`${r.method} ${r.path}`, Object.keys(document.paths[r.path.replace(/:(\w+)/g, '{$1}')]![r.method]!.requestBody?.content ?? {})]),
    );
    const expectedTypes = { multipart: ['multipart/form-data'], response: ['multipart/form-data'], json: ['application/json'], form: ['application/x-www-form-urlencoded'] };
    expect(mediaTypes).toEqual(Object.fromEntries(ROUTES.filter((r) => r.kind === 'api').map((r) => [`${r.method} ${r.path}`, r.body ? expectedTypes[r.body] : []])));
    const response = document.paths['/api/notices/{id}/responses']!['post']!.requestBody!.content['multipart/form-data']!.schema as { properties: Record<string, { type: string }> };
    expect(Object.fromEntries(Object.entries(response.properties).map(([name, field]) => [name, field.type]))).toEqual({ item: 'array', text: 'string', evidence: 'array', workbook: 'string' });
    const isPostWaivers = (r: Route) => r.path === '/api/waivers' && r.method === 'post';
    const unread = ROUTES.map(({ body, ...route }) => (isPostWaivers({ ...route, body }) ? route : { ...route, body }));
    expect(() => openApiDocument(unread, 'zh')).toThrow(/POST \/api\/waivers: the route reads no body, its description declares one/);
    const asForm = ROUTES.map((r) => (isPostWaivers(r) ? { ...r, body: 'multipart' as const } : r));
    expect(() => openApiDocument(asForm, 'zh')).toThrow(/POST \/api\/waivers: a multipart body is described by its fields/);
  });

  it('the schemas of schemas/ are in it, with every reference inside the document', () => {
    const document = documents.zh!;
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['AuditResult', 'Finding', 'Problem', 'Bilingual', 'AuditList', 'Error', 'Health', 'SideBySide', 'AuditDiff', 'Notice', 'NoticeWaiver', 'NoticeList', 'WaiverList']),
    );
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.filter((r) => !r.startsWith('"$ref":"#/components/'))).toEqual([]);
    expect(JSON.stringify(document)).not.toContain('"$id"');
  });
});
