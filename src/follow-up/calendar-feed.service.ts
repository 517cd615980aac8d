import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppException, ErrorCode } from '../common/app.exception';
import { Clock } from '../common/clock';
import { placementRef } from '../common/placement-ref';
import { FEED_PATH } from '../common/secret-paths';
import { addDays } from '../common/tokyo-time';
import { AppConfig } from '../config/app-config';
import { CalendarFeedRepository, type FeedItem } from './calendar-feed.repository';

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * A coordinator's personal iCalendar (RFC 5545) feed: their checkpoints, 「その後の様子確認」 and confirmed
 * visit/trial dates as all-day events. Any calendar (Outlook, Google, Garoon, cybozu) may read and store it,
 * outside the municipality: an event carries no personal data at all — no display name, not even the place
 * (with a date it tells who goes where) — only what is due and a reference to the placement, whose page
 * (behind sign-in) is linked.
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
    // The feed tells whoever holds the link that these people have dates (no field of theirs): recorded as a read.
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
        [],
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

/** 「定着フォロー確認 28日目（No.1A2B3C4D）」: what is due and the placement's reference, no personal data. */
export function title(item: FeedItem): string {
  const ref = `（${placementRef(item.placementId)}）`;
  if (item.kind === 'visit') return `見学${ref}`;
  if (item.kind === 'trial') return `体験${ref}`;
  if (item.kind === 'after_closure') return `その後の様子確認${ref}`;
  return `定着フォロー確認 ${item.dayOffset}日目${item.isFinal ? '（最終）' : ''}${ref}`;
}
