import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateReturning } from '../common/sql';

/** Rows that carry an embedding: resources (passages) and participants (needs, as queries). */
export type EmbeddingTarget = 'resource' | 'participant';

const TARGETS: Record<EmbeddingTarget, { table: string; vector: string; hash: string; live: string }> = {
  resource: { table: 'resources', vector: 'embedding', hash: 'content_hash', live: 'true' },
  participant: { table: 'participants', vector: 'needs_embedding', hash: 'needs_hash', live: 'erased_at IS NULL' },
};

export interface PendingEmbedding {
  id: string;
  hash: string;
}

/** The embedding columns of both tables. Every write is guarded by the text's hash. */
@Injectable()
export class EmbeddingStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keyset-paginated by id so that one run visits each row once, even failing ones. */
  findNeeding(target: EmbeddingTarget, model: string, afterId: string | null, limit: number): Promise<PendingEmbedding[]> {
    const t = TARGETS[target];
    return this.dataSource.query(
      `SELECT id, ${t.hash} AS hash FROM ${t.table}
        WHERE ${t.live} AND (embedding_status <> 'ready' OR embedding_model IS DISTINCT FROM $1)
          AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [model, afterId, limit],
    );
  }

  async countNeeding(target: EmbeddingTarget, model: string): Promise<number> {
    const t = TARGETS[target];
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM ${t.table} WHERE ${t.live} AND (embedding_status <> 'ready' OR embedding_model IS DISTINCT FROM $1)`,
      [model],
    );
    return rows[0].n;
  }

  /** Writes only if the text has not changed since it was read. */
  async save(target: EmbeddingTarget, id: string, hash: string, model: string, vector: ArrayLike<number>): Promise<boolean> {
    return (await this.saveMany(target, model, [{ id, hash, vector }])) === 1;
  }

  /**
   * One UPDATE for a batch: each row is written only if its text has not changed since it was read (a row
   * edited meanwhile stays pending for the next run). Returns how many rows were written.
   */
  async saveMany(
    target: EmbeddingTarget,
    model: string,
    rows: Array<{ id: string; hash: string; vector: ArrayLike<number> }>,
  ): Promise<number> {
    if (!rows.length) return 0;
    const t = TARGETS[target];
    const written = await updateReturning(
      this.dataSource,
      `UPDATE ${t.table} AS t SET ${t.vector} = v.vector::vector, embedding_model = $1, embedding_status = 'ready',
              embedding_error = NULL, embedded_at = now()
         FROM unnest($2::uuid[], $3::text[], $4::text[]) AS v(id, hash, vector)
        WHERE t.id = v.id AND t.${t.hash} = v.hash AND ${t.live} RETURNING t.id`,
      [model, rows.map((r) => r.id), rows.map((r) => r.hash), rows.map((r) => toVectorLiteral(r.vector))],
    );
    return written.length;
  }

  /** Every row waiting for its first vector, in both tables (the model is unavailable). */
  async markPendingFailed(error: string): Promise<void> {
    for (const t of Object.values(TARGETS)) {
      await this.dataSource.query(
        `UPDATE ${t.table} SET embedding_status = 'failed', embedding_error = $1 WHERE embedding_status = 'pending' AND ${t.live}`,
        [error.slice(0, 500)],
      );
    }
  }

  async markFailed(target: EmbeddingTarget, id: string, hash: string, error: string): Promise<void> {
    const t = TARGETS[target];
    await this.dataSource.query(
      `UPDATE ${t.table} SET embedding_status = 'failed', embedding_error = $3 WHERE id = $1 AND ${t.hash} = $2`,
      [id, hash, error.slice(0, 500)],
    );
  }
}

export function toVectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector, (v) => (Number.isFinite(v) ? v : 0)).join(',')}]`;
}
