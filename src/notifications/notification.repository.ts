import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationAudience, NotificationSubject } from '../access/access.rules';

export interface Notification {
  id: string;
  kind: string;
  placementId: string | null;
  checkpointId: string | null;
  message: string;
  createdAt: Date;
  /** When this reader read it (null = unread). */
  readAt: Date | null;
}

export interface NewNotification {
  /** The placement's coordinator when it was written (a record; who sees it follows the placement, see access.rules). */
  recipientUserId: string | null;
  kind: string;
  placementId: string;
  checkpointId: string | null;
  message: string;
  dedupeKey: string;
}

/** The person and the coordinator a notification is about, joined the same way for lists and single reads. */
const ABOUT = `notifications n
  LEFT JOIN placements p ON p.id = n.placement_id
  LEFT JOIN participants pa ON pa.id = p.participant_id
  LEFT JOIN users u ON u.id = p.coordinator_user_id`;

/** SQL twin of access.rules isEffectiveAssignee, over the joins of ABOUT. */
const EFFECTIVE_ASSIGNEE = `(u.id IS NOT NULL AND u.role = 'coordinator' AND u.status <> 'disabled'
  AND (u.areas IS NULL OR cardinality(u.areas) = 0 OR pa.area = ANY(u.areas)))`;

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Idempotent on dedupe_key (e.g. "<checkpointId>:due"): a job that runs twice notifies once. */
  async notify(manager: EntityManager, n: NewNotification): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO notifications (recipient_user_id, kind, placement_id, checkpoint_id, message, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [n.recipientUserId, n.kind, n.placementId, n.checkpointId, n.message, n.dedupeKey],
    );
    return rows.length > 0;
  }

  /** The notifications the audience may see (the rule of access.rules canSeeNotification), newest first. */
  list(filter: { audience: NotificationAudience; reader: string; unreadOnly: boolean; limit: number }): Promise<Notification[]> {
    const params: unknown[] = [filter.reader];
    const where: string[] = [];
    const { audience } = filter;
    if (!audience.all) {
      where.push('pa.id IS NOT NULL', 'pa.erased_at IS NULL');
      if (audience.areas) where.push(`pa.area = ANY($${params.push(audience.areas)}::text[])`);
      // Assigned: only that coordinator. Unassigned (or the assignee can no longer act): every coordinator of the area.
      where.push(`(NOT ${EFFECTIVE_ASSIGNEE} OR u.id = $${params.push(audience.userId)}::uuid)`);
    }
    if (filter.unreadOnly) where.push('r.read_at IS NULL AND n.read_at IS NULL');
    return this.dataSource.query(
      `SELECT n.id, n.kind, n.placement_id AS "placementId", n.checkpoint_id AS "checkpointId", n.message, n.created_at AS "createdAt",
              COALESCE(r.read_at, n.read_at) AS "readAt"
         FROM ${ABOUT} LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader_id = $1
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.created_at DESC, n.id LIMIT ${filter.limit}`,
      params,
    );
  }

  /** What access.rules needs to decide whether someone may see one notification; null when it does not exist. */
  async subject(id: string): Promise<NotificationSubject | null> {
    const rows = await this.dataSource.query(
      `SELECT pa.area, pa.erased_at IS NOT NULL AS erased,
              CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'role', u.role, 'status', u.status, 'areas', u.areas) END
                AS assignee
         FROM ${ABOUT} WHERE n.id = $1`,
      [id],
    );
    if (!rows.length) return null;
    return { area: rows[0].area ?? null, erased: Boolean(rows[0].erased), assignee: rows[0].assignee };
  }

  /** Read for this reader only; reading again keeps the first time. */
  async markRead(id: string, reader: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, reader_id) VALUES ($1, $2) ON CONFLICT (notification_id, reader_id) DO NOTHING`,
      [id, reader],
    );
  }
}
