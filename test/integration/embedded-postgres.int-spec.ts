import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * The embedded server (src/database/embedded-postgres.server.ts) must deliver large answers intact. It once wrote views
 * into PGlite's memory to the socket; under backpressure the socket kept the view, PGlite overwrote it, and an answer of
 * ≈ 8 MB or more arrived corrupted: the `pg` client waited for ever (the 10,000-row import commit hung on it).
 */
describe('embedded PostgreSQL server', () => {
  let embedded: EmbeddedPostgres;
  let dir: string;
  let client: Client;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-embedded-'));
    embedded = await startEmbeddedPostgres(dir);
    client = new Client({ connectionString: embedded.url });
    await client.connect();
    await client.query(`CREATE TABLE big (n integer PRIMARY KEY, record jsonb NOT NULL)`);
    // 10,000 rows of ≈ 1.5 kB: an answer of ≈ 15 MB.
    await client.query(`INSERT INTO big SELECT n, jsonb_build_object('pad', repeat('あ', 500), 'n', n) FROM generate_series(1, 10000) n`);
  });
  afterAll(async () => {
    await client.end();
    await embedded.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const intact = (rows: Array<{ n: number; record: { n: number; pad: string } }>) =>
    rows.length === 10_000 && rows.every((r, i) => r.n === i + 1 && r.record.n === r.n && r.record.pad.length === 500);

  it('delivers a 15 MB answer intact over the extended protocol (bound parameters)', async () => {
    const { rows } = await client.query(`SELECT n, record FROM big WHERE n > $1 ORDER BY n`, [0]);
    expect(intact(rows)).toBe(true);
  });

  it('delivers it intact over the simple protocol, and twice in a row on one connection', async () => {
    for (let i = 0; i < 2; i++) {
      const { rows } = await client.query(`SELECT n, record FROM big ORDER BY n`);
      expect(intact(rows)).toBe(true);
    }
  });

  /**
   * PGlite is one session shared by every connection, while pg prepares a named statement once per connection: the
   * server answers a repeated Parse of the same name and text itself (a second connection, a reconnected one).
   */
  describe('named (prepared) statements across connections', () => {
    const SUM = { name: 'spec_sum', text: 'SELECT sum(n)::int AS total FROM big WHERE n <= $1' };
    const connect = async () => {
      const c = new Client({ connectionString: embedded.url });
      await c.connect();
      return c;
    };

    it('prepares a name once in the session and lets other and new connections use it with their own parameters', async () => {
      const others = [await connect(), await connect()];
      try {
        expect((await client.query({ ...SUM, values: [3] })).rows).toEqual([{ total: 6 }]);
        expect((await others[0].query({ ...SUM, values: [4] })).rows).toEqual([{ total: 10 }]);
        // both again (pg sends only Bind/Execute now), interleaved
        const [a, b] = await Promise.all([client.query({ ...SUM, values: [5] }), others[1].query({ ...SUM, values: [100] })]);
        expect([a.rows, b.rows]).toEqual([[{ total: 15 }], [{ total: 5050 }]]);
      } finally {
        await Promise.all(others.map((c) => c.end()));
      }
      const reconnected = await connect();
      try {
        expect((await reconnected.query({ ...SUM, values: [2] })).rows).toEqual([{ total: 3 }]);
        const { rows } = await reconnected.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1`, [SUM.name]);
        expect(rows).toEqual([{ n: 1 }]);
      } finally {
        await reconnected.end();
      }
    });

    it('refuses another text under a taken name (as PostgreSQL does) and leaves the first text in place', async () => {
      const other = await connect();
      try {
        await expect(other.query({ name: SUM.name, text: 'SELECT $1::int * 1000 AS total', values: [1] })).rejects.toMatchObject({
          code: '42P05',
        });
        expect((await client.query({ ...SUM, values: [3] })).rows).toEqual([{ total: 6 }]);
        expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]); // the connection is still usable
      } finally {
        await other.end();
      }
    });

    it('does not answer for a statement that failed to prepare, nor after one was closed', async () => {
      const bad = { name: 'spec_bad', text: 'SELECT no_such_column FROM big WHERE n = $1' };
      await expect(client.query({ ...bad, values: [1] })).rejects.toMatchObject({ code: '42703' });
      const other = await connect();
      try {
        await expect(other.query({ ...bad, values: [1] })).rejects.toMatchObject({ code: '42703' });
        // prepared by `other`, then deallocated by a query: a new connection's Parse must reach the session again
        expect((await other.query({ name: 'spec_gone', text: 'SELECT $1::int + 1 AS x', values: [1] })).rows).toEqual([{ x: 2 }]);
        await other.query('DEALLOCATE spec_gone');
      } finally {
        await other.end();
      }
      const fresh = await connect();
      try {
        expect((await fresh.query({ name: 'spec_gone', text: 'SELECT $1::int + 1 AS x', values: [41] })).rows).toEqual([{ x: 42 }]);
      } finally {
        await fresh.end();
      }
    });
  });
});
