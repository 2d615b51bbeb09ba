// A safe, random-access view of an .xlsx (a zip) held in memory, over yauzl. Uploads come from
// the public, so nothing here trusts the archive: the central directory is checked against
// limits before anything is inflated, every entry is inflated as a stream whose real size is
// counted (a zip bomb that lies about its sizes is stopped by the count), its CRC-32 is verified,
// and its text is decoded with a streaming UTF-8 decoder so that a Chinese character split
// between two inflate chunks is never garbled (the failure behind exceljs issue #2063). The
// decoder is strict: bytes that are not UTF-8 reject the file instead of becoming U+FFFD.
import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { fileProblem, WorkbookRejected } from './problems.js';

// yauzl is CommonJS: imported from ESM, Node first scans its source for named exports (the
// cjs-module-lexer, 10–30 ms of every check worker's start); required, it is only compiled.
const yauzl = createRequire(import.meta.url)('yauzl') as typeof import('yauzl');

export interface ZipLimits {
  /** Entries in the central directory (directories included). */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  maxUncompressedBytes: number;
  /** Real inflated bytes of one entry read by `stream()` / `text()` (unless a call says less). */
  maxEntryBytes: number;
  /** Declared uncompressed/compressed ratio, checked for entries over RATIO_CHECK_MIN_BYTES. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 10_000,
  maxUncompressedBytes: 1024 * 1024 * 1024, // 1 GiB declared in all
  maxEntryBytes: 400 * 1024 * 1024, // 400 MiB really inflated, per entry
  maxRatio: 200,
});

/** Small parts legitimately compress far better than 200:1 (a sheet of blank styled rows), so
 * the ratio is only checked for entries declaring more than this. */
export const RATIO_CHECK_MIN_BYTES = 1024 * 1024;

const YAUZL_OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  strictFileNames: false,
  decodeStrings: true,
} as const;

// ---------------------------------------------------------------------------------------------
// Messages

/** `“x.xlsx”` / `"x.xlsx"`, or a neutral phrase when the caller gave no name. */
function subject(fileName: string | undefined): { zh: string; en: string } {
  return fileName ? { zh: `文件“${fileName}”`, en: `"${fileName}"` } : { zh: '上传的文件', en: 'The uploaded file' };
}

/** `25.3 MB`, `512 KB`, `900 bytes`: sizes in the unit people know. */
export function formatSize(bytes: number): { zh: string; en: string } {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1) {
    const text = `${Number(mib.toFixed(mib >= 100 ? 0 : 1))} MB`;
    return { zh: text, en: text };
  }
  if (bytes >= 1024) {
    const text = `${Number((bytes / 1024).toFixed(1))} KB`;
    return { zh: text, en: text };
  }
  return { zh: `${bytes} 字节`, en: `${bytes} bytes` };
}

function rejected(code: 'not_xlsx' | 'too_large', zh: string, en: string): WorkbookRejected {
  return new WorkbookRejected(fileProblem(code, { zh, en }));
}

const RESAVE_ZH = '请在 Excel 中打开该文件，另存为新的“Excel 工作簿 (.xlsx)”后重新上传。';
const RESAVE_EN = 'Open it in Excel, save it as a new "Excel Workbook (.xlsx)" and upload it again.';
const SPLIT_ZH = '请删除多余的空行、格式和图片，或拆分为多个工作簿后分别上传。';
const SPLIT_EN = 'Delete unused rows, formatting and pictures, or split it into several workbooks and upload them one by one.';

function unreadableZip(fileName: string | undefined, detail: string): WorkbookRejected {
  const s = subject(fileName);
  return rejected(
    'not_xlsx',
    `${s.zh}无法作为 .xlsx 工作簿读取：压缩包已损坏或不完整（${detail}），可能是上传或下载中断。${RESAVE_ZH}`,
    `${s.en} cannot be read as an .xlsx workbook: the archive is damaged or incomplete (${detail}), perhaps from an interrupted upload or download. ${RESAVE_EN}`,
  );
}

function encryptedZip(fileName: string | undefined): WorkbookRejected {
  const s = subject(fileName);
  return rejected(
    'not_xlsx',
    `${s.zh}中的内容已加密，无法读取。请在 Excel 中去除密码（文件 › 信息 › 保护工作簿 › 用密码进行加密，清空密码），保存后重新上传。`,
    `${s.en} holds encrypted content that cannot be read. Remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password, clear it), save and upload it again.`,
  );
}

