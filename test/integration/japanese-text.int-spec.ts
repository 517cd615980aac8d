import { DataSource } from 'typeorm';
import { TEXT_RULES_VERSION } from '../../src/common/japanese/normalize';
import { EmbeddingModelRepository } from '../../src/matching/embedding-model.repository';
import { TextReindexService } from '../../src/matching/text-reindex.service';
import { contentHash, resourcePassage, type ResourceTextFields } from '../../src/resources/resource-text';
import { createOrganization, createResource } from '../support/factories';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

/** Issue 11 C.12: the same word matches however it is typed (width, long vowels, 異体字). */
describe('Japanese text normalisation in the catalogue, the lexical index and search', () => {
  let t: TestApp;
  let orgId: string;
  const area = uniqueArea('正規化');
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await createOrganization(t, { name: 'NPO法人 ﾊﾟｿｺﾝ髙齢者サポート' })).id;
    const resources = [
      ['パソコン教室のお手伝い', '高齢者にパソコンの使い方を教えます'],
      ['ﾊﾟｿｺﾝでのデータ入力', 'アンケートを入力します'],
      ['事務作業', 'ＰＣで名簿を作ります'],
      ['ＤＶＤの整理', 'PCで目録を作ります'],
      ['ボードゲ－ムの会', '髙島地区の居場所で、ゲ―ムを楽しみます'],
      ['ボードゲームの会', '高島地区の居場所で、ゲームを楽しみます'],
      ['山﨑農園の収穫', 'ﾊﾟｿｺﾝは使いません'],
    ];
    for (const [title, description] of resources) await createResource(t, orgId, { area, title, description, tasks: [] });
  });
  afterAll(async () => t.close());

  const list = async (q: string) => {
    const res = await t.http().get('/api/v1/resources').query({ q, area, limit: 50 }).set(t.admin).expect(200);
    return res.body.total as number;
  };

  it.each([
    ['パソコン', 3],
    ['ﾊﾟｿｺﾝ', 3],
    ['ぱそこん', 0],
    ['PC', 2],
    ['ＰＣ', 2],
    ['pc', 2],
    ['ゲーム', 2],
    ['ゲ－ム', 2],
    ['ｹﾞｰﾑ', 2],
    ['高島', 2],
    ['髙島', 2],
    ['山崎', 1],
    ['山﨑', 1],
  ])('q=%p finds the same resources however it is typed (%p)', async (q, expected) => {
    expect(await list(q)).toBe(expected);
  });

  it('treats the organisation list q the same way', async () => {
    for (const q of ['パソコン高齢者', 'ﾊﾟｿｺﾝ髙齢者', 'ﾊﾟｿｺﾝ高齢者']) {
      const res = await t.http().get('/api/v1/organizations').query({ q }).set(t.admin).expect(200);
      expect(res.body.items.map((o: { id: string }) => o.id)).toContain(orgId);
    }
  });

  it('ranks a need typed with ゲ－ム exactly as one typed with ゲーム', async () => {
    await waitFor(async () => {
      const res = await t.http().get('/api/v1/resources').query({ area, limit: 50 }).set(t.admin);
      return res.body.items.every((r: { embedding: { status: string } }) => r.embedding.status === 'ready');
    }, 'resources embedded');
    const search = (needs: string) =>
      t
        .http()
        .post('/api/v1/matches/search')
        .set(t.admin)
        .send({ needs, filters: { areas: [area] } })
        .expect(200);
    const usual = (await search('ボードゲームで遊べる居場所がいい')).body;
    for (const typed of ['ボードゲ－ムで遊べる居場所がいい', 'ﾎﾞｰﾄﾞｹﾞｰﾑで遊べる居場所がいい', 'ボードゲ〜ムで遊べる居場所がいい']) {
      const res = (await search(typed)).body;
      expect(res.unmet).toBe(usual.unmet);
      expect(res.results.map((r: { resource: { id: string }; score: number }) => [r.resource.id, r.score])).toEqual(
        usual.results.map((r: { resource: { id: string }; score: number }) => [r.resource.id, r.score]),
      );
    }
    const games = usual.results.filter((r: { resource: { title: string } }) => r.resource.title.startsWith('ボードゲ'));
    expect(games).toHaveLength(2);
    expect(games[0].score).toBe(games[1].score); // stored ゲ－ム and ゲーム are the same text now
    expect(usual.results[0].resource.title.startsWith('ボードゲ')).toBe(true);
  });

  it('re-indexes rows written under older rules, and re-embeds only those whose text changed', async () => {
    const db = t.app.get(DataSource);
    const model = await t.app.get(EmbeddingModelRepository).ready();
    const vector = `[${Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)).join(',')}]`;
    const fields = (title: string, description: string): ResourceTextFields => ({
      type: 'ibasho',
      title,
      description,
      tasks: [],
      accommodations: [],
      demandTalking: 'medium',
      demandPhysical: 'medium',
      demandLiteracy: 'medium',
      reward: 'unpaid',
    });
    // As rows looked before this change: the hash of the text as typed, no search_text, rules 0.
    const oldRow = async (f: ResourceTextFields, hash: string) =>
      (
        await db.query(
          `INSERT INTO resources (organization_id, type, title, description, area, capacity, vacancies, content_hash,
            embedding, embedding_model,
                                embedding_status, embedded_at, text_rules)
         VALUES ($1, 'ibasho', $2, $3, $4, 1, 1, $5, $6::vector, $7, 'ready', '2025-01-01T00:00:00Z', 0) RETURNING id`,
          [orgId, f.title, f.description, area, hash, vector, model],
        )
      )[0].id as string;
    const variant = fields('ﾎﾞｰﾄﾞｹﾞｰﾑ旧データ', '濵田さんの家の近く');
    const plain = fields('将棋の旧データ', '駅の近くの集会所');
    const changed = await oldRow(variant, 'hash-of-the-text-as-typed');
    const unchanged = await oldRow(plain, contentHash(resourcePassage(plain)));
    const [person] = await db.query(
      `INSERT INTO participants (display_name, area, needs, needs_hash, embedding_status, text_rules)
       VALUES ('再索引テスト', $1, 'ｹﾞｰﾑが好き', 'old', 'ready', 0) RETURNING id`,
      [area],
    );

    await t.app.get(TextReindexService).run();

    const row = async (id: string) =>
      (
        await db.query(
          `SELECT content_hash, embedded_at, text_rules, search_text, search_tokens::text AS tokens, concepts FROM resources WHERE id = $1`,
          [id],
        )
      )[0];
    const a = await row(changed);
    expect(a.content_hash).toBe(contentHash(resourcePassage(variant)));
    expect(a.text_rules).toBe(TEXT_RULES_VERSION);
    expect(a.search_text).toContain('ボードゲーム');
    expect(a.tokens).toContain('ゲーム');
    // ... and the concepts (TEXT_RULES_VERSION 3): an ibasho is a place to belong; a board game is a hobby.
    expect(a.concepts).toEqual(expect.arrayContaining(['belong', 'creative']));
    // The re-index writes the BM25 postings of rows that had none (the backfill of TEXT_RULES_VERSION 2).
    const terms = async (id: string) =>
      ((await db.query(`SELECT term FROM resource_terms WHERE resource_id = $1`, [id])) as Array<{ term: string }>).map((r) => r.term);
    expect(await terms(changed)).toContain('ゲーム');
    expect(await terms(unchanged)).toContain('将棋');
    const b = await row(unchanged);
    expect(b.content_hash).toBe(contentHash(resourcePassage(plain)));
    expect(new Date(b.embedded_at).toISOString()).toBe('2025-01-01T00:00:00.000Z'); // not re-embedded
    expect(b.text_rules).toBe(TEXT_RULES_VERSION);
    // The changed one is embedded again by the worker.
    await waitFor(async () => {
      const [r] = await db.query(`SELECT embedding_status, embedded_at FROM resources WHERE id = $1`, [changed]);
      return r.embedding_status === 'ready' && new Date(r.embedded_at).getFullYear() > 2025;
    }, 're-embedded');
    const [p] = await db.query(`SELECT needs_hash, text_rules FROM participants WHERE id = $1`, [person.id]);
    expect(p.needs_hash).not.toBe('old');
    expect(p.text_rules).toBe(TEXT_RULES_VERSION);
    expect(await list('濱田')).toBe(1);
    // A second run has nothing to do.
    expect(await t.app.get(TextReindexService).run()).toEqual({ resources: 0, participants: 0, organizations: 0, reembed: 0 });
  });
});
