import { Injectable } from '@nestjs/common';
import { assertOwnOrganization, canSeeOrganization, hostOrganizationFilter } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AppException, ErrorCode } from '../common/app.exception';
import type { CursorPage } from '../common/pagination';
import { JobRepository } from '../jobs/job.repository';
import { JapaneseTokenizer } from '../common/japanese/tokenizer';
import { postingsOf } from '../common/japanese/postings';
import { OrganizationRepository } from '../organizations/organization.repository';
import type { CreateResourceDto, ListResourcesQuery, UpdateResourceDto } from './dto/resource.dto';
import { DAYS } from '../common/catalogue.constants';
import type { ResourceEntity, ScheduleSlot } from './resource.entity';
import { ResourceRepository, type LexicalTokens } from './resource.repository';
import { contentHash, resourceLexicalBody, resourcePassage, resourceSearchText, type ResourceTextFields } from './resource-text';
import { toResourceView, type ResourceView } from './resource.view';
import { resourceConcepts } from '../common/concepts';

@Injectable()
export class ResourceService {
  constructor(
    private readonly resources: ResourceRepository,
    private readonly organizations: OrganizationRepository,
    private readonly tokenizer: JapaneseTokenizer,
    private readonly jobs: JobRepository,
  ) {}

  async create(actor: Actor, dto: CreateResourceDto): Promise<ResourceView> {
    assertOwnOrganization(actor, dto.organizationId, '受入先トークンでは、自団体の資源だけを登録できます。');
    if (!(await this.organizations.exists(dto.organizationId))) {
      throw AppException.validation('organizationId', `受入先（id: ${dto.organizationId}）が登録されていません`);
    }
    const values = { ...RESOURCE_DEFAULTS, ...toColumns(dto) };
    assertConsistent(values);
    const text = this.textIndex(values as ResourceTextFields);
    const id = await this.resources.create({ ...values, contentHash: text.hash, embeddingStatus: 'pending' }, text.tokens);
    await this.jobs.enqueueResourceEmbedding(id, text.hash);
    return this.get(actor, id);
  }

  /** Bulk creation (demo data, imports): validated one by one, embedded as one batched job. */
  async importMany(dtos: CreateResourceDto[], onProgress?: (done: number, total: number) => void): Promise<string[]> {
    const ids: string[] = [];
    for (const dto of dtos) {
      const values = { ...RESOURCE_DEFAULTS, ...toColumns(dto) };
      assertConsistent(values);
      const text = this.textIndex(values as ResourceTextFields);
      ids.push(await this.resources.create({ ...values, contentHash: text.hash, embeddingStatus: 'pending' }, text.tokens));
      onProgress?.(ids.length, dtos.length);
    }
    await this.jobs.enqueueEmbedPending('import');
    return ids;
  }

  async get(actor: Actor, id: string): Promise<ResourceView> {
    const resource = await this.resources.findById(id);
    if (!resource || !canSeeOrganization(actor, resource.organizationId)) throw AppException.notFound('資源', id);
    return toResourceView(resource);
  }

  async list(actor: Actor, query: ListResourcesQuery): Promise<CursorPage<ResourceView>> {
    const page = await this.resources.list(query, hostOrganizationFilter(actor));
    return { ...page, items: page.items.map(toResourceView) };
  }

  async update(actor: Actor, id: string, dto: UpdateResourceDto): Promise<ResourceView> {
    if (dto.organizationId) assertOwnOrganization(actor, dto.organizationId, '資源を他の団体に移すことはできません。');
    if (dto.organizationId && !(await this.organizations.exists(dto.organizationId))) {
      throw AppException.validation('organizationId', `受入先（id: ${dto.organizationId}）が登録されていません`);
    }
    let newHash: string | null = null;
    const found = await this.resources.update(id, (current) => {
      if (!canSeeOrganization(actor, current.organizationId)) throw AppException.notFound('資源', id);
      const values = toColumns(dto);
      const merged = { ...current, ...values } as ResourceEntity;
      assertConsistent(merged);
      const text = this.textIndex(merged);
      if (text.hash === current.contentHash) return { values };
      newHash = text.hash;
      return { values: { ...values, contentHash: text.hash, embeddingStatus: 'pending', embeddingError: null }, tokens: text.tokens };
    });
    if (!found) throw AppException.notFound('資源', id);
    if (newHash) await this.jobs.enqueueResourceEmbedding(id, newHash);
    return this.get(actor, id);
  }

