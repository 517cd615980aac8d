import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canSeeNotification, notificationAudience, notificationReader } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AppException } from '../common/app.exception';
import { JobRepository } from '../jobs/job.repository';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { NotificationRepository, type NewNotification } from './notification.repository';
import { WebhookRepository, type OutgoingNotification } from './webhook.repository';

/** Failures after which one walk stops early: the endpoint is probably down, so back off. */
const WEBHOOK_FAILURES_BEFORE_BACKOFF = 3;

/** Notifications to coordinators, and their webhook outbox. */
@Injectable()
export class NotificationService implements OnModuleInit {
  private readonly logger = new Logger(NotificationService.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly webhook: WebhookRepository,
    private readonly jobs: JobRepository,
    private readonly registry: ReconcileRegistry,
  ) {}

  onModuleInit(): void {
    // Before the follow-up checkpoints, as the follow-up reconcile always did.
    this.registry.register({ key: null, order: 5, run: () => this.reconcile() });
  }

  /** Inside the caller's transaction. Idempotent on dedupeKey: a job that runs twice notifies once. */
  notify(manager: EntityManager, notification: NewNotification): Promise<boolean> {
    return this.notifications.notify(manager, notification);
  }

  /** After the notification is committed, hand it to the webhook outbox (when configured). */
  async afterNotifying<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    if (result !== 'unchanged') await this.jobs.enqueueNotificationDelivery();
    return result;
  }

  /**
   * Job handler: pushes undelivered notifications, oldest first. One that fails does not hold
   * back the others; the walk stops early when the endpoint looks down, and any failure makes
   * the job throw so that BullMQ retries it with backoff.
   */
  async deliverNotifications(): Promise<number> {
    if (!this.webhook.enabled) return 0;
    let delivered = 0;
    const failed: string[] = [];
    while (failed.length < WEBHOOK_FAILURES_BEFORE_BACKOFF) {
      const batch = await this.webhook.undelivered(50, failed);
      if (!batch.length) break;
      for (const notification of batch) {
        if (await this.deliverOne(notification)) delivered++;
        else if (failed.push(notification.id) >= WEBHOOK_FAILURES_BEFORE_BACKOFF) break;
      }
    }
    if (failed.length) throw new Error(`webhook: ${failed.length} notification(s) not delivered, ${delivered} delivered; retrying later`);
    return delivered;
  }

  private async deliverOne(notification: OutgoingNotification): Promise<boolean> {
    try {
      await this.webhook.post(notification);
    } catch (err) {
      await this.webhook.markFailed(notification.id, String(err));
      this.logger.warn({ notification: notification.id, err: String(err) }, 'webhook delivery failed; will retry');
      return false;
    }
    await this.webhook.markDelivered(notification.id);
    return true;
  }

  /** Reconcile: an outbox with undelivered notifications gets its delivery job back. */
  async reconcile(): Promise<void> {
    if (this.webhook.enabled && (await this.webhook.undelivered(1)).length) await this.jobs.enqueueNotificationDelivery();
  }

  /** The actor's notifications: see access.rules canSeeNotification for who is told what. */
  list(actor: Actor, unreadOnly: boolean) {
    return this.notifications.list({ audience: notificationAudience(actor), reader: notificationReader(actor), unreadOnly, limit: 200 });
  }

  /** Marks read for this reader only (the others it concerns still see it unread). Out of reach looks absent. */
  async markRead(actor: Actor, id: string): Promise<void> {
    const subject = await this.notifications.subject(id);
    if (!subject || !canSeeNotification(actor, subject)) throw AppException.notFound('通知', id);
    await this.notifications.markRead(id, notificationReader(actor));
  }
}
