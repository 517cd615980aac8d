/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { checkA11y, launchBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { apiCall, createOrganization, createPerson, createUser, watchApi } from './support/api-seed';

/*
 * The admin screens at 1366×768: invite a coordinator, who sets a password in a fresh browser and signs in;
 * the audit screen answers "who saw this person's record?"; disabling ends the coordinator's open session.
 */
describe('admin screens', () => {
  let browser: BrowserSession;
  let other: BrowserSession;
  let page: Page;
  let admin: { login: string; password: string };
  let person: { id: string };
  const personName = 'はるさん（仮名）';
  const coordinatorName = '田中 コーディネーター';

  beforeAll(async () => {
    admin = await createUser('admin', '管理 太郎');
    person = await createPerson({ displayName: personName, needs: '朝が苦手。午後から少しずつ外に出たい' }, ['displayName']);
    browser = await launchBrowser();
    other = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/login');
    await signIn(page, admin.login, admin.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  });
  afterAll(async () => {
    await other?.close();
    await browser?.close();
  });

  it('shows the 管理 items in the menu', async () => {
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    const links = await menu.getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['管理：利用者', '管理：APIトークン', '管理：受入先の開拓', '管理：監査ログ']));
  });

  let coordinatorPage: Page;
  let invitationUrl: string;
  const coordinatorLogin = `tanaka-${Date.now()}@example.jp`;
  const coordinatorPassword = 'みどり市の参加支援をつなぐ';

  it('invites a coordinator and shows the one-time link to copy', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理：利用者' }).click();
    await page.getByRole('heading', { level: 1, name: '利用者と招待' }).waitFor();
    await page.getByRole('button', { name: '招待リンクを作る' }).click();
    await page.getByText('氏名を入力してください。').waitFor();
    await page.getByLabel('氏名').fill(coordinatorName);
    await page.getByLabel('ログインID').fill(coordinatorLogin);
    await page.getByLabel('役割').selectOption('coordinator');
    await page.getByRole('button', { name: '招待リンクを作る' }).click();
    invitationUrl = ((await page.getByTestId('invitation-url').textContent()) ?? '').trim();
    expect(invitationUrl).toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}$/);
    await page.getByRole('button', { name: 'リンクをコピー' }).waitFor();
    await page.getByRole('cell', { name: coordinatorLogin }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'admin-users');
  });

  it('the coordinator sets a password in a fresh browser (policy errors beside the field) and signs in', async () => {
    coordinatorPage = await other.newPage();
    await coordinatorPage.goto(new URL(invitationUrl).pathname);
    await coordinatorPage.getByRole('heading', { level: 1, name: 'パスワードの設定' }).waitFor();
    await checkA11y(coordinatorPage);
    await screenshot(coordinatorPage, 'invitation');
    // Too short: refused in the page; common: refused by the service, both beside the field.
    await coordinatorPage.locator('#field-password').fill('short');
    await coordinatorPage.locator('#field-confirm').fill('short');
    await coordinatorPage.getByRole('button', { name: 'パスワードを設定する' }).click();
    await coordinatorPage.getByText('パスワードは 12 文字以上にしてください（日本語の文でもかまいません）。').waitFor();
    await coordinatorPage.locator('#field-password').fill('password1234');
    await coordinatorPage.locator('#field-confirm').fill('password1234');
    await coordinatorPage.getByRole('button', { name: 'パスワードを設定する' }).click();
    const field = coordinatorPage.locator('#field-password');
    await coordinatorPage.waitForFunction(() => document.getElementById('field-password')?.getAttribute('aria-invalid') === 'true');
    expect(await field.getAttribute('aria-describedby')).toContain('password-error');
    await checkA11y(coordinatorPage);
    await coordinatorPage.locator('#field-password').fill(coordinatorPassword);
    await coordinatorPage.locator('#field-confirm').fill(coordinatorPassword);
    await coordinatorPage.getByRole('button', { name: 'パスワードを設定する' }).click();
    await coordinatorPage.getByText('パスワードを設定しました').waitFor();
    await coordinatorPage.getByRole('link', { name: 'ログイン画面へ' }).click();
    await signIn(coordinatorPage, coordinatorLogin, coordinatorPassword);
    await coordinatorPage.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    await expect(coordinatorPage.getByTestId('user-name').textContent()).resolves.toBe(coordinatorName);
    // The link was used up.
    const again = await apiCall('POST', '/api/v1/invitations/accept', {
      token: invitationUrl.split('/').pop(),
      password: coordinatorPassword,
    });
    expect(again.status).toBe(400);
  });

  it('answers "who saw this person\'s record?" on one screen, with CSV', async () => {
    // The coordinator reads the person through their own session (the coordinator screens call the same route).
    const status = await coordinatorPage.evaluate(async (id) => (await fetch(`/api/v1/participants/${id}`)).status, person.id);
    expect(status).toBe(200);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理：監査ログ' }).click();
    await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
    await page.getByLabel('本人の ID').fill(person.id);
    await page.getByRole('button', { name: '検索する' }).click();
    const whoSaw = page.getByTestId('who-saw');
    await whoSaw.getByRole('rowheader', { name: coordinatorName }).waitFor();
    await whoSaw
      .getByRole('row', { name: new RegExp(coordinatorName) })
      .getByRole('cell', { name: 'コーディネーター', exact: true })
      .waitFor();
    await page.getByRole('cell', { name: 'GET /api/v1/participants/:id', exact: true }).first().waitFor();
    // Field names in Japanese (one map from the service), never the API's displayName、ageBand.
    await page
      .getByRole('cell', { name: /表示名/ })
      .first()
      .waitFor();
    expect(await page.getByRole('table').last().textContent()).not.toMatch(/displayName|ageBand/);
    const csvHref = await page.getByRole('link', { name: /CSV で保存する/ }).getAttribute('href');
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
    expect(csv).toContain(coordinatorName);
    expect(csv).toContain(person.id);
    // By route, too.
    await page.getByLabel('本人の ID').fill('');
    await page.getByLabel('経路（API のパスの一部）').fill('/api/v1/participants/');
    await page.getByRole('button', { name: '検索する' }).click();
    await page.getByRole('cell', { name: 'GET /api/v1/participants/:id', exact: true }).first().waitFor();
    await checkA11y(page);
    await page.getByLabel('本人の ID').fill(person.id);
    await page.getByLabel('経路（API のパスの一部）').fill('');
    await page.getByRole('button', { name: '検索する' }).click();
    await whoSaw.waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('heading', { name: 'この本人の記録を見た人・扱った人' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-audit');
  });

  it('erases a person only after a confirmation naming them and the consequences', async () => {
    await page.getByRole('button', { name: '本人の記録を消去する…' }).click();
    const dialog = page.getByRole('dialog', { name: `${personName}の記録を消去します` });
    await dialog.waitFor();
    await dialog.getByText(/元に戻せない形で削除されます/).waitFor();
    const erase = dialog.getByRole('button', { name: '消去する' });
    await expect(erase.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(`確認のため「${personName}」と入力してください`).fill(personName);
    await checkA11y(page);
    await erase.click();
    await page.getByText(`${personName}の個人情報を消去しました。`).waitFor();
    expect((await apiCall('GET', `/api/v1/participants/${person.id}`)).status).toBe(404);
  });

  it('disables the coordinator: their open session ends on the next request', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理：利用者' }).click();
    const row = page.getByRole('row', { name: new RegExp(coordinatorLogin) });
    await row.getByRole('button', { name: /無効にする/ }).click();
    await row.getByText('無効', { exact: true }).waitFor();
    const api = watchApi(coordinatorPage);
    await coordinatorPage.reload();
    await coordinatorPage.waitForURL('**/login');
    await coordinatorPage.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
    expect(api.some((r) => r.path === '/api/v1/session' && r.status === 401)).toBe(true);
  });

  it('lists tokens (secret shown once, revoke) and organisations being developed', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理：APIトークン' }).click();
    await page.getByRole('heading', { level: 1, name: 'API トークン' }).waitFor();
    await page.getByLabel('名前').fill('集計の自動取得');
    await page.getByLabel('役割').selectOption('viewer');
    await page.getByRole('button', { name: '発行する' }).click();
    const secret = ((await page.getByTestId('token-secret').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThan(20);
    const row = page.getByRole('row', { name: /集計の自動取得/ });
    await row.getByText('未使用').waitFor();
    await checkA11y(page);
    await screenshot(page, 'admin-tokens');
    await row.getByRole('button', { name: /失効させる/ }).click();
    await row.getByText(/失効（/).waitFor();
    expect((await apiCall('GET', '/api/v1/reports/fiscal-year/2026', undefined, { Authorization: `Bearer ${secret}` })).status).toBe(401);

    const developing = await createOrganization('こもれび商店会');
    await apiCall('PATCH', `/api/v1/organizations/${developing.id}`, { developmentStatus: 'developing' });
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理：受入先の開拓' }).click();
    await page.getByRole('heading', { level: 1, name: '受入先と開拓' }).waitFor();
    const section = page.getByRole('region', { name: /開拓中の受入先/ });
    await section.getByRole('rowheader', { name: /こもれび商店会/ }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'admin-organizations');
    await section.getByLabel(/開拓の状況（こもれび商店会/).selectOption('accepting');
    for (let i = 0; i < 50; i++) {
      const org = await apiCall<{ developmentStatus: string }>('GET', `/api/v1/organizations/${developing.id}`);
      if (org.body.developmentStatus === 'accepting') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await apiCall<{ developmentStatus: string }>('GET', `/api/v1/organizations/${developing.id}`)).body.developmentStatus).toBe(
      'accepting',
    );
  });
});
