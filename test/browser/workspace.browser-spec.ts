/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { checkA11y, launchBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import {
  adminApi,
  createConsentedPerson,
  createOrganization,
  createResource,
  createUser,
  propose,
  uniqueArea,
  type SeededUser,
} from './support/seed';

/**
 * The coordinator's main flow (issue #13): a person with consent is proposed to a resource, then visit → trial →
 * active with a day-0 checkpoint; it shows on ホーム, the check-in is recorded on the placement page, and the
 * placement closes as 定着. Real service, database, Redis and model; seeding through the API only.
 */
/** A Tokyo calendar date `n` days from today, and how the screens write it (2026年11月27日（金）). */
function tokyoDay(n: number): { iso: string; ja: string } {
  const d = new Date(Date.now() + 9 * 3600_000 + n * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const ja = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${'日月火水木金土'[d.getUTCDay()]}）`;
  return { iso, ja };
}

describe("coordinator's workspace", () => {
  let browser: BrowserSession;
  let page: Page;
  let coordinator: SeededUser;
  const area = uniqueArea('みどり');

  beforeAll(async () => {
    browser = await launchBrowser();
    coordinator = await createUser('coordinator', '佐藤 一郎', { areas: [area] });
    const org = await createOrganization('NPO法人ひだまり農園', area);
    const farm = await createResource(org.id, area, '農園での草取り・収穫体験');
    const library = await createResource(org.id, area, '図書館の配架ボランティア');
    const person = await createConsentedPerson(area, 'Aさん');
    await propose(person.id, farm.id);
    // A few more, so that the board has something in several columns.
    const others = await Promise.all(['Bさん', 'Cさん'].map((name) => createConsentedPerson(area, name)));
    await propose(others[0].id, library.id);
    const visiting = await propose(others[1].id, library.id);
    await adminApi('POST', `/api/v1/placements/${visiting.id}/transitions`, { to: 'visit', date: '2026-12-08' });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });

  async function advance(to: string, fill?: () => Promise<void>) {
    await page.getByRole('button', { name: '状態を進める' }).click();
    const dialog = page.getByRole('dialog', { name: /状態を進める/ });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: to, exact: true }).check();
    if (fill) await fill();
    await dialog.getByRole('button', { name: '記録する' }).click();
    return dialog;
  }

  it('takes one person from 提案 to 定着 through ホーム and the placement page', async () => {
    await page.goto('/login');
    await signIn(page, coordinator.login, coordinator.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();

    // The proposal waits for a visit date on ホーム; one click opens it.
    const next = page.getByRole('region', { name: '次の一歩を待つ紹介' });
    await next.getByRole('link', { name: 'Aさん（農園での草取り・収穫体験）' }).click();
    await page.getByRole('heading', { level: 1, name: '紹介：Aさん → 農園での草取り・収穫体験' }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);

    // 提案 → 見学: the dialog offers only the allowed next states.
    await page.getByRole('button', { name: '状態を進める' }).click();
    const dialog = page.getByRole('dialog', { name: /状態を進める/ });
    const offered = await dialog.locator('input[type=radio][name=to]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(offered).toEqual(['visit', 'trial', 'active', 'closed']);
    await checkA11y(page);
    await dialog.getByRole('button', { name: 'やめる' }).click();

    // Recorded a few days late: the visit and the trial were last week, the start yesterday.
    await advance('見学', () => page.getByLabel('見学日').fill(tokyoDay(-3).iso));
    await page.getByText(tokyoDay(-3).ja).waitFor();
    await advance('体験', () => page.getByLabel('体験日').fill(tokyoDay(-2).iso));
    await page.getByText(tokyoDay(-2).ja).first().waitFor();

    // 参加・受入: the start date defaults to today and may not be before the visit; the service says so beside the field.
    const activate = await advance('参加・受入', async () => {
      expect(await page.getByLabel('開始日').inputValue()).toBe(tokyoDay(0).iso);
      await page.getByLabel('開始日').fill(tokyoDay(-5).iso);
    });
    const startField = activate.getByLabel('開始日');
    await activate.getByText(/開始日（.*）は見学日（.*）以降の日付にしてください/).waitFor();
    expect(await startField.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page);
    await startField.fill(tokyoDay(-1).iso);
    // A checkpoint beyond the period is refused by the service, beside its field.
    await activate.getByLabel('フォローの確認日（開始からの日数）').fill('0, 200');
    await activate.getByRole('button', { name: '記録する' }).click();
    const daysField = activate.getByLabel('フォローの確認日（開始からの日数）');
    await activate.getByText('確認日（200 日目）はフォロー期間（90 日）以内にしてください').waitFor();
    expect(await daysField.getAttribute('aria-invalid')).toBe('true');
    expect(await daysField.getAttribute('aria-describedby')).toContain('transition-checkpointDays-error');
    await checkA11y(page);
    await daysField.fill('0');
    await activate.getByRole('button', { name: '記録する' }).click();
    await activate.waitFor({ state: 'hidden' });
    await page.getByRole('list', { name: '確認日の一覧' }).getByText('0日目（最後の確認日）').waitFor();

    // ホーム: today's follow-up, one click from the record.
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }).click();
    const due = page.getByRole('region', { name: '今日のフォロー（期日・期限超過）' });
    await due.getByRole('link', { name: 'Aさん（農園での草取り・収穫体験）' }).waitFor();
    await page
      .getByRole('region', { name: /今月の数字/ })
      .getByText('マッチング件数（延べ）')
      .waitFor();
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);
    await screenshot(page, 'home');
    await due.getByRole('link', { name: 'Aさん（農園での草取り・収穫体験）' }).click();

    // The check-in: attendance, wellbeing as labelled choices, concern, host feedback, note.
    const form = page.getByRole('form', { name: 'フォローの記録' });
    await form.getByRole('radio', { name: '参加', exact: true }).check();
    await form.getByRole('radio', { name: '4 良い' }).check();
    await form.getByRole('radio', { name: '見守り' }).check();
    await form.getByLabel('受入先から見た様子').fill('黙々と作業され、休憩中も落ち着いていました。');
    await form.getByLabel('メモ').fill('次回は作業時間を少し延ばす相談をする');
    await form.getByRole('button', { name: '記録する' }).click();
    await page.getByText('記録しました。').waitFor();
    await page.getByRole('list', { name: '確認日の一覧' }).getByText('記録済み').waitFor();
    await page.getByText('受入先から: 黙々と作業され、休憩中も落ち着いていました。').waitFor();

    // The final checkpoint is reached: the decision is offered; 定着で終結 asks for confirmation with the outcome chosen.
    const decision = page.getByRole('region', { name: /最後の確認日を迎えました/ });
    await decision.waitFor();
    await page.getByRole('heading', { level: 2, name: '定着フォロー' }).scrollIntoViewIfNeeded();
    await checkA11y(page);
    await screenshot(page, 'placement-followup');
    await decision.getByRole('button', { name: '定着で終結' }).click();
    const closing = page.getByRole('dialog', { name: /状態を進める/ });
    await expect(closing.getByRole('radio', { name: '定着' }).isChecked()).resolves.toBe(true);
    await closing.getByRole('button', { name: '記録する' }).click();
    await closing.waitFor({ state: 'hidden' });
    await page.getByText('終結（定着）', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: '状態を進める' }).count()).resolves.toBe(0);

    // The board: 提案 → 見学 → 体験 → 参加・受入 → 終結.
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '紹介' }).click();
    await page.getByRole('heading', { level: 1, name: '紹介' }).waitFor();
    for (const column of ['提案', '見学', '体験', '参加・受入', '終結']) {
      await page.getByRole('heading', { level: 2, name: new RegExp(`^${column}`) }).waitFor();
    }
    await page.getByRole('region', { name: /^終結/ }).getByRole('link', { name: 'Aさん' }).waitFor();
    await page.getByRole('region', { name: /^見学/ }).getByRole('link', { name: 'Cさん' }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);
    await screenshot(page, 'placements-board');
    await page.getByRole('button', { name: '一覧' }).click();
    await page.getByLabel('状態で絞り込む').selectOption('closed');
    await page.getByRole('table').getByRole('link', { name: 'Aさん' }).waitFor();
    await checkA11y(page);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login');
    await page.getByText('ログアウトしました。').waitFor();
  });

  it('gives every field of the placement page its own id, so each label names its own field', async () => {
    const person = await createConsentedPerson(area, 'Eさん');
    const resource = await adminApi<{ items: Array<{ id: string }> }>('GET', `/api/v1/resources?area=${encodeURIComponent(area)}`);
    const placement = await propose(person.id, resource.items[0].id);
    await adminApi('POST', `/api/v1/placements/${placement.id}/transitions`, { to: 'active', followUp: { checkpointDays: [0, 30] } });
    await page.goto('/login');
    await signIn(page, coordinator.login, coordinator.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    await page.goto(`/placements/${placement.id}`);
    // The three forms with a メモ-like field at once: the check-in, the extension and the state dialog.
    await page.getByRole('form', { name: 'フォローの記録' }).waitFor();
    await page.getByText('フォロー期間を延長する').click();
    // Each note's label leads to the note of its own form.
    await page.getByRole('form', { name: 'フォローの記録' }).getByLabel('メモ', { exact: true }).fill('記録のメモ');
    await page.getByLabel('延長の理由').fill('延長のメモ');
    await page.getByRole('button', { name: '状態を進める' }).click();
    await page.getByRole('dialog', { name: /状態を進める/ }).waitFor();
    await page.getByLabel('メモ（受入先には表示されません）').fill('状態のメモ');

    const duplicates = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const el of Array.from(document.querySelectorAll('[id]'))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    expect(duplicates).toEqual([]);
    const notes = await page.locator('textarea[name="note"]').evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value));
    expect(notes.sort()).toEqual(['延長のメモ', '状態のメモ', '記録のメモ'].sort());
    // axe's own rules for ids (the deprecated two explicitly: they are off by default in axe 4.13).
    const ids = await new AxeBuilder({ page }).withRules(['duplicate-id', 'duplicate-id-active', 'duplicate-id-aria']).analyze();
    expect(ids.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await checkA11y(page);
  });

  it('lists notifications urgent first, marks one read, and counts them in the header', async () => {
    const person = await createConsentedPerson(area, 'Dさん');
    const resource = await adminApi<{ items: Array<{ id: string }> }>('GET', `/api/v1/resources?area=${encodeURIComponent(area)}`);
    const placement = await propose(person.id, resource.items[0].id);
    await adminApi('POST', `/api/v1/placements/${placement.id}/transitions`, { to: 'active', followUp: { checkpointDays: [0, 30] } });
    await adminApi('POST', `/api/v1/placements/${placement.id}/checkins`, {
      date: new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10),
      attendance: 'absent',
      wellbeing: 2,
      concern: 'urgent',
    });

    await page.goto('/login');
    await signIn(page, coordinator.login, coordinator.password);
    const badge = page.getByTestId('notification-badge');
    await badge.getByText(/至急 \d+件/).waitFor();
    await badge.click();
    await page.getByRole('heading', { level: 1, name: '通知' }).waitFor();
    const first = page.locator('.record-list > li').first();
    await first.getByText('【至急】Dさん', { exact: false }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);
    await first.getByRole('button', { name: '既読にする' }).click();
    await page.getByText('【至急】Dさん', { exact: false }).waitFor({ state: 'detached' });
    // The filter lives in the URL; the page applies it with flushSync, so the box shows its new state at once.
    await page.getByLabel('未読だけ表示').uncheck();
    await page.waitForURL(/unread=false/);
    await page.getByText('【至急】Dさん', { exact: false }).waitFor();
    await page.getByLabel('未読だけ表示').and(page.locator(':not(:checked)')).waitFor();
    await checkA11y(page);
  });
});
