import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { Organization, PageOf } from '../host/host-api';

export type User = components['schemas']['UserDto'];
export type InvitationLink = components['schemas']['InvitationLinkDto'];
export type ApiToken = components['schemas']['ApiTokenDto'];
export type CreatedApiToken = components['schemas']['CreatedApiTokenDto'];
export type AuditEntry = components['schemas']['AuditEntryDto'];

export const adminKeys = {
  users: ['admin', 'users'] as const,
  tokens: ['admin', 'tokens'] as const,
  organizations: ['admin', 'organizations'] as const,
  audit: (filter: object) => ['admin', 'audit', filter] as const,
  health: ['health'] as const,
};

export const ROLE_OPTIONS = [
  { value: 'coordinator', label: 'コーディネーター' },
  { value: 'host', label: '受入先の職員' },
  { value: 'viewer', label: '閲覧者（集計のみ）' },
  { value: 'admin', label: '管理者' },
] as const;
export const USER_STATUS_LABELS: Record<string, string> = { invited: '招待中（パスワード未設定）', active: '利用中', disabled: '無効' };
export const DEVELOPMENT_STATUS_LABELS: Record<string, string> = { developing: '開拓中', accepting: '受入可', suspended: '休止' };

export async function listUsers(): Promise<User[]> {
  return (await unwrap(api.GET('/api/v1/users', { params: { query: { limit: 100 } } }))).items;
}

/** Every organisation (a municipality has tens to a few hundred): pages of 100 until the end. */
export async function listOrganizations(): Promise<Organization[]> {
  const all: Organization[] = [];
  for (let page = 1; page <= 50; page++) {
    const result = (await unwrap(
      api.GET('/api/v1/organizations', { params: { query: { limit: 100, page } } }),
    )) as unknown as PageOf<Organization>;
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) break;
  }
  return all;
}

/** What /health says about backups (public route, no schema): shown on the admin screens. */
export interface BackupStatus {
  lastSuccessAt: string | null;
  ageHours: number | null;
  sizeBytes?: number | null;
  warning?: string;
}

export async function fetchBackupStatus(): Promise<BackupStatus | null> {
  const response = await fetch('/health', { headers: { Accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as { backup?: BackupStatus } | null;
  return body?.backup ?? null;
}
