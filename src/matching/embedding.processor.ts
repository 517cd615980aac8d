import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EmbeddingService } from './embedding.service';
import { JobName, QueueName, type JobPayloads } from '../jobs/job.constants';
import { JobRepository } from '../jobs/job.repository';

/** Thin adapter: BullMQ jobs of the embedding queue → EmbeddingService. */
@Processor(QueueName.Embedding, { concurrency: 1 })
export class EmbeddingProcessor extends WorkerHost {
  private readonly logger = new Logger(EmbeddingProcessor.name);

  constructor(
    private readonly embeddings: EmbeddingService,
    private readonly jobs: JobRepository,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.EmbedResource: {
        const { resourceId, contentHash } = job.data as JobPayloads[JobName.EmbedResource];
        return this.embeddings.embedOne('resource', resourceId, contentHash);
      }
      case JobName.EmbedParticipant: {
        const { participantId, needsHash } = job.data as JobPayloads[JobName.EmbedParticipant];
        return this.embeddings.embedOne('participant', participantId, needsHash);
      }
      case JobName.EmbedPending:
        // Before reading: a write from now on enqueues the next run rather than a duplicate of this one.
        await this.jobs.startEmbeddingRun();
        return this.embeddings.embedPending((done, total) => job.updateProgress({ done, total }));
      default:
        this.logger.error({ job: job.name }, 'unknown job name');
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
