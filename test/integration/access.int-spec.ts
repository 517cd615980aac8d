import { DataSource } from 'typeorm';
import { HOST_VISIBLE_FIELDS, SENSITIVE_FIELDS } from '../../src/participants/participant.constants';
import { hostViewFields } from '../../src/access/consent-projection';
import { createOrganization, createResource, createToken, resourceBody } from '../support/factories';
import { createParticipant, createUser, giveConsent, propose, signIn, transition, type SessionHeaders } from '../support/people';
import { Clock } from '../../src/common/clock';
import { addDays } from '../../src/common/tokyo-time';
import { createTestApp, type TestApp } from '../support/test-app';

type Role = 'admin' | 'coordinator' | 'host' | 'viewer';
const ALL: Role[] = ['admin', 'coordinator', 'host', 'viewer'];
const PUBLIC = 'public';

/**
 * Who may call what. Every route of the OpenAPI document must appear here: a new
 * route without a rule fails the first test.
 */
const RULES: Record<string, Role[] | typeof PUBLIC> = {
  'GET /health': PUBLIC,
  'POST /api/v1/tokens': ['admin'],
  'GET /api/v1/tokens': ['admin'],
  'DELETE /api/v1/tokens/{id}': ['admin'],
  'POST /api/v1/organizations': ['admin', 'coordinator'],
  'GET /api/v1/organizations': ['admin', 'coordinator', 'host'],
  'GET /api/v1/organizations/{id}': ['admin', 'coordinator', 'host'],
  'PATCH /api/v1/organizations/{id}': ['admin', 'coordinator', 'host'],
  'POST /api/v1/resources': ['admin', 'coordinator', 'host'],
  'GET /api/v1/resources': ['admin', 'coordinator', 'host'],
  'GET /api/v1/resources/{id}': ['admin', 'coordinator', 'host'],
  'PATCH /api/v1/resources/{id}': ['admin', 'coordinator', 'host'],
  'DELETE /api/v1/resources/{id}': ['admin', 'coordinator', 'host'],
  'POST /api/v1/resources/{id}/vacancies': ['admin', 'coordinator', 'host'],
  'GET /api/v1/resources/{id}/candidates': ['admin', 'coordinator'],
  'POST /api/v1/matches/search': ['admin', 'coordinator'],
  'POST /api/v1/participants': ['admin', 'coordinator'],
  'GET /api/v1/participants': ['admin', 'coordinator'],
  'GET /api/v1/participants/{id}': ['admin', 'coordinator'],
  'PATCH /api/v1/participants/{id}': ['admin', 'coordinator'],
  'DELETE /api/v1/participants/{id}': ['admin'],
  'PUT /api/v1/participants/{id}/consent': ['admin', 'coordinator'],
  'GET /api/v1/participants/{id}/export': ['admin'],
  'GET /api/v1/participants/{id}/consents': ['admin', 'coordinator'],
  'POST /api/v1/participants/{id}/plans': ['admin', 'coordinator'],
  'GET /api/v1/participants/{id}/plans': ['admin', 'coordinator'],
  'POST /api/v1/unmet-needs': ['admin', 'coordinator'],
  'GET /api/v1/unmet-needs': ['admin', 'coordinator'],
  'POST /api/v1/placements': ['admin', 'coordinator'],
  'GET /api/v1/placements': ['admin', 'coordinator', 'host'],
  'GET /api/v1/placements/{id}': ['admin', 'coordinator', 'host'],
  'POST /api/v1/placements/{id}/transitions': ['admin', 'coordinator'],
  'POST /api/v1/placements/{id}/checkins': ['admin', 'coordinator'],
  'POST /api/v1/placements/{id}/follow-up/extend': ['admin', 'coordinator'],
  'POST /api/v1/placements/{id}/dates': ['admin', 'coordinator', 'host'],
  'POST /api/v1/placements/{id}/host-feedback': ['admin', 'coordinator', 'host'],
  'GET /api/v1/notifications': ['admin', 'coordinator'],
  'POST /api/v1/notifications/{id}/read': ['admin', 'coordinator'],
  'GET /api/v1/follow-up/due': ['admin', 'coordinator'],
  'GET /api/v1/follow-up/next-steps': ['admin', 'coordinator'],
  'GET /api/v1/reports/monthly/{month}': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/reports/fiscal-year/{year}': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/reports/monthly/{month}/figures/{key}/records': ['admin', 'coordinator'],
  'GET /api/v1/audit': ['admin'],
  // Also a host's signed-in staff administrator, for its own staff (persons.int-spec); any other host gets 403.
  'POST /api/v1/users': ['admin'],
  'GET /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{id}': ['admin'],
  'POST /api/v1/users/{id}/invitation': ['admin'],
  'POST /api/v1/session': PUBLIC,
  'GET /api/v1/session': ALL,
  'DELETE /api/v1/session': ALL,
  'GET /api/v1/me': ALL,
  'GET /api/v1/web-settings': ALL,
  'POST /api/v1/invitations/accept': PUBLIC,
  'POST /api/v1/me/calendar-feed': ['admin', 'coordinator'],
  'DELETE /api/v1/me/calendar-feed': ['admin', 'coordinator'],
  'GET /api/v1/calendar-feeds/{token}': PUBLIC,
  'GET /api/v1/follow-up/today': ['admin', 'coordinator'],
  'POST /api/v1/follow-up/due-dates/recompute': ['admin'],
  'POST /api/v1/imports': ['admin', 'coordinator'],
  'GET /api/v1/imports/{id}': ['admin', 'coordinator'],
  'POST /api/v1/imports/{id}/commit': ['admin', 'coordinator'],
  'GET /api/v1/catalogue/export': ['admin', 'coordinator'],
  'GET /api/v1/catalogue/template': ['admin', 'coordinator'],
  'GET /api/v1/hsds': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/hsds/services': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/hsds/services/{id}': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/hsds/organizations': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/hsds/organizations/{id}': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/hsds/taxonomy_terms': ['admin', 'coordinator', 'viewer'],
  'GET /api/v1/hsds/dataset': ['admin', 'coordinator', 'viewer'],
};

