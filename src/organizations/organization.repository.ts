import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { normalizeJapanese } from '../common/japanese/normalize';
import type { Page } from '../common/pagination';
import { escapeLike } from '../common/sql';
import type { CreateOrganizationDto, ListOrganizationsQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationEntity } from './organization.entity';

@Injectable()
export class OrganizationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(OrganizationEntity);
  }

  async create(dto: CreateOrganizationDto, manager?: EntityManager): Promise<OrganizationEntity> {
    const repo = this.repo(manager);
    const saved = await repo.save(repo.create({ ...dto, contact: dto.contact ?? {}, searchName: normalizeJapanese(dto.name) }));
    return repo.findOneByOrFail({ id: saved.id });
  }

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.repo().findOneBy({ id });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.repo().countBy({ id })) > 0;
  }

  async update(id: string, dto: UpdateOrganizationDto): Promise<OrganizationEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const repo = this.repo(manager);
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) return null;
      const searchName = dto.name !== undefined ? { searchName: normalizeJapanese(dto.name) } : {};
      await repo.save(repo.merge(current, { ...(dto as Partial<OrganizationEntity>), ...searchName }));
      // Marking an imported host as developed (or not) counts the resources brought in with it the same way.
      if (dto.developed !== undefined) {
        await manager.query(`UPDATE resources SET developed = $2 WHERE organization_id = $1 AND origin = 'import'`, [id, dto.developed]);
      }
      return repo.findOneByOrFail({ id });
    });
  }

  async list(query: ListOrganizationsQuery, onlyId?: string): Promise<Page<OrganizationEntity>> {
    const qb = this.repo().createQueryBuilder('o').orderBy('o.createdAt', 'DESC').addOrderBy('o.id');
    if (onlyId) qb.andWhere('o.id = :onlyId', { onlyId });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.area) qb.andWhere('o.area = :area', { area: query.area });
    if (query.developmentStatus) qb.andWhere('o.developmentStatus = :ds', { ds: query.developmentStatus });
    if (query.q) qb.andWhere(`o.search_name ILIKE '%' || :q || '%'`, { q: escapeLike(normalizeJapanese(query.q)) });
    const [items, total] = await qb
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { items, total, page: query.page, limit: query.limit };
  }

  async countAll(): Promise<number> {
    return this.repo().count();
  }
}
