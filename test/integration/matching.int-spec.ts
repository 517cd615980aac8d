import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/config/app-config';
import { PlannerStatisticsRepository } from '../../src/database/planner-statistics.repository';
import { ReconcileScheduler } from '../../src/jobs/reconcile.scheduler';
import { ReconcileRegistry } from '../../src/jobs/reconcile.registry';
import { PlannerStatisticsReconciler } from '../../src/database/planner-statistics.reconciler';
import { EmbeddingModelRepository } from '../../src/matching/embedding-model.repository';
import { MatchRepository, type HardFilters } from '../../src/matching/match.repository';
import { createOrganization, createResource } from '../support/factories';
import { createParticipant } from '../support/people';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('embedding jobs and ranked matching (real model, pgvector, BullMQ)', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await createOrganization(t, { name: 'マッチング受入先' })).id;
  });
  afterAll(async () => t.close());

  const status = async (id: string) => (await t.http().get(`/api/v1/resources/${id}`).set(t.admin)).body.embedding;
  const ready = (id: string) => waitFor(async () => ((await status(id)).status === 'ready' ? status(id) : null), `resource ${id} embedded`);
  const search = (body: object) => t.http().post('/api/v1/matches/search').set(t.admin).send(body);

  async function catalogue(area: string) {
    const farm = await createResource(t, orgId, {
      area,
      type: 'work_experience',
      title: '畑の草取りと野菜の収穫',
      tasks: ['草取り', '収穫'],
      description: '農園で季節の野菜の草取りや収穫をします。外で体を動かす作業です。',
      schedule: [{ day: 'tue', start: '09:00', end: '11:00' }],
      demands: { talking: 'low', physical: 'high', literacy: 'low' },
      accommodations: ['visit_ok'],
    });
    const data = await createResource(t, orgId, {
      area,
      type: 'work_experience',
      title: 'パソコンでのデータ入力',
      tasks: ['データ入力'],
      description: '静かな事務所で、アンケートの集計をパソコンに入力します。一人で黙々とできる作業です。',
      schedule: [{ day: 'thu', start: '13:00', end: '15:00' }],
      demands: { talking: 'low', physical: 'low', literacy: 'high' },
      accommodations: ['quiet', 'seated', 'short_hours'],
    });
    const salon = await createResource(t, orgId, {
      area,
      type: 'ibasho',
      title: 'ふれあいサロン',
      tasks: ['お茶', 'おしゃべり'],
      description: '地域の人が集まってお茶を飲みながらおしゃべりを楽しむ居場所です。',
      schedule: [{ day: 'wed', start: '13:00', end: '16:00' }],
      demands: { talking: 'high', physical: 'low', literacy: 'low' },
      accommodations: ['visit_ok', 'small_group'],
    });
    await Promise.all([farm, data, salon].map((r) => ready(r.id)));
    return { farm, data, salon };
  }

  it('makes a resource searchable once its job has embedded it, and ranks by meaning', async () => {
    const area = uniqueArea();
    const minimal = await t
      .http()
      .post('/api/v1/resources')
      .set(t.admin)
      .send({
        organizationId: orgId,
        type: 'other',
        title: '最小限の資源',
        description: '説明',
        area,
        schedule: [],
        capacity: 1,
        vacancies: 1,
      })
      .expect(201);
    const { farm, data } = await catalogue(area);
    const embedded = await ready(minimal.body.id);
    expect(embedded.model).toBe(t.app.get(EmbeddingModelRepository).status().name);

    const res = await search({ needs: '外で体を動かしたい。畑仕事や草取りをしてみたい', filters: { areas: [area] } }).expect(200);
    expect(res.body.model).toBe(embedded.model);
    expect(res.body.results[0].resource.id).toBe(farm.id);
    const quiet = await search({ needs: '人と話すのが苦手。静かな場所で黙々とパソコン作業がしたい', filters: { areas: [area] } }).expect(
      200,
    );
    expect(quiet.body.results[0].resource.id).toBe(data.id);
  });

  it('explains every result in Japanese', async () => {
    const area = uniqueArea();
    await catalogue(area);
    const res = await search({
      needs: '静かな場所で座ってできる作業',
      filters: { areas: [area] },
      constraints: { availableDays: ['thu'], avoid: ['talking'] },
    }).expect(200);
    expect(res.body.results.length).toBeGreaterThan(0);
    for (const result of res.body.results) {
      expect(result.reasons.length).toBeGreaterThan(0);
      for (const reason of result.reasons) expect(reason).toMatch(JAPANESE);
      expect(typeof result.score).toBe('number');
    }
    expect(res.body.results[0].reasons).toEqual(expect.arrayContaining(['希望の曜日（木）に活動あり', '人と話すことが少ない']));
  });

  it('gives other hosts a place near the top (variety across hosts)', async () => {
    const area = uniqueArea();
    const otherOrg = (await createOrganization(t, { name: '別の受入先' })).id;
    const opening = {
      area,
      type: 'work_experience',
      title: '倉庫での軽作業',
      tasks: ['仕分け'],
      description: '倉庫で荷物の仕分けをします。',
      schedule: [{ day: 'mon', start: '09:00', end: '12:00' }],
    };
    // four identical openings of one host and one of another: the same score, so only variety separates them
    const same = await Promise.all([1, 2, 3, 4].map(() => createResource(t, orgId, opening)));
    const other = await createResource(t, otherOrg, opening);
    await Promise.all([...same, other].map((r) => ready(r.id)));
    const res = await search({ needs: '倉庫で仕分けの軽作業がしたい', filters: { areas: [area] } }).expect(200);
    const ids = res.body.results.map((r: { resource: { id: string } }) => r.resource.id);
    expect(ids).toHaveLength(5);
    expect(ids.slice(0, 2)).toContain(other.id);
  });

  it('never returns paused, closed or full resources (unless includeFull)', async () => {
    const area = uniqueArea();
    const { farm, data, salon } = await catalogue(area);
    await t.http().patch(`/api/v1/resources/${farm.id}`).set(t.admin).send({ status: 'paused' }).expect(200);
    await t.http().patch(`/api/v1/resources/${salon.id}`).set(t.admin).send({ status: 'closed' }).expect(200);
    await t.http().patch(`/api/v1/resources/${data.id}`).set(t.admin).send({ vacancies: 0 }).expect(200);
    const res = await search({ needs: '畑で草取り', filters: { areas: [area] } }).expect(200);
    expect(res.body.results).toEqual([]);
    expect(res.body.unmet).toBe(true);
    const withFull = await search({ needs: '畑で草取り', filters: { areas: [area] }, includeFull: true }).expect(200);
    expect(withFull.body.results.map((r: { resource: { id: string } }) => r.resource.id)).toEqual([data.id]);
    expect(withFull.body.results[0].cautions).toContain('現在満員（空き待ち）');
    expect(withFull.body.results[0].reasons.join()).not.toContain('満員');
  });

  it('honours every hard filter exactly', async () => {
    const area = uniqueArea();
    const other = uniqueArea();
    const { farm, data, salon } = await catalogue(area);
    const elsewhere = await createResource(t, orgId, { area: other, title: '別地区の畑' });
    await ready(elsewhere.id);
    const ids = async (filters: object) =>
      (await search({ needs: '畑の草取り', filters: { areas: [area], ...filters }, limit: 50 }).expect(200)).body.results
        .map((r: { resource: { id: string } }) => r.resource.id)
        .sort();

    expect(await ids({})).toEqual([farm.id, data.id, salon.id].sort());
    expect(await ids({ types: ['ibasho'] })).toEqual([salon.id]);
    expect(await ids({ days: ['thu'] })).toEqual([data.id]);
    expect(await ids({ days: ['mon'] })).toEqual([]);
    expect(await ids({ accommodations: ['quiet', 'seated'] })).toEqual([data.id]);
    expect(await ids({ accommodations: ['visit_ok'] })).toEqual([farm.id, salon.id].sort());
    expect(await ids({ areas: [other] })).toEqual([elsewhere.id]);

    await t.http().patch(`/api/v1/resources/${farm.id}`).set(t.admin).send({ accessMinutes: 5 }).expect(200);
    await t.http().patch(`/api/v1/resources/${data.id}`).set(t.admin).send({ accessMinutes: 40 }).expect(200);
    expect(await ids({ maxTravelMinutes: 20 })).toEqual([farm.id]);
  });

  it('finds the same candidates whether the filters leave few rows (exact) or many (HNSW index)', async () => {
    const area = uniqueArea();
    const { farm, data, salon } = await catalogue(area);
    const db = t.app.get(DataSource);
    const { model, vectors } = await t.app.get(EmbeddingModelRepository).embed(['静かな場所で黙々と作業したい'], 'query');
    const exact = new MatchRepository(db, t.config); // a test catalogue is far below SEARCH_EXACT_MAX_ROWS
    const indexed = new MatchRepository(db, Object.assign(new AppConfig(), t.config, { searchExactMaxRows: 0 }));
    const ids = async (repo: MatchRepository, filters: Partial<HardFilters>) =>
      (await repo.findCandidates(model, vectors[0], ['静か', '作業'], { includeFull: false, areas: [area], ...filters }, 10))
        .map((c) => c.id)
        .sort();

    const all = await ids(exact, {});
    expect(all).toEqual([farm.id, data.id, salon.id].sort());
    expect(await ids(indexed, {})).toEqual(all);
    expect(await ids(exact, { types: ['work_experience'], days: ['thu'] })).toEqual([data.id]);
    expect(await ids(indexed, { types: ['work_experience'], days: ['thu'] })).toEqual([data.id]);
  });

  it('answers a repeated search from the cached needs vector with the same results, and logs every search', async () => {
    const area = uniqueArea();
    await catalogue(area);
    const db = t.app.get(DataSource);
    const embed = jest.spyOn(t.app.get(EmbeddingModelRepository), 'embed');
    try {
      const body = { needs: `静かな場所で黙々とできる作業（${area}）`, filters: { areas: [area] } };
      const before = (await db.query(`SELECT count(*)::int AS n FROM search_logs`))[0].n as number;
      const first = await search(body).expect(200);
      const again = await search(body).expect(200);
      expect(embed).toHaveBeenCalledTimes(1);
      expect(again.body).toEqual(first.body);
      const logged = await db.query(`SELECT result_ids FROM search_logs ORDER BY created_at DESC LIMIT 2`);
      expect((await db.query(`SELECT count(*)::int AS n FROM search_logs`))[0].n).toBe(before + 2);
      const ids = first.body.results.map((r: { resource: { id: string } }) => r.resource.id);
      expect(logged.map((l: { result_ids: string[] }) => l.result_ids)).toEqual([ids, ids]);
    } finally {
      embed.mockRestore();
    }
  });

  it('re-embeds a resource when its description changes', async () => {
    const area = uniqueArea();
    const resource = await createResource(t, orgId, { area, title: '作業所', description: '木工で小物を作ります。' });
    const first = await ready(resource.id);
    const before = await t.app.get(DataSource).query('SELECT embedding::text AS v FROM resources WHERE id = $1', [resource.id]);
    const patched = await t
      .http()
      .patch(`/api/v1/resources/${resource.id}`)
      .set(t.admin)
      .send({ description: 'パンやお菓子を焼いて販売します。' })
      .expect(200);
    expect(patched.body.embedding.status).toMatch(/pending|ready/);
    await waitFor(async () => {
      const row = await t.app
        .get(DataSource)
        .query('SELECT embedding::text AS v, embedding_status AS s FROM resources WHERE id = $1', [resource.id]);
      return row[0].s === 'ready' && row[0].v !== before[0].v;
    }, 're-embedding');
    const res = await search({ needs: 'パンを焼く仕事がしたい', filters: { areas: [area] } }).expect(200);
    expect(res.body.results[0].resource.id).toBe(resource.id);
    expect(first.model).toBeTruthy();
  });

  it('re-embeds everything embedded by another model, and never compares vectors across models', async () => {
    const area = uniqueArea();
    const resource = await createResource(t, orgId, { area });
    await ready(resource.id);
    const db = t.app.get(DataSource);
    await db.query(`UPDATE resources SET embedding_model = 'old-model/v0' WHERE id = $1`, [resource.id]);
    const hidden = await search({ needs: '草取り', filters: { areas: [area] } }).expect(200);
    expect(hidden.body.results).toEqual([]);
    const reconciled = await t.app.get(ReconcileScheduler).reconcile();
    expect(reconciled.embeddingsOutstanding).toBeGreaterThanOrEqual(1);
    await waitFor(
      async () => (await db.query('SELECT embedding_model AS m FROM resources WHERE id = $1', [resource.id]))[0].m !== 'old-model/v0',
      'model change re-embedding',
    );
    const back = await search({ needs: '草取り', filters: { areas: [area] } }).expect(200);
    expect(back.body.results.map((r: { resource: { id: string } }) => r.resource.id)).toEqual([resource.id]);
  });

  it('marks a resource failed when the model process dies, then recovers and retries', async () => {
    const model = t.app.get(EmbeddingModelRepository);
    const area = uniqueArea();
    process.kill(model.processId()!, 'SIGKILL');
    await waitFor(async () => model.status().state === 'failed', 'model reported failed');
    const health = await t.http().get('/health').expect(503);
    expect(health.body.embeddingModel.state).toBe('failed');
    const resource = await createResource(t, orgId, { area, title: '失敗からの回復' });
    await waitFor(async () => (await status(resource.id)).status === 'failed', 'embedding marked failed');
    await ready(resource.id);
    await t.http().get('/health').expect(200);
  });

  it('reads constraints out of the needs text, ranks with them, cites the phrase, and drops what the coordinator removes', async () => {
    const area = uniqueArea();
    const { data, salon } = await catalogue(area);
    const needs = '人と話すのが苦手で、午後からなら2時間くらい。母は人付き合いが好き。';
    const res = await search({ needs, filters: { areas: [area] } }).expect(200);
    const read = res.body.understood.map((u: { field: string; value: unknown }) => `${u.field}=${u.value}`);
    expect(read.sort()).toEqual(['avoid=talking', 'sessionMinutes=120', 'timeOfDay=afternoon']);
    expect(res.body.understood[0]).toEqual({
      phrase: '人と話すのが苦手',
      field: 'avoid',
      value: 'talking',
      label: '避けたいこと: 人と話す',
      applied: true,
    });
    const top = res.body.results[0];
    expect(top.resource.id).toBe(data.id);
    expect(top.reasons).toEqual(
      expect.arrayContaining(['『人と話すのが苦手』→ 人と話すことが少ない', '『午後から』→ 午後の開催（13:00〜15:00）']),
    );
    const salonFit = res.body.results.find((r: { resource: { id: string } }) => r.resource.id === salon.id).signals.fit;

    const without = await search({ needs, filters: { areas: [area] }, ignore: [{ field: 'avoid', value: 'talking' }] }).expect(200);
    expect(without.body.understood.map((u: { field: string }) => u.field)).not.toContain('avoid');
    const salonFitWithout = without.body.results.find((r: { resource: { id: string } }) => r.resource.id === salon.id).signals.fit;
    expect(salonFitWithout).toBeGreaterThan(salonFit);

    // Structured days replace the days read from the text (returned, marked not applied).
    const structured = await search({
      needs: '火曜なら行けます',
      filters: { areas: [area] },
      constraints: { availableDays: ['thu'] },
    }).expect(200);
    expect(structured.body.understood).toEqual([expect.objectContaining({ field: 'availableDays', value: 'tue', applied: false })]);

    // The participant path reads the stored needs text.
    const person = await createParticipant(t, { area, needs: '大勢は苦手で少人数なら。静かな所がいい' });
    const stored = await search({ participantId: person.id, filters: { areas: [area] } }).expect(200);
    const storedRead = stored.body.understood.map((u: { field: string; value: string }) => `${u.field}=${u.value}`).sort();
    expect(storedRead).toEqual(['avoidConcept=lively', 'preferredAccommodations=quiet', 'preferredAccommodations=small_group']);
  });

  it('reads what the person wants to do and avoid as concepts, stores each resource’s, ranks and explains with them', async () => {
    const area = uniqueArea();
    const { farm, data, salon } = await catalogue(area);
    const stored = await t.app
      .get(DataSource)
      .query(`SELECT id, concepts FROM resources WHERE id = ANY($1::uuid[])`, [[farm.id, data.id, salon.id]]);
    const conceptsOf = (id: string) => [...stored.find((r: { id: string }) => r.id === id).concepts].sort();
    expect(conceptsOf(farm.id)).toEqual(['farming', 'work']);
    expect(conceptsOf(data.id)).toEqual(['office', 'work']);
    expect(conceptsOf(salon.id)).toEqual(['belong']);

    const needs = '野菜を育てるのに興味がある。おしゃべりの多い居場所は避けたい。';
    const res = await search({ needs, filters: { areas: [area] } }).expect(200);
    const read = res.body.understood.filter((u: { field: string }) => u.field.endsWith('oncept'));
    expect(read).toEqual([
      { phrase: '野菜', field: 'concept', value: 'farming', label: '希望する内容: 農作業・園芸', applied: true },
      { phrase: '居場所', field: 'avoidConcept', value: 'belong', label: '避けたい内容: 居場所', applied: true },
    ]);
    type Result = { resource: { id: string }; signals: { concept: number }; reasons: string[]; cautions: string[] };
    const byId = (body: { results: Result[] }, id: string) => body.results.find((r) => r.resource.id === id)!;
    expect(res.body.results[0].resource.id).toBe(farm.id);
    expect(byId(res.body, farm.id).signals.concept).toBe(1);
    expect(byId(res.body, farm.id).reasons).toContain('『野菜』→ 農作業・園芸');
    expect(byId(res.body, salon.id).signals.concept).toBe(-1);
    expect(byId(res.body, salon.id).cautions).toContain('避けたい内容に当たる：居場所');

    // The coordinator removes the avoided concept: the salon is no longer held against it.
    const without = await search({ needs, filters: { areas: [area] }, ignore: [{ field: 'avoidConcept', value: 'belong' }] }).expect(200);
    expect(byId(without.body, salon.id).signals.concept).toBe(0);
    expect(byId(without.body, salon.id).cautions.join()).not.toContain('避けたい内容');
  });

  it('refuses an ignore entry with an unknown field, naming the field in Japanese', async () => {
    const res = await search({ needs: '午後から', ignore: [{ field: 'color', value: 'red' }] }).expect(400);
    expect(res.body.errors[0].field).toBe('ignore[0].field');
    expect(res.body.errors[0].message).toContain('読み取った条件の項目');
    const value = await search({ needs: '午後から', ignore: [{ field: 'avoid', value: { a: 1 } }] }).expect(400);
    expect(value.body.errors[0].field).toBe('ignore[0].value');
    expect(value.body.errors[0].message).toContain('読み取った条件の値');
  });

  it('rejects empty and oversized needs with a 400 naming needs, and keeps needs out of the search log', async () => {
    const empty = await search({ needs: '' }).expect(400);
    expect(empty.body.errors[0].field).toBe('needs');
    const huge = await search({ needs: 'あ'.repeat(20_000) }).expect(400);
    expect(huge.body.errors[0].field).toBe('needs');
    expect(JSON.stringify(huge.body)).not.toContain('あああ');
    await search({ needs: '秘密の相談内容ABC', limit: 3 }).expect(200);
    const logged = await t.app.get(DataSource).query(`SELECT * FROM search_logs ORDER BY created_at DESC LIMIT 1`);
    expect(JSON.stringify(logged)).not.toContain('秘密の相談内容');
    expect(logged[0]).toMatchObject({ actor_role: 'admin' });
    const limit = await search({ needs: 'テスト', limit: 51 }).expect(400);
    expect(limit.body.errors[0].field).toBe('limit');
  });

  it('refreshes the planner statistics of tables that changed enough, on the embedded database (no autovacuum)', async () => {
    const db = t.app.get(DataSource);
    const statistics = t.app.get(PlannerStatisticsRepository);
    expect(await statistics.needsManualAnalyze()).toBe(true);
    const reconciler = new PlannerStatisticsReconciler(statistics, new ReconcileRegistry());
    await db.query(`CREATE TABLE stats_probe (id int PRIMARY KEY, note text)`);
    try {
      await db.query(`ANALYZE stats_probe`);
      expect(await statistics.changedTables()).not.toContain('public.stats_probe');
      // A bulk load into a table the planner believes empty (PGlite counts no modifications: the pages tell).
      await db.query(`INSERT INTO stats_probe SELECT g, repeat('x', 200) FROM generate_series(1, 2000) g`);
      expect(await statistics.changedTables()).toContain('public.stats_probe');
      expect(await reconciler.refresh()).toBe(true);
      const [probe] = await db.query(`SELECT reltuples::int AS n FROM pg_class WHERE oid = 'stats_probe'::regclass`);
      expect(probe.n).toBe(2000);
      // The hook for bulk writers (imports): analyses at once what the load changed. (No assertion that a small
      // change is left alone: the server's modification counters are flushed lazily, so they may still carry the load.)
      await db.query(`INSERT INTO stats_probe SELECT g, repeat('y', 200) FROM generate_series(2001, 3000) g`);
      expect(await statistics.analyzeChanged()).toContain('public.stats_probe');
      const [after] = await db.query(`SELECT reltuples::int AS n FROM pg_class WHERE oid = 'stats_probe'::regclass`);
      expect(after.n).toBe(3000);
    } finally {
      await db.query(`DROP TABLE stats_probe`);
    }
  });
});
