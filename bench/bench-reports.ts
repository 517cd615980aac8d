/**
 * Report benchmark: monthly and fiscal-year reports (ReportService) on three years of data.
 *   npm run bench:reports                        full size, writes docs/benchmarks.md
 *   npm run bench:reports -- --scale 0.05 --no-docs --no-wait   smoke run (5 % of every size)
 *   options: --scale F (1), --no-docs, --no-wait, --no-proposals, --explain (print every EXPLAIN in full),
 *            --data-dir DIR (generate into DIR and keep it; a later run with the same DIR re-uses the data instead
 *            of generating it again, 2–9 min at full scale), --quick (after ANALYZE only fiscalYear of the two years,
 *            --rounds N times each: live, then with the 12 months served from snapshots (made once, kept in the data
 *            dir); each with the database process's CPU time; then every statement of the grouped pass alone and the
 *            EXPLAIN of the slowest (all with --explain): for before/after runs on a kept data dir)
 *
 * In a fresh embedded PostgreSQL (PGlite + pgvector, child process, temp dir):
 *   1. generates with bulk SQL (INSERT … SELECT FROM generate_series; staging tables, dropped
 *      afterwards; rows inserted in time order, as an append-only service writes them; no UPDATEs):
 *      20,000 participants + consent events, 500 organizations, 3,000 resources + status events,
 *      100,000 placements over 3 years with 1,000,000 placement events (the transitions
 *      proposed → visit → trial → active → closed, padded with same-state events such as the
 *      follow-up extensions the service writes as active → active), follow-up plans with
 *      4 checkpoints for every placement that reached active, check-ins, 50,000 search logs;
 *   2. constructs ReportRepository + ReportService on a TypeORM DataSource with the service's own
 *      dataSourceOptions (no Nest context: nothing else, such as the embedding model process,
 *      competes for the two CPUs; no Redis is used, so there are no queue keys to clean up);
 *   3. times ReportService.monthly(month, true) for 5 months (after one warm-up month) and
 *      ReportService.fiscalYear(year, true) (12 months + year total) for the last two complete
 *      fiscal years, plus the CSV rendering — first without planner statistics (PGlite runs without
 *      autovacuum; the service's reconciler runs ANALYZE every six hours), then after ANALYZE, then with the
 *      proposed indexes/settings created here in the bench database (proposals, not migrations);
 *   4. times every report statement alone and EXPLAINs (ANALYZE, BUFFERS) the slow ones;
 *   5. prints markdown tables and writes "## Reports (npm run bench:reports)" in docs/benchmarks.md;
 *   6. cleans up (database process, temp dir), also on Ctrl-C.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import { tokyoDate } from '../src/common/tokyo-time';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions, prepareDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { fiscalYearPeriod, monthPeriod, type Period } from '../src/reports/report.period';
import { ReportRepository } from '../src/reports/report.repository';
import { Clock } from '../src/common/clock';
import { ReportService } from '../src/reports/report.service';
import {
  fmtInt,
  loadAvg,
  logger,
  machine,
  median,
  ms,
  runBench,
  sec,
  timed,
  waitForOtherBenchmarks,
  writeDocsSection,
  type Machine,
} from './bench-support';

const SECTION = '## Reports (npm run bench:reports)';
const TARGET_MONTH_MS = 2_000;
const TARGET_FY_MS = 1_000;

const BASE_SIZES = {
  participants: 20_000,
  organizations: 500,
  resources: 3_000,
  placements: 100_000,
  placementEvents: 1_000_000,
  searchLogs: 50_000,
};
type Sizes = typeof BASE_SIZES;

interface Options {
  scale: number;
  docs: boolean;
  wait: boolean;
  proposals: boolean;
  explain: boolean;
  dataDir: string | null;
  quick: boolean;
  rounds: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { scale: 1, docs: true, wait: true, proposals: true, explain: false, dataDir: null, quick: false, rounds: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--scale') {
      const v = Number(argv[++i]);
      if (!(v > 0 && v <= 10)) throw new Error('--scale needs a number in (0, 10]');
      opts.scale = v;
    } else if (a === '--no-docs') opts.docs = false;
    else if (a === '--no-wait') opts.wait = false;
    else if (a === '--no-proposals') opts.proposals = false;
    else if (a === '--explain') opts.explain = true;
    else if (a === '--data-dir') opts.dataDir = path.resolve(argv[++i] ?? '');
    else if (a === '--quick') opts.quick = true;
    else if (a === '--rounds') opts.rounds = Math.max(1, Number(argv[++i]));
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

const log = logger('bench-reports');
const dur = (x: number) => (x < 1000 ? `${ms(x)} ms` : `${sec(x)} s`);

// ---------------------------------------------------------------------------
// data generation (bulk SQL, timed, not part of the report measurement)

const AREAS = ['中央区', '北区', '東区', '西区', '南区', '港区', '緑区', '青葉区', '泉区', '若葉区'];
const ROUTES = ['hospital', 'school', 'care_manager', 'family', 'outreach', 'self', 'other'];
const STAGES = ['daily_living', 'social_life', 'employment'];
const KINDS = [
  'npo',
  'social_welfare_council',
  'social_welfare_corporation',
  'company',
  'farm',
  'shop',
  'neighbourhood_association',
  'municipality',
  'cooperative',
  'disability_service',
  'other',
];
const TYPES = ['ibasho', 'work_experience', 'volunteer', 'housing_support', 'other'];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]`;
/** A skewed pick from a list (earlier entries more often), so the breakdowns are not flat. */
const pick = (xs: string[], skew = 1.3) => `(${arr(xs)})[1 + floor(${xs.length} * power(random(), ${skew}))::int]`;
const tokyoDay = (col: string) => `(${col} AT TIME ZONE 'Asia/Tokyo')::date`;

interface GenStep {
  name: string;
  ms: number;
}

