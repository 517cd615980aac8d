import * as fs from 'node:fs';
import Redis from 'ioredis';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__SANKA__ as { embedded: EmbeddedPostgres; dataDir: string; prefix: string };
  await state.embedded.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
  const redis = new Redis(process.env.REDIS_URL!);
  const keys = await redis.keys(`${state.prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
