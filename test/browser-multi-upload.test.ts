// Several files from the upload page in real headless Chromium (issue 19): an inspector chooses
// a county's files at once (one workbook per facility and the region CSVs), sees them named,
// gets one audit that lists every original with its download, and a bad cell in one file is
// shown at that file and cell. Each page is photographed in Chinese and English.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitIntoCsv } from './support/convert.js';
import { splitCounty } from './support/county-split.js';
import { launchChromium, logIn, openSession, screenshot } from './support/web-browser.js';
import { addUser, startTestServer, type TestServer } from './support/web.js';

let server: TestServer;
let browser: Browser;
/** The county's files on disk: five facilities' workbooks and the region as CSV. */
let files: string[] = [];
let brokenFiles: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'inspector', 'inspector');
  const split = await splitCounty();
  const write = (name: string, bytes: Buffer | string) => {
    const path = join(server.dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const facilities = split.facilities.slice(0, 5).map(({ id, bytes }) => write(`${id}.xlsx`, bytes));
  const region = (await splitIntoCsv(split.region)).map(({ sheet, text }) => write(`${sheet}.csv`, text));
  files = [...facilities, ...region];
  // The third facility's beds typed as words, in a file of its own name.
  brokenFiles = [...files];
  brokenFiles[2] = write('坏-机构.csv', '机构编号,机构名称,所属地区,机构类型,运营性质,床位总数\nAJ-090,坏数据养老院,安吉县,养老机构,公办,很多张\n');
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function chooseAndSend(page: Page, paths: string[], lang: 'zh' | 'en', shot: string): Promise<void> {
  await page.goto(`${server.url}/upload?lang=${lang}`);
  await page.setInputFiles('input[type=file]', paths);
  await expect.poll(() => page.textContent('[data-file-name]')).toContain(lang === 'zh' ? `已选择 ${paths.length} 个文件` : `${paths.length} files chosen`);
  await screenshot(page, shot);
  await page.click('button[data-submit]');
}

describe('an inspector sends several files from the upload page', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`(${lang}) gets one audit listing every original, and a bad file shown at its file and cell`, async () => {
      const { context, page, problems } = await openSession(browser);
      try {
        await logIn(page, server.url, 'inspector');
        await chooseAndSend(page, files, lang, `multi-upload-chosen-${lang}`);
        await page.waitForURL(/\/audits\/\d{8}-\d{6}-[0-9a-f]{8}$/);
        const rows = page.locator('section.originals tbody tr');
        await expect.poll(() => rows.count()).toBe(files.length);
        expect(await page.locator('section.originals').textContent()).toContain('AJ-001.xlsx');
        expect(await page.locator('section.originals').textContent()).toContain('地区.csv');
        await screenshot(page, `multi-upload-audit-${lang}`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('section.originals a[href$="/originals/2"]')]);
        expect(download.suggestedFilename()).toBe(files[1]!.split('/').at(-1));

        await chooseAndSend(page, brokenFiles, lang, `multi-upload-broken-chosen-${lang}`);
        await expect.poll(() => page.textContent('body'), { timeout: 90_000 }).toContain('坏-机构.csv › 坏-机构!F2');
        await screenshot(page, `multi-upload-rejected-${lang}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }
});
