import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/sql';

export interface Notification {
  id: string;
  kind: string;
  placementId: string | null;
  checkpointId: string | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  recipientTokenId: string | null;
  kind: string;
  placementId: string;
  checkpointId: string | null;
  message: string;
  dedupeKey: string;
}

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Idempotent on dedupe_key (e.g. "<checkpointId>:due"): a job that runs twice notifies once. */
  async notify(manager: EntityManager, n: NewNotification): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO notifications (recipient_token_id, kind, placement_id, checkpoint_id, message, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [n.recipientTokenId, n.kind, n.placementId, n.checkpointId, n.message, n.dedupeKey],
    );
    return rows.length > 0;
  }

  list(filter: { recipientTokenId?: string | null; unreadOnly: boolean; limit: number }): Promise<Notification[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    // A coordinator sees what is addressed to them and what is addressed to nobody yet.
    if (filter.recipientTokenId !== undefined)
      where.push(`(recipient_token_id = $${params.push(filter.recipientTokenId)} OR recipient_token_id IS NULL)`);
    if (filter.unreadOnly) where.push('read_at IS NULL');
    return this.dataSource.query(
      `SELECT id, kind, placement_id AS "placementId", checkpoint_id AS "checkpointId", message, created_at AS "createdAt", read_at AS "readAt"
         FROM notifications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT ${filter.limit}`,
      params,
    );
  }

  async markRead(id: string, recipientTokenId: string | null | undefined): Promise<boolean> {
    const rows = await updateReturning(
      this.dataSource,
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
        WHERE id = $1 AND ($2::boolean OR recipient_token_id = $3 OR recipient_token_id IS NULL) RETURNING id`,
      [id, recipientTokenId === undefined, recipientTokenId ?? null],
    );
    return rows.length > 0;
  }
}
