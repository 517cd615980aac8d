import type { Role } from './api-token.entity';

export interface Rights {
  role: Role;
  organizationId: string | null;
  /** null = all areas. */
  areas: string[] | null;
}

export interface Owner extends Rights {
  status: 'invited' | 'active' | 'disabled';
}

/**
 * What a token owned by a user may do: at most what the user may. Same role (or viewer, for an admin or a
 * coordinator, since both may read reports), the same organisation for hosts, and for coordinators the
 * areas both allow. Null: the token grants nothing now (owner disabled, owner's role or organisation changed).
 */
export function tokenRights(token: Rights, owner: Owner | null): Rights | null {
  if (!owner) return token;
  if (owner.status === 'disabled') return null;
  const viewerOfReports = token.role === 'viewer' && (owner.role === 'admin' || owner.role === 'coordinator');
  if (token.role !== owner.role && !viewerOfReports) return null;
  if (token.role === 'host' && token.organizationId !== owner.organizationId) return null;
  if (token.role !== 'coordinator' || !owner.areas?.length) return token;
  if (!token.areas?.length) return { ...token, areas: owner.areas };
  const both = token.areas.filter((a) => owner.areas!.includes(a));
  return both.length ? { ...token, areas: both } : null;
}
