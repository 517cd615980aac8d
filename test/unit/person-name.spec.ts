import type { EntityManager } from 'typeorm';
import type { Actor } from '../../src/auth/actor';
import { addressOf } from '../../src/common/person-name';
import { BusinessCalendar } from '../../src/calendar/business-calendar';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import type { TransactionRunner } from '../../src/database/transaction.runner';
import type { FollowUpRepository } from '../../src/follow-up/follow-up.repository';
import { FollowUpService } from '../../src/follow-up/follow-up.service';
import type { ReconcileRegistry } from '../../src/jobs/reconcile.registry';
import type { NotificationService } from '../../src/notifications/notification.service';
import type { JobRepository } from '../../src/jobs/job.repository';

describe('addressOf: how a person is addressed', () => {
  it.each([
    ['テストB', 'テストB'],
    ['テストBさん', 'テストBさん'],
    ['Aさん（C-001）', 'Aさん（C-001）'],
    ['山田様', '山田様'],
    ['A君', 'A君'],
    ['Aくん', 'Aくん'],
    ['はなちゃん', 'はなちゃん'],
    ['  Cさん  ', 'Cさん'],
    ['ﾀﾅｶｻﾝ', 'ﾀﾅｶｻﾝ'],
    ['', 'ご本人'],
    [null, 'ご本人'],
  ])('%p → %p', (name, expected) => {
    expect(addressOf(name)).toBe(expected);
  });
});

describe('follow-up messages address a person once', () => {
  const manager = {} as EntityManager;
  const tx = { run: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as unknown as TransactionRunner;
  const actor: Actor = { tokenId: 't1', role: 'coordinator', organizationId: null, areas: null, route: 'test' };

  function setup(displayName: string, isFinal = false) {
    const context = {
      id: 'c1',
      placementId: 'p1',
      coordinatorId: 't1',
      displayName,
      resourceTitle: '畑',
      dayOffset: 14,
      dueOn: '2026-12-07',
      isFinal,
    };
    const repo = {
      advance: jest.fn().mockResolvedValue(true),
      context: jest.fn().mockResolvedValue(context),
      earliestOpenDue: jest.fn().mockResolvedValue(null),
      addCheckin: jest.fn().mockResolvedValue('k1'),
      jobTiming: jest.fn().mockResolvedValue(null),
    };
    const notifications = { notify: jest.fn().mockResolvedValue(true), afterNotifying: <T>(work: Promise<T>) => work };
    const registry = { register: jest.fn() };
    const service = new FollowUpService(
      loadConfig({}),
      repo as unknown as FollowUpRepository,
      {} as JobRepository,
      tx,
      notifications as unknown as NotificationService,
      registry as unknown as ReconcileRegistry,
      new BusinessCalendar(loadConfig({})),
      new Clock(),
    );
    const messages = () => notifications.notify.mock.calls.map(([, n]) => n.message as string);
    return { service, messages };
  }

  it.each(['テストBさん', 'テストB様', 'テストB'])('never doubles the honorific of %p', async (name) => {
    const due = setup(name);
    await due.service.markDue('c1');
    await due.service.markOverdue('c1');
    await due.service.recordCheckin(
      manager,
      actor,
      { id: 'p1', coordinatorId: 't1', displayName: name, resourceTitle: '畑' },
      { date: '2026-12-07', attendance: 'attended', wellbeing: 2, concern: 'urgent' },
    );
    const final = setup(name, true);
    await final.service.markDue('c1');
    const all = [...due.messages(), ...final.messages()];
    expect(all).toHaveLength(4);
    for (const message of all) {
      expect(message).not.toMatch(/(さん|様)さん/);
      // The display name as typed, with nothing appended.
      expect(message).toContain(`${name}（畑）`);
    }
  });
});
