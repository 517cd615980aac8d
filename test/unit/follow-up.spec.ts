import type { EntityManager } from 'typeorm';
import type { Actor } from '../../src/auth/actor';
import { loadConfig } from '../../src/config/app-config';
import type { TransactionRunner } from '../../src/database/transaction.runner';
import { BusinessCalendar } from '../../src/calendar/business-calendar';
import { Clock } from '../../src/common/clock';
import { draftPlan, type DraftOptions } from '../../src/follow-up/follow-up-plan';
import type { FollowUpRepository } from '../../src/follow-up/follow-up.repository';
import { FollowUpService } from '../../src/follow-up/follow-up.service';
import type { JobRepository } from '../../src/jobs/job.repository';
import type { ReconcileRegistry } from '../../src/jobs/reconcile.registry';
import type { NotificationRepository } from '../../src/notifications/notification.repository';
import { NotificationService } from '../../src/notifications/notification.service';
import type { WebhookRepository } from '../../src/notifications/webhook.repository';

const calendarOf = (env: Record<string, string> = {}) => new BusinessCalendar(loadConfig(env));
const options = (env: Record<string, string> = {}, extra: Partial<DraftOptions> = {}): DraftOptions => ({
  calendar: calendarOf(env),
  graceBusinessDays: 5,
  now: new Date('2026-10-30T01:00:00Z'),
  ...extra,
});

describe('draftPlan (Asia/Tokyo calendar days)', () => {
  it('puts checkpoints at the start of their Tokyo day and the overdue time after the grace period', () => {
    const plan = draftPlan('2026-10-30', 90, [28, 14, 60, 90], options({ FOLLOWUP_DUE_DATE_RULE: 'none' }, { graceSeconds: 7 * 86_400 }));
    expect(plan.endsOn).toBe('2027-01-28');
    expect(plan.checkpoints.map((c) => c.dueOn)).toEqual(['2026-11-13', '2026-11-27', '2026-12-29', '2027-01-28']);
    expect(plan.checkpoints[0].dueAt.toISOString()).toBe('2026-11-12T15:00:00.000Z');
    expect(plan.checkpoints[0].overdueAt.toISOString()).toBe('2026-11-19T15:00:00.000Z');
    expect(plan.checkpoints.map((c) => c.isFinal)).toEqual([false, false, false, true]);
  });

  it('makes day 0 due at once on a business day', () => {
    const now = new Date('2026-11-25T01:00:00Z'); // Wednesday 10:00 in Tokyo
    const [first] = draftPlan('2026-11-25', 30, [0], options({}, { now, graceSeconds: 60 })).checkpoints;
    expect(first.dueAt).toEqual(now);
    expect(first.overdueAt).toEqual(new Date('2026-11-25T01:01:00Z'));
  });
});

