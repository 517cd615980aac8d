import { DataSource } from 'typeorm';
import { EmbeddingModelRepository } from '../../src/matching/embedding-model.repository';
import { EmbeddingReconciler } from '../../src/matching/embedding.reconciler';
import { EmbeddingStateRepository } from '../../src/matching/embedding-state.repository';
import { ResourceRepository } from '../../src/resources/resource.repository';
import { resourcePassage } from '../../src/resources/resource-text';
import { createOrganization, createResource } from '../support/factories';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';
import { cosine } from '../support/vectors';

const BURST = 40;

describe('batched embedding of bulk writes (real model, embedded database, BullMQ)', () => {
  let t: TestApp;
  let db: DataSource;
  let area: string;
  let ids: string[];
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    area = uniqueArea('batch');
    const orgId = (await createOrganization(t, { name: '一括登録の受入先' })).id;
    ids = [];
    for (let i = 0; i < BURST; i++) {
      const resource = await createResource(t, orgId, {
        area,
        title: `${i + 1}番目の作業体験`,
        description: `${i + 1}番目の説明です。${i % 2 ? '畑で野菜を育てます。' : '静かな部屋でパソコン入力をします。'}`,
      });
      ids.push(resource.id);
    }
  });
  afterAll(async () => t.close());

  const readyCount = async (model?: string) => {
    const [row] = await db.query(
      `SELECT count(*)::int AS n FROM resources
        WHERE area = $1 AND embedding_status = 'ready' AND ($2::text IS NULL OR embedding_model = $2)`,
      [area, model ?? null],
    );
    return row.n as number;
  };

  it('makes a burst of new resources searchable, each row with the vector of its own text', async () => {
    await waitFor(async () => (await readyCount()) === BURST, 'the burst embedded', 120_000);
    const model = t.app.get(EmbeddingModelRepository);
    const rows = await t.app.get(ResourceRepository).findForEmbedding([ids[0], ids[1], ids[BURST - 1]]);
    for (const row of rows) {
      const { vectors } = await model.embed([resourcePassage(row)], 'passage');
      const [stored] = await db.query(`SELECT embedding::text AS v FROM resources WHERE id = $1`, [row.id]);
      expect(cosine(JSON.parse(stored.v) as number[], vectors[0])).toBeGreaterThan(0.999);
    }
  });

  it('re-embeds rows embedded by another model through the same batched runs (a model change)', async () => {
    const current = await t.app.get(EmbeddingModelRepository).ready();
    await db.query(`UPDATE resources SET embedding_model = 'an-older-model' WHERE area = $1`, [area]);
    expect(await readyCount(current)).toBe(0);
    expect(await t.app.get(EmbeddingReconciler).reconcile()).toBeGreaterThanOrEqual(BURST);
    await waitFor(async () => (await readyCount(current)) === BURST, 're-embedded by the current model', 120_000);
  });

  it('writes a batch in one statement, skipping a row whose text changed since it was read', async () => {
    const current = await t.app.get(EmbeddingModelRepository).ready();
    const rows: Array<{ id: string; hash: string }> = await db.query(
      `SELECT id, content_hash AS hash FROM resources WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids.slice(0, 2)],
    );
    const vector = new Float32Array(384).fill(0.05);
    const written = await t.app.get(EmbeddingStateRepository).saveMany('resource', current, [
      { id: rows[0].id, hash: rows[0].hash, vector },
      { id: rows[1].id, hash: 'edited-since', vector },
    ]);
    expect(written).toBe(1);
    const stored = await db.query(`SELECT id, embedding::text AS v FROM resources WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      ids.slice(0, 2),
    ]);
    expect((JSON.parse(stored[0].v) as number[])[0]).toBeCloseTo(0.05, 5);
    expect((JSON.parse(stored[1].v) as number[])[0]).not.toBeCloseTo(0.05, 5);
  });
});
