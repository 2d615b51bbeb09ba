// The comparison pages in real headless Chromium: a reviewer picks two facilities side by side
// and toggles "only differences", opens the diff of two audits, and downloads the Excel export,
// which opens; all of it also without JavaScript. Every comparison page is photographed in both
// languages, without console errors or CSP violations, and the matrix once more with a waived cell.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffAudits } from '../server/compare/diff.js';
import { sideBySide } from '../server/compare/side-by-side.js';
import { addWaiver } from '../server/rectify/service.js';
import { rectificationStoreFor } from '../server/store/rectification.js';
import { launchChromium, logIn, openSession, screenshot } from './support/web-browser.js';
import { addUser, loggedIn, sample, startTestServer, type TestServer } from './support/web.js';

let server: TestServer;
let browser: Browser;
const audits = { early: '', late: '', mix: '' };

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'inspector', 'inspector');
  await addUser(server.users, 'reviewer', 'reviewer');
  const uploader = await loggedIn(server.url, 'inspector');
  const upload = async (name: string, fields: Record<string, string> = {}) =>
    (await uploader.postWorkbook('/audits', await sample(name), name, fields)).location!.split('/').pop()!;
  audits.early = await upload('tongxiang.xlsx', { asOf: '2024-06-30' });
  audits.late = await upload('tongxiang.xlsx');
  audits.mix = await upload('county-mix.xlsx');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const session = (options: { javaScriptEnabled?: boolean } = {}) => openSession(browser, options);

async function result(auditId: string) {
  return (await server.store.getAudit(auditId))!.result;
}

async function sideBySideFlow(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/\/compare$/), page.click('nav.mainnav a[href="/compare"]')]);
  await page.selectOption('select[name=audit]', audits.late);
  await Promise.all([page.waitForURL(/audit=/), page.click('form.compare-form button:not(.primary)')]);
  await page.check(`input[name=facility][value="${audits.late}:TX-001"]`);
  await page.check(`input[name=facility][value="${audits.late}:TX-002"]`);
  await Promise.all([page.waitForURL(/facility=/), page.click('form.compare-form button.primary')]);
  const full = sideBySide([
    { auditId: audits.late, result: await result(audits.late), facilityId: 'TX-001' },
    { auditId: audits.late, result: await result(audits.late), facilityId: 'TX-002' },
  ]);
  expect(await page.locator('table.side-by-side tbody tr').count()).toBe(full.rows.length);
  expect(await page.locator('table.side-by-side tbody tr.row-same').count()).toBeGreaterThan(0);
  const social = page.locator('table.side-by-side tr[data-rule="staffing.social-worker-per-beds"]');
  expect(await social.locator('td').nth(1).textContent()).toMatch(/不合格\s*2 人 \/ 3 人\s*缺 1 人/);
  await page.check('input[name=different]');
  await Promise.all([page.waitForURL(/different=1/), page.click('form.compare-form button.primary')]);
  const differing = full.rows.filter((row) => !row.same).length;
  expect(await page.locator('table.side-by-side tbody tr').count()).toBe(differing);
  expect(await page.locator('table.side-by-side tbody tr.row-same').count()).toBe(0);
  await page.uncheck('input[name=different]');
  await Promise.all([page.waitForURL((url) => !url.search.includes('different')), page.click('form.compare-form button.primary')]);
  expect(await page.locator('table.side-by-side tbody tr').count()).toBe(full.rows.length);
}