function unsafeName(fileName: string | undefined, name: string): WorkbookRejected {
  const s = subject(fileName);
  return rejected(
    'not_xlsx',
    `${s.zh}包含路径不安全的条目“${name}”（绝对路径或含“..”），这不是 Excel 生成的工作簿，已拒绝读取。${RESAVE_ZH}`,
    `${s.en} contains an entry with an unsafe path ("${name}", absolute or with ".."); Excel never writes such a file, so it was not read. ${RESAVE_EN}`,
  );
}

function classifyYauzlError(fileName: string | undefined, error: unknown): WorkbookRejected {
  if (error instanceof WorkbookRejected) return error;
  const message = error instanceof Error ? error.message : String(error);
  const path = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(message);
  if (path) return unsafeName(fileName, path[1] ?? '');
  if (/encrypt/i.test(message)) return encryptedZip(fileName);
  return unreadableZip(fileName, (message.split('\n')[0] ?? 'zip error').replace(/\.\s*$/, ''));
}

// ---------------------------------------------------------------------------------------------
// Streaming an entry

export interface TextChunksOptions {
  /** Stop with `too_large` as soon as more than this many bytes have come out of `source`. */
  maxBytes: number;
  /** Expected CRC-32 of all the bytes, checked at the end; null to skip. */
  crc32: number | null;
  /**
   * The size the archive declares for these bytes, held exactly (more or fewer is `corrupt`, in
   * yauzl's words, which the caller's messages match); null to skip.
   */
  declaredBytes?: number | null;
  /** The error for too many bytes. */
  tooLarge: (count: number) => WorkbookRejected;
  /** The error for a broken stream (`error` is the stream's error), a CRC mismatch or bytes
   * that are not UTF-8 (an Error whose message starts with `invalid UTF-8`). */
  corrupt: (error: unknown) => WorkbookRejected;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The pieces a deflated entry is inflated in (see XlsxZip.inflated). */
const INFLATE_CHUNK_BYTES = 64 * 1024;

/** Inflated bytes a stream may hold ahead of its reader: a few dozen chunks, bounded whatever the entry declares. */
const READ_AHEAD_BYTES = 1024 * 1024;

/**
 * Where the last whole character of `bytes` ends: a multi-byte character cut at the end is left
 * for the next chunk (at most 3 bytes of it). Anything else is left to the validator.
 */
function characterBoundary(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? length - back : length;
  }
  return length;
}

/**
 * The bytes of a stream as chunks of strict UTF-8 that each end on a character boundary,
 * counting the real bytes and checking their CRC-32. A multi-byte character cut between two
 * inflate chunks is held back until its last byte arrives, so that whoever decodes a chunk never
 * sees half a character (the failure behind exceljs issue #2063); bytes that are not UTF-8 fail
 * the stream (`invalid UTF-8 near byte N`) instead of becoming U+FFFD. A byte-order mark is
 * dropped. Every way the source can fail (error, premature close) settles the iteration with a
 * WorkbookRejected; leaving the loop early (break, throw) destroys the source.
 */
