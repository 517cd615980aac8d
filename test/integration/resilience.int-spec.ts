import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { loadConfig } from '../../src/config/app-config';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { ReconcileScheduler } from '../../src/jobs/reconcile.scheduler';
import { createOrganization, createToken, resourceBody } from '../support/factories';
import { createParticipant, giveConsent } from '../support/people';
import { createTestApp, type TestApp } from '../support/test-app';

const prefix = () => `${process.env.QUEUE_PREFIX}-${Math.random().toString(36).slice(2, 8)}`;

describe('Idempotency-Key on creating routes', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(async () => t.close());

  it('is documented on every creating POST route', async () => {
    const doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    const withHeader = Object.entries(doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>).flatMap(
      ([p, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.parameters?.some((x) => x.in === 'header' && x.name === 'Idempotency-Key'))
          .map(([m]) => `${m.toUpperCase()} ${p}`),
    );
    expect(withHeader.sort()).toEqual(
      [
        'POST /api/v1/organizations',
        'POST /api/v1/participants',
        'POST /api/v1/participants/{id}/plans',
        'POST /api/v1/placements',
        'POST /api/v1/placements/{id}/checkins',
        'POST /api/v1/resources',
      ].sort(),
    );
  });

  it('returns the first answer to a retry, 422 for the same key with another body, and keys are per caller', async () => {
    const name = `冪等テスト-${Math.random().toString(36).slice(2, 8)}`;
    const body = { name, kind: 'npo' };
    const first = await t.http().post('/api/v1/organizations').set(t.admin).set('Idempotency-Key', 'org-1').send(body).expect(201);
    const retry = await t.http().post('/api/v1/organizations').set(t.admin).set('Idempotency-Key', 'org-1').send(body).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await db.query(`SELECT count(*)::int AS n FROM organizations WHERE name = $1`, [name]))[0].n).toBe(1);

    const other = await t
      .http()
      .post('/api/v1/organizations')
      .set(t.admin)
      .set('Idempotency-Key', 'org-1')
      .send({ ...body, kind: 'farm' })
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const coordinator = await createToken(t, 'coordinator');
    const theirs = await t.http().post('/api/v1/organizations').set(coordinator).set('Idempotency-Key', 'org-1').send(body).expect(201);
    expect(theirs.body.id).not.toBe(first.body.id);

    // A refused request creates nothing and frees its key.
    await t.http().post('/api/v1/organizations').set(t.admin).set('Idempotency-Key', 'org-2').send({ name }).expect(400);
    await t
      .http()
      .post('/api/v1/organizations')
      .set(t.admin)
      .set('Idempotency-Key', 'org-2')
      .send({ name: `${name}-2`, kind: 'npo' })
      .expect(201);
    await t.http().post('/api/v1/organizations').set(t.admin).set('Idempotency-Key', 'bad key with spaces').send(body).expect(400);
  });

  it('purges stored answers past their day in the reconcile pass, and only those', async () => {
    const org = `purge-${Math.random().toString(36).slice(2, 8)}`;
    await t
      .http()
      .post('/api/v1/organizations')
      .set(t.admin)
      .set('Idempotency-Key', `${org}-old`)
      .send({ name: `冪等期限-${org}`, kind: 'npo' });
    await t
      .http()
      .post('/api/v1/organizations')
      .set(t.admin)
      .set('Idempotency-Key', `${org}-new`)
      .send({ name: `冪等期限-${org}-2`, kind: 'npo' });
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [`${org}-old`]);
    const result = await t.app.get(ReconcileScheduler).reconcile();
    expect(result.idempotencyKeysPurged).toBeGreaterThanOrEqual(1);
    const left = await db.query(`SELECT key FROM idempotency_keys WHERE key LIKE $1 ORDER BY key`, [`${org}-%`]);
    expect(left.map((r: { key: string }) => r.key)).toEqual([`${org}-new`]);
  });

  it('does not duplicate participants, resources, placements or check-ins on retry', async () => {
    const org = await createOrganization(t);
    const key = () => `k-${Math.random().toString(36).slice(2)}`;
    const twice = async (url: string, body: object) => {
      const k = key();
      const a = await t.http().post(url).set(t.admin).set('Idempotency-Key', k).send(body);
      const b = await t.http().post(url).set(t.admin).set('Idempotency-Key', k).send(body);
      expect([a.status, b.status, b.body.id]).toEqual([a.status, a.status, a.body.id]);
      expect(a.status).toBeLessThan(300);
      return a.body;
    };
    const resource = await twice('/api/v1/resources', resourceBody(org.id));
    const person = await twice('/api/v1/participants', { displayName: 'Iさん', area: '中央', needs: '静かな作業を少しずつ' });
    await giveConsent(t, person.id);
    const placement = await twice('/api/v1/placements', { participantId: person.id, resourceId: resource.id });
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/transitions`)
      .set(t.admin)
      .send({ to: 'active', followUp: { lengthDays: 10, checkpointDays: [5, 10] } })
      .expect(200);
    await twice(`/api/v1/placements/${placement.id}/checkins`, { date: '2026-11-20', attendance: 'attended', wellbeing: 4 });
    expect((await db.query(`SELECT count(*)::int AS n FROM checkins WHERE placement_id = $1`, [placement.id]))[0].n).toBe(1);
    expect(await createParticipant(t)).toBeDefined();
  });
});

describe('database gone', () => {
  it('answers 503 with Retry-After instead of 500 while the database is unavailable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-dbgone-'));
    const embedded = await startEmbeddedPostgres(dir);
    const t = await createTestApp({ DATABASE_URL: embedded.url, QUEUE_PREFIX: prefix() });
    try {
      await t.http().get('/api/v1/organizations').set(t.admin).expect(200);
      await embedded.stop();
      for (const req of [
        () => t.http().get('/api/v1/organizations').set(t.admin),
        () => t.http().post('/api/v1/organizations').set(t.admin).send({ name: 'x', kind: 'npo' }),
        () => t.http().post('/api/v1/organizations').set(t.admin).set('Idempotency-Key', 'gone-1').send({ name: 'x', kind: 'npo' }),
      ]) {
        const res = await req();
        expect([res.status, res.body.code]).toEqual([503, 'DEPENDENCY_UNAVAILABLE']);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    } finally {
      await t.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('QUEUE_PREFIX claimed per deployment', () => {
  it('refuses to start when another deployment (another database) owns the prefix in Redis', async () => {
    const p = prefix();
    const redis = new Redis(process.env.REDIS_URL!);
    await redis.set(`${p}:deployment`, '11111111-1111-4111-8111-111111111111');
    const config = loadConfig({ ...process.env, QUEUE_PREFIX: p });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, config.databaseUrl!)] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
    configureApp(app, config);
    try {
      await expect(app.init()).rejects.toThrow(/QUEUE_PREFIX/);
      // The same database starts again and again under its own prefix.
      await redis.del(`${p}:deployment`);
      const ok = await createTestApp({ QUEUE_PREFIX: p });
      await ok.close();
      const again = await createTestApp({ QUEUE_PREFIX: p });
      await again.close();
      expect(await redis.get(`${p}:deployment`)).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await app.close().catch(() => undefined);
      const keys = await redis.keys(`${p}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
