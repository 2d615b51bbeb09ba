// What each rectification route under /api does (notices, a facility's response, an inspector's
// item actions, waivers), for the OpenAPI document: keyed like operations.ts, kept apart so that
// each file describes one part of the API. A mistake on a notice or waiver is the shared 422
// 'rectification' answer; the notice and waiver bodies are schemas/notice.schema.json's.
import { DEFAULT_DAYS } from '../../rectify/service.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../../rectify/evidence.js';
import { defRef, ref } from './components.js';
import { asOfQuery, DATE, download, json, XLSX, type AnswerSpec, type OperationSpec, type ParameterSpec } from './spec.js';

const noticeId = { zh: '通知书编号（id，如 N-…；不是文号）', en: 'the notice id (id, such as N-…; not its number)' };
const itemNumber = { zh: '整改项序号，从 1 起', en: 'the item number, from 1' };
const NOTE = { type: 'string', description: '说明 / a note' } as const;
const SUBJECT_KINDS = ['facility', 'area', 'region'] as const;

const asOf = asOfQuery({ zh: '按哪一天判断状态（YYYY-MM-DD），默认中国的今天', en: 'the day states are judged on (YYYY-MM-DD), default today in China' });
const lang: ParameterSpec = { name: 'lang', text: { zh: '文书语言', en: "the document's language" }, schema: { enum: ['zh', 'en'], default: 'zh' } };

/** The notice as it now stands, after an action on it. */
const noticeAnswer = (text: AnswerSpec['text']): AnswerSpec => ({
  text,
  content: json(ref('Notice')),
  headers: { Location: { text: { zh: '该通知书的地址', en: "the notice's URL" }, schema: { type: 'string', format: 'uri-reference' } } },
});

const pdf = (text: AnswerSpec['text']): AnswerSpec => ({ text, content: { 'application/pdf': null }, headers: download });

/** close, reopen, deadline: one item of a notice, by an inspector. */
function itemAction(operationId: string, summary: OperationSpec['summary'], schema: Record<string, unknown>, description: OperationSpec['description']): OperationSpec {
  return {
    operationId,
    tag: 'rectification',
    summary,
    description,
    pathParameters: { id: noticeId, item: itemNumber },
    requestBody: { text: { zh: 'JSON 对象', en: 'a JSON object' }, schema: { type: 'object', additionalProperties: false, ...schema } },
    answers: { 200: noticeAnswer({ zh: '该通知书的现状', en: 'the notice as it now stands' }) },
    errors: ['badRequest', 'notFound', 'tooLarge', 'rectification', 'storeUnavailable'],
  };
}

