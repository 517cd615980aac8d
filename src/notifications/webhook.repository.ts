import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { placementRef } from '../common/placement-ref';
import type { NotificationKind } from './notification.kinds';
import type { Notification } from './notification.repository';

/** What the webhook receives: a notification without its per-reader state. */
export type OutgoingNotification = Omit<Notification, 'readAt'>;

const DELIVERY_TIMEOUT_MS = 10_000;

/** What each kind says in the webhook's message: no name, no place, nothing of the person. Every kind has one. */
const WEBHOOK_TEXT: Record<NotificationKind, string> = {
  checkpoint_due: '定着フォロー確認の時期です',
  decision_needed: '最終の定着フォロー確認の時期です（継続・終了の判断）',
  checkpoint_overdue: '定着フォロー確認の記録がまだありません',
  urgent_concern: '【至急】緊急の懸念が記録されました',
  host_dates: '受入先が見学・体験の日付を決めました',
  host_feedback: '受入先が確認日の様子を記録しました',
};

/**
 * The webhook's `message`: what happened, the placement's reference and a link to its page (behind sign-in). The stored
 * message names the person and the place for the web app; the webhook usually feeds an outside mail or chat service,
 * so, like the calendar feed and the morning digest, it carries no personal data.
 */
export function webhookMessage(notification: Pick<OutgoingNotification, 'kind' | 'placementId'>, publicUrl: string): string {
  const what = WEBHOOK_TEXT[notification.kind as NotificationKind] ?? 'お知らせがあります';
  if (!notification.placementId) return `${what}。サインインして確認してください。`;
  return `${what}（${placementRef(notification.placementId)}）。サインインして確認してください：${publicUrl}/placements/${notification.placementId}`;
}

/**
 * The notification outbox and the HTTP call to the deployment's webhook. The body is
 * signed: X-Sanka-Signature = "sha256=" + HMAC-SHA256(secret, timestamp + "." + body).
 */
@Injectable()
export class WebhookRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.webhookUrl);
  }

  /**
   * Oldest first, leaving out the ones this walk already tried (so a failing one is not retried
   * in a loop); notifications older than a week are no longer pushed (they stay in the API).
   */
  undelivered(limit: number, excluding: string[] = []): Promise<OutgoingNotification[]> {
    return this.dataSource.query(
      `SELECT id, kind, placement_id AS "placementId", checkpoint_id AS "checkpointId", message, created_at AS "createdAt"
         FROM notifications
        WHERE delivered_at IS NULL AND created_at > now() - interval '7 days' AND NOT (id = ANY($2::uuid[]))
        ORDER BY created_at, id LIMIT $1`,
      [limit, excluding],
    );
  }

  async markDelivered(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE notifications SET delivered_at = now(), delivery_error = NULL WHERE id = $1`, [id]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE notifications SET delivery_error = $2 WHERE id = $1`, [id, error.slice(0, 500)]);
  }

  async post(notification: OutgoingNotification): Promise<void> {
    const body = JSON.stringify({
      id: notification.id,
      kind: notification.kind,
      placementId: notification.placementId,
      checkpointId: notification.checkpointId,
      message: webhookMessage(notification, this.config.publicUrl),
      createdAt: notification.createdAt,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', this.config.webhookSecret!).update(`${timestamp}.${body}`).digest('hex');
    const response = await fetch(this.config.webhookUrl!, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Sanka-Event': notification.kind,
        'X-Sanka-Delivery': notification.id,
        'X-Sanka-Timestamp': timestamp,
        'X-Sanka-Signature': `sha256=${signature}`,
      },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}
