// What each /api route of the route table does, for the OpenAPI document (document.ts): keyed by
// the route's `METHOD path`, beside the table rather than in it, so that a route added to the
// table without a description here fails the document's test instead of vanishing from it. The
// 401 and 403 answers follow from the route's access rule and need no entry.
import { FACILITY_TYPES, OWNERSHIPS } from '../../../checks/facts.js';
import { defaultRulebooks } from '../../../checks/rulebook.js';
import type { Bilingual } from '../../../checks/types.js';
import { ref } from './components.js';
import { rectificationOperations } from './operations-rectify.js';
import { DATE, download, json, SPREADSHEETS, type OperationSpec, type ParameterSpec } from './spec.js';
import { DEFAULT_MAX_UPLOAD_FILES, DEFAULT_MAX_UPLOAD_TOTAL_BYTES } from '../uploads.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../workbook/guard.js';

const auditId = { zh: '审核编号（上传时返回的 auditId）', en: 'the audit id (auditId, as the upload answered)' };
const facilityQuery = (text: Bilingual): ParameterSpec => ({ name: 'facility', text, schema: { type: 'string', minLength: 1 } });

let described: Record<string, OperationSpec> | undefined;

/** The descriptions, made on first use (the rulebook ids they list are read from the rulebooks). */
export function operations(): Record<string, OperationSpec> {
  described ??= describeOperations();
  return described;
}

