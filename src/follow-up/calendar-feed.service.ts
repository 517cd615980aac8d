import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppException, ErrorCode } from '../common/app.exception';
import { Clock } from '../common/clock';
import { addressOf } from '../common/person-name';
import { addDays } from '../common/tokyo-time';
import { AppConfig } from '../config/app-config';
import { CalendarFeedRepository, type FeedItem } from './calendar-feed.repository';

export const FEED_PATH = '/api/v1/calendar-feeds/';
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * A coordinator's personal iCalendar (RFC 5545) feed: their checkpoints, 「その後の様子確認」 and confirmed
 * visit/trial dates as all-day events. Any calendar (Outlook, Google, Garoon, cybozu) may read and store it,
 * so titles carry only the display name and the place, never needs, health or household text.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A new secret (shown once; the previous one stops working). */
  async enable(actor: Actor): Promise<{ url: string }> {
    const userId = this.userOf(actor);
    const secret = randomBytes(32).toString('base64url');
    await this.feeds.replace(userId, hash(secret));
    return { url: `${this.config.publicUrl}${FEED_PATH}${secret}.ics` };
  }

  async revoke(actor: Actor): Promise<void> {
    if (!(await this.feeds.revoke(this.userOf(actor)))) throw AppException.notFound('カレンダー配信', 'me');
  }

  /** The feed for a secret; not found (404) for an unknown or revoked one. */
  async render(secret: string): Promise<string> {
    const owner = await this.feeds.owner(hash(secret));
    if (!owner) throw AppException.notFound('カレンダー配信', 'token');
    const items = await this.feeds.items(owner.userId, this.clock.today());
    // The feed shows display names to whoever holds the link: recorded like any other read.
    const actor: Actor = {
      tokenId: null,
      userId: owner.userId,
      role: owner.role,
      organizationId: null,
      areas: null,
      route: `GET ${FEED_PATH}{token}`,
    };
    if (items.length)
      await this.audit.record(
        actor,
        'read',
        items.map((i) => i.participantId),
        ['displayName'],
      );
    const calendar = ical({ name: '参加支援：定着フォロー', prodId: { company: 'sanka-shien', product: 'follow-up', language: 'JA' } });
    calendar.method(ICalCalendarMethod.PUBLISH);
    calendar.ttl(60 * 60);
    for (const item of items) {
      calendar.createEvent({
        id: `${item.uid}@sanka-shien`,
        start: new Date(`${item.date}T00:00:00Z`),
        end: new Date(`${addDays(item.date, 1)}T00:00:00Z`),
        allDay: true,
        summary: title(item),
        description: `${this.config.publicUrl}/placements/${item.placementId}`,
        url: `${this.config.publicUrl}/placements/${item.placementId}`,
      });
    }
    return calendar.toString();
  }

  private userOf(actor: Actor): string {
    if (!actor.userId) {
      throw new AppException(
        ErrorCode.Conflict,
        'カレンダー配信は利用者ごとのものです。利用者としてサインインするか、利用者のトークンで呼び出してください。',
      );
    }
    return actor.userId;
  }
}

/** 「定着フォロー：Aさん／畑の草取り 28日目」: pseudonymous, nothing beyond the display name and the place. */
export function title(item: FeedItem): string {
  const who = `${addressOf(item.displayName)}／${item.resourceTitle}`;
  if (item.kind === 'visit') return `見学：${who}`;
  if (item.kind === 'trial') return `体験：${who}`;
  if (item.kind === 'after_closure') return `その後の様子確認：${who}`;
  return `定着フォロー：${who} ${item.dayOffset}日目${item.isFinal ? '（最終）' : ''}`;
}
