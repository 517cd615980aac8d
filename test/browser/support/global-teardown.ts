import Redis from 'ioredis';
import { stopService, type RunningService } from './service';

export default async function globalTeardown(): Promise<void> {
  const service = (globalThis as Record<string, unknown>).__SANKA_BROWSER__ as RunningService | undefined;
  if (!service) return;
  await stopService(service);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${service.queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
