import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Assignee } from '../access/access.rules';
import { afterKey, cursorAtSql, decodeCursor, pageWithCursor } from '../common/keyset';
import { listTotal } from '../common/list-total';
import type { CursorPage } from '../common/pagination';
import { escapeLike, updateReturning } from '../common/sql';
import type { ConsentStatus, HostVisibleField, ReadinessStage, ReferralRoute } from './participant.constants';

export interface ParticipantConstraints {
  availableDays?: string[];
  maxTravelMinutes?: number;
  hoursPerWeek?: number;
  avoid?: string[];
  avoidNote?: string;
  preferredAccommodations?: string[];
}

export interface Participant {
  id: string;
  displayName: string;
  realName: string | null;
  ageBand: string | null;
  area: string;
  householdNote: string | null;
  referralRoute: ReferralRoute;
  readinessStage: ReadinessStage | null;
  needs: string;
  strengths: string | null;
  considerationsForHost: string | null;
  healthNote: string | null;
  disabilityNote: string | null;
  criminalRecordNote: string | null;
  constraints: ParticipantConstraints;
  /** The assigned coordinator (a user id), and their display name. */
  coordinatorId: string | null;
  coordinatorName: string | null;
  consentStatus: ConsentStatus;
  consentDate: string | null;
  consentMethod: string | null;
  consentScope: HostVisibleField[];
  needsHash: string;
  embeddingStatus: 'pending' | 'ready' | 'failed';
  embeddingModel: string | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Writable columns: API name → SQL column. */
const COLUMNS: Record<string, string> = {
  displayName: 'display_name',
  realName: 'real_name',
  ageBand: 'age_band',
  area: 'area',
  householdNote: 'household_note',
  referralRoute: 'referral_route',
  readinessStage: 'readiness_stage',
  needs: 'needs',
  strengths: 'strengths',
  considerationsForHost: 'considerations_for_host',
  healthNote: 'health_note',
  disabilityNote: 'disability_note',
  criminalRecordNote: 'criminal_record_note',
  constraints: 'constraints',
  coordinatorId: 'coordinator_user_id',
  needsHash: 'needs_hash',
  embeddingStatus: 'embedding_status',
};

const SELECT = `
  SELECT id, display_name AS "displayName", real_name AS "realName", age_band AS "ageBand", area,
         household_note AS "householdNote", referral_route AS "referralRoute", readiness_stage AS "readinessStage",
         needs, strengths, considerations_for_host AS "considerationsForHost", health_note AS "healthNote",
         disability_note AS "disabilityNote", criminal_record_note AS "criminalRecordNote", constraints,
         coordinator_user_id AS "coordinatorId",
         (SELECT u.display_name FROM users u WHERE u.id = participants.coordinator_user_id) AS "coordinatorName",
         consent_status AS "consentStatus", to_char(consent_date, 'YYYY-MM-DD') AS "consentDate",
         consent_method AS "consentMethod", consent_scope AS "consentScope", needs_hash AS "needsHash",
         embedding_status AS "embeddingStatus", embedding_model AS "embeddingModel", erased_at AS "erasedAt",
         created_at AS "createdAt", updated_at AS "updatedAt"
    FROM participants`;

export interface ConsentEvent {
  id: string;
  status: ConsentStatus;
  method: string | null;
  scope: HostVisibleField[];
  date: string | null;
  recordedAt: Date;
}

/** SELECT with the row's cursor key (keyset paging of the list). */
const SELECT_WITH_CURSOR = SELECT.replace('SELECT id,', `SELECT ${cursorAtSql('created_at')} AS "cursorAt", id,`);

@Injectable()
export class ParticipantRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(values: Partial<Participant>): Promise<string> {
    const entries = Object.entries(values).filter(([key, v]) => COLUMNS[key] && v !== undefined);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO participants (${entries.map(([k]) => COLUMNS[k]).join(', ')})
       VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      entries.map(([k, v]) => (k === 'constraints' ? JSON.stringify(v) : v)),
    );
    return rows[0].id;
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Participant | null> {
    const rows: Participant[] = await manager.query(`${SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async findByIds(ids: string[]): Promise<Participant[]> {
    if (!ids.length) return [];
    return this.dataSource.query(`${SELECT} WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Reads under a lock, lets `change` compute the new values, writes them: one transaction. */
  async update(id: string, change: (current: Participant) => Partial<Participant>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.findById(id, manager, true);
      if (!current || current.erasedAt) return false;
      const entries = Object.entries(change(current)).filter(([key, v]) => COLUMNS[key] && v !== undefined);
      if (!entries.length) return true;
      await manager.query(
        `UPDATE participants SET ${entries.map(([k], i) => `${COLUMNS[k]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [id, ...entries.map(([k, v]) => (k === 'constraints' ? JSON.stringify(v) : v))],
      );
      const reassigned = entries.find(([k]) => k === 'coordinatorId');
      // The person's open placements move with them: their follow-up notices go to the new coordinator.
      if (reassigned && reassigned[1] !== current.coordinatorId) {
        await manager.query(
          `UPDATE placements SET coordinator_user_id = $2, updated_at = now() WHERE participant_id = $1 AND state <> 'closed'`,
          [id, reassigned[1]],
        );
      }
      return true;
    });
  }

  /** A user as a possible coordinator of a person (null when there is no such user). */
  async assignee(userId: string): Promise<Assignee | null> {
    const rows = await this.dataSource.query(`SELECT id, role, status, areas FROM users WHERE id = $1`, [userId]);
    return rows[0] ?? null;
  }

  /** Consent and its history in one transaction. */
  async setConsent(
    id: string,
    consent: { status: ConsentStatus; date: string; method: string; scope: string[] },
    actorTokenId: string | null,
    actorUserId: string | null = null,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await updateReturning(
        manager,
        `UPDATE participants SET consent_status = $2, consent_date = $3, consent_method = $4, consent_scope = $5, updated_at = now()
          WHERE id = $1 AND erased_at IS NULL RETURNING id`,
        [id, consent.status, consent.date, consent.method, consent.scope],
      );
      if (!rows.length) return false;
      await manager.query(
        `INSERT INTO consent_events (participant_id, status, method, scope, actor_token_id, actor_user_id, consent_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, consent.status, consent.method, consent.scope, actorTokenId, actorUserId, consent.date],
      );
      return true;
    });
  }

  async list(filter: {
    area?: string;
    areas?: string[];
    consentStatus?: string;
    coordinatorId?: string;
    readinessStage?: string;
    /** Part of the display name (仮名・コード), matched literally. */
    q?: string;
    page: number;
    limit: number;
    cursor?: string;
  }): Promise<CursorPage<Participant>> {
    const where = ['erased_at IS NULL'];
    const params: unknown[] = [];
    if (filter.area) where.push(`area = $${params.push(filter.area)}`);
    if (filter.areas) where.push(`area = ANY($${params.push(filter.areas)}::text[])`);
    if (filter.consentStatus) where.push(`consent_status = $${params.push(filter.consentStatus)}`);
    if (filter.coordinatorId) where.push(`coordinator_user_id = $${params.push(filter.coordinatorId)}`);
    if (filter.readinessStage) where.push(`readiness_stage = $${params.push(filter.readinessStage)}`);
    if (filter.q) where.push(`display_name ILIKE '%' || $${params.push(escapeLike(filter.q.trim()))} || '%'`);
    const clause = where.join(' AND ');
    // Newest first; `cursor` (keyset) or `page` (offset, for the screens); the total is exact up to EXACT_TOTAL_LIMIT.
    const key = filter.cursor ? decodeCursor(filter.cursor, 'uuid') : null;
    const after = key ? afterKey('created_at', 'id', 'ASC', key, params.length + 1) : null;
    const offset = key ? 0 : (filter.page - 1) * filter.limit;
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `${SELECT_WITH_CURSOR} WHERE ${clause}${after ? ` AND ${after.sql}` : ''}
          ORDER BY created_at DESC, id LIMIT ${filter.limit + 1} OFFSET ${offset}`,
        [...params, ...(after?.params ?? [])],
      ),
      listTotal((sql, p) => this.dataSource.query(sql, p), `FROM participants WHERE ${clause}`, params),
    ]);
    const page = pageWithCursor<Participant & { cursorAt?: string }>(rows, filter.limit);
    return { items: page.items, ...total, page: filter.page, limit: filter.limit, nextCursor: page.nextCursor };
  }

  /**
   * Waiting participants (consent obtained, no placement in progress) nearest to a
   * resource's vector: the coordinator's list when a host adds or reopens an opening.
   */
  async findWaitingNear(resourceId: string, model: string, limit: number): Promise<Array<Participant & { similarity: number }>> {
    const nearest: Array<{ id: string; similarity: number }> = await this.dataSource.query(
      `SELECT p.id, 1 - (p.needs_embedding <=> r.embedding) AS similarity
         FROM participants p JOIN resources r ON r.id = $1 AND r.embedding_model = $2
        WHERE p.erased_at IS NULL AND p.consent_status = 'obtained'
          AND p.embedding_status = 'ready' AND p.embedding_model = $2
          AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.participant_id = p.id AND pl.state <> 'closed')
        ORDER BY p.needs_embedding <=> r.embedding LIMIT $3`,
      [resourceId, model, limit],
    );
    const byId = new Map((await this.findByIds(nearest.map((n) => n.id))).map((p) => [p.id, p]));
    return nearest.filter((n) => byId.has(n.id)).map((n) => ({ ...byId.get(n.id)!, similarity: Number(n.similarity) }));
  }

  /** The consent history of one person, newest first (who recorded it is in the audit log). */
  async consentHistory(id: string): Promise<ConsentEvent[]> {
    return this.dataSource.query(
      `SELECT id, status, method, scope, to_char(consent_date, 'YYYY-MM-DD') AS date, recorded_at AS "recordedAt"
         FROM consent_events WHERE participant_id = $1 ORDER BY recorded_at DESC, id`,
      [id],
    );
  }

  /** Consent history, placements with their events, check-ins, notifications and support plans of one person. */
  async exportAll(id: string) {
    const [consentEvents, placements, events, checkins, notifications, supportPlans] = await Promise.all([
      this.dataSource.query(
        `SELECT status, method, scope, recorded_at AS "recordedAt" FROM consent_events WHERE participant_id = $1 ORDER BY recorded_at`,
        [id],
      ),
      this.dataSource.query(
        `SELECT p.id, p.resource_id AS "resourceId", r.title AS "resourceTitle", p.state, p.outcome, p.note, p.proposed_at AS "proposedAt",
                p.active_at AS "activeAt", p.closed_at AS "closedAt"
           FROM placements p JOIN resources r ON r.id = p.resource_id WHERE p.participant_id = $1 ORDER BY p.proposed_at`,
        [id],
      ),
      this.dataSource.query(
        `SELECT e.placement_id AS "placementId", e.from_state AS "fromState", e.to_state AS "toState", e.outcome, e.note,
          e.occurred_at AS "occurredAt"
           FROM placement_events e JOIN placements p ON p.id = e.placement_id WHERE p.participant_id = $1 ORDER BY e.occurred_at`,
        [id],
      ),
      this.dataSource.query(
        `SELECT c.placement_id AS "placementId", to_char(c.date, 'YYYY-MM-DD') AS date, c.attendance, c.wellbeing,
          c.host_feedback AS "hostFeedback", c.note, c.concern
           FROM checkins c JOIN placements p ON p.id = c.placement_id WHERE p.participant_id = $1 ORDER BY c.date`,
        [id],
      ),
      this.dataSource.query(
        `SELECT n.kind, n.message, n.created_at AS "createdAt" FROM notifications n JOIN placements p ON p.id = n.placement_id
          WHERE p.participant_id = $1 ORDER BY n.created_at`,
        [id],
      ),
      this.dataSource.query(
        `SELECT id, kind AS "planKind", to_char(made_on, 'YYYY-MM-DD') AS "madeOn", coordinator_user_id AS "coordinatorId", note,
                created_at AS "createdAt"
           FROM support_plans WHERE participant_id = $1 ORDER BY made_on, created_at`,
        [id],
      ),
    ]);
    return { consentEvents, placements, placementEvents: events, checkins, notifications, supportPlans };
  }

  /**
   * Tombstone: every personal field is cleared, free text about the person in placements,
   * check-ins, notifications and support plans too; ids, dates, area, route and stage stay so that
   * past report figures do not change.
   */
  async erase(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE participants SET display_name = '（削除済み）', real_name = NULL, age_band = NULL, household_note = NULL, needs = '',
                strengths = NULL, considerations_for_host = NULL, health_note = NULL, disability_note = NULL, criminal_record_note = NULL,
                constraints = '{}'::jsonb, consent_scope = '{}', consent_method = NULL, needs_embedding = NULL, needs_hash = '',
                embedding_status = 'pending', embedding_model = NULL, erased_at = now(), updated_at = now()
          WHERE id = $1`,
        [id],
      );
      await m.query(`UPDATE placements SET note = NULL WHERE participant_id = $1`, [id]);
      await m.query(`UPDATE placement_events SET note = NULL WHERE placement_id IN (SELECT id FROM placements WHERE participant_id = $1)`, [
        id,
      ]);
      await m.query(
        `UPDATE checkins SET note = NULL, host_feedback = NULL WHERE placement_id IN (SELECT id FROM placements WHERE participant_id = $1)`,
        [id],
      );
      await m.query(
        `UPDATE follow_up_checkpoints SET host_feedback = NULL WHERE placement_id IN (SELECT id FROM placements WHERE participant_id = $1)`,
        [id],
      );
      await m.query(
        `UPDATE notifications SET message = '（本人の記録は削除されました）' WHERE placement_id IN (SELECT id FROM placements WHERE participant_id = $1)`,
        [id],
      );
      await m.query(`UPDATE consent_events SET method = NULL WHERE participant_id = $1`, [id]);
      // 参加支援プラン: the rows (kind, 策定日, area) stay for the プラン策定件数; the note goes.
      await m.query(`UPDATE support_plans SET note = NULL WHERE participant_id = $1`, [id]);
    });
  }
}
