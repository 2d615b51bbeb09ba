// The shapes in which operations.ts and operations-rectify.ts describe the /api routes for the
// OpenAPI document (document.ts), and the small pieces they share.
import type { Bilingual } from '../../../checks/types.js';
import type { JsonSchema } from './components.js';

/** The shared error answers an operation may give beyond 401/403/500 (document.ts ERRORS). */
export type ErrorAnswer = 'badRequest' | 'notFound' | 'tooLarge' | 'rectification' | 'storeUnavailable';

export interface ParameterSpec {
  name: string;
  text: Bilingual;
  schema: JsonSchema;
  required?: boolean;
  /** Given more than once (`?facility=A&facility=B`). */
  repeated?: boolean;
}

export interface AnswerSpec {
  text: Bilingual;
  /** Media type → schema; null for a binary body the schema cannot describe (a PDF, a workbook). */
  content: Record<string, JsonSchema | null>;
  headers?: Record<string, { text: Bilingual; schema: JsonSchema }>;
}

/** A form field of a request body; `contentType` for a file. */
export interface FieldSpec {
  text: Bilingual;
  schema: JsonSchema;
  required?: boolean;
  contentType?: string;
}

/**
 * A request body: a JSON Schema of it (a route whose body is 'json'), or its fields (a form, a
 * multipart upload). Its media type follows from the route's body kind (document.ts).
 */
export type BodySpec = { text: Bilingual } & ({ schema: JsonSchema } | { fields: Record<string, FieldSpec> });

export interface OperationSpec {
  operationId: string;
  tag: TagName;
  summary: Bilingual;
  description?: Bilingual;
  /** One text for each `:name` of the route's path. */
  pathParameters?: Record<string, Bilingual>;
  query?: ParameterSpec[];
  requestBody?: BodySpec;
  /** Every answer but the shared error answers, by status. */
  answers: Record<number, AnswerSpec>;
  errors: ErrorAnswer[];
}

export const TAGS = {
  audits: { zh: '审核：上传工作簿、读取已存审核及其报告', en: 'Audits: upload workbooks, read stored audits and their reports' },
  comparisons: {
    zh: '比较：机构并列对比、两次审核之差、机构 × 规则矩阵与星级声明、按另一规则集重新审核（星级评定）',
    en: 'Comparisons: facilities side by side, two audits compared, the facilities × rules matrix with star claims, an audit under another rulebook (star ratings)',
  },
  rectification: { zh: '整改：整改通知书、机构答复与证明材料、整改项的结案与期限、豁免', en: 'Rectification: notices, facilities’ responses with evidence, closing items and moving deadlines, waivers' },
  service: { zh: '服务：本说明文档与健康检查', en: 'Service: this description and the health check' },
} satisfies Record<string, Bilingual>;
export type TagName = keyof typeof TAGS;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An original file as served: the media type its bytes were read as (server/workbook/sources/media-type.ts). */
export const SPREADSHEETS = { [XLSX]: null, 'application/vnd.ms-excel': null, 'application/vnd.oasis.opendocument.spreadsheet': null, 'text/csv': null } as const;
export const DATE = { type: 'string', format: 'date' } as const;
/** A date in a query parameter: the day states are judged on. */
export const asOfQuery = (text: Bilingual): ParameterSpec => ({ name: 'asOf', text, schema: DATE });
export const json = (schema: JsonSchema) => ({ 'application/json': schema });
export const download = { 'Content-Disposition': { text: { zh: '附件及文件名', en: 'attachment and its file name' }, schema: { type: 'string' } } };
