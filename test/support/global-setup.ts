import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * One embedded PostgreSQL (PGlite + pgvector, from the built service) for the whole
 * run, and a Redis key prefix of our own so that tests never touch other data.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-test-db-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  const prefix = `sanka-test-${process.pid}`;
  Object.assign(process.env, {
    DATABASE_URL: embedded.url,
    QUEUE_PREFIX: prefix,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ADMIN_TOKEN: 'test-admin-token-0123456789',
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    RECONCILE_INTERVAL_SECONDS: '3600',
    // The route × role matrices send many unauthenticated requests from one address; the tests of the
    // per-address limit set their own low value.
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '100000',
  });
  (globalThis as Record<string, unknown>).__SANKA__ = { embedded, dataDir, prefix };
  // Leftovers of an interrupted run under the same prefix would confuse queue assertions.
  const redis = new Redis(process.env.REDIS_URL!);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
