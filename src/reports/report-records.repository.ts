import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Period } from './report.period';

/** One record behind a figure (drill-down). Participant fields are set only for participant-bearing figures. */
export interface ReportRecord {
  kind: 'placement' | 'participant' | 'plan' | 'checkpoint' | 'checkin' | 'search' | 'resource' | 'organization' | 'unmet_need';
  id: string;
  /** When it happened (ISO instant) or its date (YYYY-MM-DD). */
  at: string;
  participantId: string | null;
  participantName: string | null;
  placementId: string | null;
  resourceTitle: string | null;
  area: string | null;
  type: string | null;
  state: string | null;
  outcome: string | null;
  /** The coordinator's short, non-identifying summary of an unmet-needs register entry; null for other records. */
  summary: string | null;
}

export interface RecordFilter {
  area?: string;
  type?: string;
  /** The actor's areas (null = all): participant-bearing records outside them are not listed. */
  actorAreas: string[] | null;
}

/**
 * The same WHERE as the counting query of each figure (report.repository.ts; docs/reports.md), listing rows
 * instead of counting them. `area`/`type` pick one breakdown cell: the resource's area and type for placement
 * figures, the person's area for participant figures, the search's filters for searches.
 */
const PLACEMENT_COLUMNS = `pl.id AS "placementId", pa.id AS "participantId",
  CASE WHEN pa.erased_at IS NULL THEN pa.display_name ELSE '（削除済み）' END AS "participantName",
  r.title AS "resourceTitle", r.area AS area, r.type AS type, pl.state AS state, pl.outcome AS outcome`;
const PLACEMENT_JOIN = `JOIN placements pl ON pl.id = x.placement_id JOIN resources r ON r.id = pl.resource_id
  JOIN participants pa ON pa.id = pl.participant_id`;

interface Source {
  kind: ReportRecord['kind'];
  sql: string;
  /** Column of the breakdown area / type in `sql`'s rows, for the filters. */
  area: string;
  type?: string;
  /** Column of the area that limits an area-limited coordinator: the person's area (a register entry's own area). */
  participantArea?: string;
  /** For 実人数: one row per person. */
  distinctPeople?: boolean;
}

function events(where: string): string {
  return `SELECT e.id::text AS id, e.occurred_at AS at, ${PLACEMENT_COLUMNS}
    FROM placement_events e JOIN placements pl ON pl.id = e.placement_id JOIN resources r ON r.id = pl.resource_id
    JOIN participants pa ON pa.id = pl.participant_id
    WHERE e.occurred_at >= $1 AND e.occurred_at < $2 AND e.from_state IS DISTINCT FROM e.to_state AND ${where}`;
}

const placementSource = (sql: string, distinctPeople = false): Source => ({
  kind: 'placement',
  sql,
  area: 'area',
  type: 'type',
  participantArea: 'pa_area',
  distinctPeople,
});

const PROPOSED = `SELECT pl.id::text AS id, pl.proposed_at AS at, ${PLACEMENT_COLUMNS}, pa.area AS pa_area
  FROM placements pl JOIN resources r ON r.id = pl.resource_id JOIN participants pa ON pa.id = pl.participant_id
  WHERE pl.proposed_at >= $1 AND pl.proposed_at < $2`;
const withPaArea = (sql: string) => sql.replace('SELECT e.id::text AS id,', 'SELECT pa.area AS pa_area, e.id::text AS id,');

