import * as fs from 'node:fs';
import * as path from 'node:path';
import { webDistDir } from '../../src/web/web-app';
import { createTestApp, type TestApp } from '../support/test-app';

/** The web app served by the service: caching, the SPA fallback, and the content security policies. */
describe('web app serving', () => {
  let t: TestApp;
  let asset: string;

  beforeAll(async () => {
    const index = path.join(webDistDir(), 'index.html');
    if (!fs.existsSync(index)) throw new Error('web/dist is missing: npm test builds it (scripts/prepare.js ensureWebBuild)');
    asset = /src="(\/assets\/[^"]+\.js)"/.exec(fs.readFileSync(index, 'utf8'))![1];
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const html = (p: string) => t.http().get(p).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');

  it('serves index.html at / without caching, under the app policy (no inline script)', async () => {
    const res = await html('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("font-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers deep links with index.html so the app can route them', async () => {
    for (const p of ['/login', '/participants', '/placements/123?tab=follow-up']) {
      const res = await html(p).expect(200);
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year, and a missing asset is a 404, not index.html', async () => {
    const res = await t.http().get(asset).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    const missing = await html('/assets/index-doesnotexist.js').expect(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('leaves /api and /health to the service, even for a browser asking for HTML', async () => {
    const api = await html('/api/v1/no-such-route').expect(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
    expect(api.body.message).toBe('お探しのページ（URL）は存在しません。');
    const health = await html('/health');
    expect(health.headers['content-type']).toMatch(/application\/json/);
    await t.http().get('/api/v1/organizations').set('Accept', 'text/html').expect(401);
  });

  it('gives no index.html to requests that do not accept HTML, nor to other methods', async () => {
    await t.http().get('/participants').set('Accept', 'application/json').expect(404);
    await t.http().post('/participants').set('Accept', 'text/html').send({}).expect(404);
  });

  it('keeps Swagger UI at /api/docs working under a policy of its own', async () => {
    const docs = await html('/api/docs').expect(200);
    expect(docs.text).toContain('swagger-ui');
    const csp = docs.headers['content-security-policy'];
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    const json = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(json.body.info.title).toBe('参加支援 地域資源マッチング API');
  });
});
