/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { checkA11y, launchBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { adminApi, seedCatalogue, seedUser } from './support/people-seed';

/*
 * The coordinator's workspace for people: 本人 (register, consent), マッチング検索 (results, 提案する,
 * 未充足ニーズ) and 資源・受入先 — against the running service, signed in for real.
 */
describe('本人・マッチング検索・資源 (coordinator screens)', () => {
  let browser: BrowserSession;
  let page: Page;
  let central: { id: string; login: string; password: string };
  let east: { id: string; login: string; password: string };
  let catalogue: { organizationId: string; resourceIds: string[] };
  let personId: string;

  beforeAll(async () => {
    [central, east, catalogue] = await Promise.all([
      seedUser('coordinator', { areas: ['中央'] }),
      seedUser('coordinator', { areas: ['東部'] }),
      seedCatalogue('中央'),
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });

  async function signInAs(user: { login: string; password: string }) {
    await page.goto('/login');
    await signIn(page, user.login, user.password);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  }

  const h1 = () => page.getByRole('heading', { level: 1 });

  it('registers a person, records consent with scope, searches from their page and proposes a result', async () => {
    await signInAs(central);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '本人' }).click();
    await h1().filter({ hasText: '本人' }).waitFor();
    // The empty state, for a name nobody has (other test files share this service's database).
    await page.goto('/participants?q=' + encodeURIComponent('該当なしの名前'));
    await page.getByText('条件に合う本人はいません。').waitFor();
    await checkA11y(page);

    await page.getByRole('link', { name: '本人を登録する' }).click();
    await h1().filter({ hasText: '本人を登録する' }).waitFor();
    // Empty required fields: each message beside its field.
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('本人の希望・ニーズを入力してください。').waitFor();
    const needs = page.getByLabel('本人の希望・ニーズ');
    expect(await needs.getAttribute('aria-invalid')).toBe('true');
    expect(await needs.getAttribute('aria-describedby')).toContain('needs-error');
    await checkA11y(page);

    await page.getByLabel('表示名（仮名・コード）').fill('Aさん');
    await expect(page.getByLabel('地区', { exact: false }).first().inputValue()).resolves.toBe('中央');
    await page.getByLabel('年代').fill('30代');
    await page.getByLabel('自立の段階').selectOption('social_life');
    await needs.fill('人と話すのが苦手。静かな場所で黙々とできる作業を、週1回短時間から始めたい。');
    await page.getByLabel('得意なこと・興味').fill('植物を育てるのが好き');
    await page.getByLabel('火曜日').check();
    await page.getByLabel('木曜日').check();
    await page.getByLabel('移動時間の上限（分）').fill('30');
    await page.getByLabel('人と話すことが多い活動').check();
    await page.getByRole('button', { name: '登録する' }).click();
    // The display name as typed: no さん appended (「Aさん さん」).
    await h1()
      .filter({ hasText: /^Aさん$/ })
      .waitFor();
    personId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('登録しました。').waitFor();

    // Consent: method, date and item-by-item scope; the sensitive items are marked.
    const consent = page.getByRole('form', { name: '同意を記録する' });
    await consent.getByText('要配慮個人情報').first().waitFor();
    await consent.getByLabel('同意の取り方').fill('面談で口頭と書面により確認');
    await consent.getByLabel('同意した日').fill('2026-11-20');
    await consent.getByLabel('得意なこと・興味').check();
    await consent.getByRole('button', { name: '同意を記録する' }).click();
    await page.getByText('本人同意を記録しました。').waitFor();
    const history = page.getByRole('table', { name: '同意の履歴（新しい順）' });
    await history.getByText('面談で口頭と書面により確認').waitFor();
    await history.getByText('2026年11月20日（金）').waitFor();
    await history.getByText('表示名、得意なこと・興味').waitFor();
    await page.getByText('まだ紹介はありません。').waitFor();
    await checkA11y(page);
    await page.getByRole('heading', { name: '同意を記録する' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'participant-consent');

    // Search from the person's page: the needs are filled in from the record.
    await page.getByRole('link', { name: 'この本人でマッチング検索' }).click();
    await h1().filter({ hasText: 'マッチング検索' }).waitFor();
    expect(new URL(page.url()).searchParams.get('participantId')).toBe(personId);
    await page.waitForFunction(() =>
      (document.querySelector('#field-needs') as HTMLTextAreaElement | null)?.value.includes('静かな場所で黙々と'),
    );
    await page.getByRole('button', { name: '検索' }).click();
    const results = page.getByRole('article');
    await results.first().waitFor();
    expect(await results.count()).toBeGreaterThanOrEqual(2);
    const titles = await results.getByRole('heading').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['農園での草取り・収穫体験', '地域のコミュニティカフェ（居場所）']));
    const first = results.first();
    const reasons = await first.getByRole('list', { name: '合う理由' }).getByRole('listitem').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(await first.textContent()).toContain(reason);
    await first.getByText('この順位になった理由').waitFor();
    expect(await first.textContent()).not.toMatch(/0\.\d{2,}/); // never a raw score
    // A card that says its keywords matched never calls the keyword signal 「ほとんどなし」.
    for (const card of await results.all()) {
      if (!(await card.getByText(/^キーワードが一致/).count())) continue;
      const row = card.locator('.why__row').filter({ hasText: 'ことばの一致' });
      expect(await row.textContent()).not.toContain('ほとんどなし');
    }
    // Reasons agree with the bars: 「希望の内容と近い」 never beside a meaning bar of 「低い」; the fit bar speaks of fit.
    for (const card of await results.all()) {
      const fitRow = await card.locator('.why__row').filter({ hasText: '本人の条件への合い方' }).textContent();
      expect(fitRow).toMatch(/合わない点が多い|合わない点あり|どちらとも言えない|やや合う|合う|よく合う/);
      const conceptRow = await card.locator('.why__row').filter({ hasText: '活動内容の合い方' }).textContent();
      expect(conceptRow).toMatch(/合わない点が多い|合わない点あり|どちらとも言えない|やや合う|合う|よく合う/);
      if (!(await card.getByRole('list', { name: '合う理由' }).getByText('希望の内容と近い').count())) continue;
      const meaning = await card.locator('.why__row').filter({ hasText: '希望との意味の近さ' }).textContent();
      expect(meaning).not.toMatch(/低い|ほとんどなし/);
    }
    await page.getByRole('heading', { name: /^検索結果/ }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'search-results');
    // 読み取った条件: chips read from the needs text; removing one searches again without it.
    const understood = page.getByRole('region', { name: '読み取った条件' });
    await understood.getByText('「人と話すのが苦手」→ 避けたいこと: 人と話す').waitFor();
    await understood.getByText('「静かな場所」→ 希望する配慮: 静かな環境').waitFor();
    // what the person wants to do, read as a concept (docs/matching.md §8)
    await understood.getByText('「黙々と」→ 希望する内容: 手作業・軽作業').waitFor();
    const removeQuiet = understood.getByRole('button', { name: '「静かな場所」（希望する配慮: 静かな環境）を外す' });
    await removeQuiet.click();
    await page.getByRole('button', { name: '外した条件を戻す（1 件）' }).waitFor();
    expect(await removeQuiet.count()).toBe(0);
    await understood.getByText('「人と話すのが苦手」→ 避けたいこと: 人と話す').waitFor();
    await results.first().waitFor();
    await checkA11y(page);
    // Compare two results side by side.
    await results.nth(0).getByLabel('比べる（3 件まで）').check();
    await results.nth(1).getByLabel('比べる（3 件まで）').check();
    await page.getByRole('table', { name: '選んだ資源を比べる' }).waitFor();
    await checkA11y(page);

    // 提案する: a small dialog says who and where and takes a note; やめる creates nothing.
    const chosenTitle = (await first.getByRole('heading').textContent())!;
    await first.getByRole('button', { name: '提案する' }).click();
    const confirm = page.getByRole('dialog', { name: '提案の確認' });
    await confirm.getByText(chosenTitle, { exact: false }).waitFor();
    await confirm.getByText('Aさん', { exact: true }).waitFor();
    await checkA11y(page);
    await confirm.getByRole('button', { name: 'やめる' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await adminApi<{ items: unknown[] }>('GET', `/api/v1/placements?participantId=${personId}`)).body.items).toEqual([]);
    await first.getByRole('button', { name: '提案する' }).click();
    await confirm.getByLabel('メモ（受入先には表示されません）').fill('見学は同行する');
    await confirm.getByRole('button', { name: '提案する' }).click();
    await first.getByText('Aさんに提案しました。').waitFor();
    const placements = await adminApi<{ items: Array<{ resource: { title: string }; state: string }> }>(
      'GET',
      `/api/v1/placements?participantId=${personId}`,
    );
    expect(placements.body.items).toEqual([
      expect.objectContaining({ state: 'proposed', resource: expect.objectContaining({ title: chosenTitle }) }),
    ]);

    // The person's page shows it on the timeline; the list finds the person by name.
    await page.goto(`/participants/${personId}`);
    await page.getByRole('list').filter({ hasText: chosenTitle }).getByText('いまの段階：提案').waitFor();
    await page.goto('/participants');
    await page.getByLabel('表示名・コード').fill('Aさ');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.getByRole('link', { name: 'Aさん' }).waitFor();
    await page.getByText('1 件中 1〜1 件目').waitFor();
    await checkA11y(page);
    await screenshot(page, 'participants');
  });

  it('records a 参加支援プラン on the person’s page and lists it; a date in the future is refused beside the field', async () => {
    await signInAs(central);
    await page.goto(`/participants/${personId}`);
    await page.getByRole('heading', { level: 2, name: '参加支援プラン' }).waitFor();
    await page.getByText('まだ参加支援プランの記録はありません。').waitFor();
    const form = page.getByRole('form', { name: 'プランを記録する' });
    // The date defaults to today (Tokyo) and the kind to 初回 while the person has no plan.
    const madeOn = form.getByLabel('策定日');
    const today = await madeOn.inputValue();
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await form.getByLabel('種類').inputValue()).toBe('initial');
    await checkA11y(page);

    // The service's Japanese message, beside the date.
    await madeOn.fill('2099-01-01');
    await form.getByRole('button', { name: 'プランを記録する' }).click();
    await form.getByText('策定日（2099-01-01）は今日').waitFor();
    expect(await madeOn.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page);

    await madeOn.fill(today);
    await form.getByLabel('メモ（任意）').fill('週1回の居場所から');
    await form.getByRole('button', { name: 'プランを記録する' }).click();
    await form.getByText('の参加支援プラン（初回）を記録しました。').waitFor();
    const list = page.getByRole('table', { name: '参加支援プラン（策定日の新しい順）' });
    await list.getByRole('cell', { name: '初回', exact: true }).waitFor();
    await list.getByRole('cell', { name: '週1回の居場所から' }).waitFor();
    // After the initial plan the form is empty again and offers 見直し.
    expect(await form.getByLabel('種類').inputValue()).toBe('revision');
    expect(await form.getByLabel('メモ（任意）').inputValue()).toBe('');
    await checkA11y(page);
    await page.getByRole('heading', { level: 2, name: '参加支援プラン' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'participant-plans');
  });

  it('shows a search validation error beside the needs field', async () => {
    await signInAs(central);
    await page.goto('/matching'); // the menu's address goes to /search
    await page.waitForURL('**/search');
    await h1().filter({ hasText: 'マッチング検索' }).waitFor();
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByText('希望・ニーズを入力してください。').waitFor();
    const box = page.getByLabel('希望・ニーズ');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await box.getAttribute('aria-describedby')).toContain('needs-error');
    await checkA11y(page);
  });

  it('shows the values one phrase gave as one chip, removed at once; a refusal is read as avoided, not wanted', async () => {
    await signInAs(central);
    await page.goto('/search');
    await page.getByLabel('希望・ニーズ').fill('平日の午後なら行ける。農作業には興味がない。手先は器用。');
    await page.getByRole('button', { name: '検索' }).click();
    const understood = page.getByRole('region', { name: '読み取った条件' });
    await understood.getByText('「平日」→ 参加できる曜日: 月曜・火曜・水曜・木曜・金曜').waitFor();
    await understood.getByText('「農作業」→ 避けたい内容: 農作業・園芸').waitFor();
    await understood.getByText('「手先」→ 希望する内容: 手作業・軽作業').waitFor();
    expect(await understood.getByText(/希望する内容: 農作業/).count()).toBe(0);
    await understood.getByRole('button', { name: /^「平日」/ }).click();
    await page.getByRole('button', { name: '外した条件を戻す（1 件）' }).waitFor();
    expect(await understood.getByText(/参加できる曜日/).count()).toBe(0);
    await understood.getByText('「手先」→ 希望する内容: 手作業・軽作業').waitFor();
    await checkA11y(page);
  });

  it('records an unmet need when nothing fits, without personal data', async () => {
    await signInAs(central);
    await page.goto('/search');
    await page.getByLabel('希望・ニーズ').fill('一時的に泊まれる場所を探している');
    await page.getByText('絞り込み（必ず満たす条件）').click();
    await page.getByLabel('住まい支援').check();
    await page.getByLabel('地区', { exact: true }).fill('中央');
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByText('この希望によく合う資源は見つかりませんでした').waitFor();
    await page.getByText('条件に合う資源はありません。').waitFor();
    const form = page.getByRole('form', { name: '未充足ニーズとして記録する' });
    await expect(form.getByLabel('地区').inputValue()).resolves.toBe('中央');
    await expect(form.getByLabel('望まれた資源の種別').inputValue()).resolves.toBe('housing_support');
    await form.getByRole('button', { name: '未充足ニーズを記録する' }).click();
    await form.getByText('要約を入力してください。').waitFor(); // beside its field
    await form.getByLabel('要約（本人を特定しない内容）').fill('短期間の住まい。駅の近く');
    await checkA11y(page);
    await form.getByRole('button', { name: '未充足ニーズを記録する' }).click();
    await page.getByText('未充足ニーズとして記録しました。').waitFor();
    const listed = await adminApi<{ items: Array<{ area: string; resourceType: string; summary: string }> }>('GET', '/api/v1/unmet-needs');
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        { ...listed.body.items[0], area: '中央', resourceType: 'housing_support', summary: '短期間の住まい。駅の近く' },
      ]),
    );
  });

  it('an area-limited coordinator cannot open another area’s person by URL', async () => {
    expect(personId).toBeDefined();
    await signInAs(east);
    await page.goto(`/participants/${personId}`);
    await h1().filter({ hasText: '本人が見つかりません' }).waitFor();
    await page.getByText('見つかりません。', { exact: false }).first().waitFor();
    expect(await page.content()).not.toContain('静かな場所で黙々と');
    await checkA11y(page);
  });

  it('資源・受入先: lists, a resource with its waiting candidates, an organisation, and an edit', async () => {
    await signInAs(central);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '資源・受入先' }).click();
    await h1().filter({ hasText: '資源・受入先' }).waitFor();
    // another spec file (workspace) may have made a resource of the same title in the shared test service
    await page.getByRole('link', { name: '農園での草取り・収穫体験' }).first().waitFor();
    await checkA11y(page);
    await screenshot(page, 'catalogue');

    await page.getByRole('link', { name: '図書館での本の整理ボランティア' }).click();
    await h1().filter({ hasText: '図書館での本の整理ボランティア' }).waitFor();
    await page.getByRole('heading', { name: 'この資源に合いそうな、紹介を待っている本人' }).waitFor();
    await page.getByRole('button', { name: '資源の情報を編集する' }).click();
    await page.getByLabel('頻度').fill('毎週');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('保存しました。').waitFor();
    await page.getByText('毎週', { exact: false }).first().waitFor();
    await checkA11y(page);

    await page.getByRole('link', { name: 'NPO法人みどりの木', exact: true }).click();
    await h1().filter({ hasText: 'NPO法人みどりの木' }).waitFor();
    await page.getByRole('heading', { name: 'この受入先の資源' }).waitFor();
    await checkA11y(page);
    await page.goto('/catalogue?view=organizations');
    await page.getByRole('link', { name: 'NPO法人みどりの木', exact: true }).waitFor();
    await checkA11y(page);
    expect(catalogue.resourceIds).toHaveLength(3);
  });
});
