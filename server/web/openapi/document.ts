// The OpenAPI 3.1 document of the API, built from the route table (method, path, who may call),
// the operations' descriptions (operations.ts) and the JSON Schemas of schemas/ (components.ts),
// in Chinese or English. A route of the table under /api without a description is an error here,
// and so is a description without its route: the document never drifts from the app.
import type { Lang } from '../../../checks/format.js';
import type { Bilingual } from '../../../checks/types.js';
import { TOOL } from '../../audit/version.js';
import { ROLES } from '../../store/users-types.js';
import { ALLOWED } from '../permissions.js';
import type { Route } from '../routes.js';
import { SESSION_COOKIE } from '../sessions.js';
import { schemaComponents } from './components.js';
import { operations } from './operations.js';
import { TAGS, type AnswerSpec, type BodySpec, type ErrorAnswer, type OperationSpec, type ParameterSpec } from './spec.js';

export type OpenApiDocument = Record<string, unknown>;

const routeId = (route: Pick<Route, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;

/** Express's `/audits/:id` as OpenAPI's `/audits/{id}`. */
const templatePath = (path: string) => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

const pathNames = (path: string) => [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);

/** The routes the document describes: every /api route, and any other route with a description (/healthz). */
function describedRoutes(routes: readonly Route[]): Route[] {
  return routes.filter((route) => route.kind === 'api' || routeId(route) in operations());
}

// The shared error answers: their status, the code the body carries, and what they mean.
const ERRORS = {
  badRequest: { status: 400, component: 'BadRequest', zh: '请求有误：参数或表单字段不可读（若有 field，即指出是哪一个）', en: 'bad request: a parameter or form field cannot be read (field, when present, names it)' },
  unauthorized: { status: 401, component: 'Unauthorized', zh: '没有令牌，或令牌无效、已停用', en: 'no token, or a bad or disabled one' },
  forbidden: { status: 403, component: 'Forbidden', zh: '该角色无此权限', en: 'the role may not do this' },
  notFound: { status: 404, component: 'NotFound', zh: '不存在，或不属于该机构管理员的机构（两者不作区分）', en: "no such thing, or not one of the facility manager's facilities (the two are not told apart)" },
  tooLarge: {
    status: 413,
    component: 'TooLarge',
    zh: '文件超过大小上限，或一次上传的文件个数、合计大小超限（errors[0].file 指明是哪个文件）；同时给出被拒工作簿的字段，不保存任何内容',
    en: 'a file exceeds the size limit, or the upload holds too many files or too much in all (errors[0].file names the file); the rejected-workbook fields come with it, and nothing is stored',
  },
  rectification: {
    status: 422,
    component: 'RectificationRefused',
    zh: '整改操作被拒（没有该整改项或豁免、缺少说明、证明文件或整改后的工作簿不合格等），message 中为中英文原因；未保存、未改动任何内容',
    en: 'the rectification step is refused (no such item or waiver, a note missing, a refused evidence file or corrected workbook…), the reason in message in Chinese and English; nothing was stored or changed',
  },
  storeUnavailable: { status: 503, component: 'StoreUnavailable', zh: '数据库不能写入（磁盘满、只读）；未保存任何内容', en: 'the database cannot be written (disk full, read-only); nothing was stored' },
  serverError: { status: 500, component: 'ServerError', zh: '服务器出错，已记录，附编号', en: 'a fault on our side, logged, with a reference number' },
} satisfies Record<ErrorAnswer | 'unauthorized' | 'forbidden' | 'serverError', { status: number; component: string } & Bilingual>;

// The codes a body may carry under each answer: a 400 says which reading failed, a 503 whether
// the database is unreachable or refuses writes.
const ERROR_CODES: Record<keyof typeof ERRORS, readonly string[]> = {
  badRequest: ['badRequest', 'badField', 'noFile', 'sameFileName', 'badDate', 'badRulebook'],
  unauthorized: ['unauthorized'],
  forbidden: ['forbidden'],
  notFound: ['notFound'],
  tooLarge: ['tooLarge'],
  rectification: ['rectification'],
  storeUnavailable: ['storeUnavailable', 'storeUnwritable'],
  serverError: ['serverError'],
};

function errorResponse(code: keyof typeof ERRORS, lang: Lang) {
  const codes = ERROR_CODES[code];
  const refined: Record<string, unknown> = { type: 'object', properties: { error: codes.length === 1 ? { const: codes[0] } : { enum: codes } } };
  if (code === 'tooLarge') refined['required'] = ['valid', 'errors'];
  return {
    description: ERRORS[code][lang],
    ...(code === 'unauthorized'
      ? { headers: { 'WWW-Authenticate': { description: lang === 'zh' ? '认证方式：Bearer' : 'how to authenticate: Bearer', schema: { type: 'string' } } } }
      : {}),
    content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/Error' }, refined] } } },
  };
}

function parameter(spec: ParameterSpec, lang: Lang) {
  return {
    name: spec.name,
    in: 'query',
    description: spec.text[lang],
    required: spec.required ?? false,
    schema: spec.schema,
    ...(spec.repeated ? { style: 'form', explode: true } : {}),
  };
}

function answer(spec: AnswerSpec, lang: Lang) {
  return {
    description: spec.text[lang],
    ...(spec.headers
      ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([name, header]) => [name, { description: header.text[lang], schema: header.schema }])) }
      : {}),
    content: Object.fromEntries(Object.entries(spec.content).map(([type, schema]) => [type, schema === null ? {} : { schema }])),
  };
}

