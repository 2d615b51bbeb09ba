// A streaming XML scanner for the parts of an xlsx. SpreadsheetML uses a small part of XML:
// elements, attributes, text, the five predefined entities and character references, CDATA,
// comments and processing instructions; it never has a DTD. This scanner reads exactly that and
// refuses the rest, checking well-formedness as it goes (matching tags, one root, legal
// characters and references, no duplicate attributes). It replaced saxes, a general-purpose XML
// parser, because scanning the sheets was most of a county-scale check (npm run bench).
//
// Text is searched with indexOf, not walked character by character; only the inside of a tag is
// read one character at a time. A token cut by a chunk boundary waits for the next chunk.

export interface XmlTag {
  name: string;
  attributes: Record<string, string>;
  isSelfClosing: boolean;
}

export interface XmlHandlers {
  opentag?: (tag: XmlTag) => void;
  closetag?: (tag: XmlTag) => void;
  text?: (text: string) => void;
  /** A DTD was declared; the handler decides (the workbook reader refuses it). */
  doctype?: () => void;
  error?: (error: Error) => void;
}

/** Characters XML 1.0 forbids anywhere (C0 controls but tab, LF and CR; U+FFFE, U+FFFF). */
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));|&/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const WHITESPACE = /^[ \t\r\n]*$/;
/** A start tag at lastIndex: its name, its attributes' text (quoted values may hold '>'), '/'. */
const START_TAG = /<([A-Za-z_:\u00C0-\uFFFD][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFD]*)((?:\s+[^\s=<>/"']+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s=<>/"']+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

const legalCodePoint = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

class XmlError extends Error {}

/**
 * Text as XML reads it: line ends normalised to LF (attribute values: white space to spaces),
 * then entity and character references replaced; an unknown or illegal one is an error.
 */
function decode(raw: string, attribute = false): string {
  if (FORBIDDEN.test(raw)) throw new XmlError('a character XML does not allow');
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (attribute && /[\t\n]/.test(text)) text = text.replace(/[\t\n]/g, ' ');
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (hex !== undefined || decimal !== undefined) {
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal!, 10);
      if (!legalCodePoint(code)) throw new XmlError(`the character reference ${whole.slice(0, 20)}`);
      return String.fromCodePoint(code);
    }
    if (name !== undefined && name in NAMED) return NAMED[name]!;
    throw new XmlError(name ? `the undefined entity &${name.slice(0, 20)};` : 'a bare "&"');
  });
}

export class XmlScanner {
  private buffer = '';
  private readonly stack: string[] = [];
  private rootDone = false;
  private failed = false;
  private readonly handlers: XmlHandlers = {};

  on<K extends keyof XmlHandlers>(event: K, handler: NonNullable<XmlHandlers[K]>): void {
    this.handlers[event] = handler;
  }

  write(chunk: string): void {
    if (this.failed) return;
    this.buffer = this.buffer ? this.buffer + chunk : chunk;
    try {
      this.buffer = this.buffer.slice(this.scan(this.buffer));
    } catch (error) {
      this.fail(error);
    }
  }

  close(): void {
    if (this.failed) return;
    if (!WHITESPACE.test(this.buffer)) this.fail(new XmlError('the part ends inside a tag or text'));
    else if (this.stack.length) this.fail(new XmlError(`unclosed element <${this.stack.at(-1)}>`));
    else if (!this.rootDone) this.fail(new XmlError('no root element'));
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.buffer = '';
    // Errors of the handlers themselves (a refused DTD, a cap) go to the caller as they are.
    if (!(error instanceof XmlError)) throw error;
    if (this.handlers.error) this.handlers.error(error);
    else throw error;
  }

