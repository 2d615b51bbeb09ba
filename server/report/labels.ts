// Every fixed text of the PDF reports, Chinese and English.
import type { Bilingual } from '../../checks/types.js';

export const LABELS = {
  auditTitle: { zh: '养老服务设施合规审核报告', en: 'Elder-Care Facility Compliance Audit Report' },
  facilityTitle: { zh: '养老服务机构合规审核报告', en: 'Facility Compliance Audit Report' },
  jurisdictions: { zh: '所属地区', en: 'Jurisdictions' },
  facility: { zh: '机构', en: 'Facility' },
  asOf: { zh: '审核基准日', en: 'As of' },
  rulebooks: { zh: '适用规则集', en: 'Rulebooks' },
  draft: {
    zh: '注意：该文件为征求意见稿，尚非正式施行文本，本报告据其审核的结论仅供参考。',
    en: 'Note: this document is a draft for comment, not an adopted text; findings under it are indicative only.',
  },
  inForce: { zh: '正式施行', en: 'in force' },
  draftStatus: { zh: '征求意见稿', en: 'draft for comment' },
  source: { zh: '条款出处', en: 'Clause source' },
  workbook: { zh: '工作簿', en: 'Workbook' },
  sha256: { zh: 'SHA-256', en: 'SHA-256' },
  auditId: { zh: '审核编号', en: 'Audit id' },
  notStored: { zh: '（未保存）', en: '(not stored)' },
  generated: { zh: '生成时间', en: 'Generated' },
  tool: { zh: '审核工具', en: 'Tool' },
  summary: { zh: '审核概况', en: 'Summary' },
  counts: { zh: '各状态数量', en: 'Findings by status' },
  chartByRule: { zh: '各规则审核结果（条数）', en: 'Results by rule (number of findings)' },
  chartByFinding: { zh: '实测值占要求值的比例', en: 'Measured as a share of the requirement' },
  requirementLine: { zh: '要求值', en: 'required' },
  issues: { zh: '不合格与预警事项（按严重程度排列）', en: 'Failures and warnings, most serious first' },
  noIssues: { zh: '无不合格或预警事项。', en: 'No failures or warnings.' },
  details: { zh: '逐项审核结果', en: 'Findings by subject' },
  subject: { zh: '对象', en: 'Subject' },
  rule: { zh: '规则', en: 'Rule' },
  status: { zh: '结论', en: 'Status' },
  measured: { zh: '实测', en: 'Measured' },
  required: { zh: '要求', en: 'Required' },
  shortfall: { zh: '缺口', en: 'Shortfall' },
  due: { zh: '达标期限', en: 'Due' },
  clause: { zh: '条款', en: 'Clause' },
  noDue: { zh: '即时适用', en: 'applies now' },
  arithmetic: { zh: '计算', en: 'Arithmetic' },
  quote: { zh: '原文', en: 'Source text' },
  reading: { zh: '理解', en: 'Reading' },
  missing: { zh: '缺少数据', en: 'Missing data' },
  notApplicable: { zh: '不适用的规则', en: 'Rules that do not apply' },
  page: { zh: '第 {page} 页 / 共 {pages} 页', en: 'Page {page} of {pages}' },
  ruleOfBook: { zh: '规则集', en: 'rulebook' },
  warnings: { zh: '读取提示', en: 'Reader warnings' },
  rejected: {
    zh: '工作簿未通过校验，未形成审核结论。以下为全部错误：',
    en: 'The workbook was rejected; there are no findings. Every error:',
  },
  cell: { zh: '单元格', en: 'Cell' },
  code: { zh: '代码', en: 'Code' },
  message: { zh: '说明', en: 'Message' },
} satisfies Record<string, Bilingual>;

export type LabelKey = keyof typeof LABELS;

/** `标签：值` in Chinese, `Label: value` in English. */
export function labelled(label: string, value: string, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${label}：${value}` : `${label}: ${value}`;
}

/** `名称（编号）` in Chinese, `name (id)` in English. */
export function bracketed(text: string, inner: string, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${text}（${inner}）` : `${text} (${inner})`;
}
