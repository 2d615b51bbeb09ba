// A result as `JSON.stringify(result, null, 2)` writes it, byte for byte, but made in pieces of a
// few hundred findings: a county's audit is 24 MB of JSON (18,000 findings), and holding it as
// one string beside the findings it is made from was most of the check's peak memory.
import type { Finding } from '../../checks/finding.js';
import type { AuditResult } from './result.js';

const MARK = '\u0000findings\u0000';
const FINDINGS_PER_PIECE = 500;

// A piece's findings are written by one native JSON.stringify of `{ findings: [...] }`, whose
// items sit at the same depth, so the same indent, as in the result; only the wrapper is cut
// off. One call per piece instead of one per finding, each re-indented, cost a county's check
// 0.5 s of its 0.6 s of JSON.
const WRAPPED = JSON.stringify({ findings: [0] }, null, 2);
const HEAD = WRAPPED.indexOf('0');
const TAIL = WRAPPED.length - HEAD - 1;
/** What separates two findings at this depth: `,\n    `. */
const BETWEEN = `,${WRAPPED.slice(WRAPPED.lastIndexOf('\n', HEAD), HEAD)}`;

function findingsText(findings: readonly Finding[]): string {
  const wrapped = JSON.stringify({ findings }, null, 2);
  return wrapped.slice(HEAD, wrapped.length - TAIL);
}

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
    const text = findingsText(result.findings.slice(start, start + FINDINGS_PER_PIECE));
    yield start === 0 ? text : `${BETWEEN}${text}`;
  }
  yield `${frame.slice(at + marker.length)}\n`;
}
