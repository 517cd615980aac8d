import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs the built service as `npm start` does (node dist/src/main.js, its own embedded
 * database under DATA_DIR) and drives it over HTTP, including a restart.
 */
const root = path.resolve(__dirname, '..', '..');
const ADMIN = 'e2e-admin-token-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the built service, started as a child process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-e2e-'));
  let port: number;
  let redisPort: number;
  let redis: ChildProcess | null = null;
  let child: ChildProcess | null = null;
  let output = '';

  /** A private Redis for this service, so that the test can take it away and bring it back. */
  async function startRedis(): Promise<void> {
    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 50; i++) {
      if (
        await new Promise((ok) =>
          net
            .connect(redisPort, '127.0.0.1')
            .once('connect', function (this: net.Socket) {
              this.destroy();
              ok(true);
            })
            .once('error', () => ok(false)),
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('private redis-server did not start');
  }
  const healthStatus = () =>
    fetch(url('/health'))
      .then((r) => r.status)
      .catch(() => 0);
  async function waitForHealth(status: number, what: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ((await healthStatus()) !== status) {
      if (Date.now() > deadline) throw new Error(`health never became ${status} (${what}):\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  const url = (p: string) => `http://127.0.0.1:${port}${p}`;
  const call = async (method: string, p: string, token: string | null, body?: object) => {
    const res = await fetch(url(p), {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  async function start(): Promise<void> {
    child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        PORT: String(port),
        DATA_DIR: dataDir,
        ADMIN_TOKEN: ADMIN,
        DEMO_DATA: 'true',
        QUEUE_PREFIX: 'sanka-e2e',
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        LOG_LEVEL: 'info',
        // A child process has no clock seam: day 0 stays on today even on a closed day, so the test runs any day.
        FOLLOWUP_DUE_DATE_RULE: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 120_000;
    for (;;) {
      const health = await fetch(url('/health'))
        .then((r) => r.status)
        .catch(() => 0);
      if (health === 200) return;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`service did not become healthy:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  async function stop(): Promise<void> {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  beforeAll(async () => {
    port = await freePort();
    redisPort = await freePort();
    await startRedis();
    await start();
  });
  afterAll(async () => {
    await stop();
    redis?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports health of the database, Redis and the model', async () => {
    const health = await call('GET', '/health', null);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up' }, redis: { status: 'up' } });
    expect(['ready', 'fallback']).toContain(health.body.embeddingModel.state);
  });

  it('never writes a session id, a calendar-feed secret or an invitation token to its log', async () => {
    // An invited user sets a password through the one-time link, signs in and reads their calendar feed.
    const suffix = Math.random().toString(36).slice(2, 10);
    const login = `log-check-${suffix}@example.jp`;
    const password = `ながい合言葉-${suffix}`;
    const created = await call('POST', '/api/v1/users', ADMIN, { login, displayName: '記録 確認', role: 'coordinator', areas: ['中央'] });
    expect(created.status).toBe(201);
    const invitation = new URL(created.body.invitationUrl).pathname.split('/').pop()!;
    expect(invitation.length).toBeGreaterThanOrEqual(20);
    await fetch(url(`/invitation/${invitation}`), { headers: { Accept: 'text/html' } }).then((r) => r.arrayBuffer());
    expect((await call('POST', '/api/v1/invitations/accept', null, { token: invitation, password })).status).toBe(200);

    const signIn = await fetch(url('/api/v1/session'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    expect(signIn.status).toBe(200);
    const sessionId = /sanka_session=([^;]+)/.exec(signIn.headers.getSetCookie().join('\n'))![1];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    expect(sessionId.length).toBeGreaterThanOrEqual(20);
    const feed = await fetch(url('/api/v1/me/calendar-feed'), {
      method: 'POST',
      headers: { Cookie: `sanka_session=${sessionId}`, 'X-CSRF-Token': csrfToken },
    });
    expect(feed.status).toBe(201);
    const feedPath = new URL(((await feed.json()) as { url: string }).url).pathname;
    const feedSecret = feedPath
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    expect((await fetch(url(feedPath))).status).toBe(200);
    // Express matches routes regardless of case: the same feed under another spelling is hidden too.
    expect((await fetch(url(feedPath.replace('calendar-feeds', 'Calendar-Feeds')))).status).toBe(200);
    expect((await fetch(url(`${feedPath}?download=1`))).status).toBe(200);

    // The request lines are there (info level), with the secrets written as [secret].
    const deadline = Date.now() + 30_000;
    const feedLines = () => output.split('\n').filter((l) => l.includes('calendar-feeds/[secret]'));
    while (feedLines().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(feedLines().length).toBeGreaterThanOrEqual(3);
    // The web app's pages (/invitation/<token> among them) are served before the request logger: no line at all.
    expect(output).toMatch(/"method":"POST","url":"\/api\/v1\/session"/);
    for (const secret of [sessionId, csrfToken, feedSecret, invitation, password]) expect(output).not.toContain(secret);
    expect(output.toLowerCase()).not.toContain('sanka_session=');
  });

  it('loads the demo catalogue and answers a search', async () => {
    const resources = await call('GET', '/api/v1/resources?limit=1', ADMIN);
    expect(resources.body.total).toBeGreaterThanOrEqual(60);
    let results: Array<{ reasons: string[] }> = [];
    const deadline = Date.now() + 60_000;
    while (results.length === 0 && Date.now() < deadline) {
      const res = await call('POST', '/api/v1/matches/search', ADMIN, {
        needs: '人と話すのが苦手。静かな場所で黙々とできる作業を、週1回短時間から',
      });
      expect(res.status).toBe(200);
      results = res.body.results;
      if (!results.length) await new Promise((r) => setTimeout(r, 500));
    }
    expect(results.length).toBeGreaterThan(0);
    expect(results[0].reasons.length).toBeGreaterThan(0);
  });

  it('pages the catalogue by cursor exactly as by page, and refuses a bad cursor', async () => {
    const byPage: string[] = [];
    const first = await call('GET', '/api/v1/resources?limit=7', ADMIN);
    expect(first.body).toMatchObject({ page: 1, limit: 7, totalEstimated: false });
    for (let page = 1; page <= Math.ceil(first.body.total / 7); page++)
      byPage.push(...(await call('GET', `/api/v1/resources?limit=7&page=${page}`, ADMIN)).body.items.map((r: { id: string }) => r.id));
    const byCursor: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/api/v1/resources?limit=7${cursor ? `&cursor=${cursor}` : ''}`, ADMIN);
      expect(res.status).toBe(200);
      byCursor.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(byCursor).toEqual(byPage);
    expect(byCursor).toHaveLength(first.body.total);
    const bad = await call('GET', '/api/v1/resources?cursor=bm90LWEtY3Vyc29y', ADMIN);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cursor');
  });

  it('lets a host token manage its own opening only, and keeps data across a restart', async () => {
    const mine = await call('POST', '/api/v1/organizations', ADMIN, { name: 'e2e 農園', kind: 'farm', area: '東部' });
    const other = await call('POST', '/api/v1/organizations', ADMIN, { name: 'e2e 商店', kind: 'shop', area: '中央' });
    const token = await call('POST', '/api/v1/tokens', ADMIN, { name: 'e2e host', role: 'host', organizationId: mine.body.id });
    expect(token.status).toBe(201);
    const host = token.body.token as string;
    const opening = {
      type: 'work_experience',
      title: 'e2e 収穫体験',
      description: '野菜の収穫を手伝います。',
      area: '東部',
      schedule: [{ day: 'sat', start: '09:00', end: '11:00' }],
      capacity: 2,
      vacancies: 2,
    };
    const created = await call('POST', '/api/v1/resources', host, { ...opening, organizationId: mine.body.id });
    expect(created.status).toBe(201);
    expect((await call('POST', '/api/v1/resources', host, { ...opening, organizationId: other.body.id })).status).toBe(403);
    const theirs = await call('POST', '/api/v1/resources', ADMIN, { ...opening, organizationId: other.body.id });
    expect((await call('PATCH', `/api/v1/resources/${theirs.body.id}`, host, { vacancies: 0 })).status).toBe(404);

    await stop();
    await start();
    const after = await call('GET', `/api/v1/resources/${created.body.id}`, host);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ title: 'e2e 収穫体験', organizationId: mine.body.id });
    // The demo catalogue is loaded only into an empty database: not a second time on restart.
    const demo = JSON.parse(fs.readFileSync(path.join(root, 'src', 'demo', 'demo-catalogue.json'), 'utf8')).resources.length;
    const total = await call('GET', '/api/v1/resources?limit=1', ADMIN);
    expect(total.body.total).toBe(demo + 2);
  });

  it('reports a Redis outage in /health and recovers, with follow-up jobs restored', async () => {
    const org = await call('POST', '/api/v1/organizations', ADMIN, { name: 'e2e 障害試験', kind: 'npo' });
    const resource = await call('POST', '/api/v1/resources', ADMIN, {
      organizationId: org.body.id,
      type: 'ibasho',
      title: 'e2e サロン',
      description: 'お茶会',
      area: '中央',
      schedule: [],
      capacity: 3,
      vacancies: 3,
    });
    const person = await call('POST', '/api/v1/participants', ADMIN, {
      displayName: 'e2e',
      area: '中央',
      needs: 'お茶を飲みながら話したい',
    });
    await call('PUT', `/api/v1/participants/${person.body.id}/consent`, ADMIN, {
      status: 'obtained',
      method: '書面',
      scope: ['displayName'],
    });
    const placement = await call('POST', '/api/v1/placements', ADMIN, { participantId: person.body.id, resourceId: resource.body.id });

    redis!.kill('SIGKILL'); // Redis restarts with nothing: every delayed job is gone
    await waitForHealth(503, 'redis down');
    const health = await call('GET', '/health', null);
    expect(health.body.redis.status).toBe('down');
    // The API keeps working on the database while Redis is away; the follow-up is planned in the database.
    const active = await call('POST', `/api/v1/placements/${placement.body.id}/transitions`, ADMIN, {
      to: 'active',
      followUp: { lengthDays: 10, checkpointDays: [0, 10] },
    });
    expect(active.status).toBe(200);

    await startRedis();
    await waitForHealth(200, 'redis back');
    const deadline = Date.now() + 90_000;
    let status = '';
    while (status !== 'due' && Date.now() < deadline) {
      status = (await call('GET', `/api/v1/placements/${placement.body.id}`, ADMIN)).body.followUp.checkpoints[0].status;
      if (status !== 'due') await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe('due');
  });

  it('restarts the embedded database if it dies, without losing data', async () => {
    const before = await call('GET', '/api/v1/resources?limit=1', ADMIN);
    const pid = execFileSync('pgrep', ['-f', `embedded-postgres.server.js ${dataDir}`])
      .toString()
      .trim()
      .split('\n')[0];
    process.kill(Number(pid), 'SIGKILL');
    await waitForHealth(200, 'database restarted');
    const after = await call('GET', '/api/v1/resources?limit=1', ADMIN);
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(before.body.total);
  });
});
