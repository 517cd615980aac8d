import type { EntityManager } from 'typeorm';
import type { Actor } from '../../src/auth/actor';
import { loadConfig } from '../../src/config/app-config';
import type { TransactionRunner } from '../../src/database/transaction.runner';
import { draftPlan } from '../../src/follow-up/follow-up-plan';
import type { FollowUpRepository } from '../../src/follow-up/follow-up.repository';
import { FollowUpService } from '../../src/follow-up/follow-up.service';
import type { JobRepository } from '../../src/jobs/job.repository';
import type { ReconcileRegistry } from '../../src/jobs/reconcile.registry';
import type { NotificationRepository } from '../../src/notifications/notification.repository';
import { NotificationService } from '../../src/notifications/notification.service';
import type { WebhookRepository } from '../../src/notifications/webhook.repository';

describe('draftPlan (Asia/Tokyo calendar days)', () => {
  it('puts checkpoints at the start of their Tokyo day and the overdue time after the grace period', () => {
    const plan = draftPlan('2026-10-30', 90, [28, 14, 60, 90], 7 * 86_400);
    expect(plan.endsOn).toBe('2027-01-28');
    expect(plan.checkpoints.map((c) => c.dueOn)).toEqual(['2026-11-13', '2026-11-27', '2026-12-29', '2027-01-28']);
    expect(plan.checkpoints[0].dueAt.toISOString()).toBe('2026-11-12T15:00:00.000Z');
    expect(plan.checkpoints[0].overdueAt.toISOString()).toBe('2026-11-19T15:00:00.000Z');
    expect(plan.checkpoints.map((c) => c.isFinal)).toEqual([false, false, false, true]);
  });

  it('makes day 0 due at once', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const [first] = draftPlan('2026-11-23', 30, [0], 60, now).checkpoints;
    expect(first.dueAt).toEqual(now);
    expect(first.overdueAt).toEqual(new Date('2026-11-23T10:01:00Z'));
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

  function setup() {
    const repo = {
      advance: jest.fn().mockResolvedValue(true),
      context: jest.fn().mockResolvedValue(context),
      notify: jest.fn().mockResolvedValue(true),
      findCheckpoint: jest.fn(),
      earliestOpenDue: jest.fn().mockResolvedValue(null),
      addCheckin: jest.fn().mockResolvedValue('k1'),
      createPlan: jest.fn().mockResolvedValue([]),
    };
    const jobs = { scheduleCheckpoints: jest.fn().mockRejectedValue(new Error('redis down')), enqueueNotificationDelivery: jest.fn() };
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

  it('leaves scheduling to the reconciler when Redis is down, without failing the request', async () => {
    const { service, jobs } = setup();
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