const describeOperations = (): Record<string, OperationSpec> => ({
  'POST /api/audits': {
    operationId: 'createAudit',
    tag: 'audits',
    summary: { zh: '审核一个工作簿（或合为一个的多个文件）并保存', en: 'Check a workbook (or several files read as one) and store the audit' },
    description: {
      zh: '工作簿按填报规范逐格校验并按规则集审核。可一次发送多个文件（如每家机构一个工作簿，再加本地区的“地区”表）：按发送顺序合为一个工作簿审核，每个问题注明所在文件（“TX-002.xls › 人员!C14”），每个原始文件逐字节保存。通过的审核保存（相同文件只存一次），返回 201；被拒的返回 422，列出每个问题及其单元格，不保存任何内容；超过单个文件、文件个数或合计大小上限的返回 413，指明是哪个文件。',
      en: 'The workbook is validated cell by cell against the input contract and checked against the rulebooks. Several files may be sent at once (one workbook per facility plus the region file, say): they are read as one workbook in the order sent, every problem names its file ("TX-002.xls › 人员!C14"), and every original is kept byte for byte. A valid audit is stored (identical files are stored once) and answered with 201; a rejected upload is answered with 422, every problem at its cell, and nothing is stored; one past the limit of a file, of the number of files or of their total is answered with 413 naming the file.',
    },
    requestBody: {
      text: {
        zh: `一个或多个工作簿：.xlsx、.xls、WPS .et、.ods 或 CSV（按内容判定格式）；默认每个不超过 ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MB，至多 ${DEFAULT_MAX_UPLOAD_FILES} 个，合计不超过 ${DEFAULT_MAX_UPLOAD_TOTAL_BYTES / 1024 / 1024} MB`,
        en: `one or more workbooks: .xlsx, .xls, WPS .et, .ods or CSV (the bytes decide the format); by default each at most ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MB, at most ${DEFAULT_MAX_UPLOAD_FILES} files, ${DEFAULT_MAX_UPLOAD_TOTAL_BYTES / 1024 / 1024} MB in all`,
      },
      fields: {
        workbook: {
          text: {
            zh: '工作簿文件，可重复（多个文件合为一次审核；文件名须各不相同，CSV 的文件名即工作表名）',
            en: 'a workbook file, repeated for several (read as one audit; their names must differ, and a CSV is named by its sheet)',
          },
          schema: { type: 'array', minItems: 1, maxItems: DEFAULT_MAX_UPLOAD_FILES, items: { type: 'string', contentMediaType: 'application/octet-stream' } },
          required: true,
          contentType: `${Object.keys(SPREADSHEETS).join(', ')}, application/octet-stream`,
        },
        asOf: {
          text: { zh: '审核基准日 YYYY-MM-DD；默认为地区表最晚的统计日期，否则为中国的今天', en: 'the audit date YYYY-MM-DD; default the latest 统计日期 of the 地区 sheet, else today in China' },
          schema: DATE,
        },
        rulebook: {
          text: { zh: '所有对象都按此规则集审核，而不按其所在辖区', en: "check every subject against this rulebook instead of its own jurisdiction's" },
          schema: { enum: defaultRulebooks().map((book) => book.id) },
        },
      },
    },
    answers: {
      201: {
        text: { zh: '已保存的审核', en: 'the stored audit' },
        content: json(ref('StoredAudit')),
        headers: { Location: { text: { zh: '该审核的地址', en: "the audit's URL" }, schema: { type: 'string', format: 'uri-reference' } } },
      },
      422: { text: { zh: '工作簿被拒：每个问题及其位置；未保存', en: 'the workbook is rejected: every problem at its place; nothing stored' }, content: json(ref('RejectedWorkbook')) },
    },
    errors: ['badRequest', 'tooLarge', 'storeUnavailable'],
  },
  'GET /api/audits': {
    operationId: 'listAudits',
    tag: 'audits',
    summary: { zh: '审核列表，最新在前', en: 'Audits, newest first' },
    query: [
      { name: 'q', text: { zh: '文件名、审核编号或上传人的一部分', en: "part of a file name, audit id or uploader's name" }, schema: { type: 'string' } },
      { name: 'jurisdiction', text: { zh: '辖区（规则集编号）', en: 'jurisdiction (rulebook id)' }, schema: { type: 'string' } },
      facilityQuery({ zh: '只列含该机构的审核', en: 'only audits that hold this facility' }),
      { name: 'page', text: { zh: '页码，从 1 起', en: 'page, from 1' }, schema: { type: 'integer', minimum: 1, default: 1 } },
      { name: 'limit', text: { zh: '每页条数', en: 'audits per page' }, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
    ],
    answers: { 200: { text: { zh: '一页审核', en: 'one page of audits' }, content: json(ref('AuditList')) } },
    errors: [],
  },
  'GET /api/audits/:id': {
    operationId: 'getAudit',
    tag: 'audits',
    summary: { zh: '一次审核的全部结果', en: 'One audit, whole' },
    description: {
      zh: '与命令行 check --json 相同的文档，外加 auditId。机构管理员只得到其机构的部分。',
      en: 'The same document as `check --json`, plus auditId. A facility manager receives only their facilities’ part.',
    },
    pathParameters: { id: auditId },
    answers: { 200: { text: { zh: '该审核', en: 'the audit' }, content: json(ref('StoredAudit')) } },
    errors: ['notFound'],
  },
  'GET /api/audits/:id/report.pdf': {
    operationId: 'getAuditReport',
    tag: 'audits',
    summary: { zh: '审核报告 PDF', en: 'The audit report, PDF' },
    pathParameters: { id: auditId },
    query: [
      facilityQuery({ zh: '只出该机构的报告', en: "one facility's report" }),
      { name: 'lang', text: { zh: '报告语言', en: "the report's language" }, schema: { enum: ['zh', 'en'], default: 'zh' } },
    ],
    answers: { 200: { text: { zh: 'PDF 报告', en: 'the PDF report' }, content: { 'application/pdf': null } } },
    errors: ['notFound'],
  },
  'GET /api/audits/:id/original': {
    operationId: 'getAuditOriginal',
    tag: 'audits',
    summary: { zh: '上传的原始工作簿（逐字节；多个文件时为第一个）', en: 'The uploaded workbook, byte for byte (the first of several files)' },
    pathParameters: { id: auditId },
    answers: { 200: { text: { zh: '原始工作簿，类型按其内容判定', en: 'the original workbook, typed as its bytes were read' }, content: SPREADSHEETS, headers: download } },
    errors: ['notFound'],
  },
  'GET /api/audits/:id/originals': {
    operationId: 'listAuditOriginals',
    tag: 'audits',
    summary: { zh: '审核读取的全部原始文件', en: 'Every original file of an audit' },
    description: {
      zh: '按读取顺序列出每个文件的名称（按发送时原样）、大小、SHA-256、类型及下载地址。',
      en: 'Each file in the order read: its name as sent, size, SHA-256, media type and where to download it.',
    },
    pathParameters: { id: auditId },
    answers: { 200: { text: { zh: '原始文件列表', en: 'the original files' }, content: json(ref('OriginalList')) } },
    errors: ['notFound'],
  },
  'GET /api/audits/:id/originals/:n': {
    operationId: 'getAuditOriginalFile',
    tag: 'audits',
    summary: { zh: '审核读取的第 n 个原始文件（逐字节）', en: 'File n of an audit, byte for byte' },
    pathParameters: { id: auditId, n: { zh: '文件序号，从 1 起（见 originals 列表）', en: 'the file number, from 1 (as the originals list gives it)' } },
    answers: { 200: { text: { zh: '原始文件，类型按其内容判定', en: 'the original file, typed as its bytes were read' }, content: SPREADSHEETS, headers: download } },
    errors: ['notFound'],
  },
  'GET /api/compare': {
    operationId: 'compareFacilities',
    tag: 'comparisons',
    summary: { zh: '两到六家机构并列对比', en: 'Two to six facilities side by side' },
    description: { zh: '与命令行 compare --json 相同。', en: 'The same as `compare --json`.' },
    query: [
      { name: 'audit', text: { zh: '机构所在的审核（未写审核编号的机构用它）', en: 'the audit of the facilities named without one' }, schema: { type: 'string' } },
      {
        name: 'facility',
        text: { zh: '机构编号，或「审核编号:机构编号」；2 至 6 个', en: 'a facility id, or AUDIT:ID for a facility of another audit; two to six' },
        schema: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 2, maxItems: 6 },
        required: true,
        repeated: true,
      },
      { name: 'different', text: { zh: '为 1 时只列有差异的规则', en: '1: only the rules that differ' }, schema: { enum: ['1'] } },
    ],
    answers: { 200: { text: { zh: '并列对比', en: 'the facilities side by side' }, content: json(ref('SideBySide')) } },
    errors: ['badRequest', 'notFound'],
  },
  'GET /api/diff': {
    operationId: 'diffAudits',
    tag: 'comparisons',
    summary: { zh: '两次审核之差', en: 'Two audits compared' },
    description: { zh: '与命令行 diff --json 相同：整改、新增不合格、仍不合格、其他变化。', en: 'The same as `diff --json`: resolved, new failures, still failing, changed.' },
    query: [
      { name: 'a', text: { zh: '前一次审核', en: 'the earlier audit' }, schema: { type: 'string', minLength: 1 }, required: true },
      { name: 'b', text: { zh: '后一次审核', en: 'the later audit' }, schema: { type: 'string', minLength: 1 }, required: true },
      facilityQuery({ zh: '只比较该机构', en: 'only this facility' }),
    ],
    answers: { 200: { text: { zh: '两次审核之差', en: 'the differences' }, content: json(ref('AuditDiff')) } },
    errors: ['badRequest', 'notFound'],
  },
  'GET /api/audits/:id/matrix': {
    operationId: 'getAuditMatrix',
    tag: 'comparisons',
    summary: { zh: '机构 × 规则矩阵、排名与星级声明', en: 'Facilities × rules, ranked, and star claims' },
    description: {
      zh: '与矩阵页面的 JSON 相同：matrix 即命令行 matrix --json，starClaims 即 stars --json。豁免按中国的今天判断，注在所涉单元格旁，不改变结论。',
      en: 'The same as the matrix page’s JSON: `matrix` is `matrix --json`, `starClaims` is `stars --json`. Waivers are judged today in China and stand beside the cells they cover; no status changes.',
    },
    pathParameters: { id: auditId },
    query: [
      { name: 'jurisdiction', text: { zh: '只列该辖区的机构', en: "only this jurisdiction's facilities" }, schema: { type: 'string' } },
      { name: 'type', text: { zh: '机构类型', en: 'facility type' }, schema: { enum: [...FACILITY_TYPES] } },
      { name: 'ownership', text: { zh: '运营性质', en: 'ownership' }, schema: { enum: [...OWNERSHIPS] } },
      { name: 'stars', text: { zh: '星级', en: 'star rating' }, schema: { type: 'integer', minimum: 0, maximum: 5 } },
      {
        name: 'sort',
        text: { zh: 'passRate（默认）、shortfall、name，或按某规则编号排序（不合格在前）', en: 'passRate (default), shortfall, name, or a rule id (failures first)' },
        schema: { type: 'string', minLength: 1 },
      },
    ],
    answers: { 200: { text: { zh: '矩阵与星级声明', en: 'the matrix and the star claims' }, content: json(ref('Matrix')) } },
    errors: ['badRequest', 'notFound'],
  },
  'GET /api/audits/:id/across': {
    operationId: 'getAuditAcrossRulebooks',
    tag: 'comparisons',
    summary: { zh: '按另一规则集重新审核已存事实', en: "An audit's stored facts under another rulebook" },
    description: {
      zh: '与命令行 across --json 相同：原审核结论与另一规则集下的结论并列；某侧规则集未列的规则为 null（不在本规则集），不作合格。',
      en: 'The same as `across --json`: the findings as audited beside those under the other rulebook; a rule one side does not list is null (not in this rulebook), never a pass.',
    },
    pathParameters: { id: auditId },
    query: [
      { name: 'rulebook', text: { zh: '另一规则集', en: 'the other rulebook' }, schema: { enum: defaultRulebooks().map((book) => book.id) }, required: true },
      facilityQuery({ zh: '只看该机构', en: 'only this facility' }),
    ],
    answers: { 200: { text: { zh: '两种规则集下的结论', en: 'the findings under both rulebooks' }, content: json(ref('AcrossRulebooks')) } },
    errors: ['badRequest', 'notFound'],
  },
  'GET /api/facilities/:jurisdiction/:id/audits': {
    operationId: 'listFacilityAudits',
    tag: 'audits',
    summary: { zh: '一家机构的审核及其本机构的计数', en: "A facility's audits with its own counts" },
    pathParameters: {
      jurisdiction: { zh: '机构所属地区（规则集编号，如 anji）', en: "the facility's jurisdiction (a rulebook id such as anji)" },
      id: { zh: '机构编号', en: 'the facility id' },
    },
    answers: { 200: { text: { zh: '该机构的审核，最新在前', en: "the facility's audits, newest first" }, content: json(ref('FacilityAudits')) } },
    errors: ['notFound'],
  },
  ...rectificationOperations(),
  'GET /api/openapi.json': {
    operationId: 'getApiDescription',
    tag: 'service',
    summary: { zh: '本 API 的 OpenAPI 3.1 说明', en: 'This API described in OpenAPI 3.1' },
    description: {
      zh: '无需登录：说明中没有任何数据，与开源代码所述相同；集成方的工具可直接读取。?lang=en 为英文说明。',
      en: 'No login needed: the description holds no data and says what the open source code says; integrators’ tools read it as it is. ?lang=en gives it in English.',
    },
    query: [{ name: 'lang', text: { zh: '说明的语言', en: "the description's language" }, schema: { enum: ['zh', 'en'], default: 'zh' } }],
    answers: { 200: { text: { zh: '本文档', en: 'this document' }, content: json({ type: 'object', required: ['openapi', 'info', 'paths', 'components'] }) } },
    errors: [],
  },
  'GET /healthz': {
    operationId: 'getHealth',
    tag: 'service',
    summary: { zh: '健康检查（供负载均衡）', en: 'Health check, for a load balancer' },
    answers: {
      200: { text: { zh: '数据库可用', en: 'the database answers' }, content: json(ref('Health')) },
      503: { text: { zh: '数据库不可用', en: 'the database does not answer' }, content: json(ref('Health')) },
    },
    errors: [],
  },
});