async function generate(ds: DataSource, sizes: Sizes, start: Date, end: Date): Promise<GenStep[]> {
  const S = `'${start.toISOString()}'::timestamptz`;
  const E = `'${end.toISOString()}'::timestamptz`;
  const NP = sizes.participants;
  const NO = sizes.organizations;
  const NOPRE = Math.floor(NO / 2); // organisations that existed before the data window
  const NR = sizes.resources;
  const NRPRE = Math.floor(NR * 0.6); // resources that existed before the data window
  const NPL = sizes.placements;
  const steps: GenStep[] = [];
  const step = async (name: string, ...sqls: string[]) => {
    const t = performance.now();
    for (const sql of sqls) await ds.query(sql);
    steps.push({ name, ms: performance.now() - t });
    log(`  ${name}: ${dur(performance.now() - t)}`);
  };

  await ds.query(`SELECT setseed(0.20240401)`);

  // --- organizations, resources, status history -----------------------------------------------
  await step(
    'organizations',
    `CREATE TABLE bench_org AS
     SELECT g AS rn, gen_random_uuid() AS id,
            CASE WHEN g <= ${NOPRE} THEN ${S} - interval '730 days' - interval '365 days' * random()
                 ELSE ${S} + (${E} - ${S}) * ((g - ${NOPRE} - 1 + random()) / ${NO - NOPRE}) END AS created_at
       FROM generate_series(1, ${NO}) g`,
    `INSERT INTO organizations (id, name, kind, area, created_at, updated_at)
     SELECT id, 'ベンチ法人' || rn, ${pick(KINDS, 1)}, CASE WHEN random() < 0.05 THEN NULL ELSE ${pick(AREAS)} END, created_at, created_at
       FROM bench_org ORDER BY created_at`,
  );
  await step(
    'resources + resource_status_events',
    `CREATE TABLE bench_res AS
     WITH b AS MATERIALIZED (
       SELECT g AS rn,
              CASE WHEN g <= ${NRPRE} THEN ${S} - interval '720 days' * random()
                   ELSE ${S} + (${E} - ${S}) * ((g - ${NRPRE} - 1 + random()) / ${NR - NRPRE}) END AS created_at,
              CASE WHEN g <= ${NRPRE} THEN 0 ELSE (g - ${NRPRE} - 1)::float8 / ${NR - NRPRE} END AS frac,
              random() AS u, random() AS v, random() AS w, random() AS x, random() AS y, random() AS z
         FROM generate_series(1, ${NR}) g
     ), p AS MATERIALIZED (
       SELECT *, CASE WHEN u < 0.25 THEN created_at + (${E} - created_at) * (0.8 * v) END AS t_pause FROM b
     ), q AS MATERIALIZED (
       SELECT *, CASE WHEN t_pause IS NOT NULL AND w < 0.6 THEN t_pause + (${E} - t_pause) * (0.5 * x) END AS t_reopen FROM p
     )
     SELECT rn, gen_random_uuid() AS id, created_at, t_pause, t_reopen,
            -- an organisation that already existed when the resource was created
            1 + floor((${NOPRE} + floor(${NO - NOPRE} * frac)) * z)::int AS org_rn,
            CASE WHEN y < 0.08 THEN GREATEST(created_at, t_pause, t_reopen) + (${E} - GREATEST(created_at, t_pause, t_reopen)) * random()
              END AS t_close
       FROM q`,
    `INSERT INTO resources (id, organization_id, type, title, description, area, capacity, vacancies, status, created_at, updated_at)
     SELECT r.id, o.id, ${pick(TYPES, 1.4)}, 'ベンチ用の活動 ' || r.rn, '（ベンチ用の説明文）', ${pick(AREAS)}, r.cap, floor(r.cap * random())::int,
            CASE WHEN r.t_close IS NOT NULL THEN 'closed' WHEN r.t_pause IS NOT NULL AND r.t_reopen IS NULL THEN 'paused' ELSE 'open' END,
            r.created_at, GREATEST(r.created_at, r.t_pause, r.t_reopen, r.t_close)
       FROM (SELECT *, 1 + floor(10 * random())::int AS cap FROM bench_res OFFSET 0) r JOIN bench_org o ON o.rn = r.org_rn
      ORDER BY r.created_at`,
    `INSERT INTO resource_status_events (resource_id, status, initial, occurred_at)
     SELECT id, status, initial, at FROM (
       SELECT id, 'open' AS status, true AS initial, created_at AS at FROM bench_res
       UNION ALL SELECT id, 'paused', false, t_pause FROM bench_res WHERE t_pause IS NOT NULL
       UNION ALL SELECT id, 'open', false, t_reopen FROM bench_res WHERE t_reopen IS NOT NULL
       UNION ALL SELECT id, 'closed', false, t_close FROM bench_res WHERE t_close IS NOT NULL
     ) e ORDER BY at`,
  );

  // --- participants and consent ---------------------------------------------------------------
  await step(
    'participants + consent_events',
    `CREATE TABLE bench_part AS
     WITH b AS MATERIALIZED (
       SELECT g AS rn, ${S} + (${E} - ${S}) * ((g - 1 + random()) / ${NP}) AS created_at, random() AS u, random() AS v, random() AS w
         FROM generate_series(1, ${NP}) g
     ), c AS MATERIALIZED (
       SELECT *, CASE WHEN u < 0.92 AND created_at + interval '14 days' * w < ${E} THEN created_at + interval '14 days' * w END AS t_ok
         FROM b
     )
     SELECT rn, gen_random_uuid() AS id, created_at, t_ok,
            CASE WHEN t_ok IS NOT NULL AND u < 0.055 THEN t_ok + (${E} - t_ok) * v END AS t_withdrawn
       FROM c`,
    `INSERT INTO participants (id, display_name, area, needs, referral_route, readiness_stage, consent_status, consent_date,
      consent_method, consent_scope, created_at, updated_at)
     SELECT id, 'ベンチ' || rn || 'さん', ${pick(AREAS)}, '人と話すのは苦手だが、静かな場所で黙々とできる作業なら週1回から始めたい（ベンチ用）',
            ${pick(ROUTES, 1.1)}, CASE WHEN random() < 0.1 THEN NULL ELSE ${pick(STAGES, 1.2)} END,
            CASE WHEN t_withdrawn IS NOT NULL THEN 'withdrawn' WHEN t_ok IS NOT NULL THEN 'obtained' ELSE 'not_obtained' END,
            ${tokyoDay('COALESCE(t_withdrawn, t_ok)')}, CASE WHEN t_ok IS NOT NULL THEN '面談で書面により確認' END,
            CASE WHEN t_ok IS NOT NULL AND t_withdrawn IS NULL THEN '{displayName,ageBand,strengths}'::text[] ELSE '{}' END,
            created_at, GREATEST(created_at, t_ok, t_withdrawn)
       FROM bench_part ORDER BY created_at`,
    `INSERT INTO consent_events (participant_id, status, method, scope, recorded_at)
     SELECT id, status, method, scope, at FROM (
       SELECT id, 'obtained' AS status, '面談で書面により確認' AS method, '{displayName,ageBand,strengths}'::text[] AS scope, t_ok AS at
         FROM bench_part WHERE t_ok IS NOT NULL
       UNION ALL SELECT id, 'withdrawn', '電話で撤回の申出', '{}', t_withdrawn FROM bench_part WHERE t_withdrawn IS NOT NULL
     ) e ORDER BY at`,
  );

  // --- placements -----------------------------------------------------------------------------
  // Each placement: proposed at t_prop (more of them in later years), then visit (75 %), trial (60 %),
  // active (50 %), closed (every active one after 30–430 days, 90 % of the others after 3–33 days),
  // all steps after the data window's end are cut off (still open today).
  await step(
    'placements',
    `CREATE TABLE bench_pl AS
     WITH b AS MATERIALIZED (
       SELECT g AS rn, GREATEST(power(random(), 0.8), 2.0 / ${NP}) AS f,
              random() AS u_visit, random() AS u_trial, random() AS u_active, random() AS u_close, random() AS u_out,
              random() AS u_p, random() AS u_r, random() AS d1, random() AS d2, random() AS d3, random() AS d4
         FROM generate_series(1, ${NPL}) g
     ), t0 AS MATERIALIZED (SELECT *, ${S} + (${E} - ${S}) * f AS t_prop FROM b
     ), t1 AS MATERIALIZED (SELECT *, CASE WHEN u_visit < 0.75 THEN t_prop + interval '1 day' * (2 + 12 * d1) END AS t_visit FROM t0
     ), t2 AS MATERIALIZED (SELECT *, CASE WHEN u_trial < 0.6 THEN COALESCE(t_visit, t_prop) + interval '1 day' * (3 + 14 * d2)
       END AS t_trial FROM t1
     ), t3 AS MATERIALIZED (SELECT *, CASE WHEN u_active < 0.5 THEN COALESCE(t_trial, t_visit, t_prop) + interval '1 day' * (2 + 14 * d3)
       END AS t_active FROM t2
     ), t4 AS MATERIALIZED (
       SELECT *,
              CASE WHEN t_active IS NOT NULL THEN t_active + interval '1 day' * (30 + 400 * d4)
                   WHEN u_close < 0.9 THEN COALESCE(t_trial, t_visit, t_prop) + interval '1 day' * (3 + 30 * d4) END AS t_close_raw,
              CASE WHEN t_active IS NOT NULL THEN
                     CASE WHEN u_out < 0.55 THEN 'settled' WHEN u_out < 0.75 THEN 'withdrew' WHEN u_out < 0.83 THEN 'host_declined'
                       WHEN u_out < 0.95 THEN 'rematched' ELSE 'other' END
                   ELSE CASE WHEN u_out < 0.4 THEN 'withdrew' WHEN u_out < 0.7 THEN 'host_declined' WHEN u_out < 0.9 THEN 'rematched'
                     ELSE 'other' END
              END AS close_outcome
         FROM t3
     )
     SELECT rn, gen_random_uuid() AS id,
            -- a participant registered before the proposal, recent registrations more often
            GREATEST(1, floor(f * ${NP})::int - floor(f * ${NP} * power(u_p, 3))::int) AS part_rn,
            -- a resource that existed at the proposal
            1 + floor((${NRPRE} + floor(${NR - NRPRE} * f)) * u_r)::int AS res_rn,
            t_prop,
            CASE WHEN t_visit < ${E} THEN t_visit END AS t_visit,
            CASE WHEN t_trial < ${E} THEN t_trial END AS t_trial,
            CASE WHEN t_active < ${E} THEN t_active END AS t_active,
            CASE WHEN t_close_raw < ${E} THEN t_close_raw END AS t_close,
            CASE WHEN t_close_raw < ${E} THEN close_outcome END AS outcome
       FROM t4`,
    `INSERT INTO placements (id, participant_id, resource_id, state, outcome, holds_vacancy, visit_date, trial_date, proposed_at,
      active_at, closed_at, created_at, updated_at)
     SELECT pl.id, pa.id, r.id,
            CASE WHEN pl.t_close IS NOT NULL THEN 'closed' WHEN pl.t_active IS NOT NULL THEN 'active'
              WHEN pl.t_trial IS NOT NULL THEN 'trial'
                 WHEN pl.t_visit IS NOT NULL THEN 'visit' ELSE 'proposed' END,
            pl.outcome, pl.t_active IS NOT NULL AND pl.t_close IS NULL, ${tokyoDay('pl.t_visit')}, ${tokyoDay('pl.t_trial')},
            pl.t_prop, pl.t_active, pl.t_close, pl.t_prop, GREATEST(pl.t_prop, pl.t_visit, pl.t_trial, pl.t_active, pl.t_close)
       FROM bench_pl pl JOIN bench_part pa ON pa.rn = pl.part_rn JOIN bench_res r ON r.rn = pl.res_rn
      ORDER BY pl.t_prop`,
  );

  // --- placement events: transitions + same-state padding to reach the target -----------------
  const [{ n: transitions }] = await ds.query(
    `SELECT (count(*) + count(t_visit) + count(t_trial) + count(t_active) + count(t_close))::int AS n FROM bench_pl`,
  );
  const padding = Math.max(0, sizes.placementEvents - transitions);
  // Padding per placement proportional to how long it has been open (floor of cumulative shares: exact total).
  await step(
    `placement_events (${fmtInt(transitions)} transitions + ${fmtInt(padding)} same-state events)`,
    `INSERT INTO placement_events (placement_id, from_state, to_state, outcome, note, actor_role, occurred_at)
     WITH d AS MATERIALIZED (
       SELECT rn, id, t_prop, t_visit, t_trial, t_active, t_close,
              GREATEST(1, floor(EXTRACT(EPOCH FROM COALESCE(t_close, ${E}) - t_prop)))::bigint AS len FROM bench_pl
     ), c AS MATERIALIZED (
       SELECT *, sum(len) OVER (ORDER BY rn) AS cum, sum(len) OVER () AS total FROM d
     ), k AS MATERIALIZED (
       SELECT *, (floor(${padding}::numeric * cum / total) - floor(${padding}::numeric * (cum - len) / total))::int AS k FROM c
     ), pad AS MATERIALIZED (
       SELECT k.*, k.t_prop + (COALESCE(k.t_close, ${E}) - k.t_prop) * random() AS at, random() AS u
         FROM k CROSS JOIN LATERAL generate_series(1, k.k) j
     ), padded AS (
       SELECT id, at, u,
              CASE WHEN t_active <= at THEN 'active' WHEN t_trial <= at THEN 'trial' WHEN t_visit <= at THEN 'visit' ELSE 'proposed'
                END AS st
         FROM pad
     )
     SELECT id, from_state, to_state, outcome, note, actor_role, at FROM (
       SELECT pl.id, x.from_state, x.to_state, x.outcome, x.note, x.actor_role, x.at
         FROM bench_pl pl
        CROSS JOIN LATERAL (VALUES
          (NULL, 'proposed', NULL, NULL, 'coordinator', pl.t_prop),
          ('proposed', 'visit', NULL, '見学の日程を受入先と調整済み', 'coordinator', pl.t_visit),
          (CASE WHEN pl.t_visit IS NOT NULL THEN 'visit' ELSE 'proposed' END, 'trial', NULL, NULL, 'coordinator', pl.t_trial),
          (CASE WHEN pl.t_trial IS NOT NULL THEN 'trial' WHEN pl.t_visit IS NOT NULL THEN 'visit' ELSE 'proposed'
            END, 'active', NULL, NULL, 'coordinator', pl.t_active),
          (CASE WHEN pl.t_active IS NOT NULL THEN 'active' WHEN pl.t_trial IS NOT NULL THEN 'trial'
            WHEN pl.t_visit IS NOT NULL THEN 'visit' ELSE 'proposed' END,
           'closed', pl.outcome, '終結の理由を記録', 'coordinator', pl.t_close)
        ) x(from_state, to_state, outcome, note, actor_role, at)
        WHERE x.at IS NOT NULL
       UNION ALL
       SELECT id, st, st, NULL,
              CASE st WHEN 'active' THEN CASE WHEN u < 0.15 THEN 'フォロー期間を延長（ベンチ）' ELSE '定期連絡：参加の様子を受入先と共有' END
                      WHEN 'trial' THEN '体験の様子を受入先と共有' WHEN 'visit' THEN '見学の日程を再調整' ELSE '本人と提案内容を確認' END,
              CASE WHEN st IN ('trial', 'active') AND u > 0.8 THEN 'host' ELSE 'coordinator' END, at
         FROM padded
     ) e ORDER BY at`,
  );

  // --- follow-up: plan (90 days, checkpoints 14/28/60/90) for every placement that reached active
  await step(
    'follow_up_plans + follow_up_checkpoints',
    `CREATE TABLE bench_fu AS
     SELECT pl.rn, pl.id AS placement_id, gen_random_uuid() AS plan_id, ${tokyoDay('pl.t_active')} AS starts_on, pl.t_active, pl.t_close
       FROM bench_pl pl WHERE pl.t_active IS NOT NULL`,
    `INSERT INTO follow_up_plans (id, placement_id, sequence, starts_on, ends_on, length_days, checkpoint_days, created_at)
     SELECT plan_id, placement_id, 1, starts_on, starts_on + 90, 90, '{14,28,60,90}', t_active FROM bench_fu ORDER BY t_active`,
    // 93 % get a check-in 0–9 days after the due day (grace: 7 days, so some are done late);
    // closing the placement cancels what is still open (done_at = closing time), as the service does.
    `CREATE TABLE bench_cp AS
     WITH c AS MATERIALIZED (
       SELECT f.*, d AS day_offset, f.starts_on + d AS due_on, ((f.starts_on + d)::timestamp AT TIME ZONE 'Asia/Tokyo') AS due_at,
         random() AS u, random() AS v
         FROM bench_fu f CROSS JOIN unnest('{14,28,60,90}'::int[]) d
     ), s AS MATERIALIZED (
       SELECT *, due_at + interval '7 days' AS overdue_at, CASE WHEN u < 0.93 THEN due_at + interval '1 day' * (9 * v) END AS t_done FROM c
     ), st AS (
       SELECT *, t_done <= ${E} AND (t_close IS NULL OR t_done <= t_close) AS is_done FROM s
     )
     SELECT gen_random_uuid() AS id, placement_id, plan_id, day_offset, due_on, due_at, overdue_at, t_active,
            CASE WHEN is_done THEN 'done' WHEN t_close IS NOT NULL THEN 'cancelled' WHEN overdue_at <= ${E} THEN 'overdue'
              WHEN due_at <= ${E} THEN 'due' ELSE 'scheduled' END AS status,
            CASE WHEN is_done THEN t_done WHEN t_close IS NOT NULL THEN t_close END AS done_at
       FROM st`,
    `INSERT INTO follow_up_checkpoints (id, placement_id, plan_id, day_offset, due_on, due_at, overdue_at, is_final, status, done_at,
      created_at)
     SELECT id, placement_id, plan_id, day_offset, due_on, due_at, overdue_at, day_offset = 90, status, done_at, t_active
       FROM bench_cp ORDER BY t_active, day_offset`,
  );
  await step(
    'checkins',
    `INSERT INTO checkins (placement_id, checkpoint_id, date, attendance, wellbeing, host_feedback, concern, actor_role, created_at)
     WITH x AS MATERIALIZED (
       SELECT placement_id, id AS checkpoint_id, done_at AS at FROM bench_cp WHERE status = 'done'
       UNION ALL
       SELECT f.placement_id, NULL, f.t_active + (COALESCE(f.t_close, ${E}) - f.t_active) * random()
         FROM (SELECT *, CASE WHEN random() < 0.6 THEN 1 + floor(6 * random())::int ELSE 0 END AS k FROM bench_fu OFFSET 0) f
        CROSS JOIN LATERAL generate_series(1, f.k) j
     ), y AS MATERIALIZED (SELECT *, random() AS u, random() AS v, random() AS w FROM x)
     SELECT placement_id, checkpoint_id, ${tokyoDay('at')},
            CASE WHEN u < 0.7 THEN 'attended' WHEN u < 0.8 THEN 'late' WHEN u < 0.92 THEN 'absent_notified' ELSE 'absent' END,
            1 + floor(5 * power(v, 0.7))::int, CASE WHEN w < 0.3 THEN '落ち着いて作業できていました' END,
            CASE WHEN w < 0.85 THEN 'none' WHEN w < 0.97 THEN 'watch' ELSE 'urgent' END,
            CASE WHEN w > 0.75 THEN 'host' ELSE 'coordinator' END, at
       FROM y ORDER BY at`,
  );
  await step(
    'search_logs',
    `INSERT INTO search_logs (created_at, actor_role, filters, result_ids, best_score, unmet, model)
     WITH x AS MATERIALIZED (
       SELECT ${S} + (${E} - ${S}) * power(random(), 0.8) AS at, random() AS u, random() AS v FROM generate_series(1, ${sizes.searchLogs})
     )
     SELECT at, 'coordinator',
            CASE WHEN u < 0.3 THEN '{}'::jsonb
                 WHEN u < 0.7 THEN jsonb_build_object('areas', jsonb_build_array(${pick(AREAS)}))
                 WHEN u < 0.85 THEN jsonb_build_object('types', jsonb_build_array(${pick(TYPES, 1.4)}))
                 ELSE jsonb_build_object('areas', jsonb_build_array(${pick(AREAS)}, ${pick(AREAS)}), 'types',
                   jsonb_build_array(${pick(TYPES, 1.4)})) END,
            CASE WHEN v < 0.2 THEN '{}'::uuid[] ELSE ARRAY[${Array(10).fill('gen_random_uuid()').join(', ')}] END,
            CASE WHEN v < 0.2 THEN 0.2 * random() ELSE 0.35 + 0.5 * random() END, v < 0.2, 'bench-model'
       FROM x ORDER BY at`,
  );
  await step('drop staging tables', `DROP TABLE bench_cp, bench_fu, bench_pl, bench_part, bench_res, bench_org`);
  return steps;
}

