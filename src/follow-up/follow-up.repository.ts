import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { updateReturning } from '../common/sql';
import type { CheckpointJobTiming } from '../jobs/job.repository';
import { actingPersonSql } from '../placements/placement.repository';
import type { PlanDraft } from './follow-up-plan';

/** A checkpoint's due and overdue instants, as the follow-up jobs are scheduled from them. */
export type CheckpointTiming = CheckpointJobTiming;

export type CheckpointStatus = 'scheduled' | 'due' | 'overdue' | 'done' | 'cancelled';

export interface Checkpoint {
  id: string;
  planId: string;
  dayOffset: number;
  dueOn: string;
  isFinal: boolean;
  status: CheckpointStatus;
  doneAt: Date | null;
  hostFeedback: string | null;
}

export interface Plan {
  id: string;
  sequence: number;
  startsOn: string;
  endsOn: string;
  lengthDays: number;
  checkpointDays: number[];
}

/** What a due/overdue notification needs to say, read with the checkpoint. */
export interface CheckpointContext {
  id: string;
  placementId: string;
  /** The placement's coordinator (a user id). */
  coordinatorId: string | null;
  displayName: string;
  resourceTitle: string;
  dayOffset: number;
  dueOn: string;
  isFinal: boolean;
}

export interface NewCheckin {
  placementId: string;
  checkpointId: string | null;
  date: string;
  attendance: string;
  wellbeing: number;
  hostFeedback: string | null;
  note: string | null;
  concern: string;
}

const CHECKPOINT_COLUMNS = `c.id, c.plan_id AS "planId", c.day_offset AS "dayOffset", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn",
  c.is_final AS "isFinal", c.status, c.done_at AS "doneAt", c.host_feedback AS "hostFeedback"`;