export const rectificationOperations = (): Record<string, OperationSpec> => ({
  'GET /api/notices': {
    operationId: 'listNotices',
    tag: 'rectification',
    summary: { zh: '整改通知书，逾期在前', en: 'Notices, overdue first' },
    description: {
      zh: '各通知书在 asOf 当天的状态。机构管理员只看到本机构的通知书。',
      en: 'Each notice as it stands on asOf. A facility manager sees only their own facilities’ notices.',
    },
    query: [
      { name: 'jurisdiction', text: { zh: '辖区（规则集编号）', en: 'jurisdiction (rulebook id)' }, schema: { type: 'string' } },
      { name: 'state', text: { zh: '未结案、逾期或已结案', en: 'open, overdue or closed' }, schema: { enum: ['open', 'overdue', 'closed'] } },
      { name: 'subject', text: { zh: '对象编号（机构、片区或地区的编号）', en: "the subject's id (a facility's, area's or region's)" }, schema: { type: 'string' } },
      asOf,
    ],
    answers: { 200: { text: { zh: '通知书列表', en: 'the notices' }, content: json(ref('NoticeList')) } },
    errors: ['badRequest'],
  },
  'POST /api/notices': {
    operationId: 'createNotice',
    tag: 'rectification',
    summary: { zh: '依审核下发整改通知书', en: 'Issue a notice from an audit' },
    description: {
      zh: `该对象在该审核中每条不合格（includeWarn 时连同预警）各成一个整改项。期限：deadlines 中逐条给出的，否则 deadline，否则下发日期后 days 天（默认 ${DEFAULT_DAYS} 天）。没有可整改的项、审核不存在或期限早于下发日期时为 422。`,
      en: `One item for each failure (with includeWarn, each warning too) of the subject in the audit. Deadlines: per rule from deadlines, else deadline, else days after the date of issue (default ${DEFAULT_DAYS}). No item to rectify, no such audit, or a deadline before the date of issue: 422.`,
    },
    requestBody: {
      text: { zh: 'JSON 对象', en: 'a JSON object' },
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['auditId', 'subject'],
        properties: {
          auditId: { type: 'string', minLength: 1, description: '审核编号 / the audit id' },
          subject: { type: 'string', pattern: '^(facility|area|region):[^:]+:.+$', description: '对象：类型:辖区:编号 / the subject, kind:jurisdiction:id (facility:tongxiang:TX-002)' },
          issuedOn: { ...DATE, description: '下发日期，默认中国的今天 / the date of issue, default today in China' },
          days: { type: 'integer', minimum: 1, default: DEFAULT_DAYS, description: '整改期限天数 / days to rectify' },
          deadline: { ...DATE, description: '各项的整改期限 / the deadline of every item' },
          deadlines: { type: 'object', additionalProperties: DATE, description: '按规则编号给出的期限 / deadlines by rule id' },
          includeWarn: { type: 'boolean', default: false, description: '预警也列为整改项 / warnings become items too' },
        },
      },
    },
    answers: { 201: noticeAnswer({ zh: '已下发的通知书', en: 'the notice issued' }) },
    errors: ['badRequest', 'tooLarge', 'rectification', 'storeUnavailable'],
  },
  'GET /api/notices/:id': {
    operationId: 'getNotice',
    tag: 'rectification',
    summary: { zh: '一份整改通知书：整改项、答复、证明材料、历史', en: 'One notice: items, responses, evidence, history' },
    pathParameters: { id: noticeId },
    query: [asOf],
    answers: { 200: { text: { zh: '该通知书在 asOf 当天的状态', en: 'the notice as it stands on asOf' }, content: json(ref('Notice')) } },
    errors: ['badRequest', 'notFound'],
  },
  'GET /api/notices/:id/notice.pdf': {
    operationId: 'getNoticePdf',
    tag: 'rectification',
    summary: { zh: '整改通知书 PDF', en: 'The notice (整改通知书), PDF' },
    pathParameters: { id: noticeId },
    query: [lang, asOf],
    answers: { 200: pdf({ zh: '整改通知书', en: 'the notice' }) },
    errors: ['badRequest', 'notFound'],
  },
  'GET /api/notices/:id/review.pdf': {
    operationId: 'getNoticeReviewPdf',
    tag: 'rectification',
    summary: { zh: '整改复查意见书 PDF（已结案的通知书）', en: 'The re-inspection opinion (整改复查意见书) of a closed notice, PDF' },
    description: { zh: '通知书尚未结案时为 422。', en: 'A notice not yet closed: 422.' },
    pathParameters: { id: noticeId },
    query: [lang, asOf],
    answers: { 200: pdf({ zh: '整改复查意见书', en: 'the re-inspection opinion' }) },
    errors: ['badRequest', 'notFound', 'rectification'],
  },
  'GET /api/notices/:id/evidence/:evidence': {
    operationId: 'getEvidence',
    tag: 'rectification',
    summary: { zh: '一个证明文件（逐字节）', en: 'One evidence file, byte for byte' },
    pathParameters: { id: noticeId, evidence: { zh: '证明文件编号（通知书答复中的 evidence[].id）', en: "the evidence file's id (evidence[].id in the notice's responses)" } },
    answers: {
      200: {
        text: { zh: '证明文件，类型按其开头字节判定', en: 'the evidence file, its type told by its first bytes' },
        content: { 'image/png': null, 'image/jpeg': null, 'application/pdf': null },
        headers: { ...download, Digest: { text: { zh: '文件的 SHA-256', en: "the file's SHA-256" }, schema: { type: 'string', pattern: '^sha-256=' } } },
      },
    },
    errors: ['notFound'],
  },
  'POST /api/notices/:id/responses': {
    operationId: 'respondToNotice',
    tag: 'rectification',
    summary: { zh: '机构管理员答复本机构的通知书', en: "A facility manager answers their facility's notice" },
    description: {
      zh: '一段说明、所答复的整改项、证明文件，以及可选的整改后工作簿。工作簿先校验：含其他机构或缺少该通知书的机构时整体拒收；通过则作为新的审核保存，并据此判定已整改的项。任何一部分被拒（422）时不保存任何内容。',
      en: "A text, the items it answers, evidence files and optionally a corrected workbook. The workbook is checked first: refused whole if it holds any facility not the manager's or lacks the notice's; otherwise stored as a new audit, which resolves what it shows fixed. If any part is refused (422), nothing is stored.",
    },
    pathParameters: { id: noticeId },
    requestBody: {
      text: { zh: 'multipart/form-data 表单', en: 'a multipart/form-data form' },
      fields: {
        item: {
          text: { zh: '所答复的整改项序号（从 1 起），可重复', en: 'an item answered, by number from 1; repeated for several' },
          schema: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[1-9][0-9]*$' } },
          required: true,
        },
        text: { text: { zh: '答复说明', en: 'the response text' }, schema: { type: 'string' } },
        evidence: {
          text: {
            zh: `证明文件：PNG、JPEG 图片或 PDF，按开头字节判定；至多 ${EVIDENCE_MAX_FILES} 个，每个不超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`,
            en: `evidence files: PNG or JPEG images or PDFs, told by their first bytes; at most ${EVIDENCE_MAX_FILES}, each at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`,
          },
          schema: { type: 'array', maxItems: EVIDENCE_MAX_FILES, items: { type: 'string', contentMediaType: 'application/octet-stream' } },
          contentType: 'image/png, image/jpeg, application/pdf, application/octet-stream',
        },
        workbook: {
          text: { zh: '整改后的 .xlsx 工作簿，只含本机构', en: 'the corrected .xlsx workbook, holding only your facility' },
          schema: { type: 'string', contentMediaType: XLSX },
          contentType: `${XLSX}, application/octet-stream`,
        },
      },
    },
    answers: { 201: noticeAnswer({ zh: '答复后的通知书', en: 'the notice with the response' }) },
    errors: ['badRequest', 'notFound', 'tooLarge', 'rectification', 'storeUnavailable'],
  },
  'POST /api/notices/:id/items/:item/close': itemAction(
    'closeNoticeItem',
    { zh: '现场核查后关闭整改项', en: 'Close an item on an on-site check' },
    { required: ['note'], properties: { note: { ...NOTE, minLength: 1, description: '现场核查说明（必填） / the note of the on-site check (required)' } } },
    { zh: '没有说明或没有该项时为 422。', en: 'No note, or no such item: 422.' },
  ),
  'POST /api/notices/:id/items/:item/reopen': itemAction(
    'reopenNoticeItem',
    { zh: '重新打开已整改或已关闭的整改项', en: 'Reopen a resolved or closed item' },
    { required: ['note'], properties: { note: { ...NOTE, minLength: 1, description: '理由（必填） / why (required)' } } },
    { zh: '没有说明、该项未整改也未关闭或没有该项时为 422。', en: 'No note, an item neither resolved nor closed, or no such item: 422.' },
  ),
  'POST /api/notices/:id/items/:item/deadline': itemAction(
    'moveNoticeItemDeadline',
    { zh: '调整整改项的期限', en: "Move an item's deadline" },
    { required: ['deadline'], properties: { deadline: { ...DATE, description: '新的期限 / the new deadline' }, note: NOTE } },
    { zh: '日期无效或没有该项时为 422。', en: 'A date that is not one, or no such item: 422.' },
  ),
  'GET /api/waivers': {
    operationId: 'listWaivers',
    tag: 'rectification',
    summary: { zh: '豁免及其在 asOf 当天的状态', en: 'Waivers with their state on asOf' },
    description: {
      zh: '状态：有效、已到期或已撤销。机构管理员只看到本机构的豁免。',
      en: 'State: valid, expired or revoked. A facility manager sees only their own facilities’ waivers.',
    },
    query: [asOf],
    answers: { 200: { text: { zh: '豁免列表', en: 'the waivers' }, content: json(ref('WaiverList')) } },
    errors: ['badRequest'],
  },
  'POST /api/waivers': {
    operationId: 'createWaiver',
    tag: 'rectification',
    summary: { zh: '登记一项豁免（暂缓）', en: 'Record a waiver' },
    description: {
      zh: '豁免不改变已保存的审核结论，只在结论旁注明。批准人为调用者。没有该规则、缺少理由或日期无效时为 422。',
      en: 'A waiver never changes a stored finding; it is shown beside it. The approver is the caller. No such rule, no reason or a bad date: 422.',
    },
    requestBody: {
      text: { zh: 'JSON 对象', en: 'a JSON object' },
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'subject', 'jurisdiction', 'reason', 'until'],
        properties: {
          rule: { type: 'string', minLength: 1, description: '规则编号 / the rule id' },
          kind: { enum: [...SUBJECT_KINDS], default: 'facility', description: '对象类型 / the kind of subject' },
          subject: { type: 'string', minLength: 1, description: '对象编号 / the subject id' },
          jurisdiction: { type: 'string', minLength: 1, description: '辖区（规则集编号） / jurisdiction (rulebook id)' },
          reason: { type: 'string', minLength: 1, description: '理由 / the reason' },
          until: { ...DATE, description: '有效期至 / valid until' },
        },
      },
    },
    answers: { 201: { text: { zh: '已登记的豁免', en: 'the waiver recorded' }, content: json(defRef('Notice', 'waiver')) } },
    errors: ['badRequest', 'tooLarge', 'rectification', 'storeUnavailable'],
  },
  'POST /api/waivers/:id/revoke': {
    operationId: 'revokeWaiver',
    tag: 'rectification',
    summary: { zh: '撤销一项豁免', en: 'Revoke a waiver' },
    description: { zh: '没有该豁免或已撤销时为 422。', en: 'No such waiver, or one already revoked: 422.' },
    pathParameters: { id: { zh: '豁免编号', en: 'the waiver id' } },
    requestBody: { text: { zh: 'JSON 对象', en: 'a JSON object' }, schema: { type: 'object', additionalProperties: false, properties: { note: NOTE } } },
    answers: { 200: { text: { zh: '撤销后的豁免', en: 'the waiver, revoked' }, content: json(defRef('Notice', 'waiver')) } },
    errors: ['badRequest', 'tooLarge', 'rectification', 'storeUnavailable'],
  },
});
