// `COPY … FROM STDIN` on a node-postgres client, fed from an iterator of ready-made chunks (for
// the binary format, see copy-binary.ts). node-postgres runs a "submittable" object as a query
// and hands it the protocol's messages; this one answers the server's CopyInResponse with its
// chunks as CopyData messages, then CopyDone. The chunks are made one at a time while the server
// is already inserting the earlier ones, with the thread handed back between them (other work of
// the worker runs meanwhile), and the socket's own buffer kept short.
import { setImmediate as turn } from 'node:timers/promises';
import type pg from 'pg';

/** Unsent bytes above which the next chunk waits for the socket to drain. */
const HIGH_WATER = 1 << 20;

/** A protocol message: its type byte, its length (counting itself) and its body. */
function message(type: string, body: Buffer): Buffer[] {
  const head = Buffer.allocUnsafe(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 1);
  return [head, body];
}

/** When the socket has sent what it held, or closed. */
function drained(stream: pg.Connection['stream']): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

class CopyIn implements pg.Submittable {
  private settle: ((error: Error | null) => void) | null;
  /** Why a chunk could not be made, reported instead of the server's echo of it. */
  private unmade: Error | null = null;

  constructor(
    private readonly sql: string,
    private readonly chunks: Iterator<Buffer>,
    settle: (error: Error | null) => void,
  ) {
    this.settle = settle;
  }

  submit(connection: pg.Connection): void {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: pg.Connection): void {
    this.send(connection.stream).catch((error: unknown) => {
      // A chunk could not be made: CopyFail makes the server end the COPY with an error, which
      // rejects the statement (and so the audit's transaction).
      this.unmade = error instanceof Error ? error : new Error(String(error));
      for (const part of message('f', Buffer.from(`${this.unmade.message}\0`))) connection.stream.write(part);
    });
  }

  private async send(stream: pg.Connection['stream']): Promise<void> {
    for (let next = this.chunks.next(); !next.done; next = this.chunks.next()) {
      // After an error the server drops what follows, and a closed socket sends nothing: stop making it.
      if (this.settle === null || stream.destroyed) return;
      for (const part of message('d', next.value)) stream.write(part);
      if (stream.writableLength > HIGH_WATER) await drained(stream);
      else await turn();
    }
    if (this.settle !== null) for (const part of message('c', Buffer.alloc(0))) stream.write(part);
  }

  handleError(error: Error): void {
    this.finish(this.unmade ?? error);
  }

  handleReadyForQuery(): void {
    this.finish(null);
  }

  private finish(error: Error | null): void {
    const settle = this.settle;
    this.settle = null;
    settle?.(error);
  }

  // Nothing else comes back from a COPY FROM than its CommandComplete.
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `sql` (a `COPY … FROM STDIN`) on `client` with `chunks` as its data; rejects with the server's error. */
export function copyIn(client: pg.ClientBase, sql: string, chunks: Iterable<Buffer>): Promise<void> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(sql, chunks[Symbol.iterator](), (error) => (error ? reject(error) : resolve())));
  });
}