const SOURCES: Record<string, Source> = {
  'placements.proposed.total': placementSource(PROPOSED),
  'placements.proposed.people': placementSource(PROPOSED, true),
  'matches.total': placementSource(withPaArea(events(`e.to_state = 'active'`))),
  'matches.people': placementSource(withPaArea(events(`e.to_state = 'active'`)), true),
  'placements.closed.total': placementSource(withPaArea(events(`e.to_state = 'closed'`))),
  'placements.closed.people': placementSource(withPaArea(events(`e.to_state = 'closed'`)), true),
  'placements.rematched': placementSource(withPaArea(events(`e.to_state = 'closed' AND e.outcome = 'rematched'`))),
  'followup.ended': placementSource(withPaArea(events(`e.to_state = 'closed' AND pl.active_at IS NOT NULL`))),
  'followup.settled': placementSource(withPaArea(events(`e.to_state = 'closed' AND pl.active_at IS NOT NULL AND e.outcome = 'settled'`))),
  'followup.activeAtEnd': placementSource(
    `SELECT pl.id::text AS id, pl.active_at AS at, ${PLACEMENT_COLUMNS}, pa.area AS pa_area
      FROM placements pl JOIN resources r ON r.id = pl.resource_id JOIN participants pa ON pa.id = pl.participant_id
      WHERE pl.active_at < $2 AND (pl.closed_at IS NULL OR pl.closed_at >= $2)`,
  ),
  'followup.checkins': {
    ...placementSource(
      `SELECT x.id::text AS id, to_char(x.date, 'YYYY-MM-DD') AS at, ${PLACEMENT_COLUMNS}, pa.area AS pa_area
        FROM checkins x ${PLACEMENT_JOIN} LEFT JOIN follow_up_checkpoints cp ON cp.id = x.checkpoint_id
        WHERE x.date >= $3::date AND x.date < $4::date AND cp.kind IS DISTINCT FROM 'after_closure'`,
    ),
    kind: 'checkin',
  },
  'followup.checkpointsDue': {
    ...placementSource(
      `SELECT x.id::text AS id, to_char(x.due_on, 'YYYY-MM-DD') AS at, ${PLACEMENT_COLUMNS}, pa.area AS pa_area
        FROM follow_up_checkpoints x ${PLACEMENT_JOIN}
        WHERE x.due_on >= $3::date AND x.due_on < $4::date AND x.created_at < $2 AND x.kind = 'follow_up'`,
    ),
    kind: 'checkpoint',
  },
  // 「その後の様子確認」 after closing as 定着: counted apart from follow-up (report.repository.ts), listed apart here.
  'followup.afterClosureDue': {
    ...placementSource(
      `SELECT x.id::text AS id, to_char(x.due_on, 'YYYY-MM-DD') AS at, ${PLACEMENT_COLUMNS}, pa.area AS pa_area
        FROM follow_up_checkpoints x ${PLACEMENT_JOIN}
        WHERE x.due_on >= $3::date AND x.due_on < $4::date AND x.created_at < $2 AND x.kind = 'after_closure'`,
    ),
    kind: 'checkpoint',
  },
  'followup.afterClosureContacts': {
    ...placementSource(
      `SELECT x.id::text AS id, to_char(x.date, 'YYYY-MM-DD') AS at, ${PLACEMENT_COLUMNS}, pa.area AS pa_area
        FROM checkins x ${PLACEMENT_JOIN} JOIN follow_up_checkpoints cp ON cp.id = x.checkpoint_id AND cp.kind = 'after_closure'
        WHERE x.date >= $3::date AND x.date < $4::date`,
    ),
    kind: 'checkin',
  },
  'followup.overdueAtEnd': {
    ...placementSource(
      `SELECT x.id::text AS id, to_char(x.due_on, 'YYYY-MM-DD') AS at, ${PLACEMENT_COLUMNS}, pa.area AS pa_area
        FROM follow_up_checkpoints x ${PLACEMENT_JOIN}
        WHERE x.overdue_at < $2 AND (x.done_at IS NULL OR x.done_at >= $2) AND (pl.closed_at IS NULL OR pl.closed_at >= $2)
          AND x.kind = 'follow_up'`,
    ),
    kind: 'checkpoint',
  },
  'plans.made.total': planSource('initial'),
  'plans.made.people': planSource('initial', true),
  'plans.revised.total': planSource('revision'),
  'plans.revised.people': planSource('revision', true),
  'participants.registered': participantSource(`SELECT pa.id::text AS id, pa.created_at AS at FROM participants pa
    WHERE pa.created_at >= $1 AND pa.created_at < $2`),
  'participants.consentObtained': participantSource(consent('obtained')),
  'participants.consentWithdrawn': participantSource(consent('withdrawn')),
  'catalogue.openAtEnd': resourceSource(''),
  'catalogue.ibashoOpenAtEnd': resourceSource(`AND r.type = 'ibasho'`),
  'catalogue.newResources': {
    kind: 'resource',
    sql: `SELECT r.id::text AS id, r.created_at AS at, r.title AS "resourceTitle", r.area AS area, r.type AS type, r.status AS state
      FROM resources r WHERE r.created_at >= $1 AND r.created_at < $2 AND r.developed`,
    area: 'area',
    type: 'type',
  },
  'catalogue.pausedOrClosed': {
    kind: 'resource',
    sql: `SELECT r.id::text AS id, max(s.occurred_at) AS at, r.title AS "resourceTitle", r.area AS area, r.type AS type, r.status AS state
      FROM resource_status_events s JOIN resources r ON r.id = s.resource_id
      WHERE s.occurred_at >= $1 AND s.occurred_at < $2 AND s.status IN ('paused', 'closed') AND NOT s.initial
      GROUP BY r.id`,
    area: 'area',
    type: 'type',
  },
  'catalogue.newOrganizations': {
    kind: 'organization',
    sql: `SELECT o.id::text AS id, o.created_at AS at, o.name AS "resourceTitle", COALESCE(o.area, '（未設定）') AS area
      FROM organizations o WHERE o.created_at >= $1 AND o.created_at < $2 AND o.developed`,
    area: 'area',
  },
  'searches.total': searchSource(''),
  'searches.unmet': searchSource('AND s.unmet'),
  // The unmet-needs register: no person, but an area-limited coordinator lists only their areas' entries (as its list does).
  'unmetNeeds.recorded': {
    kind: 'unmet_need',
    sql: `SELECT n.id::text AS id, n.created_at AS at, n.area AS area, COALESCE(n.resource_type, '（指定なし）') AS type,
        n.summary AS summary
      FROM unmet_needs n WHERE n.created_at >= $1 AND n.created_at < $2`,
    area: 'area',
    type: 'type',
    participantArea: 'area',
  },
};

