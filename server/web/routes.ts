// The route table: every URL of the app, who may call it and what it answers. Pages use the
// session cookie (and CSRF tokens on every POST); /api uses Bearer tokens. The tests walk this
// table with every role. Each /api route is described for the OpenAPI document in
// openapi/operations.ts, by its `METHOD path`.
import type { Handler } from './handler.js';
import type { Permission } from './permissions.js';
import { showAcross, showCompare, showDiff, showMatrix } from './handlers/compare.js';
import { apiAcross, apiCompare, apiDiff, apiMatrix } from './handlers/compare-api.js';
import { apiFacilityAudits, apiGetAudit, apiListAudits, apiUpload } from './handlers/api.js';
import { listAudits, showAudit } from './handlers/audits.js';
import { apiOriginals, auditPdf, blankTemplate, facilityPdf, original, originalFile, resultJson } from './handlers/downloads.js';
import { showFacility } from './handlers/facility.js';
import { health } from './handlers/health.js';
import { apiDescription } from './handlers/openapi.js';
import { home } from './handlers/home.js';
import { showRulebooks } from './handlers/rulebooks.js';
import { login, logout, showLogin } from './handlers/session.js';
import { postSample, postUpload, showUpload } from './handlers/upload.js';
import { createUser, listUsers, resetPassword, revokeToken, updateUser } from './handlers/users.js';
import { evidenceFile, listNotices, listWaivers, newNotice, noticePdf, postItemAction, postNotice, postResponse, showNotice } from './handlers/notices.js';
import { postRevokeWaiver, postWaiver } from './handlers/waivers.js';

export interface Route {
  method: 'get' | 'post';
  path: string;
  /** 'anyone', or the permission a user needs (permissions.ts). */
  access: 'anyone' | Permission;
  kind: 'page' | 'api';
  /**
   * How the body is read: an urlencoded form, a multipart upload of workbook files, a JSON object,
   * or a notice's response (multipart: text, items, evidence files, an optional workbook).
   */
  body?: 'form' | 'multipart' | 'json' | 'response';
  handler: Handler;
  summary: string;
}

const page = (method: Route['method'], path: string, access: Route['access'], handler: Handler, summary: string, body?: Route['body']): Route => ({
  method,
  path,
  access,
  kind: 'page',
  handler,
  summary,
  ...(body ? { body } : method === 'post' ? { body: 'form' as const } : {}),
});

const api = (method: Route['method'], path: string, access: Route['access'], handler: Handler, summary: string, body?: Route['body']): Route => ({
  method,
  path,
  access,
  kind: 'api',
  handler,
  summary,
  ...(body ? { body } : {}),
});

