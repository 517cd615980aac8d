import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditRepository, type AuditAction, type AuditFilter } from './audit.repository';

/**
 * Every read or write of participant data is recorded before the data leaves the
 * service: if the audit entry cannot be written, the request fails rather than go unrecorded.
 */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(
    actor: Actor,
    action: AuditAction,
    participantIds: string[],
    fields: readonly string[],
    manager?: EntityManager,
  ): Promise<void> {
    const unique = [...new Set(participantIds)];
    await this.audit.record(
      unique.map((participantId) => ({
        tokenId: actor.tokenId,
        role: actor.role,
        action,
        participantId,
        fields: [...fields],
        route: actor.route,
      })),
      manager,
    );
  }

  list(filter: AuditFilter) {
    return this.audit.list(filter);
  }

  /** UTF-8 with BOM for Excel: 日時, トークン, 役割, 操作, 本人, 項目, 経路. */
  toCsv(
    entries: Array<{
      at: Date;
      tokenId: string | null;
      role: string;
      action: string;
      participantId: string;
      fields: string[];
      route: string;
    }>,
  ): string {
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [
      ['日時', 'トークン', '役割', '操作', '本人', '項目', '経路'],
      ...entries.map((e) => [
        new Date(e.at).toISOString(),
        e.tokenId ?? 'ADMIN_TOKEN',
        e.role,
        e.action,
        e.participantId,
        e.fields.join(' '),
        e.route,
      ]),
    ];
    return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
  }
}
