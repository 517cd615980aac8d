import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { updateReturning } from '../common/sql';
import type { CheckpointJobTiming } from '../jobs/job.repository';
import { actingPersonSql } from '../placements/placement.repository';
import type { PlanDraft } from './follow-up-plan';
import { CHECKPOINT_OPENS_DAYS_BEFORE } from './follow-up.constants';

/** A checkpoint's status and its due and overdue instants, as its next follow-up job is scheduled from them. */
export type CheckpointTiming = CheckpointJobTiming;

export type CheckpointStatus = 'scheduled' | 'due' | 'overdue' | 'done' | 'cancelled';
/** follow_up: a checkpoint of the plan. after_closure: 「その後の様子確認」 some months after closing as 定着. */
export type CheckpointKind = 'follow_up' | 'after_closure';

export interface Checkpoint {
  id: string;
  planId: string;
  dayOffset: number;
  nominalOn: string;
  dueOn: string;
  /** The first day it may be recorded (its window opens CHECKPOINT_OPENS_DAYS_BEFORE days before dueOn). */
  opensOn: string;
  kind: CheckpointKind;
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

export interface RecomputeRow {
  id: string;
  placementId: string;
  startsOn: string;
  dayOffset: number;
  dueOn: string;
  dueAt: Date;
  overdueAt: Date;
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
  to_char(COALESCE(c.nominal_on, c.due_on), 'YYYY-MM-DD') AS "nominalOn", c.kind, c.is_final AS "isFinal", c.status,
  c.done_at AS "doneAt", c.host_feedback AS "hostFeedback",
  to_char(c.due_on - ${CHECKPOINT_OPENS_DAYS_BEFORE}, 'YYYY-MM-DD') AS "opensOn"`;

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
      `INSERT INTO follow_up_checkpoints (placement_id, plan_id, day_offset, due_on, due_at, overdue_at, is_final, nominal_on)
       SELECT $1, $2, * FROM unnest($3::int[], $4::date[], $5::timestamptz[], $6::timestamptz[], $7::boolean[], $8::date[])
       RETURNING id, status, due_at AS "dueAt", overdue_at AS "overdueAt"`,
      [
        placementId,
        planId,
        c.map((x) => x.dayOffset),
        c.map((x) => x.dueOn),
        c.map((x) => x.dueAt),
        c.map((x) => x.overdueAt),
        c.map((x) => x.isFinal),
        c.map((x) => x.nominalOn),
      ],
    );
  }

  /** 「その後の様子確認」: one contact on the placement's last plan, without jobs (it is never overdue follow-up). */
  async addAfterClosure(
    manager: EntityManager,
    placementId: string,
    contact: { dayOffset: number; nominalOn: string; dueOn: string; dueAt: Date; overdueAt: Date },
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO follow_up_checkpoints (placement_id, plan_id, day_offset, due_on, due_at, overdue_at, is_final, nominal_on, kind)
       SELECT $1, id, $2, $3, $4, $5, false, $6, 'after_closure' FROM follow_up_plans WHERE placement_id = $1
        ORDER BY sequence DESC LIMIT 1 RETURNING id`,
      [placementId, contact.dayOffset, contact.dueOn, contact.dueAt, contact.overdueAt, contact.nominalOn],
    );
    return rows.length > 0;
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
        WHERE c.placement_id = $1 AND c.status IN ('due', 'overdue') AND c.kind = 'follow_up' ORDER BY c.due_on LIMIT 1`,
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

  async setHostFeedback(
    placementId: string,
    checkpointId: string,
    feedback: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE follow_up_checkpoints SET host_feedback = $3, host_feedback_at = now() WHERE id = $2 AND placement_id = $1 RETURNING id`,
      [placementId, checkpointId, feedback],
    );
    return rows.length > 0;
  }

  /** The open 「その後の様子確認」 of a closed placement, if any. */
  async openAfterClosure(placementId: string, manager: EntityManager = this.dataSource.manager): Promise<Checkpoint | null> {
    const rows: Checkpoint[] = await manager.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM follow_up_checkpoints c
        WHERE c.placement_id = $1 AND c.kind = 'after_closure' AND c.status IN ('scheduled', 'due', 'overdue') ORDER BY c.due_on LIMIT 1`,
      [placementId],
    );
    return rows[0] ?? null;
  }

  /** One plan checkpoint's status and instants, for the job that comes next (null for none or an after-closure contact). */
  async jobTiming(checkpointId: string): Promise<CheckpointTiming | null> {
    const rows: CheckpointTiming[] = await this.dataSource.query(
      `SELECT id, status, due_at AS "dueAt", overdue_at AS "overdueAt" FROM follow_up_checkpoints WHERE id = $1 AND kind = 'follow_up'`,
      [checkpointId],
    );
    return rows[0] ?? null;
  }

  /** Open plan checkpoints for the reconciler, keyset-paginated (after-closure contacts have no jobs). */
  openCheckpoints(afterId: string | null, limit: number): Promise<CheckpointTiming[]> {
    return this.dataSource.query(
      `SELECT id, status, due_at AS "dueAt", overdue_at AS "overdueAt" FROM follow_up_checkpoints
        WHERE status IN ('scheduled', 'due') AND kind = 'follow_up' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** Not-yet-due plan checkpoints of active placements with their plan's first day, for a recomputation of due dates. */
  scheduledForRecompute(afterId: string | null, limit: number): Promise<Array<RecomputeRow>> {
    return this.dataSource.query(
      `SELECT c.id, c.placement_id AS "placementId", to_char(pl.starts_on, 'YYYY-MM-DD') AS "startsOn", c.day_offset AS "dayOffset",
              to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.due_at AS "dueAt", c.overdue_at AS "overdueAt"
         FROM follow_up_checkpoints c JOIN follow_up_plans pl ON pl.id = c.plan_id JOIN placements p ON p.id = c.placement_id
        WHERE c.status = 'scheduled' AND c.kind = 'follow_up' AND p.state = 'active' AND ($1::uuid IS NULL OR c.id > $1::uuid)
        ORDER BY c.id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** Moves a checkpoint that is still scheduled; false when it became due or done meanwhile. */
  async moveScheduled(manager: EntityManager, id: string, to: { dueOn: string; dueAt: Date; overdueAt: Date }): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE follow_up_checkpoints SET due_on = $2, due_at = $3, overdue_at = $4 WHERE id = $1 AND status = 'scheduled' RETURNING id`,
      [id, to.dueOn, to.dueAt, to.overdueAt],
    );
    return rows.length > 0;
  }
}

/**
 * "Placement `p` is assigned to user $n". Placements name their coordinator by user (coordinator_user_id) or, in rows
 * from before accounts, by token (coordinator_id; the accounts migration gave every token a user with the same id).
 */
export function assignedTo(param: string, alias = 'p'): string {
  return `(${alias}.coordinator_user_id = ${param} OR ${alias}.coordinator_id = ${param})`;
}