describe('business days (weekends, 国民の祝日 with 振替休日, 年末年始, own closures)', () => {
  // Activation on 2026-11-29 (a Sunday): the default plan's day 28 is 2026-12-27 (Sunday) and day 90 is 2027-02-27 (Saturday).
  const nominal = (startsOn: string, day: number, rule: 'previous' | 'next' | 'none', env: Record<string, string> = {}) =>
    draftPlan(startsOn, Math.max(day, 1), [day], options({ ...env, FOLLOWUP_DUE_DATE_RULE: rule })).checkpoints[0];

  it.each([
    // [what, start, day, nominal, previous, next]
    ['a Sunday', '2026-11-29', 28, '2026-12-27', '2026-12-25', '2026-12-28'],
    ['a Saturday', '2026-11-29', 90, '2027-02-27', '2027-02-26', '2027-03-01'],
    ['元日 inside 年末年始', '2026-12-04', 28, '2027-01-01', '2026-12-28', '2027-01-04'],
    ['a 振替休日 (こどもの日 on a Tuesday, 2026-05-06 in lieu of 憲法記念日)', '2026-04-22', 14, '2026-05-06', '2026-05-01', '2026-05-07'],
    ['年末年始 on a weekday (12-30)', '2026-12-02', 28, '2026-12-30', '2026-12-28', '2027-01-04'],
    ['成人の日 (a Monday)', '2026-12-14', 28, '2027-01-11', '2027-01-08', '2027-01-12'],
  ])('moves a checkpoint on %s: previous / next / none', (_what, start, day, nominalOn, previous, next) => {
    expect(nominal(start, day, 'previous')).toMatchObject({ nominalOn, dueOn: previous });
    expect(nominal(start, day, 'next')).toMatchObject({ nominalOn, dueOn: next });
    expect(nominal(start, day, 'none')).toMatchObject({ nominalOn, dueOn: nominalOn });
  });

  it('never moves a checkpoint before the activation day: day 0 on a Sunday moves forward', () => {
    expect(nominal('2026-11-29', 0, 'previous')).toMatchObject({ nominalOn: '2026-11-29', dueOn: '2026-11-30' });
    // Activated on Friday 2026-12-25: day 2 (Sunday) goes back to the activation day itself, not before it.
    expect(nominal('2026-12-25', 2, 'previous')).toMatchObject({ dueOn: '2026-12-25' });
    // Activated on Saturday 2026-12-26: the business day before day 1 (Sunday) would precede the start, so it moves forward.
    expect(nominal('2026-12-26', 1, 'previous')).toMatchObject({ nominalOn: '2026-12-27', dueOn: '2026-12-28' });
    expect(nominal('2026-12-26', 4, 'previous')).toMatchObject({ nominalOn: '2026-12-30', dueOn: '2026-12-28' });
  });

  it('keeps day 0 on a business activation day at once, and a business day where it is', () => {
    const wednesday = nominal('2026-11-25', 0, 'previous');
    expect(wednesday.dueOn).toBe('2026-11-25');
    expect(nominal('2026-11-25', 14, 'previous').dueOn).toBe('2026-12-09');
  });

  it('honours configured closed days and can keep 年末年始 open', () => {
    const env = { OFFICE_CLOSED_DATES: '12-09,2026-12-10' };
    expect(nominal('2026-11-25', 14, 'previous', env).dueOn).toBe('2026-12-08');
    expect(nominal('2026-11-26', 14, 'next', env).dueOn).toBe('2026-12-11');
    expect(nominal('2026-12-02', 28, 'previous', { OFFICE_YEAR_END_CLOSURE: 'false' }).dueOn).toBe('2026-12-30');
    expect(calendarOf().closedReason('2027-01-01')).toBe('元日');
    expect(calendarOf().closedReason('2026-12-29')).toBe('年末年始');
    expect(calendarOf(env).closedReason('2027-12-09')).toBe('休業日');
  });

  it('counts the overdue grace in business days: a weekend and 年末年始 do not use it up', () => {
    // Due Friday 2026-12-25 with 5 business days: 12-28 is the only business day before 年末年始, then 1/4..1/7.
    const c = nominal('2026-11-27', 28, 'previous');
    expect(c.dueOn).toBe('2026-12-25');
    expect(c.overdueAt.toISOString()).toBe(new Date('2027-01-07T00:00:00+09:00').toISOString());
    // An ordinary week: due Wednesday, overdue at the start of the next Wednesday.
    const w = nominal('2026-11-11', 14, 'previous');
    expect(w.dueOn).toBe('2026-11-25');
    expect(w.overdueAt.toISOString()).toBe(new Date('2026-12-02T00:00:00+09:00').toISOString());
  });

  it('refuses a malformed closed day in the configuration', () => {
    expect(() => loadConfig({ OFFICE_CLOSED_DATES: '13-01' })).toThrow('OFFICE_CLOSED_DATES');
    expect(() => loadConfig({ FOLLOWUP_DUE_DATE_RULE: 'nearest' })).toThrow('FOLLOWUP_DUE_DATE_RULE');
    expect(() => loadConfig({ DIGEST_TIME: '25:00' })).toThrow('DIGEST_TIME');
  });
});

