/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { checkA11y, launchBrowser, signIn, type BrowserSession } from './support/browser';
import {
  PHONE,
  apiCall,
  checkin,
  createOpening,
  createOrganization,
  createPerson,
  createUser,
  getPlacement,
  phoneScreenshot,
  propose,
  transition,
  watchApi,
} from './support/api-seed';

/*
 * The host portal on a phone (390×844): host staff of organisation A keep vacancies current, pause and
 * resume, see a referred person only within consent, confirm a visit date and record feedback at a
 * checkpoint; the coordinator gets that feedback with the check-in. Host A cannot open B's records.
 */
/** A Tokyo calendar date `n` days from today, and how the screens write it (2026年11月20日（金）). */
function tokyoDay(n: number): { iso: string; ja: string } {
  const d = new Date(Date.now() + 9 * 3600_000 + n * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  return { iso, ja: `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${'日月火水木金土'[d.getUTCDay()]}）` };
}

describe('host portal on a phone', () => {
  let browser: BrowserSession;
  let page: Page;
  let orgA: { id: string };
  let orgB: { id: string };
  let openingA: { id: string; title: string };
  let openingB: { id: string; title: string };
  let placementA: { id: string };
  let placementB: { id: string };
  let host: { login: string; password: string };
  // Every field of the person holds recognisable text; only the first two are in the consent scope.
  const shown = { displayName: 'みどりさん（仮名）', strengths: '細かい手作業が得意で、植物の世話が好き' };
  const withheld = {
    ageBand: '40代',
    considerationsForHost: '大きな声が苦手なので静かに声をかけてほしい',
    needs: '人と話すのが苦手。静かな場所で黙々とできる作業を週1回から',
    healthNote: '通院中で服薬の調整をしている',
    disabilityNote: '精神障害者保健福祉手帳2級',
    criminalRecordNote: '過去に補導歴がある',
    householdNote: '母と二人暮らしで介護をしている',
    realName: '山本 花子',
  };

  beforeAll(async () => {
    orgA = await createOrganization('NPO法人みどりの木');
    orgB = await createOrganization('ひだまり農園');
    openingA = await createOpening(orgA.id, { title: 'みどりカフェの片付け', capacity: 3, vacancies: 1 });
    openingB = await createOpening(orgB.id, { title: 'ひだまり農園の草取り' });
    const person = await createPerson({ ...shown, ...withheld }, ['displayName', 'strengths']);
    const other = await createPerson({ displayName: 'そらさん', needs: '外で体を動かしたい' }, ['displayName']);
    placementA = await propose(person.id, openingA.id);
    placementB = await propose(other.id, openingB.id);
    host = await createUser('host', '佐藤 受入担当', { organizationId: orgA.id });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in and lands on 自団体の受入枠 with the host menu only', async () => {
    await page.goto('/login');
    await signIn(page, host.login, host.password);
    await page.getByRole('heading', { level: 1, name: '自団体の受入枠' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['自団体の受入枠', '紹介された方', '団体情報']);
    // Only this organisation's openings.
    await page.getByRole('heading', { name: openingA.title }).waitFor();
    await expect(page.getByText(openingB.title).count()).resolves.toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.evaluate(() => document.fonts.ready);
    await checkA11y(page);
    await phoneScreenshot(page, 'host-openings');
  });

  it('changes vacancies with the big buttons, atomically through the API', async () => {
    const card = page.getByRole('article', { name: openingA.title });
    await card.getByRole('button', { name: `空きを1名増やす（${openingA.title}）` }).click();
    await card.getByText('空きを 2 名にしました。').waitFor();
    await card.getByRole('button', { name: `空きを1名増やす（${openingA.title}）` }).click();
    await card.getByText('空きを 3 名にしました。').waitFor();
    // At capacity the + button is off; − brings it down again.
    await expect(card.getByRole('button', { name: `空きを1名増やす（${openingA.title}）` }).isDisabled()).resolves.toBe(true);
    await card.getByRole('button', { name: `空きを1名減らす（${openingA.title}）` }).click();
    await card.getByText('空きを 2 名にしました。').waitFor();
    const saved = await apiCall<{ vacancies: number }>('GET', `/api/v1/resources/${openingA.id}`);
    expect(saved.body.vacancies).toBe(2);
  });

  it('pauses and resumes an opening', async () => {
    const card = page.getByRole('article', { name: openingA.title });
    await card.getByRole('button', { name: '受付を休止する' }).click();
    await card.getByText('受付を休止しました。').waitFor();
    await card.getByText('休止', { exact: true }).waitFor();
    expect((await apiCall<{ status: string }>('GET', `/api/v1/resources/${openingA.id}`)).body.status).toBe('paused');
    await card.getByRole('button', { name: '受付を再開する' }).click();
    await card.getByText('受付を再開しました。').waitFor();
    await card.getByText('受付中', { exact: true }).waitFor();
    expect((await apiCall<{ status: string }>('GET', `/api/v1/resources/${openingA.id}`)).body.status).toBe('open');
  });

  it('edits an opening: schedule rows, frequency and accommodations as checkboxes', async () => {
    await page
      .getByRole('article', { name: openingA.title })
      .getByRole('link', { name: /内容を編集する/ })
      .click();
    await page.getByRole('heading', { level: 1, name: `受入枠の編集：${openingA.title}` }).waitFor();
    await page.getByRole('button', { name: '活動日を追加する' }).click();
    await page.getByLabel('曜日（2）').selectOption('fri');
    await page.getByLabel('開始（2）').fill('13:00');
    await page.getByLabel('終了（2）').fill('15:00');
    await page.getByLabel('頻度').fill('月2回（第1・第3水曜と金曜）');
    await page.getByLabel('少人数').check();
    await checkA11y(page);
    await phoneScreenshot(page, 'host-opening-edit');
    await page.getByRole('button', { name: '変更を保存する' }).click();
    await page.getByRole('heading', { level: 1, name: '自団体の受入枠' }).waitFor();
    const saved = await apiCall<{ schedule: unknown[]; frequencyNote: string; accommodations: string[] }>(
      'GET',
      `/api/v1/resources/${openingA.id}`,
    );
    expect(saved.body.schedule).toEqual([
      { day: 'wed', start: '10:00', end: '12:00' },
      { day: 'fri', start: '13:00', end: '15:00' },
    ]);
    expect(saved.body.frequencyNote).toBe('月2回（第1・第3水曜と金曜）');
    expect(saved.body.accommodations).toEqual(expect.arrayContaining(['visit_ok', 'quiet', 'small_group']));
  });

  it('creates a new opening with the guided form; errors appear beside the fields', async () => {
    await page.getByRole('link', { name: '受入枠を新しく登録する' }).click();
    await page.getByRole('heading', { level: 1, name: '受入枠の新規登録' }).waitFor();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('名前を入力してください。').waitFor();
    expect(await page.getByLabel('名前').getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page);
    await page.getByLabel('種類').selectOption('volunteer');
    await page.getByLabel('名前').fill('夏祭りの受付ボランティア');
    await page.getByLabel('活動の説明').fill('商店街の夏祭りで、受付と案内を手伝います。2 人一組で行います。');
    await page.getByLabel('地区').fill('中央');
    await page.getByLabel('定員（名）').fill('4');
    await page.getByLabel('いまの空き（名）').fill('4');
    await page.getByLabel('見学できる').check();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { level: 1, name: '自団体の受入枠' }).waitFor();
    await page.getByRole('heading', { name: '夏祭りの受付ボランティア' }).waitFor();
  });

  it('shows a referred person with only the consented fields and a note of what is withheld', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '紹介された方' }).click();
    await page.getByRole('heading', { level: 1, name: '紹介された方' }).waitFor();
    await expect(page.getByText('そらさん').count()).resolves.toBe(0); // B's referral
    await page.getByRole('link', { name: shown.displayName }).click();
    await page.getByRole('heading', { level: 1, name: `紹介された方：${shown.displayName}` }).waitFor();
    await page.getByText(shown.strengths).waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    for (const value of Object.values(withheld)) expect(text).not.toContain(value);
    await page
      .getByTestId('withheld-note')
      .getByText(/年代、受入先に伝えたい配慮、健康状態、障害、犯罪歴等、世帯の状況/)
      .waitFor();
    await checkA11y(page);
    await phoneScreenshot(page, 'host-referral');
  });

  // The visit was ten days ago and the person started nine days ago (recorded late), so 14日目 is inside its window.
  const visit = tokyoDay(-10);

  it('confirms a visit date', async () => {
    await page.getByLabel('見学の日付').fill(visit.iso);
    await page.getByRole('button', { name: '日付を保存する' }).click();
    await page.getByText('日付を保存しました。').waitFor();
    await page.getByText(`見学：${visit.ja}`).waitFor();
    expect((await getPlacement<{ visitDate: string }>(placementA.id)).visitDate).toBe(visit.iso);
  });

  it('records feedback at a checkpoint; the coordinator gets it with the check-in', async () => {
    await transition(placementA.id, { to: 'visit', date: visit.iso });
    await transition(placementA.id, { to: 'active', date: tokyoDay(-9).iso });
    await page.reload();
    const first = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /14 日目の確認/ }) });
    await first.waitFor();
    await first.getByLabel('出席').selectOption('遅刻・早退があった');
    await first.getByLabel('様子').fill('食器洗いを黙々と丁寧にしていた');
    await first.getByLabel('気になること').fill('帰りに少し疲れた様子');
    await first.getByRole('button', { name: 'この確認日の様子を記録する' }).click();
    await first.getByText('記録しました。').waitFor();
    await first.getByText(/様子：食器洗いを黙々と丁寧にしていた/).waitFor();
    // The screen's promise 「コーディネーターに伝わります」 is kept: the date and the view each left a notification
    // for the placement's coordinator, naming neither what the host wrote nor anything the person did not share.
    const notes = (
      await apiCall<Array<{ kind: string; placementId: string; message: string }>>('GET', '/api/v1/notifications')
    ).body.filter((n) => n.placementId === placementA.id);
    expect(notes.map((n) => n.kind).sort()).toEqual(['host_dates', 'host_feedback']);
    for (const text of [...Object.values(withheld), '食器洗い', '疲れた']) expect(JSON.stringify(notes)).not.toContain(text);
    // 28日目 is weeks ahead: its view cannot be recorded yet, and the page says from when.
    const later = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /28 日目の確認/ }) });
    await later.getByText(/から記録できます。/).waitFor();
    await expect(later.getByRole('button').count()).resolves.toBe(0);
    await checkA11y(page);
    await phoneScreenshot(page, 'host-feedback');

    const placement = await getPlacement<{ followUp: { checkpoints: Array<{ id: string; dayOffset: number }> } }>(placementA.id);
    const checkpoint = placement.followUp.checkpoints.find((c) => c.dayOffset === 14)!;
    await checkin(placementA.id, {
      checkpointId: checkpoint.id,
      date: tokyoDay(0).iso,
      attendance: 'attended',
      wellbeing: 4,
      concern: 'none',
    });
    const coordinatorView = await getPlacement<{ checkins: Array<{ hostFeedback: string | null }> }>(placementA.id);
    expect(coordinatorView.checkins[0].hostFeedback).toBe(
      '出席：遅刻・早退があった\n様子：食器洗いを黙々と丁寧にしていた\n気になること：帰りに少し疲れた様子',
    );
  });

  it('keeps 団体情報 editable and accessible', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '団体情報' }).click();
    await page.getByRole('heading', { level: 1, name: '団体情報' }).waitFor();
    await page.getByLabel('電話番号').fill('0000-11-2222');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('保存しました。').waitFor();
    const org = await apiCall<{ contact: { phone: string } }>('GET', `/api/v1/organizations/${orgA.id}`);
    expect(org.body.contact.phone).toBe('0000-11-2222');
    await checkA11y(page);
    await phoneScreenshot(page, 'host-organization');
  });

  it("cannot reach another organisation's opening or placement by editing the URL", async () => {
    const api = watchApi(page);
    await page.goto(`/host/openings/${openingB.id}`);
    await page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor();
    await page.goto(`/host/referrals/${placementB.id}`);
    await page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor();
    const refused = api.filter((r) => r.path === `/api/v1/resources/${openingB.id}` || r.path === `/api/v1/placements/${placementB.id}`);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const r of refused) expect([403, 404]).toContain(r.status);
    await expect(page.getByText('ひだまり農園の草取り').count()).resolves.toBe(0);
    await expect(page.getByText('そらさん').count()).resolves.toBe(0);
    // The admin screens are not theirs either.
    await page.goto('/admin/audit');
    await page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor();
    await checkA11y(page);
  });
});