function participantSource(base: string): Source {
  return {
    kind: 'participant',
    sql: `SELECT b.id, b.at, b.id AS "participantId",
        CASE WHEN pa.erased_at IS NULL THEN pa.display_name ELSE '（削除済み）' END AS "participantName", pa.area AS area,
        pa.area AS pa_area
      FROM (${base}) b JOIN participants pa ON pa.id::text = b.id`,
    area: 'area',
    participantArea: 'pa_area',
  };
}

/** 参加支援プラン of one kind whose 策定日 is in the period; the area is the person's (the copy the report counts by). */
function planSource(kind: 'initial' | 'revision', distinctPeople = false): Source {
  return {
    kind: 'plan',
    sql: `SELECT sp.id::text AS id, to_char(sp.made_on, 'YYYY-MM-DD') AS at, sp.participant_id::text AS "participantId",
        CASE WHEN pa.erased_at IS NULL THEN pa.display_name ELSE '（削除済み）' END AS "participantName",
        sp.participant_area AS area, pa.area AS pa_area, sp.kind AS state
      FROM support_plans sp JOIN participants pa ON pa.id = sp.participant_id
      WHERE sp.made_on >= $3::date AND sp.made_on < $4::date AND sp.kind = '${kind}'`,
    area: 'area',
    participantArea: 'pa_area',
    distinctPeople,
  };
}

function consent(status: string): string {
  return `SELECT ce.participant_id::text AS id, min(ce.recorded_at) AS at FROM consent_events ce
    WHERE ce.recorded_at >= $1 AND ce.recorded_at < $2 AND ce.status = '${status}' GROUP BY ce.participant_id`;
}

function resourceSource(extra: string): Source {
  return {
    kind: 'resource',
    sql: `SELECT r.id::text AS id, last.occurred_at AS at, r.title AS "resourceTitle", r.area AS area, r.type AS type, last.status AS state
      FROM resources r
      JOIN LATERAL (SELECT s.status, s.occurred_at FROM resource_status_events s WHERE s.resource_id = r.id AND s.occurred_at < $2
                     ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1) last ON last.status = 'open'
      WHERE true ${extra}`,
    area: 'area',
    type: 'type',
  };
}

