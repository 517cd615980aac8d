import { createHash } from 'node:crypto';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';
import { readSessionSecret } from './session-cookie';

/**
 * Rate limit per token or browser session (per client address when neither is sent). The tracker is a
 * hash, so no secret ends up as a key. The 429 carries Retry-After (seconds).
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
    getTracker: (req: Record<string, unknown>) => {
      const request = req as unknown as Request;
      const credential = request.headers.authorization || readSessionSecret(request);
      return credential ? createHash('sha256').update(credential).digest('hex') : `ip:${request.ip}`;
    },
  };
}
