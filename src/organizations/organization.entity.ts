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
  @Column('text', { nullable: true }) area!: string | null;
  @Column('jsonb', { default: {} }) contact!: OrganizationContact;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'development_status', default: 'accepting' }) developmentStatus!: DevelopmentStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
