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
import { DemoDataService } from './demo/demo-data.service';

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
  if (config.runsApi) await printSignInHelp(app.get(DemoDataService), config);
}

/**
 * Plain text on stdout, not a log line: the demo passwords are meant to be read by the person starting
 * the demo, and must not travel with the logs. Real users' passwords are never printed anywhere.
 */
async function printSignInHelp(demo: DemoDataService, config: AppConfig): Promise<void> {
  const signIns = demo.demoSignIns();
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  if (signIns?.length) {
    const example = signIns.find((s) => s.role === 'coordinator') ?? signIns[0];
    const label = { admin: '管理者', coordinator: 'コーディネーター', host: '受入先の職員', viewer: '閲覧（集計のみ）' };
    const lines = [
      '',
      'デモ用のサインイン（DEMO_DATA=true のときだけ。本番では DEMO_DATA=false にしてください）:',
      ...signIns.map((s) => `  ${label[s.role].padEnd(10, '　')} ログイン ID: ${s.login.padEnd(17)} パスワード: ${s.password}`),
      `  例: curl -i -c cookie.txt -H 'Content-Type: application/json' ` +
        `-d '{"login":"${example.login}","password":"${example.password}"}' ${base}/api/v1/session`,
      `  （パスワードは ${config.dataDir}/demo-sign-ins.json にもあります。変更した場合は変更後のものを使ってください）`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } else if (await demo.needsFirstAdmin()) {
    process.stdout.write(
      [
        '',
        '管理者の利用者がまだいません。最初の管理者の招待リンクを作るには、サービスを止めてから次を実行してください:',
        '  npm run user:invite -- --role admin --login あなたのメールアドレス --name "表示名"',
        '（ADMIN_TOKEN を設定して起動すれば、POST /api/v1/users でも作れます）',
        '',
      ].join('\n') + '\n',
    );
  }
}

bootstrap().catch((err) => {
  if (err instanceof ConfigError) {
    log('error', err.message);
    process.exit(78); // EX_CONFIG
  }
  log('error', 'start-up failed', { err: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
});
