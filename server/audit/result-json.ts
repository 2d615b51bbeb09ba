// A result as `JSON.stringify(result, null, 2)` writes it, byte for byte, but made in pieces of a
// few hundred findings: a county's audit is 24 MB of JSON (18,000 findings), and holding it as
// one string beside the findings it is made from was most of the check's peak memory.
import type { AuditResult } from './result.js';

const MARK = '\u0000findings\u0000';
/** The findings array as JSON.stringify writes it at this depth: `[\n    ` … `\n  ]`. */
const ITEM_INDENT = '\n    ';
const FINDINGS_PER_PIECE = 500;

/** The pieces of the result's JSON text (with its final line break), in order. */
export function* resultJsonPieces(result: AuditResult): Generator<string, void, undefined> {
  if (result.findings.length === 0) {
    yield `${JSON.stringify(result, null, 2)}\n`;
    return;
  }
  // The rest of the result with one marker finding, split where the findings go.
  const frame = JSON.stringify({ ...result, findings: [MARK] }, null, 2);
  const marker = JSON.stringify(MARK);
  const at = frame.indexOf(marker);
  yield frame.slice(0, at);
  for (let start = 0; start < result.findings.length; start += FINDINGS_PER_PIECE) {
    const items = result.findings.slice(start, start + FINDINGS_PER_PIECE).map((finding) => JSON.stringify(finding, null, 2).replaceAll('\n', ITEM_INDENT));
    yield `${start === 0 ? '' : `,${ITEM_INDENT}`}${items.join(`,${ITEM_INDENT}`)}`;
  }
  yield `${frame.slice(at + marker.length)}\n`;
}
