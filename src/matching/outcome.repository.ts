import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toVectorLiteral } from './embedding-state.repository';

/** Closed placements of people with needs near a query, per resource: counts of distinct people only. */
export interface OutcomeCounts {
  resourceId: string;
  settled: number;
  withdrew: number;
  hostDeclined: number;
  rematched: number;
}

export interface NearOutcomesQuery {
  model: string;
  vector: Float32Array | number[];
  resourceIds: string[];
  /** The actor's areas (undefined = all): only people the actor may see count. */
  areas: string[] | undefined;
  /** The person searched for, whose own placements must not count as "similar people". */
  excludeParticipantId: string | null;
  neighbours: number;
  minSimilarity: number;
}

@Injectable()
export class OutcomeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The `neighbours` participants nearest to the query (needs embeddings of the current model, cosine similarity at
   * least `minSimilarity`, not erased, consent obtained, in the actor's areas), then their closed placements at the
   * given resources, counted per outcome as distinct people. Nothing else leaves the database.
   */
  async countsNear(q: NearOutcomesQuery): Promise<OutcomeCounts[]> {
    if (!q.resourceIds.length) return [];
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH near AS (
         SELECT p.id FROM participants p
          WHERE p.erased_at IS NULL AND p.consent_status = 'obtained'
            AND p.embedding_status = 'ready' AND p.embedding_model = $2
            AND ($3::text[] IS NULL OR p.area = ANY($3::text[]))
            AND ($4::uuid IS NULL OR p.id <> $4::uuid)
            AND 1 - (p.needs_embedding <=> $1::vector) >= $5
          ORDER BY p.needs_embedding <=> $1::vector
          LIMIT $6)
       SELECT pl.resource_id AS "resourceId",
              count(DISTINCT pl.participant_id) FILTER (WHERE pl.outcome = 'settled')::int AS settled,
              count(DISTINCT pl.participant_id) FILTER (WHERE pl.outcome = 'withdrew')::int AS withdrew,
              count(DISTINCT pl.participant_id) FILTER (WHERE pl.outcome = 'host_declined')::int AS "hostDeclined",
              count(DISTINCT pl.participant_id) FILTER (WHERE pl.outcome = 'rematched')::int AS rematched
         FROM placements pl JOIN near n ON n.id = pl.participant_id
        WHERE pl.state = 'closed' AND pl.resource_id = ANY($7::uuid[])
        GROUP BY pl.resource_id`,
      [toVectorLiteral(q.vector), q.model, q.areas ?? null, q.excludeParticipantId, q.minSimilarity, q.neighbours, q.resourceIds],
    );
    return rows.map((r) => ({
      resourceId: r.resourceId as string,
      settled: Number(r.settled),
      withdrew: Number(r.withdrew),
      hostDeclined: Number(r.hostDeclined),
      rematched: Number(r.rematched),
    }));
  }
}
