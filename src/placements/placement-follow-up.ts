import type { EntityManager } from 'typeorm';

/** A follow-up plan as a placement shows it. */
export interface FollowUpPlanSummary {
  sequence: number;
  startsOn: string;
  endsOn: string;
  lengthDays: number;
  checkpointDays: number[];
}

export interface FollowUpCheckpointSummary {
  id: string;
  /** The business day it is due on; nominalOn is the plan's day (start + dayOffset). */
  dueOn: string;
  nominalOn: string;
  /** The first day it may be recorded (a few days before dueOn); a check-in or host feedback before it is refused. */
  opensOn: string;
  /** follow_up: a plan checkpoint; after_closure: 「その後の様子確認」 after closing as 定着. */
  kind: 'follow_up' | 'after_closure';
  status: string;
  dayOffset: number;
  isFinal: boolean;
  /** What the host recorded at this checkpoint (POST …/host-feedback); null until then. */
  hostFeedback?: string | null;
}

/**
 * What the placement lifecycle needs from follow-up (定着フォロー), which owns plans, checkpoints,
 * check-ins and extensions. Declared here and bound to FollowUpService in the app module, so that
 * follow-up may use placements (its routes live under /placements/:id) without a folder cycle.
 */
export abstract class PlacementFollowUp {
  /**
   * Inside the activation transaction: the first plan, starting on `startsOn` (a Tokyo date, today or earlier; a
   * checkpoint already past is due at once). Returns what `schedule` needs after commit.
   */
  abstract start(
    manager: EntityManager,
    placementId: string,
    startsOn: string,
    options?: { lengthDays?: number; checkpointDays?: number[] },
  ): Promise<object[]>;
  /** After commit: the plan's jobs (left to the reconciler when Redis is away). */
  abstract schedule(started: object[]): Promise<void>;
  /** Inside the closing transaction: open checkpoints are cancelled. */
  abstract cancelOpen(manager: EntityManager, placementId: string): Promise<void>;
  /** Inside the closing transaction (closed as 定着): the optional 「その後の様子確認」 `days` later (undefined: the default). */
  abstract afterClosure(manager: EntityManager, placementId: string, days?: number): Promise<void>;
  abstract plans(placementId: string): Promise<FollowUpPlanSummary[]>;
  abstract checkpoints(placementId: string): Promise<FollowUpCheckpointSummary[]>;
  abstract checkins(placementId: string): Promise<unknown[]>;
  /** The open 「その後の様子確認」 of a placement closed as 定着, if any. */
  abstract afterClosureContact(placementId: string): Promise<FollowUpCheckpointSummary | null>;
}
