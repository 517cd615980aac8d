import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { notificationAudience, notificationReader } from '../../src/access/access.rules';
import type { Actor } from '../../src/auth/actor';
import { NotificationRepository } from '../../src/notifications/notification.repository';
import { ParticipantRepository } from '../../src/participants/participant.repository';
import { PlacementRepository } from '../../src/placements/placement.repository';
import { createOrganization, createResource } from '../support/factories';
import { undoThrough } from '../support/migrations';
import { createParticipant, createUser, giveConsent, signIn, transition } from '../support/people';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

type Headers = Record<string, string>;

/**
 * Work belongs to persons: the assigned coordinator is a user, notifications reach that user (or, unassigned,
 * the coordinators of the person's area) and nobody else, and records name who acted. Real database and Redis,
 * browser sessions and bearer tokens side by side.
 */
describe('work belongs to persons', () => {
  let t: TestApp;
  let db: DataSource;
  let resourceId: string;
  const east = uniqueArea('東部');
  const west = uniqueArea('西部');
  /** Signed-in people and tokens, by what they are in the tests below. */
  const who = {} as Record<
    'assigned' | 'colleague' | 'everywhere' | 'elsewhere' | 'adminUser' | 'assignedToken' | 'eastToken' | 'westToken' | 'adminToken',
    Headers
  >;
  const ids = {} as Record<'assigned' | 'colleague' | 'elsewhere' | 'adminUser', string>;

  const token = async (body: object) => {
    const res = await t.http().post('/api/v1/tokens').set(t.admin).send(body).expect(201);
    return { Authorization: `Bearer ${res.body.token}` };
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const org = await createOrganization(t, { name: '地区の受入先' });
    resourceId = (await createResource(t, org.id, { area: east, capacity: 50, vacancies: 50 })).id;
    const people: Array<[keyof typeof ids | 'everywhere', string, Record<string, unknown>]> = [
      ['assigned', 'coordinator', { displayName: '山田 花子', areas: [east] }],
      ['colleague', 'coordinator', { displayName: '佐藤 次郎', areas: [east] }],
      ['everywhere', 'coordinator', { displayName: '鈴木 全域' }],
      ['elsewhere', 'coordinator', { displayName: '田中 西', areas: [west] }],
      ['adminUser', 'admin', { displayName: '管理 太郎' }],
    ];
    for (const [key, role, extra] of people) {
      const user = await createUser(t, role, extra);
      if (key !== 'everywhere') ids[key] = user.id;
      who[key] = await signIn(t, user.login, user.password);
    }
    who.assignedToken = await token({ name: '山田さんの連携', role: 'coordinator', userId: ids.assigned });
    who.eastToken = await token({ name: '東部の連携', role: 'coordinator', areas: [east] });
    who.westToken = await token({ name: '西部の連携', role: 'coordinator', areas: [west] });
    who.adminToken = t.admin;
  });
  afterAll(async () => t.close());

  /** A person in the east, a placement at work and an urgent concern: the notification every test looks for. */
  async function urgentConcern(creator: Headers, extra: Record<string, unknown> = {}) {
    const displayName = `ひがし${Math.random().toString(36).slice(2, 7)}さん`;
    const person = (await createParticipant(t, { area: east, displayName, ...extra }, creator)) as {
      id: string;
      coordinator: { id: string; displayName: string } | null;
    };
    await giveConsent(t, person.id);
    const placement = (await t.http().post('/api/v1/placements').set(creator).send({ participantId: person.id, resourceId }).expect(201))
      .body;
    await transition(t, placement.id, { to: 'active' }).expect(200);
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(creator)
      .send({ date: '2026-11-20', attendance: 'absent', wellbeing: 1, concern: 'urgent' })
      .expect(201);
    const [n] = await db.query(`SELECT id FROM notifications WHERE placement_id = $1 AND kind = 'urgent_concern'`, [placement.id]);
    return { person, placement, notificationId: n.id as string, displayName };
  }

  const list = async (headers: Headers, unread = false) =>
    (
      await t
        .http()
        .get('/api/v1/notifications')
        .query(unread ? { unread: true } : {})
        .set(headers)
        .expect(200)
    ).body as Array<{
      id: string;
      kind: string;
      placementId: string;
      message: string;
      readAt: string | null;
    }>;

  /** Which of the callers see the notification. */
  async function audience(notificationId: string): Promise<string[]> {
    const seeing: string[] = [];
    for (const [name, headers] of Object.entries(who)) {
      if ((await list(headers)).some((n) => n.id === notificationId)) seeing.push(name);
    }
    return seeing.sort();
  }

  it('reaches the assigned coordinator (signed in or through their token) and admins, and nobody else', async () => {
    const { person, placement, notificationId } = await urgentConcern(who.assigned);
    expect(person.coordinator).toEqual({ id: ids.assigned, displayName: '山田 花子' });
    const view = (await t.http().get(`/api/v1/placements/${placement.id}`).set(who.assigned).expect(200)).body;
    expect(view.coordinator).toEqual({ id: ids.assigned, displayName: '山田 花子' });
    expect(await audience(notificationId)).toEqual(['adminToken', 'adminUser', 'assigned', 'assignedToken']);
  });

  it("reaches every coordinator of the person's area when unassigned, never one limited to another area", async () => {
    const { person, notificationId, displayName } = await urgentConcern(t.admin);
    expect(person.coordinator).toBeNull();
    expect(await audience(notificationId)).toEqual([
      'adminToken',
      'adminUser',
      'assigned',
      'assignedToken',
      'colleague',
      'eastToken',
      'everywhere',
    ]);
    // Neither the person's name nor the concern reaches the other area, by any route.
    for (const other of [who.elsewhere, who.westToken]) {
      expect(JSON.stringify(await list(other))).not.toContain(displayName);
      const refused = await t.http().post(`/api/v1/notifications/${notificationId}/read`).set(other);
      const missing = await t.http().post(`/api/v1/notifications/00000000-0000-4000-8000-00000000beef/read`).set(other);
      expect([refused.status, refused.body.code]).toEqual([missing.status, missing.body.code]);
      expect(refused.status).toBe(404);
    }
    // Read state is each reader's own.
    await t.http().post(`/api/v1/notifications/${notificationId}/read`).set(who.colleague).expect(204);
    expect((await list(who.colleague, true)).map((n) => n.id)).not.toContain(notificationId);
    expect((await list(who.colleague)).find((n) => n.id === notificationId)!.readAt).not.toBeNull();
    expect((await list(who.assigned, true)).map((n) => n.id)).toContain(notificationId);
    expect((await list(who.adminToken, true)).map((n) => n.id)).toContain(notificationId);
  });

  it('follows a reassignment, and falls back to the area when the coordinator can no longer act', async () => {
    const leaver = await createUser(t, 'coordinator', { displayName: '退職 予定', areas: [east] });
    const { person, placement, notificationId } = await urgentConcern(t.admin, { coordinatorId: ids.colleague });
    expect(person.coordinator).toEqual({ id: ids.colleague, displayName: '佐藤 次郎' });
    const coordinators = (seeing: string[]) => seeing.filter((s) => !s.startsWith('admin'));
    expect(coordinators(await audience(notificationId))).toEqual(['colleague']);

    await t.http().patch(`/api/v1/participants/${person.id}`).set(t.admin).send({ coordinatorId: leaver.id }).expect(200);
    const moved = (await t.http().get(`/api/v1/placements/${placement.id}`).set(t.admin).expect(200)).body;
    expect(moved.coordinator).toEqual({ id: leaver.id, displayName: '退職 予定' });
    expect(coordinators(await audience(notificationId))).toEqual([]);
    const leaverSession = await signIn(t, leaver.login, leaver.password);
    expect((await list(leaverSession)).map((n) => n.id)).toContain(notificationId);

    await t.http().patch(`/api/v1/users/${leaver.id}`).set(t.admin).send({ status: 'disabled' }).expect(200);
    expect(coordinators(await audience(notificationId))).toEqual(['assigned', 'assignedToken', 'colleague', 'eastToken', 'everywhere']);
  });

  it('tells the assigned coordinator when a checkpoint falls due (BullMQ job), and nobody else of the area', async () => {
    const person = await createParticipant(t, { area: east }, who.assigned);
    await giveConsent(t, person.id);
    const placement = (
      await t.http().post('/api/v1/placements').set(who.assigned).send({ participantId: person.id, resourceId }).expect(201)
    ).body;
    await transition(t, placement.id, { to: 'active', followUp: { lengthDays: 7, checkpointDays: [0] } }).expect(200);
    const due = await waitFor(
      async () => (await list(who.assigned)).find((n) => n.placementId === placement.id && n.kind === 'decision_needed'),
      'the final checkpoint notification',
    );
    expect(due.message).toContain('延長');
    for (const other of [who.colleague, who.everywhere, who.eastToken, who.elsewhere]) {
      expect((await list(other)).map((n) => n.id)).not.toContain(due.id);
    }
  });

  it('assigns the creating coordinator; only admins assign someone else, and only someone who can act for the person', async () => {
    const mine = await createParticipant(t, { area: east }, who.assigned);
    expect((mine as unknown as { coordinator: unknown }).coordinator).toEqual({ id: ids.assigned, displayName: '山田 花子' });
    const viaToken = await createParticipant(t, { area: east }, who.assignedToken);
    expect((viaToken as unknown as { coordinator: unknown }).coordinator).toEqual({ id: ids.assigned, displayName: '山田 花子' });
    expect(((await createParticipant(t, { area: east }, who.eastToken)) as unknown as { coordinator: unknown }).coordinator).toBeNull();

    const body = { displayName: 'Bさん', area: east, needs: '畑仕事' };
    const other = await t
      .http()
      .post('/api/v1/participants')
      .set(who.assigned)
      .send({ ...body, coordinatorId: ids.colleague });
    expect(other.status).toBe(403);
    for (const wrong of [ids.elsewhere, ids.adminUser, '00000000-0000-4000-8000-00000000cafe']) {
      const res = await t
        .http()
        .post('/api/v1/participants')
        .set(t.admin)
        .send({ ...body, coordinatorId: wrong })
        .expect(400);
      expect(res.body.errors[0].field).toBe('coordinatorId');
    }
    // A coordinator takes an unassigned person on, and may let go of their own person, not of a colleague's.
    const open = await createParticipant(t, { area: east });
    const taken = await t.http().patch(`/api/v1/participants/${open.id}`).set(who.colleague).send({ coordinatorId: ids.colleague });
    expect(taken.status).toBe(200);
    expect(taken.body.coordinator).toEqual({ id: ids.colleague, displayName: '佐藤 次郎' });
    await t.http().patch(`/api/v1/participants/${open.id}`).set(who.assigned).send({ coordinatorId: null }).expect(403);
    await t.http().patch(`/api/v1/participants/${open.id}`).set(who.assigned).send({ coordinatorId: ids.assigned }).expect(403);
    const released = await t.http().patch(`/api/v1/participants/${open.id}`).set(who.colleague).send({ coordinatorId: null }).expect(200);
    expect(released.body.coordinator).toBeNull();
    const listed = await t.http().get('/api/v1/participants').query({ coordinatorId: ids.assigned, limit: 100 }).set(t.admin).expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([mine.id, viaToken.id]));
    expect(listed.body.items.every((p: { coordinator: { id: string } }) => p.coordinator.id === ids.assigned)).toBe(true);
  });

  it('names the person who acted on every event and check-in', async () => {
    const person = await createParticipant(t, { area: east }, who.assigned);
    await giveConsent(t, person.id);
    const placement = (
      await t.http().post('/api/v1/placements').set(who.assigned).send({ participantId: person.id, resourceId }).expect(201)
    ).body;
    await t.http().post(`/api/v1/placements/${placement.id}/transitions`).set(who.eastToken).send({ to: 'visit' }).expect(200);
    await t.http().post(`/api/v1/placements/${placement.id}/transitions`).set(who.adminUser).send({ to: 'active' }).expect(200);
    const checkin = { date: '2026-11-20', attendance: 'attended', wellbeing: 4 };
    await t.http().post(`/api/v1/placements/${placement.id}/checkins`).set(who.assignedToken).send(checkin).expect(201);
    await t.http().post(`/api/v1/placements/${placement.id}/checkins`).set(t.admin).send(checkin).expect(201);
    const view = (await t.http().get(`/api/v1/placements/${placement.id}`).set(who.assigned).expect(200)).body;
    expect(view.events.map((e: { actor: object }) => e.actor)).toEqual([
      { displayName: '山田 花子', role: 'coordinator' },
      { displayName: '東部の連携', role: 'coordinator' },
      { displayName: '管理 太郎', role: 'admin' },
    ]);
    expect(view.checkins.map((c: { actor: object }) => c.actor)).toEqual([
      { displayName: '山田 花子', role: 'coordinator' },
      { displayName: '管理用トークン（ADMIN_TOKEN）', role: 'admin' },
    ]);
  });
});

