import { DataSource } from 'typeorm';

/**
 * A hand-built October 2025 (Asia/Tokyo) in the real database, with exact timestamps:
 * placements spanning the month boundaries, a re-match, consent withdrawn mid-month, a
 * placement activated at 23:59 JST on the last day and one proposed 30 s after midnight.
 * The expected figures below were counted by hand from this fixture (see docs/reports.md).
 */
export const JST = (local: string) => `${local}+09:00`;

export async function reportFixture(db: DataSource): Promise<void> {
  const one = async (sql: string, params: unknown[]) => (await db.query(sql, params))[0].id as string;
  const org = (name: string, at: string) =>
    one(`INSERT INTO organizations (name, kind, area, created_at) VALUES ($1, 'npo', '東部', $2) RETURNING id`, [name, JST(at)]);
  const o1 = await org('報告テスト受入先1', '2025-09-15T10:00:00');
  const o2 = await org('報告テスト受入先2', '2025-10-05T10:00:00');
  const resource = async (o: string, type: string, area: string, at: string, statuses: Array<[string, string]> = []) => {
    const id = await one(
      `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, created_at, status)
        VALUES ($1, $2, '報告テスト', $3, 5, 5, $4, $5) RETURNING id`,
      [o, type, area, JST(at), statuses.at(-1)?.[0] ?? 'open'],
    );
    await db.query(`INSERT INTO resource_status_events (resource_id, status, initial, occurred_at) VALUES ($1, 'open', true, $2)`, [
      id,
      JST(at),
    ]);
    for (const [status, when] of statuses)
      await db.query(`INSERT INTO resource_status_events (resource_id, status, occurred_at) VALUES ($1, $2, $3)`, [id, status, JST(when)]);
    return id;
  };
  const r1 = await resource(o1, 'ibasho', '東部', '2025-09-20T09:00:00');
  const r2 = await resource(o1, 'work_experience', '西部', '2025-10-03T09:00:00', [
    ['paused', '2025-10-20T09:00:00'],
    ['open', '2025-10-28T09:00:00'],
  ]);
  const r3 = await resource(o2, 'volunteer', '東部', '2025-10-06T09:00:00', [['closed', '2025-10-25T09:00:00']]);
  await resource(o2, 'ibasho', '西部', '2025-11-02T09:00:00');

  const person = async (area: string, route: string, stage: string, at: string, consent: Array<[string, string]>) => {
    const id = await one(
      `INSERT INTO participants (display_name, area, needs, referral_route, readiness_stage, created_at)
        VALUES ('報告テスト', $1, '（省略）', $2, $3, $4) RETURNING id`,
      [area, route, stage, JST(at)],
    );
    for (const [status, when] of consent)
      await db.query(`INSERT INTO consent_events (participant_id, status, method, recorded_at) VALUES ($1, $2, '書面', $3)`, [
        id,
        status,
        JST(when),
      ]);
    return id;
  };
  const p1 = await person('東部', 'family', 'social_life', '2025-09-10T10:00:00', [['obtained', '2025-09-12T10:00:00']]);
  const p2 = await person('西部', 'hospital', 'daily_living', '2025-10-02T10:00:00', [
    ['obtained', '2025-10-02T12:00:00'],
    ['withdrawn', '2025-10-15T12:00:00'],
  ]);
  const p3 = await person('東部', 'school', 'employment', '2025-10-10T10:00:00', [['obtained', '2025-10-10T11:00:00']]);

  /** steps: [state, local time, outcome?] — events and the placement row agree. */
  const placement = async (p: string, r: string, steps: Array<[string, string, string?]>) => {
    const active = steps.find(([s]) => s === 'active');
    const closed = steps.find(([s]) => s === 'closed');
    const id = await one(
      `INSERT INTO placements (participant_id, resource_id, state, outcome, proposed_at, active_at, closed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [p, r, steps.at(-1)![0], closed?.[2] ?? null, JST(steps[0][1]), active ? JST(active[1]) : null, closed ? JST(closed[1]) : null],
    );
    let from: string | null = null;
    for (const [state, when, outcome] of steps) {
      await db.query(
        `INSERT INTO placement_events (placement_id, from_state, to_state, outcome, actor_role, occurred_at)
          VALUES ($1, $2, $3, $4, 'coordinator', $5)`,
        [id, from, state, outcome ?? null, JST(when)],
      );
      from = state;
    }
    return id;
  };
  const pl1 = await placement(p1, r1, [
    ['proposed', '2025-09-25T10:00:00'],
    ['active', '2025-09-30T23:30:00'],
    ['closed', '2025-10-30T10:00:00', 'settled'],
  ]);
  const pl2 = await placement(p2, r2, [
    ['proposed', '2025-10-03T10:00:00'],
    ['visit', '2025-10-10T10:00:00'],
    ['active', '2025-10-31T23:59:00'],
    ['closed', '2025-11-05T10:00:00', 'withdrew'],
  ]);
  await placement(p3, r3, [
    ['proposed', '2025-10-11T10:00:00'],
    ['active', '2025-10-12T10:00:00'],
    ['closed', '2025-10-24T10:00:00', 'rematched'],
  ]);
  const pl4 = await placement(p3, r1, [
    ['proposed', '2025-10-24T11:00:00'],
    ['active', '2025-10-26T10:00:00'],
  ]);
  await placement(p1, r2, [['proposed', '2025-11-01T00:00:30']]);
  await placement(p1, r1, [
    ['proposed', '2025-10-01T00:00:00'],
    ['closed', '2025-10-05T10:00:00', 'withdrew'],
  ]);

  const plans = new Map<string, string>();
  const plan = async (pl: string) => {
    if (!plans.has(pl))
      plans.set(
        pl,
        await one(
          `INSERT INTO follow_up_plans (placement_id, sequence, starts_on, ends_on, length_days, checkpoint_days)
            VALUES ($1, 1, '2025-10-01', '2025-12-30', 90, '{0}') RETURNING id`,
          [pl],
        ),
      );
    return plans.get(pl)!;
  };
  const checkpoint = async (pl: string, dueOn: string, overdueAt: string, status: string, doneAt: string | null) => {
    const planId = await plan(pl);
    return one(
      `INSERT INTO follow_up_checkpoints (placement_id, plan_id, day_offset, due_on, due_at, overdue_at, status, done_at, created_at)
        VALUES ($1, $2, 0, $3, $4, $5, $6, $7, '2025-09-30T00:00:00Z') RETURNING id`,
      [pl, planId, dueOn, JST(`${dueOn}T00:00:00`), JST(overdueAt), status, doneAt ? JST(doneAt) : null],
    );
  };
  await checkpoint(pl4, '2025-10-28', '2025-10-29T00:00:00', 'overdue', null);
  await checkpoint(pl4, '2025-11-09', '2025-11-16T00:00:00', 'scheduled', null);
  const c3 = await checkpoint(pl1, '2025-10-14', '2025-10-21T00:00:00', 'done', '2025-10-14T15:00:00');
  await checkpoint(pl1, '2025-10-27', '2025-10-28T00:00:00', 'cancelled', '2025-10-30T10:00:00');
  await checkpoint(pl2, '2025-10-31', '2025-11-07T00:00:00', 'due', null);
  const checkin = (pl: string, c: string | null, date: string) =>
    db.query(
      `INSERT INTO checkins (placement_id, checkpoint_id, date, attendance, wellbeing, concern, actor_role)
        VALUES ($1, $2, $3, 'attended', 4, 'none', 'coordinator')`,
      [pl, c, date],
    );
  await checkin(pl1, c3, '2025-10-14');
  await checkin(pl4, null, '2025-11-02');

  const search = (at: string, filters: object, unmet: boolean) =>
    db.query(`INSERT INTO search_logs (actor_role, filters, unmet, model, created_at) VALUES ('coordinator', $1, $2, 'm', $3)`, [
      JSON.stringify(filters),
      unmet,
      JST(at),
    ]);
  await search('2025-10-10T10:00:00', { areas: ['東部'], types: ['ibasho'] }, false);
  await search('2025-10-20T10:00:00', {}, true);
  await search('2025-11-01T00:00:10', {}, true);

  // The unmet-needs register: entries on both sides of the month's bounds, in two areas, one with no wanted type.
  const unmet = (at: string, area: string, type: string | null, summary: string) =>
    db.query(`INSERT INTO unmet_needs (area, resource_type, summary, created_at) VALUES ($1, $2, $3, $4)`, [area, type, summary, JST(at)]);
  await unmet('2025-09-30T23:59:50', '東部', 'ibasho', '報告テスト：夜に開いている居場所'); // September
  await unmet('2025-10-01T00:00:00', '東部', 'ibasho', '報告テスト：土日の居場所');
  await unmet('2025-10-15T10:00:00', '西部', null, '報告テスト：送迎のある活動');
  await unmet('2025-10-31T23:59:59', '西部', 'work_experience', '報告テスト：座ってできる軽作業');
  await unmet('2025-11-01T00:00:00', '東部', 'volunteer', '報告テスト：短時間のボランティア'); // November
}

/** Hand count of October 2025. */
export const EXPECTED: Record<string, { value: number; breakdowns?: Record<string, Record<string, number>> }> = {
  'placements.proposed.total': {
    value: 4,
    breakdowns: { area: { 東部: 3, 西部: 1 }, type: { ibasho: 2, work_experience: 1, volunteer: 1 } },
  },
  'placements.proposed.people': { value: 3 },
  'matches.total': { value: 3, breakdowns: { area: { 西部: 1, 東部: 2 }, type: { work_experience: 1, volunteer: 1, ibasho: 1 } } },
  'matches.people': { value: 2 },
  'placements.closed.total': { value: 3, breakdowns: { outcome: { settled: 1, rematched: 1, withdrew: 1 } } },
  'placements.closed.people': { value: 2 },
  'placements.rematched': { value: 1 },
  'followup.ended': { value: 2 },
  'followup.settled': { value: 1 },
  'followup.settledRatePercent': { value: 50 },
  'followup.activeAtEnd': { value: 2, breakdowns: { area: { 西部: 1, 東部: 1 } } },
  'followup.checkins': { value: 1 },
  'followup.checkpointsDue': { value: 4 },
  'followup.overdueAtEnd': { value: 1 },
  'participants.registered': {
    value: 2,
    breakdowns: {
      referralRoute: { hospital: 1, school: 1 },
      readinessStage: { daily_living: 1, employment: 1 },
      area: { 西部: 1, 東部: 1 },
    },
  },
  'participants.consentObtained': { value: 2 },
  'participants.consentWithdrawn': { value: 1 },
  'catalogue.openAtEnd': { value: 2, breakdowns: { area: { 東部: 1, 西部: 1 }, type: { ibasho: 1, work_experience: 1 } } },
  'catalogue.ibashoOpenAtEnd': { value: 1 },
  'catalogue.newOrganizations': { value: 1 },
  'catalogue.newResources': { value: 2 },
  'catalogue.pausedOrClosed': { value: 2 },
  'searches.total': { value: 2, breakdowns: { areaFilter: { 東部: 1, '（指定なし）': 1 }, typeFilter: { ibasho: 1, '（指定なし）': 1 } } },
  'searches.unmet': { value: 1, breakdowns: { areaFilter: { 東部: 0, '（指定なし）': 1 } } },
  'unmetNeeds.recorded': {
    value: 3,
    breakdowns: { area: { 東部: 1, 西部: 2 }, type: { ibasho: 1, work_experience: 1, '（指定なし）': 1 } },
  },
};
