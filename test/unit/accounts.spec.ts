import { afterFailure, isLocked, type ThrottleState } from '../../src/auth/lockout';
import { checkPasswordPolicy, hashPassword, normalizePassword, verifyPassword } from '../../src/auth/password';
import { tokenRights } from '../../src/auth/token-rights';

describe('password policy (NIST SP 800-63B)', () => {
  it('asks for 12 characters and nothing else about composition', () => {
    expect(checkPasswordPolicy('short pass!')).toMatch(/12 文字以上/);
    expect(checkPasswordPolicy('みどり市の午後はしずか')).toMatch(/12 文字以上/); // 11 characters
    expect(checkPasswordPolicy('みどり市の午後はしずかだ')).toBeNull(); // 12, kana only, no digits or symbols
    expect(checkPasswordPolicy('correct horse battery staple')).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(257))).toMatch(/256 文字以内/);
  });

  it('refuses common, repetitive and sequential values, case and width aside', () => {
    expect(checkPasswordPolicy('qwerty123456')).toMatch(/よく使われて/);
    expect(checkPasswordPolicy('QWERTY123456')).toMatch(/よく使われて/);
    expect(checkPasswordPolicy('ｑｗｅｒｔｙ１２３４５６')).toMatch(/よく使われて/);
    expect(checkPasswordPolicy('abcdefghijklmnop')).toMatch(/繰り返し|よく使われて/);
    expect(checkPasswordPolicy('9876543210987')).toBeNull(); // wraps around: not a plain run
    expect(checkPasswordPolicy('ababababababab')).toMatch(/繰り返し/);
  });

  it('refuses the login id and the display name inside the password', () => {
    expect(checkPasswordPolicy('yamada.hanako-2026!', { login: 'yamada.hanako@example.jp' })).toMatch(/ログイン ID/);
    expect(checkPasswordPolicy('これは山田花子のパスワード', { displayName: '山田花子' })).toMatch(/ログイン ID や表示名/);
    expect(checkPasswordPolicy('まったく別の長いことばの列', { login: 'abc' })).toBeNull(); // too short to count
  });

  it('hashes with argon2id and verifies the full-width form of the same password', async () => {
    const hash = await hashPassword('ｐａｓｓ　ｗｏｒｄ　ｌｏｎｇ');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(normalizePassword('ｐａｓｓ　ｗｏｒｄ')).toBe('pass word');
    await expect(verifyPassword(hash, 'pass word long')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'pass word lonG')).resolves.toBe(false);
    await expect(verifyPassword(null, 'pass word long')).resolves.toBe(false);
  });
});

describe('sign-in lockout', () => {
  const policy = { threshold: 3, windowMs: 15 * 60_000, lockMs: 10 * 60_000 };
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes));

  it('locks at the threshold within the window, and not before', () => {
    let state: ThrottleState | null = null;
    for (const minute of [0, 1]) {
      const next = afterFailure(state, at(minute), policy);
      expect(next.locked).toBe(false);
      state = next;
    }
    const third = afterFailure(state, at(2), policy);
    expect(third).toMatchObject({ locked: true, failures: 0, lockedUntil: at(12) });
    expect(isLocked(third, at(11))).toBe(true);
    expect(isLocked(third, at(12))).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const first = afterFailure(null, at(0), policy);
    const second = afterFailure(first, at(10), policy);
    const late = afterFailure(second, at(16), policy); // window from minute 0 is over
    expect(late).toMatchObject({ failures: 1, locked: false, windowStartedAt: at(16) });
  });

  it('needs the full number of failures again after a lock ends', () => {
    let state: ThrottleState = afterFailure(afterFailure(afterFailure(null, at(0), policy), at(0), policy), at(0), policy);
    expect(state.lockedUntil).toEqual(at(10));
    state = afterFailure(state, at(11), policy);
    expect(state).toMatchObject({ failures: 1, lockedUntil: null });
  });
});

describe('token rights never exceed the owner', () => {
  const coordinator = { status: 'active' as const, role: 'coordinator' as const, organizationId: null, areas: ['中央', '東部'] };
  it('narrows areas, refuses other roles and disabled owners', () => {
    expect(tokenRights({ role: 'coordinator', organizationId: null, areas: null }, coordinator)).toEqual({
      role: 'coordinator',
      organizationId: null,
      areas: ['中央', '東部'],
    });
    expect(tokenRights({ role: 'coordinator', organizationId: null, areas: ['東部', '西部'] }, coordinator)?.areas).toEqual(['東部']);
    expect(tokenRights({ role: 'coordinator', organizationId: null, areas: ['西部'] }, coordinator)).toBeNull();
    expect(tokenRights({ role: 'admin', organizationId: null, areas: null }, coordinator)).toBeNull();
    expect(tokenRights({ role: 'viewer', organizationId: null, areas: null }, coordinator)?.role).toBe('viewer');
    expect(
      tokenRights(
        { role: 'viewer', organizationId: null, areas: null },
        { status: 'active', role: 'host', organizationId: 'o', areas: null },
      ),
    ).toBeNull();
    expect(
      tokenRights({ role: 'host', organizationId: 'b', areas: null }, { status: 'active', role: 'host', organizationId: 'a', areas: null }),
    ).toBeNull();
    expect(tokenRights({ role: 'coordinator', organizationId: null, areas: null }, { ...coordinator, status: 'disabled' })).toBeNull();
    expect(tokenRights({ role: 'admin', organizationId: null, areas: null }, null)?.role).toBe('admin');
  });
});