describe('FollowUpService', () => {
  const manager = {} as EntityManager;
  const tx = { run: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as unknown as TransactionRunner;
  const context = {
    id: 'c1',
    placementId: 'p1',
    coordinatorId: 't1',
    displayName: 'Aさん',
    resourceTitle: '畑',
    dayOffset: 14,
    dueOn: '2026-12-07',
    isFinal: false,
  };
  const actor: Actor = { tokenId: 't1', role: 'coordinator', organizationId: null, areas: null, route: 'test' };
  const dueTiming = { id: 'c1', status: 'due', dueAt: new Date('2026-12-06T15:00:00Z'), overdueAt: new Date('2026-12-13T15:00:00Z') };

  function setup() {
    const repo = {
      advance: jest.fn().mockResolvedValue(true),
      context: jest.fn().mockResolvedValue(context),
      notify: jest.fn().mockResolvedValue(true),
      findCheckpoint: jest.fn(),
      earliestOpenDue: jest.fn().mockResolvedValue(null),
      addCheckin: jest.fn().mockResolvedValue('k1'),
      createPlan: jest.fn().mockResolvedValue([]),
      jobTiming: jest.fn().mockResolvedValue(dueTiming),
    };
    const jobs = { scheduleCheckpoints: jest.fn().mockResolvedValue(undefined), enqueueNotificationDelivery: jest.fn() };
    const webhook = { enabled: false } as unknown as WebhookRepository;
    // Notifications are written through NotificationService; the mock records them like the repository did.
    const notifications = new NotificationService(
      { notify: repo.notify } as unknown as NotificationRepository,
      webhook,
      jobs as unknown as JobRepository,
      {} as ReconcileRegistry,
    );
    const service = new FollowUpService(
      loadConfig({}),
      repo as unknown as FollowUpRepository,
      jobs as unknown as JobRepository,
      tx,
      notifications,
      {} as ReconcileRegistry,
      calendarOf(),
      new Clock(),
    );
    return { service, repo, jobs };
  }

  it('notifies once when a checkpoint becomes due, and not again when the job runs twice', async () => {
    const { service, repo } = setup();
    expect(await service.markDue('c1')).toBe('notified');
    expect(repo.notify).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ kind: 'checkpoint_due', dedupeKey: 'c1:due', recipientUserId: 't1' }),
    );
    repo.advance.mockResolvedValue(false);
    expect(await service.markDue('c1')).toBe('unchanged');
    expect(repo.notify).toHaveBeenCalledTimes(1);
  });

  it('asks for a decision at the final checkpoint', async () => {
    const { service, repo } = setup();
    repo.context.mockResolvedValue({ ...context, isFinal: true });
    await service.markDue('c1');
    expect(repo.notify.mock.calls[0][1]).toMatchObject({ kind: 'decision_needed' });
    expect(repo.notify.mock.calls[0][1].message).toContain('延長');
  });

  it('keeps the note of an urgent check-in out of the notification', async () => {
    const { service, repo } = setup();
    await service.recordCheckin(
      manager,
      actor,
      { id: 'p1', coordinatorId: 't1', displayName: 'Aさん', resourceTitle: '畑' },
      { date: '2026-11-23', attendance: 'absent', wellbeing: 1, concern: 'urgent', note: '自傷のおそれ' },
    );
    const notification = repo.notify.mock.calls[0][1];
    expect(notification).toMatchObject({ kind: 'urgent_concern', dedupeKey: 'k1:urgent' });
    expect(notification.message).not.toContain('自傷');
  });

  it('rejects a plan whose checkpoints fall after its end', async () => {
    const { service } = setup();
    await expect(service.createPlan(manager, 'p1', 1, '2026-11-23', { lengthDays: 30, checkpointDays: [14, 45] })).rejects.toMatchObject({
      details: { errors: [{ field: 'followUp.checkpointDays' }] },
    });
  });

  it('schedules the overdue check once the due job has marked the checkpoint due, also when a re-run changes nothing', async () => {
    const { service, repo, jobs } = setup();
    expect(await service.markDue('c1')).toBe('notified');
    expect(jobs.scheduleCheckpoints).toHaveBeenLastCalledWith([dueTiming]);
    // A retry after a crash between the commit and Redis: nothing to mark, the overdue job is still added (same id).
    repo.advance.mockResolvedValue(false);
    expect(await service.markDue('c1')).toBe('unchanged');
    expect(jobs.scheduleCheckpoints).toHaveBeenCalledTimes(2);
    expect(repo.notify).toHaveBeenCalledTimes(1);
  });

  it.each(['overdue', 'done', 'cancelled'])('schedules nothing after the due job when the checkpoint is already %s', async (status) => {
    const { service, repo, jobs } = setup();
    repo.advance.mockResolvedValue(false);
    repo.jobTiming.mockResolvedValue({ ...dueTiming, status });
    expect(await service.markDue('c1')).toBe('unchanged');
    expect(jobs.scheduleCheckpoints).not.toHaveBeenCalled();
  });

  it('fails the due job when Redis refuses its overdue check, after the notification is stored, so that BullMQ retries it', async () => {
    const { service, repo, jobs } = setup();
    jobs.scheduleCheckpoints.mockRejectedValueOnce(new Error('redis down'));
    await expect(service.markDue('c1')).rejects.toThrow('redis down');
    expect(repo.notify).toHaveBeenCalledTimes(1);
  });

  it('leaves scheduling to the reconciler when Redis is down, without failing the request', async () => {
    const { service, jobs } = setup();
    jobs.scheduleCheckpoints.mockRejectedValueOnce(new Error('redis down'));
    await expect(service.schedule([{ id: 'c1', status: 'scheduled', dueAt: new Date(), overdueAt: new Date() }])).resolves.toBeUndefined();
    expect(jobs.scheduleCheckpoints).toHaveBeenCalled();
  });
});

