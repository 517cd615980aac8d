import { createOrganization, createResource } from '../support/factories';
import { createParticipant, createUser, giveConsent, propose, signIn, transition } from '../support/people';
import { createTestApp, uniqueArea, type TestApp } from '../support/test-app';

/** What ホーム and the placement page ask of the API: the work lists (area-scoped) and つなぎなおし links. */
describe("the coordinator's workspace API", () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await createOrganization(t, { name: '受入先つばさ' })).id;
  });
  afterAll(async () => t.close());

  async function consentedPerson(area: string, displayName = 'Bさん') {
    const person = await createParticipant(t, { area, displayName });
    await giveConsent(t, person.id);
    return person;
  }

  it('links a new placement to the one closed as つなぎなおし (rematchedFrom ↔ rematchedTo), once', async () => {
    const area = uniqueArea();
    const first = await createResource(t, orgId, { area, capacity: 5, vacancies: 5 });
    const second = await createResource(t, orgId, { area, capacity: 5, vacancies: 5, title: '図書館の配架ボランティア' });
    const person = await consentedPerson(area);
    const old = await propose(t, person.id, first.id);

    // Not closed yet: refused beside the field.
    const early = await t
      .http()
      .post('/api/v1/placements')
      .set(t.admin)
      .send({ participantId: person.id, resourceId: second.id, rematchedFrom: old.id });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'rematchedFrom' })]);

    await transition(t, old.id, { to: 'closed', outcome: 'rematched', note: '作業が合わなかった' }).expect(200);
    const created = await t
      .http()
      .post('/api/v1/placements')
      .set(t.admin)
      .send({ participantId: person.id, resourceId: second.id, rematchedFrom: old.id })
      .expect(201);
    expect(created.body.rematchedFrom).toBe(old.id);
    const closed = await t.http().get(`/api/v1/placements/${old.id}`).set(t.admin).expect(200);
    expect(closed.body.rematchedTo).toBe(created.body.id);

    // A second new placement for the same closed one is a conflict; another person's placement is refused.
    const again = await t
      .http()
      .post('/api/v1/placements')
      .set(t.admin)
      .send({ participantId: person.id, resourceId: first.id, rematchedFrom: old.id });
    expect(again.status).toBe(409);
    const other = await consentedPerson(area, 'Cさん');
    const foreign = await t
      .http()
      .post('/api/v1/placements')
      .set(t.admin)
      .send({ participantId: other.id, resourceId: first.id, rematchedFrom: old.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('rematchedFrom');
  });

  it('lists due follow-ups and placements waiting for a next step, only in the coordinator’s areas', async () => {
    const area = uniqueArea('home');
    const elsewhere = uniqueArea('other');
    const resource = await createResource(t, orgId, { area, capacity: 9, vacancies: 9 });
    const mine = await consentedPerson(area, 'Dさん');
    const theirs = await consentedPerson(elsewhere, 'Eさん');

    const activeMine = await propose(t, mine.id, resource.id);
    await transition(t, activeMine.id, { to: 'active', followUp: { lengthDays: 30, checkpointDays: [0, 14] } }).expect(200);
    const activeTheirs = await propose(t, theirs.id, resource.id);
    await transition(t, activeTheirs.id, { to: 'active', followUp: { lengthDays: 30, checkpointDays: [0] } }).expect(200);
    const waiting = await propose(t, mine.id, resource.id);
    const trial = await propose(t, mine.id, resource.id);
    await transition(t, trial.id, { to: 'trial', date: '2026-01-15' }).expect(200);

    const user = await createUser(t, 'coordinator', { areas: [area] });
    const session = await signIn(t, user.login, user.password);

    const due = await t.http().get('/api/v1/follow-up/due').set(session).expect(200);
    expect(due.body.items.map((i: { placementId: string }) => i.placementId)).toEqual([activeMine.id]);
    expect(due.body.items[0]).toMatchObject({
      participant: { id: mine.id, displayName: 'Dさん' },
      dayOffset: 0,
      isFinal: false,
      overdue: false,
    });
    expect(due.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const steps = await t.http().get('/api/v1/follow-up/next-steps').query({ limit: 100 }).set(session).expect(200);
    const reasons = Object.fromEntries(steps.body.items.map((s: { placementId: string; reason: string }) => [s.placementId, s.reason]));
    expect(reasons).toEqual({ [waiting.id]: 'no_visit_date', [trial.id]: 'trial_ended' });
    const filtered = await t.http().get('/api/v1/follow-up/next-steps').query({ reason: 'trial_ended' }).set(session).expect(200);
    expect(filtered.body.items.map((s: { placementId: string }) => s.placementId)).toEqual([trial.id]);

    // The admin (all areas) also sees the other area's placement, whose only checkpoint is the final one.
    const all = await t
      .http()
      .get('/api/v1/follow-up/next-steps')
      .query({ reason: 'final_checkpoint', limit: 100 })
      .set(t.admin)
      .expect(200);
    expect(all.body.items.map((s: { placementId: string }) => s.placementId)).toContain(activeTheirs.id);

    const bad = await t.http().get('/api/v1/follow-up/due').query({ due: 'tomorrow' }).set(session).expect(400);
    expect(bad.body.errors[0].field).toBe('due');
  });
});
