import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterFailure, type LockoutPolicy, type ThrottleState } from './lockout';

export type ThrottleKind = 'login' | 'address';

/** Failure counters and locks per login and per client address; keys are SHA-256 hashes. */
@Injectable()
export class SignInThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lockedUntil(keyHashes: string[]): Promise<Date | null> {
    const rows = await this.dataSource.query(
      `SELECT max(locked_until) AS until FROM sign_in_throttle WHERE key_hash = ANY($1::text[]) AND locked_until > now()`,
      [keyHashes],
    );
    return rows[0]?.until ? new Date(rows[0].until) : null;
  }

  /** Counts one failure (row-locked, so parallel failures all count). Returns the state after it. */
  async recordFailure(
    keyHash: string,
    kind: ThrottleKind,
    policy: LockoutPolicy,
    now = new Date(),
  ): Promise<ThrottleState & { locked: boolean }> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO sign_in_throttle (key_hash, kind, failures, window_started_at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING`,
        [keyHash, kind, now],
      );
      const [row] = await m.query(
        `SELECT failures, window_started_at AS "windowStartedAt", locked_until AS "lockedUntil"
         FROM sign_in_throttle WHERE key_hash = $1 FOR UPDATE`,
        [keyHash],
      );
      const next = afterFailure(
        {
          failures: row.failures,
          windowStartedAt: new Date(row.windowStartedAt),
          lockedUntil: row.lockedUntil && new Date(row.lockedUntil),
        },
        now,
        policy,
      );
      await m.query(
        `UPDATE sign_in_throttle SET failures = $2, window_started_at = $3, locked_until = $4, updated_at = now() WHERE key_hash = $1`,
        [keyHash, next.failures, next.windowStartedAt, next.lockedUntil],
      );
      return next;
    });
  }

  async clear(keyHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_throttle WHERE key_hash = $1`, [keyHash]);
  }

  /** Forgets counters whose window has passed and whose lock (if any) has ended: they no longer decide anything. */
  async deleteStale(windowMs: number): Promise<number> {
    const [, count] = await this.dataSource.query(
      `DELETE FROM sign_in_throttle
       WHERE window_started_at < now() - make_interval(secs => $1) AND (locked_until IS NULL OR locked_until <= now())`,
      [windowMs / 1000],
    );
    return count ?? 0;
  }
}
