import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { afterKey, cursorAtSql, decodeCursor, pageWithCursor } from '../common/keyset';
import { listTotal } from '../common/list-total';
import type { CursorPage } from '../common/pagination';
import { updateReturning } from '../common/sql';
import type { Outcome, PlacementState } from './placement.constants';

export interface Placement {
  id: string;
  participantId: string;
  resourceId: string;
  resourceTitle: string;
  organizationId: string;
  organizationName: string;
  /** The placement's coordinator (a user id), and their display name. */
  coordinatorId: string | null;
  coordinatorName: string | null;
  state: PlacementState;
  outcome: Outcome | null;
  rematchedTo: string | null;
  holdsVacancy: boolean;
  note: string | null;
  visitDate: string | null;
  trialDate: string | null;
  proposedAt: Date;
  activeAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}

export interface PlacementEvent {
  fromState: PlacementState | null;
  toState: PlacementState;
  outcome: Outcome | null;
  note: string | null;
  actor: ActingPerson;
  occurredAt: Date;
}

/** Who did something, for display: the user's name, or the token's name for tokens without an owner. */
export interface ActingPerson {
  displayName: string;
  role: string;
}

/**
 * SQL for the ActingPerson of a row (table alias `x`) with actor_user_id, actor_token_id and actor_role.
 * Neither id: ADMIN_TOKEN, the deployment's own key.
 */
export function actingPersonSql(x: string): string {
  return `json_build_object(
    'displayName', COALESCE((SELECT u.display_name FROM users u WHERE u.id = ${x}.actor_user_id),
                            (SELECT t.name FROM api_tokens t WHERE t.id = ${x}.actor_token_id), '管理用トークン（ADMIN_TOKEN）'),
    'role', ${x}.actor_role)`;
}

export interface PlacementChange {
  state: PlacementState;
  outcome?: Outcome | null;
  rematchedTo?: string | null;
  holdsVacancy?: boolean;
  visitDate?: string | null;
  trialDate?: string | null;
  setActiveAt?: boolean;
  setClosedAt?: boolean;
}

const SELECT = `
  SELECT p.id, p.participant_id AS "participantId", p.resource_id AS "resourceId", r.title AS "resourceTitle",
         r.organization_id AS "organizationId", o.name AS "organizationName", p.coordinator_user_id AS "coordinatorId",
         cu.display_name AS "coordinatorName",
         p.state, p.outcome, p.rematched_to AS "rematchedTo", p.holds_vacancy AS "holdsVacancy", p.note,
         to_char(p.visit_date, 'YYYY-MM-DD') AS "visitDate", to_char(p.trial_date, 'YYYY-MM-DD') AS "trialDate",
         p.proposed_at AS "proposedAt", p.active_at AS "activeAt", p.closed_at AS "closedAt", p.updated_at AS "updatedAt"
    FROM placements p JOIN resources r ON r.id = p.resource_id JOIN organizations o ON o.id = r.organization_id
    LEFT JOIN users cu ON cu.id = p.coordinator_user_id`;

/** SELECT with the row's cursor key (keyset paging of the list). */
const SELECT_WITH_CURSOR = SELECT.replace('SELECT p.id,', `SELECT ${cursorAtSql('p.proposed_at')} AS "cursorAt", p.id,`);

