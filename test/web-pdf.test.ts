// Issue 16: PDFs are drawn off the request thread, under a time and a memory limit, so that no
// document can stall or kill the server. The audits here were stored before names were bounded:
// a name of 32,767 letters without a space, as an older version took in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, countyFacts } from './support/store-audits.js';
import { readPdf } from './support/pdf.js';
import { addUser, issueToken, startTestServer, type TestServer } from './support/web.js';
import type { PdfLimits } from '../server/web/pdf-renderer.js';

const LONG = 'W'.repeat(32_767);

/** A stored audit of `n` facilities, the first `long` of them named with 32,767 letters. */
function longNamedAudit(n: number, long: number) {
  const facts = countyFacts(n);
  for (const facility of facts.facilities.slice(0, long)) facility.name = LONG;
  return auditOf(facts, Buffer.from(`stored before names were bounded: ${n} ${long}`));
}

async function serverWith(limits?: Partial<PdfLimits>): Promise<{ server: TestServer; token: string; get: (path: string) => Promise<Response> }> {
  const server = await startTestServer(limits ? { pdfLimits: { timeoutMs: 120_000, maxHeapMb: 1024, workers: 1, ...limits } } : {});
  const token = await issueToken(server.users, await addUser(server.users, 'inspector', 'inspector'));
  return { server, token, get: (path) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } }) };
}

describe('PDFs off the request thread', () => {
  let web: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    web = await serverWith();
  });
  afterAll(() => web.server.close());

  it('keeps /healthz answering while a long-named facility’s PDF is drawn, and draws every letter', async () => {
    const auditId = await web.server.store.saveAudit(longNamedAudit(20, 1));
    let drawn = false;
    const started = performance.now();
    const pdf = web.get(`/api/audits/${auditId}/report.pdf?facility=F0`).then(async (reply) => {
      const bytes = new Uint8Array(await reply.arrayBuffer());
      drawn = true;
      return { status: reply.status, bytes, ms: performance.now() - started };
    });
    const waits: number[] = [];
    while (!drawn) {
      const asked = performance.now();
      expect((await fetch(`${web.server.url}/healthz`)).status).toBe(200);
      waits.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const answer = await pdf;
    expect(answer.status).toBe(200);
    // Drawn on the request thread, one /healthz waited for the whole PDF (issue 16: 16 s).
    expect(waits.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...waits), `longest /healthz wait of ${waits.length}, the PDF took ${Math.round(answer.ms)} ms`).toBeLessThan(answer.ms / 4);
    const text = (await readPdf(answer.bytes)).map((page) => page.text).join('');
    expect(text.split('W').length - 1).toBeGreaterThanOrEqual(3 * LONG.length);
    expect(web.server.errors).toEqual([]);
  }, 180_000);

  it('gives the same bytes as the command line for the same stored audit (the worker draws what the CLI draws)', async () => {
    const { writeReport } = await import('../server/report/render.js');
    const { PassThrough } = await import('node:stream');
    const auditId = await web.server.store.saveAudit(longNamedAudit(3, 0));
    const stored = (await web.server.store.getAudit(auditId))!;
    for (const facility of [undefined, 'F1']) {
      const reply = await web.get(`/api/audits/${auditId}/report.pdf${facility ? `?facility=${facility}` : ''}`);
      expect(reply.status).toBe(200);
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      await writeReport(stored.result, { auditId, generatedAt: stored.createdAt, lang: 'zh', ...(facility ? { facility } : {}) }, out);
      expect(Buffer.from(await reply.arrayBuffer()).equals(Buffer.concat(chunks)), facility ?? 'audit').toBe(true);
    }
    expect((await web.get(`/api/audits/${auditId}/report.pdf?facility=NO-SUCH`)).status).toBe(404);
  }, 120_000);
});

describe('PDF limits', () => {
  for (const [limit, limits] of [
    ['time', { timeoutMs: 500 }],
    ['memory', { maxHeapMb: 8 }],
  ] as const) {
    it(`ends a PDF past the ${limit} limit as a 503 with a sentence, and goes on serving`, async () => {
      const web = await serverWith(limits);
      try {
        const auditId = await web.server.store.saveAudit(longNamedAudit(40, 5));
        const reply = await web.get(`/api/audits/${auditId}/report.pdf`);
        expect(reply.status).toBe(503);
        const body = (await reply.json()) as { error: string; message: { zh: string; en: string } };
        expect(body.error).toBe('pdfTooLarge');
        expect(body.message.zh).toContain('超出了服务器生成报告的时间或内存上限');
        expect(body.message.en).toContain('more time or memory than the server allows');
        expect((await fetch(`${web.server.url}/healthz`)).status).toBe(200);
        expect((await web.get(`/api/audits/${auditId}`)).status).toBe(200);
        expect(web.server.errors).toEqual([]);
      } finally {
        await web.server.close();
      }
    }, 120_000);
  }
});
