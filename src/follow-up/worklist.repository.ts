import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/pagination';
import type { NextStepReason } from './dto/worklist.dto';

export interface DueCheckpointRow {
  checkpointId: string;
  placementId: string;
  participantId: string;
  displayName: string;
  resourceTitle: string;
  dueOn: string;
  dayOffset: number;
  isFinal: boolean;
  status: string;
  overdue: boolean;
}

export interface NextStepRow {
  placementId: string;
  participantId: string;
  displayName: string;
  resourceTitle: string;
  state: string;
  reason: NextStepReason;
  since: string;
}

interface Filter {
  today: string;
  areas?: string[];
  page: number;
  limit: number;
}

/** The coordinator's work lists for ホーム: open checkpoints that are due, and placements waiting for a next step. */
@Injectable()
export class WorklistRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open checkpoints due today or earlier (a job may not have marked them yet: the date decides), oldest first. */
  async due(filter: Filter & { due: 'all' | 'today' | 'overdue' }): Promise<Page<DueCheckpointRow>> {
    const params: unknown[] = [filter.today];
    const where = [`c.status IN ('scheduled', 'due', 'overdue')`, `p.state = 'active'`, 'pa.erased_at IS NULL'];
    if (filter.due === 'today') where.push(`c.due_on = $1::date AND c.status <> 'overdue'`);
    else if (filter.due === 'overdue') where.push(`(c.due_on < $1::date OR c.status = 'overdue')`);
    else where.push('c.due_on <= $1::date');
    if (filter.areas) where.push(`pa.area = ANY($${params.push(filter.areas)}::text[])`);
    const from = `follow_up_checkpoints c JOIN placements p ON p.id = c.placement_id
      JOIN participants pa ON pa.id = p.participant_id JOIN resources r ON r.id = p.resource_id WHERE ${where.join(' AND ')}`;
    const [items, count] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id AS "checkpointId", p.id AS "placementId", pa.id AS "participantId", pa.display_name AS "displayName",
                r.title AS "resourceTitle", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.day_offset AS "dayOffset",
                c.is_final AS "isFinal", c.status, (c.due_on < $1::date OR c.status = 'overdue') AS overdue
           FROM ${from} ORDER BY c.due_on, c.id LIMIT ${filter.limit} OFFSET ${(filter.page - 1) * filter.limit}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM ${from}`, params),
    ]);
    return { items, total: count[0].n, page: filter.page, limit: filter.limit };
  }

  /**
   * Placements waiting for the coordinator: proposed with no visit or trial date, a trial whose day has
   * passed, and active ones whose latest plan reached its final checkpoint (decide: settle, extend, re-match).
   */
  async nextSteps(filter: Filter & { reason?: NextStepReason }): Promise<Page<NextStepRow>> {
    const params: unknown[] = [filter.today];
    const areaClause = filter.areas ? `AND pa.area = ANY($${params.push(filter.areas)}::text[])` : '';
    const reasonClause = filter.reason ? `WHERE reason = $${params.push(filter.reason)}` : '';
    const steps = `
      SELECT p.id AS "placementId", pa.id AS "participantId", pa.display_name AS "displayName", r.title AS "resourceTitle",
             p.state,
             CASE WHEN p.state = 'proposed' THEN 'no_visit_date' WHEN p.state = 'trial' THEN 'trial_ended' ELSE 'final_checkpoint' END
               AS reason,
             to_char(CASE WHEN p.state = 'proposed' THEN (p.proposed_at AT TIME ZONE 'Asia/Tokyo')::date
                          WHEN p.state = 'trial' THEN p.trial_date ELSE fc.due_on END, 'YYYY-MM-DD') AS since
        FROM placements p JOIN participants pa ON pa.id = p.participant_id JOIN resources r ON r.id = p.resource_id
        LEFT JOIN LATERAL (
          SELECT c.due_on FROM follow_up_checkpoints c
           WHERE c.placement_id = p.id AND c.is_final
             AND (c.status IN ('due', 'overdue', 'done') OR (c.status = 'scheduled' AND c.due_on <= $1::date))
             AND c.plan_id = (SELECT id FROM follow_up_plans WHERE placement_id = p.id ORDER BY sequence DESC LIMIT 1)
        ) fc ON true
       WHERE pa.erased_at IS NULL ${areaClause}
         AND ((p.state = 'proposed' AND p.visit_date IS NULL AND p.trial_date IS NULL)
           OR (p.state = 'trial' AND p.trial_date < $1::date)
           OR (p.state = 'active' AND fc.due_on IS NOT NULL))`;
    const [items, count] = await Promise.all([
      this.dataSource.query(
        `SELECT * FROM (${steps}) s ${reasonClause} ORDER BY since, "placementId"
          LIMIT ${filter.limit} OFFSET ${(filter.page - 1) * filter.limit}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM (${steps}) s ${reasonClause}`, params),
    ]);
    return { items, total: count[0].n, page: filter.page, limit: filter.limit };
  }
}
