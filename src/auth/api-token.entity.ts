import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['admin', 'coordinator', 'host', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** An API token. Only its SHA-256 hash is stored; the secret is shown once at creation. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') role!: Role;
  @Column('uuid', { name: 'organization_id', nullable: true }) organizationId!: string | null;
  @Column('text', { name: 'token_hash', select: false }) tokenHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
  /** Coordinator limited to these areas (null = all). */
  @Column('text', { array: true, nullable: true }) areas!: string[] | null;
  /** The person the token acts for: it carries at most that user's rights. Null: automation (like ADMIN_TOKEN). */
  @Column('uuid', { name: 'user_id', nullable: true }) userId!: string | null;
}
