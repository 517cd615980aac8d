import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DevelopmentStatus, OrganizationKind } from '../common/catalogue.constants';

export interface OrganizationContact {
  person?: string;
  phone?: string;
  email?: string;
}

/** A host organisation (受入先). */
@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') kind!: OrganizationKind;
  /** The kind as typed when it is none of the known ones (kind = 'other'), e.g. from an imported list. */
  @Column('text', { name: 'kind_label', nullable: true }) kindLabel!: string | null;
  @Column('text', { nullable: true }) area!: string | null;
  @Column('jsonb', { default: {} }) contact!: OrganizationContact;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'development_status', default: 'accepting' }) developmentStatus!: DevelopmentStatus;
  /** 'screen': registered in the service; 'import': brought in from an existing list (catalogue import). */
  @Column('text', { default: 'screen' }) origin!: 'screen' | 'import';
  /** Counted as 開拓 in the reports: false for what an import created, until a coordinator says it was developed. */
  @Column('boolean', { default: true }) developed!: boolean;
  /** normalizeJapanese(name), for the `q` filter; never sent to clients. */
  @Column('text', { name: 'search_name', select: false, default: '' }) searchName?: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
