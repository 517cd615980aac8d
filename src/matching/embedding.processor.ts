import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EmbeddingService } from './embedding.service';
import { JobName, QueueName, type JobPayloads } from '../jobs/job.constants';

/** Thin adapter: BullMQ jobs of the embedding queue → EmbeddingService. */
@Processor(QueueName.Embedding, { concurrency: 1 })
export class EmbeddingProcessor extends WorkerHost {
  private readonly logger = new Logger(EmbeddingProcessor.name);

  constructor(private readonly embeddings: EmbeddingService) {
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
        return this.embeddings.embedPending((done, total) => job.updateProgress({ done, total }));
      default:
        this.logger.error({ job: job.name }, 'unknown job name');
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
