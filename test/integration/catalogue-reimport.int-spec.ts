import { DataSource } from 'typeorm';
import { createOrganization, createResource, createToken } from '../support/factories';
import { createParticipant, giveConsent, propose, transition } from '../support/people';
import { createTestApp, uniqueArea, waitFor, type TestApp } from '../support/test-app';

interface Row {
  row: number;
  action: string;
  title: string | null;
  host: string | null;
  messages: Array<{ column: string; message: string; level: string }>;
  changes: Array<{ field: string; from: string; to: string }>;
}

/** The month (JST) the service counts today in. */
const thisMonth = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);

describe('catalogue import again over live openings, and 開拓 in the reports (new-user trial)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function upload(csv: string): Promise<{ id: string; summary: Record<string, number>; rows: Row[] }> {
    const res = await t.http().post('/api/v1/imports').set(t.admin).attach('file', Buffer.from(csv, 'utf8'), 'list.csv');
    expect(res.status).toBe(202);
    return waitFor(async () => {
      const r = await t.http().get(`/api/v1/imports/${res.body.id}`).set(t.admin).expect(200);
      return r.body.status !== 'parsing' && r.body;
    }, 'import preview');
  }

  async function commit(id: string) {
    await t.http().post(`/api/v1/imports/${id}/commit`).set(t.admin).send({ mode: 'all' }).expect(202);
    const done = await waitFor(async () => {
      const r = await t.http().get(`/api/v1/imports/${id}`).set(t.admin).expect(200);
      return ['committed', 'failed'].includes(r.body.status) && r.body;
    }, 'import commit');
    expect(done.status).toBe('committed');
  }

  const resource = async (id: string) => (await t.http().get(`/api/v1/resources/${id}`).set(t.admin).expect(200)).body;

  async function developedFigures() {
    const res = await t.http().get(`/api/v1/reports/monthly/${thisMonth()}`).query({ live: true }).set(t.admin).expect(200);
    const value = (key: string) => res.body.figures.find((f: { key: string }) => f.key === key)?.value as number;
    return { organizations: value('catalogue.newOrganizations'), resources: value('catalogue.newResources') };
  }

  it('a re-import keeps the vacancies and status the host changed, shows what changes, and never overbooks', async () => {
    const area = uniqueArea('再取込');
    const host = `社会福祉協議会テスト${area}`;
    const csv = (capacity: number, vacancies: number, status = '受付中', contact = '山田') =>
      `団体名,活動名,地区,定員,空き,状態,担当者\r\n${host},ふれあいサロン,${area},${capacity},${vacancies},${status},${contact}\r\n`;

    // 1. The 社協's list comes in: the preview names each row's activity and host.
    const first = await upload(csv(4, 4));
    expect(first.rows).toEqual([expect.objectContaining({ row: 2, action: 'create', title: 'ふれあいサロン', host, changes: [] })]);
    await commit(first.id);
    const [{ id }] = await t.app.get(DataSource).query(`SELECT r.id FROM resources r WHERE r.area = $1`, [area]);
    expect(await resource(id)).toMatchObject({ capacity: 4, vacancies: 4, status: 'open' });

    // 2. The host presses − (4 → 3); 3. a person starts there (空き 2).
    const [{ organization_id: orgId }] = await t.app.get(DataSource).query(`SELECT organization_id FROM resources WHERE id = $1`, [id]);
    const hostToken = await createToken(t, 'host', orgId);
    await t.http().post(`/api/v1/resources/${id}/vacancies`).set(hostToken).send({ delta: -1 }).expect(200);
    const person = await createParticipant(t, { displayName: '再取込テスト' });
    await giveConsent(t, person.id);
    const placement = await propose(t, person.id, id);
    await transition(t, placement.id, { to: 'active' }).expect(200);
    expect((await resource(id)).vacancies).toBe(2);

    // 4. The same file again: 変更なし, with a note that the host's number stays.
    const same = await upload(csv(4, 4));
    expect(same.summary).toMatchObject({ create: 0, update: 0, unchanged: 1, refused: 0 });
    const [row] = same.rows;
    expect(row).toMatchObject({ action: 'unchanged', title: 'ふれあいサロン', host, changes: [] });
    expect(row.messages).toEqual([
      expect.objectContaining({ level: 'warning', message: '受入先が更新した空き数（2）は変えません（一覧では 4）' }),
    ]);
    await commit(same.id);
    expect(await resource(id)).toMatchObject({ capacity: 4, vacancies: 2 });

    // An edited list: the preview says which fields change, old → new, in the template's Japanese headers.
    const edited = await upload(csv(5, 4, '受付中', '佐藤'));
    expect(edited.rows[0].action).toBe('update');
    expect(edited.rows[0].changes).toEqual([
      { field: '定員', from: '4', to: '5' },
      { field: '担当者', from: '山田', to: '佐藤' },
    ]);
    await commit(edited.id);
    expect(await resource(id)).toMatchObject({ capacity: 5, vacancies: 2 });

    // The host pauses the opening; the list still says 受付中: the pause stays.
    await t.http().patch(`/api/v1/resources/${id}`).set(hostToken).send({ status: 'paused' }).expect(200);
    const paused = await upload(csv(5, 4, '受付中', '佐藤'));
    expect(paused.rows[0]).toMatchObject({ action: 'unchanged', changes: [] });
    expect(paused.rows[0].messages.map((m) => m.message)).toContain('受入先が更新した状態（休止）は変えません（一覧では 受付中）');
    await commit(paused.id);
    expect(await resource(id)).toMatchObject({ status: 'paused', vacancies: 2 });

    // The same stale list once more: still nothing undone (the list says what it said last time).
    const stale = await upload(csv(5, 4, '受付中', '佐藤'));
    expect(stale.rows[0]).toMatchObject({ action: 'unchanged', changes: [] });

    // The coordinator changes 空き in the list (4 → 1) and the host has not touched it since: the list's new number applies.
    // The host reopens meanwhile; the list still says 受付中 as before, so nothing to say about the status.
    await t.http().patch(`/api/v1/resources/${id}`).set(hostToken).send({ status: 'open' }).expect(200);
    const changed = await upload(csv(5, 1, '受付中', '佐藤'));
    expect(changed.rows[0]).toMatchObject({ action: 'update', changes: [{ field: '空き', from: '2', to: '1' }], messages: [] });
    await commit(changed.id);
    expect(await resource(id)).toMatchObject({ status: 'open', vacancies: 1 });

    // Both changed it (the list to 3, the host − to 0): the host's current number stays, with a note.
    await t.http().post(`/api/v1/resources/${id}/vacancies`).set(hostToken).send({ delta: -1 }).expect(200);
    const both = await upload(csv(5, 3, '受付中', '佐藤'));
    expect(both.rows[0]).toMatchObject({ action: 'unchanged', changes: [] });
    expect(both.rows[0].messages.map((m) => m.message)).toEqual(['受入先が更新した空き数（0）は変えません（一覧では 3）']);
    await commit(both.id);
    expect((await resource(id)).vacancies).toBe(0);
  });

  it('a list never sets vacancies above what the people taking part leave (an opening never imported before)', async () => {
    const area = uniqueArea('上限');
    const org = await createOrganization(t, { name: `上限テスト受入先${area}`, area });
    const opening = await createResource(t, org.id, { title: '古本の仕分け', area, capacity: 3, vacancies: 3 });
    for (let i = 0; i < 2; i++) {
      const person = await createParticipant(t, { displayName: `上限テスト${i}` });
      await giveConsent(t, person.id);
      const placement = await propose(t, person.id, opening.id);
      await transition(t, placement.id, { to: 'active' }).expect(200);
    }
    expect((await resource(opening.id)).vacancies).toBe(1);
    const preview = await upload(`団体名,活動名,地区,定員,空き\r\n上限テスト受入先${area},古本の仕分け,${area},3,3\r\n`);
    expect(preview.rows[0]).toMatchObject({ action: 'unchanged', changes: [] });
    expect(preview.rows[0].messages.map((m) => m.message)).toEqual(['参加・受入中の人が 2 名いるため、空きは 1 名にします（定員 3 名）']);
    const wider = await upload(`団体名,活動名,地区,定員,空き\r\n上限テスト受入先${area},古本の仕分け,${area},4,4\r\n`);
    expect(wider.rows[0].changes).toEqual([
      { field: '定員', from: '3', to: '4' },
      { field: '空き', from: '1', to: '2' },
    ]);
    await commit(wider.id);
    expect(await resource(opening.id)).toMatchObject({ capacity: 4, vacancies: 2 });
  });

  it('loading the existing list is not 開拓; a host registered on the screen is; a coordinator can mark an imported host', async () => {
    const area = uniqueArea('開拓');
    const before = await developedFigures();
    const preview = await upload(
      `団体名,活動名,地区,定員\r\nNPO法人既存A${area},畑,${area},3\r\nNPO法人既存A${area},配食,${area},2\r\n社会福祉法人既存B${area},喫茶,${area},2\r\n`,
    );
    expect(preview.summary).toMatchObject({ create: 3 });
    await commit(preview.id);
    expect(await developedFigures()).toEqual(before);
    const db = t.app.get(DataSource);
    const imported = await db.query(`SELECT origin, developed FROM organizations WHERE area = $1`, [area]);
    expect(imported).toEqual([
      { origin: 'import', developed: false },
      { origin: 'import', developed: false },
    ]);

    const org = await createOrganization(t, { name: `新しく開拓した受入先${area}`, area });
    await createResource(t, org.id, { title: '新しい居場所', area });
    expect(await developedFigures()).toEqual({ organizations: before.organizations + 1, resources: before.resources + 1 });

    // 「本当は開拓した受入先だった」: the coordinator marks it; its two imported resources follow. A host cannot.
    const [{ id: a }] = await db.query(`SELECT id FROM organizations WHERE name = $1`, [`NPO法人既存A${area}`]);
    await t
      .http()
      .patch(`/api/v1/organizations/${a}`)
      .set(await createToken(t, 'host', a))
      .send({ developed: true })
      .expect(403);
    const marked = await t.http().patch(`/api/v1/organizations/${a}`).set(t.admin).send({ developed: true }).expect(200);
    expect(marked.body).toMatchObject({ origin: 'import', developed: true });
    expect(await developedFigures()).toEqual({ organizations: before.organizations + 2, resources: before.resources + 3 });
  });
});
