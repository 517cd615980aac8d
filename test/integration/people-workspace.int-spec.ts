import { createParticipant, createUser, signIn } from '../support/people';
import { createTestApp, uniqueArea, type TestApp } from '../support/test-app';

/** The API behind the 本人 and マッチング検索 screens: list filters, consent history, the unmet-needs register. */
describe('people workspace API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('lists participants by part of the display name (literally) and by readiness stage', async () => {
    const area = uniqueArea('list');
    const a = await createParticipant(t, { displayName: 'C-100_草', area, readinessStage: 'daily_living' });
    const b = await createParticipant(t, { displayName: 'C-200', area, readinessStage: 'employment' });
    const byName = await t.http().get('/api/v1/participants').query({ area, q: '100_' }).set(t.admin).expect(200);
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    const wildcard = await t.http().get('/api/v1/participants').query({ area, q: '%' }).set(t.admin).expect(200);
    expect(wildcard.body.total).toBe(0); // % is a character here, not a wildcard
    const byStage = await t.http().get('/api/v1/participants').query({ area, readinessStage: 'employment' }).set(t.admin).expect(200);
    expect(byStage.body.items.map((p: { id: string }) => p.id)).toEqual([b.id]);
    const bad = await t.http().get('/api/v1/participants').query({ readinessStage: 'x' }).set(t.admin).expect(400);
    expect(bad.body.errors[0].field).toBe('readinessStage');
  });

  it('keeps the consent history with the day of consent, newest first, and audits the read', async () => {
    const person = await createParticipant(t, { area: uniqueArea('consent') });
    const put = (body: object) => t.http().put(`/api/v1/participants/${person.id}/consent`).set(t.admin).send(body);
    await put({ status: 'obtained', method: '面談で書面により確認', date: '2026-11-20', scope: ['displayName', 'healthNote'] }).expect(200);
    await put({ status: 'withdrawn', method: '電話で撤回の連絡', date: '2026-11-25', scope: ['displayName'] }).expect(200);
    const history = await t.http().get(`/api/v1/participants/${person.id}/consents`).set(t.admin).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ status: 'withdrawn', method: '電話で撤回の連絡', date: '2026-11-25', scope: [] }),
      expect.objectContaining({
        status: 'obtained',
        method: '面談で書面により確認',
        date: '2026-11-20',
        scope: ['displayName', 'healthNote'],
      }),
    ]);
    const bad = await put({ status: 'obtained', method: 'x', date: '2026-02-30', scope: [] }).expect(400);
    expect(bad.body.errors[0].field).toBe('date');
    const audit = await t.http().get('/api/v1/audit').query({ participantId: person.id }).set(t.admin).expect(200);
    expect(JSON.stringify(audit.body)).toContain('GET /api/v1/participants/:id/consents');
  });

  it('hides another area’s consent history from an area-limited coordinator', async () => {
    const person = await createParticipant(t, { area: uniqueArea('west') });
    const user = await createUser(t, 'coordinator', { areas: [uniqueArea('east')] });
    const east = await signIn(t, user.login, user.password);
    await t.http().get(`/api/v1/participants/${person.id}/consents`).set(east).expect(404);
  });

  it('records unmet needs for 受入先の開拓: validated, area-scoped, listed newest first', async () => {
    const area = uniqueArea('unmet');
    const other = uniqueArea('other');
    const user = await createUser(t, 'coordinator', { areas: [area] });
    const coordinator = await signIn(t, user.login, user.password);
    const created = await t
      .http()
      .post('/api/v1/unmet-needs')
      .set(coordinator)
      .send({ area, resourceType: 'housing_support', summary: '  短期間の住まい。駅の近く  ' })
      .expect(201);
    expect(created.body).toEqual(
      expect.objectContaining({
        area,
        resourceType: 'housing_support',
        resourceTypeLabel: '住まい支援',
        summary: '短期間の住まい。駅の近く',
        recordedBy: 'coordinator さん', // the staff member who recorded it; the register names no person supported
      }),
    );
    await t.http().post('/api/v1/unmet-needs').set(coordinator).send({ area: other, summary: 'x' }).expect(403);
    await t.http().post('/api/v1/unmet-needs').set(t.admin).send({ area: other, summary: '平日午前の軽作業' }).expect(201);
    const empty = await t.http().post('/api/v1/unmet-needs').set(coordinator).send({ area, summary: '' }).expect(400);
    expect(empty.body.errors).toEqual([
      expect.objectContaining({ field: 'summary', message: expect.stringContaining('未充足ニーズの要約') }),
    ]);
    const long = await t
      .http()
      .post('/api/v1/unmet-needs')
      .set(coordinator)
      .send({ area, summary: 'あ'.repeat(201) })
      .expect(400);
    expect(long.body.errors[0].field).toBe('summary');

    const mine = await t.http().get('/api/v1/unmet-needs').set(coordinator).expect(200);
    expect(mine.body.items.map((u: { area: string }) => u.area)).toEqual([area]);
    const all = await t.http().get('/api/v1/unmet-needs').query({ area: other }).set(t.admin).expect(200);
    expect(all.body.items).toEqual([
      expect.objectContaining({ area: other, resourceType: null, summary: '平日午前の軽作業', recordedBy: null }), // ADMIN_TOKEN: no one
    ]);
    // Asking for another area by name does not widen an area-limited coordinator's reach.
    const asked = await t.http().get('/api/v1/unmet-needs').query({ area: other }).set(coordinator).expect(200);
    expect(asked.body).toMatchObject({ items: [], total: 0 });
  });
});
