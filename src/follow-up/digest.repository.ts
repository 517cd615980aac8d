import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../auth/api-token.entity';
import { assignedTo } from './follow-up.repository';

/** One line of a coordinator's day: what is due, overdue, 「その後の様子確認」, or an unread urgent concern. */
export interface DueItem {
  kind: 'overdue' | 'due' | 'after_closure' | 'urgent';
  placementId: string;
  checkpointId: string | null;
  participantId: string;
  displayName: string;
  resourceTitle: string;
  dueOn: string | null;
  nominalDueOn: string | null;
  dayOffset: number | null;
}

export interface DigestRecipient {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

const PERSON = `pa.id AS "participantId", pa.display_name AS "displayName", r.title AS "resourceTitle"`;
const CHECKPOINT = `c.id AS "checkpointId", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn",
  to_char(COALESCE(c.nominal_on, c.due_on), 'YYYY-MM-DD') AS "nominalDueOn", c.day_offset AS "dayOffset"`;
const JOINS = `JOIN placements p ON p.id = c.placement_id JOIN participants pa ON pa.id = p.participant_id
  JOIN resources r ON r.id = p.resource_id`;

/** The morning digest's reads and its ledger (one row per coordinator and day: never sent twice). */
@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Active coordinators and administrators with an e-mail address. */
  recipients(): Promise<DigestRecipient[]> {
    return this.dataSource.query(
      `SELECT id, email, display_name AS "displayName", role FROM users
        WHERE email IS NOT NULL AND status = 'active' AND role IN ('admin', 'coordinator') ORDER BY id`,
    );
  }

  /** Everything the user should see today (Tokyo `today`, instant `now`), overdue first. */
  items(userId: string, today: string, now: Date): Promise<DueItem[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT CASE WHEN c.status = 'overdue' OR c.overdue_at <= $3 THEN 'overdue' ELSE 'due' END AS kind, p.id AS "placementId",
                ${CHECKPOINT}, ${PERSON}
           FROM follow_up_checkpoints c ${JOINS}
          WHERE ${assignedTo('$1')} AND c.kind = 'follow_up' AND c.status IN ('scheduled', 'due', 'overdue') AND c.due_on <= $2::date
            AND p.state = 'active'
         UNION ALL
         SELECT 'after_closure', p.id, ${CHECKPOINT}, ${PERSON}
           FROM follow_up_checkpoints c ${JOINS}
          WHERE ${assignedTo('$1')} AND c.kind = 'after_closure' AND c.status IN ('scheduled', 'due', 'overdue') AND c.due_on <= $2::date
         UNION ALL
         SELECT 'urgent', p.id, n.checkpoint_id, NULL, NULL, NULL, ${PERSON}
           FROM notifications n JOIN placements p ON p.id = n.placement_id JOIN participants pa ON pa.id = p.participant_id
           JOIN resources r ON r.id = p.resource_id
          WHERE n.kind = 'urgent_concern' AND n.read_at IS NULL AND (n.recipient_user_id = $1 OR n.recipient_token_id = $1)
       ) AS items
       ORDER BY array_position(ARRAY['urgent', 'overdue', 'due', 'after_closure'], kind), "dueOn" NULLS FIRST, "placementId"`,
      [userId, today, now],
    );
  }

  /** Claims the user's digest of `day`; false when it was already sent (or is being sent). */
  async claim(userId: string, day: string, items: number): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO digest_deliveries (user_id, day, status, items) VALUES ($1, $2, 'sending', $3) ON CONFLICT DO NOTHING RETURNING day`,
      [userId, day, items],
    );
    return rows.length > 0;
  }

  async markSent(userId: string, day: string): Promise<void> {
    await this.dataSource.query(`UPDATE digest_deliveries SET status = 'sent', sent_at = now() WHERE user_id = $1 AND day = $2`, [
      userId,
      day,
    ]);
  }

  /** The SMTP server refused: the claim goes, so that the retry (or the catch-up) sends it. */
  async release(userId: string, day: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM digest_deliveries WHERE user_id = $1 AND day = $2 AND status = 'sending'`, [userId, day]);
  }

  async finishRun(day: string, sent: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO digest_runs (day, sent) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET sent = digest_runs.sent + EXCLUDED.sent`,
      [day, sent],
    );
  }

  async hasRun(day: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT day FROM digest_runs WHERE day = $1`, [day])).length > 0;
  }
}