  async adjustVacancies(actor: Actor, id: string, delta: number): Promise<ResourceView> {
    await this.get(actor, id);
    const result = await this.resources.adjustVacancies(id, delta);
    if (result === null) throw AppException.notFound('資源', id);
    if (result === false) {
      throw new AppException(ErrorCode.NoVacancy, '空き数は 0 以上、定員以下でなければなりません。現在の空き数を確認してください。', {
        errors: [{ field: 'delta', message: '空き数が 0 未満または定員超過になります' }],
      });
    }
    return this.get(actor, id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    await this.get(actor, id);
    try {
      await this.resources.delete(id);
    } catch (err) {
      if (['23503', '23001'].includes((err as { code?: string }).code ?? '')) {
        throw new AppException(
          ErrorCode.ResourceHasPlacements,
          'この資源には紹介（マッチング）の記録があるため削除できません。記録を残すため、status を closed にして受付を終了してください。',
        );
      }
      throw err;
    }
  }

  /** Content hash and lexical index of a resource's text (also used by TextReindexService). */
  textIndex(fields: ResourceTextFields): { hash: string; tokens: LexicalTokens } {
    const passage = resourcePassage(fields);
    const title = this.tokenizer.lexicalTerms(fields.title);
    const body = this.tokenizer.lexicalTerms(resourceLexicalBody(fields));
    return {
      hash: contentHash(passage),
      tokens: {
        title: title.words,
        body: body.words,
        text: resourceSearchText(fields),
        postings: postingsOf(title, body),
        concepts: resourceConcepts(fields),
      },
    };
  }
}

/** Same defaults as the table's, applied before hashing so that the hash matches the stored row. */
const RESOURCE_DEFAULTS: Partial<ResourceEntity> = {
  tasks: [],
  accommodations: [],
  demandTalking: 'medium',
  demandPhysical: 'medium',
  demandLiteracy: 'medium',
  reward: 'unpaid',
  acceptsOutsideEligibility: false,
  status: 'open',
};

/** DTO (API names) → entity columns; only the keys present in the DTO. */
function toColumns(dto: UpdateResourceDto): Partial<ResourceEntity> {
  const { demands, schedule, ...rest } = dto;
  const values = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<ResourceEntity>;
  if (schedule) {
    values.schedule = schedule.map(({ day, start, end }) => ({ day, start, end }));
    values.scheduleDays = DAYS.filter((d) => schedule.some((s) => s.day === d));
  }
  if (demands?.talking) values.demandTalking = demands.talking;
  if (demands?.physical) values.demandPhysical = demands.physical;
  if (demands?.literacy) values.demandLiteracy = demands.literacy;
  return values;
}

/** Cross-field rules that single-field validation cannot see. */
export function assertConsistent(r: Partial<ResourceEntity>): void {
  (r.schedule ?? []).forEach((slot: ScheduleSlot, i: number) => {
    if (slot.start >= slot.end)
      throw AppException.validation(`schedule[${i}].end`, `終了時刻（${slot.end}）は開始時刻（${slot.start}）より後にしてください`);
  });
  if (r.vacancies !== undefined && r.capacity !== undefined && r.vacancies > r.capacity) {
    throw AppException.validation('vacancies', `空き数（${r.vacancies}）は定員（${r.capacity}）以下にしてください`);
  }
}