/**
 * Searches: the breakdown is the area / type the search was filtered on (「（指定なし）」 when not filtered). The
 * register's entries are listed apart (`unmetNeeds.recorded`).
 */
function searchSource(extra: string): Source {
  return {
    kind: 'search',
    sql: `SELECT s.id::text AS id, s.created_at AS at, s.participant_id::text AS "participantId",
        CASE WHEN jsonb_typeof(s.filters -> 'areas') = 'array' AND jsonb_array_length(s.filters -> 'areas') > 0
          THEN s.filters -> 'areas' ELSE '["（指定なし）"]'::jsonb END AS areas_json,
        CASE WHEN jsonb_typeof(s.filters -> 'types') = 'array' AND jsonb_array_length(s.filters -> 'types') > 0
          THEN s.filters -> 'types' ELSE '["（指定なし）"]'::jsonb END AS types_json,
        pa.area AS pa_area
      FROM search_logs s LEFT JOIN participants pa ON pa.id = s.participant_id
      WHERE s.created_at >= $1 AND s.created_at < $2 ${extra}`,
    area: 'areas_json',
    type: 'types_json',
    participantArea: 'pa_area',
  };
}

export const DRILLABLE_KEYS = Object.keys(SOURCES);

@Injectable()
export class ReportRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** null: the figure has no records to list (a rate). */
  async records(key: string, p: Period, filter: RecordFilter): Promise<ReportRecord[] | null> {
    const source = SOURCES[key];
    if (!source) return null;
    const params: unknown[] = [p.from, p.to, p.fromDate, p.toDate];
    const where: string[] = [];
    const json = source.area.endsWith('_json');
    if (filter.area !== undefined) {
      params.push(filter.area);
      where.push(json ? `q.${source.area} ? $${params.length}` : `q.${source.area} = $${params.length}`);
    }
    if (filter.type !== undefined && source.type) {
      params.push(filter.type);
      where.push(json ? `q.${source.type} ? $${params.length}` : `q.${source.type} = $${params.length}`);
    }
    if (filter.actorAreas && source.participantArea) {
      params.push(filter.actorAreas);
      // Searches without a person carry nothing personal; people outside the actor's areas are not listed.
      where.push(
        `(q.${source.participantArea} IS NULL AND q.kind_hint = 'search' OR q.${source.participantArea} = ANY($${params.length}))`,
      );
    }
    const distinct = source.distinctPeople ? `DISTINCT ON (q."participantId")` : '';
    const order = source.distinctPeople ? `q."participantId", q.at, q.id` : `q.at, q.id`;
    // Filters apply before one row per person is kept: a person counts in every area they had a placement in.
    const inner = `SELECT q.*, '${source.kind}' AS kind_hint FROM (${source.sql}) q`;
    const wrapped = `SELECT ${distinct} q.* FROM (${inner}) q ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
    const used = [...new Set([...wrapped.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const renumbered = wrapped.replace(/\$(\d+)/g, (_, n) => `$${used.indexOf(Number(n)) + 1}`);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      renumbered,
      used.map((n) => params[n - 1]),
    );
    return rows.map((r) => ({
      kind: source.kind,
      id: String(r.id),
      at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
      participantId: (r.participantId as string | undefined) ?? null,
      participantName: (r.participantName as string | undefined) ?? null,
      placementId: (r.placementId as string | undefined) ?? null,
      resourceTitle: (r.resourceTitle as string | undefined) ?? null,
      area: json ? (r.areas_json as string[]).join('・') : ((r.area as string | undefined) ?? null),
      type: json ? (r.types_json as string[]).join('・') : ((r.type as string | undefined) ?? null),
      state: (r.state as string | undefined) ?? null,
      outcome: (r.outcome as string | undefined) ?? null,
      summary: (r.summary as string | undefined) ?? null,
    }));
  }
}
