import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { normalizeJapanese, TEXT_RULES_VERSION } from '../common/japanese/normalize';
import { AppConfig } from '../config/app-config';
import { JobRepository } from '../jobs/job.repository';
import { needsHash } from '../participants/participant.views';
import { ResourceService } from '../resources/resource.service';
import { JapaneseTokenizer } from '../common/japanese/tokenizer';
import { TextIndexRepository } from './text-index.repository';

const BATCH = 200;

export interface ReindexResult {
  resources: number;
  participants: number;
  organizations: number;
  /** Rows whose embedded text changed under the new rules, now pending re-embedding. */
  reembed: number;
}

/**
 * Brings rows indexed under older text rules (TEXT_RULES_VERSION) up to date: lexical index, `q` columns,
 * content hashes. Embeddings are redone only where the embedded text itself changed. Runs once when a
 * worker starts (rules change only with a deployment); safe to run twice or in two processes at once.
 */
@Injectable()
export class TextReindexService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TextReindexService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly repo: TextIndexRepository,
    private readonly resources: ResourceService,
    private readonly tokenizer: JapaneseTokenizer,
    private readonly jobs: JobRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    // Not awaited: start-up does not wait; `q` works meanwhile with the migration's NFKC-only text.
    void this.run().catch((err) => this.logger.warn({ err: String(err) }, 'text re-index failed; it runs again at the next start'));
  }

  async run(version = TEXT_RULES_VERSION): Promise<ReindexResult> {
    await this.tokenizer.ready();
    const result: ReindexResult = { resources: 0, participants: 0, organizations: 0, reembed: 0 };
    for (let afterId: string | null = null; ;) {
      const rows = await this.repo.outdatedResources(version, afterId, BATCH);
      if (!rows.length) break;
      afterId = rows[rows.length - 1].id;
      for (const row of rows) {
        const { hash, tokens } = this.resources.textIndex(row);
        if (!(await this.repo.saveResource(row.id, row.contentHash, hash, tokens, version))) continue;
        result.resources++;
        if (hash !== row.contentHash) result.reembed++;
      }
    }
    await this.repo.markErasedParticipants(version);
    for (let afterId: string | null = null; ;) {
      const rows = await this.repo.outdatedParticipants(version, afterId, BATCH);
      if (!rows.length) break;
      afterId = rows[rows.length - 1].id;
      for (const row of rows) {
        const hash = needsHash(row);
        if (!(await this.repo.saveParticipant(row.id, row.needsHash, hash, version))) continue;
        result.participants++;
        if (hash !== row.needsHash) result.reembed++;
      }
    }
    for (let afterId: string | null = null; ;) {
      const rows = await this.repo.outdatedOrganizations(version, afterId, BATCH);
      if (!rows.length) break;
      afterId = rows[rows.length - 1].id;
      for (const row of rows) await this.repo.saveOrganization(row.id, row.name, normalizeJapanese(row.name), version);
      result.organizations += rows.length;
    }
    if (result.reembed > 0) {
      // Redis away: the reconciler finds the pending rows later.
      await this.jobs.enqueueEmbedPending('text-rules').catch(() => undefined);
    }
    if (result.resources + result.participants + result.organizations > 0) {
      this.logger.log({ ...result, version }, '文字の正規化規則の更新に合わせて索引を作り直しました');
    }
    return result;
  }
}
