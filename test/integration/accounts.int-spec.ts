import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { createOrganization, createResource, createToken } from '../support/factories';
import { createParticipant, createUser, giveConsent, signIn } from '../support/people';
import { createTestApp, type TestApp } from '../support/test-app';
import { undoThrough } from '../support/migrations';

const GOOD_PASSWORD = '朝の公園でラジオ体操をする';

describe('accounts: invitations, sign-in, sessions, lockout, CSRF', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(async () => t.close());

  const newLogin = (prefix = 'user') => `${prefix}-${Math.random().toString(36).slice(2, 10)}@example.jp`;

  it('invites a user with a one-time link that expires, and refuses weak passwords', async () => {
    const login = newLogin();
    const created = await t
      .http()
      .post('/api/v1/users')
      .set(t.admin)
      .send({ login, displayName: '山田 花子', role: 'coordinator', areas: ['中央'] })
      .expect(201);
    expect(created.body).toMatchObject({ id: expect.any(String), status: 'invited', purpose: 'invite', emailed: false });
    expect(created.body.invitationUrl).toMatch(new RegExp(`^${t.config.publicUrl}/invitation/[A-Za-z0-9_-]{43}$`));
    const token = created.body.invitationUrl.split('/').pop();
    // Never stored readable.
    expect(JSON.stringify(await db.query(`SELECT * FROM invitations WHERE user_id = $1`, [created.body.id]))).not.toContain(token);

    // Invited, no password yet: cannot sign in.
    await t.http().post('/api/v1/session').send({ login, password: GOOD_PASSWORD }).expect(401);
    for (const [password, reason] of [
      ['short-pass', /12 文字以上/],
      ['password1234', /よく使われて/],
      ['aaaaaaaaaaaaaaaa', /繰り返し/],
      [`${login.split('@')[0]}-secret`, /ログイン ID/],
    ] as const) {
      const res = await t.http().post('/api/v1/invitations/accept').send({ token, password }).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'password', message: expect.stringMatching(reason) });
    }
    const accepted = await t.http().post('/api/v1/invitations/accept').send({ token, password: GOOD_PASSWORD }).expect(200);
    expect(accepted.body).toEqual({ login, displayName: '山田 花子', status: 'active' });
    // Single use.
    const again = await t
      .http()
      .post('/api/v1/invitations/accept')
      .send({ token, password: GOOD_PASSWORD + '2' })
      .expect(400);
    expect(again.body.message).toMatch(/このリンクは使えません/);

    // A reset link; an older one is replaced by a newer one; an expired one is refused.
    const first = (await t.http().post(`/api/v1/users/${created.body.id}/invitation`).set(t.admin).expect(201)).body;
    expect(first.purpose).toBe('reset');
    const second = (await t.http().post(`/api/v1/users/${created.body.id}/invitation`).set(t.admin).expect(201)).body;
    await t
      .http()
      .post('/api/v1/invitations/accept')
      .send({ token: first.invitationUrl.split('/').pop(), password: GOOD_PASSWORD + '新' })
      .expect(400);
    await db.query(
      `UPDATE invitations SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [created.body.id],
    );
    await t
      .http()
      .post('/api/v1/invitations/accept')
      .send({ token: second.invitationUrl.split('/').pop(), password: GOOD_PASSWORD + '新' })
      .expect(400);
    const third = (await t.http().post(`/api/v1/users/${created.body.id}/invitation`).set(t.admin).expect(201)).body;
    expect(new Date(third.invitationExpiresAt).getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    await t
      .http()
      .post('/api/v1/invitations/accept')
      .send({ token: third.invitationUrl.split('/').pop(), password: GOOD_PASSWORD + '新' })
      .expect(200);
    await t.http().post('/api/v1/session').send({ login, password: GOOD_PASSWORD }).expect(401);
    await signIn(t, login.toUpperCase(), GOOD_PASSWORD + '新');

    const audit = await t.http().get('/api/v1/audit').query({ userId: created.body.id, limit: 100 }).set(t.admin).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user_created', 'invitation_issued', 'invitation_accepted', 'password_changed', 'reset_issued', 'sign_in']),
    );
  });

  it('refuses a duplicate login, a host without organisation, and areas outside coordinators (in Japanese)', async () => {
    const login = newLogin();
    await t.http().post('/api/v1/users').set(t.admin).send({ login, displayName: 'A', role: 'viewer' }).expect(201);
    const dup = await t
      .http()
      .post('/api/v1/users')
      .set(t.admin)
      .send({ login: login.toUpperCase(), displayName: 'B', role: 'viewer' })
      .expect(409);
    expect(dup.body.message).toMatch(/すでに使われています/);
    await t.http().post('/api/v1/users').set(t.admin).send({ login: newLogin(), displayName: 'C', role: 'host' }).expect(400);
    await t
      .http()
      .post('/api/v1/users')
      .set(t.admin)
      .send({ login: newLogin(), displayName: 'D', role: 'viewer', areas: ['中央'] })
      .expect(400);
  });

  it('signs in with an httpOnly SameSite=Strict cookie and answers /me and /session', async () => {
    const user = await createUser(t, 'coordinator', { areas: ['東部'], email: 'east@example.jp' });
    const res = await t.http().post('/api/v1/session').send({ login: user.login, password: user.password }).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'])[0];
    expect(cookie).toMatch(/^sanka_session=[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; SameSite=Strict$/);
    expect(res.body).toEqual({
      user: { id: user.id, displayName: 'coordinator さん', role: 'coordinator', organizationId: null, areas: ['東部'] },
      csrfToken: expect.any(String),
      idleExpiresAt: expect.any(String),
      absoluteExpiresAt: expect.any(String),
    });
    expect(new Date(res.body.idleExpiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(new Date(res.body.absoluteExpiresAt).getTime() - Date.now()).toBeGreaterThan(11.9 * 3600_000);
    const headers = { Cookie: cookie.split(';')[0] };
    const me = await t.http().get('/api/v1/me').set(headers).expect(200);
    expect(me.body).toEqual({
      id: user.id,
      login: user.login,
      displayName: 'coordinator さん',
      role: 'coordinator',
      organizationId: null,
      areas: ['東部'],
      email: 'east@example.jp',
      organizationAdmin: false,
    });
    const session = await t.http().get('/api/v1/session').set(headers).expect(200);
    expect(session.body.csrfToken).toBe(res.body.csrfToken);
    // A coordinator limited to 東部 through the session too.
    const west = await createParticipant(t, { area: '西部' });
    await t.http().get(`/api/v1/participants/${west.id}`).set(headers).expect(404);
    // Behind HTTPS (a trusted proxy says so) the cookie is Secure.
    const proxied = await createTestApp({ TRUSTED_PROXY: 'loopback' });
    try {
      const secure = await proxied
        .http()
        .post('/api/v1/session')
        .set('X-Forwarded-Proto', 'https')
        .send({ login: user.login, password: user.password })
        .expect(200);
      expect(([] as string[]).concat(secure.headers['set-cookie'])[0]).toMatch(/; Secure; SameSite=Strict$/);
    } finally {
      await proxied.close();
    }
  });

  it('does not count background polling as activity, and ends idle and too-old sessions', async () => {
    const user = await createUser(t, 'viewer');
    const s = await signIn(t, user.login, user.password);
    const lastActivity = async () =>
      (await db.query(`SELECT last_activity_at FROM user_sessions WHERE user_id = $1`, [user.id]))[0].last_activity_at.getTime();
    await db.query(`UPDATE user_sessions SET last_activity_at = now() - interval '10 minutes' WHERE user_id = $1`, [user.id]);
    const before = await lastActivity();
    const polled = await t.http().get('/api/v1/session').set(s).set('X-Background', '1').expect(200);
    await t.http().get('/api/v1/me').set(s).set('X-Background', '1').expect(200);
    expect(await lastActivity()).toBe(before);
    expect(new Date(polled.body.idleExpiresAt).getTime()).toBe(before + 30 * 60_000);
    await t.http().get('/api/v1/me').set(s).expect(200);
    expect(await lastActivity()).toBeGreaterThan(before);

    await db.query(`UPDATE user_sessions SET last_activity_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]);
    const idle = await t.http().get('/api/v1/me').set(s).expect(401);
    expect(idle.body.message).toMatch(/有効期限が切れた/);

    const s2 = await signIn(t, user.login, user.password);
    await db.query(`UPDATE user_sessions SET absolute_expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    await t.http().get('/api/v1/me').set(s2).expect(401);
  });

  it('refuses an administrator disabling themselves with its own code and reason, not as a conflicting change', async () => {
    const admin = await createUser(t, 'admin');
    const session = await signIn(t, admin.login, admin.password);
    const res = await t.http().patch(`/api/v1/users/${admin.id}`).set(session).send({ status: 'disabled' }).expect(409);
    expect(res.body.code).toBe('CANNOT_DISABLE_SELF');
    expect(res.body.message).toContain('ご自分のアカウントは無効にできません');
    expect(res.body.message).not.toContain('ほかの人');
    expect((await t.http().get('/api/v1/session').set(session).expect(200)).body).toBeTruthy();
  });

  it('signs out, and a disabled user is refused at once (sessions and owned tokens)', async () => {
    const user = await createUser(t, 'coordinator');
    const s = await signIn(t, user.login, user.password);
    await t
      .http()
      .delete('/api/v1/session')
      .set(s)
      .expect(204)
      .expect((r) => expect(String(r.headers['set-cookie'])).toMatch(/sanka_session=;.*Expires=Thu, 01 Jan 1970/));
    await t.http().get('/api/v1/me').set(s).expect(401);

    const again = await signIn(t, user.login, user.password);
    const token = await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: '連携用', role: 'coordinator', userId: user.id })
      .expect(201);
    const bearer = { Authorization: `Bearer ${token.body.token}` };
    const me = await t.http().get('/api/v1/me').set(bearer).expect(200);
    expect(me.body).toMatchObject({ id: user.id, login: user.login, displayName: 'coordinator さん' });
    await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .set(t.admin)
      .send({ status: 'disabled' })
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('disabled'));
    await t.http().get('/api/v1/me').set(again).expect(401);
    await t.http().get('/api/v1/me').set(bearer).expect(401);
    await t.http().post('/api/v1/session').send({ login: user.login, password: user.password }).expect(401);
    await t.http().post(`/api/v1/users/${user.id}/invitation`).set(t.admin).expect(400);
    // Enabled again: the password works, the revoked token stays revoked.
    await t.http().patch(`/api/v1/users/${user.id}`).set(t.admin).send({ status: 'active' }).expect(200);
    await signIn(t, user.login, user.password);
    await t.http().get('/api/v1/me').set(bearer).expect(401);
  });

  it("gives a token at most its owner's rights", async () => {
    const org = await createOrganization(t, { name: '持ち主テスト受入先' });
    const other = await createOrganization(t, { name: '別の受入先' });
    const host = await createUser(t, 'host', { organizationId: org.id });
    await t.http().post('/api/v1/tokens').set(t.admin).send({ name: 'x', role: 'admin', userId: host.id }).expect(400);
    await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: 'x', role: 'host', organizationId: other.id, userId: host.id })
      .expect(400);
    await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: 'x', role: 'host', organizationId: org.id, userId: host.id })
      .expect(201);
    const coordinator = await createUser(t, 'coordinator', { areas: ['中央'] });
    const wide = await t
      .http()
      .post('/api/v1/tokens')
      .set(t.admin)
      .send({ name: 'x', role: 'coordinator', userId: coordinator.id })
      .expect(201);
    const west = await createParticipant(t, { area: '西部' });
    await t
      .http()
      .get(`/api/v1/participants/${west.id}`)
      .set({ Authorization: `Bearer ${wide.body.token}` })
      .expect(404);
  });

  it('refuses cookie requests that change something without the CSRF header or from another site', async () => {
    const user = await createUser(t, 'coordinator');
    const s = await signIn(t, user.login, user.password);
    const body = { displayName: 'CSRF テスト', area: '中央', needs: '静かな作業' };
    const missing = await t.http().post('/api/v1/participants').set({ Cookie: s.Cookie }).send(body).expect(403);
    expect(missing.body.message).toMatch(/X-CSRF-Token/);
    await t
      .http()
      .post('/api/v1/participants')
      .set({ Cookie: s.Cookie, 'X-CSRF-Token': 'x'.repeat(43) })
      .send(body)
      .expect(403);
    await t.http().post('/api/v1/participants').set(s).set('Origin', 'https://evil.example').send(body).expect(403);
    await t.http().post('/api/v1/participants').set(s).set('Sec-Fetch-Site', 'cross-site').send(body).expect(403);
    await t.http().delete('/api/v1/session').set({ Cookie: s.Cookie }).expect(403);
    await t
      .http()
      .post('/api/v1/session')
      .set('Origin', 'https://evil.example')
      .send({ login: user.login, password: user.password })
      .expect(403);
    // Reads need no header; a same-origin write with the header passes.
    await t.http().get('/api/v1/participants').set({ Cookie: s.Cookie }).expect(200);
    const own = `${t.config.publicUrl}`;
    const created = await t
      .http()
      .post('/api/v1/participants')
      .set(s)
      .set('Origin', own)
      .set('Sec-Fetch-Site', 'same-origin')
      .send(body)
      .expect(201);
    // The person who acted is recorded, by name.
    const audit = await t.http().get('/api/v1/audit').query({ participantId: created.body.id }).set(t.admin).expect(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'write', userId: user.id, userName: 'coordinator さん', tokenId: null })]),
    );
    // Bearer calls are not CSRF-able and need no header.
    const token = await createToken(t, 'coordinator');
    await t.http().post('/api/v1/participants').set(token).send(body).expect(201);
  });

  it('answers wrong credentials alike in Japanese, locks after repeated failures, and unlocks later', async () => {
    const user = await createUser(t, 'coordinator');
    const wrong = await t.http().post('/api/v1/session').send({ login: user.login, password: 'まちがったパスワードです' }).expect(401);
    const unknown = await t
      .http()
      .post('/api/v1/session')
      .send({ login: newLogin('nobody'), password: 'まちがったパスワードです' })
      .expect(401);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: 'ログイン ID またはパスワードが正しくありません。' });
    expect(unknown.body).toEqual(wrong.body);
    for (let i = 0; i < 4; i++)
      await t
        .http()
        .post('/api/v1/session')
        .send({ login: user.login, password: `まちがい${i}のパスワード` })
        .expect(401);
    const locked = await t.http().post('/api/v1/session').send({ login: user.login, password: user.password }).expect(423);
    expect(locked.body).toMatchObject({ code: 'SIGN_IN_LOCKED', retryAfterSeconds: expect.any(Number), retryAt: expect.any(String) });
    expect(locked.body.message).toMatch(/一時的にサインインできません。\d+ 分後/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // An unknown login locks the same way, so the answer reveals nothing.
    const ghost = newLogin('ghost');
    for (let i = 0; i < 5; i++)
      await t.http().post('/api/v1/session').send({ login: ghost, password: 'なにかのパスワードです' }).expect(401);
    await t.http().post('/api/v1/session').send({ login: ghost, password: 'なにかのパスワードです' }).expect(423);

    // The lock ends.
    await db.query(
      `UPDATE sign_in_throttle SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL AND kind = 'login'`,
    );
    await signIn(t, user.login, user.password);
    const audit = await t.http().get('/api/v1/audit').query({ userId: user.id, limit: 100 }).set(t.admin).expect(200);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'sign_in_failed').length).toBeGreaterThanOrEqual(6);
    expect(actions).toEqual(expect.arrayContaining(['sign_in_locked', 'sign_in']));
    // The typed login is not stored readable in the lock table.
    expect(JSON.stringify(await db.query(`SELECT * FROM sign_in_throttle`))).not.toContain(ghost);

    // Counters whose window and lock have passed are forgotten at the next sign-in; those still in their window stay.
    await db.query(`UPDATE sign_in_throttle SET window_started_at = now() - interval '2 days', locked_until = NULL WHERE kind = 'login'`);
    await signIn(t, user.login, user.password);
    const kinds = await db.query(`SELECT DISTINCT kind FROM sign_in_throttle`);
    expect(kinds.map((r: { kind: string }) => r.kind)).toEqual(['address']);
    await db.query(`DELETE FROM sign_in_throttle`);
  });

  it('takes about as long for an unknown login as for a wrong password (one argon2 verification each)', async () => {
    const user = await createUser(t, 'viewer');
    const time = async (login: string) => {
      const start = process.hrtime.bigint();
      await t.http().post('/api/v1/session').send({ login, password: '比べるためのパスワード' }).expect(401);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(user.login));
      unknown.push(await time(newLogin('timing')));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    await db.query(`DELETE FROM sign_in_throttle`);
  });

  it('never puts a password in a response or the database', async () => {
    const login = newLogin('secret');
    const password = '絶対にどこにも残らない秘密の合言葉';
    const created = await t.http().post('/api/v1/users').set(t.admin).send({ login, displayName: '秘密 太郎', role: 'viewer' }).expect(201);
    const responses = [
      await t
        .http()
        .post('/api/v1/invitations/accept')
        .send({ token: created.body.invitationUrl.split('/').pop(), password }),
      await t.http().post('/api/v1/session').send({ login, password }),
      await t
        .http()
        .post('/api/v1/session')
        .send({ login, password: password + '違う' }),
      await t
        .http()
        .post('/api/v1/session')
        .send({ login, password: 'x'.repeat(2000) }),
      await t.http().get('/api/v1/users').query({ limit: 100 }).set(t.admin),
    ];
    for (const res of responses) {
      expect(JSON.stringify(res.body)).not.toContain(password);
      expect(JSON.stringify(res.body)).not.toContain('$argon2');
    }
    expect(JSON.stringify(responses[3].body)).not.toContain('xxxx');
    for (const table of ['users', 'user_sessions', 'invitations', 'sign_in_throttle', 'audit_log']) {
      const rows = JSON.stringify(await db.query(`SELECT * FROM ${table}`));
      expect({ table, leaked: rows.includes(password) }).toEqual({ table, leaked: false });
    }
    const [row] = await db.query(`SELECT password_hash FROM users WHERE login = $1`, [login]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
  });

  it('records the acting user beside the token on placement events, check-ins, consent and searches', async () => {
    const user = await createUser(t, 'coordinator');
    const s = await signIn(t, user.login, user.password);
    const org = await createOrganization(t);
    const resource = await createResource(t, org.id);
    const person = await createParticipant(t, {}, s);
    await giveConsent(t, person.id);
    await t
      .http()
      .put(`/api/v1/participants/${person.id}/consent`)
      .set(s)
      .send({ status: 'obtained', method: '面談', scope: ['displayName'] })
      .expect(200);
    const placement = (
      await t.http().post('/api/v1/placements').set(s).send({ participantId: person.id, resourceId: resource.id }).expect(201)
    ).body;
    await t.http().post(`/api/v1/placements/${placement.id}/transitions`).set(s).send({ to: 'active' }).expect(200);
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(s)
      .send({ date: '2026-12-01', attendance: 'attended', wellbeing: 4 })
      .expect(201);
    await t.http().post('/api/v1/matches/search').set(s).send({ participantId: person.id }).expect(200);
    const [events] = await db.query(
      `SELECT array_agg(DISTINCT actor_user_id) AS ids FROM placement_events WHERE placement_id = $1 AND to_state = 'active'`,
      [placement.id],
    );
    expect(events.ids).toEqual([user.id]);
    expect((await db.query(`SELECT actor_user_id FROM checkins WHERE placement_id = $1`, [placement.id]))[0].actor_user_id).toBe(user.id);
    const consent = await db.query(`SELECT actor_user_id FROM consent_events WHERE participant_id = $1 ORDER BY recorded_at`, [person.id]);
    expect(consent.map((c: { actor_user_id: string | null }) => c.actor_user_id)).toEqual([null, user.id]);
    expect((await db.query(`SELECT actor_user_id FROM search_logs WHERE participant_id = $1`, [person.id]))[0].actor_user_id).toBe(user.id);
  });

  it('sends the invitation link by e-mail when SMTP_URL is set', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    const mailing = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'sanka@example.jp',
      PUBLIC_URL: 'https://sanka.example.jp',
    });
    try {
      const res = await mailing
        .http()
        .post('/api/v1/users')
        .set(mailing.admin)
        .send({ login: newLogin('mail'), displayName: '田中 一郎', role: 'viewer', email: 'tanaka@example.jp' })
        .expect(201);
      expect(res.body.emailed).toBe(true);
      expect(res.body.invitationUrl).toMatch(/^https:\/\/sanka\.example\.jp\/invitation\//);
      expect(received).toHaveLength(1);
      const [head, body] = received[0].split(/\r?\n\r?\n/);
      expect(head).toMatch(/To: tanaka@example\.jp/);
      expect(head).toMatch(/Content-Transfer-Encoding: base64/);
      const text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      expect(text).toContain('田中 一郎 様');
      expect(text).toContain(res.body.invitationUrl);
    } finally {
      await mailing.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('a database from before user accounts', () => {
  let embedded: EmbeddedPostgres;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-accounts-migration-'));
    embedded = await startEmbeddedPostgres(dir);
  });
  afterAll(async () => {
    await embedded.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("migrates without loss: one user per token, with the token's id, and every old reference resolves", async () => {
    await prepareDatabase(embedded.url);
    const db = new DataSource(dataSourceOptions(embedded.url));
    await db.initialize();
    try {
      await undoThrough(db, 'Accounts1764700000000');
      // Data as today's main writes it.
      const [org] = await db.query(`INSERT INTO organizations (name, kind) VALUES ('旧受入先', 'npo') RETURNING id`);
      const token = async (name: string, role: string, extra = '') =>
        (
          await db.query(
            `INSERT INTO api_tokens (name, role, organization_id, token_hash, revoked_at, areas)
             VALUES ($1, $2, $3, $4, ${extra || 'NULL'}, $5) RETURNING id`,
            [name, role, role === 'host' ? org.id : null, `hash-${name}`, role === 'coordinator' ? ['中央'] : null],
          )
        )[0].id as string;
      const coordinator = await token('佐藤さん', 'coordinator');
      const host = await token('受入先の窓口', 'host');
      const revoked = await token('辞めた人', 'coordinator', 'now()');
      const [resource] = await db.query(
        `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, description)
         VALUES ($1, 'ibasho', '居場所', '中央', 5, 5, 'x') RETURNING id`,
        [org.id],
      );
      const [person] = await db.query(
        `INSERT INTO participants (display_name, area, needs, coordinator_id) VALUES ('Aさん', '中央', 'x', $1) RETURNING id`,
        [coordinator],
      );
      const [placement] = await db.query(
        `INSERT INTO placements (participant_id, resource_id, coordinator_id) VALUES ($1, $2, $3) RETURNING id`,
        [person.id, resource.id, coordinator],
      );
      await db.query(
        `INSERT INTO placement_events (placement_id, to_state, actor_token_id, actor_role) VALUES ($1, 'proposed', $2, 'coordinator')`,
        [placement.id, coordinator],
      );
      await db.query(
        `INSERT INTO placement_events (placement_id, to_state, actor_token_id, actor_role) VALUES ($1, 'visit', NULL, 'admin')`,
        [placement.id],
      );
      await db.query(
        `INSERT INTO checkins (placement_id, date, attendance, wellbeing, actor_token_id, actor_role)
         VALUES ($1, '2026-01-05', 'attended', 4, $2, 'host')`,
        [placement.id, host],
      );
      await db.query(`INSERT INTO consent_events (participant_id, status, actor_token_id) VALUES ($1, 'obtained', $2)`, [
        person.id,
        revoked,
      ]);
      await db.query(`INSERT INTO search_logs (actor_token_id, actor_role, unmet, model) VALUES ($1, 'coordinator', false, 'm')`, [
        coordinator,
      ]);
      await db.query(
        `INSERT INTO notifications (recipient_token_id, kind, placement_id, message, dedupe_key) VALUES ($1, 'due', $2, '確認日です', 'k1')`,
        [coordinator, placement.id],
      );
      await db.query(
        `INSERT INTO audit_log (token_id, role, action, participant_id, route) VALUES ($1, 'coordinator', 'read', $2, 'GET /x')`,
        [coordinator, person.id],
      );

      await db.runMigrations({ transaction: 'each' });

      const users = await db.query(`SELECT id, login, display_name, role, organization_id, areas, status FROM users ORDER BY display_name`);
      expect(users).toEqual(
        expect.arrayContaining([
          {
            id: coordinator,
            login: `token-${coordinator}`,
            display_name: '佐藤さん',
            role: 'coordinator',
            organization_id: null,
            areas: ['中央'],
            status: 'invited',
          },
          {
            id: host,
            login: `token-${host}`,
            display_name: '受入先の窓口',
            role: 'host',
            organization_id: org.id,
            areas: null,
            status: 'invited',
          },
          {
            id: revoked,
            login: `token-${revoked}`,
            display_name: '辞めた人',
            role: 'coordinator',
            organization_id: null,
            areas: ['中央'],
            status: 'disabled',
          },
        ]),
      );
      expect(await db.query(`SELECT count(*)::int AS n FROM api_tokens WHERE user_id IS DISTINCT FROM id`)).toEqual([{ n: 0 }]);
      // Every old reference resolves to a user, the same one the token stood for.
      const unresolved = await db.query(`
        SELECT 'participants' AS t FROM participants WHERE coordinator_id IS DISTINCT FROM coordinator_user_id
        UNION ALL SELECT 'placements' FROM placements WHERE coordinator_id IS DISTINCT FROM coordinator_user_id
        UNION ALL SELECT 'placement_events' FROM placement_events WHERE actor_token_id IS DISTINCT FROM actor_user_id
        UNION ALL SELECT 'checkins' FROM checkins WHERE actor_token_id IS DISTINCT FROM actor_user_id
        UNION ALL SELECT 'consent_events' FROM consent_events WHERE actor_token_id IS DISTINCT FROM actor_user_id
        UNION ALL SELECT 'search_logs' FROM search_logs WHERE actor_token_id IS DISTINCT FROM actor_user_id
        UNION ALL SELECT 'notifications' FROM notifications WHERE recipient_token_id IS DISTINCT FROM recipient_user_id`);
      expect(unresolved).toEqual([]);
      const [checkin] = await db.query(`SELECT u.display_name FROM checkins c JOIN users u ON u.id = c.actor_user_id`);
      expect(checkin.display_name).toBe('受入先の窓口');
      // The append-only audit log is not rewritten; its token resolves to the user when read.
      const [audit] = await db.query(
        `SELECT u.display_name FROM audit_log a JOIN api_tokens t ON t.id = a.token_id JOIN users u ON u.id = t.user_id`,
      );
      expect(audit.display_name).toBe('佐藤さん');

      // And back: the old schema with the old data.
      await undoThrough(db, 'Accounts1764700000000');
      expect(await db.query(`SELECT to_regclass('users') AS t`)).toEqual([{ t: null }]);
      expect((await db.query(`SELECT coordinator_id FROM participants`))[0].coordinator_id).toBe(coordinator);
      await db.runMigrations({ transaction: 'each' });
    } finally {
      await db.destroy();
    }
  });
});