@Injectable()
export class FollowUpRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createPlan(manager: EntityManager, placementId: string, sequence: number, plan: PlanDraft): Promise<CheckpointTiming[]> {
    const [{ id: planId }] = await manager.query(
      `INSERT INTO follow_up_plans (placement_id, sequence, starts_on, ends_on, length_days, checkpoint_days)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [placementId, sequence, plan.startsOn, plan.endsOn, plan.lengthDays, plan.checkpointDays],
    );
    const c = plan.checkpoints;
    return manager.query(
      `INSERT INTO follow_up_checkpoints (placement_id, plan_id, day_offset, due_on, due_at, overdue_at, is_final)
       SELECT $1, $2, * FROM unnest($3::int[], $4::date[], $5::timestamptz[], $6::timestamptz[], $7::boolean[])
       RETURNING id, status, due_at AS "dueAt", overdue_at AS "overdueAt"`,
      [
        placementId,
        planId,
        c.map((x) => x.dayOffset),
        c.map((x) => x.dueOn),
        c.map((x) => x.dueAt),
        c.map((x) => x.overdueAt),
        c.map((x) => x.isFinal),
      ],
    );
  }

  /** Earlier plans' open checkpoints stop counting when a plan is extended or the placement closes. */
  async cancelOpen(manager: EntityManager, placementId: string): Promise<void> {
    // done_at records when the checkpoint stopped being open, so past reports stay reproducible.
    await manager.query(
      `UPDATE follow_up_checkpoints SET status = 'cancelled', done_at = now() WHERE placement_id = $1
        AND status IN ('scheduled', 'due', 'overdue')`,
      [placementId],
    );
  }

  plans(placementId: string, manager: EntityManager = this.dataSource.manager): Promise<Plan[]> {
    return manager.query(
      `SELECT id, sequence, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
              length_days AS "lengthDays", checkpoint_days AS "checkpointDays"
         FROM follow_up_plans WHERE placement_id = $1 ORDER BY sequence`,
      [placementId],
    );
  }

  checkpoints(placementId: string, manager: EntityManager = this.dataSource.manager): Promise<Checkpoint[]> {
    return manager.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM follow_up_checkpoints c WHERE c.placement_id = $1 ORDER BY c.due_on, c.created_at`,
      [placementId],
    );
  }

  async context(checkpointId: string, manager: EntityManager): Promise<CheckpointContext | null> {
    const rows: CheckpointContext[] = await manager.query(
      `SELECT c.id, c.placement_id AS "placementId", p.coordinator_user_id AS "coordinatorId", pa.display_name AS "displayName",
              r.title AS "resourceTitle", c.day_offset AS "dayOffset", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.is_final AS "isFinal"
         FROM follow_up_checkpoints c JOIN placements p ON p.id = c.placement_id
         JOIN participants pa ON pa.id = p.participant_id JOIN resources r ON r.id = p.resource_id
        WHERE c.id = $1`,
      [checkpointId],
    );
    return rows[0] ?? null;
  }

  /** Moves a checkpoint forward only from the given states: re-running a job changes nothing. */
  async advance(manager: EntityManager, checkpointId: string, to: 'due' | 'overdue' | 'done', from: CheckpointStatus[]): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE follow_up_checkpoints SET status = $2, done_at = CASE WHEN $2 = 'done' THEN now() ELSE done_at END
        WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
      [checkpointId, to, from],
    );
    return rows.length > 0;
  }

  /** The earliest checkpoint already due or overdue, for a check-in that names none. */
  async earliestOpenDue(manager: EntityManager, placementId: string): Promise<Checkpoint | null> {
    const rows: Checkpoint[] = await manager.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM follow_up_checkpoints c
        WHERE c.placement_id = $1 AND c.status IN ('due', 'overdue') ORDER BY c.due_on LIMIT 1`,
      [placementId],
    );
    return rows[0] ?? null;
  }

  async findCheckpoint(manager: EntityManager, placementId: string, checkpointId: string): Promise<Checkpoint | null> {
    const rows: Checkpoint[] = await manager.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM follow_up_checkpoints c WHERE c.id = $1 AND c.placement_id = $2`,
      [checkpointId, placementId],
    );
    return rows[0] ?? null;
  }

  async addCheckin(manager: EntityManager, checkin: NewCheckin, actor: Actor): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO checkins (placement_id, checkpoint_id, date, attendance, wellbeing, host_feedback, note, concern, actor_token_id,
        actor_role, actor_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        checkin.placementId,
        checkin.checkpointId,
        checkin.date,
        checkin.attendance,
        checkin.wellbeing,
        checkin.hostFeedback,
        checkin.note,
        checkin.concern,
        actor.tokenId,
        actor.role,
        actor.userId ?? null,
      ],
    );
    return rows[0].id;
  }

  /** The host's feedback at a checkpoint is shown as part of that checkpoint's check-in. */
  checkins(placementId: string) {
    return this.dataSource.query(
      `SELECT c.id, c.checkpoint_id AS "checkpointId", to_char(c.date, 'YYYY-MM-DD') AS date, c.attendance, c.wellbeing,
              COALESCE(c.host_feedback, cp.host_feedback) AS "hostFeedback", c.note, c.concern,
              ${actingPersonSql('c')} AS actor, c.created_at AS "createdAt"
         FROM checkins c LEFT JOIN follow_up_checkpoints cp ON cp.id = c.checkpoint_id
        WHERE c.placement_id = $1 ORDER BY c.date, c.created_at`,
      [placementId],
    );
  }

  async setHostFeedback(placementId: string, checkpointId: string, feedback: string): Promise<boolean> {
    const rows = await updateReturning(
      this.dataSource,
      `UPDATE follow_up_checkpoints SET host_feedback = $3, host_feedback_at = now() WHERE id = $2 AND placement_id = $1 RETURNING id`,
      [placementId, checkpointId, feedback],
    );
    return rows.length > 0;
  }

  /** Open checkpoints for the reconciler, keyset-paginated. */
  openCheckpoints(afterId: string | null, limit: number): Promise<CheckpointTiming[]> {
    return this.dataSource.query(
      `SELECT id, status, due_at AS "dueAt", overdue_at AS "overdueAt" FROM follow_up_checkpoints
        WHERE status IN ('scheduled', 'due') AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }
}
