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
      const tables = async () => (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);
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
});
