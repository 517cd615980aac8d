import { DataSource } from 'typeorm';
import { restampFutureSearchChanges } from '../../src/database/data-source';
import { EmbeddingModelRepository } from '../../src/matching/embedding-model.repository';
import { MatchRepository, type HardFilters, type SearchCandidate } from '../../src/matching/match.repository';
import { ResourceVectorIndex, type IndexAnswer } from '../../src/matching/resource-vector-index';
import { createOrganization, createResource } from '../support/factories';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

/**
 * The in-process exact vector list (src/matching/vector-index.ts) against the SQL exact list, on the real embedded
 * database with the real model; and that writes show in it at the next search, without a restart.
 */
describe('in-process vector index (real embedded DB, real model)', () => {
  let t: TestApp;
  let db: DataSource;
  let orgId: string;
  let model: string;
  let indexed: MatchRepository;
  let sql: MatchRepository;
  let index: ResourceVectorIndex;
  let answers: Array<IndexAnswer | null>;
  const area = uniqueArea('vindex');
  const otherArea = uniqueArea('vindex2');

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    orgId = (await createOrganization(t, { name: 'ベクトル索引の受入先' })).id;
    indexed = t.app.get(MatchRepository);
    sql = new MatchRepository(db, t.config); // no index: today's SQL exact path
    index = t.app.get(ResourceVectorIndex);
    const nearest = index.nearest.bind(index);
    answers = [];
    jest.spyOn(index, 'nearest').mockImplementation((...args) => {
      const answer = nearest(...args);
      answers.push(answer);
      return answer;
    });
  });
  afterAll(async () => t.close());

  const status = async (id: string) => (await t.http().get(`/api/v1/resources/${id}`).set(t.admin)).body.embedding;
  const ready = (id: string) => waitFor(async () => ((await status(id)).status === 'ready' ? status(id) : null), `resource ${id} embedded`);
  const embed = async (text: string) => {
    const { model: m, vectors } = await t.app.get(EmbeddingModelRepository).embed([text], 'query');
    model = m;
    return vectors[0];
  };
  const shape = (list: SearchCandidate[]) =>
    list
      .map((c) => ({ id: c.id, vectorSimilarity: c.vectorSimilarity, lexicalRank: c.lexicalRank }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  /** Candidates through the index, asserting it answered (no silent fallback to SQL). */
  const viaIndex = async (vector: Float32Array, terms: string[], filters: HardFilters, k: number) => {
    answers.length = 0;
    const result = await indexed.findCandidates(model, vector, terms, filters, k);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => a !== null)).toBe(true);
    return result;
  };

  const OPENINGS = [
    {
      type: 'work_experience',
      title: '畑の草取りと野菜の収穫',
      description: '農園で季節の野菜の草取りや収穫をします。外で体を動かします。',
      day: 'tue',
      accommodations: ['visit_ok'],
      accessMinutes: 10,
    },
    {
      type: 'work_experience',
      title: 'パソコンでのデータ入力',
      description: '静かな事務所でアンケートの集計を入力します。一人で黙々とできる作業です。',
      day: 'thu',
      accommodations: ['quiet', 'seated'],
      accessMinutes: 25,
    },
    {
      type: 'ibasho',
      title: 'ふれあいサロン',
      description: '地域の人が集まってお茶を飲みながらおしゃべりを楽しむ居場所です。',
      day: 'wed',
      accommodations: ['visit_ok', 'small_group'],
      accessMinutes: null,
    },
    {
      type: 'volunteer',
      title: '図書館の本の整理',
      description: '返却された本を棚に戻し、静かに整理するボランティアです。',
      day: 'mon',
      accommodations: ['quiet'],
      accessMinutes: 15,
    },
    {
      type: 'volunteer',
      title: '公園の清掃活動',
      description: '朝の公園でごみ拾いと落ち葉掃きをします。外の作業です。',
      day: 'sat',
      accommodations: [],
      accessMinutes: 5,
    },
    {
      type: 'work_experience',
      title: 'パン工房での袋詰め',
      description: '焼き上がったパンを袋に詰めてシールを貼ります。座ってできます。',
      day: 'fri',
      accommodations: ['seated', 'short_hours'],
      accessMinutes: 30,
    },
    {
      type: 'ibasho',
      title: 'ゲームと手芸の会',
      description: 'ボードゲームや編み物をしながら過ごす集まりです。話さなくても大丈夫です。',
      day: 'thu',
      accommodations: ['quiet', 'small_group'],
      accessMinutes: 20,
    },
    {
      type: 'other',
      title: '配食の準備',
      description: 'お弁当の盛り付けと配達の準備を手伝います。',
      day: 'tue',
      accommodations: ['short_hours'],
      accessMinutes: 40,
    },
  ];

  it('returns exactly the candidate ids and similarities of the SQL exact path, under every hard filter', async () => {
    const created = [];
    for (const [i, o] of OPENINGS.entries()) {
      created.push(
        await createResource(t, orgId, {
          type: o.type,
          title: o.title,
          description: o.description,
          tasks: [],
          area: i % 3 === 0 ? otherArea : area,
          schedule: [{ day: o.day, start: '10:00', end: '12:00' }],
          accommodations: o.accommodations,
          accessMinutes: o.accessMinutes ?? undefined,
          vacancies: i === 5 ? 0 : 2, // one full
        }),
      );
    }
    await Promise.all(created.map((r) => ready(r.id)));
    const vector = await embed('静かな場所で座って黙々と作業したい');
    expect(await index.ready(model)).toBe(true);

    const filterSets: HardFilters[] = [
      { includeFull: false },
      { includeFull: true },
      { includeFull: false, areas: [area] },
      { includeFull: false, areas: [area, otherArea], types: ['work_experience', 'ibasho'] },
      { includeFull: true, days: ['thu', 'fri'] },
      { includeFull: false, maxTravelMinutes: 20 },
      { includeFull: false, accommodations: ['quiet'] },
      { includeFull: false, areas: [area], accommodations: ['quiet', 'small_group'], days: ['thu'] },
      { includeFull: false, areas: ['どこにもない地区'] },
    ];
    let compared = 0;
    for (const filters of filterSets) {
      for (const k of [3, 100]) {
        const fromIndex = await viaIndex(vector, ['静か', '作業'], filters, k);
        const fromSql = await sql.findCandidates(model, vector, ['静か', '作業'], filters, k);
        expect(shape(fromIndex)).toEqual(shape(fromSql));
        compared += fromSql.length;
      }
    }
    expect(compared).toBeGreaterThan(20); // not a comparison of empty lists
  });

  it('shows a resource created, paused, made full or re-embedded at the next search, without a restart', async () => {
    const vector = await embed('パンやお菓子を焼いて販売する仕事がしたい');
    const filters: HardFilters = { includeFull: false, areas: [area] };
    // nearest first (the candidate statement returns the union of both lists unordered)
    const ids = async (k = 3) =>
      (await viaIndex(vector, [], filters, k)).sort((a, b) => b.vectorSimilarity - a.vectorSimilarity).map((c) => c.id);
    await index.ready(model);
    const rows0 = index.status().rows;

    const bakery = await createResource(t, orgId, {
      type: 'work_experience',
      title: '焼き菓子工房',
      description: 'クッキーやパン、焼き菓子を焼いて、店頭で販売します。',
      tasks: ['焼き菓子', '販売'],
      area,
    });
    await ready(bakery.id);
    expect((await ids())[0]).toBe(bakery.id); // created: the nearest, at once
    expect(index.status().rows).toBe(rows0 + 1);

    await t.http().patch(`/api/v1/resources/${bakery.id}`).set(t.admin).send({ status: 'paused' }).expect(200);
    expect(await ids(100)).not.toContain(bakery.id);
    expect(index.status().rows).toBe(rows0); // the index itself dropped it, not only the SQL re-check

    await t.http().patch(`/api/v1/resources/${bakery.id}`).set(t.admin).send({ status: 'open' }).expect(200);
    expect((await ids())[0]).toBe(bakery.id);
    // a write by another process (the worker, a script): straight to the database
    await db.query(`UPDATE resources SET vacancies = 0 WHERE id = $1`, [bakery.id]);
    expect(await ids(100)).not.toContain(bakery.id);
    await db.query(`UPDATE resources SET vacancies = 1 WHERE id = $1`, [bakery.id]);

    // re-embedded: the new text moves it away from this need, and the similarity is the stored vector's
    const before = (await viaIndex(vector, [], filters, 100)).find((c) => c.id === bakery.id)!;
    await t
      .http()
      .patch(`/api/v1/resources/${bakery.id}`)
      .set(t.admin)
      .send({ title: '川辺の清掃', description: '川沿いのごみ拾いと草刈りをします。', tasks: ['清掃'] })
      .expect(200);
    await waitFor(
      async () => (await db.query(`SELECT embedding_status = 'ready' AS ok FROM resources WHERE id = $1`, [bakery.id]))[0].ok,
      're-embedding',
    );
    const after = (await viaIndex(vector, [], filters, 100)).find((c) => c.id === bakery.id)!;
    const sqlAfter = (await sql.findCandidates(model, vector, [], filters, 100)).find((c) => c.id === bakery.id)!;
    expect(after.vectorSimilarity).toBeLessThan(before.vectorSimilarity);
    expect(after.vectorSimilarity).toBe(sqlAfter.vectorSimilarity);
    // the index's own similarity is the new vector's (the SQL re-check alone would hide a stale vector)
    const inIndex = answers[answers.length - 1]!.nearest.find((n) => n.id === bakery.id)!;
    expect(inIndex.similarity).toBeCloseTo(after.vectorSimilarity, 5);
    expect(inIndex.similarity).not.toBeCloseTo(before.vectorSimilarity, 3);

    // embedded by another model: never in the index's answer
    await db.query(`UPDATE resources SET embedding_model = 'old-model/v0' WHERE id = $1`, [bakery.id]);
    expect(await ids(100)).not.toContain(bakery.id);
    expect(index.status().rows).toBe(rows0);
  });

  it('re-stamps change ids brought from another server (a restore) at start, so change checks stop reading them', async () => {
    const [{ id }] = await db.query(`SELECT id FROM resources ORDER BY id LIMIT 1`);
    await db.query(`UPDATE resources SET search_changed = '999999999999'::xid8 WHERE id = $1`, [id]);
    expect(await restampFutureSearchChanges(db)).toBe(1);
    const [row] = await db.query(`SELECT search_changed::text AS x FROM resources WHERE id = $1`, [id]);
    expect(BigInt(row.x)).toBeLessThan(999_999_999_999n);
    expect(await restampFutureSearchChanges(db)).toBe(0);
  });

  it('reports itself on /health', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.vectorIndex).toMatchObject({ state: 'ready', model, rows: expect.any(Number) });
  });
});
