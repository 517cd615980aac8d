/// <reference lib="dom" />
import * as iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { checkA11y, launchBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { createOrganization, createUser, uniqueArea, type SeededUser } from './support/seed';

/*
 * 資源リストの取り込み at 1366×768: an admin drops the 社協's own list (Shift_JIS CSV, a title line above the header,
 * one column the service does not know), sees the preview flag it, maps the column, reads again, commits the
 * valid rows only, and finds an imported resource in the catalogue and in the search. Hosts never reach the screen.
 * The browser specs share one service: names, ids and the area are this run's own, and no total is assumed.
 */
describe('catalogue import screen', () => {
  let browser: BrowserSession;
  let page: Page;
  let admin: SeededUser;
  const run = `${process.pid}${Math.random().toString(36).slice(2, 6)}`;
  const area = uniqueArea('取込');
  const cafe = `ひだまりカフェ${run}`;
  const fileName = `社会資源リスト-${run}.csv`;

  /** The list as a 社協 keeps it: 「支所名」 is their word for the area (not a header the service knows). */
  function sjisList(): Buffer {
    const lines = [
      'みどり市社会福祉協議会 社会資源リスト（令和7年4月1日現在）',
      '',
      '管理番号,団体名,法人格,分類,活動名,活動内容,支所名,曜日,時間,定員,見学',
      `IMP-${run}-1,NPO法人ひだまり${run},NPO法人,居場所,${cafe},商店街の空き店舗で、お茶を飲みながら過ごせる居場所です。,${area},毎週火・木,10時～12時,２～３名,○`,
      `IMP-${run}-2,社会福祉法人みどり会${run},社会福祉法人,就労体験,古紙の仕分け体験${run},事業所で古紙や段ボールを種類ごとに仕分けます。,${area},第2・第4土曜,13:30-15:00,５名,可`,
      `IMP-${run}-3,自治会みどり台${run},自治会・町内会,ボランティア,花壇の手入れ${run},公園の花壇の水やりと草取りをします。,,月2回,午前,3,`,
    ];
    return iconv.encode(lines.join('\r\n') + '\r\n', 'Shift_JIS');
  }

  const h1 = () => page.getByRole('heading', { level: 1 });
  const summaryFigure = (label: string) =>
    page
      .getByTestId('import-summary')
      .locator('.figures__item')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });

  beforeAll(async () => {
    admin = await createUser('admin', '取込 花子');
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto('/login');
    await signIn(page, admin.login, admin.password);
    await h1().filter({ hasText: 'ホーム' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens from 資源・受入先, with the template and export links, accessible', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '資源・受入先' }).click();
    await page.getByRole('link', { name: '資源リストの取り込み（Excel・CSV）' }).click();
    await h1().filter({ hasText: '資源リストの取り込み' }).waitFor();
    const links = page.getByRole('region', { name: 'テンプレートと書き出し' }).getByRole('link');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      '/api/v1/catalogue/template?format=xlsx',
      '/api/v1/catalogue/template?format=csv',
      '/api/v1/catalogue/export?format=xlsx',
      '/api/v1/catalogue/export?format=csv',
    ]);
    const template = await page.request.get('/api/v1/catalogue/template?format=csv');
    expect(template.status()).toBe(200);
    expect(await template.text()).toContain('団体名');
    await checkA11y(page);
  });

  it('reads the Shift_JIS list into a preview that flags the unknown column and the rows without an area', async () => {
    await page.getByLabel(/社会資源リストのファイル/).setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: sjisList() });
    await page.getByTestId('chosen-file').filter({ hasText: fileName }).waitFor();
    await page.getByRole('button', { name: '読み込んでプレビューする' }).click();
    await page.getByRole('heading', { name: `プレビュー：${fileName}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('id')).toMatch(/^[0-9a-f-]{36}$/);
    // Without an area no new resource can be registered: every row is refused, and says why.
    expect(await summaryFigure('取り込めない').locator('dd').textContent()).toContain('3');
    await page.getByText('割り当てのない列は読み込みませんでした（支所名）').waitFor();
    await page.getByText('文字コード Shift_JIS').waitFor();
    const firstRow = page.getByRole('row').filter({ hasText: '4 行目' });
    await firstRow.getByText('地区が空欄です', { exact: false }).waitFor();
    await checkA11y(page);
  });

  it('maps 「支所名」 to 地区, reads again, and shows creates, a refusal and row messages', async () => {
    await page.getByLabel('支所名', { exact: true }).selectOption({ label: '地区' });
    await page.getByRole('button', { name: 'この割り当てで読み直す' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="import-summary"]')?.textContent?.includes('新規2'));
    expect(await summaryFigure('新規').locator('dd').textContent()).toContain('2');
    expect(await summaryFigure('取り込めない').locator('dd').textContent()).toContain('1');
    // Problem rows are shown first: the row without an area, and the range 「２～３名」 read as 3 with a warning.
    await page.getByRole('row').filter({ hasText: '6 行目' }).getByText('地区が空欄です', { exact: false }).waitFor();
    await page.getByRole('row').filter({ hasText: '4 行目' }).getByText('注意').first().waitFor();
    await page.getByLabel('表示する行').selectOption('create');
    await page.getByRole('row').filter({ hasText: '5 行目' }).getByText('新規').waitFor();
    // Each row says which activity it is, and whose (the trial's first import showed only row numbers).
    const fifth = page.getByRole('row').filter({ hasText: '5 行目' });
    await fifth.getByText(`古紙の仕分け体験${run}`, { exact: false }).waitFor();
    await fifth.getByText(`（社会福祉法人みどり会${run}）`).waitFor();
    await page.getByLabel('表示する行').selectOption('problems');
    await checkA11y(page);
    await page.getByRole('heading', { name: /^プレビュー：/ }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'catalogue-import-preview');
  });

  it('commits the valid rows only, then the imported resource is in the catalogue', async () => {
    await page.getByRole('radio', { name: '問題のない行だけ' }).check();
    await page.getByRole('button', { name: '取り込みを確定する' }).click();
    await page.getByText('取り込みました', { exact: true }).waitFor();
    await page.getByText('新規 2 行、更新 0 行を登録しました。', { exact: false }).waitFor();
    await checkA11y(page);
    await page.getByRole('link', { name: '資源・受入先の一覧を見る' }).click();
    await h1().filter({ hasText: '資源・受入先' }).waitFor();
    await page.getByLabel('キーワード').fill(cafe);
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.getByRole('link', { name: cafe, exact: true }).click();
    await h1().filter({ hasText: cafe }).waitFor();
    await page.getByText(area).first().waitFor();
  });

  it('finds the imported resource through the search once its embedding is written', async () => {
    await page.goto('/search');
    await h1().waitFor();
    await page.getByLabel('希望・ニーズ').fill('お茶を飲みながら静かに過ごせる居場所がいい');
    await page.getByText('絞り込み（必ず満たす条件）').click();
    await page.getByLabel('地区', { exact: true }).fill(area);
    // The embedding follows the commit in a background job: search again until the result is there.
    for (;;) {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/matches/search') && r.request().method() === 'POST'),
        page.getByRole('button', { name: '検索', exact: true }).click(),
      ]);
      const found = (await response.json()) as { results: Array<{ resource: { title: string } }> };
      if (found.results.some((r) => r.resource.title === cafe)) break;
      await page.waitForTimeout(1000);
    }
    await page.getByRole('article').getByRole('heading', { name: cafe }).waitFor();
  });

  it('a host sees no entry to it, and the screen is not there for them', async () => {
    const organization = await createOrganization(`受入先${run}`, area);
    const host = await createUser('host', '受入 次郎', { organizationId: organization.id });
    const hostPage = await browser.newPage();
    await hostPage.goto('/login');
    await signIn(hostPage, host.login, host.password);
    await hostPage.getByRole('heading', { level: 1 }).filter({ hasText: '自団体の受入枠' }).waitFor();
    const menu = await hostPage.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link').allTextContents();
    expect(menu.join()).not.toMatch(/取り込み|資源・受入先/);
    await hostPage.goto('/catalogue/import');
    await hostPage.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor();
    expect(await hostPage.getByLabel(/社会資源リストのファイル/).count()).toBe(0);
    const refused = await hostPage.request.get('/api/v1/catalogue/export?format=csv');
    expect(refused.status()).toBe(403);
    await checkA11y(hostPage);
  });
});
