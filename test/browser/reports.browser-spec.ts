/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they use the DOM types.
import type { Page } from 'playwright-core';
import { baseUrl, checkA11y, launchBrowser, screenshot, signIn, watchCspViolations, type BrowserSession } from './support/browser';

/*
 * 集計 (issue 15) in Chromium against the running service: data and users are made through the API with the
 * admin token (people sign in for real on the login page), then the screen is compared with the API's figures.
 */
const ADMIN = { Authorization: 'Bearer browser-admin-token-0123456789', 'Content-Type': 'application/json' };

async function call<T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, { method, headers: ADMIN, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function createUser(role: string, extra: object = {}) {
  const login = `reports-${role}-${Math.random().toString(36).slice(2, 8)}@example.jp`;
  const password = `あさの集計を見る-${Math.random().toString(36).slice(2, 8)}`;
  const created = await call<{ invitationUrl: string }>('POST', '/api/v1/users', { login, displayName: `集計 ${role}`, role, ...extra });
  await call('POST', '/api/v1/invitations/accept', { token: created.invitationUrl.split('/').pop(), password });
  return { login, password };
}

async function seed(): Promise<void> {
  const org = await call<{ id: string }>('POST', '/api/v1/organizations', { name: '集計テスト受入先', kind: 'npo', area: '東部' });
  const resource = (type: string, area: string, title: string) =>
    call<{ id: string }>('POST', '/api/v1/resources', {
      organizationId: org.id,
      type,
      title,
      description: '集計画面のテスト用の資源です。静かな場所で少しずつ取り組めます。',
      tasks: ['作業'],
      area,
      schedule: [{ day: 'tue', start: '09:00', end: '11:00' }],
      capacity: 5,
      vacancies: 5,
      accommodations: ['visit_ok'],
      demands: { talking: 'low', physical: 'low', literacy: 'low' },
      reward: 'unpaid',
      status: 'open',
    });
  const ibasho = await resource('ibasho', '東部', '東部の居場所カフェ');
  const farm = await resource('work_experience', '西部', '西部の農園体験');
  const people = [
    ['Aさん', '東部'],
    ['Bさん', '東部'],
    ['Cさん', '西部'],
    ['Dさん', '西部'],
  ];
  for (const [i, [displayName, area]] of people.entries()) {
    const p = await call<{ id: string }>('POST', '/api/v1/participants', {
      displayName,
      area,
      needs: '人と話すのが苦手。静かな場所で黙々とできる作業を週1回から',
      referralRoute: 'family',
      readinessStage: 'social_life',
    });
    await call('PUT', `/api/v1/participants/${p.id}/consent`, {
      status: 'obtained',
      method: '面談で書面により確認',
      scope: ['displayName'],
    });
    const placement = await call<{ id: string }>('POST', '/api/v1/placements', {
      participantId: p.id,
      resourceId: i % 2 ? farm.id : ibasho.id,
    });
    if (i < 3) await call('POST', `/api/v1/placements/${placement.id}/transitions`, { to: 'active' });
    if (i === 0) await call('POST', `/api/v1/placements/${placement.id}/transitions`, { to: 'closed', outcome: 'settled' });
  }
}

type Figure = { key: string; value: number | null; breakdowns?: Record<string, Record<string, number>> };

describe('集計 screen', () => {
  let browser: BrowserSession;
  let page: Page;
  let coordinator: { login: string; password: string };
  let viewer: { login: string; password: string };
  let month: string;
  let cspViolations: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    await seed();
    coordinator = await createUser('coordinator');
    viewer = await createUser('viewer');
    month = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage();
    cspViolations = watchCspViolations(page);
  });

  async function openReports(who: { login: string; password: string }) {
    await page.goto('/login');
    await signIn(page, who.login, who.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '集計' }).click();
    await page.getByRole('heading', { level: 1, name: '集計' }).waitFor();
    await page.getByLabel('月', { exact: true }).selectOption(month);
    await page.getByRole('heading', { name: /年度の推移/ }).waitFor();
  }

  it('shows the 年度 trend, the month’s breakdowns as tables with the API’s numbers, accessible, and a screenshot', async () => {
    await openReports(coordinator);
    const fy = Number(month.slice(0, 4)) - (Number(month.slice(5)) < 4 ? 1 : 0);
    const api = await call<{ months: Array<{ figures: Figure[] } | null> }>('GET', `/api/v1/reports/fiscal-year/${fy}`);
    const monthly = await call<{ figures: Figure[] }>('GET', `/api/v1/reports/monthly/${month}`);
    const value = (figures: Figure[], key: string) => figures.find((f) => f.key === key)!.value;
    expect(value(monthly.figures, 'matches.total')).toBeGreaterThanOrEqual(3);

    // Cards: the headline figures.
    await expect(page.getByTestId('card-matches.total').textContent()).resolves.toBe(String(value(monthly.figures, 'matches.total')));
    await expect(page.getByTestId('card-followup.settledRatePercent').textContent()).resolves.toMatch(/^(—|\d+\.\d %)$/);
    // The プラン策定件数 (延べ and 実人数) beside the matches.
    for (const key of ['plans.made.total', 'plans.made.people'])
      await expect(page.getByTestId(`card-${key}`).textContent()).resolves.toBe(String(value(monthly.figures, key)));
    await page.getByRole('heading', { name: '参加支援プランの策定と見直し（月ごと）' }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.waitForFunction(() => document.querySelectorAll('.chart canvas').length >= 3);
    // The cards and the 年度 trend in one screen (the controls are above).
    await page
      .getByRole('heading', { name: /の主な数値/ })
      .evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 16));
    await page.waitForTimeout(300);
    await screenshot(page, 'reports');
    await page.evaluate(() => window.scrollTo(0, 0));

    // The trend chart's table: one row per month, the same numbers as the API.
    const trend = page.getByRole('region', { name: 'マッチング件数と終結（月ごと）' });
    await trend.getByRole('button', { name: '表で見る' }).click();
    const rows = await trend
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
    expect(rows).toHaveLength(12);
    api.months.forEach((m, i) => {
      const shown = (key: string) => (m ? String(value(m.figures, key)) : '—');
      expect(rows[i].slice(1)).toEqual([shown('matches.total'), shown('matches.people'), shown('placements.closed.total')]);
    });

    // The area breakdown's table.
    const areas = page.getByRole('region', { name: '地区別', exact: true });
    await areas.getByRole('button', { name: '表で見る' }).click();
    const areaRows = await areas
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
    const matches = monthly.figures.find((f) => f.key === 'matches.total')!.breakdowns!.area;
    for (const [area, n] of Object.entries(matches)) expect(areaRows.find((r) => r[0] === area)?.[1]).toBe(String(n));
    await checkA11y(page);
    expect(cspViolations).toEqual([]);
  });

  it('opens the records behind a number: exactly those counted', async () => {
    await openReports(coordinator);
    const records = await call<{ records: unknown[] }>('GET', `/api/v1/reports/monthly/${month}/figures/matches.total/records`);
    await page.getByTestId('card-matches.total').getByRole('button').click();
    const table = page.getByTestId('drill-down-table');
    await table.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(records.records.length);
    await expect(table.textContent()).resolves.toContain('東部の居場所カフェ');
    await checkA11y(page);
  });

  it('gives a viewer the aggregates only, without drill-down', async () => {
    await openReports(viewer);
    await page.getByTestId('card-matches.total').waitFor();
    await expect(page.getByTestId('card-matches.total').getByRole('button').count()).resolves.toBe(0);
    await expect(page.locator('.link-button').count()).resolves.toBe(0);
  });

  it("offers a viewer only the screens the service lets them use: Home's メニュー has 集計 alone", async () => {
    await page.goto('/login');
    await signIn(page, viewer.login, viewer.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    const menu = page.getByRole('region', { name: 'メニュー' });
    await menu.getByRole('link', { name: '集計' }).waitFor();
    expect(await menu.getByRole('link').allTextContents()).toEqual(['集計']);
    await checkA11y(page);
    // Typed by hand, a coordinator's screen is not found rather than an empty form or a refusal.
    for (const path of ['/participants', '/search']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor();
    }
  });

  it('prints on A4 without the navigation', async () => {
    await openReports(coordinator);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'メインメニュー' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { name: /年度の推移/ }).isVisible()).resolves.toBe(true);
    // every chart stays inside its panel in the print columns (a canvas drawn at screen width used to run past it)
    await page.waitForFunction(() => document.querySelectorAll('.chart canvas').length > 0);
    const overflowing = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLCanvasElement>('.chart canvas'))
        .filter((canvas) => {
          const panel = canvas.closest('.report-panel')!.getBoundingClientRect();
          const box = canvas.getBoundingClientRect();
          return box.right > panel.right + 1 || box.left < panel.left - 1;
        })
        .map((canvas) => canvas.closest('.report-panel')!.querySelector('h2, h3')?.textContent),
    );
    expect(overflowing).toEqual([]);
    // page.pdf() lays the page out at A4 width without a resize event: the canvas must scale to its column by CSS
    const maxWidths = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLCanvasElement>('.chart canvas')).map((c) => getComputedStyle(c).maxWidth),
    );
    expect(new Set(maxWidths)).toEqual(new Set(['100%']));
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
  });

  it('fits a phone’s width without scrolling sideways', async () => {
    await openReports(coordinator);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.waitForFunction(() => document.querySelectorAll('.chart canvas').length > 0);
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('body *'))
          .filter((e) => e.getBoundingClientRect().right > 391)
          .slice(0, 8)
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      );
      expect(wide).toEqual([]);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });
});
