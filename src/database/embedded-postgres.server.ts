/**
 * Child process that serves the embedded PostgreSQL (PGlite + pgvector) over the
 * Postgres wire protocol on a loopback port, so the application reaches it through
 * the same `pg`/TypeORM path as a real server.
 *
 * Why our own loop instead of PGLiteSocketServer: PGlite is a single session, and
 * pglite-socket interleaves single messages of different connections. Two clients'
 * unnamed Parse/Bind messages could then clobber each other. Here a connection's
 * messages run as one batch up to Sync/Query, and a connection that opened a
 * transaction keeps the database until it commits or rolls back.
 *
 * Usage (forked by embedded-postgres.ts): node embedded-postgres.server.js <dataDir> [port] [sharedBuffers]
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
/** Frontend message types after which the client waits for the server. */
const BATCH_END = new Set(['S', 'Q', 'X', 'H']);
const PARSE = 'P'.charCodeAt(0);
const QUERY = 'Q'.charCodeAt(0);
const CLOSE = 'C'.charCodeAt(0);
const PARSE_COMPLETE = Buffer.from([0x31, 0, 0, 0, 4]); // '1', length 4

/**
 * The named (prepared) statements of the one PGlite session, by name → the rest of their Parse message (text and
 * parameter types). A client such as pg prepares a named statement once per connection and then only binds it; here
 * every connection shares the one session, so a second connection's (or a reconnected one's) Parse of a name already
 * there would fail with "prepared statement already exists". The server answers such a Parse itself when the text and
 * parameter types are the same. Another text under a taken name still fails as in PostgreSQL: replacing it would
 * make the connections that prepared the first text run the second one (the service names statements by their hash).
 */
export class PreparedStatements {
  private readonly byName = new Map<string, Buffer>();

  /** The name and the rest of a Parse message, or null for the unnamed statement. */
  static read(message: Buffer): { name: string; rest: Buffer } | null {
    const end = message.indexOf(0, 5);
    if (end <= 5) return null;
    return { name: message.toString('utf8', 5, end), rest: message.subarray(end + 1) };
  }

  isPrepared(name: string, rest: Buffer): boolean {
    return this.byName.get(name)?.equals(rest) ?? false;
  }

  prepared(name: string, rest: Buffer): void {
    this.byName.set(name, Buffer.from(rest));
  }

  forget(name?: string): void {
    if (name === undefined) this.byName.clear();
    else this.byName.delete(name);
  }
}

class DatabaseLock {
  private owner: number | null = null;
  private waiters: Array<() => void> = [];

  async acquire(connectionId: number): Promise<void> {
    while (this.owner !== null && this.owner !== connectionId) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.owner = connectionId;
  }

  release(): void {
    this.owner = null;
    const waiters = this.waiters.splice(0);
    waiters.forEach((wake) => wake());
  }

