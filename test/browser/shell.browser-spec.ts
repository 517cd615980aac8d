/// <reference lib="dom" />
import type { Page, Request } from 'playwright-core';
import { checkA11y, launchBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { createUser, type SeededUser } from './support/seed';

/** The app shell behind a real sign-in: header, menu, ホーム, idle warning, sign-out. */
describe('app shell', () => {
  let browser: BrowserSession;
  let page: Page;
  let sessionCalls: Request[];
  let user: SeededUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('coordinator', '山田 花子', { areas: ['中央'] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    sessionCalls = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/session') sessionCalls.push(request);
    });
  });

  async function signedIn() {
    await page.goto('/login');
    await signIn(page, user.login, user.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  }

  it('shows ホーム with the header (name, role, ログアウト), the menu and a skip link, accessibly', async () => {
    await signedIn();
    await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('山田 花子');
    await page.getByText('（コーディネーター）').waitFor();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual([
      'ホーム',
      '本人',
      'マッチング検索',
      '紹介',
      '通知',
      '資源・受入先',
      '未充足ニーズ',
      '集計',
    ]);
    await expect(menu.getByRole('link', { name: 'ホーム' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByText(/今日は\d{4}年\d{1,2}月\d{1,2}日（[日月火水木金土]）〔令和\d+年〕です。/).count()).resolves.toBe(1);
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);
    // The first Tab reaches the skip link, which moves to the content.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('本文へ移動');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('names every screen of the menu with its own h1', async () => {
    await signedIn();
    for (const name of ['本人', 'マッチング検索', '紹介', '通知', '資源・受入先', '集計']) {
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await expect(page.title()).resolves.toBe(`${name} | 参加支援マッチング`);
    }
    await checkA11y(page);
  });

  it('usable at 200 % zoom: the menu wraps, nothing scrolls sideways', async () => {
    await signedIn();
    await page.setViewportSize({ width: 683, height: 384 }); // 1366×768 at 200 %
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
  });

  it('signs out with the CSRF token and says so on the login page', async () => {
    await signedIn();
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login');
    await page.getByText('ログアウトしました。').waitFor();
    const signOut = sessionCalls.find((r) => r.method() === 'DELETE')!;
    await expect(signOut.headerValue('x-csrf-token')).resolves.toMatch(/.{16,}/);
    // The session really ended on the server.
    await page.goto('/');
    await page.waitForURL('**/login');
  });

  /** Every sessionStorage entry of the tab that is a form draft. */
  const drafts = () =>
    page.evaluate(() =>
      Object.keys(window.sessionStorage)
        .filter((k) => k.startsWith('sanka-draft:'))
        .map((k) => [k, window.sessionStorage.getItem(k)]),
    );
  const NEEDS = '下書きの希望：朝は起きられないので午後に短時間だけ';
  const HEALTH = '下書きの健康状態：不眠で通院中';
  async function typeDraft() {
    await page.goto('/participants/new');
    await page.getByRole('heading', { level: 1, name: '本人を登録する' }).waitFor();
    await page.getByLabel('本人の希望・ニーズ').fill(NEEDS);
    await page.getByLabel('健康状態（要配慮個人情報）').fill(HEALTH);
    await page.waitForFunction((health) => Object.values(window.sessionStorage).some((v) => v.includes(health)), HEALTH);
  }

  it("keeps a half-typed record as the signed-in user's draft only: gone at sign-out, never shown to the next user", async () => {
    const other = await createUser('coordinator', '佐藤 次郎', { areas: ['中央'] });
    await signedIn();
    await typeDraft();
    // A reload keeps it, under this user's id.
    const me = await page.evaluate(() => fetch('/api/v1/session', { headers: { 'X-Background': '1' } }).then((r) => r.json()));
    await page.reload();
    await expect(page.getByLabel('健康状態（要配慮個人情報）').inputValue()).resolves.toBe(HEALTH);
    const kept = await drafts();
    expect(kept.length).toBeGreaterThan(0);
    for (const [key] of kept) expect(key).toContain(me.user.id);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login');
    await page.getByText('ログアウトしました。').waitFor();
    await expect(drafts()).resolves.toEqual([]);

    // The next person at the same PC, in the same tab.
    await signIn(page, other.login, other.password);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto('/participants/new');
    await page.getByRole('heading', { level: 1, name: '本人を登録する' }).waitFor();
    await expect(page.getByLabel('本人の希望・ニーズ').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('健康状態（要配慮個人情報）').inputValue()).resolves.toBe('');
    const storage = await page.evaluate(() => JSON.stringify(window.sessionStorage));
    expect(storage).not.toContain(NEEDS);
    expect(storage).not.toContain(HEALTH);
  });

  it('removes the drafts when the session ends on the server (expiry, 401)', async () => {
    await signedIn();
    await typeDraft();
    // The session is gone (as after the idle expiry): the next call answers 401 and the UI signs out.
    await browser.context.clearCookies();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '本人', exact: true }).click();
    await page.waitForURL('**/login**');
    await expect(drafts()).resolves.toEqual([]);
  });

  it('warns two minutes before the idle expiry; 「続ける」 extends the session on the server', async () => {
    // The browser's clock runs ahead to two minutes before the real session's idle expiry (30 minutes). A browser
    // of its own: the fake clock belongs to the browser context, and must not reach the other tests.
    const own = await launchBrowser();
    try {
      await idleWarning(await own.newPage());
    } finally {
      await own.close();
    }
  });

  async function idleWarning(ownPage: Page) {
    page = ownPage;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/session') sessionCalls.push(request);
    });
    await page.clock.install();
    await signedIn();
    const before = await page.evaluate(() => fetch('/api/v1/session', { headers: { 'X-Background': '1' } }).then((r) => r.json()));
    await page.clock.fastForward('28:30');
    const dialog = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
    await dialog.waitFor();
    await dialog.getByText(/あと(\d+秒|1分\d+秒)で/).waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('続ける');
    await checkA11y(page);
    await screenshot(page, 'idle-warning');
    // The service counts activity at most every five seconds: let that pass since the last page load.
    await page.waitForTimeout(5_500);
    const extended = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session' && r.request().method() === 'GET');
    await dialog.getByRole('button', { name: '続ける' }).click();
    const after = await (await extended).json();
    expect(Date.parse(after.idleExpiresAt)).toBeGreaterThan(Date.parse(before.idleExpiresAt));
    // Back to the real time: the extended session is far from its end, so the warning goes.
    await page.clock.setSystemTime(new Date());
    await page.clock.runFor(2000);
    await dialog.waitFor({ state: 'hidden' });
    // The first check and polling were background calls; 「続ける」 was not.
    const gets = sessionCalls.filter((r) => r.method() === 'GET');
    const headers = await Promise.all(gets.map((r) => r.headerValue('x-background')));
    expect(headers[0]).toBe('1');
    expect(headers).toContain(null);
  }
});