describe('a reviewer', () => {
  it('puts two facilities side by side and toggles "only differences"', async () => {
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'reviewer');
      await sideBySideFlow(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the diff of two audits from the audit page', async () => {
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'reviewer');
      await page.goto(`${server.url}/audits/${audits.late}`);
      await Promise.all([page.waitForURL(/\/diff\?b=/), page.click('nav.compare-links a[href^="/diff"]')]);
      await page.selectOption('select[name=a]', audits.early);
      await Promise.all([page.waitForURL(/a=.*b=/), page.click('form.filters button.primary')]);
      const core = diffAudits(await result(audits.early), await result(audits.late));
      expect(await page.textContent('[data-section-count="newFailures"]')).toBe(String(core.newFailures.length));
      expect(await page.textContent('[data-section-count="stillFailing"]')).toBe(String(core.stillFailing.length));
      expect(await page.locator('table[data-section="newFailures"] tbody tr').count()).toBe(core.newFailures.length);
      expect(await page.locator('table[data-section="stillFailing"]').textContent()).toContain('梧桐街道颐养院');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('downloads the side by side as Excel, and the workbook opens with the findings’ figures', async () => {
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'reviewer');
      await page.goto(`${server.url}/compare?audit=${audits.late}&facility=TX-001&facility=TX-002`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-export="xlsx"]')]);
      expect(download.suggestedFilename()).toBe('compare-TX-001-TX-002.xlsx');
      const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const values = sheet.getSheetValues().slice(2) as string[][];
      const social = values.find((row) => String(row[1]).startsWith('养老机构按床位配备社会工作者'))!;
      expect(social.slice(2, 4)).toEqual(['合格 · 5 人 / 5 人', '不合格 · 2 人 / 3 人 · 缺 1 人']);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('can do side by side without JavaScript', async () => {
    const { context, page } = await session({ javaScriptEnabled: false });
    try {
      await logIn(page, server.url, 'reviewer');
      await sideBySideFlow(page);
    } finally {
      await context.close();
    }
  });
});

describe('every comparison page, in both languages', () => {
  it('renders without console errors or CSP violations, and is photographed', async () => {
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'reviewer');
      const pages: [string, string][] = [
        ['compare', `/compare?audit=${audits.late}&facility=TX-001&facility=TX-002&facility=${audits.mix}:MX-AJ-1`],
        ['compare-different', `/compare?audit=${audits.late}&facility=TX-001&facility=TX-002&different=1`],
        ['compare-form', `/compare?audit=${audits.late}`],
        ['diff', `/diff?a=${audits.early}&b=${audits.late}`],
        ['matrix', `/audits/${audits.late}/matrix`],
        ['matrix-filtered', `/audits/${audits.mix}/matrix?sort=shortfall&type=institution`],
        ['across', `/audits/${audits.late}/across?rulebook=jiaxiang&facility=TX-002`],
        ['facility-trends', '/facilities/tongxiang/TX-002'],
      ];
      for (const lang of ['zh', 'en'] as const) {
        for (const [name, path] of pages) {
          const reply = await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
          expect(reply?.status(), name).toBe(200);
          await screenshot(page, `${name}-${lang}`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000); // every comparison page in both languages, photographed: slow on a loaded 2-core machine
});

describe('the matrix with a waived cell', () => {
  it('shows the waiver beside the unchanged status, counts it apart and keeps the star claim flagged, in both languages, photographed', async () => {
    // TX-002's only star shortfall (no rehabilitation nurse), waived by the bureau; its
    // social-worker failure is not.
    const waiver = await addWaiver(rectificationStoreFor(server.store), {
      rule: 'staffing.rehab-nurse-by-star',
      subject: { kind: 'facility', id: 'TX-002', jurisdiction: 'tongxiang' },
      reason: '康复护士招聘中，县局同意暂缓',
      until: '2099-06-30',
      approvedBy: 'inspector',
    });
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'reviewer');
      for (const lang of ['zh', 'en'] as const) {
        const reply = await page.goto(`${server.url}/audits/${audits.late}/matrix?lang=${lang}`);
        expect(reply?.status()).toBe(200);
        const row = page.locator('table.heatmap tr[data-facility="TX-002"]');
        const cell = row.locator(`td[data-waiver="${waiver.id}"]`);
        expect(await cell.getAttribute('class')).toBe('heat heat-fail');
        expect(await cell.getAttribute('data-waiver-state')).toBe('valid');
        expect(await cell.getAttribute('title')).toContain(lang === 'zh' ? `已豁免（${waiver.id}，有效至 2099-06-30` : `Waived (${waiver.id}, valid until 2099-06-30`);
        expect(await row.locator('td[data-failures]').textContent()).toBe(lang === 'zh' ? '2（其中豁免 1）' : '2 (1 waived)');
        const claims = await page.locator('table.status-table').first().textContent();
        expect(claims).toContain(lang === 'zh' ? '声明 4 星，未达 4 星要求' : 'claims 4 stars, fails what 4 stars require');
        expect(claims).toContain(lang === 'zh' ? `缺项均已豁免，仍按未达要求列出：${waiver.id} 豁免至 2099-06-30` : `every shortfall is waived; still listed as failing: ${waiver.id} waived until 2099-06-30`);
        await screenshot(page, `matrix-waived-${lang}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000); // every comparison page in both languages, photographed: slow on a loaded 2-core machine
});
