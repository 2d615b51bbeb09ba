// A result as `JSON.stringify(result, null, 2)` writes it, byte for byte, made straight into
// UTF-8 pieces of a few MB: a county's audit is 24 MB of JSON (19,000 findings), and holding it
// as one string beside the findings it is made from was most of the check's peak memory.
// Writing the text and then encoding it cost the county's check 0.6 s, 40 % of it the same
// title and source block of each rulebook entry, written and encoded again for every finding.
import type { AuditResult } from './result.js';

const MARK = '\u0000findings\u0000';
/** A piece's size: each is moved, not copied, to the thread that prints it. */
const PIECE_BYTES = 2 * 1024 * 1024;
/** The depth of a finding's own keys: result → findings → finding → its keys. */
const FINDING_KEYS = 3;
/** The keys whose values the engine shares between findings (checks/finding.ts `headOf`). */
const SHARED = new Set(['title', 'source']);

const KNOWN_KEYS = 256;
/** Text gathered before it is encoded. */
const TEXT_CHARS = 64 * 1024;

const indents: string[] = [];
/** A line break and the indent of `depth` levels, as JSON.stringify's gap of 2 writes them. */
function lineAt(depth: number): string {
  return (indents[depth] ??= `\n${'  '.repeat(depth)}`);
}

const leads: Map<string, string>[] = [];
/** A key's line at `depth`, up to its value: `\n      "rule": ` (a result repeats a few keys 19,000 times). */
function keyAt(key: string, depth: number): string {
  const known = (leads[depth] ??= new Map());
  let lead = known.get(key);
  if (lead === undefined) {
    lead = `${lineAt(depth)}${JSON.stringify(key)}: `;
    // Bounded: a pooled worker lives for many results, whose keys are the engine's few.
    if (known.size < KNOWN_KEYS) known.set(key, lead);
  }
  return lead;
}

/** What JSON.stringify takes apart itself; anything else is left to it (toJSON, boxed values, Dates…). */
function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null || proto === Array.prototype) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** The native text of `value` under `key` at `depth` (undefined where JSON.stringify leaves it out). */
function nativeText(key: string, value: unknown, depth: number): string | undefined {
  const wrapped = JSON.stringify({ [key]: value }, null, 2);
  if (wrapped === '{}') return undefined;
  const text = wrapped.slice(wrapped.indexOf(': ') + 2, wrapped.length - 2);
  return depth === 1 ? text : text.replaceAll('\n', lineAt(depth - 1));
}

/**
 * JSON.stringify(value, null, 2)'s text of a value whose key sits `depth` levels deep, indented
 * for there; undefined where JSON.stringify leaves the key out.
 */
export function valueText(value: unknown, depth: number, key: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // JSON writes Number::toString (so -0 as 0), and null for what is not finite.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (!isPlain(value)) return nativeText(key, value, depth);
      return Array.isArray(value) ? arrayText(value, depth) : objectText(value as Record<string, unknown>, depth);
    case 'bigint':
      return nativeText(key, value, depth); // throws as JSON.stringify does
    default:
      return undefined;
  }
}

function arrayText(items: readonly unknown[], depth: number): string {
  if (items.length === 0) return '[]';
  const line = lineAt(depth + 1);
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    text += `${i === 0 ? '' : ','}${line}${valueText(items[i], depth + 1, String(i)) ?? 'null'}`;
  }
  return `${text}${lineAt(depth)}]`;
}

function objectText(object: Record<string, unknown>, depth: number): string {
  let text = '';
  for (const key of Object.keys(object)) {
    const member = valueText(object[key], depth + 1, key);
    if (member !== undefined) text += `${text === '' ? '{' : ','}${keyAt(key, depth + 1)}${member}`;
  }
  return text === '' ? '{}' : `${text}${lineAt(depth)}}`;
}

/** UTF-8 written into large buffers of their own, each handed out whole once full. */
class PieceWriter {
  // Zeroed (a fresh mapping, so nearly free): a piece moves its whole memory, not only its bytes.
  private buffer = Buffer.alloc(PIECE_BYTES);
  private used = 0;
  /** Text not yet encoded: encoding a finding's parts in one call, not one per value. */
  private text = '';
  readonly full: Uint8Array[] = [];

  add(text: string): void {
    this.text += text;
    // Findings without shared parts would otherwise gather into one long string.
    if (this.text.length > TEXT_CHARS) this.encode();
  }

  addBytes(bytes: Uint8Array): void {
    this.encode();
    this.room(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** The last piece. */
  end(): Uint8Array {
    this.encode();
    return this.buffer.subarray(0, this.used);
  }

  private encode(): void {
    if (this.text === '') return;
    this.room(this.text.length * 3);
    this.used += this.buffer.write(this.text, this.used);
    this.text = '';
  }

  private room(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    if (this.used > 0) this.full.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.alloc(Math.max(PIECE_BYTES, bytes));
    this.used = 0;
  }
}

/**
 * A finding as valueText writes it, but each title and source object (one per rulebook entry,
 * shared by its findings) made into UTF-8 once per call: they are read-only while it runs.
 */
function writeFinding(out: PieceWriter, finding: unknown, index: number, shared: Map<object, Uint8Array | null>): void {
  if (typeof finding !== 'object' || finding === null || Array.isArray(finding) || !isPlain(finding)) {
    out.add(valueText(finding, FINDING_KEYS - 1, String(index)) ?? 'null');
    return;
  }
  let first = true;
  for (const key of Object.keys(finding)) {
    const value = (finding as Record<string, unknown>)[key];
    const lead = `${first ? '{' : ','}${keyAt(key, FINDING_KEYS)}`;
    if (SHARED.has(key) && typeof value === 'object' && value !== null) {
      let bytes = shared.get(value);
      if (bytes === undefined) {
        const text = valueText(value, FINDING_KEYS, key);
        bytes = text === undefined ? null : Buffer.from(text);
        shared.set(value, bytes);
      }
      if (bytes === null) continue;
      out.add(lead);
      out.addBytes(bytes);
    } else {
      const text = valueText(value, FINDING_KEYS, key);
      if (text === undefined) continue;
      out.add(`${lead}${text}`);
    }
    first = false;
  }
  out.add(first ? '{}' : `${lineAt(FINDING_KEYS - 1)}}`);
}

/**
 * The result's JSON text (with its final line break) as UTF-8, in pieces of about 2 MB, in
 * order. Each piece is the whole of its own ArrayBuffer's used part, so it can be transferred.
 */
export function* resultJsonBytes(result: AuditResult): Generator<Uint8Array, void, undefined> {
  const out = new PieceWriter();
  if (result.findings.length === 0) {
    out.add(`${JSON.stringify(result, null, 2)}\n`);
    yield out.end();
    return;
  }
  // The rest of the result with one marker finding, split where the findings go.
  const frame = JSON.stringify({ ...result, findings: [MARK] }, null, 2);
  const marker = JSON.stringify(MARK);
  const at = frame.indexOf(marker);
  out.add(frame.slice(0, at));
  const shared = new Map<object, Uint8Array | null>();
  const between = `,${lineAt(FINDING_KEYS - 1)}`;
  for (let index = 0; index < result.findings.length; index++) {
    if (index > 0) out.add(between);
    writeFinding(out, result.findings[index], index, shared);
    // Handed out as soon as full, so the worker never holds more than one piece.
    if (out.full.length > 0) yield* out.full.splice(0);
  }
  out.add(`${frame.slice(at + marker.length)}\n`);
  const last = out.end();
  yield* out.full;
  yield last;
}
