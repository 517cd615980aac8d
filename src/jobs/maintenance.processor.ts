import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName } from './job.constants';
import { ReconcileRegistry } from './reconcile.registry';
import { ReconcileScheduler } from './reconcile.scheduler';

/** The maintenance queue: the reconcile pass, and the scheduled tasks features registered (monthly snapshot). */
@Processor(QueueName.Maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly scheduler: ReconcileScheduler,
    private readonly registry: ReconcileRegistry,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.Reconcile) return this.scheduler.reconcile();
    const task = this.registry.task(job.name as JobName);
    if (task) return task();
    throw new Error(`unknown job ${job.name}`);
  }
}
