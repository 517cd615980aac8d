import { DataSource } from 'typeorm';
import { createOrganization, createResource, createToken } from '../support/factories';
import { createParticipant, giveConsent, propose, transition } from '../support/people';
import { createTestApp, pinToBusinessDay, uniqueArea, waitFor, type TestApp } from '../support/test-app';

describe('participants, consent and the placement lifecycle', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    pinToBusinessDay(t);
    orgId = (await createOrganization(t, { name: '受入先ひだまり' })).id;
  });
  afterAll(async () => t.close());

  it('takes one person from a search result to a settled closure', async () => {
    const area = uniqueArea();
    const resource = await createResource(t, orgId, {
      area,
      title: '静かな作業所での軽作業',
      description: '一人で黙々と部品を袋詰めする作業です。',
      demands: { talking: 'low', physical: 'low', literacy: 'low' },
      schedule: [{ day: 'thu', start: '10:00', end: '12:00' }],
    });
    const person = await createParticipant(t, { area });
    await waitFor(
      async () => (await t.http().get(`/api/v1/participants/${person.id}`).set(t.admin)).body.embedding.status === 'ready',
      'participant embedded',
    );
    await waitFor(
      async () => (await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin)).body.embedding.status === 'ready',
      'resource embedded',
    );

    const found = await t
      .http()
      .post('/api/v1/matches/search')
      .set(t.admin)
      .send({ participantId: person.id, filters: { areas: [area] } })
      .expect(200);
    expect(found.body.results[0].resource.id).toBe(resource.id);
    // The stored needs say 人と話すのが苦手 and the stored constraints avoid talking: the reason cites the words.
    expect(found.body.results[0].reasons).toEqual(
      expect.arrayContaining(['希望の曜日（木）に活動あり', '『人と話すのが苦手』→ 人と話すことが少ない']),
    );

    await t.http().post('/api/v1/placements').set(t.admin).send({ participantId: person.id, resourceId: resource.id }).expect(409);
    await giveConsent(t, person.id);
    const placement = await propose(t, person.id, resource.id);
    expect(placement.state).toBe('proposed');
    await transition(t, placement.id, { to: 'visit', date: '2026-11-24' }).expect(200);
    await transition(t, placement.id, { to: 'trial', date: '2026-11-26' }).expect(200);
    const active = await transition(t, placement.id, { to: 'active', followUp: { lengthDays: 30, checkpointDays: [0, 14, 30] } }).expect(
      200,
    );
    expect(active.body.followUp.checkpoints.map((c: { status: string }) => c.status)).toEqual(
      ['scheduled', 'scheduled', 'scheduled'].map((s, i) => (i === 0 ? expect.stringMatching(/scheduled|due/) : s)),
    );
    expect(active.body.followUp.endsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const first = active.body.followUp.checkpoints[0];
    await waitFor(
      async () => (await t.http().get(`/api/v1/placements/${placement.id}`).set(t.admin)).body.followUp.checkpoints[0].status === 'due',
      'day-0 checkpoint due',
    );
    const notes = await t.http().get('/api/v1/notifications').set(t.admin).expect(200);
    expect(
      notes.body.filter((n: { checkpointId: string; kind: string }) => n.checkpointId === first.id && n.kind === 'checkpoint_due'),
    ).toHaveLength(1);

    await t
      .http()
      .post(`/api/v1/placements/${placement.id}/checkins`)
      .set(t.admin)
      .send({
        date: '2026-11-27',
        attendance: 'attended',
        wellbeing: 4,
        hostFeedback: '丁寧に作業していました',
        note: '本人も楽しそう',
        concern: 'none',
      })
      .expect(201);
    const after = await t.http().get(`/api/v1/placements/${placement.id}`).set(t.admin).expect(200);
    expect(after.body.followUp.checkpoints[0].status).toBe('done');
    expect(after.body.checkins).toHaveLength(1);
    expect((await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin)).body.vacancies).toBe(1);

    const closed = await transition(t, placement.id, { to: 'closed', outcome: 'settled', note: '定着' }).expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', outcome: 'settled' });
    expect(closed.body.followUp.checkpoints.slice(1).every((c: { status: string }) => c.status === 'cancelled')).toBe(true);
    expect(closed.body.events.map((e: { toState: string }) => e.toState)).toEqual(['proposed', 'visit', 'trial', 'active', 'closed']);
    expect((await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin)).body.vacancies).toBe(2);
  });

  it('refuses every illegal transition with a 409 naming the allowed ones', async () => {
    const resource = await createResource(t, orgId, { capacity: 10, vacancies: 10 });
    const person = await createParticipant(t);
    await giveConsent(t, person.id);
    const illegal: Array<[string[], string]> = [
      [['visit'], 'visit'],
      [['trial'], 'visit'],
      [['trial'], 'trial'],
      [['active'], 'visit'],
      [['active'], 'trial'],
      [['active'], 'active'],
      [['closed'], 'visit'],
      [['closed'], 'active'],
      [['closed'], 'closed'],
    ];
    for (const [path, to] of illegal) {
      const p = await propose(t, person.id, resource.id);
      for (const step of path)
        await transition(t, p.id, step === 'closed' ? { to: 'closed', outcome: 'withdrew' } : { to: step }).expect(200);
      const res = await transition(t, p.id, to === 'closed' ? { to, outcome: 'other' } : { to }).expect(409);
      expect(res.body.code).toBe('INVALID_TRANSITION');
      expect(res.body.allowed).toBeDefined();
      if (res.body.allowed.length) expect(res.body.message).toContain(res.body.allowed.join(', '));
    }
    const p = await propose(t, person.id, resource.id);
    const noOutcome = await transition(t, p.id, { to: 'closed' }).expect(400);
    expect(noOutcome.body.errors[0].field).toBe('outcome');
    await transition(t, p.id, { to: 'proposed' }).expect(400);
  });

  it('never oversubscribes: 20 concurrent activations of a resource with 3 vacancies', async () => {
    const resource = await createResource(t, orgId, { capacity: 3, vacancies: 3 });
    const placements = [];
    for (let i = 0; i < 20; i++) {
      const person = await createParticipant(t, { displayName: `P${i}` });
      await giveConsent(t, person.id);
      placements.push(await propose(t, person.id, resource.id));
    }
    const results = await Promise.all(placements.map((p) => transition(t, p.id, { to: 'active' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'NO_VACANCY')).toBe(true);
    expect((await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin)).body.vacancies).toBe(0);
    const rows = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM placements WHERE resource_id = $1 AND state = 'active'`, [resource.id]);
    expect(rows[0].n).toBe(3);
    const activeOne = placements[results.findIndex((r) => r.status === 200)];
    await transition(t, activeOne.id, { to: 'closed', outcome: 'withdrew' }).expect(200);
    expect((await t.http().get(`/api/v1/resources/${resource.id}`).set(t.admin)).body.vacancies).toBe(1);
  });

  it('refuses to delete a resource with placements', async () => {
    const resource = await createResource(t, orgId);
    const person = await createParticipant(t);
    await giveConsent(t, person.id);
    await propose(t, person.id, resource.id);
    const res = await t.http().delete(`/api/v1/resources/${resource.id}`).set(t.admin).expect(409);
    expect(res.body.code).toBe('RESOURCE_HAS_PLACEMENTS');
    expect(res.body.message).toContain('closed');
  });

  describe('what a host sees', () => {
    it('only consented fields, and nothing once consent is withdrawn', async () => {
      const host = await createToken(t, 'host', orgId);
      const resource = await createResource(t, orgId);
      const person = await createParticipant(t, { displayName: 'Bさん' });
      await giveConsent(t, person.id, ['displayName', 'strengths']);
      const placement = await propose(t, person.id, resource.id);

      const seen = await t.http().get(`/api/v1/placements/${placement.id}`).set(host).expect(200);
      expect(seen.body.participant).toEqual({ displayName: 'Bさん', strengths: '細かい作業が得意' });
      const text = JSON.stringify(seen.body);
      for (const secret of ['通院中', '母と二人暮らし', '人と話すのが苦手', '最初は短時間から', '30代']) expect(text).not.toContain(secret);
      expect(seen.body.events).toBeUndefined();
      expect(seen.body.note).toBeUndefined();

      const listed = await t.http().get('/api/v1/placements').query({ resourceId: resource.id }).set(host).expect(200);
      expect(listed.body.items[0].participant).toEqual({ displayName: 'Bさん', strengths: '細かい作業が得意' });
      await t.http().get(`/api/v1/participants/${person.id}`).set(host).expect(403);

      await t
        .http()
        .put(`/api/v1/participants/${person.id}/consent`)
        .set(t.admin)
        .send({ status: 'withdrawn', method: '電話で本人から', scope: [] })
        .expect(200);
      const hidden = await t.http().get(`/api/v1/placements/${placement.id}`).set(host).expect(200);
      expect(hidden.body.participant).toBeNull();
      expect(JSON.stringify(hidden.body)).not.toContain('Bさん');
      const refused = await t
        .http()
        .post('/api/v1/placements')
        .set(t.admin)
        .send({ participantId: person.id, resourceId: resource.id })
        .expect(409);
      expect(refused.body.code).toBe('CONSENT_REQUIRED');
      await transition(t, placement.id, { to: 'active' }).expect(409);
    });

    it("cannot see placements at another organisation's resources", async () => {
      const other = await createOrganization(t, { name: '他の受入先' });
      const host = await createToken(t, 'host', orgId);
      const theirs = await createResource(t, other.id);
      const person = await createParticipant(t);
      await giveConsent(t, person.id);
      const placement = await propose(t, person.id, theirs.id);
      await t.http().get(`/api/v1/placements/${placement.id}`).set(host).expect(404);
      const listed = await t.http().get('/api/v1/placements').query({ resourceId: theirs.id }).set(host).expect(200);
      expect(listed.body.items).toEqual([]);
      await t.http().post(`/api/v1/placements/${placement.id}/transitions`).set(host).send({ to: 'visit' }).expect(403);
    });
  });

  it('lists waiting participants who fit an opening, for coordinators only', async () => {
    const area = uniqueArea();
    const resource = await createResource(t, orgId, {
      area,
      title: '畑の草取り',
      description: '外で野菜の草取りと収穫をします。',
      schedule: [{ day: 'tue', start: '09:00', end: '11:00' }],
    });
    const farmer = await createParticipant(t, {
      displayName: '畑希望',
      area,
      needs: '外で体を動かしたい。畑仕事や草取りがしたい',
      constraints: { availableDays: ['tue'] },
    });
    const typist = await createParticipant(t, { displayName: '入力希望', area, needs: 'パソコンでデータ入力がしたい', constraints: {} });
    const noConsent = await createParticipant(t, { displayName: '未同意', area, needs: '畑仕事がしたい' });
    await giveConsent(t, farmer.id);
    await giveConsent(t, typist.id);
    for (const id of [farmer.id, typist.id, noConsent.id, resource.id]) {
      const path = id === resource.id ? 'resources' : 'participants';
      await waitFor(
        async () => (await t.http().get(`/api/v1/${path}/${id}`).set(t.admin)).body.embedding.status === 'ready',
        `${path} ${id} embedded`,
      );
    }
    const res = await t.http().get(`/api/v1/resources/${resource.id}/candidates`).set(t.admin).expect(200);
    const ids = res.body.candidates.map((c: { participant: { id: string } }) => c.participant.id);
    expect(ids.indexOf(farmer.id)).toBeLessThan(ids.indexOf(typist.id));
    expect(ids).not.toContain(noConsent.id);
    expect(JSON.stringify(res.body)).not.toContain('畑仕事や草取りがしたい');
    const host = await createToken(t, 'host', orgId);
    await t.http().get(`/api/v1/resources/${resource.id}/candidates`).set(host).expect(403);
  });

  it('validates participant input and never echoes the needs text in errors', async () => {
    const res = await t
      .http()
      .post('/api/v1/participants')
      .set(t.admin)
      .send({ displayName: '', area: '中央', needs: '秘密の悩み'.repeat(500) })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['displayName', 'needs']));
    expect(JSON.stringify(res.body)).not.toContain('秘密の悩み');
    const consent = await t
      .http()
      .put(`/api/v1/participants/${(await createParticipant(t)).id}/consent`)
      .set(t.admin)
      .send({ status: 'obtained', method: '書面', scope: ['medicalHistory'] })
      .expect(400);
    expect(consent.body.errors[0].field).toBe('scope');
  });
});
