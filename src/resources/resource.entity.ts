import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import type { Day, DemandLevel, ResourceStatus, ResourceType, Reward } from '../common/catalogue.constants';

export interface ScheduleSlot {
  day: Day;
  start: string;
  end: string;
}

export type EmbeddingStatus = 'pending' | 'ready' | 'failed';

/**
 * An opening a host offers (居場所, 就労体験, ボランティア, …).
 * The embedding vector and the tokenised text live in columns that only the
 * repositories' hand-written SQL touches (embedding, search_tokens).
 */
@Entity('resources')
export class ResourceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'organization_id' }) organizationId!: string;
  @ManyToOne(() => OrganizationEntity) @JoinColumn({ name: 'organization_id' }) organization?: OrganizationEntity;
  @Column('text') type!: ResourceType;
  @Column('text') title!: string;
  @Column('text', { default: '' }) description!: string;
  @Column('text', { array: true, default: [] }) tasks!: string[];
  @Column('text') area!: string;
  @Column('text', { nullable: true }) address!: string | null;
  @Column('double precision', { nullable: true }) latitude!: number | null;
  @Column('double precision', { nullable: true }) longitude!: number | null;
  @Column('text', { name: 'nearest_station', nullable: true }) nearestStation!: string | null;
  @Column('integer', { name: 'access_minutes', nullable: true }) accessMinutes!: number | null;
  @Column('jsonb', { default: [] }) schedule!: ScheduleSlot[];
  /** Derived from schedule so that the days filter is an indexed array overlap. */
  @Column('text', { name: 'schedule_days', array: true, default: [] }) scheduleDays!: Day[];
  @Column('text', { name: 'frequency_note', nullable: true }) frequencyNote!: string | null;
  @Column('integer') capacity!: number;
  @Column('integer') vacancies!: number;
  @Column('text', { array: true, default: [] }) accommodations!: string[];
  /** Derived from type, title, description and tasks with the lexical index (matching/understanding/concepts.ts). */
  @Column('text', { array: true, default: [] }) concepts!: string[];
  @Column('text', { name: 'demand_talking', default: 'medium' }) demandTalking!: DemandLevel;
  @Column('text', { name: 'demand_physical', default: 'medium' }) demandPhysical!: DemandLevel;
  @Column('text', { name: 'demand_literacy', default: 'medium' }) demandLiteracy!: DemandLevel;
  @Column('text', { default: 'unpaid' }) reward!: Reward;
  @Column('boolean', { name: 'accepts_outside_eligibility', default: false }) acceptsOutsideEligibility!: boolean;
  @Column('text', { default: 'open' }) status!: ResourceStatus;
  @Column('text', { name: 'content_hash', default: '' }) contentHash!: string;
  @Column('text', { name: 'embedding_model', nullable: true }) embeddingModel!: string | null;
  @Column('text', { name: 'embedding_status', default: 'pending' }) embeddingStatus!: EmbeddingStatus;
  @Column('text', { name: 'embedding_error', nullable: true }) embeddingError!: string | null;
  @Column('timestamptz', { name: 'embedded_at', nullable: true }) embeddedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
