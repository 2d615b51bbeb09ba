// Rectification in real headless Chromium: an inspector issues a notice from the audit page
// (picking the subject, seeing its items, setting a deadline) and records a waiver; the facility
// manager answers the notice with a photograph; each new page is photographed in both languages.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { todayInChina } from '../server/audit/today.js';
import { addDays } from '../server/rectify/dates.js';
import { PNG } from './support/rectification-contract.js';
import { launchChromium, logIn, openSession, screenshot } from './support/web-browser.js';
import { addUser, startTestServer, type TestServer } from './support/web.js';

let server: TestServer;
let browser: Browser;
let photo = '';
let noticeUrl = '';
// The notice is issued today (the form's default); its first item is given a later deadline.
const today = todayInChina();
const deadline = addDays(today, 45);

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'inspector', 'inspector');
  await addUser(server.users, 'manager', 'facility_manager', ['tongxiang:TX-002']);
  photo = join(server.dir, '社工合同.png');
  await writeFile(photo, PNG);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The page as it is, then in English, both photographed. */
async function photograph(page: Page, name: string): Promise<void> {
  const url = new URL(page.url());
  url.searchParams.set('lang', 'zh');
  await page.goto(url.toString());
  await screenshot(page, `${name}-zh`);
  url.searchParams.set('lang', 'en');
  await page.goto(url.toString());
  await screenshot(page, `${name}-en`);
  url.searchParams.set('lang', 'zh');
  await page.goto(url.toString());
}

describe('rectification in the browser', () => {
  it('an inspector issues a notice from the audit page, with a deadline set per item', async () => {
    const { context, page, problems } = await openSession(browser);
    try {
      await logIn(page, server.url, 'inspector');
      await page.goto(`${server.url}/upload`);
      await page.setInputFiles('input[type=file]', projectPath('samples', 'tongxiang.xlsx'));
      await page.click('button[data-submit]');
      await page.waitForURL(/\/audits\/\d{8}-\d{6}-[0-9a-f]{8}$/);
      await Promise.all([page.waitForURL(/\/notices\/new/), page.click('a[href$="/notices/new"]')]);
      await page.selectOption('select[name=subject]', 'facility:tongxiang:TX-002');
      await Promise.all([page.waitForURL(/subject=facility/), page.click('form.filters button[type=submit]')]);
      expect(await page.locator('table.findings tbody tr').count()).toBe(2);
      await photograph(page, 'rectify-issue');
      await page.fill('input[name="deadline.staffing.social-worker-per-beds"]', deadline);
      await Promise.all([page.waitForURL(/\/notices\/N-[0-9a-f]{16}$/), page.click('form[action="/notices"] button[type=submit]')]);
      noticeUrl = page.url();
      expect(await page.textContent('h1')).toContain(`桐乡民整〔${today.slice(0, 4)}〕1号`);
      expect(await page.locator('table.notice-items tbody tr').first().textContent()).toContain(deadline);

      // A waiver for another home's failure, from the waivers page.
      await page.goto(`${server.url}/waivers`);
      await page.fill('input[name=rule]', 'staffing.rehab-nurse-by-star');
      await page.fill('input[name=subject]', 'TX-003');
      await page.fill('input[name=jurisdiction]', 'tongxiang');
      await page.fill('input[name=reason]', '康复护士招聘中，县局同意暂缓');
      await page.fill('input[name=until]', '2099-06-30');
      await Promise.all([page.waitForURL(/\/waivers$/), page.click('form[action="/waivers"] button[type=submit]')]);
      expect(await page.locator('table.waivers tbody tr').count()).toBe(1);
      await photograph(page, 'rectify-waivers');
      await page.goto(`${server.url}/notices`);
      expect(await page.locator('table.notices tbody tr').count()).toBe(1);
      await photograph(page, 'rectify-tracking');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('the facility manager answers the notice with a photograph, and the inspector sees it', async () => {
    const { context, page, problems } = await openSession(browser);
    try {
      await logIn(page, server.url, 'manager');
      await page.goto(`${server.url}/notices`);
      await Promise.all([page.waitForURL(/\/notices\/N-/), page.click('table.notices a')]);
      expect(page.url()).toBe(noticeUrl);
      await page.uncheck('input[name=item][value="2"]');
      await page.fill('textarea[name=text]', '已新聘社工一名，劳动合同见附件');
      await page.setInputFiles('input[name=evidence]', photo);
      await Promise.all([page.waitForURL(noticeUrl), page.click('#respond button[type=submit]')]);
      const first = page.locator('table.notice-items tbody tr').first();
      expect(await first.textContent()).toContain('已答复');
      expect(await first.textContent()).toContain('社工合同.png');
      const [download] = await Promise.all([page.waitForEvent('download'), first.locator('a[href*="/evidence/"]').click()]);
      const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
      expect(bytes.equals(PNG)).toBe(true);
      await photograph(page, 'rectify-notice-manager');
      await page.goto(`${server.url}/facilities/tongxiang/TX-002`);
      expect(await page.textContent('#open-items')).toContain(`桐乡民整〔${today.slice(0, 4)}〕1号`);
      await photograph(page, 'rectify-facility');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
    const inspector = await openSession(browser);
    try {
      await logIn(inspector.page, server.url, 'inspector');
      await inspector.page.goto(noticeUrl);
      expect(await inspector.page.locator('table.history').textContent()).toContain('manager');
      await photograph(inspector.page, 'rectify-notice-inspector');
      expect(inspector.problems).toEqual([]);
    } finally {
      await inspector.context.close();
    }
  }, 180_000);
});
