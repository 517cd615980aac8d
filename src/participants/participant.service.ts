import { Injectable } from '@nestjs/common';
import { areaFilter, assertAreaWritable, canSeeParticipant } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { tokyoDate } from '../common/tokyo-time';
import { JobRepository } from '../jobs/job.repository';
import type { ConsentDto, CreateParticipantDto, ListParticipantsQuery, UpdateParticipantDto } from './dto/participant.dto';
import { ParticipantRepository, type Participant } from './participant.repository';
import { COORDINATOR_FIELDS, needsHash, toCoordinatorView } from './participant.views';

@Injectable()
export class ParticipantService {
  constructor(
    private readonly participants: ParticipantRepository,
    private readonly jobs: JobRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateParticipantDto) {
    assertAreaWritable(actor, dto.area);
    const hash = needsHash({ needs: dto.needs, strengths: dto.strengths ?? null });
    const id = await this.participants.create({
      ...(dto as Partial<Participant>),
      coordinatorId: dto.coordinatorId ?? (actor.role === 'coordinator' ? actor.tokenId : null),
      needsHash: hash,
      embeddingStatus: 'pending',
    });
    await this.audit.record(actor, 'write', [id], Object.keys(dto));
    await this.jobs.enqueueParticipantEmbedding(id, hash);
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string) {
    const participant = await this.require(actor, id);
    await this.audit.record(actor, 'read', [id], COORDINATOR_FIELDS);
    return toCoordinatorView(participant);
  }

  /** Throws not found for a missing, erased or out-of-area participant. */
  async require(actor: Actor, id: string): Promise<Participant> {
    const participant = await this.participants.findById(id);
    if (!canSeeParticipant(actor, participant)) throw AppException.notFound('本人', id);
    return participant;
  }

  async list(actor: Actor, query: ListParticipantsQuery) {
    const page = await this.participants.list({ ...query, areas: areaFilter(actor) });
    await this.audit.record(
      actor,
      'read',
      page.items.map((p) => p.id),
      COORDINATOR_FIELDS,
    );
    return { ...page, items: page.items.map(toCoordinatorView) };
  }

  async update(actor: Actor, id: string, dto: UpdateParticipantDto) {
    await this.require(actor, id);
    if (dto.area) assertAreaWritable(actor, dto.area);
    let newHash: string | null = null;
    const found = await this.participants.update(id, (current) => {
      const hash = needsHash({
        needs: dto.needs ?? current.needs,
        strengths: dto.strengths !== undefined ? dto.strengths : current.strengths,
      });
      if (hash === current.needsHash) return dto as Partial<Participant>;
      newHash = hash;
      return { ...(dto as Partial<Participant>), needsHash: hash, embeddingStatus: 'pending' };
    });
    if (!found) throw AppException.notFound('本人', id);
    await this.audit.record(actor, 'write', [id], Object.keys(dto));
    if (newHash) await this.jobs.enqueueParticipantEmbedding(id, newHash);
    return this.get(actor, id);
  }

  /** Withdrawal takes effect at once: hosts stop seeing the person, no new referral is possible. */
  async setConsent(actor: Actor, id: string, dto: ConsentDto) {
    await this.require(actor, id);
    const date = dto.date ?? tokyoDate();
    const scope = dto.status === 'withdrawn' ? [] : [...new Set(dto.scope)];
    const found = await this.participants.setConsent(
      id,
      { status: dto.status, date, method: dto.method, scope },
      actor.tokenId,
      actor.userId ?? null,
    );
    if (!found) throw AppException.notFound('本人', id);
    await this.audit.record(actor, 'write', [id], ['consent']);
    return this.get(actor, id);
  }

  /** The consent history: a personal-data read (method and scope), recorded in the audit log. */
  async consentHistory(actor: Actor, id: string) {
    await this.require(actor, id);
    const items = await this.participants.consentHistory(id);
    await this.audit.record(actor, 'read', [id], ['consent']);
    return { items };
  }

  /** Everything held about one person, for a request under the personal-information act. */
  async export(actor: Actor, id: string) {
    const participant = await this.require(actor, id);
    const held = await this.participants.exportAll(id);
    await this.audit.record(actor, 'export', [id], COORDINATOR_FIELDS);
    return { exportedAt: new Date(), participant: toCoordinatorView(participant), ...held };
  }

  /** Replaces the record by a tombstone: personal data gone, counts for past reports kept. */
  async erase(actor: Actor, id: string): Promise<void> {
    await this.require(actor, id);
    await this.participants.erase(id);
    await this.audit.record(actor, 'erase', [id], COORDINATOR_FIELDS);
  }
}
