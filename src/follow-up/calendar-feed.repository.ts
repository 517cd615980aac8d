import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../auth/api-token.entity';
import { updateReturning } from '../common/sql';
import { assignedTo } from './follow-up.repository';

/** One dated item of a coordinator's calendar feed: no name or place (the feed leaves the municipality). */
export interface FeedItem {
  uid: string;
  kind: 'checkpoint' | 'after_closure' | 'visit' | 'trial';
  placementId: string;
  participantId: string;
  date: string;
  dayOffset: number | null;
  isFinal: boolean;
}

/** Feeds keep a window of the recent past (a calendar shows what was done) and the whole future. */
const PAST_DAYS = 90;

@Injectable()
export class CalendarFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One feed per user: a new secret replaces the old one. */
  async replace(userId: string, tokenHash: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [userId, tokenHash],
    );
  }

  async revoke(userId: string): Promise<boolean> {
    return (await updateReturning(this.dataSource, `DELETE FROM calendar_feeds WHERE user_id = $1 RETURNING user_id`, [userId])).length > 0;
  }

  /** The feed's owner, unless the secret is unknown or revoked or the owner disabled. */
  async owner(tokenHash: string): Promise<{ userId: string; role: Role } | null> {
    const rows = await this.dataSource.query(
      `SELECT u.id AS "userId", u.role FROM calendar_feeds f JOIN users u ON u.id = f.user_id
        WHERE f.token_hash = $1 AND u.status <> 'disabled'`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Open and recent checkpoints, 「その後の様子確認」 and confirmed visit/trial dates of the user's placements. */
  items(userId: string, today: string): Promise<FeedItem[]> {
    return this.dataSource.query(
      `SELECT 'checkpoint-' || c.id AS uid, CASE c.kind WHEN 'after_closure' THEN 'after_closure' ELSE 'checkpoint' END AS kind,
              p.id AS "placementId", p.participant_id AS "participantId",
              to_char(c.due_on, 'YYYY-MM-DD') AS date, c.day_offset AS "dayOffset", c.is_final AS "isFinal"
         FROM follow_up_checkpoints c JOIN placements p ON p.id = c.placement_id
        WHERE ${assignedTo('$1')} AND c.status <> 'cancelled' AND c.due_on >= $2::date - ${PAST_DAYS}
       UNION ALL
       SELECT v.kind || '-' || p.id, v.kind, p.id, p.participant_id, to_char(v.day, 'YYYY-MM-DD'), NULL, false
         FROM placements p
         CROSS JOIN LATERAL (VALUES ('visit', p.visit_date), ('trial', p.trial_date)) AS v (kind, day)
        WHERE ${assignedTo('$1')} AND v.day IS NOT NULL AND v.day >= $2::date - ${PAST_DAYS}
        ORDER BY date, uid`,
      [userId, today],
    );
  }
}
