import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../jobs/job.constants';
import { NotificationService } from '../notifications/notification.service';
import { FollowUpService } from './follow-up.service';

/**
 * Thin adapter: jobs of the follow-up queue → FollowUpService (and the notification outbox walk, which
 * shares this queue). Handlers are idempotent (status guards, dedupe keys).
 */
@Processor(QueueName.FollowUp, { concurrency: 4 })
export class FollowUpProcessor extends WorkerHost {
  constructor(
    private readonly followUp: FollowUpService,
    private readonly notifications: NotificationService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.DeliverNotifications) return this.notifications.deliverNotifications();
    const { checkpointId } = job.data as JobPayloads[JobName.CheckpointDue];
    if (job.name === JobName.CheckpointDue) return this.followUp.markDue(checkpointId);
    if (job.name === JobName.CheckpointOverdue) return this.followUp.markOverdue(checkpointId);
    throw new Error(`unknown job ${job.name}`);
  }
}
