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
});