@Injectable()
export class PlacementRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    manager: EntityManager,
    values: { participantId: string; resourceId: string; coordinatorId: string | null; note: string | null },
    actor: Actor,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO placements (participant_id, resource_id, coordinator_user_id, note) VALUES ($1, $2, $3, $4) RETURNING id`,
      [values.participantId, values.resourceId, values.coordinatorId, values.note],
    );
    await this.addEvent(manager, rows[0].id, { fromState: null, toState: 'proposed', outcome: null, note: values.note }, actor);
    return rows[0].id;
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Placement | null> {
    const rows: Placement[] = await manager.query(`${SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async apply(manager: EntityManager, id: string, change: PlacementChange): Promise<void> {
    await manager.query(
      `UPDATE placements SET state = $2, outcome = COALESCE($3, outcome), rematched_to = COALESCE($4, rematched_to),
              holds_vacancy = COALESCE($5, holds_vacancy), visit_date = COALESCE($6::date, visit_date),
              trial_date = COALESCE($7::date, trial_date),
              active_at = CASE WHEN $8 THEN now() ELSE active_at END,
              closed_at = CASE WHEN $9 THEN now() ELSE closed_at END, updated_at = now()
        WHERE id = $1`,
      [
        id,
        change.state,
        change.outcome ?? null,
        change.rematchedTo ?? null,
        change.holdsVacancy ?? null,
        change.visitDate ?? null,
        change.trialDate ?? null,
        Boolean(change.setActiveAt),
        Boolean(change.setClosedAt),
      ],
    );
  }

  async setDates(manager: EntityManager, id: string, dates: { visitDate?: string; trialDate?: string }): Promise<void> {
    await manager.query(
      `UPDATE placements SET visit_date = COALESCE($2::date, visit_date), trial_date = COALESCE($3::date, trial_date), updated_at = now()
        WHERE id = $1`,
      [id, dates.visitDate ?? null, dates.trialDate ?? null],
    );
  }

  async addEvent(
    manager: EntityManager,
    placementId: string,
    event: Omit<PlacementEvent, 'actor' | 'occurredAt'>,
    actor: Actor,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO placement_events (placement_id, from_state, to_state, outcome, note, actor_token_id, actor_role, actor_user_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [placementId, event.fromState, event.toState, event.outcome, event.note, actor.tokenId, actor.role, actor.userId ?? null],
    );
  }

  /** つなぎなおし: the closed placement points at the new one (set once). */
  async linkRematch(manager: EntityManager, fromId: string, toId: string): Promise<void> {
    await manager.query(`UPDATE placements SET rematched_to = $2, updated_at = now() WHERE id = $1 AND rematched_to IS NULL`, [
      fromId,
      toId,
    ]);
  }

  /** The placement this one was re-matched from (the closed one whose rematchedTo is this), if any. */
  async rematchedFrom(id: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM placements WHERE rematched_to = $1 LIMIT 1`, [id]);
    return rows[0]?.id ?? null;
  }

  events(placementId: string): Promise<PlacementEvent[]> {
    return this.dataSource.query(
      `SELECT x.from_state AS "fromState", x.to_state AS "toState", x.outcome, x.note, ${actingPersonSql('x')} AS actor,
              x.occurred_at AS "occurredAt"
         FROM placement_events x WHERE x.placement_id = $1 ORDER BY x.occurred_at, x.id`,
      [placementId],
    );
  }

  /** Takes one vacancy atomically; false when none is left (concurrent activations never oversubscribe). */
  async takeVacancy(manager: EntityManager, resourceId: string): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE resources SET vacancies = vacancies - 1, updated_at = now() WHERE id = $1 AND vacancies > 0 RETURNING id`,
      [resourceId],
    );
    return rows.length > 0;
  }

  async releaseVacancy(manager: EntityManager, resourceId: string): Promise<void> {
    await manager.query(`UPDATE resources SET vacancies = LEAST(vacancies + 1, capacity), updated_at = now() WHERE id = $1`, [resourceId]);
  }

  async list(filter: {
    participantId?: string;
    resourceId?: string;
    coordinatorId?: string;
    state?: string;
    organizationId?: string;
    participantAreas?: string[];
    page: number;
    limit: number;
    cursor?: string;
  }): Promise<CursorPage<Placement>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (filter.participantId) add('p.participant_id = ?', filter.participantId);
    if (filter.resourceId) add('p.resource_id = ?', filter.resourceId);
    if (filter.coordinatorId) add('p.coordinator_user_id = ?', filter.coordinatorId);
    if (filter.state) add('p.state = ?', filter.state);
    if (filter.organizationId) add('r.organization_id = ?', filter.organizationId);
    if (filter.participantAreas)
      add('p.participant_id IN (SELECT id FROM participants WHERE area = ANY(?::text[]))', filter.participantAreas);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Newest proposal first; `cursor` (keyset) or `page` (offset, for the screens); total exact up to EXACT_TOTAL_LIMIT.
    const key = filter.cursor ? decodeCursor(filter.cursor, 'uuid') : null;
    const after = key ? afterKey('p.proposed_at', 'p.id', 'ASC', key, params.length + 1) : null;
    const pageClause = after ? `${clause ? `${clause} AND` : 'WHERE'} ${after.sql}` : clause;
    const offset = key ? 0 : (filter.page - 1) * filter.limit;
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `${SELECT_WITH_CURSOR} ${pageClause} ORDER BY p.proposed_at DESC, p.id LIMIT ${filter.limit + 1} OFFSET ${offset}`,
        [...params, ...(after?.params ?? [])],
      ),
      listTotal((sql, p) => this.dataSource.query(sql, p), `FROM placements p JOIN resources r ON r.id = p.resource_id ${clause}`, params),
    ]);
    const page = pageWithCursor<Placement & { cursorAt?: string }>(rows, filter.limit);
    return { items: page.items, ...total, page: filter.page, limit: filter.limit, nextCursor: page.nextCursor };
  }
}
