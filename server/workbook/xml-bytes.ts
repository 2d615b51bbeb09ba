// A byte-level XML tokenizer for the large parts of an .xlsx (the sheets and the shared strings).
// It reads the inflated bytes as they come (already checked to be UTF-8 by the zip reader, and
// cut only between characters) and hands its handler positions in them, not strings: an element
// is an interned name with a code, its attributes are offsets, a text is a byte range. The
// handler decodes only what it keeps (a cell's value; a number straight from its digits), so a
// cell costs no tag object, attribute record or text string. Profiling a county-scale check
// (npm run bench) found the string scanner (./xml-scanner.ts: regular expressions over every
// tag and attribute) the largest cost of all.
//
// It checks the same well-formedness as ./xml-scanner.ts: names, attributes (quoted, no '<', no
// repeats), matching tags, one root, no text outside it, characters XML allows, and entity and
// character references (the five predefined entities only); a DTD goes to the handler (the
// reader refuses it). A token cut by a chunk's end waits for the next chunk; one markup token
// longer than MAX_MARKUP_BYTES is refused (Excel writes tags of a few hundred bytes).

export class XmlSyntaxError extends Error {}

/** An element's name, interned: the same bytes give the same object. */
export interface ElementName {
  /** The qualified name as written (`x:c`). */
  readonly name: string;
  /** The index of its local name in the tokenizer's `known` list, or -1. */
  readonly code: number;
  readonly bytes: Uint8Array;
}

/** How a text or attribute value must be decoded (bits; 0: its bytes are its text). */
export const HAS_REFERENCE = 1;
export const HAS_CR = 2;
export const IS_CDATA = 4;
/** An attribute value holding a tab, line feed or carriage return (each reads as a space). */
export const HAS_BREAK = 8;

export interface ByteXmlHandler {
  /** An element opens; its attributes are readable on the tokenizer during the call. */
  open(element: ElementName, xml: ByteXmlTokenizer): void;
  /** An element closes (right after `open` for `<x/>`). */
  close(element: ElementName): void;
  /** Text inside the root, bytes `start`…`end` of `xml.bytes` (a text may come in several calls). */
  text(xml: ByteXmlTokenizer, start: number, end: number, flags: number): void;
  /** A DTD is declared; the handler throws (the workbook reader refuses it). */
  doctype(): void;
  /**
   * Optional: reads the markup at `lt` (a '<' inside `parent`) itself, when it is a whole element
   * the handler knows, within `bytes`, and well-formed in every respect this tokenizer checks;
   * returns the index after it, or -1 to leave it to the tokenizer (always safe). A sheet's
   * cells are read this way: one call per cell instead of five tokens.
   */
  element?(bytes: Buffer, lt: number, parent: ElementName): number;
}

const MAX_MARKUP_BYTES = 1024 * 1024;
/** Distinct element names kept interned; past it names are compared by their text. */
const MAX_INTERNED = 10_000;
/** Attributes of one tag checked for repeats pair by pair; past it, through a set. */
const PAIRWISE_ATTRIBUTES = 32;

const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');
const CDATA_START = Buffer.from('<![CDATA[');
const COMMENT_START = Buffer.from('<!--');
const DOCTYPE_START = Buffer.from('<!DOCTYPE');

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
const isLetter = (byte: number) => (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a);
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
const isHexDigit = (byte: number) => isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46);
/** Attribute names: anything but white space, `=`, `<`, `>`, `/` and quotes (as ./xml-scanner.ts). */
const isAttributeNameByte = (byte: number) => !isSpace(byte) && byte !== 0x3d && byte !== 0x3c && byte !== 0x3e && byte !== 0x2f && byte !== 0x22 && byte !== 0x27;

/** Whether U+FFFE or U+FFFF, the two non-characters XML forbids, start at `i` (as UTF-8: EF BF BE/BF). */
export const isForbiddenNonCharacter = (bytes: Uint8Array, i: number) => bytes[i] === 0xef && bytes[i + 1] === 0xbf && (bytes[i + 2] === 0xbe || bytes[i + 2] === 0xbf);

const legalCodePoint = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));/g;

