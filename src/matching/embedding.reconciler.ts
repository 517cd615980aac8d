import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRepository } from '../jobs/job.repository';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { EmbeddingModelRepository } from './embedding-model.repository';
import { EmbeddingStateRepository } from './embedding-state.repository';

/** Reconcile: anything not embedded by the current model gets one batched job. Runs last: it waits for the model. */
@Injectable()
export class EmbeddingReconciler implements OnModuleInit {
  constructor(
    private readonly model: EmbeddingModelRepository,
    private readonly state: EmbeddingStateRepository,
    private readonly jobs: JobRepository,
    private readonly registry: ReconcileRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register({ key: 'embeddingsOutstanding', order: 30, run: () => this.reconcile() });
  }

  async reconcile(): Promise<number> {
    const model = await this.model.ready();
    const [resources, participants] = await Promise.all([
      this.state.countNeeding('resource', model),
      this.state.countNeeding('participant', model),
    ]);
    const outstanding = resources + participants;
    if (outstanding > 0) await this.jobs.enqueueEmbedPending('reconcile');
    return outstanding;
  }
}
