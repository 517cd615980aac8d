/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they use the DOM types.
import type { Page } from 'playwright-core';
import { checkA11y, launchBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { adminApi, seedUser } from './support/people-seed';

/*
 * 未充足ニーズ (the unmet-needs register) against the running service, signed in for real: an area-limited coordinator
 * meets the empty list (which says how entries get there), records an unmet need from the search screen, and finds it
 * on the list — newest first, filtered by type, never another area's entries; a viewer has no such screen.
 * The database is shared with the other browser spec files (fresh for each run): this file's areas are its own.
 */
describe('未充足ニーズ (the unmet-needs register)', () => {
  let browser: BrowserSession;
  let page: Page;
  // The browser tests' service starts with a fresh database, and no other spec file uses these areas.
  const area = '南部';
  const otherArea = '北部';
  let coordinator: { login: string; password: string };
  let viewer: { login: string; password: string };

  beforeAll(async () => {
    [coordinator, viewer] = await Promise.all([seedUser('coordinator', { areas: [area] }), seedUser('viewer')]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });

  const h1 = () => page.getByRole('heading', { level: 1 });
  const menu = () => page.getByRole('navigation', { name: 'メインメニュー' });

  async function signInAs(user: { login: string; password: string }) {
    await page.goto('/login');
    await signIn(page, user.login, user.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  }

  it('records an unmet need from the search screen and finds it on the list, within the coordinator’s areas', async () => {
    // Another area's entry (recorded by the admin): the coordinator must never see it.
    const other = await adminApi('POST', '/api/v1/unmet-needs', { area: otherArea, resourceType: 'ibasho', summary: '北部の夜の居場所' });
    expect(other.status).toBe(201);

    await signInAs(coordinator);
    await menu().getByRole('link', { name: '未充足ニーズ' }).click();
    await h1().filter({ hasText: '未充足ニーズ' }).waitFor();
    // The empty state says how entries get there.
    await page.getByText('まだ記録はありません。').waitFor();
    await page.getByText('検索画面の「未充足ニーズとして記録する」から記録します。', { exact: false }).waitFor();
    await page.getByText(`担当地区 ${area} の記録だけを表示しています`, { exact: false }).waitFor();
    await checkA11y(page);

    // The search screen: nothing fits a housing need in this area, so it offers to record it.
    await page.getByRole('main').getByRole('link', { name: 'マッチング検索' }).click();
    await h1().filter({ hasText: 'マッチング検索' }).waitFor();
    await page.getByLabel('希望・ニーズ').fill('一時的に泊まれる場所を探している。見守りがあると安心');
    await page.getByText('絞り込み（必ず満たす条件）').click();
    await page.getByLabel('住まい支援').check();
    await page.getByLabel('地区', { exact: true }).fill(area);
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByText('この希望によく合う資源は見つかりませんでした').waitFor();
    const form = page.getByRole('form', { name: '未充足ニーズとして記録する' });
    await expect(form.getByLabel('地区').inputValue()).resolves.toBe(area);
    await expect(form.getByLabel('望まれた資源の種別').inputValue()).resolves.toBe('housing_support');
    await form.getByLabel('要約（本人を特定しない内容）').fill('短期間の住まい。見守りのあるところ');
    await form.getByRole('button', { name: '未充足ニーズを記録する' }).click();
    await page.getByText('未充足ニーズとして記録しました。').waitFor();

    // From the confirmation to the list: the entry, with who recorded it, and no other area's.
    await page.getByRole('link', { name: '未充足ニーズの一覧を見る' }).click();
    await h1().filter({ hasText: '未充足ニーズ' }).waitFor();
    const table = page.getByRole('table', { name: '未充足ニーズの一覧（新しい順）' });
    const row = table.getByRole('row').filter({ hasText: '短期間の住まい。見守りのあるところ' });
    await row.waitFor();
    const cells = (await row.getByRole('cell').allTextContents()).map((c) => c.trim());
    expect(cells.slice(1)).toEqual([area, '住まい支援', '短期間の住まい。見守りのあるところ', '山田 花子']);
    expect(cells[0]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.getByRole('main').textContent()).not.toContain('北部の夜の居場所');
    await page.getByText('1 件中 1〜1 件目').waitFor();

    // A second entry, newer: listed first.
    await page.goto('/search');
    await page.getByLabel('希望・ニーズ').fill('土日に少しだけ過ごせる場所がほしい');
    await page.getByText('絞り込み（必ず満たす条件）').click();
    await page.getByLabel('居場所', { exact: true }).check();
    await page.getByLabel('地区', { exact: true }).fill(area);
    await page.getByRole('button', { name: '検索' }).click();
    const again = page.getByRole('form', { name: '未充足ニーズとして記録する' });
    await again.getByLabel('要約（本人を特定しない内容）').fill('土日の午後に開いている居場所');
    await again.getByRole('button', { name: '未充足ニーズを記録する' }).click();
    await page.getByText('未充足ニーズとして記録しました。').waitFor();
    await page.goto('/unmet-needs');
    await table.getByRole('row').nth(2).waitFor();
    const summaries = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(summaries).toEqual(['土日の午後に開いている居場所', '短期間の住まい。見守りのあるところ']);
    await checkA11y(page);
    await screenshot(page, 'unmet-needs');

    // Filtered by wanted type (kept in the address).
    await page.getByLabel('望まれた種別').selectOption('housing_support');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.waitForURL(/resourceType=housing_support/);
    await table.getByRole('row').filter({ hasText: '土日の午後に開いている居場所' }).waitFor({ state: 'detached' });
    await expect(table.locator('tbody tr td:nth-child(4)').allTextContents()).resolves.toEqual(['短期間の住まい。見守りのあるところ']);
    await page.getByLabel('望まれた種別').selectOption('volunteer');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.getByText('条件に合う記録はありません。', { exact: false }).waitFor();
    // Asking for another area by name shows nothing of it.
    await page.goto(`/unmet-needs?area=${encodeURIComponent(otherArea)}`);
    await page.getByText('条件に合う記録はありません。', { exact: false }).waitFor();
    await checkA11y(page);

    // On a phone the list fits: the table scrolls inside its box, the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/unmet-needs');
    await table.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checkA11y(page);
  });

  it('is not offered to a viewer (city officer)', async () => {
    await signInAs(viewer);
    expect(await menu().getByRole('link').allTextContents()).not.toContain('未充足ニーズ');
    await page.goto('/unmet-needs');
    await h1().filter({ hasText: '見つかりません' }).waitFor();
    await checkA11y(page);
  });
});