/** Text as XML reads it, from its raw bytes' string and the flags the tokenizer gave them (references already checked). */
export function decodeXmlText(raw: string, flags: number): string {
  let text = flags & HAS_CR ? raw.replace(/\r\n?/g, '\n') : raw;
  if (flags & HAS_BREAK) text = text.replace(/[\t\n]/g, ' ');
  if (!(flags & HAS_REFERENCE) || flags & IS_CDATA) return text;
  return text.replace(REFERENCE, (_whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) =>
    hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : decimal !== undefined ? String.fromCodePoint(parseInt(decimal, 10)) : NAMED[name!]!,
  );
}

/** A few bytes of the part, for an error message. */
const shown = (bytes: Buffer, start: number, end: number) => bytes.toString('utf8', start, Math.min(end, bytes.length));

export class ByteXmlTokenizer {
  /** The bytes being read; positions handed to the handler point into it, during the call only. */
  bytes: Buffer = Buffer.alloc(0);
  /** The current tag's attributes: [nameStart, nameEnd, valueStart, valueEnd, flags] each. */
  attributes = new Int32Array(5 * 16);
  attributeCount = 0;

  private readonly stack: ElementName[] = [];
  private rootDone = false;
  private failed = false;
  private readonly names = new Map<number, ElementName[]>();
  private interned = 0;
  private readonly codes: ReadonlyMap<string, number>;
  /** Unread bytes carried to the next chunk (an unfinished token), at the start of `carry`. */
  private carry = Buffer.alloc(0);
  private carried = 0;
  /** Where to resume looking for '<' in an unfinished text (no '<' lies before it). */
  private textSearchedTo = 0;
  private readonly element: ByteXmlHandler['element'];

  constructor(
    private readonly handler: ByteXmlHandler,
    /** Local names the handler tells apart: an element's `code` is its index here. */
    known: readonly string[],
  ) {
    this.codes = new Map(known.map((name, index) => [name, index]));
    this.element = handler.element?.bind(handler);
  }

  /** Reads one chunk (whole UTF-8 characters); throws XmlSyntaxError, or what the handler throws. */
  write(chunk: Buffer): void {
    if (this.failed) return;
    let bytes = chunk;
    if (this.carried > 0) {
      this.reserve(this.carried + chunk.length);
      chunk.copy(this.carry, this.carried);
      bytes = this.carry.subarray(0, this.carried + chunk.length);
    }
    let rest: number;
    try {
      rest = this.scan(bytes);
    } catch (error) {
      this.failed = true;
      throw error;
    }
    const left = bytes.length - rest;
    if (left === 0) this.carried = 0;
    else if (bytes === chunk) {
      this.reserve(left);
      chunk.copy(this.carry, 0, rest);
      this.carried = left;
    } else {
      if (rest > 0) this.carry.copyWithin(0, rest, bytes.length);
      this.carried = left;
    }
    this.textSearchedTo = this.textSearchedTo > rest ? this.textSearchedTo - rest : 0;
  }

  /** The part has ended: nothing may be left open. */
  close(): void {
    if (this.failed) return;
    for (let i = 0; i < this.carried; i++) if (!isSpace(this.carry[i]!)) throw new XmlSyntaxError('the part ends inside a tag or text');
    if (this.stack.length) throw new XmlSyntaxError(`unclosed element <${this.stack.at(-1)!.name}>`);
    if (!this.rootDone) throw new XmlSyntaxError('no root element');
  }