describe('a token-era database under the person rules', () => {
  let embedded: EmbeddedPostgres;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-persons-migration-'));
    embedded = await startEmbeddedPostgres(dir);
  });
  afterAll(async () => {
    await embedded.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resolves assignments, notifications and actors written with token ids, before and after the accounts migration', async () => {
    await prepareDatabase(embedded.url);
    const db = new DataSource(dataSourceOptions(embedded.url));
    await db.initialize();
    try {
      await undoThrough(db, 'Accounts1764700000000');
      const [org] = await db.query(`INSERT INTO organizations (name, kind) VALUES ('旧受入先', 'npo') RETURNING id`);
      const [resource] = await db.query(
        `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, description)
         VALUES ($1, 'ibasho', '居場所', '中央', 5, 5, 'x') RETURNING id`,
        [org.id],
      );
      const [old] = await db.query(
        `INSERT INTO api_tokens (name, role, token_hash, areas) VALUES ('佐藤さん', 'coordinator', 'hash-old', '{中央}') RETURNING id`,
      );
      const placementFor = async (coordinatorToken: string, name: string) => {
        const [person] = await db.query(
          `INSERT INTO participants (display_name, area, needs, coordinator_id) VALUES ($1, '中央', 'x', $2) RETURNING id`,
          [name, coordinatorToken],
        );
        const [placement] = await db.query(
          `INSERT INTO placements (participant_id, resource_id, coordinator_id, state) VALUES ($1, $2, $3, 'active') RETURNING id`,
          [person.id, resource.id, coordinatorToken],
        );
        await db.query(
          `INSERT INTO placement_events (placement_id, to_state, actor_token_id, actor_role) VALUES ($1, 'proposed', $2, 'coordinator')`,
          [placement.id, coordinatorToken],
        );
        const [n] = await db.query(
          `INSERT INTO notifications (recipient_token_id, kind, placement_id, message, dedupe_key)
           VALUES ($1, 'urgent_concern', $2, '至急', $3) RETURNING id`,
          [coordinatorToken, placement.id, `k-${placement.id}`],
        );
        return { personId: person.id as string, placementId: placement.id as string, notificationId: n.id as string };
      };
      const tokenEra = await placementFor(old.id, '旧Aさん');
      await db.query(`UPDATE notifications SET read_at = now() WHERE id = $1`, [tokenEra.notificationId]);

      // After accounts, before this change: the service still wrote token ids, now of tokens owned by new users.
      await db.runMigrations({ transaction: 'each' });
      await undoThrough(db, 'PersonsAtWork1765100000000');
      const [user] = await db.query(
        `INSERT INTO users (login, display_name, role, areas) VALUES ('new', '高橋さん', 'coordinator', '{中央}') RETURNING id`,
      );
      const [owned] = await db.query(
        `INSERT INTO api_tokens (name, role, token_hash, user_id) VALUES ('高橋さんの連携', 'coordinator', 'hash-new', $1) RETURNING id`,
        [user.id],
      );
      const interim = await placementFor(owned.id, '間Bさん');
      await db.runMigrations({ transaction: 'each' });

      const participants = new ParticipantRepository(db);
      expect((await participants.findById(tokenEra.personId))!.coordinatorName).toBe('佐藤さん');
      expect(await participants.findById(interim.personId)).toMatchObject({ coordinatorId: user.id, coordinatorName: '高橋さん' });
      const placements = new PlacementRepository(db);
      expect((await placements.findById(interim.placementId))!.coordinatorId).toBe(user.id);
      expect((await placements.events(tokenEra.placementId))[0].actor).toEqual({ displayName: '佐藤さん', role: 'coordinator' });

      const notifications = new NotificationRepository(db);
      const as = (userId: string): Actor => ({
        tokenId: null,
        userId,
        role: 'coordinator',
        organizationId: null,
        areas: ['中央'],
        route: '',
      });
      const seen = async (actor: Actor) =>
        notifications.list({ audience: notificationAudience(actor), reader: notificationReader(actor), unreadOnly: false, limit: 50 });
      expect((await seen(as(old.id))).map((n) => [n.id, n.readAt !== null])).toEqual([[tokenEra.notificationId, true]]);
      expect((await seen(as(user.id))).map((n) => [n.id, n.readAt !== null])).toEqual([[interim.notificationId, false]]);

      // And back.
      await undoThrough(db, 'PersonsAtWork1765100000000');
      expect(await db.query(`SELECT to_regclass('notification_reads') AS t`)).toEqual([{ t: null }]);
      await db.runMigrations({ transaction: 'each' });
    } finally {
      await db.destroy();
    }
  });
});