/** The media type of each way a route's body is read (routes.ts), and whether it is described by a JSON Schema or by form fields. */
const BODY_KINDS = {
  form: { mediaType: 'application/x-www-form-urlencoded', described: 'fields' },
  multipart: { mediaType: 'multipart/form-data', described: 'fields' },
  json: { mediaType: 'application/json', described: 'schema' },
  response: { mediaType: 'multipart/form-data', described: 'fields' },
} as const satisfies Record<NonNullable<Route['body']>, { mediaType: string; described: 'schema' | 'fields' }>;

function requestBody(route: Route, spec: BodySpec | undefined, lang: Lang) {
  // The body a route reads and the body its description declares must agree, or a client
  // generator would send what the app cannot read.
  if (!route.body || !spec) {
    if (route.body || spec) throw new Error(`${routeId(route)}: the route reads ${route.body ?? 'no'} body, its description declares ${spec ? 'one' : 'none'}`);
    return undefined;
  }
  const { mediaType, described } = BODY_KINDS[route.body];
  if (!(described in spec)) throw new Error(`${routeId(route)}: a ${route.body} body is described by its ${described}`);
  if ('schema' in spec) return { required: true, description: spec.text[lang], content: { [mediaType]: { schema: spec.schema } } };
  const fields = Object.entries(spec.fields);
  const schema = {
    type: 'object',
    required: fields.filter(([, field]) => field.required).map(([name]) => name),
    properties: Object.fromEntries(fields.map(([name, field]) => [name, { description: field.text[lang], ...(field.schema as object) }])),
  };
  const encoding = Object.fromEntries(fields.filter(([, field]) => field.contentType).map(([name, field]) => [name, { contentType: field.contentType }]));
  return { required: true, description: spec.text[lang], content: { [mediaType]: { schema, ...(Object.keys(encoding).length > 0 ? { encoding } : {}) } } };
}

function rolesOf(route: Route): readonly string[] {
  return route.access === 'anyone' ? [] : ALLOWED[route.access];
}

function operation(route: Route, spec: OperationSpec, lang: Lang) {
  const names = pathNames(route.path);
  const described = Object.keys(spec.pathParameters ?? {});
  if (names.join() !== described.join()) throw new Error(`${routeId(route)}: path parameters ${names.join()} are described as ${described.join() || 'none'}`);
  const roles = rolesOf(route);
  const errors: (keyof typeof ERRORS)[] = [
    ...(route.access === 'anyone' ? [] : ['unauthorized' as const]),
    ...(roles.length > 0 && roles.length < ROLES.length ? ['forbidden' as const] : []),
    ...spec.errors,
    // The one error handler answers JSON under /api only; elsewhere (/healthz) a fault is a page.
    ...(route.path.startsWith('/api/') ? ['serverError' as const] : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, success] of Object.entries(spec.answers)) responses[status] = answer(success, lang);
  for (const code of errors) responses[String(ERRORS[code].status)] = { $ref: `#/components/responses/${ERRORS[code].component}` };
  const body = requestBody(route, spec.requestBody, lang);
  const rolesText = roles.length === 0 ? (lang === 'zh' ? '无需登录。' : 'No login needed.') : `${lang === 'zh' ? '可调用的角色：' : 'Roles: '}${roles.join(', ')}.`;
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary[lang],
    description: [spec.description?.[lang], rolesText].filter(Boolean).join('\n\n'),
    ...(route.access === 'anyone' ? { security: [] } : {}),
    'x-roles': roles,
    parameters: [
      ...names.map((name) => ({ name, in: 'path', required: true, description: spec.pathParameters![name]![lang], schema: { type: 'string', minLength: 1 } })),
      ...(spec.query ?? []).map((query) => parameter(query, lang)),
    ],
    ...(body ? { requestBody: body } : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
  };
}

