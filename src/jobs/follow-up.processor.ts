import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { FollowUpService } from '../follow-up/follow-up.service';
import { JobName, QueueName, type JobPayloads } from './job.constants';

/** Thin adapter: checkpoint jobs → FollowUpService. Handlers are idempotent (status guards, dedupe keys). */
@Processor(QueueName.FollowUp, { concurrency: 4 })
export class FollowUpProcessor extends WorkerHost {
  constructor(private readonly followUp: FollowUpService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.DeliverNotifications) return this.followUp.deliverNotifications();
    const { checkpointId } = job.data as JobPayloads[JobName.CheckpointDue];
    if (job.name === JobName.CheckpointDue) return this.followUp.markDue(checkpointId);
    if (job.name === JobName.CheckpointOverdue) return this.followUp.markOverdue(checkpointId);
    throw new Error(`unknown job ${job.name}`);
  }
}
