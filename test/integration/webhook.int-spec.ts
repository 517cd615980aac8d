import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createOrganization, createResource } from '../support/factories';
import { createParticipant, giveConsent, propose, transition } from '../support/people';
import { createTestApp, waitFor, type TestApp } from '../support/test-app';

const SECRET = 'webhook-secret-0123456789';

describe('outbound webhook for notifications (signed, retried)', () => {
  let t: TestApp;
  let server: http.Server;
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  // The database is shared with other test files, so their undelivered notifications arrive
  // here too: only this test's placement gets the failed first attempt.
  let failOnceFor: string | null = null;

  beforeAll(async () => {
    // A receiver on loopback that fails once, as a chat gateway under load would.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        const fail = failOnceFor !== null && body.includes(failOnceFor);
        if (fail) failOnceFor = null;
        res.statusCode = fail ? 503 : 200;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    t = await createTestApp({ WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => server.close(r));
  });

  it('delivers an urgent concern with a valid signature, retrying after a failure', async () => {
    const org = await createOrganization(t);
    const resource = await createResource(t, org.id, { title: '畑の草取り' });
    const person = await createParticipant(t, { displayName: '西田 あおい', realName: '西田葵' });
    await giveConsent(t, person.id);
    const placement = await propose(t, person.id, resource.id);
    failOnceFor = placement.id;
    await transition(t, placement.id, { to: 'active', followUp: { lengthDays: 30, checkpointDays: [15] } }).expect(200);
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({ date: '2026-11-23', attendance: 'absent', wellbeing: 1, concern: 'urgent', note: '連絡がつかない' })
      .expect(201);

    const db = t.app.get(DataSource);
    await waitFor(
      async () =>
        (await db.query(`SELECT delivered_at FROM notifications WHERE placement_id = $1 AND kind = 'urgent_concern'`, [placement.id]))[0]
          ?.delivered_at,
      'webhook delivered',
      60_000,
    );
    const attempts = received.filter((r) => r.body.includes(placement.id));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    const last = attempts.at(-1)!;
    const expected = createHmac('sha256', SECRET).update(`${last.headers['x-sanka-timestamp']}.${last.body}`).digest('hex');
    expect(last.headers['x-sanka-signature']).toBe(`sha256=${expected}`);
    expect(last.headers['x-sanka-event']).toBe('urgent_concern');
    const payload = JSON.parse(last.body);
    const ref = `No.${placement.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
    expect(payload.message).toContain('至急');
    expect(payload.message).toContain(`（${ref}）`);
    expect(payload.message).toContain(`/placements/${placement.id}`);
    // The stored notification names the person and the place (for the web app, behind sign-in)…
    const [stored] = await db.query(`SELECT message FROM notifications WHERE placement_id = $1 AND kind = 'urgent_concern'`, [
      placement.id,
    ]);
    expect(stored.message).toContain('西田 あおい（畑の草取り）');
    // …the webhook feeds outside chat or mail services: nothing of the person, not even the place.
    for (const secret of [
      '西田',
      'あおい',
      '西田葵',
      'さん',
      '畑の草取り',
      '連絡がつかない',
      '人と話すのが苦手',
      '通院中',
      '母と二人暮らし',
    ])
      expect(last.body).not.toContain(secret);
  });
});