const INFO = {
  zh: {
    title: '养老服务设施合规审核 API',
    description:
      '上传检查人员的工作簿，读取已保存的审核、报告和比较，跟踪整改（通知书、机构答复、豁免）。除本说明和健康检查外，每个请求都需带 `Authorization: Bearer <令牌>`（令牌由 `eldercare-audit token create 用户名` 生成），权限与该用户在网页上的角色相同；机构管理员只能看到自己的机构，其他一律 404。错误一律以 JSON 回答：稳定的代码 `error` 和中英文说明 `message`。英文说明：`?lang=en`。',
  },
  en: {
    title: 'eldercare-audit API',
    description:
      "Upload inspectors' workbooks; read stored audits, reports and comparisons; follow rectification (notices, facilities' responses, waivers). Every request but this description and the health check carries `Authorization: Bearer <token>` (made by `eldercare-audit token create NAME`) and has the rights of that user's role in the web app; a facility manager sees only their own facilities, anything else is 404. Every error answers JSON: a stable code `error` and a sentence `message` in Chinese and English. Chinese description: `?lang=zh`.",
  },
} satisfies Record<Lang, { title: string; description: string }>;

function components(lang: Lang) {
  const responses: Record<string, unknown> = {};
  for (const code of Object.keys(ERRORS) as (keyof typeof ERRORS)[]) responses[ERRORS[code].component] = errorResponse(code, lang);
  return {
    schemas: schemaComponents(),
    responses,
    securitySchemes: {
      bearerToken: {
        type: 'http',
        scheme: 'bearer',
        description:
          lang === 'zh'
            ? 'API 令牌：`eldercare-audit token create 用户名` 生成，只显示一次。API 只认令牌，不认会话 Cookie，故无需 CSRF 令牌。'
            : 'An API token: `eldercare-audit token create NAME` prints it, once. The API accepts tokens only, never the session cookie, so it needs no CSRF token.',
      },
      sessionCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description:
          lang === 'zh'
            ? '网页登录会话（仅网页，表单需 CSRF 令牌）。/api 下的请求不接受它：跨站请求无法借 Cookie 调用 API。列出它是为说明这一点。'
            : 'The web pages’ login session (pages only; forms need a CSRF token). Requests under /api do not accept it, so that no cross-site request can ride a cookie into the API; it is listed to say so.',
      },
    },
  };
}

function build(routes: readonly Route[], lang: Lang): OpenApiDocument {
  const described = describedRoutes(routes);
  const ids = new Set(described.map(routeId));
  const missing = described.filter((route) => !(routeId(route) in operations())).map(routeId);
  if (missing.length > 0) throw new Error(`the OpenAPI document has no description of ${missing.join(', ')} (server/web/openapi/operations.ts)`);
  const stray = Object.keys(operations()).filter((id) => !ids.has(id));
  if (stray.length > 0) throw new Error(`server/web/openapi/operations.ts describes ${stray.join(', ')}, which the route table does not have`);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of described) (paths[templatePath(route.path)] ??= {})[route.method] = operation(route, operations()[routeId(route)]!, lang);
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { ...INFO[lang], version: TOOL.version, license: { name: 'MIT', identifier: 'MIT' } },
    tags: Object.entries(TAGS).map(([name, text]) => ({ name, description: text[lang] })),
    security: [{ bearerToken: [] }],
    paths,
    components: components(lang),
  };
}

const built = new WeakMap<readonly Route[], Map<Lang, OpenApiDocument>>();

/** The document in `lang`, built once per route table and language: it changes only with the code. */
export function openApiDocument(routes: readonly Route[], lang: Lang): OpenApiDocument {
  const byLang = built.get(routes) ?? new Map<Lang, OpenApiDocument>();
  built.set(routes, byLang);
  let document = byLang.get(lang);
  if (!document) byLang.set(lang, (document = build(routes, lang)));
  return document;
}