  isHeldBy(connectionId: number): boolean {
    return this.owner === connectionId;
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly id: number,
    private readonly socket: net.Socket,
    private readonly db: PGlite,
    private readonly lock: DatabaseLock,
    private readonly statements: PreparedStatements,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.chain = this.chain.then(() => this.drain()).catch((err) => this.fail(err));
    });
    socket.on('close', () => {
      this.chain = this.chain.then(() => this.cleanup());
    });
    socket.on('error', () => socket.destroy());
  }

  /** Splits complete messages off the buffer and runs each batch under the lock. */
  private async drain(): Promise<void> {
    const batch: Buffer[] = [];
    for (;;) {
      const message = this.nextMessage();
      if (!message) break;
      if (message === 'handled') continue;
      batch.push(message);
      const type = this.started ? String.fromCharCode(message[0]) : '';
      if (!this.started) {
        this.started = true;
        await this.run([message]);
        batch.length = 0;
      } else if (BATCH_END.has(type)) {
        await this.run(batch.splice(0));
      }
    }
    if (batch.length) this.buffer = Buffer.concat([...batch, this.buffer]);
  }

  private nextMessage(): Buffer | 'handled' | null {
    if (!this.started) {
      if (this.buffer.length < 8) return null;
      const length = this.buffer.readInt32BE(0);
      const code = this.buffer.readInt32BE(4);
      if (this.buffer.length < length) return null;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (code === SSL_REQUEST) {
        this.socket.write('N');
        return 'handled';
      }
      if (code === CANCEL_REQUEST) return 'handled';
      return Buffer.from(message);
    }
    if (this.buffer.length < 5) return null;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return null;
    const message = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  private async run(messages: Buffer[]): Promise<void> {
    await this.lock.acquire(this.id);
    // One write for the batch's answer: PGlite hands it over in many pieces (a search's ≈ 190 rows), and writing
    // each as it came was 7 % of this process's time (docs/benchmarks.md, "Prepared candidate statement").
    this.socket.cork();
    try {
      for (const [index, message] of messages.entries()) {
        if (message[0] === 'X'.charCodeAt(0) && this.started) {
          this.socket.end();
          continue;
        }
        const parse = message[0] === PARSE ? PreparedStatements.read(message) : null;
        // Answered here only when it opens its batch: no earlier error of the batch can have made the session skip it.
        if (parse && index === 0 && this.statements.isPrepared(parse.name, parse.rest)) {
          this.socket.write(PARSE_COMPLETE);
          continue;
        }
        // DEALLOCATE or DISCARD sent as a query: the names may be gone (pg sends neither; any other client may).
        if (message[0] === QUERY && /\b(DEALLOCATE|DISCARD)\b/i.test(message.toString('utf8', 5))) this.statements.forget();
        if (message[0] === CLOSE && message[5] === 'S'.charCodeAt(0))
          this.statements.forget(message.toString('utf8', 6, message.length - 1));
        let first = true;
        await this.db.execProtocolRawStream(new Uint8Array(message), {
          syncToFs: index === messages.length - 1,
          onRawData: (data: Uint8Array) => {
            if (parse && first && data[0] === PARSE_COMPLETE[0]) this.statements.prepared(parse.name, parse.rest);
            first = false;
            // A copy: `data` is a view into PGlite's WebAssembly memory, which the next output overwrites. A socket
            // that cannot take it at once (a client reading slower than PGlite writes) queues the view by reference,
            // so a large answer (≈ 8 MB and more) reached the client corrupted and the client waited for ever.
            if (this.socket.writable) this.socket.write(Buffer.from(data));
          },
        });
      }
    } finally {
      this.socket.uncork();
      if (!this.db.isInTransaction()) this.lock.release();
    }
  }

  private async cleanup(): Promise<void> {
    if (!this.lock.isHeldBy(this.id)) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.lock.release();
  }

  private async fail(err: unknown): Promise<void> {
    process.stderr.write(`embedded-postgres: connection ${this.id} failed: ${String(err)}\n`);
    this.socket.destroy();
    await this.cleanup();
  }
}

/** HNSW builds (bench, model change) slow down ~4× once the graph outgrows this (100,000 resources: 195 MB). */
const MAINTENANCE_WORK_MEM = '256MB';

export async function serveEmbeddedPostgres(
  dataDir: string,
  port: number,
  sharedBuffers?: string,
): Promise<{ port: number; close(): Promise<void> }> {
  fs.mkdirSync(dataDir, { recursive: true });
  // PGlite reads pages through its virtual file system, far slower than a buffer hit: searches are
  // fast only while the catalogue and its indexes fit in shared_buffers (docs/benchmarks.md).
  const settings = [
    ...(sharedBuffers ? ['-c', `shared_buffers=${sharedBuffers}`] : []),
    '-c',
    `maintenance_work_mem=${MAINTENANCE_WORK_MEM}`,
  ];
  const db = await PGlite.create({
    dataDir: path.join(dataDir, 'pgdata'),
    extensions: { vector },
    startParams: [...PGlite.defaultStartParams, ...settings],
  });
  const lock = new DatabaseLock();
  const statements = new PreparedStatements();
  let nextId = 1;
  const server = net.createServer((socket) => new Connection(nextId++, socket, db, lock, statements));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as net.AddressInfo).port;
  return {
    port: actualPort,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  const [dataDir, portArg, sharedBuffers] = process.argv.slice(2);
  const served = await serveEmbeddedPostgres(path.resolve(dataDir ?? './data'), Number(portArg ?? 0), sharedBuffers);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await served.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Forked by the service: follow its life so that the data directory is released.
  process.on('disconnect', shutdown);
  if (process.send) process.send({ ready: true, port: served.port });
  else process.stdout.write(`embedded PostgreSQL listening on 127.0.0.1:${served.port}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`embedded-postgres: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
    if (process.send) process.send({ ready: false, error: String(err) });
    process.exit(1);
  });
}