  /** Whether attribute `index`'s name is the ASCII `name`. */
  attributeIs(index: number, name: string): boolean {
    const start = this.attributes[index * 5]!;
    if (this.attributes[index * 5 + 1]! - start !== name.length) return false;
    for (let i = 0; i < name.length; i++) if (this.bytes[start + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /** Attribute `index`'s value as XML reads it. */
  attributeValue(index: number): string {
    const at = index * 5;
    const raw = this.bytes.toString('utf8', this.attributes[at + 2]!, this.attributes[at + 3]!);
    const flags = this.attributes[at + 4]!;
    return flags ? decodeXmlText(raw, flags) : raw;
  }

  /** Text bytes `start`…`end` as XML reads them. */
  text(start: number, end: number, flags: number): string {
    const raw = this.bytes.toString('utf8', start, end);
    return flags ? decodeXmlText(raw, flags) : raw;
  }

  private reserve(size: number): void {
    if (this.carry.length >= size) return;
    const grown = Buffer.allocUnsafe(Math.max(size, this.carry.length * 2, 64 * 1024));
    this.carry.copy(grown, 0, 0, this.carried);
    this.carry = grown;
  }

  /** Reads every complete token; returns where the unfinished rest begins. */
  private scan(bytes: Buffer): number {
    this.bytes = bytes;
    const end = bytes.length;
    let at = 0;
    while (at < end) {
      // Tags mostly follow each other or enclose a short value: the next '<' is looked for here
      // first, and through the native indexOf only past a short text.
      let lt = Math.max(at, this.textSearchedTo);
      const near = Math.min(end, lt + 64);
      while (lt < near && bytes[lt] !== 0x3c) lt++;
      if (lt === near) lt = near === end ? -1 : bytes.indexOf(0x3c, near);
      if (lt === -1) {
        // Text without its end yet: kept whole, so that no reference is cut in two.
        this.textSearchedTo = end;
        return at;
      }
      this.textSearchedTo = 0;
      if (lt > at) this.textRun(bytes, at, lt);
      if (this.element !== undefined && this.stack.length > 0) {
        const read = this.element(bytes, lt, this.stack[this.stack.length - 1]!);
        if (read !== -1) {
          at = read;
          continue;
        }
      }
      const next = this.markup(bytes, lt);
      if (next === -1) {
        if (end - lt > MAX_MARKUP_BYTES) throw new XmlSyntaxError(`markup longer than ${MAX_MARKUP_BYTES / 1024 / 1024} MB at ${shown(bytes, lt, lt + 20)}`);
        return lt;
      }
      at = next;
    }
    return at;
  }

  /** Characters XML forbids, and references, checked over a text or attribute value; returns its flags. */
  private checkCharacters(bytes: Buffer, start: number, end: number, attribute: boolean): number {
    let flags = 0;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      if (byte < 0x20) {
        if (byte === 0x0d) flags |= HAS_CR | (attribute ? HAS_BREAK : 0);
        else if (byte === 0x0a || byte === 0x09) flags |= attribute ? HAS_BREAK : 0;
        else throw new XmlSyntaxError('a character XML does not allow');
      } else if (byte === 0x26) {
        flags |= HAS_REFERENCE;
        i = this.reference(bytes, i, end) - 1;
      } else if (isForbiddenNonCharacter(bytes, i)) {
        throw new XmlSyntaxError('a character XML does not allow');
      }
    }
    return flags;
  }

  /** Checks the reference at `at` (an '&') within `end`; returns the index after its ';'. */
  private reference(bytes: Buffer, at: number, end: number): number {
    let i = at + 1;
    if (bytes[i] === 0x23 /* # */) {
      const hex = bytes[i + 1] === 0x78; /* x */
      i += hex ? 2 : 1;
      const first = i;
      let code = 0;
      for (; i < end && (hex ? isHexDigit(bytes[i]!) : isDigit(bytes[i]!)); i++) {
        if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + parseInt(String.fromCharCode(bytes[i]!), 16);
      }
      if (i === first || i >= end || bytes[i] !== 0x3b) throw new XmlSyntaxError('a bare "&"');
      if (!legalCodePoint(code)) throw new XmlSyntaxError(`the character reference ${shown(bytes, at, Math.min(i + 1, at + 20))}`);
      return i + 1;
    }
    const first = i;
    if (i < end && isLetter(bytes[i]!)) for (i++; i < end && (isLetter(bytes[i]!) || isDigit(bytes[i]!)); i++);
    if (i === first || i >= end || bytes[i] !== 0x3b) throw new XmlSyntaxError('a bare "&"');
    const name = shown(bytes, first, i);
    if (!(name in NAMED)) throw new XmlSyntaxError(`the undefined entity &${name.slice(0, 20)};`);
    return i + 1;
  }

  private textRun(bytes: Buffer, start: number, end: number): void {
    if (this.stack.length === 0) {
      for (let i = start; i < end; i++) if (!isSpace(bytes[i]!)) throw new XmlSyntaxError('text outside the root element');
      return;
    }
    this.handler.text(this, start, end, this.checkCharacters(bytes, start, end, false));
  }

  /** The markup at `lt` (a '<'); returns the index after it, or -1 when it is not complete yet. */
  private markup(bytes: Buffer, lt: number): number {
    if (lt + 1 >= bytes.length) return -1;
    const second = bytes[lt + 1]!;
    if (second === 0x3f /* ? */) {
      const close = bytes.indexOf(PI_END, lt + 2);
      return close === -1 ? -1 : close + 2;
    }
    if (second === 0x21 /* ! */) return this.declaration(bytes, lt);
    if (second === 0x2f /* / */) return this.closeTag(bytes, lt);
    return this.startTag(bytes, lt);
  }

  private declaration(bytes: Buffer, lt: number): number {
    if (bytes.length < lt + 9) return -1;
    if (startsWith(bytes, lt, COMMENT_START)) {
      const close = bytes.indexOf(COMMENT_END, lt + 4);
      return close === -1 ? -1 : close + 3;
    }
    if (startsWith(bytes, lt, CDATA_START)) {
      const close = bytes.indexOf(CDATA_END, lt + 9);
      if (close === -1) return -1;
      if (this.stack.length === 0) throw new XmlSyntaxError('CDATA outside the root element');
      let flags = IS_CDATA;
      for (let i = lt + 9; i < close; i++) {
        const byte = bytes[i]!;
        if (byte < 0x20) {
          if (byte === 0x0d) flags |= HAS_CR;
          else if (byte !== 0x0a && byte !== 0x09) throw new XmlSyntaxError('a character XML does not allow');
        } else if (isForbiddenNonCharacter(bytes, i)) {
          throw new XmlSyntaxError('a character XML does not allow');
        }
      }
      this.handler.text(this, lt + 9, close, flags);
      return close + 3;
    }
    if (startsWith(bytes, lt, DOCTYPE_START)) {
      this.handler.doctype();
      throw new XmlSyntaxError('DOCTYPE');
    }
    throw new XmlSyntaxError(`the declaration ${shown(bytes, lt, lt + 12)}`);
  }

  private closeTag(bytes: Buffer, lt: number): number {
    const end = bytes.length;
    // The usual close tag names the open element and ends at once (`</c>`): compared with its
    // bytes, with no name to intern.
    const top = this.stack.at(-1);
    if (top !== undefined) {
      const length = top.bytes.length;
      const after = lt + 2 + length;
      if (after < end && bytes[after] === 0x3e && sameBytes(top.bytes, 0, length, bytes, lt + 2, after)) {
        this.stack.pop();
        if (this.stack.length === 0) this.rootDone = true;
        this.handler.close(top);
        return after + 1;
      }
    }
    let i = lt + 2;
    let hash = 0;
    for (; i < end; i++) {
      const byte = bytes[i]!;
      if (byte === 0x3e || isSpace(byte)) break;
      hash = (Math.imul(hash, 31) + byte) | 0;
    }
    const nameEnd = i;
    while (i < end && isSpace(bytes[i]!)) i++;
    if (i >= end) return -1;
    const element = this.intern(bytes, lt + 2, nameEnd, hash);
    const open = this.stack.pop();
    if (bytes[i] !== 0x3e || open === undefined || (open !== element && open.name !== element.name)) {
      const name = shown(bytes, lt + 2, Math.min(i, lt + 42));
      throw new XmlSyntaxError(open ? `</${name}> closes <${open.name}>` : `</${name}> closes nothing`);
    }
    if (this.stack.length === 0) this.rootDone = true;
    this.handler.close(open);
    return i + 1;
  }

  private startTag(bytes: Buffer, lt: number): number {
    const end = bytes.length;
    const malformed = () => new XmlSyntaxError(`the tag ${shown(bytes, lt, Math.min(end, lt + 40))}`);
    let i = lt + 1;
    let hash = 0;
    // A name: a letter, '_', ':' or a character past U+00BF first; then also digits, '-', '.', U+00B7.
    for (; i < end; i++) {
      const byte = bytes[i]!;
      const start = i === lt + 1;
      if (byte >= 0x80) {
        if (byte === 0xc2 && (start || bytes[i + 1] !== 0xb7)) throw malformed();
        if (isForbiddenNonCharacter(bytes, i)) throw malformed();
      } else if (!(isLetter(byte) || byte === 0x5f || byte === 0x3a || (!start && (isDigit(byte) || byte === 0x2d || byte === 0x2e)))) {
        if (start) throw malformed();
        break;
      }
      hash = (Math.imul(hash, 31) + byte) | 0;
    }
    if (i >= end) return -1;
    const nameEnd = i;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      let spaced = false;
      while (i < end && isSpace(bytes[i]!)) {
        i++;
        spaced = true;
      }
      if (i >= end) return -1;
      const byte = bytes[i]!;
      if (byte === 0x3e) {
        i++;
        break;
      }
      if (byte === 0x2f) {
        if (i + 1 >= end) return -1;
        if (bytes[i + 1] !== 0x3e) throw malformed();
        selfClosing = true;
        i += 2;
        break;
      }
      if (!spaced) throw malformed();
      const nameStart = i;
      while (i < end && isAttributeNameByte(bytes[i]!)) i++;
      if (i >= end) return -1;
      if (i === nameStart) throw malformed();
      const attributeEnd = i;
      while (i < end && isSpace(bytes[i]!)) i++;
      if (i >= end) return -1;
      if (bytes[i] !== 0x3d) throw malformed();
      i++;
      while (i < end && isSpace(bytes[i]!)) i++;
      if (i >= end) return -1;
      const quote = bytes[i]!;
      if (quote !== 0x22 && quote !== 0x27) throw malformed();
      const valueStart = ++i;
      // The usual value (`A1`, `s`, `3`) holds no byte that needs a look: its end is found in
      // the same pass, without a search through the native indexOf (a call per attribute).
      let close = valueStart;
      while (close < end) {
        const byte = bytes[close]!;
        if (byte === quote || byte < 0x20 || byte === 0x26 || byte === 0x3c || byte === 0xef) break;
        close++;
      }
      let flags = 0;
      if (close >= end || bytes[close] !== quote) {
        close = bytes.indexOf(quote, valueStart);
        if (close === -1) {
          if (bytes.indexOf(0x3c, valueStart) !== -1) throw malformed();
          return -1;
        }
        const lessThan = bytes.indexOf(0x3c, valueStart);
        if (lessThan !== -1 && lessThan < close) throw malformed();
        flags = this.checkCharacters(bytes, valueStart, close, true);
      }
      i = close + 1;
      if (this.attributes.length < (count + 1) * 5) {
        const grown = new Int32Array(this.attributes.length * 2);
        grown.set(this.attributes);
        this.attributes = grown;
      }
      const at = count * 5;
      this.attributes[at] = nameStart;
      this.attributes[at + 1] = attributeEnd;
      this.attributes[at + 2] = valueStart;
      this.attributes[at + 3] = close;
      this.attributes[at + 4] = flags;
      count++;
    }
    this.bytes = bytes;
    this.attributeCount = count;
    if (count > 1) this.refuseRepeats(bytes, count);
    const element = this.intern(bytes, lt + 1, nameEnd, hash);
    if (this.stack.length === 0 && this.rootDone) throw new XmlSyntaxError('a second root element');
    this.handler.open(element, this);
    if (selfClosing) {
      if (this.stack.length === 0) this.rootDone = true;
      this.handler.close(element);
    } else this.stack.push(element);
    return i;
  }

  private refuseRepeats(bytes: Buffer, count: number): void {
    const a = this.attributes;
    const repeated = (index: number) => new XmlSyntaxError(`a repeated attribute ${shown(bytes, a[index * 5]!, Math.min(a[index * 5 + 1]!, a[index * 5]! + 40))}`);
    if (count > PAIRWISE_ATTRIBUTES) {
      const seen = new Set<string>();
      for (let j = 0; j < count; j++) {
        const name = shown(bytes, a[j * 5]!, a[j * 5 + 1]!);
        if (seen.has(name)) throw repeated(j);
        seen.add(name);
      }
      return;
    }
    for (let j = 1; j < count; j++) {
      for (let k = 0; k < j; k++) if (sameBytes(bytes, a[j * 5]!, a[j * 5 + 1]!, bytes, a[k * 5]!, a[k * 5 + 1]!)) throw repeated(j);
    }
  }

  private intern(bytes: Buffer, start: number, end: number, hash: number): ElementName {
    const key = (hash ^ Math.imul(end - start, 0x9e3779b1)) | 0;
    const list = this.names.get(key);
    if (list) for (const known of list) if (sameBytes(known.bytes, 0, known.bytes.length, bytes, start, end)) return known;
    const name = bytes.toString('utf8', start, end);
    const element: ElementName = { name, code: this.codes.get(name.slice(name.indexOf(':') + 1)) ?? -1, bytes: new Uint8Array(bytes.subarray(start, end)) };
    if (this.interned < MAX_INTERNED) {
      this.interned++;
      if (list) list.push(element);
      else this.names.set(key, [element]);
    }
    return element;
  }
}

/** Whether `bytes` hold `prefix` at `at` (false where they end first). */
export function startsWith(bytes: Buffer, at: number, prefix: Buffer): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function sameBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}
