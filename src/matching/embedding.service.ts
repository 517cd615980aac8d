import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PlannerStatisticsRepository } from '../database/planner-statistics.repository';
import { ParticipantRepository } from '../participants/participant.repository';
import { participantQueryText } from '../participants/participant.views';
import { ResourceRepository } from '../resources/resource.repository';
import { resourcePassage } from '../resources/resource-text';
import { EmbeddingModelRepository, type TextKind } from './embedding-model.repository';
import { EmbeddingStateRepository, type EmbeddingTarget } from './embedding-state.repository';

export type ProgressReporter = (done: number, total: number) => Promise<void> | void;

interface Row {
  id: string;
  hash: string;
  text: string;
}

const KIND: Record<EmbeddingTarget, TextKind> = { resource: 'passage', participant: 'query' };

/**
 * Rows read, embedded and written per step of a run (the model still gets EMBEDDING_BATCH_SIZE texts at a
 * time). Larger steps mean fewer round trips to the single-session embedded database, which the API shares.
 */
const ROWS_PER_STEP = 256;
/** A run that wrote at least this many rows refreshes the planner statistics of what it changed. */
const ANALYZE_AFTER_ROWS = 500;

/** Turns resource and participant text into stored vectors. Every method is safe to run twice. */
@Injectable()
export class EmbeddingService {
  private readonly logger = new Logger(EmbeddingService.name);

  constructor(
    private readonly model: EmbeddingModelRepository,
    private readonly state: EmbeddingStateRepository,
    private readonly resources: ResourceRepository,
    private readonly participants: ParticipantRepository,
    private readonly config: AppConfig,
    private readonly statistics: PlannerStatisticsRepository,
  ) {}

  /** Embeds one row if its text is still the one the job was made for. */
  async embedOne(target: EmbeddingTarget, id: string, expectedHash: string): Promise<'embedded' | 'stale' | 'missing'> {
    const [row] = await this.load(target, [id]);
    if (!row) return 'missing';
    if (row.hash !== expectedHash) return 'stale';
    await this.embedBatch(target, [row]);
    return 'embedded';
  }

  /** Walks every row that is pending, failed or embedded by another model, reporting progress. */
  async embedPending(report: ProgressReporter): Promise<{ embedded: number; failed: number }> {
    let model: string;
    try {
      model = await this.model.ready();
    } catch (err) {
      // Shown as failed in the API while the model is down; the job's retries (and the reconciler) redo them.
      await this.state.markPendingFailed(err instanceof Error ? err.message : String(err));
      throw err;
    }
    const targets: EmbeddingTarget[] = ['resource', 'participant'];
    const totals = await Promise.all(targets.map((t) => this.state.countNeeding(t, model)));
    const total = totals[0] + totals[1];
    let done = 0;
    let failed = 0;
    // Every write starts a run: only bulk runs (imports, loads, model changes) are worth a progress log.
    const bulk = total >= ROWS_PER_STEP;
    if (bulk) this.logger.log({ total, model }, `埋め込み処理を開始します（${total} 件）`);
    for (const target of targets) {
      let afterId: string | null = null;
      for (;;) {
        const batch = await this.state.findNeeding(target, model, afterId, Math.max(ROWS_PER_STEP, this.config.embeddingBatchSize));
        if (!batch.length) break;
        afterId = batch[batch.length - 1].id;
        const rows = await this.load(
          target,
          batch.map((b) => b.id),
        );
        try {
          await this.embedBatch(target, rows);
        } catch (err) {
          failed += rows.length;
          this.logger.warn({ target, err: String(err), count: rows.length }, 'embedding batch failed; those rows are marked failed');
        }
        done += rows.length;
        await report(Math.min(done, total), total);
        if (bulk) this.logger.log({ done, total }, `埋め込み ${done}/${total} 件（${Math.round((100 * done) / Math.max(total, 1))}%）`);
      }
    }
    if (done - failed >= ANALYZE_AFTER_ROWS) {
      // A bulk load changes the share of embedded rows the search's filter counts on: tell the planner now.
      await this.statistics.analyzeChanged().catch((err) => this.logger.warn({ err: String(err) }, 'ANALYZE after embedding failed'));
    }
    return { embedded: done - failed, failed };
  }

  private async load(target: EmbeddingTarget, ids: string[]): Promise<Row[]> {
    if (target === 'resource') {
      return (await this.resources.findForEmbedding(ids)).map((r) => ({ id: r.id, hash: r.contentHash, text: resourcePassage(r) }));
    }
    return (await this.participants.findByIds(ids))
      .filter((p) => !p.erasedAt)
      .map((p) => ({ id: p.id, hash: p.needsHash, text: participantQueryText(p) }));
  }

  private async embedBatch(target: EmbeddingTarget, rows: Row[]): Promise<void> {
    try {
      // Marked failed (and retried by BullMQ) whatever broke: model down, crash, timeout.
      const { model, vectors } = await this.model.embed(
        rows.map((r) => r.text),
        KIND[target],
      );
      await this.state.saveMany(
        target,
        model,
        rows.map((r, i) => ({ id: r.id, hash: r.hash, vector: vectors[i] })),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await Promise.all(rows.map((r) => this.state.markFailed(target, r.id, r.hash, message)));
      throw err;
    }
  }
}
