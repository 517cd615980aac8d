import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { cursorAtSql, decodeCursor, pageWithCursor } from '../common/keyset';
import { listTotal } from '../common/list-total';
import type { CursorPage } from '../common/pagination';
import { normalizeJapanese, TEXT_RULES_VERSION } from '../common/japanese/normalize';
import { escapeLike, updateReturning } from '../common/sql';
import type { Postings } from '../common/japanese/postings';
import type { ListResourcesQuery } from './dto/resource.dto';
import { RESOURCE_FROM, RESOURCE_SELECT, toResource, type Resource } from './resource.columns';
import { ResourceEntity } from './resource.entity';

/** Tokens for the lexical index, produced by JapaneseTokenizer in the service. */
export interface LexicalTokens {
  title: string[];
  body: string[];
  /** Normalised text for the `q` filter (resourceSearchText). */
  text: string;
  /** The BM25 postings (table resource_terms), written in the same transaction as the tokens. */
  postings: Postings;
  /** What the resource is about (matching/understanding/concepts.ts resourceConcepts): column concepts. */
  concepts: string[];
}

/**
 * Replaces a resource's BM25 postings (all of them in one INSERT: the corpus triggers of the LexicalBm25 migration count
 * a resource once per statement). Run in the transaction that writes its search_tokens.
 */
export async function writePostings(db: Pick<EntityManager, 'query'>, id: string, postings: Postings): Promise<void> {
  await db.query(`DELETE FROM resource_terms WHERE resource_id = $1`, [id]);
  if (!postings.terms.length) return;
  await db.query(
    `INSERT INTO resource_terms (resource_id, term, tf, doc_length)
     SELECT $1, t.term, t.tf, $4 FROM unnest($2::text[], $3::real[]) AS t(term, tf)`,
    [id, postings.terms, postings.tfs, postings.length],
  );
}

@Injectable()
export class ResourceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(ResourceEntity);
  }

  async create(values: Partial<ResourceEntity>, tokens: LexicalTokens): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await this.repo(manager).save(this.repo(manager).create(values));
      await this.writeSearchTokens(manager, saved.id, tokens);
      await manager.query(`INSERT INTO resource_status_events (resource_id, status, initial) VALUES ($1, $2, true)`, [
        saved.id,
        saved.status,
      ]);
      return saved.id;
    });
  }

  /**
   * Reads the row under a lock, lets `change` decide the new values (it may throw to
   * abort), and writes them in the same transaction: concurrent edits serialise.
   */
  async update(
    id: string,
    change: (current: ResourceEntity) => { values: Partial<ResourceEntity>; tokens?: LexicalTokens },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) return false;
      const previousStatus = current.status;
      const { values, tokens } = change(current);
      await this.repo(manager).save(this.repo(manager).merge(current, values));
      if (tokens) await this.writeSearchTokens(manager, id, tokens);
      // History for reports: which resources were open at the end of any past month.
      if (values.status && values.status !== previousStatus) {
        await manager.query(`INSERT INTO resource_status_events (resource_id, status) VALUES ($1, $2)`, [id, values.status]);
      }
      return true;
    });
  }

  /** Atomic relative change; null when the row does not exist, false when bounds would break. */
  async adjustVacancies(id: string, delta: number): Promise<number | null | false> {
    const rows = await updateReturning<{ vacancies: number }>(
      this.dataSource,
      `UPDATE resources SET vacancies = vacancies + $2, updated_at = now()
        WHERE id = $1 AND vacancies + $2 BETWEEN 0 AND capacity
        RETURNING vacancies`,
      [id, delta],
    );
    if (rows[0]) return rows[0].vacancies;
    return (await this.repo().countBy({ id })) ? false : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.repo().delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async findById(id: string): Promise<Resource | null> {
    const [row] = await this.dataSource.query(`SELECT ${RESOURCE_SELECT} FROM ${RESOURCE_FROM} WHERE r.id = $1`, [id]);
    return row ? toResource(row) : null;
  }

  /**
   * Newest first. `cursor` (keyset) or `page` (offset, for the screens); the total is exact up to EXACT_TOTAL_LIMIT
   * rows, an estimate above (docs/lists.md).
   */
  async list(query: ListResourcesQuery, onlyOrganizationId?: string): Promise<CursorPage<Resource>> {
    const qb = this.repo().createQueryBuilder('r').innerJoin('r.organization', 'o');
    const organizationId = onlyOrganizationId ?? query.organizationId;
    if (organizationId) qb.andWhere('r.organization_id = :organizationId', { organizationId });
    if (query.type?.length) qb.andWhere('r.type IN (:...types)', { types: query.type });
    if (query.area?.length) qb.andWhere('r.area IN (:...areas)', { areas: query.area });
    if (query.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: query.status });
    if (query.q) {
      // Both sides normalised: search_text is written with the lexical index (ﾊﾟｿｺﾝ, ＰＣ, ゲ－ム, 髙 all match).
      qb.andWhere(`r.search_text ILIKE '%' || :q || '%'`, { q: escapeLike(normalizeJapanese(query.q)) });
    }
    const [counted, countParams] = qb.clone().select('1').getQueryAndParameters();
    const key = query.cursor ? decodeCursor(query.cursor, 'uuid') : null;
    if (key) {
      qb.andWhere(
        '(r.created_at <= CAST(:cursorAt AS timestamptz) AND (r.created_at < CAST(:cursorAt AS timestamptz) OR r.id > :cursorId))',
        {
          cursorAt: key.at,
          cursorId: key.id,
        },
      );
    }
    const [pageSql, pageParams] = qb
      .select(RESOURCE_SELECT)
      .addSelect(cursorAtSql('r.created_at'), 'cursorAt')
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id')
      .offset(key ? 0 : (query.page - 1) * query.limit)
      .limit(query.limit + 1)
      .getQueryAndParameters();
    const [rows, total] = await Promise.all([
      this.dataSource.query(pageSql, pageParams),
      listTotal((sql, params) => this.dataSource.query(sql, params), counted.slice(counted.indexOf(' FROM ')), countParams),
    ]);
    const page = pageWithCursor(rows as Array<{ id: string; cursorAt?: string }>, query.limit);
    return { items: page.items.map(toResource), ...total, page: query.page, limit: query.limit, nextCursor: page.nextCursor };
  }

  async findForEmbedding(ids: string[]): Promise<Resource[]> {
    if (!ids.length) return [];
    return (await this.dataSource.query(`SELECT ${RESOURCE_SELECT} FROM ${RESOURCE_FROM} WHERE r.id = ANY($1::uuid[])`, [ids])).map(
      toResource,
    );
  }

  private async writeSearchTokens(manager: EntityManager, id: string, tokens: LexicalTokens): Promise<void> {
    await manager.query(
      `UPDATE resources SET search_tokens =
         setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B'),
         search_text = $4, text_rules = $5, concepts = $6
        WHERE id = $1`,
      [id, tokens.title.join(' '), tokens.body.join(' '), tokens.text, TEXT_RULES_VERSION, tokens.concepts],
    );
    await writePostings(manager, id, tokens.postings);
  }
}