/** Invariants of the generated data (all must be 0) and its shape, so the figures are plausible. */
async function checkData(ds: DataSource, end: Date): Promise<{ violations: Record<string, number>; shape: string[] }> {
  const E = `'${end.toISOString()}'::timestamptz`;
  const one = async (sql: string) => Number((await ds.query(sql))[0].n);
  const violations: Record<string, number> = {
    'placement state ≠ last transition': await one(
      `SELECT count(*) AS n FROM placements p JOIN LATERAL (SELECT e.to_state FROM placement_events e WHERE e.placement_id = p.id
        AND e.from_state IS DISTINCT FROM e.to_state
         ORDER BY e.occurred_at DESC LIMIT 1) last ON true WHERE last.to_state <> p.state`,
    ),
    'transition chain broken (from_state ≠ previous to_state)': await one(
      `SELECT count(*) AS n FROM (SELECT from_state, lag(to_state) OVER (PARTITION BY placement_id ORDER BY occurred_at) AS prev
        FROM placement_events WHERE from_state IS DISTINCT FROM to_state) t
        WHERE from_state IS DISTINCT FROM prev`,
    ),
    'event outside [proposed_at, closed_at]': await one(
      `SELECT count(*) AS n FROM placement_events e JOIN placements p ON p.id = e.placement_id
        WHERE e.occurred_at < p.proposed_at OR e.occurred_at > COALESCE(p.closed_at, ${E})`,
    ),
    'active_at ≠ time of the active event': await one(
      `SELECT count(*) AS n FROM placement_events e JOIN placements p ON p.id = e.placement_id WHERE e.to_state = 'active'
        AND e.from_state <> 'active' AND e.occurred_at <> p.active_at`,
    ),
    'participant or resource created after the proposal': await one(
      `SELECT count(*) AS n FROM placements p JOIN participants pa ON pa.id = p.participant_id JOIN resources r ON r.id = p.resource_id
        WHERE pa.created_at > p.proposed_at OR r.created_at > p.proposed_at`,
    ),
    'resource created before its organisation': await one(
      `SELECT count(*) AS n FROM resources r JOIN organizations o ON o.id = r.organization_id WHERE o.created_at > r.created_at`,
    ),
    'consent recorded before registration': await one(
      `SELECT count(*) AS n FROM consent_events c JOIN participants p ON p.id = c.participant_id WHERE c.recorded_at < p.created_at`,
    ),
    'checkpoint done/cancelled before it was created': await one(
      `SELECT count(*) AS n FROM follow_up_checkpoints WHERE done_at < created_at`,
    ),
    'anything in the future': await one(
      `SELECT (SELECT count(*) FROM placement_events WHERE occurred_at > ${E}) + (SELECT count(*) FROM checkins
        WHERE created_at > ${E}) + (SELECT count(*) FROM search_logs WHERE created_at > ${E}) AS n`,
    ),
  };
  const dist = async (label: string, sql: string) => {
    const rows: Array<{ k: string; n: string }> = await ds.query(sql);
    return `${label}: ${rows.map((r) => `${r.k ?? 'null'} ${fmtInt(Number(r.n))}`).join(', ')}`;
  };
  const shape = [
    await dist('placements by state', `SELECT state AS k, count(*) AS n FROM placements GROUP BY 1 ORDER BY 2 DESC`),
    await dist(
      'closed by outcome',
      `SELECT outcome AS k, count(*) AS n FROM placements WHERE outcome IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
    ),
    await dist(
      'events by to_state (transitions / same-state)',
      `SELECT to_state || CASE WHEN from_state IS DISTINCT FROM to_state THEN '' ELSE '=' END AS k, count(*) AS n FROM placement_events
        GROUP BY 1 ORDER BY 2 DESC`,
    ),
    await dist(
      'placements proposed per fiscal year',
      `SELECT 'FY' || (EXTRACT(YEAR FROM (proposed_at AT TIME ZONE 'Asia/Tokyo') - interval '3 months'))::int AS k, count(*) AS n
        FROM placements GROUP BY 1 ORDER BY 1`,
    ),
    await dist('checkpoints by status', `SELECT status AS k, count(*) AS n FROM follow_up_checkpoints GROUP BY 1 ORDER BY 2 DESC`),
    await dist('resources by status', `SELECT status AS k, count(*) AS n FROM resources GROUP BY 1 ORDER BY 2 DESC`),
    await dist('participants by consent', `SELECT consent_status AS k, count(*) AS n FROM participants GROUP BY 1 ORDER BY 2 DESC`),
  ];
  return { violations, shape };
}

const TABLES = [
  'participants',
  'consent_events',
  'organizations',
  'resources',
  'resource_status_events',
  'placements',
  'placement_events',
  'follow_up_plans',
  'follow_up_checkpoints',
  'checkins',
  'search_logs',
];

async function tableSizes(ds: DataSource): Promise<Array<{ table: string; rows: number; mib: number }>> {
  const out: Array<{ table: string; rows: number; mib: number }> = [];
  for (const table of TABLES) {
    const [r] = await ds.query(`SELECT count(*)::int AS rows, pg_total_relation_size('${table}') AS bytes FROM ${table}`);
    out.push({ table, rows: r.rows, mib: Number(r.bytes) / 2 ** 20 });
  }
  return out;
}

// ---------------------------------------------------------------------------
// measurement

/** Which figure a report statement computes (the repository's SQL, recognised by its text). */
function statementName(raw: string): string {
  const sql = raw.replace(/\s+/g, ' ');
  if (sql.includes("c.kind = 'after_closure'")) return 'afterClosure';
  if (sql.includes('FROM placement_events')) return 'transitions (matches, closed, settled)';
  if (sql.includes('pl.proposed_at >=')) return 'proposed';
  if (sql.includes('pl.active_at <')) return 'activeAtEnd';
  if (sql.includes('FROM checkins')) return 'checkins';
  if (sql.includes('c.due_on >=')) return 'checkpointsDue';
  if (sql.includes('c.overdue_at <')) return 'overdueAtEnd';
  if (sql.includes('FROM participants pa JOIN pr')) return 'participants.registered';
  if (sql.includes('FROM consent_events')) return 'consent';
  if (sql.includes('JOIN LATERAL (SELECT s.status') || sql.includes('lead(s.occurred_at)')) return 'openAtEnd (catalogue)';
  if (sql.includes('FROM organizations')) return 'newOrganizations';
  if (sql.includes('FROM resources r JOIN pr ON r.created_at')) return 'newResources';
  if (sql.includes('FROM resource_status_events s JOIN')) return 'pausedOrClosed';
  if (sql.includes("s.filters -> 'areas'")) return 'searches by area';
  if (sql.includes("s.filters -> 'types'")) return 'searches by type';
  return 'other';
}

interface Captured {
  name: string;
  sql: string;
  params: unknown[];
  /** Statements sent before it in its transaction (SET LOCAL work_mem), replayed when it is timed or explained. */
  prelude: string[];
}

/** A DataSource whose query() and transactions record the statements the repository sends (everything else delegates). */
function capturing(ds: DataSource, sink: { on: boolean; statements: Captured[] }): DataSource {
  const wrapped = Object.create(ds) as DataSource;
  wrapped.query = (async (sql: string, params?: unknown[]) => {
    if (sink.on) sink.statements.push({ name: statementName(sql), sql, params: params ?? [], prelude: [] });
    return ds.query(sql, params);
  }) as DataSource['query'];
  wrapped.transaction = (async (run: (m: EntityManager) => Promise<unknown>) =>
    ds.transaction(async (m) => {
      const prelude: string[] = [];
      const wm = Object.create(m) as EntityManager;
      wm.query = (async (sql: string, params?: unknown[]) => {
        if (/^\s*SET\s+LOCAL\b/i.test(sql)) prelude.push(sql);
        else if (sink.on) sink.statements.push({ name: statementName(sql), sql, params: params ?? [], prelude: [...prelude] });
        return m.query(sql, params);
      }) as EntityManager['query'];
      return run(wm);
    })) as DataSource['transaction'];
  return wrapped;
}

/** One captured statement as the repository ran it (its SET LOCAL prelude in the same transaction). */
function runCaptured<T>(ds: DataSource, s: Captured, sql = s.sql): Promise<T> {
  if (!s.prelude.length) return ds.query(sql, s.params);
  return ds.transaction(async (m) => {
    for (const p of s.prelude) await m.query(p);
    return m.query(sql, s.params);
  });
}

interface PhaseResult {
  name: string;
  months: Array<{ month: string; ms: number; csvMs: number; csvBytes: number }>;
  warmUpMs: number;
  fiscalYears: Array<{ year: string; ms: number; csvMs: number; csvBytes: number; separateMs: number }>;
}

async function measurePhase(
  name: string,
  service: ReportService,
  repo: ReportRepository,
  months: string[],
  warmUp: string,
  years: string[],
): Promise<PhaseResult> {
  log(`${name}: warm-up ${warmUp}…`);
  const warm = await timed(() => service.monthly(warmUp, true));
  log(`  warm-up ${warmUp}: ${dur(warm.ms)}`);
  const result: PhaseResult = { name, months: [], warmUpMs: warm.ms, fiscalYears: [] };
  for (const month of months) {
    const r = await timed(() => service.monthly(month, true));
    const csv = await timed(() => service.monthlyCsv(r.value));
    result.months.push({ month, ms: r.ms, csvMs: csv.ms, csvBytes: Buffer.byteLength(csv.value) });
    log(`  monthly ${month}: ${dur(r.ms)} (CSV ${dur(csv.ms)}, ${fmtInt(Buffer.byteLength(csv.value))} B)`);
  }
  for (const year of years) {
    const r = await timed(() => service.fiscalYear(year, true));
    const csv = await timed(() => service.fiscalYearCsv(r.value));
    // Back to back, the way fiscalYear counted before the grouped pass: 12 month passes and the year's, sent together.
    const { total, months: periods } = fiscalYearPeriod(year);
    const separate = await timed(() => Promise.all([...periods, total].map((p) => repo.compute(p))));
    result.fiscalYears.push({ year, ms: r.ms, csvMs: csv.ms, csvBytes: Buffer.byteLength(csv.value), separateMs: separate.ms });
    const bytes = fmtInt(Buffer.byteLength(csv.value));
    log(`  fiscalYear ${year}: ${dur(r.ms)} (CSV ${dur(csv.ms)}, ${bytes} B); 13 separate passes ${dur(separate.ms)}`);
  }
  return result;
}

/** The statements of one ReportRepository.compute(period), in the order it sends them. */
async function statementsOf(repo: ReportRepository, sink: { on: boolean; statements: Captured[] }, period: Period): Promise<Captured[]> {
  sink.statements = [];
  sink.on = true;
  try {
    await repo.compute(period);
  } finally {
    sink.on = false;
  }
  return sink.statements;
}

/** Median of `runs` sequential executions of one statement (nothing else running). */
async function timeStatement(ds: DataSource, s: Captured, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(() => runCaptured(ds, s))).ms);
  return median(times);
}

async function explain(ds: DataSource, s: Captured): Promise<string> {
  const rows: Array<{ 'QUERY PLAN': string }> = await runCaptured(ds, s, `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

interface StatementTiming {
  name: string;
  monthMs: number;
  yearMs: number;
}

/** Every statement alone: median over the measured months (3 runs each) and over the fiscal-year totals. */
async function timeStatements(
  ds: DataSource,
  repo: ReportRepository,
  sink: { on: boolean; statements: Captured[] },
  months: string[],
  years: string[],
): Promise<StatementTiming[]> {
  const perMonth = new Map<string, number[]>();
  const perYear = new Map<string, number[]>();
  for (const month of months) {
    for (const s of await statementsOf(repo, sink, monthPeriod(month)))
      (perMonth.get(s.name) ?? perMonth.set(s.name, []).get(s.name)!).push(await timeStatement(ds, s));
  }
  for (const year of years) {
    for (const s of await statementsOf(repo, sink, fiscalYearPeriod(year).total))
      (perYear.get(s.name) ?? perYear.set(s.name, []).get(s.name)!).push(await timeStatement(ds, s));
  }
  return [...perMonth.keys()].map((name) => ({ name, monthMs: median(perMonth.get(name)!), yearMs: median(perYear.get(name) ?? [NaN]) }));
}

// ---------------------------------------------------------------------------
// proposals: created in the bench database only, after the ANALYZE phase

interface Proposal {
  key: string;
  title: string;
  /** Statements the proposal is about (timed alone before and after). */
  statements: string[];
  apply: string[];
  undo: string[];
  /** Replaces a statement's SQL (a proposed repository change), else the SQL is the repository's. */
  rewrite?: (s: Captured) => Captured;
}

const PROPOSALS: Proposal[] = [];

// ---------------------------------------------------------------------------
// report

interface Results {
  sizes: Array<{ table: string; rows: number; mib: number }>;
  dataDirMiB: number;
  gen: GenStep[];
  genMs: number;
  analyzeMs: number;
  window: { from: string; to: string };
  phases: PhaseResult[];
  statements: { deployed: StatementTiming[]; analyzed: StatementTiming[] };
  proposals: Array<{
    p: Proposal;
    createMs: number;
    statements: Array<{ name: string; beforeMonth: number; afterMonth: number; beforeYear: number; afterYear: number }>;
  }>;
  explains: Array<{ title: string; plan: string }>;
  settings: Record<string, string>;
  load: { before: string; after: string };
  waitNote: string;
  monthsMeasured: string[];
  warmUp: string;
  years: string[];
  shape: string[];
  sample: { month: string; figures: string };
}

function mainTable(r: Results): string {
  const cols = r.phases.map((p) => p.name);
  const row = (label: string, values: string[], target: string) => `| ${label} | ${values.join(' | ')} | ${target} |`;
  const lines = [`| measurement | ${cols.join(' | ')} | target |`, `|---|${cols.map(() => '---:').join('|')}|---|`];
  const mark = (x: number, limit: number) => `${dur(x)} ${x < limit ? '✓' : '✗'}`;
  lines.push(
    row(
      `monthly(month, live) p50 of ${r.monthsMeasured.length} months`,
      r.phases.map((p) => mark(median(p.months.map((m) => m.ms)), TARGET_MONTH_MS)),
      '< 2 s',
    ),
  );
  lines.push(
    row(
      `monthly(month, live) max of ${r.monthsMeasured.length} months`,
      r.phases.map((p) => mark(Math.max(...p.months.map((m) => m.ms)), TARGET_MONTH_MS)),
      '< 2 s',
    ),
  );
  lines.push(
    row(
      `monthly warm-up (${r.warmUp}, first call of the phase)`,
      r.phases.map((p) => dur(p.warmUpMs)),
      '',
    ),
  );
  for (const [i, year] of r.years.entries()) {
    lines.push(
      row(
        `fiscalYear(${year}, live): 12 months + year total, one grouped pass`,
        r.phases.map((p) => mark(p.fiscalYears[i].ms, TARGET_FY_MS)),
        '< 1 s',
      ),
    );
    lines.push(
      row(
        `  the same as 13 separate passes (ReportRepository.compute per month and the year, as before), back to back`,
        r.phases.map((p) => dur(p.fiscalYears[i].separateMs)),
        '',
      ),
    );
  }
  lines.push(
    row(
      'monthlyCsv p50 / max',
      r.phases.map((p) => `${ms(median(p.months.map((m) => m.csvMs)))} / ${ms(Math.max(...p.months.map((m) => m.csvMs)))} ms`),
      '',
    ),
  );
  lines.push(
    row(
      'fiscalYearCsv max',
      r.phases.map((p) => `${ms(Math.max(...p.fiscalYears.map((y) => y.csvMs)))} ms`),
      '',
    ),
  );
  return lines.join('\n');
}

function statementTable(r: Results): string {
  const a = new Map(r.statements.analyzed.map((s) => [s.name, s]));
  const lines = [
    '| statement (one ReportRepository query, run alone) | month, no stats | month, ANALYZE | fiscal-year total, no stats | fiscal-year ' +
      'total, ANALYZE |',
    '|---|---:|---:|---:|---:|',
  ];
  const sorted = [...r.statements.deployed].sort((x, y) => y.yearMs - x.yearMs);
  for (const s of sorted) {
    const t = a.get(s.name);
    lines.push(`| ${s.name} | ${ms(s.monthMs)} ms | ${t ? ms(t.monthMs) : '–'} ms | ${ms(s.yearMs)} ms | ${t ? ms(t.yearMs) : '–'} ms |`);
  }
  const sum = (xs: StatementTiming[], k: 'monthMs' | 'yearMs') => xs.reduce((acc, s) => acc + s[k], 0);
  lines.push(
    `| **sum** | ${ms(sum(r.statements.deployed, 'monthMs'))} ms | ${ms(sum(r.statements.analyzed, 'monthMs'))} ms | ` +
      `${ms(sum(r.statements.deployed, 'yearMs'))} ms | ${ms(sum(r.statements.analyzed, 'yearMs'))} ms |`,
  );
  return lines.join('\n');
}

function proposalTable(r: Results): string {
  if (!r.proposals.length) return '';
  const lines = [
    '| proposal (tested in the bench database) | statement | month: before → after | fiscal-year total: before → after | build |',
    '|---|---|---:|---:|---:|',
  ];
  for (const { p, createMs, statements } of r.proposals) {
    for (const [i, s] of statements.entries()) {
      lines.push(
        `| ${i === 0 ? `${p.key}: ${p.title}` : ''} | ${s.name} | ${ms(s.beforeMonth)} → ${ms(s.afterMonth)} ms | ${ms(s.beforeYear)} → ` +
          `${ms(s.afterYear)} ms | ${i === 0 ? dur(createMs) : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

function sizesTable(r: Results): string {
  return [
    '| table | rows | size (table + indexes) |',
    '|---|---:|---:|',
    ...r.sizes.map((s) => `| ${s.table} | ${fmtInt(s.rows)} | ${s.mib.toFixed(1)} MiB |`),
    `| (data directory) | | ${r.dataDirMiB.toFixed(0)} MiB |`,
  ].join('\n');
}

function genTable(r: Results): string {
  return [
    '| generation step (bulk SQL) | time |',
    '|---|---:|',
    ...r.gen.map((g) => `| ${g.name} | ${dur(g.ms)} |`),
    `| **total** | **${dur(r.genMs)}** |`,
    `| ANALYZE (all tables, for the second phase) | ${dur(r.analyzeMs)} |`,
  ].join('\n');
}

function markdown(r: Results): string {
  return [mainTable(r), '', statementTable(r), ...(r.proposals.length ? ['', proposalTable(r)] : [])].join('\n');
}

function writeDocs(r: Results, command: string, m: Machine) {
  writeDocsSection(
    SECTION,
    [
      `Date: ${new Date().toISOString().slice(0, 10)}  `,
      `Machine: ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memGiB} GiB RAM; Node ${m.node}; PGlite ${m.pglite} (embedded, one session, in a ` +
        `child process; ${Object.entries(r.settings)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})  `,
      `Load average (1/5/15 min) before generation: ${r.load.before}; after the measurements: ${r.load.after}; ${r.waitNote}  `,
      `Command: \`${command}\`  `,
      `Data window: ${r.window.from} – ${r.window.to} (3 years up to the run; Asia/Tokyo); months measured ${r.monthsMeasured.join(
        ', ' + '',
      )} (warm-up ${r.warmUp}); fiscal years ${r.years.join(', ')}`,
      '',
      '### Data',
      '',
      sizesTable(r),
      '',
      ...r.shape.map((line) => `- ${line}`),
      `- Figures of ${r.sample.month}: ${r.sample.figures}`,
      '',
      genTable(r),
      '',
      '### Results',
      '',
      markdown(r),
      '',
      ...PROPOSAL_NOTES(r),
      '',
    ],
    log,
  );
}

function PROPOSAL_NOTES(r: Results): string[] {
  return [
    '- Path measured: `ReportService.monthly(month, true)` and `ReportService.fiscalYear(year, true)` (live: no snapshot look-up) on a ' +
      "TypeORM DataSource with the service's `dataSourceOptions` (pool of 10); the repository sends its statements concurrently, the " +
      'embedded database runs them one after another. "Run alone" = one statement at a time, median of 3 runs (months: median over the ' +
      'measured months).',
    '- "no stats": the planner works from page counts only, as on a fresh embedded database (PGlite has no autovacuum) until the ' +
      'reconciler\'s first `ANALYZE`; the reconciler runs one at its first run and every six hours, so "ANALYZE" is the steady state.',
    `- Placement events: ${r.sizes.find((s) => s.table === 'placement_events')?.rows.toLocaleString('en-US')} rows = every transition ` +
      `(proposed → visit → trial → active → closed, steps skipped as the state machine allows) plus same-state events (from_state = ` +
      `to_state: notes, follow-up extensions as active → active), spread over each placement's open period in proportion to its length.`,
  ];
}

// ---------------------------------------------------------------------------

function monthsBack(current: string, n: number): string {
  const [y, m] = current.split('-').map(Number);
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function duMiB(dir: string): number {
  try {
    return Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split(/\s+/)[0]) / 1024;
  } catch {
    return NaN;
  }
}

/** What a kept --data-dir was generated with, so a later run re-uses it instead of generating again. */
interface Generated {
  scale: number;
  end: string;
  gen: GenStep[];
  genMs: number;
}
const GENERATED_FILE = 'bench-reports.generated.json';

async function run(ds: DataSource, tmp: string, opts: Options, waitNote: string, reuse: Generated | null): Promise<Results> {
  const sizes = Object.fromEntries(Object.entries(BASE_SIZES).map(([k, v]) => [k, Math.max(10, Math.round(v * opts.scale))])) as Sizes;
  const end = reuse ? new Date(reuse.end) : new Date();
  const start = new Date(end.getTime() - 3 * 365 * 86_400_000);
  const today = tokyoDate(end);
  const currentMonth = today.slice(0, 7);
  const currentFy = Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const years = [String(currentFy - 2), String(currentFy - 1)];
  const monthsMeasured = [1, 5, 9, 13, 17].map((n) => monthsBack(currentMonth, n));
  const warmUp = monthsBack(currentMonth, 3);

  const settings: Record<string, string> = {};
  for (const name of ['shared_buffers', 'work_mem']) settings[name] = (await ds.query(`SHOW ${name}`))[0][name];
  const loadBefore = loadAvg();
  log(
    `generating ${Object.entries(sizes)
      .map(([k, v]) => `${fmtInt(v)} ${k}`)
      .join(', ')} (window ${tokyoDate(start)} – ${today}); load average ${loadBefore}`,
  );
  const t0 = performance.now();
  const gen = reuse ? reuse.gen : await generate(ds, sizes, start, end);
  const genMs = reuse ? reuse.genMs : performance.now() - t0;
  if (reuse) log(`re-using the data generated in ${tmp} (window ends ${reuse.end}, generated in ${sec(genMs)} s)`);
  else log(`generation took ${sec(genMs)} s`);
  if (opts.dataDir && !reuse) {
    const kept: Generated = { scale: opts.scale, end: end.toISOString(), gen, genMs };
    fs.writeFileSync(path.join(tmp, GENERATED_FILE), JSON.stringify(kept));
  }
  const check = await checkData(ds, end);
  for (const line of check.shape) log(`  ${line}`);
  const broken = Object.entries(check.violations).filter(([, n]) => n > 0);
  if (broken.length) throw new Error(`generated data is inconsistent: ${broken.map(([k, n]) => `${k}: ${n}`).join('; ')}`);
  log(`  data checks passed: ${Object.keys(check.violations).join('; ')} — all 0`);
  const tableRows = await tableSizes(ds);
  for (const s of tableRows) log(`  ${s.table.padEnd(24)} ${fmtInt(s.rows).padStart(10)} rows ${s.mib.toFixed(1).padStart(7)} MiB`);
  const dataDirMiB = duMiB(tmp);

  const sink = { on: false, statements: [] as Captured[] };
  const repo = new ReportRepository(capturing(ds, sink));
  const service = new ReportService(repo, new Clock());
  const phases: PhaseResult[] = [];
  const explains: Results['explains'] = [];

  const explainSlow = async (phase: string, timings: StatementTiming[]) => {
    const slow = [...timings].sort((x, y) => y.yearMs - x.yearMs).slice(0, opts.explain ? timings.length : 3);
    for (const t of slow) {
      for (const [label, period] of [
        ['month', monthPeriod(monthsMeasured[0])],
        ['fiscal-year total', fiscalYearPeriod(years[1]).total],
      ] as const) {
        const s = (await statementsOf(repo, sink, period)).find((x) => x.name === t.name)!;
        const plan = await explain(ds, s);
        explains.push({ title: `${phase}, ${t.name}, ${label} ${period.label}`, plan });
        log(`EXPLAIN (ANALYZE, BUFFERS) ${phase}, ${t.name}, ${label} ${period.label}:\n${plan}\n`);
      }
    }
  };

  if (opts.quick) {
    const ctx = { tableRows, dataDirMiB, gen, genMs, start, today, settings, loadBefore, waitNote, warmUp, check };
    return quickRun(ds, service, repo, sink, years, monthsMeasured, opts, ctx);
  }

  // Phase 1: as deployed.
  phases.push(await measurePhase('no stats (fresh database)', service, repo, monthsMeasured, warmUp, years));
  const sampleReport = await service.monthly(monthsMeasured[0], true);
  const sample = {
    month: monthsMeasured[0],
    figures: sampleReport.figures.map((f) => `${f.key} ${f.value === null ? '—' : fmtInt(f.value)}`).join(', '),
  };
  log(`sample ${sample.month}: ${sample.figures}`);
  log('timing every statement alone (no stats)…');
  const deployed = await timeStatements(ds, repo, sink, monthsMeasured, years);
  await explainSlow('no stats', deployed);

  // Phase 2: after ANALYZE.
  const analyzeMs = (await timed(() => ds.query('ANALYZE'))).ms;
  log(`ANALYZE: ${dur(analyzeMs)}`);
  phases.push(await measurePhase('after ANALYZE', service, repo, monthsMeasured, warmUp, years));
  log('timing every statement alone (ANALYZE)…');
  const analyzed = await timeStatements(ds, repo, sink, monthsMeasured, years);
  await explainSlow('ANALYZE', analyzed);

  // Phase 3: proposals (indexes in the bench database; statement rewrites timed bench-side).
  const proposals: Results['proposals'] = [];
  if (opts.proposals && PROPOSALS.length) {
    const byName = new Map(analyzed.map((s) => [s.name, s]));
    for (const p of PROPOSALS) {
      const createMs = (
        await timed(async () => {
          for (const sql of p.apply) await ds.query(sql);
        })
      ).ms;
      const rows = [];
      for (const name of p.statements) {
        const after = async (period: Period) => {
          const s = (await statementsOf(repo, sink, period)).find((x) => x.name === name)!;
          return timeStatement(ds, p.rewrite ? p.rewrite(s) : s);
        };
        const monthTimes: number[] = [];
        for (const m of monthsMeasured) monthTimes.push(await after(monthPeriod(m)));
        const yearTimes: number[] = [];
        for (const y of years) yearTimes.push(await after(fiscalYearPeriod(y).total));
        rows.push({
          name,
          beforeMonth: byName.get(name)!.monthMs,
          afterMonth: median(monthTimes),
          beforeYear: byName.get(name)!.yearMs,
          afterYear: median(yearTimes),
        });
        log(
          `proposal ${p.key} ${name}: month ${ms(byName.get(name)!.monthMs)} → ${ms(median(monthTimes))} ms, year ` +
            `${ms(byName.get(name)!.yearMs)} → ${ms(median(yearTimes))} ms`,
        );
      }
      proposals.push({ p, createMs, statements: rows });
    }
    phases.push(await measurePhase('ANALYZE + proposed indexes', service, repo, monthsMeasured, warmUp, years));
  }

  return {
    sizes: tableRows,
    dataDirMiB,
    gen,
    genMs,
    analyzeMs,
    window: { from: tokyoDate(start), to: today },
    phases,
    statements: { deployed, analyzed },
    proposals,
    explains,
    settings,
    load: { before: loadBefore, after: loadAvg() },
    waitNote,
    monthsMeasured,
    warmUp,
    years,
    shape: check.shape,
    sample,
  };
}

/**
 * CPU time (user + system, ms) used so far by this process's children — the embedded database's process — read
 * from /proc: unlike wall time, it hardly changes with the other processes sharing the two cores.
 */
function childCpuMs(): number {
  let ticks = 0;
  for (const task of fs.readdirSync(`/proc/${process.pid}/task`)) {
    let children: string;
    try {
      children = fs.readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const pid of children.trim().split(/\s+/).filter(Boolean)) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
      } catch {
        // exited meanwhile
      }
    }
  }
  return (ticks * 1000) / 100; // USER_HZ = 100 on Linux
}

/**
 * --quick: ANALYZE, then fiscalYear(live) of the two years `rounds` times each (the figure the < 1 s target is
 * about), and the EXPLAIN (ANALYZE, BUFFERS) of the grouped pass's slowest statements of the later year.
 */
async function quickRun(
  ds: DataSource,
  service: ReportService,
  repo: ReportRepository,
  sink: { on: boolean; statements: Captured[] },
  years: string[],
  monthsMeasured: string[],
  opts: Options,
  ctx: {
    tableRows: Results['sizes'];
    dataDirMiB: number;
    gen: GenStep[];
    genMs: number;
    start: Date;
    today: string;
    settings: Record<string, string>;
    loadBefore: string;
    waitNote: string;
    warmUp: string;
    check: { shape: string[] };
  },
): Promise<Results> {
  const analyzeMs = (await timed(() => ds.query('ANALYZE'))).ms;
  log(`ANALYZE: ${dur(analyzeMs)}; load average ${loadAvg()}`);
  const phase: PhaseResult = { name: 'after ANALYZE (quick)', months: [], warmUpMs: NaN, fiscalYears: [] };
  for (let round = 0; round < opts.rounds; round++) {
    for (const year of years) {
      const cpu0 = childCpuMs();
      const r = await timed(() => service.fiscalYear(year, true));
      const cpu = childCpuMs() - cpu0;
      phase.fiscalYears.push({ year, ms: r.ms, csvMs: NaN, csvBytes: NaN, separateMs: NaN });
      log(`  round ${round + 1} fiscalYear ${year}: ${dur(r.ms)}, database CPU ${dur(cpu)} (load average ${loadAvg()})`);
    }
  }
  // The path a coordinator's 年度 request takes: the finished months served from their snapshots (the monthly
  // job makes them), so only the year total is counted live. Snapshots are kept in the data dir (immutable).
  for (const year of years) {
    const t = await timed(async () => {
      for (const m of fiscalYearPeriod(year).months) await service.snapshot(m.label);
    });
    log(`  snapshots of the 12 months of ${year} (made once, kept): ${dur(t.ms)}`);
  }
  for (let round = 0; round < opts.rounds; round++) {
    for (const year of years) {
      const cpu0 = childCpuMs();
      const r = await timed(() => service.fiscalYear(year));
      const cpu = childCpuMs() - cpu0;
      const served = r.value.months.filter((m) => m?.servedFromSnapshot).length;
      log(
        `  round ${round + 1} fiscalYear ${year} (${served} months from snapshots, the year live): ${dur(r.ms)}, ` +
          `database CPU ${dur(cpu)} (load average ${loadAvg()})`,
      );
    }
  }
  // The grouped pass's statements (year total + 12 months), each alone, slowest first, with their plans.
  const { total, months } = fiscalYearPeriod(years[1]);
  sink.statements = [];
  sink.on = true;
  try {
    await repo.computeMany([total, ...months]);
  } finally {
    sink.on = false;
  }
  const timings = [];
  for (const s of sink.statements) timings.push({ s, ms: await timeStatement(ds, s) });
  timings.sort((a, b) => b.ms - a.ms);
  for (const t of timings) log(`  grouped statement ${t.s.name}: ${dur(t.ms)}`);
  log(`  sum of the grouped statements run alone: ${dur(timings.reduce((a, t) => a + t.ms, 0))}`);
  const explains: Results['explains'] = [];
  for (const t of timings.slice(0, opts.explain ? timings.length : 3)) {
    const plan = await explain(ds, t.s);
    explains.push({ title: `grouped pass FY${years[1]}, ${t.s.name}`, plan });
    log(`EXPLAIN (ANALYZE, BUFFERS) grouped pass FY${years[1]}, ${t.s.name}:\n${plan}\n`);
  }
  return {
    sizes: ctx.tableRows,
    dataDirMiB: ctx.dataDirMiB,
    gen: ctx.gen,
    genMs: ctx.genMs,
    analyzeMs,
    window: { from: tokyoDate(ctx.start), to: ctx.today },
    phases: [phase],
    statements: { deployed: [], analyzed: [] },
    proposals: [],
    explains,
    settings: ctx.settings,
    load: { before: ctx.loadBefore, after: loadAvg() },
    waitNote: ctx.waitNote,
    monthsMeasured,
    warmUp: ctx.warmUp,
    years,
    shape: ctx.check.shape,
    sample: { month: '', figures: '' },
  };
}

async function main(onCleanUp: (step: () => Promise<void>) => void): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  log(`machine: ${m.nproc} CPUs (${m.cpu}), ${m.memGiB} GiB, Node ${m.node}; load average ${loadAvg()}`);
  const waitNote = opts.wait ? await waitForOtherBenchmarks('bench-reports', log) : 'did not check for other benchmarks (--no-wait)';
  log(waitNote);

  let tmp: string;
  let reuse: Generated | null = null;
  if (opts.dataDir) {
    // Kept: generated once (~9 min at full scale), then re-used for before/after runs of the same data.
    tmp = opts.dataDir;
    const marker = path.join(tmp, GENERATED_FILE);
    if (fs.existsSync(marker)) {
      reuse = JSON.parse(fs.readFileSync(marker, 'utf8')) as Generated;
      if (reuse.scale !== opts.scale) throw new Error(`${tmp} holds data of --scale ${reuse.scale}, not ${opts.scale}`);
    } else if (fs.existsSync(tmp) && fs.readdirSync(tmp).length) {
      throw new Error(`${tmp} is not empty and holds no ${GENERATED_FILE} (an interrupted generation?): remove it first`);
    }
    fs.mkdirSync(tmp, { recursive: true });
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-reports-'));
    tmp = dir;
    onCleanUp(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      log(`cleaned up: embedded database, ${dir}`);
    });
  }
  const db = await startEmbeddedPostgres(tmp, { sharedBuffers: loadConfig(process.env).embeddedDbSharedBuffers }); // as the service runs it
  onCleanUp(() => db.stop());
  await prepareDatabase(db.url);
  const ds = new DataSource(dataSourceOptions(db.url));
  await ds.initialize();
  onCleanUp(() => ds.destroy());
  const results = await run(ds, tmp, opts, waitNote, reuse);
  if (!opts.quick) console.log(`\n${sizesTable(results)}\n\n${genTable(results)}\n\n${markdown(results)}\n`);
  const command = `npm run bench:reports${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  if (opts.docs && !opts.quick) writeDocs(results, command, m);
}

runBench(main);