export async function* byteChunks(source: Readable, options: TextChunksOptions): AsyncGenerator<Buffer, void, undefined> {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  let queued = 0;
  const onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    queue.push(bytes);
    queued += bytes.length;
    // Inflating runs ahead of the reader (on libuv's threads, beside it) up to a bounded queue:
    // paused after every chunk, the two took turns and the reader waited ~15 % of its time.
    if (queued >= READ_AHEAD_BYTES) source.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: unknown) => {
    failure ??= error ?? new Error('stream error');
    notify();
  };
  const onClose = () => {
    if (!ended) failure ??= new Error('the stream closed before its end');
    notify();
  };
  source.on('data', onData);
  source.on('end', onEnd);
  source.on('error', onError);
  source.on('close', onClose);

  const declared = options.declaredBytes ?? null;
  let count = 0;
  let crc = 0;
  let first = true;
  let finished = false;
  /** The start of a character cut at the end of the last chunk. */
  let pending: Buffer | null = null;
  const notUtf8 = (at: number) => options.corrupt(new Error(`invalid UTF-8 near byte ${at}`));
  try {
    for (;;) {
      if (failure) throw options.corrupt(failure);
      const chunk = queue.shift();
      if (chunk) {
        queued -= chunk.length;
        if (source.isPaused() && queued < READ_AHEAD_BYTES) source.resume();
        const startsAt = count;
        count += chunk.length;
        if (declared !== null && count > declared) throw options.corrupt(new Error(`too many bytes in the stream. expected ${declared}. got at least ${count}`));
        if (count > options.maxBytes) throw options.tooLarge(count);
        if (options.crc32 !== null) crc = zlib.crc32(chunk, crc);
        let bytes: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
        if (first) {
          // A byte-order mark is not part of the text (XML parsers and the rels regex expect `<`).
          if (bytes.length < 3 && BOM.subarray(0, bytes.length).equals(bytes)) {
            pending = Buffer.from(bytes);
            continue;
          }
          if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
          first = false;
        }
        const boundary = characterBoundary(bytes);
        const whole = boundary === bytes.length ? bytes : bytes.subarray(0, boundary);
        // The chunk just counted holds the first byte that is not UTF-8.
        if (!isUtf8(whole)) throw notUtf8(startsAt);
        pending = boundary === bytes.length ? null : Buffer.from(bytes.subarray(boundary));
        if (whole.length) yield whole;
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        source.resume();
      });
    }
    if (declared !== null && count < declared) throw options.corrupt(new Error(`not enough bytes in the stream. expected ${declared}. got only ${count}`));
    if (options.crc32 !== null && crc >>> 0 !== options.crc32 >>> 0) {
      throw options.corrupt(new Error(`CRC-32 mismatch: expected ${hex(options.crc32)}, got ${hex(crc)}`));
    }
    finished = true;
    // A part that ends inside a character (or inside a byte-order mark).
    if (pending) throw notUtf8(count - pending.length);
  } finally {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('close', onClose);
    source.off('error', onError);
    // A late error from a stream we stop listening to must not become an uncaught exception.
    source.on('error', () => {});
    if (!finished || !ended) source.destroy();
  }
}

/** The same stream as UTF-8 text chunks: every byte chunk ends on a character boundary, so each decodes whole. */
export async function* textChunks(source: Readable, options: TextChunksOptions): AsyncGenerator<string, void, undefined> {
  for await (const bytes of byteChunks(source, options)) yield bytes.toString('utf8');
}

const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

// ---------------------------------------------------------------------------------------------
// The archive

export class XlsxZip {
  private closed = false;
  private readonly open_ = new Set<Readable>();

  private constructor(
    /** The whole file: a deflated entry is inflated from its slice of it (see inflated()). */
    private readonly archive: Buffer,
    private readonly zipfile: ZipFile,
    /** Files by exact name (directories left out). */
    private readonly entries: Map<string, Entry>,
    /** Files by lower-case name: OPC part names compare case-insensitively. */
    private readonly folded: Map<string, Entry>,
    readonly limits: Readonly<ZipLimits>,
    readonly fileName: string | undefined,
  ) {}