  /** Reads every complete token of `xml`; returns where the unfinished rest begins. */
  private scan(xml: string): number {
    let at = 0;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt === -1) {
        // Text without its end yet: kept whole, so that no reference is cut in two.
        return at;
      }
      if (lt > at) this.text(xml.slice(at, lt));
      const next = this.token(xml, lt);
      if (next === -1) return lt;
      at = next;
    }
  }

  private text(raw: string): void {
    if (this.stack.length === 0) {
      if (!WHITESPACE.test(raw)) throw new XmlError('text outside the root element');
      return;
    }
    this.handlers.text?.(decode(raw));
  }

  /** The token at `lt` (a '<'); returns the index after it, or -1 when it is not complete yet. */
  private token(xml: string, lt: number): number {
    const second = xml.charCodeAt(lt + 1);
    if (Number.isNaN(second)) return -1;
    if (second === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      return end === -1 ? -1 : end + 2;
    }
    if (second === 0x21 /* ! */) return this.declaration(xml, lt);
    if (second === 0x2f /* / */) {
      const end = xml.indexOf('>', lt + 2);
      if (end === -1) return -1;
      const name = xml.slice(lt + 2, end).trimEnd();
      const open = this.stack.pop();
      if (open !== name) throw new XmlError(open ? `</${name.slice(0, 40)}> closes <${open}>` : `</${name.slice(0, 40)}> closes nothing`);
      if (this.stack.length === 0) this.rootDone = true;
      this.handlers.closetag?.({ name, attributes: {}, isSelfClosing: false });
      return end + 1;
    }
    return this.startTag(xml, lt);
  }

  private declaration(xml: string, lt: number): number {
    if (xml.length < lt + 9) return -1;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 3;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      if (this.stack.length === 0) throw new XmlError('CDATA outside the root element');
      const raw = xml.slice(lt + 9, end);
      if (FORBIDDEN.test(raw)) throw new XmlError('a character XML does not allow');
      this.handlers.text?.(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
      return end + 3;
    }
    if (xml.startsWith('<!DOCTYPE', lt)) {
      this.handlers.doctype?.();
      throw new XmlError('DOCTYPE');
    }
    throw new XmlError(`the declaration ${xml.slice(lt, lt + 12)}`);
  }

  private startTag(xml: string, lt: number): number {
    START_TAG.lastIndex = lt;
    const match = START_TAG.exec(xml);
    if (!match) {
      // Not complete yet, or malformed: a tag cannot run past the next '<'.
      // (a quoted value may hold '>', never '<'; the part's end decides the rest).
      if (xml.indexOf('<', lt + 1) === -1) return -1;
      throw new XmlError(`the tag ${xml.slice(lt, lt + 40)}`);
    }
    const [whole, name, rest, slash] = match as unknown as [string, string, string, string];
    const attributes: Record<string, string> = {};
    if (rest) {
      ATTRIBUTE.lastIndex = 0;
      let end = 0;
      for (let found = ATTRIBUTE.exec(rest); found; found = ATTRIBUTE.exec(rest)) {
        const attribute = found[1]!;
        if (attribute in attributes) throw new XmlError(`a repeated attribute ${attribute.slice(0, 40)}`);
        attributes[attribute] = decode(found[2] ?? found[3]!, true);
        end = ATTRIBUTE.lastIndex;
      }
      if (!WHITESPACE.test(rest.slice(end))) throw new XmlError(`an attribute of <${name.slice(0, 40)}>`);
    }
    this.open(name, attributes, slash === '/');
    return lt + whole.length;
  }

  private open(name: string, attributes: Record<string, string>, isSelfClosing: boolean): void {
    if (this.stack.length === 0 && this.rootDone) throw new XmlError('a second root element');
    const tag = { name, attributes, isSelfClosing };
    this.handlers.opentag?.(tag);
    if (isSelfClosing) {
      if (this.stack.length === 0) this.rootDone = true;
      this.handlers.closetag?.(tag);
    } else this.stack.push(name);
  }
}

const PROLOG_SPACE = /[ \t\r\n]*/y;

/**
 * What an XML document declares before its root element: `doctype` when it has a DTD, `root`
 * when its first element comes without one, null when `head` ends inside the prolog (more text
 * is needed). Only the prolog can hold a DTD, so a part's first bytes settle it.
 */
export function prologOf(head: string): 'doctype' | 'root' | null {
  let at = 0;
  for (;;) {
    PROLOG_SPACE.lastIndex = at;
    PROLOG_SPACE.exec(head);
    at = PROLOG_SPACE.lastIndex;
    if (at >= head.length) return null;
    const close = head.startsWith('<?', at) ? '?>' : head.startsWith('<!--', at) ? '-->' : null;
    if (close) {
      const end = head.indexOf(close, at + 2);
      if (end === -1) return null;
      at = end + close.length;
      continue;
    }
    const rest = head.slice(at, at + 9);
    if (rest.length < 9 && ['<!DOCTYPE', '<!--', '<?'].some((token) => token.startsWith(rest))) return null;
    return head.startsWith('<!DOCTYPE', at) ? 'doctype' : 'root';
  }
}
