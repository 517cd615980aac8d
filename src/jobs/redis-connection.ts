import type { RedisOptions } from 'ioredis';

/** ioredis options from REDIS_URL. BullMQ needs maxRetriesPerRequest: null for its workers. */
export function redisConnection(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // Keep retrying while Redis is away; /health reports it, the reconciler catches up.
    retryStrategy: (times: number) => Math.min(times * 500, 5_000),
  };
}
