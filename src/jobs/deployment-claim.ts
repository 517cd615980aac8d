import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { QueueName } from './job.constants';

const CLAIM_TIMEOUT_MS = 3_000;

/** The database's deployment id, and the Redis key `<QUEUE_PREFIX>:deployment` that records which database owns the prefix. */
@Injectable()
export class DeploymentClaimRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  async deploymentId(): Promise<string> {
    const [row] = await this.db.query(`SELECT id FROM deployment`);
    return row.id;
  }

  /** Sets the key when absent; returns the id that owns the prefix afterwards (ours, or another's). */
  async claim(prefix: string, id: string): Promise<string> {
    const client = (await this.queue.client) as unknown as Redis;
    const key = `${prefix}:deployment`;
    await client.set(key, id, 'NX');
    return (await client.get(key)) ?? id;
  }
}

/**
 * Two deployments (two databases) sharing one Redis under the same QUEUE_PREFIX would take each
 * other's jobs — a follow-up reminder of one municipality processed against the other's
 * database. At start the prefix is claimed for this database; a prefix owned by another refuses
 * the start. When Redis is away the check is skipped (it runs again at the next start).
 */
@Injectable()
export class DeploymentClaim implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeploymentClaim.name);

  constructor(
    private readonly repository: DeploymentClaimRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const ours = await this.repository.deploymentId();
    let owner: string;
    try {
      owner = await withTimeout(this.repository.claim(this.config.queuePrefix, ours));
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'Redis に接続できないため、QUEUE_PREFIX の重複確認を省略しました');
      return;
    }
    if (owner !== ours) {
      throw new ConfigError(
        'QUEUE_PREFIX',
        `この Redis では QUEUE_PREFIX「${this.config.queuePrefix}」を別の配備（別のデータベース、deployment ${owner}）が使っています。` +
          `ジョブを取り合わないよう、配備ごとに別の QUEUE_PREFIX を設定してください` +
          `（データベースを作り直した場合は Redis のキー ${this.config.queuePrefix}:deployment を削除）`,
      );
    }
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${CLAIM_TIMEOUT_MS} ms`)), CLAIM_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
