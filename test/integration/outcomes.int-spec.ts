import { createOrganization, createResource } from '../support/factories';
import { createParticipant, giveConsent, propose, transition } from '../support/people';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

/** Outcome-aware ranking on the real database: closed placements of people with near needs (pgvector). */
describe('outcome-aware ranking (closed placements of similar people)', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await createOrganization(t, { name: '定着実績のある受入先' })).id;
  });
  afterAll(async () => t.close());

  const NEEDS = '人と話すのが苦手。倉庫で黙々と部品の袋詰めをする作業がしたい';
  const embedded = (path: string) =>
    waitFor(async () => (await t.http().get(path).set(t.admin)).body.embedding.status === 'ready', `${path} embedded`);
  const search = (body: object) => t.http().post('/api/v1/matches/search').set(t.admin).send(body).expect(200);
  const reasonsOf = (res: { body: { results: Array<{ resource: { id: string }; reasons: string[] }> } }, id: string) =>
    res.body.results.find((r) => r.resource.id === id)?.reasons ?? [];
  const cautionsOf = (res: { body: { results: Array<{ resource: { id: string }; cautions: string[] }> } }, id: string) =>
    res.body.results.find((r) => r.resource.id === id)?.cautions ?? [];

  /** People with these needs, each placed at the resource and closed with the outcome. */
  async function history(area: string, resourceId: string, outcome: string, people: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < people; i++) {
      const person = await createParticipant(t, { area, needs: NEEDS, displayName: `履歴${i}さん` });
      await giveConsent(t, person.id);
      const placement = await propose(t, person.id, resourceId);
      await transition(t, placement.id, { to: 'closed', outcome }).expect(200);
      ids.push(person.id);
    }
    await Promise.all(ids.map((id) => embedded(`/api/v1/participants/${id}`)));
    return ids;
  }

  it('shows and uses the count from three similar people who settled, and nothing below three', async () => {
    const area = uniqueArea();
    const opening = {
      area,
      type: 'work_experience',
      title: '倉庫での部品の袋詰め',
      description: '倉庫で部品を数えて袋に詰めます。一人で黙々とできる作業です。',
      demands: { talking: 'low', physical: 'low', literacy: 'low' },
    };
    const three = await createResource(t, orgId, opening);
    const two = await createResource(t, orgId, { ...opening, title: '倉庫での部品の袋詰め（午後）' });
    await Promise.all([three, two].map((r) => embedded(`/api/v1/resources/${r.id}`)));
    const before = await search({ needs: NEEDS, filters: { areas: [area] } });
    for (const r of before.body.results) expect(r.reasons.join()).not.toContain('似た希望の方');

    const settledAtThree = await history(area, three.id, 'settled', 3);
    await history(area, two.id, 'settled', 2);
    const after = await search({ needs: NEEDS, filters: { areas: [area] } });
    expect(reasonsOf(after, three.id)).toContain('似た希望の方が定着しています（3件）');
    expect(reasonsOf(after, two.id).join()).not.toContain('似た希望の方');
    expect(after.body.results[0].resource.id).toBe(three.id);

    // a coordinator bound to other areas does not see (or use) the placements of people outside them
    const token = await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: '別地区担当', role: 'coordinator', areas: [uniqueArea()] })
      .expect(201);
    const elsewhere = await t
      .http()
      .post('/api/v1/matches/search')
      .set({ Authorization: `Bearer ${token.body.token}` })
      .send({ needs: NEEDS, filters: { areas: [area] } })
      .expect(200);
    expect(elsewhere.body.results.map((r: { resource: { id: string } }) => r.resource.id)).toContain(three.id);
    expect(reasonsOf(elsewhere, three.id).join()).not.toContain('似た希望の方');

    // the person searched for never counts as one of the similar people: 2 left, so nothing is shown
    const forOne = await search({ participantId: settledAtThree[0], needs: NEEDS, filters: { areas: [area] } });
    expect(reasonsOf(forOne, three.id).join()).not.toContain('似た希望の方');
  });

  it('warns where three similar people ended early for the same reason', async () => {
    const area = uniqueArea();
    const resource = await createResource(t, orgId, {
      area,
      type: 'work_experience',
      title: '倉庫での部品の袋詰め',
      description: '倉庫で部品を数えて袋に詰めます。一人で黙々とできる作業です。',
    });
    await embedded(`/api/v1/resources/${resource.id}`);
    await history(area, resource.id, 'withdrew', 3);
    const res = await search({ needs: NEEDS, filters: { areas: [area] } });
    expect(cautionsOf(res, resource.id)).toContain('似た希望の方の終結が同じ理由で続いています（本人の中断・3件）');
    expect(reasonsOf(res, resource.id).join()).not.toContain('終結');
  });
});
