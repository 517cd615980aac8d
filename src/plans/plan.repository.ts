import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PlanKind } from './plan.constants';

export interface SupportPlan {
  id: string;
  participantId: string;
  madeOn: string;
  planKind: PlanKind;
  coordinatorId: string | null;
  coordinatorName: string | null;
  note: string | null;
  createdAt: Date;
}

const SELECT = `
  SELECT sp.id, sp.participant_id AS "participantId", to_char(sp.made_on, 'YYYY-MM-DD') AS "madeOn", sp.kind AS "planKind",
         sp.coordinator_user_id AS "coordinatorId", u.display_name AS "coordinatorName", sp.note, sp.created_at AS "createdAt"
    FROM support_plans sp LEFT JOIN users u ON u.id = sp.coordinator_user_id`;

@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(values: { participantId: string; madeOn: string; planKind: PlanKind; coordinatorId: string | null; note: string | null }) {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO support_plans (participant_id, made_on, kind, coordinator_user_id, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [values.participantId, values.madeOn, values.planKind, values.coordinatorId, values.note],
    );
    return rows[0].id;
  }

  async findById(id: string): Promise<SupportPlan | null> {
    const rows: SupportPlan[] = await this.dataSource.query(`${SELECT} WHERE sp.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A person's plans, the latest 策定日 first (then the latest recorded). */
  listFor(participantId: string): Promise<SupportPlan[]> {
    return this.dataSource.query(`${SELECT} WHERE sp.participant_id = $1 ORDER BY sp.made_on DESC, sp.created_at DESC, sp.id`, [
      participantId,
    ]);
  }

  /** The earliest 策定日 of the person's initial plans, or null: a revision needs an initial plan made on or before it. */
  async firstInitialOn(participantId: string): Promise<string | null> {
    const rows: Array<{ first: string | null }> = await this.dataSource.query(
      `SELECT to_char(min(made_on), 'YYYY-MM-DD') AS first FROM support_plans WHERE participant_id = $1 AND kind = 'initial'`,
      [participantId],
    );
    return rows[0]?.first ?? null;
  }
}
