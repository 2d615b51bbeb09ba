// Every fixed text of the web pages, Chinese first, English second. A page picks its language
// from `?lang=` (remembered in a cookie), else the cookie, else Chinese.
import type { Request, RequestHandler } from 'express';
import type { Lang } from '../../checks/format.js';
import type { Bilingual, Status } from '../../checks/types.js';
import type { Role } from '../store/users-types.js';
import { readCookie, writeCookie } from './cookies.js';
import { RECTIFY_MESSAGES } from './i18n-rectify.js';

export const MESSAGES = {
  ...RECTIFY_MESSAGES,
  appName: { zh: '养老服务设施合规审核', en: 'Elder-Care Facility Compliance Audit' },
  switchLanguage: { zh: 'English', en: '中文' },
  skipToContent: { zh: '跳到正文', en: 'Skip to content' },
  home: { zh: '首页', en: 'Home' },
  upload: { zh: '上传审核', en: 'Upload' },
  audits: { zh: '审核记录', en: 'Audits' },
  facilities: { zh: '机构', en: 'Facilities' },
  rulebooks: { zh: '规则集', en: 'Rulebooks' },
  users: { zh: '用户管理', en: 'Users' },
  logout: { zh: '退出', en: 'Log out' },
  signedInAs: { zh: '当前用户：{name}（{role}）', en: 'Signed in as {name} ({role})' },
  footer: { zh: '{tool} {version} · 审核依据各县（市、区）基本养老服务体系实施文件', en: '{tool} {version} · checked against each county’s plan for its basic elder-care service system' },

  // Log in
  loginTitle: { zh: '登录', en: 'Log in' },
  loginIntro: { zh: '请使用管理员为您创建的账号登录。', en: 'Log in with the account your administrator created for you.' },
  userName: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  loginButton: { zh: '登录', en: 'Log in' },
  loginFailed: { zh: '用户名或密码不正确。', en: 'Wrong user name or password.' },
  tooManyAttempts: { zh: '登录尝试次数过多，请 {minutes} 分钟后再试。', en: 'Too many attempts; try again in {minutes} minute(s).' },

  // Home
  welcome: { zh: '您好，{name}', en: 'Welcome, {name}' },
  startTitle: { zh: '从这里开始', en: 'Start here' },
  startStep1: { zh: '下载空白填报模板，按“填写说明”工作表填写机构、人员、居住区、场地和地区数据。', en: 'Download the blank template and fill in facilities, staff, residential areas, sites and the region as its instructions sheet says.' },
  startStep2: { zh: '上传填好的工作簿，几秒钟后即可看到每条规则的审核结论、计算过程和政策条款。', en: 'Upload the filled workbook: within seconds you see every rule’s verdict, its arithmetic and its policy clause.' },
  startStep3: { zh: '下载 PDF 审核报告，或把单个机构的报告发给该机构。', en: 'Download the PDF report, or send each facility its own report.' },
  downloadTemplate: { zh: '下载空白模板', en: 'Download the blank template' },
  trySample: { zh: '或者，用示例工作簿试一试（一键审核）：', en: 'Or try a sample workbook (one click):' },
  sampleButton: { zh: '审核 {file}', en: 'Check {file}' },
  recentAudits: { zh: '最近的审核', en: 'Recent audits' },
  yourFacilities: { zh: '您负责的机构', en: 'Your facilities' },
  noFacilities: { zh: '您的账号尚未绑定任何机构，请联系管理员。', en: 'Your account is not bound to any facility yet; ask your administrator.' },
  reviewerIntro: { zh: '您可以查看全部审核记录及报告（只读）。', en: 'You can read every audit and report (read-only).' },
  managerIntro: { zh: '您可以查看并下载所负责机构的审核结论与报告。', en: 'You can see and download the findings and reports of your facilities.' },
  adminIntro: { zh: '您可以管理用户，并上传和查看审核。', en: 'You manage the users, and can upload and read audits.' },

  // Upload
  uploadTitle: { zh: '上传工作簿', en: 'Upload a workbook' },
  uploadIntro: {
    zh: '可读取的格式：Excel .xlsx 或 97-2003 .xls、WPS .et、LibreOffice .ods、CSV（UTF-8 或 GBK 编码，文件名即工作表名，如“机构.csv”）。可一次选择多个文件（如每家机构一个工作簿，再加本地区的“地区”表），合并为一次审核；每个文件不超过 {size}，最多 {max} 个，合计不超过 {total}。有错误时逐格列出（注明所在文件），且不保存任何内容。',
    en: 'Formats read: Excel .xlsx or 97-2003 .xls, WPS .et, LibreOffice .ods, CSV (UTF-8 or GBK, named by its sheet, such as 机构.csv). Several files may be sent together (one workbook per facility plus the region file, say) and are checked as one audit: each at most {size}, at most {max} files, {total} in all. If there are errors, each is listed at its file and cell, and nothing is stored.',
  },
  chooseFile: { zh: '选择一个或多个文件', en: 'Choose one or more files' },
  dropHere: { zh: '或将文件拖到此处（可多选）', en: 'or drop them here (several at once)' },
  sizeLimit: { zh: '每个文件不超过 {size}，最多 {max} 个，合计不超过 {total}', en: 'Each file at most {size}; at most {max} files, {total} in all' },
  asOfLabel: { zh: '审核基准日（可选）', en: 'Audit date (optional)' },
  asOfHelp: { zh: '留空则取“地区”表的统计日期，否则取今天。', en: 'Blank: the 统计日期 of the region sheet, else today.' },
  rulebookLabel: { zh: '规则集（可选）', en: 'Rulebook (optional)' },
  rulebookOwn: { zh: '按各自所属地区', en: 'Each subject’s own jurisdiction' },
  checkButton: { zh: '上传并审核', en: 'Upload and check' },
  uploading: { zh: '正在上传…', en: 'Uploading…' },
  checking: { zh: '正在审核，请稍候…', en: 'Checking, please wait…' },
  uploadFailed: { zh: '上传失败，请重试。', en: 'The upload failed; try again.' },
  noFile: { zh: '请选择一个工作簿文件。', en: 'Choose a workbook file.' },
  badDate: { zh: '审核基准日应为 YYYY-MM-DD 格式的日期。', en: 'The audit date must be a date YYYY-MM-DD.' },
  badRulebook: { zh: '没有该规则集。', en: 'No such rulebook.' },

  // Rejected
  rejectedTitle: { zh: '工作簿未通过校验', en: 'The workbook was rejected' },
  nothingStored: { zh: '未保存任何内容。请按下表逐项修改后重新上传。', en: 'Nothing was stored. Correct each error below and upload again.' },
  errorCount: { zh: '共 {n} 处错误', en: '{n} error(s)' },
  sheet: { zh: '工作表', en: 'Sheet' },
  cell: { zh: '单元格', en: 'Cell' },
  column: { zh: '列', en: 'Column' },
  value: { zh: '填写值', en: 'Value' },
  code: { zh: '代码', en: 'Code' },
  message: { zh: '说明', en: 'Message' },
  wholeFile: { zh: '整个文件', en: 'whole file' },
  uploadAgain: { zh: '重新上传', en: 'Upload again' },

  // Audit
  auditTitle: { zh: '审核结果', en: 'Audit' },
  auditId: { zh: '审核编号', en: 'Audit id' },
  workbook: { zh: '工作簿', en: 'Workbook' },
  asOf: { zh: '审核基准日', en: 'As of' },
  uploadedBy: { zh: '上传人', en: 'Uploaded by' },
  createdAt: { zh: '审核时间', en: 'Checked at' },
  rulebooksUsed: { zh: '适用规则集', en: 'Rulebooks' },
  draftForComment: { zh: '征求意见稿', en: 'draft for comment' },
  rerunOf: { zh: '重新审核自', en: 'Re-run of' },
  summary: { zh: '审核概况', en: 'Summary' },
  chartTitle: { zh: '各状态结论数', en: 'Findings by status' },
  findings: { zh: '逐项结论', en: 'Findings' },
  filter: { zh: '筛选', en: 'Filter' },
  clearFilter: { zh: '清除筛选', en: 'Clear' },
  all: { zh: '全部', en: 'All' },
  status: { zh: '结论', en: 'Status' },
  rule: { zh: '规则', en: 'Rule' },
  jurisdiction: { zh: '地区', en: 'Jurisdiction' },
  facility: { zh: '机构', en: 'Facility' },
  subject: { zh: '对象', en: 'Subject' },
  arithmetic: { zh: '计算过程', en: 'Arithmetic' },
  clause: { zh: '条款', en: 'Clause' },
  due: { zh: '达标期限', en: 'Due' },
  dueNow: { zh: '即时适用', en: 'applies now' },
  quote: { zh: '政策原文', en: 'Policy text' },
  reading: { zh: '理解', en: 'Reading' },
  shownOf: { zh: '显示 {shown} / {total} 条', en: 'Showing {shown} of {total}' },
  noFindings: { zh: '没有符合筛选条件的结论。', en: 'No finding matches the filter.' },
  downloads: { zh: '下载', en: 'Downloads' },
  auditPdf: { zh: 'PDF 审核报告', en: 'PDF report' },
  facilityPdf: { zh: '机构 PDF 报告', en: 'Facility PDF report' },
  originalWorkbook: { zh: '原始工作簿', en: 'Original workbook' },
  jsonResult: { zh: 'JSON 结果', en: 'JSON result' },
  readerWarnings: { zh: '读取提示', en: 'Reader warnings' },
  scopeNote: { zh: '仅显示您所负责机构的结论。', en: 'Only the findings of your facilities are shown.' },
  kind_region: { zh: '地区', en: 'Region' },
  kind_facility: { zh: '机构', en: 'Facility' },
  kind_area: { zh: '居住区', en: 'Residential area' },

  // Audit list
  auditsTitle: { zh: '审核记录', en: 'Audits' },
  search: { zh: '搜索', en: 'Search' },
  searchPlaceholder: { zh: '文件名、审核编号或上传人', en: 'File name, audit id or uploader' },
  noAudits: { zh: '还没有审核记录。', en: 'No audits yet.' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  pageOf: { zh: '第 {page} / {pages} 页，共 {total} 条', en: 'Page {page} of {pages}, {total} in all' },
  counts: { zh: '结论', en: 'Findings' },

  // Facility
  facilityTitle: { zh: '机构', en: 'Facility' },
  latestFindings: { zh: '最近一次审核的结论', en: 'Findings of the latest audit' },
  history: { zh: '历次审核', en: 'Audit history' },
  trend: { zh: '不合格项趋势（旧 → 新）', en: 'Failures over time (old → new)' },
  fromAudit: { zh: '来自审核 {id}（基准日 {asOf}）', en: 'From audit {id} (as of {asOf})' },

  // Comparisons
  compare: { zh: '对比', en: 'Compare' },
  comparisons: { zh: '对比分析', en: 'Comparisons' },
  exportXlsx: { zh: '导出 Excel', en: 'Export Excel' },
  exportPdf: { zh: '导出 PDF', en: 'Export PDF' },
  shortBy: { zh: '缺 {amount}', en: 'short {amount}' },
  noEntries: { zh: '无。', en: 'None.' },
  compareTitle: { zh: '机构并列对比', en: 'Facilities side by side' },
  compareIntro: { zh: '选择 2–{max} 家机构（可来自不同审核），逐条规则并列比较结论、实测与要求、缺口。', en: 'Pick two to {max} facilities (from one audit or several) and compare each rule’s verdict, measured against required, and shortfall.' },
  pickAudit: { zh: '审核', en: 'Audit' },
  listFacilities: { zh: '列出该审核的机构', en: 'List its facilities' },
  pickFacilities: { zh: '机构（选 2–{max} 家；已选的其他审核的机构保留）', en: 'Facilities (pick 2 to {max}; picks from other audits are kept)' },
  onlyDifferences: { zh: '只看有差异的规则', en: 'Only rules that differ' },
  compareButton: { zh: '对比', en: 'Compare' },
  pickTwo: { zh: '请至少选择两家机构。', en: 'Pick at least two facilities.' },
  tooManyPicks: { zh: '最多只能选择 {max} 家机构（已选 {n} 家）。', en: 'Pick at most {max} facilities ({n} picked).' },
  rowsDiffer: { zh: '共 {total} 条规则，其中 {differ} 条有差异', en: '{total} rules, {differ} of them differ' },
  differs: { zh: '有差异', en: 'differs' },
  diffTitle: { zh: '两次审核对比', en: 'Two audits compared' },
  diffIntro: { zh: '同一机构或地区在两个日期的审核，或一次审核与其重新审核：已整改、新增不合格、仍不合格、其他变化。', en: 'The same facility or jurisdiction at two dates, or an audit and its re-run: resolved, new failures, still failing, changed.' },
  auditBefore: { zh: '之前的审核', en: 'Earlier audit' },
  auditAfter: { zh: '之后的审核', en: 'Later audit' },
  everySubject: { zh: '全部对象', en: 'Every subject' },
  diffButton: { zh: '比较', en: 'Compare' },
  diff_newFailures: { zh: '新增不合格', en: 'New failures' },
  diff_stillFailing: { zh: '仍不合格', en: 'Still failing' },
  diff_resolved: { zh: '已整改', en: 'Resolved' },
  diff_changed: { zh: '其他变化', en: 'Changed' },
  before: { zh: '之前', en: 'Before' },
  after: { zh: '之后', en: 'After' },
  pickTwoAudits: { zh: '请选择两次审核。', en: 'Pick two audits.' },
  matrixTitle: { zh: '机构 × 规则矩阵与排名', en: 'Facilities × rules, ranked' },
  matrixIntro: { zh: '每家机构在每条规则上的结论；按合格率、相对缺口合计、机构编号或某条规则排序。', en: 'Every facility’s verdict on every rule; ranked by pass rate, total relative shortfall, facility id or one rule.' },
  rank: { zh: '名次', en: 'Rank' },
  stars: { zh: '星级', en: 'Stars' },
  facilityType: { zh: '机构类型', en: 'Facility type' },
  ownership: { zh: '运营性质', en: 'Ownership' },
  passRate: { zh: '合格率', en: 'Pass rate' },
  relativeShortfall: { zh: '相对缺口合计', en: 'Total relative shortfall' },
  sortBy: { zh: '排序', en: 'Sort by' },
  sort_passRate: { zh: '合格率（高 → 低）', en: 'Pass rate (high → low)' },
  sort_shortfall: { zh: '相对缺口合计（大 → 小）', en: 'Total relative shortfall (large → small)' },
  sort_name: { zh: '机构编号', en: 'Facility id' },
  sortByRule: { zh: '按此规则排序（不合格在前）', en: 'Sort by this rule (failures first)' },
  noMatrixRows: { zh: '没有符合筛选条件的机构。', en: 'No facility matches the filter.' },
  ruleLegend: { zh: '规则编号', en: 'Rule numbers' },
  starClaims: { zh: '星级声明一致性（不符者在前）', en: 'Star-claim consistency (inconsistent first)' },
  noStarClaims: { zh: '本次审核没有声明星级的机构。', en: 'No facility of this audit claims a star rating.' },
  acrossTitle: { zh: '跨规则集对比', en: 'Across rulebooks' },
  acrossIntro: { zh: '用另一地区的规则集重新审核本次审核已保存的事实（不重新读取工作簿），与原结论并列。规则集未列的规则显示为“不在本规则集”，不算合格。', en: 'This audit’s stored facts re-evaluated under another jurisdiction’s rulebook (no workbook is re-read), beside the findings as audited. A rule a rulebook does not list shows as “not in this rulebook”, never as a pass.' },
  otherRulebook: { zh: '对比规则集', en: 'Rulebook to compare with' },
  asAudited: { zh: '原审核', en: 'As audited' },
  verdictDiffers: { zh: '结论不同', en: 'Verdict differs' },
  acrossCounts: { zh: '{side}：不合格 {fail}{failWaived} · 预警 {warn} · 合格 {pass} · 不在本规则集 {absent}', en: '{side}: {fail} fail{failWaived} · {warn} warn · {pass} pass · {absent} not in this rulebook' },
  linkMatrix: { zh: '矩阵与排名', en: 'Matrix and ranking' },
  linkAcross: { zh: '换规则集审核', en: 'Under another rulebook' },
  linkCompare: { zh: '机构并列对比', en: 'Side by side' },
  linkDiffOriginal: { zh: '与原审核对比', en: 'Diff with the original audit' },
  linkDiffPrevious: { zh: '与上一次审核对比', en: 'Diff with the previous audit' },
  trendFailures: { zh: '每次审核的不合格项数', en: 'Failures per audit' },
  trendShortfalls: { zh: '各不合格规则的缺口变化', en: 'Each failing rule’s shortfall across audits' },
  shortfallIn: { zh: '缺口（{unit}）', en: 'shortfall ({unit})' },
  type_institution: { zh: '养老机构', en: 'Institution' },
  type_special_support: { zh: '特困供养机构', en: 'Special-support home' },
  type_town_center: { zh: '乡镇（街道）居家养老服务中心', en: 'Town service center' },
  type_community_center: { zh: '村（社区）居家养老服务照料中心', en: 'Community care center' },
  ownership_public: { zh: '公办', en: 'Public' },
  ownership_public_private: { zh: '公建民营', en: 'Publicly built, privately run' },
  ownership_private: { zh: '民办', en: 'Private' },

  // Rulebooks
  rulebooksTitle: { zh: '规则集', en: 'Rulebooks' },
  rulebooksIntro: { zh: '每个县（市、区）的规则、指标、条款与政策原文。', en: 'Every jurisdiction’s rules, figures, clauses and policy text.' },
  document: { zh: '政策文件', en: 'Document' },
  issued: { zh: '印发日期', en: 'Issued' },
  version: { zh: '版本', en: 'Version' },
  figures: { zh: '指标', en: 'Figures' },

  // Users
  usersTitle: { zh: '用户管理', en: 'Users' },
  addUser: { zh: '新建用户', en: 'Add a user' },
  role: { zh: '角色', en: 'Role' },
  facilityIds: { zh: '机构（机构负责人适用，写作 地区:机构编号，用空格或逗号分隔）', en: 'Facilities (facility managers; written jurisdiction:id, separated by spaces or commas)' },
  badFacilities: { zh: '无法识别的机构：{list}。请写作 地区:机构编号，地区为规则集编号（{known}），例如 tongxiang:TX-002。', en: 'Unrecognised facilities: {list}. Write each as jurisdiction:id with a rulebook id ({known}) as the jurisdiction, e.g. tongxiang:TX-002.' },
  enabled: { zh: '启用', en: 'Enabled' },
  disabled: { zh: '已停用', en: 'Disabled' },
  disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '启用', en: 'Enable' },
  save: { zh: '保存', en: 'Save' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  create: { zh: '创建', en: 'Create' },
  newPasswordOnce: { zh: '用户“{name}”的新密码（仅显示这一次，请转交本人）：', en: 'New password of “{name}” (shown this once; pass it on):' },
  userCreated: { zh: '已创建用户“{name}”。', en: 'User “{name}” created.' },
  userSaved: { zh: '已保存用户“{name}”。', en: 'User “{name}” saved.' },
  userExists: { zh: '用户名“{name}”已被使用。', en: 'The name “{name}” is taken.' },
  badUserName: { zh: '用户名应为 1–64 个字符，不含空格。', en: 'A user name is 1–64 characters without spaces.' },
  managerNeedsFacility: { zh: '机构负责人至少要绑定一个机构编号。', en: 'A facility manager needs at least one facility id.' },
  cannotChangeSelf: { zh: '不能停用自己或更改自己的角色。', en: 'You cannot disable yourself or change your own role.' },
  actions: { zh: '操作', en: 'Actions' },
  tokensTitle: { zh: 'API 令牌', en: 'API tokens' },
  tokensIntro: { zh: '令牌由命令行 token create 创建，到期自动失效；用户的密码或角色变更时，其全部令牌随即作废。', en: 'Tokens are made with the command `token create` and stop working when they expire; changing a user’s password or role revokes all their tokens.' },
  noTokens: { zh: '没有有效的令牌。', en: 'No tokens.' },
  tokenId: { zh: '编号', en: 'Id' },
  tokenExpires: { zh: '到期时间', en: 'Expires' },
  tokenExpired: { zh: '已过期', en: 'expired' },
  revoke: { zh: '作废', en: 'Revoke' },
  tokenRevoked: { zh: '已作废令牌 {id}（用户“{name}”）。', en: 'Token {id} of “{name}” revoked.' },
  userCreatedAt: { zh: '创建时间', en: 'Created' },

  // Errors
  notFound: { zh: '页面不存在，或您无权查看。', en: 'This page does not exist, or you may not see it.' },
  forbidden: { zh: '您的账号无权进行此操作。', en: 'Your account may not do this.' },
  unauthorized: { zh: '请先登录。', en: 'Please log in first.' },
  csrf: { zh: '表单已过期，请返回重新提交。', en: 'The form has expired; go back, reload and submit again.' },
  badRequest: { zh: '请求有误。', en: 'Bad request.' },
  badField: { zh: '请求有误：{detail}', en: 'Bad request: {detail}' },
  tooLarge: { zh: '文件超过大小上限 {size}。', en: 'The file exceeds the size limit of {size}.' },
  storeUnavailable: {
    zh: '数据库暂时无法写入（磁盘已满或为只读），本次上传未保存任何内容，已保存的审核不受影响。请联系管理员后重试。',
    en: 'The database cannot be written just now (disk full or read-only): nothing from this upload was stored, and earlier audits are untouched. Ask the administrator, then try again.',
  },
  storeUnwritable: {
    zh: '数据库暂时无法写入（{reason}），本次操作未完成，已保存的审核不受影响。请联系管理员后重试。',
    en: 'The database cannot be written just now ({reasonEn}): this was not done, and earlier audits are untouched. Ask the administrator, then try again.',
  },
  pdfTooLarge: {
    zh: '这份 PDF 报告超出了服务器生成报告的时间或内存上限，未能生成。请下载单个机构的报告，或请管理员用命令行 eldercare-audit report 生成。',
    en: "This PDF report would take more time or memory than the server allows for one report, so it was not made. Download one facility's report instead, or ask the administrator to make it with the command line (eldercare-audit report).",
  },
  serverError: { zh: '服务器出错了，已记录（编号 {id}）。请稍后重试。', en: 'Something went wrong on our side; it has been logged (reference {id}). Try again later.' },
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  backHome: { zh: '返回首页', en: 'Back to the home page' },

  // Several files in one upload (issue 19)
  fileTooLarge: { zh: '文件“{file}”超过单个文件的大小上限 {size}，未保存任何内容。', en: 'The file "{file}" exceeds the size limit of {sizeEn} per file; nothing was stored.' },
  tooManyFiles: {
    zh: '一次最多上传 {max} 个文件，“{file}”是第 {n} 个；未保存任何内容。请合并部分文件后重新上传。',
    en: 'At most {max} files can be sent at once, and "{file}" is file {n}; nothing was stored. Merge some of the files and send them again.',
  },
  uploadTooLarge: {
    zh: '一次上传的全部文件合计不得超过 {size}，到“{file}”时已超出；未保存任何内容。',
    en: 'All files of one upload may hold at most {sizeEn} together, and with "{file}" they exceed it; nothing was stored.',
  },
  sameFileName: {
    zh: '有两个文件都叫“{file}”，错误将无法指明所在文件；请改名后重新上传。',
    en: 'Two files are named "{file}", so an error could not say which one it is in; rename one and send them again.',
  },
  originalFiles: { zh: '原始文件', en: 'Original files' },
  originalFilesIntro: { zh: '本次审核读取的 {n} 个文件，按读取顺序，逐字节保存：', en: 'The {n} files this audit read, in the order read, each kept byte for byte:' },
  fileSize: { zh: '大小', en: 'Size' },
  mediaType: { zh: '类型', en: 'Type' },
  filesChosen: { zh: '已选择 {n} 个文件', en: '{n} files chosen' },
} satisfies Record<string, Bilingual>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const STATUS_LABELS: Record<Status, Bilingual> = {
  fail: { zh: '不合格', en: 'Fail' },
  warn: { zh: '预警', en: 'Warning' },
  insufficient_data: { zh: '数据不足', en: 'Insufficient data' },
  pass: { zh: '合格', en: 'Pass' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
};

export const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: { zh: '管理员', en: 'Administrator' },
  inspector: { zh: '检查员', en: 'Inspector' },
  facility_manager: { zh: '机构负责人', en: 'Facility manager' },
  reviewer: { zh: '审阅人', en: 'Reviewer' },
};

export function translator(lang: Lang): Translate {
  return (key, vars = {}) =>
    MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export const LANG_COOKIE = 'eca_lang';

function asLang(value: unknown): Lang | undefined {
  return value === 'zh' || value === 'en' ? value : undefined;
}

/** Picks the page language; `?lang=` also sets the cookie for the pages that follow. */
export function languageMiddleware(secureCookies: boolean): RequestHandler {
  return (req: Request, res, next) => {
    const asked = asLang(req.query['lang']);
    if (asked) writeCookie(res, LANG_COOKIE, asked, { secure: secureCookies, maxAgeMs: 365 * 24 * 60 * 60 * 1000 });
    const lang = asked ?? asLang(readCookie(req, LANG_COOKIE)) ?? 'zh';
    res.locals.lang = lang;
    res.locals.t = translator(lang);
    next();
  };
}
