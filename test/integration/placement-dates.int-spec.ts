import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { addDays } from '../../src/common/tokyo-time';
import { jobIds, QueueName } from '../../src/jobs/job.constants';
import { createOrganization, createResource } from '../support/factories';
import { createParticipant, giveConsent, propose, transition } from '../support/people';
import { createTestApp, pinToBusinessDay, waitFor, type TestApp } from '../support/test-app';

/** The start of 参加・受入 may be recorded late; the follow-up plan counts from the day the person started. */
describe('dates of a placement: backdated start and the order of visit, trial and start', () => {
  let t: TestApp;
  let orgId: string;
  let queue: Queue;
  let db: DataSource;
  let today: string;
  beforeAll(async () => {
    t = await createTestApp();
    pinToBusinessDay(t);
    orgId = (await createOrganization(t)).id;
    queue = t.app.get<Queue>(getQueueToken(QueueName.FollowUp));
    db = t.app.get(DataSource);
    today = t.app.get(Clock).today();
  });
  afterAll(async () => t.close());

  async function proposed() {
    const resource = await createResource(t, orgId, { capacity: 5, vacancies: 5 });
    const person = await createParticipant(t);
    await giveConsent(t, person.id);
    return propose(t, person.id, resource.id);
  }
  type Checkpoint = { id: string; dueOn: string; nominalDueOn: string; status: string };
  const fieldError = (body: { errors?: Array<{ field: string; message: string }> }) => body.errors?.[0];

  it('counts the checkpoints from a backdated start; a past checkpoint is due at once, a later one waits for its day', async () => {
    const placement = await proposed();
    const start = addDays(today, -20);
    const followUp = { lengthDays: 60, checkpointDays: [14, 40] };
    const res = await transition(t, placement.id, { to: 'active', date: start, followUp }).expect(200);
    expect(res.body.followUp.startsOn).toBe(start);
    const [past, later] = res.body.followUp.checkpoints as Checkpoint[];
    expect(past.nominalDueOn).toBe(addDays(start, 14));
    expect(later.nominalDueOn).toBe(addDays(start, 40));
    // Day 14 was six days ago: its job runs now and the coordinator is told; it is not overdue the same minute.
    await waitFor(
      async () => (await db.query(`SELECT status FROM follow_up_checkpoints WHERE id = $1`, [past.id]))[0].status === 'due',
      'past checkpoint due',
    );
    const notes = await db.query(`SELECT kind FROM notifications WHERE checkpoint_id = $1`, [past.id]);
    expect(notes.map((n: { kind: string }) => n.kind)).toEqual(['checkpoint_due']);
    const [{ overdueAt }] = await db.query(`SELECT overdue_at AS "overdueAt" FROM follow_up_checkpoints WHERE id = $1`, [past.id]);
    expect(new Date(overdueAt).getTime()).toBeGreaterThan(t.app.get(Clock).now().getTime());
    // Day 40 is twenty days ahead: delayed until the start of its day, counted from the backdated start.
    const job = await queue.getJob(jobIds.checkpoint('due', later.id));
    const untilDue = Date.parse(`${later.dueOn}T00:00:00+09:00`) - Date.now();
    expect(Math.abs(job!.opts.delay! - untilDue)).toBeLessThan(60_000);
  });

  it('starts today when no start date is given', async () => {
    const placement = await proposed();
    const res = await transition(t, placement.id, { to: 'active' }).expect(200);
    expect(res.body.followUp.startsOn).toBe(today);
  });

  it('refuses a start in the future, too far back, or before the recorded visit or trial, naming 開始日', async () => {
    const placement = await proposed();
    const future = await transition(t, placement.id, { to: 'active', date: addDays(today, 1) }).expect(400);
    expect(fieldError(future.body)).toEqual({ field: 'date', message: expect.stringContaining('開始日') });
    expect(fieldError(future.body)!.message).toContain(`今日（${today}）以前`);
    const old = await transition(t, placement.id, { to: 'active', date: addDays(today, -91) }).expect(400);
    expect(fieldError(old.body)!.message).toContain('90 日前');
    await transition(t, placement.id, { to: 'active', date: addDays(today, -90) }).expect(200);

    const visited = await proposed();
    await transition(t, visited.id, { to: 'visit', date: addDays(today, -3) }).expect(200);
    const early = await transition(t, visited.id, { to: 'active', date: addDays(today, -5) }).expect(400);
    expect(fieldError(early.body)!.message).toMatch(/開始日.*見学日.*以降/);
    // Nothing changed: the refused start took no vacancy and made no plan.
    const still = await t.http().get(`/api/v1/placements/${visited.id}`).set(t.admin).expect(200);
    expect(still.body.state).toBe('visit');
    expect(still.body.followUp).toBeNull();
    await transition(t, visited.id, { to: 'active', date: addDays(today, -3) }).expect(200);
  });

  it('refuses the default start (today) before a visit still ahead: one of the two dates is wrong', async () => {
    const placement = await proposed();
    await transition(t, placement.id, { to: 'visit', date: addDays(today, 2) }).expect(200);
    const res = await transition(t, placement.id, { to: 'active' }).expect(400);
    expect(fieldError(res.body)!.message).toContain('見学日');
  });

  it('keeps the trial on or after the visit, in the transition and when the dates are confirmed', async () => {
    const placement = await proposed();
    await transition(t, placement.id, { to: 'visit', date: addDays(today, 5) }).expect(200);
    const res = await transition(t, placement.id, { to: 'trial', date: addDays(today, 4) }).expect(400);
    expect(fieldError(res.body)).toEqual({ field: 'date', message: expect.stringMatching(/体験日.*見学日.*以降/) });
    const confirm = await t
      .http()
      .post(`/api/v1/placements/${placement.id}/dates`)
      .set(t.admin)
      .send({ trialDate: addDays(today, 3) })
      .expect(400);
    expect(fieldError(confirm.body)!.field).toBe('trialDate');
    await transition(t, placement.id, { to: 'trial', date: addDays(today, 5) }).expect(200);
  });
});
