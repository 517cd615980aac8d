import { EmbeddingModelRepository } from '../../src/matching/embedding-model.repository';
import { createOrganization, createResource } from '../support/factories';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

/** A life history as coordinators write it before the wish: long, varied, about the past. */
const HISTORY = [
  '本人は四十代の男性で、高校を卒業したあと地元の工場に十年ほど勤めていました。',
  '職場の人間関係がうまくいかず、三十代の半ばに退職してからは、ほとんど家から出ない生活が続いています。',
  '母親は八十代で、足腰が弱くなってきたため、通院の付き添いや買い物は本人が担うこともあります。',
  '父親は五年前に亡くなり、それ以来、家計は母親の年金が中心です。兄は県外に住んでいて、年に一度帰省する程度です。',
  '民生委員からの紹介で社会福祉協議会につながり、月に一度、相談員が自宅を訪問しています。',
  '最初の数回は玄関先で少し話すだけでしたが、最近は居間で三十分ほど話せるようになりました。',
  '昼夜逆転の生活が続いていましたが、母親の通院に合わせて朝起きる日が増えてきています。',
  '子どものころは野球をしていて、地域の少年団で外野を守っていたそうです。',
  '工場では検品と梱包を担当しており、細かい作業を正確に続けることが得意だったと話しています。',
  '大きな音や人混みが苦手で、スーパーに行くときも空いている時間を選んでいます。',
  '健康面では腰痛があり、長時間の立ち仕事は難しいかもしれないと本人は心配しています。',
  '携帯電話はあまり使わず、連絡は母親を通じて取ることが多いです。',
];
const LONG_HISTORY = Array.from({ length: 3 }, () => HISTORY.join('')).join('\n');
const WISH_FARM = '最後に本人の希望です。畑で野菜を育てたり草取りをしたりして、外で体を動かしたい。';
const WISH_DATA = '最後に本人の希望です。静かな事務所で、パソコンを使ったデータ入力をしてみたい。';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

/** Issue 11 C.13: a needs text longer than the model's window is not silently truncated. */
describe('long needs texts (real local model)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('lets a wish written after a long life history change the vector', async () => {
    const model = t.app.get(EmbeddingModelRepository);
    const { vectors, chunks, tokens } = await model.embed(
      [LONG_HISTORY + WISH_FARM, LONG_HISTORY + WISH_DATA, WISH_FARM, WISH_DATA, '短い希望'],
      'query',
    );
    expect(tokens[0]).toBeGreaterThan(512);
    expect(chunks[0]).toBeGreaterThan(1);
    expect(chunks.slice(2)).toEqual([1, 1, 1]);
    const [farm, data, farmOnly, dataOnly] = vectors;
    expect(cosine(farm, data)).toBeLessThan(0.9999);
    expect(cosine(farm, farmOnly)).toBeGreaterThan(cosine(data, farmOnly));
    expect(cosine(data, dataOnly)).toBeGreaterThan(cosine(farm, dataOnly));
    for (const v of vectors) expect(Math.abs(cosine(v, v) - 1)).toBeLessThan(1e-4);
  });

  it('gives a short text the same vector as before (one chunk, no pooling across chunks)', async () => {
    const model = t.app.get(EmbeddingModelRepository);
    const [alone] = (await model.embed([WISH_FARM], 'query')).vectors;
    const [batched] = (await model.embed([WISH_FARM, LONG_HISTORY], 'query')).vectors;
    expect(cosine(alone, batched)).toBeGreaterThan(0.99999);
  });

  it('says in the search response when the needs were long, and ranks by the wish at the end', async () => {
    const area = uniqueArea('長文');
    const orgId = (await createOrganization(t, { name: '長文テスト受入先' })).id;
    const farm = await createResource(t, orgId, {
      area,
      title: '畑の草取りと野菜の収穫',
      tasks: ['草取り', '収穫'],
      description: '農園で季節の野菜を育てます。外で体を動かす作業です。',
    });
    const data = await createResource(t, orgId, {
      area,
      title: 'パソコンでのデータ入力',
      tasks: ['データ入力'],
      description: '静かな事務所で、アンケートの集計をパソコンに入力します。',
    });
    await waitFor(async () => {
      const states = await Promise.all(
        [farm.id, data.id].map(async (id) => (await t.http().get(`/api/v1/resources/${id}`).set(t.admin)).body.embedding.status),
      );
      return states.every((s) => s === 'ready');
    }, 'resources embedded');
    const needs = (LONG_HISTORY.slice(0, 1900 - WISH_DATA.length) + WISH_DATA).slice(0, 2000);
    const res = await t
      .http()
      .post('/api/v1/matches/search')
      .set(t.admin)
      .send({ needs, filters: { areas: [area] } })
      .expect(200);
    expect(res.body.needsLong).toBe(true);
    expect(res.body.needsChunks).toBeGreaterThan(1);
    const short = await t
      .http()
      .post('/api/v1/matches/search')
      .set(t.admin)
      .send({ needs: WISH_DATA, filters: { areas: [area] } })
      .expect(200);
    expect(short.body.needsLong).toBe(false);
    expect(short.body.needsChunks).toBe(1);
    const farmRes = await t
      .http()
      .post('/api/v1/matches/search')
      .set(t.admin)
      .send({ needs: LONG_HISTORY.slice(0, 1900 - WISH_FARM.length) + WISH_FARM, filters: { areas: [area] } })
      .expect(200);
    const position = (body: { results: Array<{ resource: { id: string }; score: number }> }, id: string) =>
      body.results.find((r) => r.resource.id === id)!.score;
    // The same history, a different wish at the end: each wish lifts its own resource.
    expect(position(res.body, data.id) - position(res.body, farm.id)).toBeGreaterThan(
      position(farmRes.body, data.id) - position(farmRes.body, farm.id),
    );
  });
});
