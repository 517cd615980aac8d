import { createHash } from 'node:crypto';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { AppException, ErrorCode } from '../common/app.exception';
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

const WINDOW_MS = 60_000;
/** Bounds the memory a flood from many addresses can take within one window. */
const MAX_TRACKED_ADDRESSES = 100_000;

/**
 * The per-token limit never throttles a flood of random bearer tokens (each is a new key), so
 * requests answered 401 — no token, an unknown, revoked or expired token, a failed login — are
 * also counted per client address (`req.ip`: the socket, or X-Forwarded-For from a TRUSTED_PROXY).
 * An address over the limit gets 429 for the rest of the window, whatever it sends.
 */
export function failedAuthLimiter(config: Pick<AppConfig, 'rateLimitFailedAuthPerMinute'>, now: () => number = Date.now) {
  let windowStart = now();
  let failures = new Map<string, number>();
  const roll = (): void => {
    if (now() - windowStart >= WINDOW_MS || failures.size > MAX_TRACKED_ADDRESSES) {
      windowStart = now();
      failures = new Map();
    }
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    roll();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if ((failures.get(address) ?? 0) >= config.rateLimitFailedAuthPerMinute) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((windowStart + WINDOW_MS - now()) / 1000))));
      next(new AppException(ErrorCode.RateLimited, '認証に失敗したリクエストが多すぎます。しばらく待ってから再度お試しください。'));
      return;
    }
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      roll();
      failures.set(address, (failures.get(address) ?? 0) + 1);
    });
    next();
  };
}
