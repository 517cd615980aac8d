import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { BusinessCalendar } from '../../src/calendar/business-calendar';
import { Clock } from '../../src/common/clock';
import { tokyoDate } from '../../src/common/tokyo-time';
import { configureApp } from '../../src/app.setup';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { prepareDatabase } from '../../src/database/data-source';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  admin: { Authorization: string };
  close: () => Promise<void>;
}

/** The real application (real database, Redis, model) wired exactly as main.ts does. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...process.env, ...env });
  await prepareDatabase(config.databaseUrl!);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, config.databaseUrl!)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureApp(app, config);
  await app.init();
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    admin: { Authorization: `Bearer ${config.adminToken}` },
    close: () => app.close(),
  };
}

export function uniqueArea(label = 'test'): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}`;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Pins the app's Clock to the latest business day on or before the real Tokyo date (same time of day,
 * still running), so that tests with day-0 checkpoints behave the same on a Sunday, 元日 or a Wednesday.
 */
export function pinToBusinessDay(t: TestApp): jest.SpyInstance {
  const calendar = t.app.get(BusinessCalendar);
  const clock = t.app.get(Clock);
  const today = tokyoDate(new Date());
  const back = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${calendar.nearest(today, -1)}T00:00:00Z`);
  return jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() - back));
}