export const ROUTES: readonly Route[] = [
  page('get', '/healthz', 'anyone', health, 'health check for a proxy: 200 with engine and schema version, 503 without a database'),
  page('get', '/login', 'anyone', showLogin, 'log-in form'),
  page('post', '/login', 'anyone', login, 'log in (rate-limited); starts a new session'),
  page('post', '/logout', 'signedIn', logout, 'log out'),
  page('get', '/', 'signedIn', home, 'first page: what to do next, samples, recent audits'),
  page('get', '/upload', 'upload', showUpload, 'upload form'),
  page('post', '/audits', 'upload', postUpload, 'check an uploaded workbook; 303 to the audit, or 422 with its errors', 'multipart'),
  page('post', '/samples/:name', 'upload', postSample, 'check a sample workbook with one click'),
  page('get', '/audits', 'readAudits', listAudits, 'audit list with search and paging (HTML or JSON)'),
  page('get', '/audits/:id', 'readAudits', showAudit, 'audit page with filterable findings (HTML or JSON)'),
  page('get', '/audits/:id/report.pdf', 'readAudits', auditPdf, 'PDF report of the audit, or ?facility=ID of one facility'),
  page('get', '/audits/:id/result.json', 'readAudits', resultJson, 'the audit as a JSON download'),
  page('get', '/audits/:id/original', 'originals', original, 'the uploaded workbook (the first of several files), byte for byte'),
  page('get', '/audits/:id/originals/:n', 'originals', originalFile, 'file n (from 1, in the order read) of an audit of several files, byte for byte'),
  page('get', '/audits/:id/matrix', 'compare', showMatrix, 'facilities × rules heat map, ranking and star claims, filterable and sortable (HTML, JSON, ?format=xlsx|pdf)'),
  page('get', '/audits/:id/across', 'compare', showAcross, "the audit's stored facts under another rulebook (?rulebook=ID), side by side (HTML, JSON, ?format=xlsx|pdf)"),
  page('get', '/compare', 'compare', showCompare, 'two to six facilities side by side (?audit=ID&facility=A&facility=B, AUDIT:ID for other audits; HTML, JSON, ?format=xlsx|pdf)'),
  page('get', '/diff', 'compare', showDiff, 'two audits compared (?a=ID&b=ID[&facility=ID]; HTML, JSON, ?format=xlsx|pdf)'),
  page('get', '/facilities/:jurisdiction/:id', 'readAudits', showFacility, 'facility page: latest findings, history, trend (HTML or JSON)'),
  page('get', '/facilities/:jurisdiction/:id/report.pdf', 'readAudits', facilityPdf, "PDF report of the facility's latest audit"),
  page('get', '/notices', 'readNotices', listNotices, '整改跟踪: notices by jurisdiction and state, overdue first with days overdue (?jurisdiction, state=open|overdue|closed, subject, asOf; HTML or JSON)'),
  page('get', '/audits/:id/notices/new', 'rectify', newNotice, 'issue a notice from an audit: pick the subject (?subject=kind:jurisdiction:id), see its items, set deadlines'),
  page('post', '/notices', 'rectify', postNotice, 'issue a notice (auditId, subject, issuedOn, includeWarn, deadline.RULE); 303 to it'),
  page('get', '/notices/:id', 'readNotices', showNotice, 'a notice: items with deadlines and states, responses, evidence, history (HTML or JSON)'),
  page('get', '/notices/:id/notice.pdf', 'readNotices', noticePdf, 'the 整改通知书 PDF (?lang=en)'),
  page('get', '/notices/:id/review.pdf', 'readNotices', noticePdf, 'the 整改复查意见书 PDF of a closed notice (?lang=en)'),
  page('get', '/notices/:id/evidence/:evidence', 'readNotices', evidenceFile, 'an evidence file, byte for byte'),
  page('post', '/notices/:id/respond', 'respond', postResponse, "a facility manager answers items of their facility's notice: text, evidence files, a corrected workbook", 'response'),
  page('post', '/notices/:id/items/:item/close', 'rectify', postItemAction, 'close an item on an on-site check, with a note'),
  page('post', '/notices/:id/items/:item/reopen', 'rectify', postItemAction, 'reopen a resolved or closed item, with a note'),
  page('post', '/notices/:id/items/:item/deadline', 'rectify', postItemAction, "move an item's deadline"),
  page('get', '/waivers', 'readNotices', listWaivers, 'waivers with their expiry, expired and revoked ones flagged (HTML or JSON)'),
  page('post', '/waivers', 'rectify', postWaiver, 'add a waiver (rule, kind, subject, jurisdiction, reason, until)'),
  page('post', '/waivers/:id/revoke', 'rectify', postRevokeWaiver, 'revoke a waiver'),
  page('get', '/rulebooks', 'signedIn', showRulebooks, 'every rulebook, rule, figure, clause and quote (HTML or JSON)'),
  page('get', '/template.xlsx', 'signedIn', blankTemplate, 'the blank workbook template'),
  page('get', '/users', 'manageUsers', listUsers, 'users (admin)'),
  page('post', '/users', 'manageUsers', createUser, 'create a user; the password is shown once'),
  page('post', '/users/:id', 'manageUsers', updateUser, "change role (revokes the user's API tokens), facilities, disabled"),
  page('post', '/users/:id/password', 'manageUsers', resetPassword, "reset a password (revokes the user's API tokens); the new one is shown once"),
  page('post', '/tokens/:id/revoke', 'manageUsers', revokeToken, 'revoke an API token'),
  api('post', '/api/audits', 'upload', apiUpload, 'check a workbook: 201 stored, 422 rejected, 413 too large', 'multipart'),
  api('get', '/api/audits', 'readAudits', apiListAudits, 'audits, newest first (?q, jurisdiction, facility, page, limit)'),
  api('get', '/api/audits/:id', 'readAudits', apiGetAudit, 'one audit, the CLI JSON plus auditId'),
  api('get', '/api/audits/:id/report.pdf', 'readAudits', auditPdf, 'PDF report (?facility=ID, ?lang=en)'),
  api('get', '/api/audits/:id/original', 'originals', original, 'the uploaded workbook (the first of several files)'),
  api('get', '/api/audits/:id/originals', 'originals', apiOriginals, 'every file the audit read: name, size, sha256, media type'),
  api('get', '/api/audits/:id/originals/:n', 'originals', originalFile, 'file n of the audit, byte for byte'),
  api('get', '/api/compare', 'compare', apiCompare, 'facilities side by side, as `compare --json` (?audit=ID&facility=A&facility=B…)'),
  api('get', '/api/diff', 'compare', apiDiff, 'two audits compared, as `diff --json` (?a=ID&b=ID[&facility=ID])'),
  api('get', '/api/audits/:id/matrix', 'compare', apiMatrix, 'facilities × rules with ranking and star claims, as the matrix page (?jurisdiction, type, ownership, stars, sort)'),
  api('get', '/api/audits/:id/across', 'compare', apiAcross, 'the audit under another rulebook, as `across --json` (?rulebook=ID[&facility=ID])'),
  api('get', '/api/facilities/:jurisdiction/:id/audits', 'readAudits', apiFacilityAudits, "a facility's audits with its counts"),
  api('get', '/api/openapi.json', 'anyone', apiDescription(() => ROUTES), 'this API described in OpenAPI 3.1 (server/web/openapi/; no login: it holds no data)'),
  api('get', '/api/notices', 'readNotices', listNotices, 'notices as they stand on ?asOf (default today), overdue first (?jurisdiction, state, subject); schemas/notice.schema.json each'),
  api('post', '/api/notices', 'rectify', postNotice, 'issue a notice: {auditId, subject: "kind:jurisdiction:id", issuedOn, days | deadline, deadlines: {rule: date}, includeWarn}; 201 with the notice', 'json'),
  api('get', '/api/notices/:id', 'readNotices', showNotice, 'one notice (schemas/notice.schema.json)'),
  api('get', '/api/notices/:id/notice.pdf', 'readNotices', noticePdf, 'the 整改通知书 PDF (?lang=en)'),
  api('get', '/api/notices/:id/review.pdf', 'readNotices', noticePdf, 'the 整改复查意见书 PDF of a closed notice'),
  api('get', '/api/notices/:id/evidence/:evidence', 'readNotices', evidenceFile, 'an evidence file, byte for byte'),
  api('post', '/api/notices/:id/responses', 'respond', postResponse, 'answer items of your facility\'s notice (multipart: item, text, evidence files, workbook); 201 with the notice', 'response'),
  api('post', '/api/notices/:id/items/:item/close', 'rectify', postItemAction, 'close an item on site: {note}', 'json'),
  api('post', '/api/notices/:id/items/:item/reopen', 'rectify', postItemAction, 'reopen an item: {note}', 'json'),
  api('post', '/api/notices/:id/items/:item/deadline', 'rectify', postItemAction, "move an item's deadline: {deadline, note}", 'json'),
  api('get', '/api/waivers', 'readNotices', listWaivers, 'waivers with state valid|expired|revoked on ?asOf'),
  api('post', '/api/waivers', 'rectify', postWaiver, 'add a waiver: {rule, kind, subject, jurisdiction, reason, until}; 201', 'json'),
  api('post', '/api/waivers/:id/revoke', 'rectify', postRevokeWaiver, 'revoke a waiver: {note}', 'json'),
];
