/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they use the DOM types.
import type { Page } from 'playwright-core';
import { baseUrl, checkA11y, launchBrowser, screenshot, signIn, watchCspViolations, type BrowserSession } from './support/browser';

/** The sign-in page as a coordinator meets it, in Debian's Chromium against the running service. */
describe('login page', () => {
  let browser: BrowserSession;
  let page: Page;
  let cspViolations: string[];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    cspViolations = watchCspViolations(page);
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl()) && !req.url().startsWith('data:')) foreignRequests.push(req.url());
    });
  });

  it('shows labelled inputs and the button, with one h1, accessible, and saves a screenshot', async () => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1 }).allTextContents()).resolves.toEqual(['ログイン']);
    await page.getByLabel('ログインID').waitFor();
    await page.getByLabel('パスワード').waitFor();
    expect(await page.getByLabel('パスワード').getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'ログイン', exact: true }).waitFor();
    await expect(page.title()).resolves.toBe('ログイン | 参加支援マッチング');
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);
    await screenshot(page, 'login');
    expect(cspViolations).toEqual([]);
    expect(foreignRequests).toEqual([]); // fonts and scripts are self-hosted: nothing from a CDN
  });

  it('is keyboard operable with a visible focus', async () => {
    await page.goto('/login');
    await page.getByLabel('ログインID').waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('field-login');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('field-password');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('ログイン');
  });

  it('explains empty fields in Japanese beside each field', async () => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    const login = page.getByLabel('ログインID');
    await page.getByText('ログインIDを入力してください。').waitFor();
    await page.getByText('パスワードを入力してください。').waitFor();
    expect(await login.getAttribute('aria-invalid')).toBe('true');
    expect(await login.getAttribute('aria-describedby')).toContain('login-error');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('field-login');
    await checkA11y(page);
  });

  it('shows a Japanese error, not a crash or raw JSON, when the sign-in fails', async () => {
    await page.goto('/login');
    await signIn(page, 'nobody', 'wrong-password');
    const alert = page.getByRole('alert');
    await alert.getByText('ログインできませんでした').waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(text).not.toMatch(/[{}]|Error|statusCode|Cannot POST/);
    // The page is still the login page, usable again; the password was cleared.
    await expect(page.getByLabel('パスワード').inputValue()).resolves.toBe('');
    expect(new URL(page.url()).pathname).toBe('/login');
    await checkA11y(page);
    await screenshot(page, 'login-error');
  });

  it('sends a person without a session from ホーム to /login', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
  });

  it('leaves Swagger UI working at /api/docs under its own policy', async () => {
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .info .title').getByText('参加支援 地域資源マッチング API').waitFor();
    expect(cspViolations).toEqual([]);
  });
});
