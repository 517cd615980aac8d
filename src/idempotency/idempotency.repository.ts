import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface IdempotencyRecord {
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

/** Stored answers of creating requests, per caller, route and Idempotency-Key (kept 24 hours). */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Takes the key; null when taken now, else the earlier record (finished or still in flight). */
  async reserve(actor: string, route: string, key: string, requestHash: string, ttlSeconds: number): Promise<IdempotencyRecord | null> {
    // Expired keys of this caller and route go first, so a key can be used again after a day.
    await this.db.query(`DELETE FROM idempotency_keys WHERE actor = $1 AND route = $2 AND key = $3 AND expires_at <= now()`, [
      actor,
      route,
      key,
    ]);
    const inserted = await this.db.query(
      `INSERT INTO idempotency_keys (actor, route, key, request_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT DO NOTHING RETURNING key`,
      [actor, route, key, requestHash, ttlSeconds],
    );
    if (inserted.length) return null;
    const [row] = await this.db.query(
      `SELECT request_hash AS "requestHash", status_code AS "statusCode", response
       FROM idempotency_keys WHERE actor = $1 AND route = $2 AND key = $3`,
      [actor, route, key],
    );
    return row ?? null;
  }

  async complete(actor: string, route: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET status_code = $4, response = $5::jsonb WHERE actor = $1 AND route = $2 AND key = $3`, [
      actor,
      route,
      key,
      statusCode,
      JSON.stringify(response ?? null),
    ]);
  }

  /** The request failed before anything was created: the key may be used again. */
  async release(actor: string, route: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE actor = $1 AND route = $2 AND key = $3 AND status_code IS NULL`, [
      actor,
      route,
      key,
    ]);
  }

  /** Removes the stored answers past their day; returns how many went. */
  async deleteExpired(): Promise<number> {
    const [, count] = await this.db.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
    return count ?? 0;
  }
}
