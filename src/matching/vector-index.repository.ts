import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A resource as the in-process vector index holds it: the hard-filter columns and the vector. */
export interface IndexRow {
  id: string;
  /** Open, embedding ready, embedded by the requested model: only such rows are kept. */
  searchable: boolean;
  type: string;
  area: string;
  scheduleDays: string[];
  accessMinutes: number | null;
  accommodations: string[];
  vacancies: number;
  /** The embedding (null when the row is not searchable). */
  vector: Float32Array | null;
}

/** Rows per statement: ≈ 3 kB each on the wire, so a page is ≈ 3 MB and other statements run between pages. */
export const INDEX_PAGE_ROWS = 1_000;

const SEARCHABLE = `r.status = 'open' AND r.embedding_status = 'ready' AND r.embedding_model = $1 AND r.embedding IS NOT NULL`;
/** vector_send: the binary form (2 × int16 header, then float4 big-endian), half the size of the text form and no float parsing. */
const COLUMNS = `r.id, (${SEARCHABLE}) AS searchable, r.type, r.area, r.schedule_days AS "scheduleDays",
  r.access_minutes AS "accessMinutes", r.accommodations, r.vacancies,
  CASE WHEN ${SEARCHABLE} THEN vector_send(r.embedding) END AS vector`;

/**
 * A scalar subquery: how many rows were changed by transactions at or after `since` (an xid8 expression) and the
 * sum of those ids, as text. Any write committed later changes it (adds a row, or gives one a new id), so equal
 * fingerprints in two snapshots mean no change the index would read. An index probe over resources_search_changed_idx:
 * no rows at all while nothing was written since the index's snapshot.
 */
export function changeFingerprintSql(since: string): string {
  return `(SELECT count(*)::text || ':' || coalesce(sum(c.search_changed::text::numeric), 0)::text
             FROM resources c WHERE c.search_changed >= ${since})`;
}

/** The SQL of the in-process vector index (src/matching/vector-index.ts). Reads only; never a personal column. */
@Injectable()
export class VectorIndexRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The xmin of the current snapshot (xid8 as text: every later or still running write has an id at or above it)
   * and the fingerprint of the rows changed at or after it, as this snapshot sees them.
   */
  async snapshot(): Promise<{ xmin: string; fingerprint: string }> {
    const [row]: Array<{ xmin: string; fingerprint: string }> = await this.dataSource.query(
      `SELECT s.xmin::text AS xmin, ${changeFingerprintSql('s.xmin')} AS fingerprint
         FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) s`,
    );
    return row;
  }

  /** One page of the searchable resources of `model`, by id (keyset). */
  async searchable(model: string, afterId: string | null, limit = INDEX_PAGE_ROWS): Promise<IndexRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM resources r
        WHERE ${SEARCHABLE} AND ($2::uuid IS NULL OR r.id > $2::uuid)
        ORDER BY r.id LIMIT $3`,
      [model, afterId, limit],
    );
    return rows.map(toIndexRow);
  }

  /**
   * One page of the rows changed by transactions at or after `since` (xid8 text), searchable or not, keyset by
   * (search_changed, id) from `after`; through the resources_search_changed_idx index (migration SearchChanges).
   */
  async changed(model: string, since: string, after: { changed: string; id: string } | null, limit = INDEX_PAGE_ROWS) {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS}, r.search_changed::text AS changed FROM resources r
        WHERE r.search_changed >= $2::xid8
          AND ($3::xid8 IS NULL OR (r.search_changed, r.id) > ($3::xid8, $4::uuid))
        ORDER BY r.search_changed, r.id LIMIT $5`,
      [model, since, after?.changed ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => ({ ...toIndexRow(row), changed: String(row.changed) }));
  }
}

function toIndexRow(row: Record<string, unknown>): IndexRow {
  return {
    id: row.id as string,
    searchable: row.searchable === true,
    type: row.type as string,
    area: row.area as string,
    scheduleDays: (row.scheduleDays as string[] | null) ?? [],
    accessMinutes: row.accessMinutes === null || row.accessMinutes === undefined ? null : Number(row.accessMinutes),
    accommodations: (row.accommodations as string[] | null) ?? [],
    vacancies: Number(row.vacancies),
    vector: row.vector ? fromVectorSend(row.vector as Buffer) : null,
  };
}

/** pgvector's binary form: uint16 dimensions, uint16 unused, then the floats (big-endian). */
export function fromVectorSend(buf: Buffer): Float32Array {
  const dim = buf.readUInt16BE(0);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) out[i] = buf.readFloatBE(4 + 4 * i);
  return out;
}
