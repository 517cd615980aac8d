import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { addDays } from '../../src/common/tokyo-time';
import { createOrganization, createResource, createToken } from '../support/factories';
import { createParticipant, createUser, giveConsent, propose, signIn, transition, type SessionHeaders } from '../support/people';
import { createTestApp, pinToBusinessDay, type TestApp } from '../support/test-app';

/**
 * A checkpoint is recorded in its window (from a few days before its day), not weeks ahead; and what a host does on
 * its screen (dates, its view at a checkpoint) reaches the placement's coordinator as a notification.
 */
describe('checkpoint windows and what hosts tell the coordinator', () => {
  let t: TestApp;
  let orgId: string;
  let host: Record<string, string>;
  let coordinator: SessionHeaders;
  let coordinatorId: string;
  let today: string;
  beforeAll(async () => {
    t = await createTestApp();
    pinToBusinessDay(t);
    orgId = (await createOrganization(t, { name: '受入先こもれび' })).id;
    host = await createToken(t, 'host', orgId);
    const user = await createUser(t, 'coordinator');
    coordinatorId = user.id;
    coordinator = await signIn(t, user.login, user.password);
    today = t.app.get(Clock).today();
  });
  afterAll(async () => t.close());

  async function placementOfCoordinator() {
    const resource = await createResource(t, orgId, { capacity: 5, vacancies: 5, title: '食堂の片付け' });
    const person = await createParticipant(t, { displayName: 'Kさん', coordinatorId });
    await giveConsent(t, person.id);
    return propose(t, person.id, resource.id);
  }
  type Checkpoint = { id: string; dayOffset: number; dueOn: string; opensOn: string; status: string };

  it('refuses a check-in or host view for a checkpoint whose window has not opened; a note then uses up none', async () => {
    const placement = await placementOfCoordinator();
    const active = await transition(t, placement.id, { to: 'active' }).expect(200);
    const [day14, day28] = active.body.followUp.checkpoints as Checkpoint[];
    expect(day14.opensOn).toBe(addDays(day14.dueOn, -7));
    expect(day14.opensOn > today).toBe(true);

    const early = await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({ checkpointId: day14.id, date: today, attendance: 'attended', wellbeing: 4 })
      .expect(400);
    expect(early.body.errors[0]).toEqual({ field: 'checkpointId', message: expect.stringContaining(`${day14.opensOn} から記録できます`) });
    const hostEarly = await t
      .http()
      .post(`/api/v1/placements/${placement.id}/host-feedback`)
      .set(host)
      .send({ checkpointId: day28.id, feedback: '初日は落ち着いていました' })
      .expect(400);
    expect(hostEarly.body.errors[0].message).toContain('28日目');

    // A first-day note that names no checkpoint is kept as a 臨時 record; every checkpoint stays open.
    const note = await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({ date: today, attendance: 'attended', wellbeing: 4, note: '初日' })
      .expect(201);
    expect(note.body.checkins.at(-1).checkpointId).toBeNull();
    const statuses = (note.body.followUp.checkpoints as Checkpoint[]).map((c) => c.status);
    expect(statuses).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
  });

  it('takes a checkpoint from the day its window opens', async () => {
    const placement = await placementOfCoordinator();
    // Started nine days ago: 14日目 is due in about five days, inside its seven-day window.
    const active = await transition(t, placement.id, { to: 'active', date: addDays(today, -9) }).expect(200);
    const [day14] = active.body.followUp.checkpoints as Checkpoint[];
    expect(day14.opensOn <= today).toBe(true);
    const res = await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({ checkpointId: day14.id, date: today, attendance: 'attended', wellbeing: 4 })
      .expect(201);
    expect(res.body.followUp.checkpoints[0].status).toBe('done');
  });

  it("tells the placement's coordinator when the host sets a date or records its view, without what was written", async () => {
    const placement = await placementOfCoordinator();
    const before = (await t.http().get('/api/v1/notifications').query({ unread: true }).set(coordinator).expect(200)).body.length;

    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/dates`)
      .set(host)
      .send({ visitDate: addDays(today, -10) })
      .expect(200);
    // The same date saved again is no news.
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/dates`)
      .set(host)
      .send({ visitDate: addDays(today, -10) })
      .expect(200);
    // A coordinator's own change notifies no one.
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/dates`)
      .set(t.admin)
      .send({ trialDate: addDays(today, -9) })
      .expect(200);
    const active = await transition(t, placement.id, { to: 'active', date: addDays(today, -9) }).expect(200);
    const [day14] = active.body.followUp.checkpoints as Checkpoint[];
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/host-feedback`)
      .set(host)
      .send({ checkpointId: day14.id, feedback: '出席：参加\n様子：帰りに少し疲れた様子' })
      .expect(200);

    const mine = (await t.http().get('/api/v1/notifications').query({ unread: true }).set(coordinator).expect(200)).body as Array<{
      kind: string;
      placementId: string;
      message: string;
    }>;
    expect(mine.length).toBe(before + 2);
    const forPlacement = mine.filter((n) => n.placementId === placement.id);
    expect(forPlacement.map((n) => n.kind).sort()).toEqual(['host_dates', 'host_feedback']);
    const dates = forPlacement.find((n) => n.kind === 'host_dates')!;
    expect(dates.message).toBe(`受入先（受入先こもれび）が、Kさん（食堂の片付け）の見学日を ${addDays(today, -10)}にしました。`);
    const feedback = forPlacement.find((n) => n.kind === 'host_feedback')!;
    expect(feedback.message).toContain('14日目の確認日');
    const text = JSON.stringify(forPlacement);
    for (const secret of ['疲れた', '通院中', '母と二人暮らし', '人と話すのが苦手']) expect(text).not.toContain(secret);

    const db = t.app.get(DataSource);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE placement_id = $1`, [placement.id]);
    expect(n).toBe(2);
  });
});
