// Every fixed text of the two rectification documents, Chinese and English.
export const NOTICE_LABELS = {
  noticeTitle: { zh: '整改通知书', en: 'Rectification Notice' },
  reviewTitle: { zh: '整改复查意见书', en: 'Re-inspection Opinion' },
  reviewNumber: { zh: '{number}（复查）', en: '{number} (re-inspection)' },
  noticeBody: {
    zh: '经 {date} 合规审核（审核编号 {audit}），你单位存在下列不符合规定的问题。现依据所列条款通知你单位在各项整改期限内完成整改，并提交整改说明和证明材料；整改后的数据经复核合格或经现场核查确认后结案。逾期未完成整改的，将依规跟进处理。',
    en: 'The compliance audit of {date} (audit {audit}) found the problems below. Under the clauses cited, you are required to rectify each by its deadline and to send a written account with evidence. Each item is closed once a later audit shows it met or an on-site check confirms it. Items not rectified by their deadline will be followed up.',
  },
  reviewBody: {
    zh: '我局于 {date} 下发的 {number} 整改通知书所列 {count} 项问题，经复核，处理情况如下：',
    en: 'The {count} item(s) of notice {number}, issued on {date}, were re-inspected as follows:',
  },
  reviewClosed: { zh: '所列问题均已整改到位或依规处理，本通知书结案。', en: 'Every item has been rectified or settled as recorded; this notice is closed.' },
  item: { zh: '第 {n} 项', en: 'Item {n}' },
  deadline: { zh: '整改期限', en: 'Deadline' },
  resolvedBy: {
    zh: '已整改：{date} 保存的审核 {audit}（{user} 上传）显示该项{status}。',
    en: 'Rectified: audit {audit}, stored {date} (uploaded by {user}), shows it {status}.',
  },
  closedBy: { zh: '已经现场核查关闭（{user}，{date}）：{note}', en: 'Closed on site ({user}, {date}): {note}' },
  waivedBy: {
    zh: '已豁免：豁免 {id}，有效期至 {until}，批准人 {user}，理由：{reason}',
    en: 'Waived: waiver {id}, valid until {until}, approved by {user}; reason: {reason}',
  },
  response: { zh: '机构答复（{user}，{date}）：{text}', en: 'Facility response ({user}, {date}): {text}' },
  evidence: { zh: '证明材料：{files}', en: 'Evidence: {files}' },
  issuer: { zh: '下发单位', en: 'Issued by' },
  inspector: { zh: '经办人', en: 'Inspector' },
  issued: { zh: '下发日期', en: 'Date of issue' },
  reviewed: { zh: '复查日期', en: 'Date of re-inspection' },
  signature: { zh: '负责人签字：', en: 'Signature of the officer in charge:' },
  seal: { zh: '（盖章）', en: '(seal)' },
  receipt: { zh: '被检查单位签收：　　　　　　　　　日期：', en: 'Received for the facility by:                         Date:' },
  page: { zh: '第 {page} 页，共 {pages} 页', en: 'Page {page} of {pages}' },
} as const;

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}
