import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page } from '../common/pagination';
import { escapeLike, updateReturning } from '../common/sql';
import type { ListResourcesQuery } from './dto/resource.dto';
import { ResourceEntity } from './resource.entity';

/** Tokens for the lexical index, produced by JapaneseTokenizer in the service. */
export interface LexicalTokens {
  title: string[];
  body: string[];
}

export type ResourceRow = Omit<ResourceEntity, 'organization'>;

export interface ResourceWithOrganization extends ResourceRow {
  organizationName: string;
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

  async findById(id: string): Promise<ResourceWithOrganization | null> {
    const row = await this.repo().findOne({ where: { id }, relations: { organization: true } });
    return row ? withOrganizationName(row) : null;
  }

  async list(query: ListResourcesQuery, onlyOrganizationId?: string): Promise<Page<ResourceWithOrganization>> {
    const qb = this.repo()
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.organization', 'o')
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id');
    const organizationId = onlyOrganizationId ?? query.organizationId;
    if (organizationId) qb.andWhere('r.organization_id = :organizationId', { organizationId });
    if (query.type?.length) qb.andWhere('r.type IN (:...types)', { types: query.type });
    if (query.area?.length) qb.andWhere('r.area IN (:...areas)', { areas: query.area });
    if (query.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: query.status });
    if (query.q) {
      qb.andWhere(
        `(r.title ILIKE '%' || :q || '%' OR r.description ILIKE '%' || :q || '%' OR array_to_string(r.tasks, ' ') ILIKE '%' || :q || '%')`,
        { q: escapeLike(query.q) },
      );
    }
    const [rows, total] = await qb
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(withOrganizationName), total, page: query.page, limit: query.limit };
  }

  async findForEmbedding(ids: string[]): Promise<ResourceRow[]> {
    if (!ids.length) return [];
    return this.repo().createQueryBuilder('r').where('r.id IN (:...ids)', { ids }).getMany();
  }

  private async writeSearchTokens(manager: EntityManager, id: string, tokens: LexicalTokens): Promise<void> {
    await manager.query(
      `UPDATE resources SET search_tokens =
         setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B')
        WHERE id = $1`,
      [id, tokens.title.join(' '), tokens.body.join(' ')],
    );
  }
}

function withOrganizationName(row: ResourceEntity): ResourceWithOrganization {
  const { organization, ...rest } = row;
  return { ...rest, organizationName: organization?.name ?? '' };
}
