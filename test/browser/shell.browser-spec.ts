/// <reference lib="dom" />
import type { Page, Request } from 'playwright-core';
import { checkA11y, launchBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { seedUser } from './support/people-seed';

/*
 * The app shell behind sign-in: header, menu, ホーム, idle warning, sign-out.
 * The session routes (POST/GET/DELETE /api/v1/session of the auth contract) are not on this branch
 * yet, so this file answers them inside the browser with the contract's shapes. When the accounts
 * routes land, replace `stubSession` with a real sign-in (signIn helper) against a seeded user.
 */
describe('app shell (session routes answered in the browser until the accounts routes land)', () => {
  let browser: BrowserSession;
  let page: Page;
  let sessionCalls: Request[];

  const user = { id: 'u-1', displayName: '山田 花子', role: 'coordinator', organizationId: null, areas: ['中央'] };
  function sessionBody(idleInMs: number) {
    return {
      user,
      csrfToken: 'csrf-token-from-session',
      idleExpiresAt: new Date(Date.now() + idleInMs).toISOString(),
      absoluteExpiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
    };
  }

  async function stubSession(idleInMs: number, extendedIdleInMs = 30 * 60_000) {
    let signedIn = true;
    await page.route('**/api/v1/session', async (route) => {
      const request = route.request();
      sessionCalls.push(request);
      if (request.method() === 'DELETE') {
        signedIn = false;
        return route.fulfill({ status: 204 });
      }
      if (!signedIn) {
        return route.fulfill({ status: 401, json: { statusCode: 401, code: 'UNAUTHORIZED', message: 'ログインしてください。' } });
      }
      // Without X-Background the call is activity and extends the idle timer (the contract).
      const background = (await request.headerValue('x-background')) === '1';
      return route.fulfill({ json: sessionBody(background ? idleInMs : extendedIdleInMs) });
    });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    sessionCalls = [];
  });

  it('shows ホーム with the header (name, role, ログアウト), the menu and a skip link, accessibly', async () => {
    await stubSession(30 * 60_000);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
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
      '集計',
    ]);
    await expect(menu.getByRole('link', { name: 'ホーム' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByText(/今日は\d{4}年\d{1,2}月\d{1,2}日（[日月火水木金土]）〔令和\d+年〕です。/).count()).resolves.toBe(1);
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);
    await screenshot(page, 'home');
    // The first Tab reaches the skip link, which moves to the content.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('本文へ移動');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('names every screen of the menu with its own h1', async () => {
    // Signed in for real: the screens behind the menu call the API, which a stubbed session cannot answer.
    const user = await seedUser('coordinator');
    await page.goto('/login');
    await signIn(page, user.login, user.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    for (const name of ['本人', 'マッチング検索', '紹介', '通知', '資源・受入先', '集計']) {
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await expect(page.title()).resolves.toBe(`${name} | 参加支援マッチング`);
    }
    await checkA11y(page);
  });

  it('usable at 200 % zoom: the menu wraps, nothing scrolls sideways', async () => {
    await stubSession(30 * 60_000);
    await page.setViewportSize({ width: 683, height: 384 }); // 1366×768 at 200 %
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
  });

  it('warns two minutes before the idle expiry; 「続ける」 extends the session', async () => {
    await stubSession(90_000);
    await page.goto('/');
    const dialog = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
    await dialog.waitFor();
    await dialog.getByText(/あと(\d+秒|1分\d+秒)で/).waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('続ける');
    await checkA11y(page);
    await screenshot(page, 'idle-warning');
    await dialog.getByRole('button', { name: '続ける' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Polling and the first check were background calls; 「続ける」 was not.
    const headers = await Promise.all(sessionCalls.map((r) => r.headerValue('x-background')));
    expect(headers[0]).toBe('1');
    expect(headers[headers.length - 1]).toBeNull();
  });

  it('signs out with the CSRF token and says so on the login page', async () => {
    await stubSession(30 * 60_000);
    await page.goto('/');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login');
    await page.getByText('ログアウトしました。').waitFor();
    const signOut = sessionCalls.find((r) => r.method() === 'DELETE')!;
    await expect(signOut.headerValue('x-csrf-token')).resolves.toBe('csrf-token-from-session');
  });
});
