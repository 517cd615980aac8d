import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { Roles } from '../../src/auth/actor';
import { AuthGuard } from '../../src/auth/auth.guard';
import type { ApiTokenService } from '../../src/auth/api-token.service';
import { HOST_VISIBLE_FIELDS } from '../../src/participants/participant.constants';
import type { Participant } from '../../src/participants/participant.repository';
import { toHostView } from '../../src/access/consent-projection';

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
  const guard = new AuthGuard(new Reflector(), tokens as unknown as ApiTokenService);

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
    expect(Object.keys(toHostView({ ...person, consentScope: [field] })!)).toEqual([field]);
    expect(Object.keys(toHostView({ ...person, consentScope: HOST_VISIBLE_FIELDS.filter((f) => f !== field) })!)).not.toContain(field);
  });

  it('never shows needs or the real name, whatever the scope says', () => {
    const view = toHostView({ ...person, consentScope: [...HOST_VISIBLE_FIELDS, 'needs', 'realName'] as never });
    expect(JSON.stringify(view)).not.toMatch(/秘密|山田/);
  });
});
