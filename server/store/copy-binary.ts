// Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
// "Binary Format"), written straight into buffers: a text value is its UTF-8 bytes behind their
// length, so nothing is escaped on either side (the text format would double every backslash of
// the JSON the store keeps, and the server undo it), and numbers go as their 4 or 8 bytes.
// The buffers are handed out a chunk at a time, so that a table's rows are sent while the rest
// are still being written.

/** The column types the store's COPYs use. */
export type CopyType = 'text' | 'int4' | 'float8';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** About this many bytes a chunk; each is written into twice that, so that rows rarely outgrow it. */
const CHUNK = 256 * 1024;
const ROOM = 2 * CHUNK;

export class CopyWriter {
  private buffer = Buffer.allocUnsafe(ROOM);
  private length = 0;

  constructor() {
    SIGNATURE.copy(this.buffer, 0);
    // Flags (no OIDs), then the length of a header extension (none).
    this.buffer.writeInt32BE(0, SIGNATURE.length);
    this.buffer.writeInt32BE(0, SIGNATURE.length + 4);
    this.length = SIGNATURE.length + 8;
  }

  /** Whether a chunk's worth is written: `take()` it before writing on. */
  get full(): boolean {
    return this.length >= CHUNK;
  }

  /** The bytes written since the last take. */
  take(): Buffer {
    const chunk = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(ROOM);
    this.length = 0;
    return chunk;
  }

  /** The last chunk, with the trailer that ends the data. */
  end(): Buffer {
    this.room(2);
    this.length = this.buffer.writeInt16BE(-1, this.length);
    return this.take();
  }

  /** Starts a row of `fields` values. */
  row(fields: number): void {
    this.room(2);
    this.length = this.buffer.writeInt16BE(fields, this.length);
  }

  text(value: string | null): void {
    if (value === null) return this.null();
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.room(4 + value.length * 3);
    const bytes = this.buffer.write(value, this.length + 4, 'utf8');
    this.buffer.writeInt32BE(bytes, this.length);
    this.length += 4 + bytes;
  }

  int4(value: number | null): void {
    if (value === null) return this.null();
    // writeInt32BE would take 1.5 as 1, where the text format refuses it.
    if (!Number.isInteger(value)) throw new Error(`not an integer: ${value}`);
    this.room(8);
    this.buffer.writeInt32BE(4, this.length);
    this.length = this.buffer.writeInt32BE(value, this.length + 4);
  }

  float8(value: number | null): void {
    if (value === null) return this.null();
    this.room(12);
    this.buffer.writeInt32BE(8, this.length);
    this.length = this.buffer.writeDoubleBE(value, this.length + 4);
  }

  /** A value of the given type. */
  value(type: CopyType, value: string | number | null): void {
    if (type === 'text') this.text(value as string | null);
    else if (type === 'int4') this.int4(value as number | null);
    else this.float8(value as number | null);
  }

  null(): void {
    this.room(4);
    this.length = this.buffer.writeInt32BE(-1, this.length);
  }

  /** Bytes already in binary COPY form (fields of a row that are the same in every row). */
  raw(bytes: Buffer): void {
    this.room(bytes.length);
    this.length += bytes.copy(this.buffer, this.length);
  }

  /** At least `bytes` free after what is written, in a larger buffer if need be (what is written kept). */
  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}

/** `rows` in binary COPY format, a chunk at a time: each row is written (`write`) only when the chunk before it has been taken. */
export function* copyChunks<Row>(rows: Iterable<Row>, write: (writer: CopyWriter, row: Row) => void): Generator<Buffer> {
  const writer = new CopyWriter();
  for (const row of rows) {
    write(writer, row);
    if (writer.full) yield writer.take();
  }
  yield writer.end();
}
