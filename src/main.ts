import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { backupBeforeMigrations } from './backup/pre-migration-backup';
import { configureApp } from './app.setup';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { prepareDatabase } from './database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';

/** Same JSON lines as the application's logger (pino), for the steps before Nest starts. */
const logger = pino({ base: { context: 'Bootstrap' } });
function log(level: 'info' | 'error', msg: string, extra: object = {}): void {
  logger[level](extra, msg);
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    log('error', err instanceof ConfigError ? err.message : String(err));
    process.exit(78); // EX_CONFIG
  }

  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log('info', `組み込み PostgreSQL (PGlite + pgvector) を起動しています: ${config.dataDir}`);
    embedded = await startEmbeddedPostgres(config.dataDir, {
      log: (msg) => log('error', msg),
      sharedBuffers: config.embeddedDbSharedBuffers,
    });
    databaseUrl = embedded.url;
  }
  await backupBeforeMigrations(config, databaseUrl, (msg, extra) => log('info', msg, extra));
  const { applied, pgvector } = await prepareDatabase(databaseUrl);
  log('info', 'database ready', { pgvector, migrationsApplied: applied, embedded: Boolean(embedded) });

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app, config);
  app.enableShutdownHooks();
  process.once('exit', () => void embedded?.stop());

  // A worker serves only /health, so that an orchestrator can probe it too (give it its own PORT).
  await app.listen(config.port, config.host);
  log(
    'info',
    config.runsApi
      ? `参加支援マッチングサービスを起動しました: http://${config.host}:${config.port} (API: /api/v1, 文書: /api/docs, 状態: /health)`
      : `ワーカーを起動しました（状態: http://${config.host}:${config.port}/health）`,
    { role: config.role },
  );
}

bootstrap().catch((err) => {
  log('error', 'start-up failed', { err: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
});
