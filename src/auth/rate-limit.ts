import { createHash } from 'node:crypto';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';

/**
 * Rate limit per token (per client address when no token is sent). The tracker is a
 * hash, so no secret ends up as a key. The 429 carries Retry-After (seconds).
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
    getTracker: (req: Record<string, unknown>) => {
      const request = req as unknown as Request;
      const header = request.headers.authorization ?? '';
      return header ? createHash('sha256').update(header).digest('hex') : `ip:${request.ip}`;
    },
  };
}
