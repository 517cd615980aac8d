import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { Roles, type Actor } from '../../src/auth/actor';
import { assertAssignable, canSeeNotification, type Assignee } from '../../src/access/access.rules';
import { AuthGuard } from '../../src/auth/auth.guard';
import type { ApiTokenService } from '../../src/auth/api-token.service';
import { HOST_VISIBLE_FIELDS, SENSITIVE_FIELDS } from '../../src/participants/participant.constants';
import type { Participant } from '../../src/participants/participant.repository';
import { hostViewFields, toHostView } from '../../src/access/consent-projection';

function context(handler: () => void, authorization = 'Bearer token') {
  const request = { headers: { authorization }, method: 'GET', path: '/x', route: { path: '/x' } };
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AuthGuard', () => {
  const tokens = {
    authenticate: jest.fn().mockResolvedValue({ tokenId: 't', role: 'coordinator', organizationId: null, areas: null, route: 'GET /x' }),
  };
  const guard = new AuthGuard(new Reflector(), tokens as unknown as ApiTokenService, {} as never, {} as never);

  it('refuses a route that declares no access rule (deny by default)', async () => {
    await expect(guard.canActivate(context(() => undefined))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets only the listed roles through', async () => {
    class C {
      @Roles('admin') adminOnly() {}
      @Roles('coordinator') coordinatorOnly() {}
    }
    await expect(guard.canActivate(context(C.prototype.adminOnly))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guard.canActivate(context(C.prototype.coordinatorOnly))).resolves.toBe(true);
    await expect(guard.canActivate(context(C.prototype.coordinatorOnly, ''))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('toHostView', () => {
  const person = {
    displayName: 'A',
    ageBand: '30代',
    strengths: '絵',
    considerationsForHost: '短時間から',
    healthNote: '通院',
    disabilityNote: '難聴',
    criminalRecordNote: 'あり',
    householdNote: '母と同居',
    needs: '秘密',
    realName: '山田太郎',
    consentStatus: 'obtained',
    consentScope: [],
    erasedAt: null,
  } as unknown as Participant;

  it('shows nothing without obtained consent', () => {
    expect(toHostView({ ...person, consentStatus: 'withdrawn', consentScope: [...HOST_VISIBLE_FIELDS] })).toBeNull();
    expect(toHostView({ ...person, consentStatus: 'not_obtained', consentScope: [...HOST_VISIBLE_FIELDS] })).toBeNull();
  });

  it.each(HOST_VISIBLE_FIELDS)('shows %s only when it is in the scope', (field) => {
    expect(hostViewFields(toHostView({ ...person, consentScope: [field] })!)).toEqual([field]);
    expect(hostViewFields(toHostView({ ...person, consentScope: HOST_VISIBLE_FIELDS.filter((f) => f !== field) })!)).not.toContain(field);
  });

  it.each(SENSITIVE_FIELDS)('labels %s as sensitive and never shows it as a plain field', (field) => {
    const view = toHostView({ ...person, consentScope: [field] })!;
    expect(Object.keys(view)).toEqual(['sensitive']);
    expect(view.sensitive).toEqual([{ field, label: expect.any(String), category: expect.any(String), value: person[field] }]);
    if (field !== 'householdNote') expect(view.sensitive![0].category).toBe('要配慮個人情報');
    expect(toHostView({ ...person, consentScope: ['displayName', 'strengths'] })!.sensitive).toBeUndefined();
  });

  it('never shows needs or the real name, whatever the scope says', () => {
    const view = toHostView({ ...person, consentScope: [...HOST_VISIBLE_FIELDS, 'needs', 'realName'] as never });
    expect(JSON.stringify(view)).not.toMatch(/秘密|山田/);
  });
});

describe('who is told about a person (canSeeNotification)', () => {
  const actor = (role: Actor['role'], userId: string | null, areas: string[] | null = null): Actor => ({
    tokenId: null,
    userId,
    role,
    organizationId: null,
    areas,
    route: 'GET /api/v1/notifications',
  });
  const coordinator = (id: string, areas: string[] | null = null, status: Assignee['status'] = 'active'): Assignee => ({
    id,
    role: 'coordinator',
    status,
    areas,
  });
  const about = (assignee: Assignee | null, area: string | null = '東部', erased = false) => ({ area, erased, assignee });

  it('goes to the assigned coordinator alone (and admins)', () => {
    const n = about(coordinator('a', ['東部']));
    expect(canSeeNotification(actor('coordinator', 'a', ['東部']), n)).toBe(true);
    expect(canSeeNotification(actor('coordinator', 'b', ['東部']), n)).toBe(false);
    expect(canSeeNotification(actor('coordinator', 'c'), n)).toBe(false);
    expect(canSeeNotification(actor('coordinator', null, ['東部']), n)).toBe(false);
    expect(canSeeNotification(actor('admin', null), n)).toBe(true);
    expect(canSeeNotification(actor('host', 'a'), n)).toBe(false);
  });

  it("goes to every coordinator of the person's area when unassigned, and never outside the area rule", () => {
    for (const assignee of [null, coordinator('gone', null, 'disabled'), coordinator('moved', ['西部'])]) {
      const n = about(assignee);
      expect(canSeeNotification(actor('coordinator', 'b', ['東部']), n)).toBe(true);
      expect(canSeeNotification(actor('coordinator', 'c'), n)).toBe(true);
      expect(canSeeNotification(actor('coordinator', null, ['東部', '北部']), n)).toBe(true);
      expect(canSeeNotification(actor('coordinator', 'w', ['西部']), n)).toBe(false);
    }
    // The assignee too loses sight when the person is outside the areas the call may reach.
    expect(canSeeNotification(actor('coordinator', 'a', ['西部']), about(coordinator('a')))).toBe(false);
    expect(canSeeNotification(actor('coordinator', 'c'), about(null, '東部', true))).toBe(false);
    expect(canSeeNotification(actor('coordinator', 'c'), about(null, null))).toBe(false);
  });

  it('lets admins choose any coordinator who can act for the person, and coordinators only themselves', () => {
    expect(() => assertAssignable(actor('admin', 'x'), 'a', coordinator('a', ['東部']), '東部')).not.toThrow();
    expect(() => assertAssignable(actor('coordinator', 'a'), 'a', coordinator('a'), '東部')).not.toThrow();
    expect(() => assertAssignable(actor('coordinator', 'b'), 'a', coordinator('a'), '東部')).toThrow(/管理者だけ/);
    expect(() => assertAssignable(actor('admin', 'x'), 'a', coordinator('a', ['西部']), '東部')).toThrow(/担当地区/);
    expect(() => assertAssignable(actor('admin', 'x'), 'a', coordinator('a', null, 'disabled'), '東部')).toThrow(/見つかりません/);
    expect(() => assertAssignable(actor('admin', 'x'), 'a', { ...coordinator('a'), role: 'host' }, '東部')).toThrow(/見つかりません/);
    expect(() => assertAssignable(actor('admin', 'x'), 'a', null, '東部')).toThrow(/見つかりません/);
  });
});