describe("a host's staff administrator", () => {
  let t: TestApp;
  let own: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestApp();
    own = (await createOrganization(t, { name: '職員管理のある受入先' })).id;
    other = (await createOrganization(t, { name: 'よその受入先' })).id;
  });
  afterAll(async () => t.close());

  const invite = (headers: Headers, body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/v1/users')
      .set(headers)
      .send({ login: `staff-${Math.random().toString(36).slice(2, 10)}@example.jp`, displayName: '受入 職員', ...body });

  it('invites colleagues of its own organisation only, signed in; other hosts and tokens may not', async () => {
    const manager = await createUser(t, 'host', { organizationId: own, organizationAdmin: true, displayName: '受入 管理' });
    const session = await signIn(t, manager.login, manager.password);
    expect((await t.http().get('/api/v1/me').set(session).expect(200)).body.organizationAdmin).toBe(true);

    const created = await invite(session, { role: 'host' }).expect(201);
    expect(created.body.invitationUrl).toMatch(/\/invitation\//);
    const [colleague] = await t.app
      .get(DataSource)
      .query(`SELECT organization_id, role, organization_admin FROM users WHERE id = $1`, [created.body.id]);
    expect(colleague).toEqual({ organization_id: own, role: 'host', organization_admin: false });
    await invite(session, { role: 'host', organizationId: own }).expect(201);

    for (const body of [
      { role: 'host', organizationId: other },
      { role: 'coordinator' },
      { role: 'admin' },
      { role: 'host', organizationAdmin: true },
    ]) {
      expect({ body, status: (await invite(session, body)).status }).toEqual({ body, status: 403 });
    }
    // Not through a token, even one the manager owns; not as an ordinary host; and nothing else of /users.
    const token = await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: '受入先の連携', role: 'host', organizationId: own, userId: manager.id })
      .expect(201);
    await invite({ Authorization: `Bearer ${token.body.token}` }, { role: 'host' }).expect(403);
    const plain = await createUser(t, 'host', { organizationId: own });
    await invite(await signIn(t, plain.login, plain.password), { role: 'host' }).expect(403);
    await t.http().get('/api/v1/users').set(session).expect(403);
    await t.http().patch(`/api/v1/users/${created.body.id}`).set(session).send({ status: 'disabled' }).expect(403);

    // Only admins grant the flag, and only to host staff.
    await t.http().patch(`/api/v1/users/${plain.id}`).set(t.admin).send({ organizationAdmin: true }).expect(200);
    await invite(await signIn(t, plain.login, plain.password), { role: 'host' }).expect(201);
    const coordinator = await createUser(t, 'coordinator');
    const refused = await t.http().patch(`/api/v1/users/${coordinator.id}`).set(t.admin).send({ organizationAdmin: true }).expect(400);
    expect(refused.body.errors[0].field).toBe('organizationAdmin');
  });
});
