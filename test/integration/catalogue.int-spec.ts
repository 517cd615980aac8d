import { DataSource } from 'typeorm';
import { createOrganization, createResource, createToken, resourceBody } from '../support/factories';
import { createTestApp, uniqueArea, type TestApp } from '../support/test-app';

describe('catalogue over HTTP (embedded PostgreSQL + pgvector, Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('creates, reads, lists, updates and deletes a resource', async () => {
    const org = await createOrganization(t, { name: '農園ひだまり', kind: 'farm' });
    const area = uniqueArea();
    const created = await createResource(t, org.id, { area, frequencyNote: '毎週火曜' });
    expect(created).toMatchObject({
      organizationId: org.id,
      area,
      vacancies: 2,
      frequencyNote: '毎週火曜',
      organization: { name: '農園ひだまり' },
    });
    expect(['pending', 'ready']).toContain(created.embedding.status);

    const read = await t.http().get(`/api/v1/resources/${created.id}`).set(t.admin).expect(200);
    expect(read.body.schedule).toEqual([{ day: 'tue', start: '09:00', end: '11:00' }]);
    expect(read.body.demands).toEqual({ talking: 'low', physical: 'medium', literacy: 'low' });

    const patched = await t
      .http()
      .patch(`/api/v1/resources/${created.id}`)
      .set(t.admin)
      .send({ vacancies: 1, status: 'paused' })
      .expect(200);
    expect(patched.body).toMatchObject({ vacancies: 1, status: 'paused' });

    const list = await t.http().get('/api/v1/resources').query({ area, status: 'paused' }).set(t.admin).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].id).toBe(created.id);
    const none = await t.http().get('/api/v1/resources').query({ area, status: 'open' }).set(t.admin).expect(200);
    expect(none.body.total).toBe(0);

    await t.http().delete(`/api/v1/resources/${created.id}`).set(t.admin).expect(204);
    await t.http().get(`/api/v1/resources/${created.id}`).set(t.admin).expect(404);
  });

  it('filters by type, organisation, free text and paginates', async () => {
    const org = await createOrganization(t);
    const area = uniqueArea();
    for (let i = 0; i < 5; i++) await createResource(t, org.id, { area, title: `サロン ${i}`, type: 'ibasho' });
    await createResource(t, org.id, { area, title: '図書館で本の整理', type: 'volunteer', description: '返却された本を棚に戻します。' });
    const page = await t.http().get('/api/v1/resources').query({ area, type: 'ibasho', limit: 2, page: 2 }).set(t.admin).expect(200);
    expect(page.body).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(page.body.items).toHaveLength(2);
    const text = await t.http().get('/api/v1/resources').query({ area, q: '本の整理' }).set(t.admin).expect(200);
    expect(text.body.items.map((r: { title: string }) => r.title)).toEqual(['図書館で本の整理']);
    const byOrg = await t.http().get('/api/v1/resources').query({ organizationId: org.id }).set(t.admin).expect(200);
    expect(byOrg.body.total).toBe(6);
  });

  it.each([
    ['unknown type', { type: 'cafe' }, 'type'],
    ['start after end', { schedule: [{ day: 'mon', start: '15:00', end: '10:00' }] }, 'schedule[0].end'],
    ['malformed time', { schedule: [{ day: 'mon', start: '9時', end: '10:00' }] }, 'schedule[0].start'],
    ['unknown day', { schedule: [{ day: 'monday', start: '09:00', end: '10:00' }] }, 'schedule[0].day'],
    ['negative vacancies', { vacancies: -1 }, 'vacancies'],
    ['vacancies over capacity', { capacity: 2, vacancies: 5 }, 'vacancies'],
    ['unknown accommodation', { accommodations: ['wifi'] }, 'accommodations'],
    ['unknown field', { colour: 'red' }, 'colour'],
    ['malformed organisation id', { organizationId: 'abc' }, 'organizationId'],
    ['unknown organisation', { organizationId: '00000000-0000-4000-8000-000000000000' }, 'organizationId'],
  ])('rejects %s with a 400 naming the field, and writes nothing', async (_label, override, field) => {
    const org = await createOrganization(t);
    const area = uniqueArea();
    const res = await t
      .http()
      .post('/api/v1/resources')
      .set(t.admin)
      .send(resourceBody(org.id, { area, ...override }))
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(res.body.message).toContain(field);
    const list = await t.http().get('/api/v1/resources').query({ area }).set(t.admin).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('rejects a PATCH that would put vacancies over capacity and leaves the row unchanged', async () => {
    const org = await createOrganization(t);
    const resource = await createResource(t, org.id, { capacity: 3, vacancies: 2, title: '元のタイトル' });
    const res = await t
      .http()
      .patch(`/api/v1/resources/${resource.id}`)
      .set(t.admin)
      .send({ title: '新しいタイトル', capacity: 1 })
      .expect(400);
    expect(res.body.errors[0].field).toBe('vacancies');
    const read = await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin).expect(200);
    expect(read.body).toMatchObject({ title: '元のタイトル', capacity: 3, vacancies: 2 });
  });

  it('answers a malformed id with 400, an unknown one with 404, and an oversized body with 413', async () => {
    const bad = await t.http().get('/api/v1/resources/not-a-uuid').set(t.admin).expect(400);
    expect(bad.body.errors[0].field).toBe('id');
    await t.http().get('/api/v1/resources/00000000-0000-4000-8000-000000000000').set(t.admin).expect(404);
    const org = await createOrganization(t);
    const huge = await t
      .http()
      .post('/api/v1/resources')
      .set(t.admin)
      .send(resourceBody(org.id, { description: 'あ'.repeat(300_000) }))
      .expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    const notJson = await t
      .http()
      .post('/api/v1/resources')
      .set(t.admin)
      .set('Content-Type', 'application/json')
      .send('{"title":')
      .expect(400);
    expect(notJson.body.message).toContain('JSON');
  });

  it('never lets concurrent vacancy changes go below zero', async () => {
    const org = await createOrganization(t);
    const resource = await createResource(t, org.id, { capacity: 5, vacancies: 3 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.http().post(`/api/v1/resources/${resource.id}/vacancies`).set(t.admin).send({ delta: -1 })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'NO_VACANCY')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(17);
    const read = await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin).expect(200);
    expect(read.body.vacancies).toBe(0);
  });

  it('serialises concurrent PATCHes so that the capacity rule always holds', async () => {
    const org = await createOrganization(t);
    const resource = await createResource(t, org.id, { capacity: 10, vacancies: 5 });
    const patches = [
      ...Array.from({ length: 5 }, (_, i) => ({ capacity: 4 + i })),
      ...Array.from({ length: 5 }, (_, i) => ({ vacancies: 3 + i })),
    ];
    await Promise.all(patches.map((body) => t.http().patch(`/api/v1/resources/${resource.id}`).set(t.admin).send(body)));
    const read = await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin).expect(200);
    expect(read.body.vacancies).toBeGreaterThanOrEqual(0);
    expect(read.body.vacancies).toBeLessThanOrEqual(read.body.capacity);
  });

  describe('host tokens', () => {
    it("create and edit only their own organisation's resources", async () => {
      const mine = await createOrganization(t, { name: '自団体' });
      const other = await createOrganization(t, { name: '他団体' });
      const host = await createToken(t, 'host', mine.id);
      const own = await createResource(t, mine.id, {}, host);
      const theirs = await createResource(t, other.id);

      await t.http().patch(`/api/v1/resources/${own.id}`).set(host).send({ vacancies: 1 }).expect(200);
      const denied = await t.http().post('/api/v1/resources').set(host).send(resourceBody(other.id)).expect(403);
      expect(denied.body.message).toContain('自団体');
      await t.http().patch(`/api/v1/resources/${theirs.id}`).set(host).send({ vacancies: 0 }).expect(404);
      await t.http().get(`/api/v1/resources/${theirs.id}`).set(host).expect(404);
      await t.http().delete(`/api/v1/resources/${theirs.id}`).set(host).expect(404);
      await t.http().post(`/api/v1/resources/${theirs.id}/vacancies`).set(host).send({ delta: -1 }).expect(404);
      await t.http().patch(`/api/v1/resources/${own.id}`).set(host).send({ organizationId: other.id }).expect(403);
      await t.http().patch(`/api/v1/organizations/${other.id}`).set(host).send({ name: '乗っ取り' }).expect(404);
      await t.http().post('/api/v1/organizations').set(host).send({ name: '新団体', kind: 'npo' }).expect(403);
      await t.http().post('/api/v1/tokens').set(host).send({ name: 'x', role: 'admin' }).expect(403);

      const list = await t.http().get('/api/v1/resources').query({ organizationId: other.id }).set(host).expect(200);
      expect(list.body.items.every((r: { organizationId: string }) => r.organizationId === mine.id)).toBe(true);
      const unchanged = await t.http().get(`/api/v1/resources/${theirs.id}`).set(t.admin).expect(200);
      expect(unchanged.body.vacancies).toBe(2);
    });
  });

  describe('tokens', () => {
    it('are shown once, stored hashed, and revocation takes effect at once', async () => {
      const created = await t
        .http()
        .post('/api/v1/tokens')
        .set(t.admin)
        .send({ name: 'コーディネーター A', role: 'coordinator' })
        .expect(201);
      expect(created.body.token).toMatch(/^sk_/);
      const headers = { Authorization: `Bearer ${created.body.token}` };
      await t.http().get('/api/v1/resources').set(headers).expect(200);
      const list = await t.http().get('/api/v1/tokens').set(t.admin).expect(200);
      const listed = list.body.find((x: { id: string }) => x.id === created.body.id);
      expect(listed.token).toBeUndefined();
      expect(listed.tokenHash).toBeUndefined();
      const stored = await t.app.get(DataSource).query('SELECT token_hash FROM api_tokens WHERE id = $1', [created.body.id]);
      expect(stored[0].token_hash).not.toContain(created.body.token);
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

      await t.http().delete(`/api/v1/tokens/${created.body.id}`).set(t.admin).expect(204);
      const after = await t.http().get('/api/v1/resources').set(headers).expect(401);
      expect(after.body.code).toBe('UNAUTHORIZED');
    });

    it('refuses requests without a token, with an unknown token, or with an expired one', async () => {
      await t.http().get('/api/v1/resources').expect(401);
      await t.http().get('/api/v1/resources').set({ Authorization: 'Bearer nope' }).expect(401);
      const bad = await t
        .http()
        .post('/api/v1/tokens')
        .set(t.admin)
        .send({ name: 'x', role: 'coordinator', expiresAt: '2001-01-01T00:00:00Z' })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('expiresAt');
      const hostless = await t.http().post('/api/v1/tokens').set(t.admin).send({ name: 'x', role: 'host' }).expect(400);
      expect(hostless.body.errors[0].field).toBe('organizationId');
    });

    it('lets a viewer read nothing of the catalogue', async () => {
      const viewer = await createToken(t, 'viewer');
      await t.http().get('/api/v1/resources').set(viewer).expect(403);
      await t.http().post('/api/v1/matches/search').set(viewer).send({ needs: 'テスト' }).expect(403);
    });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/resources', '/api/v1/resources/{id}', '/api/v1/matches/search', '/health']),
    );
  });
});