  /**
   * Reads the central directory only (no entry is inflated) and checks it against `limits`.
   * Throws WorkbookRejected: `too_large` for too many entries, too many declared bytes or an
   * implausible compression ratio; `not_xlsx` for an unreadable zip, encrypted entries, unsafe
   * (absolute or `..`) or duplicate names. `fileName` only makes messages name the upload.
   */
  static async open(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS, fileName?: string): Promise<XlsxZip> {
    let zipfile: ZipFile;
    try {
      zipfile = await new Promise<ZipFile>((resolve, reject) => {
        yauzl.fromBuffer(bytes, YAUZL_OPTIONS, (error, zip) => (error ? reject(error) : resolve(zip)));
      });
    } catch (error) {
      throw classifyYauzlError(fileName, error);
    }
    const s = subject(fileName);
    try {
      if (zipfile.entryCount > limits.maxEntries) {
        throw rejected(
          'too_large',
          `${s.zh}包含 ${zipfile.entryCount} 个压缩条目，超过上限 ${limits.maxEntries} 个，不像是正常的 Excel 工作簿。${RESAVE_ZH}`,
          `${s.en} contains ${zipfile.entryCount} archive entries, more than the limit of ${limits.maxEntries}; that is not what a normal Excel workbook looks like. ${RESAVE_EN}`,
        );
      }
      const entries = new Map<string, Entry>();
      const folded = new Map<string, Entry>();
      let declared = 0;
      const check = (entry: Entry): void => {
        const name = entry.fileName;
        // yauzl already refuses these; checked again so that safety never rests on one library.
        if (/^([a-zA-Z]:|[/\\])/.test(name) || name.split(/[/\\]/).includes('..')) throw unsafeName(fileName, name);
        if (entry.isEncrypted()) throw encryptedZip(fileName);
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes) {
          const size = formatSize(declared);
          const limit = formatSize(limits.maxUncompressedBytes);
          throw rejected(
            'too_large',
            `${s.zh}解压后的数据量至少为 ${size.zh}，超过上限 ${limit.zh}。${SPLIT_ZH}`,
            `${s.en} expands to at least ${size.en}, more than the limit of ${limit.en}. ${SPLIT_EN}`,
          );
        }
        if (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES) {
          const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
          if (ratio > limits.maxRatio) {
            const size = formatSize(entry.uncompressedSize);
            throw rejected(
              'too_large',
              `${s.zh}中的“${name}”压缩比高达 ${Math.round(ratio)}:1（解压后 ${size.zh}），超过上限 ${limits.maxRatio}:1，疑似“压缩炸弹”，已拒绝读取。${RESAVE_ZH}若文件确实很大，${SPLIT_ZH}`,
              `In ${s.en}, "${name}" is compressed ${Math.round(ratio)}:1 (${size.en} once inflated), beyond the limit of ${limits.maxRatio}:1; it looks like a zip bomb and was not read. ${RESAVE_EN} If the workbook really is that large, ${SPLIT_EN.charAt(0).toLowerCase()}${SPLIT_EN.slice(1)}`,
            );
          }
        }
        if (name.endsWith('/')) return; // a directory
        const key = name.toLowerCase();
        if (entries.has(name) || folded.has(key)) {
          throw rejected(
            'not_xlsx',
            `${s.zh}中有重复的条目“${name}”，内容有歧义，这不是 Excel 生成的工作簿。${RESAVE_ZH}`,
            `${s.en} contains the entry "${name}" twice, so its content is ambiguous; Excel never writes such a file. ${RESAVE_EN}`,
          );
        }
        entries.set(name, entry);
        folded.set(key, entry);
      };
      await new Promise<void>((resolve, reject) => {
        zipfile.on('entry', (entry: Entry) => {
          try {
            check(entry);
          } catch (error) {
            reject(error);
            return;
          }
          zipfile.readEntry();
        });
        zipfile.on('end', () => resolve());
        zipfile.on('error', (error: unknown) => reject(error));
        zipfile.readEntry();
      });
      return new XlsxZip(bytes, zipfile, entries, folded, limits, fileName);
    } catch (error) {
      zipfile.close();
      throw classifyYauzlError(fileName, error);
    }
  }

  private entry(name: string): Entry | undefined {
    const clean = name.startsWith('/') ? name.slice(1) : name;
    return this.entries.get(clean) ?? this.folded.get(clean.toLowerCase());
  }

  /** Whether the archive holds the file (exact name, else case-insensitively as OPC says). */
  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** The names of all files (directories left out), in archive order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The uncompressed size the central directory declares, or null when there is no such file. */
  declaredSize(name: string): number | null {
    return this.entry(name)?.uncompressedSize ?? null;
  }

  /** The entry inflated as UTF-8 text chunks, with the checks of `bytes()`. */
  async *stream(name: string, maxBytes: number = this.limits.maxEntryBytes): AsyncGenerator<string, void, undefined> {
    for await (const bytes of this.bytes(name, maxBytes)) yield bytes.toString('utf8');
  }

  /**
   * The entry inflated as chunks of strict UTF-8, each ending on a character boundary. Throws (while iterating) WorkbookRejected
   * `too_large` as soon as more than `maxBytes` real bytes come out (or the entry declares more,
   * or inflates to more than it declares), and `not_xlsx` for a missing entry, a broken deflate
   * stream, truncated data or a CRC-32 mismatch.
   */
  async *bytes(name: string, maxBytes: number = this.limits.maxEntryBytes): AsyncGenerator<Buffer, void, undefined> {
    if (this.closed) throw new Error('XlsxZip: bytes() after close()');
    const s = subject(this.fileName);
    const entry = this.entry(name);
    if (!entry) {
      throw rejected(
        'not_xlsx',
        `${s.zh}缺少必需的部件“${name}”，不是完整的 Excel 工作簿。${RESAVE_ZH}`,
        `${s.en} lacks the part "${name}", so it is not a complete Excel workbook. ${RESAVE_EN}`,
      );
    }
    const part = entry.fileName;
    const tooLarge = (count: number, declaredOnly = false) => {
      const size = formatSize(count);
      const limit = formatSize(maxBytes);
      return rejected(
        'too_large',
        `${s.zh}中的“${part}”解压后${declaredOnly ? '声明为' : '超过'} ${size.zh}，超过单个部件的上限 ${limit.zh}，已停止读取。${SPLIT_ZH}`,
        `In ${s.en}, "${part}" ${declaredOnly ? 'declares' : 'inflates to more than'} ${size.en}, beyond the limit of ${limit.en} for one part; reading stopped. ${SPLIT_EN}`,
      );
    };
    if (entry.uncompressedSize > maxBytes) throw tooLarge(entry.uncompressedSize, true);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw rejected(
        'not_xlsx',
        `${s.zh}中的“${part}”使用了 Excel 不会使用的压缩方式（${entry.compressionMethod}），无法读取。${RESAVE_ZH}`,
        `In ${s.en}, "${part}" uses a compression method Excel never uses (${entry.compressionMethod}) and cannot be read. ${RESAVE_EN}`,
      );
    }
    const corrupt = (error: unknown) => {
      if (error instanceof WorkbookRejected) return error;
      const message = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error').replace(/\.\s*$/, '');
      if (message.startsWith('too many bytes in the stream')) {
        // The real count passed the size the entry declares: a lying header, the zip-bomb trick.
        return rejected(
          'too_large',
          `${s.zh}中的“${part}”解压后的数据比它声明的 ${formatSize(entry.uncompressedSize).zh} 更多，疑似“压缩炸弹”，已停止读取。${RESAVE_ZH}`,
          `In ${s.en}, "${part}" inflates to more than the ${formatSize(entry.uncompressedSize).en} it declares; it looks like a zip bomb and reading stopped. ${RESAVE_EN}`,
        );
      }
      if (message.startsWith('invalid UTF-8')) {
        return rejected(
          'not_xlsx',
          `${s.zh}中的“${part}”在约第 ${/\d+/.exec(message)?.[0]} 字节处含有不是 UTF-8 编码的文字，文件已损坏，或不是 Excel 保存的。${RESAVE_ZH}`,
          `In ${s.en}, "${part}" holds bytes that are not UTF-8 text (near byte ${/\d+/.exec(message)?.[0]}): the file is damaged, or was not saved by Excel. ${RESAVE_EN}`,
        );
      }
      if (message.startsWith('CRC-32 mismatch')) {
        return rejected(
          'not_xlsx',
          `${s.zh}中的“${part}”校验失败（CRC-32 不符），文件已损坏，可能是上传或下载中断。${RESAVE_ZH}`,
          `In ${s.en}, "${part}" fails its checksum (CRC-32 mismatch): the file is damaged, perhaps by an interrupted upload or download. ${RESAVE_EN}`,
        );
      }
      return rejected(
        'not_xlsx',
        `${s.zh}中的“${part}”无法解压：文件已损坏或不完整（${message}）。${RESAVE_ZH}`,
        `In ${s.en}, "${part}" cannot be decompressed: the file is damaged or incomplete (${message}). ${RESAVE_EN}`,
      );
    };
    let source: Readable;
    try {
      source = entry.compressionMethod === 8 ? await this.inflated(entry) : await new Promise<Readable>((resolve, reject) => {
        this.zipfile.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
      });
    } catch (error) {
      throw corrupt(error);
    }
    this.open_.add(source);
    try {
      yield* byteChunks(source, { maxBytes, crc32: entry.crc32, declaredBytes: entry.uncompressedSize, tooLarge: (count) => tooLarge(count), corrupt });
    } finally {
      this.open_.delete(source);
    }
  }

  /**
   * A deflated entry's bytes, inflated from its slice of the file (yauzl finds and bounds-checks
   * it) in INFLATE_CHUNK_BYTES pieces: yauzl's own stream inflates 16 KB at a time, and the
   * hand-over of each piece between zlib's thread and the reader cost more than inflating it.
   */
  private async inflated(entry: Entry): Promise<Readable> {
    const { fileDataStart } = await this.zipfile.readLocalFileHeaderPromise(entry, { minimal: true });
    const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
    inflate.end(this.archive.subarray(fileDataStart, fileDataStart + entry.compressedSize));
    return inflate;
  }

  /** The whole entry as text: for small parts (workbook, relationships, styles). */
  async text(name: string, maxBytes?: number): Promise<string> {
    const parts: string[] = [];
    for await (const chunk of this.stream(name, maxBytes)) parts.push(chunk);
    return parts.join('');
  }

  /** Releases the archive; open streams are destroyed. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const source of this.open_) {
      source.on('error', () => {});
      source.destroy();
    }
    this.open_.clear();
    this.zipfile.close();
  }
}