describe('NotificationService.deliverNotifications (webhook outbox walk)', () => {
  const note = (id: string) => ({ id, kind: 'checkpoint_due', placementId: 'p', checkpointId: null, message: 'm', createdAt: new Date() });

  /** An outbox over `ids` whose `post` fails for the ids in `failing`. */
  function setup(ids: string[], failing: Set<string>) {
    const delivered = new Set<string>();
    const webhook = {
      enabled: true,
      undelivered: jest.fn(async (limit: number, excluding: string[]) =>
        ids
          .filter((id) => !delivered.has(id) && !excluding.includes(id))
          .slice(0, limit)
          .map(note),
      ),
      post: jest.fn(async (n: { id: string }) => {
        if (failing.has(n.id)) throw new Error('webhook answered 503');
      }),
      markDelivered: jest.fn(async (id: string) => void delivered.add(id)),
      markFailed: jest.fn(),
    };
    const service = new NotificationService(
      {} as NotificationRepository,
      webhook as unknown as WebhookRepository,
      {} as JobRepository,
      {} as ReconcileRegistry,
    );
    return { service, webhook, delivered };
  }

  it('delivers the others when one fails, then throws so that BullMQ retries', async () => {
    const { service, webhook, delivered } = setup(['a', 'b', 'c'], new Set(['a']));
    await expect(service.deliverNotifications()).rejects.toThrow('1 notification(s) not delivered, 2 delivered');
    expect([...delivered]).toEqual(['b', 'c']);
    expect(webhook.markFailed).toHaveBeenCalledWith('a', expect.stringContaining('503'));
    expect(webhook.post).toHaveBeenCalledTimes(3); // "a" is not retried within the walk
  });

  it('stops early when the endpoint looks down', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `n${i}`);
    const { service, webhook } = setup(ids, new Set(ids));
    await expect(service.deliverNotifications()).rejects.toThrow('3 notification(s) not delivered');
    expect(webhook.post).toHaveBeenCalledTimes(3);
  });

  it('returns the count when everything went out', async () => {
    const { service } = setup(['a', 'b'], new Set());
    await expect(service.deliverNotifications()).resolves.toBe(2);
  });
});
