import { DataSource } from 'typeorm';
import { JapaneseTokenizer } from '../../src/common/japanese/tokenizer';
import { bm25Scores, postingsOf, queryTerms, type Postings } from '../../src/matching/bm25';
import { EmbeddingModelRepository } from '../../src/matching/embedding-model.repository';
import { MatchRepository } from '../../src/matching/match.repository';
import { resourceLexicalBody } from '../../src/resources/resource-text';
import { createOrganization, createResource } from '../support/factories';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

/** Issue #17 item 3: the lexical signal is Okapi BM25 computed in SQL over resource_terms, with df and lengths current. */
describe('BM25 lexical relevance in SQL (resource_terms, lexical_corpus)', () => {
  let t: TestApp;
  let db: DataSource;
  let orgId: string;
  const area = uniqueArea('bm25');
  const ids: Record<string, string> = {};
  const NEEDS = '畑で野菜の収穫をしたい。モルックやガーデニングにも興味がある';

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    orgId = (await createOrganization(t, { name: 'BM25検証の受入先' })).id;
    const rows: Array<[string, string, string, string[]]> = [
      ['farm', '畑の収穫', '農園で野菜の収穫と畑の草取りをします。収穫した野菜は持ち帰れます。', ['収穫', '草取り']],
      [
        'farmLong',
        '農園のお手伝い',
        '野菜の収穫のほか、鶏の世話、道具の片付け、看板づくり、直売所の袋詰めなど、いろいろな作業があります。',
        [],
      ],
      ['molkky', 'モルックの会', '公園でモルックを楽しむ会です。', ['モルック']],
      ['garden', 'ガーデニングクラブの花壇', '駅前の花壇の手入れをします。', ['水やり']],
      ['cafe', 'カフェの皿洗い', '厨房で食器を洗います。', ['皿洗い']],
    ];
    for (const [key, title, description, tasks] of rows) {
      ids[key] = (await createResource(t, orgId, { area, title, description, tasks, accommodations: [] })).id;
    }
    const model = t.app.get(EmbeddingModelRepository);
    await waitFor(async () => {
      const [r] = await db.query(
        `SELECT count(*)::int AS n FROM resources WHERE area = $1 AND embedding_status = 'ready' AND embedding_model = $2`,
        [area, model.status().name],
      );
      return r.n === rows.length;
    }, 'resources embedded');
  });
  afterAll(async () => t.close());

  /** Every posting in the database (other specs share it: df and N are over the whole catalogue). */
  const allPostings = async (): Promise<Map<string, Postings>> => {
    const rows: Array<{ id: string; term: string; tf: number; len: number }> = await db.query(
      `SELECT resource_id AS id, term, tf, doc_length AS len FROM resource_terms ORDER BY resource_id, term`,
    );
    const docs = new Map<string, Postings>();
    for (const r of rows) {
      const d = docs.get(r.id) ?? { terms: [], tfs: [], length: r.len };
      d.terms.push(r.term);
      d.tfs.push(r.tf);
      docs.set(r.id, d);
    }
    return docs;
  };
  const corpusIsCurrent = async () => {
    const [c] = await db.query(`SELECT documents, total_length FROM lexical_corpus`);
    const [actual] = await db.query(
      `SELECT count(*)::int AS documents, coalesce(sum(len), 0)::float8 AS total_length
         FROM (SELECT DISTINCT resource_id, doc_length AS len FROM resource_terms) d`,
    );
    expect({ documents: c.documents, total_length: Number(c.total_length) }).toEqual({
      documents: actual.documents,
      total_length: expect.closeTo(Number(actual.total_length), 3),
    });
    const [stale] = await db.query(
      `SELECT count(*)::int AS n FROM lexical_terms t
         FULL JOIN (SELECT term, count(*)::int AS df FROM resource_terms GROUP BY term) p ON p.term = t.term
        WHERE coalesce(t.df, 0) <> coalesce(p.df, 0)`,
    );
    expect(stale.n).toBe(0); // df of every term
  };
  const search = async (needs: string) => {
    const tokenizer = t.app.get(JapaneseTokenizer);
    const terms = queryTerms(tokenizer.lexicalTerms(needs));
    const { model, vectors } = await t.app.get(EmbeddingModelRepository).embed([needs], 'query');
    const repo = t.app.get(MatchRepository);
    const candidates = await repo.findCandidates(model, vectors[0], terms, { includeFull: true, areas: [area] }, 50);
    // The same statement without a filter narrowing the catalogue (the other shape of the lexical list) scores alike.
    const unfiltered = await repo.findCandidates(model, vectors[0], terms, { includeFull: true }, 500);
    for (const c of candidates) {
      const same = unfiltered.find((u) => u.id === c.id);
      if (same) expect(same.lexicalRank).toBeCloseTo(c.lexicalRank, 9);
    }
    return { terms, candidates };
  };

  it('writes the postings the tokenizer gives (title ×2, bigrams of unknown words) with the resource', async () => {
    const tokenizer = t.app.get(JapaneseTokenizer);
    const docs = await allPostings();
    const title = tokenizer.lexicalTerms('モルックの会');
    const body = tokenizer.lexicalTerms(
      resourceLexicalBody({ description: '公園でモルックを楽しむ会です。', tasks: ['モルック'], accommodations: [] } as never),
    );
    const expected = postingsOf(title, body);
    const stored = docs.get(ids.molkky)!;
    expect(Object.fromEntries(stored.terms.map((term, i) => [term, stored.tfs[i]]))).toEqual(
      Object.fromEntries(expected.terms.map((term, i) => [term, expected.tfs[i]])),
    );
    expect(stored.length).toBe(expected.length);
    expect(stored.terms).toEqual(expect.arrayContaining(['モルック', '#モル', '#ルッ', '#ック']));
    await corpusIsCurrent();
  });

  it('scores in SQL exactly as the TypeScript reference over the same postings', async () => {
    const { terms, candidates } = await search(NEEDS);
    const reference = bm25Scores(await allPostings(), terms);
    const mine = candidates.filter((c) => Object.values(ids).includes(c.id));
    expect(mine.length).toBe(Object.keys(ids).length);
    for (const c of mine) expect(c.lexicalRank).toBeCloseTo(reference.get(c.id) ?? 0, 4);
    const byKey = (key: string) => mine.find((c) => c.id === ids[key])!;
    // 畑・野菜・収穫 in the title and the body beat the same words once in a longer body
    expect(byKey('farm').lexicalRank).toBeGreaterThan(byKey('farmLong').lexicalRank);
    expect(byKey('farmLong').lexicalRank).toBeGreaterThan(0);
    expect(byKey('cafe').lexicalRank).toBe(0);
    // ガーデニング (a word kuromoji knows) meets ガーデニングクラブ (one it does not) through the bigrams
    expect(byKey('garden').lexicalRank).toBeGreaterThan(0);
    // matched terms are lemmas, never bigrams, rarest first
    expect(byKey('farm').matchedTerms).toEqual(expect.arrayContaining(['畑', '野菜', '収穫']));
    expect(byKey('garden').matchedTerms.some((w) => w.startsWith('#'))).toBe(false);
  });

  it('takes the k best BM25 matches under the filters, not the first k it finds', async () => {
    const { terms } = await search(NEEDS);
    const reference = bm25Scores(await allPostings(), terms);
    const best = Object.values(ids)
      .filter((id) => reference.has(id))
      .sort((a, b) => reference.get(b)! - reference.get(a)!)
      .slice(0, 2);
    const { model, vectors } = await t.app.get(EmbeddingModelRepository).embed(['皿洗い'], 'query');
    const k2 = await t.app.get(MatchRepository).findCandidates(model, vectors[0], terms, { includeFull: true, areas: [area] }, 2);
    expect(k2.map((c) => c.id)).toEqual(expect.arrayContaining(best));
  });

  it('keeps df and lengths current when a resource is edited or deleted', async () => {
    const before = await search(NEEDS);
    const garden = before.candidates.find((c) => c.id === ids.garden)!;
    // The edit adds 畑 and 収穫 to the garden resource: its postings change, df of 畑 rises, so every 畑 score moves.
    await t
      .http()
      .patch(`/api/v1/resources/${ids.garden}`)
      .set(t.admin)
      .send({ description: '駅前の花壇と小さな畑の手入れ、野菜の収穫をします。' })
      .expect(200);
    await corpusIsCurrent();
    // the edit changed the embedded text: the resource is a candidate again once the worker has re-embedded it (CI on
    // a loaded machine searched before that and found it missing)
    await waitFor(async () => {
      const [r] = await db.query(`SELECT embedding_status AS s FROM resources WHERE id = $1`, [ids.garden]);
      return r.s === 'ready';
    }, 'edited resource re-embedded');
    const edited = await search(NEEDS);
    const reference = bm25Scores(await allPostings(), edited.terms);
    for (const c of edited.candidates.filter((x) => Object.values(ids).includes(x.id)))
      expect(c.lexicalRank).toBeCloseTo(reference.get(c.id) ?? 0, 4);
    expect(edited.candidates.find((c) => c.id === ids.garden)!.lexicalRank).toBeGreaterThan(garden.lexicalRank);

    const [dfBefore] = await db.query(`SELECT count(*)::int AS n FROM resource_terms WHERE term = 'モルック'`);
    await t.http().delete(`/api/v1/resources/${ids.molkky}`).set(t.admin).expect(204);
    const [dfAfter] = await db.query(`SELECT count(*)::int AS n FROM resource_terms WHERE term = 'モルック'`);
    expect(dfAfter.n).toBe(dfBefore.n - 1);
    expect((await db.query(`SELECT 1 FROM resource_terms WHERE resource_id = $1`, [ids.molkky])).length).toBe(0);
    await corpusIsCurrent();
    const deleted = await search(NEEDS);
    const after = bm25Scores(await allPostings(), deleted.terms);
    for (const c of deleted.candidates.filter((x) => Object.values(ids).includes(x.id)))
      expect(c.lexicalRank).toBeCloseTo(after.get(c.id) ?? 0, 4);
  });
});
