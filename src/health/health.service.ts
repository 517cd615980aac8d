import { Injectable, Logger, Optional } from '@nestjs/common';
import { BackupService } from '../backup/backup.service';
import { AppConfig } from '../config/app-config';
import { EmbeddingModelRepository } from '../matching/embedding-model.repository';
import { ResourceVectorIndex } from '../matching/resource-vector-index';
import { HealthRepository } from './health.repository';

type Check = { status: 'up' | 'down'; error?: string };

@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');
  private lastHealthy: boolean | null = null;

  constructor(
    private readonly probes: HealthRepository,
    private readonly model: EmbeddingModelRepository,
    private readonly config: AppConfig,
    private readonly backups: BackupService,
    @Optional() private readonly vectorIndex?: ResourceVectorIndex,
  ) {}

  async check() {
    const [database, redis] = await Promise.all([check(() => this.probes.pingDatabase()), check(() => this.probes.pingRedis())]);
    // An old or missing backup is a warning, not an outage: health stays 200 (docs/backup.md).
    const backup = database.status === 'up' ? await this.backups.status() : null;
    const model = this.model.status();
    const healthy = database.status === 'up' && redis.status === 'up' && (model.state === 'ready' || model.state === 'fallback');
    if (healthy !== this.lastHealthy) {
      // Logged on change only, so that a load balancer's polling does not flood the log.
      const log = { database: database.status, redis: redis.status, model: model.state };
      if (healthy) this.logger.log(log, 'service healthy');
      else
        this.logger.warn({ ...log, databaseError: database.error, redisError: redis.error, modelError: model.error }, 'service unhealthy');
      this.lastHealthy = healthy;
    }
    return {
      healthy,
      body: {
        status: healthy ? 'ok' : 'unavailable',
        role: this.config.role,
        database,
        redis,
        embeddingModel: model,
        backup,
        vectorIndex: this.vectorIndex?.status() ?? null,
        warnings: [
          ...(model.state === 'fallback'
            ? [`設定されたモデル ${model.configured} ではなく、ローカルモデル ${model.name} で動作しています`]
            : []),
          ...(backup?.warning ? [backup.warning] : []),
        ],
      },
    };
  }
}

async function check(probe: () => Promise<void>): Promise<Check> {
  try {
    await probe();
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', error: err instanceof Error ? err.message : String(err) };
  }
}
