import { Injectable } from '@nestjs/common';
import type { JobName } from './job.constants';

/**
 * One feature's share of the reconcile pass: re-create its lost work from the database.
 * `key` names the figure it returns in the pass's result (null = not reported).
 */
export interface Reconciler {
  key: string | null;
  /** Lower runs first (follow-up before embeddings: a forgotten check-in is the costlier loss). */
  order: number;
  run(): Promise<number | boolean | void>;
}

/**
 * Features register here (in onModuleInit) what the reconcile scheduler and the maintenance queue
 * run for them, so that jobs/ never imports a feature: the dependency points from features to jobs.
 */
@Injectable()
export class ReconcileRegistry {
  private readonly reconcilers: Reconciler[] = [];
  private readonly tasks = new Map<JobName, () => Promise<unknown>>();

  register(reconciler: Reconciler): void {
    this.reconcilers.push(reconciler);
    this.reconcilers.sort((a, b) => a.order - b.order);
  }

  /** The handler of a scheduled maintenance job (e.g. the monthly report snapshot). */
  handle(job: JobName, task: () => Promise<unknown>): void {
    this.tasks.set(job, task);
  }

  all(): readonly Reconciler[] {
    return this.reconcilers;
  }

  task(job: JobName): (() => Promise<unknown>) | undefined {
    return this.tasks.get(job);
  }
}
