// The app in real headless Chromium: an inspector logs in, uploads a sample, sees the failures
// and downloads a PDF that parses; a broken workbook shows its errors with cells; a facility
// manager sees only their facility. Every page is photographed in both languages.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { readPdf } from './support/pdf.js';
import { launchChromium, logIn, openSession, screenshot } from './support/web-browser.js';
import { addUser, startTestServer, type TestServer } from './support/web.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';

let server: TestServer;
let browser: Browser;
let brokenPath = '';

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'admin', 'admin');
  await addUser(server.users, 'inspector', 'inspector');
  await addUser(server.users, 'manager', 'facility_manager', ['tongxiang:TX-002']);
  brokenPath = join(server.dir, 'broken.xlsx');
  await writeFile(brokenPath, await buildWorkbook([{ name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老院子', '公办', -3]] }]));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const session = (options: { javaScriptEnabled?: boolean } = {}) => openSession(browser, options);

async function upload(page: Page, file: string): Promise<void> {
  await page.goto(`${server.url}/upload`);
  await page.setInputFiles('input[type=file]', file);
  await page.click('button[data-submit]');
}

describe('an inspector', () => {
  it('logs in, uploads a sample, sees the failures and downloads a PDF that parses', async () => {
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'inspector');
      await expect.poll(() => page.textContent('h1')).toContain('inspector');
      await upload(page, projectPath('samples', 'tongxiang.xlsx'));
      await page.waitForURL(/\/audits\/\d{8}-\d{6}-[0-9a-f]{8}$/);
      expect(await page.textContent('.count-fail .count-number')).toBe('11');
      // The status filter applies on change (filters.js) and through the query string.
      await Promise.all([page.waitForURL(/status=fail/), page.selectOption('select[name=status]', 'fail')]);
      expect(await page.locator('table.findings tbody tr').count()).toBe(11);
      expect(await page.locator('table.findings').textContent()).toContain('缺 1 人');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/report.pdf"]')]);
      const pdf = await readPdf(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));
      expect(pdf.length).toBeGreaterThan(0);
      expect(pdf.map((p) => p.text).join('')).toContain('梧桐街道颐养院');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sees a broken workbook’s errors with their cells, and that nothing was stored', async () => {
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'inspector');
      const before = (await server.store.listAudits()).length;
      await upload(page, brokenPath);
      await page.waitForSelector('[data-nothing-stored]');
      expect(await page.textContent('[data-nothing-stored]')).toContain('未保存任何内容');
      expect(await page.locator('table.errors').textContent()).toContain('机构!F2');
      expect((await server.store.listAudits()).length).toBe(before);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('can do all of it without JavaScript', async () => {
    const { context, page } = await session({ javaScriptEnabled: false });
    try {
      await logIn(page, server.url, 'inspector');
      await upload(page, projectPath('samples', 'anji.xlsx'));
      await page.waitForURL(/\/audits\/\d{8}-/);
      expect(await page.textContent('.count-fail .count-number')).toBe('8');
      await upload(page, brokenPath);
      await page.waitForSelector('table.errors');
    } finally {
      await context.close();
    }
  });
});

describe('a facility manager', () => {
  it('sees only their facility, and a 404 for any other', async () => {
    const { context, page, problems } = await session();
    try {
      await logIn(page, server.url, 'manager');
      await Promise.all([page.waitForURL(/\/facilities\/tongxiang\/TX-002$/), page.click('a[href="/facilities/tongxiang/TX-002"]')]);
      expect(await page.textContent('h1')).toContain('梧桐街道颐养院');
      const subjects = await page.locator('table.findings td.subject .mono').allTextContents();
      expect(new Set(subjects)).toEqual(new Set(['TX-002']));
      const other = await page.goto(`${server.url}/facilities/tongxiang/TX-003`);
      expect(other?.status()).toBe(404);
      expect(await page.textContent('main')).toContain('页面不存在');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('every page, in both languages', () => {
  it('renders without console errors or CSP violations, and is photographed', async () => {
    const { context, page, problems } = await session();
    try {
      const audits = await server.store.listAudits();
      const tongxiang = audits.find((a) => a.fileName === 'tongxiang.xlsx')!.auditId;
      for (const lang of ['zh', 'en'] as const) {
        await page.goto(`${server.url}/login?lang=${lang}`);
        await screenshot(page, `login-${lang}`);
        await logIn(page, server.url, 'admin');
        const pages: [string, string][] = [
          ['home', '/'],
          ['upload', '/upload'],
          ['audits', '/audits'],
          ['audit', `/audits/${tongxiang}`],
          ['audit-filtered', `/audits/${tongxiang}?status=fail&facility=TX-002`],
          ['facility', '/facilities/tongxiang/TX-002'],
          ['rulebooks', '/rulebooks'],
          ['users', '/users'],
          ['not-found', '/audits/no-such-audit'],
        ];
        for (const [name, path] of pages) {
          await page.goto(`${server.url}${path}`);
          await screenshot(page, `${name}-${lang}`);
        }
        await upload(page, brokenPath);
        await page.waitForSelector('table.errors');
        await screenshot(page, `rejected-${lang}`);
        await page.goto(`${server.url}/`);
        await Promise.all([page.waitForURL(/\/login$/), page.click('button.button-link')]);
      }
      const manager = await session();
      await manager.page.goto(`${server.url}/login?lang=zh`);
      await logIn(manager.page, server.url, 'manager');
      await screenshot(manager.page, 'home-manager-zh');
      await manager.context.close();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000); // every page in both languages, photographed: slow on a loaded 2-core machine
});
