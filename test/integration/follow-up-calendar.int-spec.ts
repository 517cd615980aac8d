import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import * as ical from 'node-ical';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../src/calendar/business-calendar';
import { Clock } from '../../src/common/clock';
import { addDays, tokyoDate } from '../../src/common/tokyo-time';
import { MorningDigestService } from '../../src/follow-up/morning-digest.service';
import { jobIds, QueueName } from '../../src/jobs/job.constants';
import { JobRepository } from '../../src/jobs/job.repository';
import { createOrganization, createResource } from '../support/factories';
import { createParticipant, createUser, giveConsent, propose, signIn, transition, type SessionHeaders } from '../support/people';
import { createTestApp, pinToBusinessDay, type TestApp } from '../support/test-app';

interface Mail {
  to: string;
  raw: string;
}

/** A local SMTP server: every message it receives, with its raw text (headers and body). */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        for (const to of session.envelope.rcptTo) mails.push({ to: to.address, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, mails };
}

/** nodemailer encodes Japanese bodies (quoted-printable or base64); tests read the decoded text. */
function body(raw: string): string {
  const [headers, ...rest] = raw.split(/\r?\n\r?\n/);
  const text = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return text;
}

/** RFC 2047 encoded words (nodemailer's Japanese subject), adjacent ones joined before decoding. */
function decodeHeader(value: string): string {
  return value.replace(/(?:=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes = [...run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].map(([, enc, data]) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : Buffer.from(
            data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}

/** The whole message decoded: its subject and every text part (plain, HTML, nested multiparts), with each part's type. */
function decodeMail(raw: string): { subject: string; parts: Array<{ type: string; text: string }> } {
  const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const subject = decodeHeader(/^Subject: (.*)$/im.exec(headers)?.[1] ?? '');
  const parts = (part: string): Array<{ type: string; text: string }> => {
    const head = part.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const type = (/^Content-Type: ([^;\s]+)/im.exec(head)?.[1] ?? 'text/plain').toLowerCase();
    const boundary = /boundary="?([^";\s]+)"?/i.exec(head)?.[1];
    if (!type.startsWith('multipart/') || !boundary) return [{ type, text: body(part) }];
    return part
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((p) => parts(p.replace(/^\r?\n/, '')));
  };
  return { subject, parts: parts(raw) };
}

/** Everything of a digest's participant that must never be in an e-mail (the place included: with a date it tells who goes where). */
const PERSON_TEXT = ['Aさん', 'さん', '畑の草取り', '人と話すのが苦手', '細かい作業が得意', '最初は短時間から', '通院中', '母と二人暮らし'];

describe('follow-up on the office calendar: digest, calendar feed, after closure', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let db: DataSource;
  let calendar: BusinessCalendar;
  let clock: jest.SpyInstance;
  let orgId: string;
  let coordinator: { id: string; login: string; password: string };
  let session: SessionHeaders;
  const email = `coordinator-${Math.random().toString(36).slice(2, 8)}@example.jp`;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'https://sanka.example.jp' });
    db = t.app.get(DataSource);
    calendar = t.app.get(BusinessCalendar);
    clock = pinToBusinessDay(t);
    orgId = (await createOrganization(t)).id;
    coordinator = await createUser(t, 'coordinator', { email });
    session = await signIn(t, coordinator.login, coordinator.password);
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  /** An active placement of `coordinator` for Aさん (with needs, health and household text that must never leave). */
  async function activePlacement(checkpointDays: number[], personFields: Record<string, unknown> = {}) {
    const resource = await createResource(t, orgId, { title: '畑の草取り', capacity: 5, vacancies: 5 });
    const person = await createParticipant(t, personFields);
    await giveConsent(t, person.id);
    const placement = await propose(t, person.id, resource.id);
    await db.query(`UPDATE placements SET coordinator_user_id = $2 WHERE id = $1`, [placement.id, coordinator.id]);
    const res = await transition(t, placement.id, { to: 'active', followUp: { lengthDays: 30, checkpointDays } }).expect(200);
    return res.body as {
      id: string;
      followUp: { checkpoints: Array<{ id: string; dueOn: string; nominalDueOn: string; dayOffset: number }> };
    };
  }
  const at = (date: string, time: string) => clock.mockImplementation(() => new Date(`${date}T${time}:00+09:00`));
  // The coordinator's invitation went to the same address: only digests count.
  const mailsTo = () => smtp.mails.filter((m) => m.to === email && body(m.raw).includes('フォローの予定'));
  const digest = () => t.app.get(MorningDigestService);

  it('sends one digest per coordinator and business day, without any personal data, never on closed days', async () => {
    const placement = await activePlacement([0, 14], { displayName: '南野 ひかり', realName: '南野光' });
    const [day0] = placement.followUp.checkpoints;
    expect(calendar.isBusinessDay(day0.dueOn)).toBe(true);

    const saturday = [1, 2, 3, 4, 5, 6, 7].map((n) => addDays(day0.dueOn, n)).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6)!;
    at(saturday, '08:30');
    await digest().run();
    at('2027-01-11', '08:30'); // 成人の日
    await digest().run();
    expect(mailsTo()).toHaveLength(0);

    at(day0.dueOn, '08:30');
    await digest().run();
    await digest().run();
    expect(mailsTo()).toHaveLength(1);
    // E-mail passes through outside mail services: counts, what is due and by when, the placement's reference and a link.
    const mail = decodeMail(mailsTo()[0].raw);
    const ref = `No.${placement.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
    expect(mail.subject).toMatch(/^【参加支援】今日のフォロー \d+ 件（\d{4}-\d{2}-\d{2}）$/);
    expect(mail.parts.map((p) => p.type)).toEqual(['text/plain']);
    const [{ text }] = mail.parts;
    expect(text).toMatch(/■ (今日までの確認日|記録のない期限超過の確認日)（\d+ 件）/);
    expect(text).toContain(`・${ref} 定着フォロー確認 0日目（期限 ${day0.dueOn}`);
    expect(text).toContain(`https://sanka.example.jp/placements/${placement.id}`);
    // Nothing of the person in the subject or in any part (plain text or HTML, were one added): no name, no place, no needs.
    for (const secret of ['南野', 'ひかり', '南野光', ...PERSON_TEXT]) {
      expect(mail.subject).not.toContain(secret);
      for (const part of mail.parts) expect(part.text).not.toContain(secret);
    }
    // The same holds for the builder itself, whatever the items it is given carry.
    const items = await digest().itemsFor(coordinator.id);
    expect(items.map((i) => i.displayName)).toContain('南野 ひかり');
    const composed = digest().compose(day0.dueOn, items);
    for (const secret of ['南野', 'ひかり', ...PERSON_TEXT]) expect(JSON.stringify(composed)).not.toContain(secret);

    // The repeatable job: 08:30 Tokyo every day (the task itself skips closed days).
    await t.app.get(JobRepository).scheduleMorningDigest();
    const scheduler = await t.app.get<Queue>(getQueueToken(QueueName.Maintenance)).getJobScheduler(jobIds.morningDigestScheduler());
    expect(scheduler).toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Tokyo' });
  });

  it('sends a digest missed during downtime once, when the service is back', async () => {
    const next = calendar.nearest(addDays(tokyoDate(new Date(Date.now() + 86_400_000)), 1), 1);
    at(next, '07:00');
    expect(await digest().catchUp()).toBe(0); // before 08:30: the scheduled job will send it
    at(next, '10:15'); // down at 08:30, back at 10:15
    const before = mailsTo().length;
    expect(await digest().catchUp()).toBeGreaterThanOrEqual(1);
    expect(await digest().catchUp()).toBe(0);
    await digest().run();
    expect(mailsTo().length - before).toBe(1);
    const mail = decodeMail(mailsTo().at(-1)!.raw);
    expect(mail.parts[0].text).toMatch(/・No\.[0-9A-F]{8} /);
    for (const secret of ['南野', 'ひかり', ...PERSON_TEXT]) expect(JSON.stringify(mail)).not.toContain(secret);
  });

  it('serves a personal iCalendar feed without any personal data, with stable UIDs, and refuses revoked secrets', async () => {
    clock = pinToBusinessDay(t);
    const placement = await activePlacement([7, 14], { displayName: '北川 みどり', realName: '北川緑' });
    // Visit and trial dates are in the feed too.
    await db.query(`UPDATE placements SET visit_date = $2, trial_date = $3 WHERE id = $1`, [
      placement.id,
      placement.followUp.checkpoints[0].dueOn,
      placement.followUp.checkpoints[1].dueOn,
    ]);
    const created = await t.http().post('/api/v1/me/calendar-feed').set(session).expect(201);
    const path = new URL(created.body.url).pathname;
    const read = async (expected = 200) => {
      const res = await t.http().get(path).buffer(true).expect(expected);
      if (expected !== 200) return null;
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      return Object.values(ical.sync.parseICS(res.text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    };
    const events = (await read())!;
    const ours = placement.followUp.checkpoints.map((c) => events.find((e) => e.uid === `checkpoint-${c.id}@sanka-shien`)!);
    // The feed leaves the municipality (Google, Outlook…): what is due and the placement's reference only.
    const ref = `No.${placement.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
    expect(ours.map((e) => e.summary)).toEqual([`定着フォロー確認 7日目（${ref}）`, `定着フォロー確認 14日目（最終）（${ref}）`]);
    expect(ours.map((e) => e.datetype)).toEqual(['date', 'date']);
    const dated = events.filter((e) => e.uid === `visit-${placement.id}@sanka-shien` || e.uid === `trial-${placement.id}@sanka-shien`);
    expect(dated.map((e) => e.summary).sort()).toEqual([`体験（${ref}）`, `見学（${ref}）`]);
    const raw = (await t.http().get(path).buffer(true)).text;
    // Nothing of the person anywhere in the feed (titles, descriptions, any property), nor the place.
    const unfolded = raw.replace(/\r?\n[ \t]/g, '');
    for (const secret of ['北川', 'みどり', '北川緑', 'Aさん', 'さん', '畑の草取り', '人と話すのが苦手', '通院中', '母と二人暮らし'])
      expect(unfolded).not.toContain(secret);
    expect((await read())!.map((e) => e.uid)).toEqual(events.map((e) => e.uid));

    // A plan made before business days (its day 14 stored on a Sunday) moves when the offered recomputation is applied.
    const sunday = '2027-03-07';
    const [, last] = placement.followUp.checkpoints;
    await db.query(`UPDATE follow_up_plans SET starts_on = $2 WHERE placement_id = $1`, [placement.id, addDays(sunday, -14)]);
    await db.query(`UPDATE follow_up_checkpoints SET due_on = $2, nominal_on = $2, status = 'scheduled' WHERE id = $1`, [last.id, sunday]);
    const dry = await t.http().post('/api/v1/follow-up/due-dates/recompute').set(t.admin).send({}).expect(200);
    expect(dry.body.moved).toContainEqual({
      placementId: placement.id,
      checkpointId: last.id,
      nominalDueOn: sunday,
      from: sunday,
      to: '2027-03-05',
    });
    expect((await db.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS d FROM follow_up_checkpoints WHERE id = $1`, [last.id]))[0].d).toBe(
      sunday,
    );
    await t.http().post('/api/v1/follow-up/due-dates/recompute').set(t.admin).send({ apply: true }).expect(200);
    const moved = (await read())!.find((e) => e.uid === `checkpoint-${last.id}@sanka-shien`)!;
    // node-ical gives an all-day date as local midnight.
    const start = moved.start as Date;
    expect([start.getFullYear(), start.getMonth() + 1, start.getDate()]).toEqual([2027, 3, 5]);
    const detail = await t.http().get(`/api/v1/placements/${placement.id}`).set(t.admin).expect(200);
    expect(detail.body.followUp.checkpoints[1]).toMatchObject({ dueOn: '2027-03-05', nominalDueOn: sunday });

    // A new secret replaces the old one; revoking stops the new one too.
    const again = await t.http().post('/api/v1/me/calendar-feed').set(session).expect(201);
    await read(404);
    const newPath = new URL(again.body.url).pathname;
    await t.http().get(newPath).expect(200);
    await t.http().delete('/api/v1/me/calendar-feed').set(session).expect(204);
    await t.http().get(newPath).expect(404);
  });

  it('schedules 「その後の様子確認」 after closing as 定着, lists it, records it like a check-in and counts it apart', async () => {
    clock.mockRestore();
    clock = pinToBusinessDay(t);
    const today = t.app.get(Clock).today();
    const placement = await activePlacement([14]);
    await transition(t, placement.id, { to: 'closed', outcome: 'withdrew', afterClosureContactDays: 180 }).expect(400);
    const closed = await transition(t, placement.id, { to: 'closed', outcome: 'settled', afterClosureContactDays: 180 }).expect(200);
    const [contact] = closed.body.followUp.afterClosureContacts;
    expect(contact).toMatchObject({
      label: 'その後の様子確認',
      nominalDueOn: addDays(today, 180),
      status: 'scheduled',
      daysAfterClosure: 180,
    });
    expect(calendar.isBusinessDay(contact.dueOn)).toBe(true);
    const list = await t.http().get('/api/v1/placements').query({ state: 'closed' }).set(t.admin).expect(200);
    expect(list.body.items.find((p: { id: string }) => p.id === placement.id).afterClosureContact).toMatchObject({ id: contact.id });

    // 180 days later it is on today's list (ホーム) and in the digest, never as overdue follow-up.
    await db.query(`UPDATE follow_up_checkpoints SET due_on = $2, overdue_at = now() - interval '1 day' WHERE id = $1`, [
      contact.id,
      today,
    ]);
    const due = await t.http().get('/api/v1/follow-up/today').set(session).expect(200);
    const item = due.body.items.find((i: { checkpointId: string }) => i.checkpointId === contact.id);
    expect(item).toMatchObject({ kind: 'after_closure', label: 'その後の様子確認', displayName: 'Aさん', resourceTitle: '畑の草取り' });

    const month = today.slice(0, 7);
    const figures = async () =>
      Object.fromEntries(
        (await t.http().get(`/api/v1/reports/monthly/${month}`).query({ live: true }).set(t.admin).expect(200)).body.figures.map(
          (f: { key: string; value: number }) => [f.key, f.value],
        ),
      );
    const before = await figures();
    const recorded = await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({ date: today, attendance: 'attended', wellbeing: 4, note: '元気に通っている' })
      .expect(201);
    expect(recorded.body.checkins.at(-1)).toMatchObject({ checkpointId: contact.id });
    const after = await figures();
    expect(after['followup.afterClosureContacts'] - before['followup.afterClosureContacts']).toBe(1);
    expect(after['followup.checkins']).toBe(before['followup.checkins']);
    expect(after['followup.overdueAtEnd']).toBe(before['followup.overdueAtEnd']);
    // Once recorded, a second one is refused: the placement is closed and nothing is open.
    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({ date: today, attendance: 'attended', wellbeing: 4 })
      .expect(409);
  });
});
