import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, prepareDatabase } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';

describe('migrations on an empty embedded PostgreSQL', () => {
  let embedded: EmbeddedPostgres;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-migrations-'));
    embedded = await startEmbeddedPostgres(dir);
  });
  afterAll(async () => {
    await embedded.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('apply from scratch, are idempotent, and roll back and forward cleanly', async () => {
    const first = await prepareDatabase(embedded.url);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(Number(first.pgvector.split('.')[1])).toBeGreaterThanOrEqual(8);
    const second = await prepareDatabase(embedded.url);
    expect(second.applied).toEqual([]);

    const db = new DataSource(dataSourceOptions(embedded.url));
    await db.initialize();
    try {
      const tables = async () =>
        (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map(
          (r: { tablename: string }) => r.tablename,
        );
      const full = await tables();
      expect(full).toEqual(expect.arrayContaining(['organizations', 'resources', 'api_tokens', 'search_logs']));
      const indexes = await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'resources_embedding_idx'`);
      expect(indexes[0].indexdef).toContain('hnsw');
      expect(indexes[0].indexdef).toContain('vector_cosine_ops');
      for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual(['schema_migrations']);
      await db.runMigrations({ transaction: 'each' });
      expect(await tables()).toEqual(full);
    } finally {
      await db.destroy();
    }
  });

  it('moves vectors stored out of line (TOAST) into their rows', async () => {
    await prepareDatabase(embedded.url);
    const db = new DataSource(dataSourceOptions(embedded.url));
    await db.initialize();
    try {
      // Back to before SearchStorage (later migrations first).
      const applied = async () => ((await db.query(`SELECT name FROM schema_migrations`)) as Array<{ name: string }>).map((m) => m.name);
      while ((await applied()).includes('SearchStorage1764500000000')) await db.undoLastMigration({ transaction: 'each' });
      const vector = `[${Array.from({ length: 384 }, (_, i) => ((i % 7) - 3) / 10).join(',')}]`;
      const [org] = await db.query(`INSERT INTO organizations (name, kind) VALUES ('テスト法人', 'npo') RETURNING id`);
      // A row over the 2 kB TOAST threshold, as every real resource with its search tokens is; the text
      // does not compress, so the vector, the largest value, is the one moved out of the row.
      const description = Array.from({ length: 330 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
      const [row] = await db.query(
        `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, description, embedding, embedding_model, embedding_status)
         VALUES ($1, 'ibasho', '居場所', '中央', 5, 5, $2, $3::vector, 'm', 'ready') RETURNING id`,
        [org.id, description, vector],
      );
      const toastRows = async () => {
        const [{ toast }] = await db.query(`SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE relname = 'resources'`);
        return Number((await db.query(`SELECT count(*) AS n FROM ${toast} t WHERE octet_length(t.chunk_data) > 1000`))[0].n);
      };
      expect(await toastRows()).toBeGreaterThan(0);

      await db.runMigrations({ transaction: 'each' });
      expect(await toastRows()).toBe(0);
      const [after] = await db.query(`SELECT embedding::text AS v FROM resources WHERE id = $1`, [row.id]);
      expect(JSON.parse(after.v)).toEqual(JSON.parse(vector));
    } finally {
      await db.destroy();
    }
  });
});