const PARAMS: Record<string, string> = { id: '00000000-0000-4000-8000-000000000000', month: '2026-10', year: '2026' };

describe('roles, consent-scoped views and the audit log', () => {
  let t: TestApp;
  let db: DataSource;
  const tokens = {} as Record<Role, { Authorization: string; id?: string }>;
  /** The same four roles as signed-in people (browser sessions). */
  const sessions = {} as Record<Role, SessionHeaders>;
  const people = {} as Record<Role, { login: string; password: string }>;
  let orgA: string;
  let orgB: string;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    orgA = (await createOrganization(t, { name: '受入先A' })).id;
    orgB = (await createOrganization(t, { name: '受入先B' })).id;
    tokens.admin = t.admin;
    tokens.coordinator = await createToken(t, 'coordinator');
    tokens.host = await createToken(t, 'host', orgA);
    tokens.viewer = await createToken(t, 'viewer');
    for (const role of ALL) {
      const user = (people[role] = await createUser(t, role, role === 'host' ? { organizationId: orgA } : {}));
      sessions[role] = await signIn(t, user.login, user.password);
    }
  });
  afterAll(async () => t.close());

  it.each(['bearer token', 'cookie session'])('has an access rule for every route, and enforces it for every role (%s)', async (via) => {
    const headers = via === 'bearer token' ? tokens : sessions;
    const doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !(r in RULES))).toEqual([]);
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const url = path.replace(/\{(\w+)\}/g, (_, name) => PARAMS[name]);
      for (const role of ALL) {
        const res = await t.http()[method.toLowerCase() as 'get'](url).set(headers[role]).send({});
        // Signing out ends the session the rest of the walk needs: sign in again.
        if (via === 'cookie session' && route === 'DELETE /api/v1/session') {
          sessions[role] = await signIn(t, people[role].login, people[role].password);
        }
        const rule = RULES[route];
        const allowed = rule === PUBLIC || rule.includes(role);
        if (allowed)
          expect({ route, role, status: res.status === 403 || res.status === 401 ? res.status : 'passed' }).toEqual({
            route,
            role,
            status: 'passed',
          });
        else expect({ route, role, status: res.status }).toEqual({ route, role, status: 403 });
      }
      if (RULES[route] !== PUBLIC)
        expect({ route, anonymous: (await t.http()[method.toLowerCase() as 'get'](url).send({})).status }).toEqual({
          route,
          anonymous: 401,
        });
    }
  });

  it.each(['bearer token', 'cookie session'])("keeps host A out of host B's data, however the ids are passed (%s)", async (via) => {
    const resourceB = await createResource(t, orgB);
    const person = await createParticipant(t);
    await giveConsent(t, person.id);
    const placementB = await propose(t, person.id, resourceB.id);
    const hostA = via === 'bearer token' ? tokens.host : sessions.host;

    await t.http().get(`/api/v1/organizations/${orgB}`).set(hostA).expect(404);
    await t.http().get(`/api/v1/resources/${resourceB.id}`).set(hostA).expect(404);
    await t.http().get(`/api/v1/placements/${placementB.id}`).set(hostA).expect(404);
    await t.http().post(`/api/v1/placements/${placementB.id}/dates`).set(hostA).send({ visitDate: '2026-12-01' }).expect(404);
    await t
      .http()
      .post(`/api/v1/placements/${placementB.id}/host-feedback`)
      .set(hostA)
      .send({ checkpointId: PARAMS.id, feedback: 'x' })
      .expect(404);
    const resources = await t.http().get('/api/v1/resources').query({ organizationId: orgB }).set(hostA).expect(200);
    expect(resources.body.items.every((r: { organizationId: string }) => r.organizationId === orgA)).toBe(true);
    const orgs = await t.http().get('/api/v1/organizations').set(hostA).expect(200);
    expect(orgs.body.items.map((o: { id: string }) => o.id)).toEqual([orgA]);
    const placements = await t
      .http()
      .get('/api/v1/placements')
      .query({ resourceId: resourceB.id, participantId: person.id })
      .set(hostA)
      .expect(200);
    expect(placements.body.items).toEqual([]);
    await t.http().post('/api/v1/resources').set(hostA).send(resourceBody(orgB)).expect(403);
    const own = await createResource(t, orgA, {}, hostA);
    await t.http().patch(`/api/v1/resources/${own.id}`).set(hostA).send({ organizationId: orgB }).expect(403);
    const row = await db.query(`SELECT organization_id FROM resources WHERE id = $1`, [own.id]);
    expect(row[0].organization_id).toBe(orgA);
    // Enumerating ids finds nothing either.
    const all = await db.query(`SELECT id FROM placements`);
    for (const { id } of all) {
      const res = await t.http().get(`/api/v1/placements/${id}`).set(hostA);
      if (res.status === 200) expect(res.body.resource.organization.id).toBe(orgA);
      else expect(res.status).toBe(404);
    }
  });

  it.each(HOST_VISIBLE_FIELDS)('shows the host %s only when the person allowed it', async (field) => {
    const resource = await createResource(t, orgA);
    const person = await createParticipant(t, { displayName: 'Cさん', disabilityNote: '聴覚障害', criminalRecordNote: '記録あり' });
    await giveConsent(
      t,
      person.id,
      HOST_VISIBLE_FIELDS.filter((f) => f !== field),
    );
    const placement = await propose(t, person.id, resource.id);
    const without = (await t.http().get(`/api/v1/placements/${placement.id}`).set(tokens.host).expect(200)).body.participant;
    expect(hostViewFields(without)).not.toContain(field);
    expect(hostViewFields(without).length).toBe(HOST_VISIBLE_FIELDS.length - 1);
    await giveConsent(t, person.id, [field]);
    const only = (await t.http().get(`/api/v1/placements/${placement.id}`).set(tokens.host).expect(200)).body.participant;
    expect(hostViewFields(only)).toEqual([field]);
    // 要配慮個人情報 and the household come only labelled, and every such read is in the audit log.
    if ((SENSITIVE_FIELDS as readonly string[]).includes(field)) {
      expect(Object.keys(only)).toEqual(['sensitive']);
      expect(only.sensitive[0]).toMatchObject({ field, label: expect.any(String), category: expect.any(String) });
      const audit = (
        await t.http().get('/api/v1/audit').query({ participantId: person.id, tokenId: tokens.host.id }).set(t.admin).expect(200)
      ).body.items;
      expect(audit[0].fields).toEqual([field]);
    }
  });

  it('lets a host confirm dates, pause an opening and leave feedback that joins the check-in', async () => {
    const resource = await createResource(t, orgA, { capacity: 2, vacancies: 2 });
    const person = await createParticipant(t);
    await giveConsent(t, person.id);
    const placement = await propose(t, person.id, resource.id);
    // The visit was last week: the start (today) may not come before it.
    const visitDate = addDays(t.app.get(Clock).today(), -7);
    const dated = await t.http().post(`/api/v1/placements/${placement.id}/dates`).set(tokens.host).send({ visitDate }).expect(200);
    expect(dated.body.visitDate).toBe(visitDate);
    const active = (await transition(t, placement.id, { to: 'active', followUp: { lengthDays: 10, checkpointDays: [5, 10] } }).expect(200))
      .body;
    const checkpointId = active.followUp.checkpoints[0].id;
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/host-feedback`)
      .set(tokens.host)
      .send({ checkpointId, feedback: '毎回時間通りに来ています' })
      .expect(200);
    const after = await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({ checkpointId, date: '2026-12-06', attendance: 'attended', wellbeing: 4 })
      .expect(201);
    expect(after.body.checkins[0].hostFeedback).toBe('毎回時間通りに来ています');
    await t
      .http()
      .patch(`/api/v1/resources/${resource.id}`)
      .set(tokens.host)
      .send({ status: 'paused', schedule: [{ day: 'mon', start: '10:00', end: '12:00' }] })
      .expect(200);
  });

  it('records every read of participant data and answers "who saw this person\'s record?"', async () => {
    const resource = await createResource(t, orgA);
    const person = await createParticipant(t);
    await giveConsent(t, person.id, ['displayName', 'strengths']);
    const placement = await propose(t, person.id, resource.id);
    await t.http().get(`/api/v1/participants/${person.id}`).set(tokens.coordinator).expect(200);
    await t.http().get(`/api/v1/placements/${placement.id}`).set(tokens.host).expect(200);
    await t.http().post('/api/v1/matches/search').set(tokens.coordinator).send({ participantId: person.id }).expect(200);

    const audit = await t.http().get('/api/v1/audit').query({ participantId: person.id, limit: 100 }).set(t.admin).expect(200);
    const entries = audit.body.items as Array<{ role: string; action: string; route: string; fields: string[]; tokenId: string }>;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: 'coordinator',
          action: 'read',
          route: 'GET /api/v1/participants/:id',
          tokenId: tokens.coordinator.id,
        }),
        expect.objectContaining({
          role: 'host',
          action: 'read',
          route: 'GET /api/v1/placements/:id',
          fields: ['displayName', 'strengths'],
        }),
        expect.objectContaining({
          role: 'coordinator',
          action: 'read',
          route: 'POST /api/v1/matches/search',
          fields: ['needs', 'strengths', 'constraints'],
        }),
        expect.objectContaining({ action: 'write', route: 'POST /api/v1/participants' }),
      ]),
    );
    const csv = await t.http().get('/api/v1/audit').query({ participantId: person.id, format: 'csv' }).set(t.admin).expect(200);
    expect(csv.text).toContain('日時,利用者,トークン,役割,操作,本人,項目,経路');
    await expect(db.query(`UPDATE audit_log SET role = 'x' WHERE participant_id = $1`, [person.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log WHERE participant_id = $1`, [person.id])).rejects.toThrow(/append-only/);
  });

  it("erases a person to a tombstone, keeps this month's report figures, and exports first", async () => {
    const resource = await createResource(t, orgA);
    const person = await createParticipant(t, { displayName: '消去テスト' });
    await giveConsent(t, person.id);
    const placement = await propose(t, person.id, resource.id);
    await transition(t, placement.id, { to: 'active', note: '本人の事情メモ' }).expect(200);
    const exported = await t.http().get(`/api/v1/participants/${person.id}/export`).set(t.admin).expect(200);
    expect(exported.body.participant.healthNote).toBe('通院中（うつ）');
    expect(exported.body.placements).toHaveLength(1);
    expect(exported.body.consentEvents).toHaveLength(1);

    const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
    const before = (await t.http().get(`/api/v1/reports/monthly/${month}`).query({ live: true }).set(t.admin)).body.figures;
    await t.http().delete(`/api/v1/participants/${person.id}`).set(t.admin).expect(204);
    const after = (await t.http().get(`/api/v1/reports/monthly/${month}`).query({ live: true }).set(t.admin)).body.figures;
    expect(after).toEqual(before);

    await t.http().get(`/api/v1/participants/${person.id}`).set(t.admin).expect(404);
    const [row] = await db.query(`SELECT * FROM participants WHERE id = $1`, [person.id]);
    const text = JSON.stringify(row);
    for (const secret of ['消去テスト', '通院中', '母と二人暮らし', '人と話すのが苦手', '細かい作業']) expect(text).not.toContain(secret);
    const events = JSON.stringify(await db.query(`SELECT note FROM placement_events WHERE placement_id = $1`, [placement.id]));
    expect(events).not.toContain('本人の事情メモ');
    const audit = await t.http().get('/api/v1/audit').query({ participantId: person.id }).set(t.admin).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['export', 'erase']));
  });

  it('limits an area-bound coordinator to the people of their areas', async () => {
    const res = await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: '東部担当', role: 'coordinator', areas: ['東部'] })
      .expect(201);
    const east = { Authorization: `Bearer ${res.body.token}` };
    const inEast = await createParticipant(t, { area: '東部' });
    const inWest = await createParticipant(t, { area: '西部' });
    await t.http().get(`/api/v1/participants/${inEast.id}`).set(east).expect(200);
    await t.http().get(`/api/v1/participants/${inWest.id}`).set(east).expect(404);
    const list = await t.http().get('/api/v1/participants').query({ limit: 100 }).set(east).expect(200);
    expect(list.body.items.every((p: { area: string }) => p.area === '東部')).toBe(true);
    await t.http().post('/api/v1/participants').set(east).send({ displayName: 'x', area: '西部', needs: 'x' }).expect(403);
  });

  it.each(['bearer token', 'cookie session'])(
    "treats a person outside an area-bound coordinator's areas as absent on every participant-bearing route (%s)",
    async (via) => {
      let east: Record<string, string>;
      if (via === 'bearer token') {
        const res = await t
          .http()
          .post('/api/v1/tokens')
          .set(t.admin)
          .send({ name: '東部担当2', role: 'coordinator', areas: ['東部'] })
          .expect(201);
        east = { Authorization: `Bearer ${res.body.token}` };
      } else {
        const user = await createUser(t, 'coordinator', { areas: ['東部'] });
        east = await signIn(t, user.login, user.password);
      }
      const resource = await createResource(t, orgA, { title: '地区テスト用の受入枠', capacity: 5, vacancies: 5 });
      const west = await createParticipant(t, { area: '西部', displayName: '西部のWさん' });
      await giveConsent(t, west.id);
      const placement = await propose(t, west.id, resource.id);
      await transition(t, placement.id, { to: 'active' }).expect(200);
      // An urgent concern about the person, addressed to nobody: the area's coordinators are told, no one else.
      await t
        .http()
        .post(`/api/v1/placements/${placement.id}/checkins`)
        .set(t.admin)
        .send({ date: '2026-11-20', attendance: 'absent', wellbeing: 1, concern: 'urgent' })
        .expect(201);
      const [notification] = await db.query(`SELECT id FROM notifications WHERE placement_id = $1 AND kind = 'urgent_concern'`, [
        placement.id,
      ]);
      const missing = '00000000-0000-4000-8000-00000000abcd';
      // Each case: [route, request for an out-of-area id or body, the same request for an id that does not exist].
      const cases: Array<[string, (id: string) => ReturnType<ReturnType<TestApp['http']>['get']>]> = [
        ['GET /participants/{id}', (id) => t.http().get(`/api/v1/participants/${id}`).set(east)],
        ['PATCH /participants/{id}', (id) => t.http().patch(`/api/v1/participants/${id}`).set(east).send({ householdNote: 'x' })],
        [
          'PUT /participants/{id}/consent',
          (id) =>
            t
              .http()
              .put(`/api/v1/participants/${id}/consent`)
              .set(east)
              .send({ status: 'obtained', method: '面談', scope: ['displayName'] }),
        ],
        ['POST /placements', (id) => t.http().post('/api/v1/placements').set(east).send({ participantId: id, resourceId: resource.id })],
        ['POST /matches/search', (id) => t.http().post('/api/v1/matches/search').set(east).send({ participantId: id })],
      ];
      const placementCases: Array<[string, (id: string) => ReturnType<ReturnType<TestApp['http']>['get']>]> = [
        ['GET /placements/{id}', (id) => t.http().get(`/api/v1/placements/${id}`).set(east)],
        [
          'POST /placements/{id}/transitions',
          (id) => t.http().post(`/api/v1/placements/${id}/transitions`).set(east).send({ to: 'closed', outcome: 'other' }),
        ],
        [
          'POST /placements/{id}/checkins',
          (id) =>
            t.http().post(`/api/v1/placements/${id}/checkins`).set(east).send({ date: '2026-11-20', attendance: 'attended', wellbeing: 3 }),
        ],
        ['POST /placements/{id}/follow-up/extend', (id) => t.http().post(`/api/v1/placements/${id}/follow-up/extend`).set(east).send({})],
        [
          'POST /placements/{id}/dates',
          (id) => t.http().post(`/api/v1/placements/${id}/dates`).set(east).send({ visitDate: '2026-11-20' }),
        ],
        [
          'POST /placements/{id}/host-feedback',
          (id) => t.http().post(`/api/v1/placements/${id}/host-feedback`).set(east).send({ checkpointId: missing, feedback: 'x' }),
        ],
      ];
      const notificationCases: Array<[string, (id: string) => ReturnType<ReturnType<TestApp['http']>['get']>]> = [
        ['POST /notifications/{id}/read', (id) => t.http().post(`/api/v1/notifications/${id}/read`).set(east).send({})],
      ];
      for (const [route, call, outsideId] of [
        ...cases.map(([r, c]) => [r, c, west.id] as const),
        ...placementCases.map(([r, c]) => [r, c, placement.id] as const),
        ...notificationCases.map(([r, c]) => [r, c, notification.id as string] as const),
      ]) {
        const outside = await call(outsideId);
        const absent = await call(missing);
        expect({ route, status: outside.status, code: outside.body.code }).toEqual({
          route,
          status: absent.status,
          code: absent.body.code,
        });
        expect({ route, ok: outside.status < 300 }).toEqual({ route, ok: false });
      }
      // Lists leave them out.
      const participants = await t.http().get('/api/v1/participants').query({ limit: 100 }).set(east).expect(200);
      expect(participants.body.items.map((p: { id: string }) => p.id)).not.toContain(west.id);
      const placements = await t.http().get('/api/v1/placements').query({ limit: 100 }).set(east).expect(200);
      expect(placements.body.items.map((p: { id: string }) => p.id)).not.toContain(placement.id);
      const candidates = await t.http().get(`/api/v1/resources/${resource.id}/candidates`).set(east).expect(200);
      expect(candidates.body.candidates.every((c: { participant: { area: string } }) => c.participant.area === '東部')).toBe(true);
      // Notifications carry the person's name and the concern: the same area rule as the person (#11 B6).
      const notifications = await t.http().get('/api/v1/notifications').set(east).expect(200);
      expect(notifications.body.map((n: { id: string }) => n.id)).not.toContain(notification.id);
      expect(JSON.stringify(notifications.body)).not.toContain('西部のWさん');
      const unread = await t.http().get('/api/v1/notifications').query({ unread: true }).set(east).expect(200);
      expect(unread.body.map((n: { id: string }) => n.id)).not.toContain(notification.id);
    },
  );

  it('expires tokens and rate-limits per token with a 429 that says when to retry', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const results = [];
      for (let i = 0; i < 7; i++) results.push(await limited.http().get('/api/v1/resources').set(limited.admin));
      const refused = results.find((r) => r.status === 429)!;
      expect(refused).toBeDefined();
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.message).toMatch(/秒後に再試行/);
      await limited
        .http()
        .get('/health')
        .expect((r) => expect([200, 503]).toContain(r.status));
    } finally {
      await limited.close();
    }
    const expiring = await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: 'short', role: 'viewer', expiresAt: new Date(Date.now() + 1500).toISOString() })
      .expect(201);
    const headers = { Authorization: `Bearer ${expiring.body.token}` };
    await t.http().get('/api/v1/reports/monthly/2026-10').set(headers).expect(200);
    await new Promise((r) => setTimeout(r, 2000));
    await t.http().get('/api/v1/reports/monthly/2026-10').set(headers).expect(401);
  });

  it('sends security headers', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});
