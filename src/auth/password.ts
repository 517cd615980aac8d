import * as fs from 'node:fs';
import * as path from 'node:path';
import * as argon2 from 'argon2';
import { projectRoot } from '../common/project-root';

/** Lengths in characters (code points) after NFKC normalisation. NIST SP 800-63B: at least 8, we ask 12; at least 64 allowed. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * NFKC, so that a password typed with a full-width IME (ｐａｓｓ１２３) matches its half-width form;
 * NIST SP 800-63B asks for normalisation of Unicode passwords before hashing.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

let commonPasswords: Set<string> | null = null;

function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const text = fs.readFileSync(path.join(projectRoot(), 'src', 'auth', 'common-passwords.txt'), 'utf8');
  commonPasswords = new Set(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return commonPasswords;
}

/** All one character, or a run such as "abcdefghijkl" or "987654321098". */
function isRepetitiveOrSequential(password: string): boolean {
  const chars = [...password];
  if (new Set(chars).size <= 2) return true;
  const codes = chars.map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]));
  return steps.size === 1 && [1, -1, 0].includes([...steps][0]);
}

/**
 * NIST SP 800-63B memorised-secret rules: a minimum length, no composition rules (no "one digit, one
 * symbol"), and refuse values that are common, repetitive/sequential or context-specific (the login id,
 * the display name). Returns a Japanese reason, or null when the password is acceptable.
 */
export function checkPasswordPolicy(password: string, context: { login?: string; displayName?: string } = {}): string | null {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `パスワードは ${PASSWORD_MIN_LENGTH} 文字以上にしてください（記号や数字を混ぜる必要はありません。長い文やことばの組み合わせがおすすめです）`;
  if (length > PASSWORD_MAX_LENGTH) return `パスワードは ${PASSWORD_MAX_LENGTH} 文字以内にしてください`;
  const lower = normalized.toLowerCase();
  if (loadCommonPasswords().has(lower)) return 'よく使われていて推測されやすいパスワードです。別のものにしてください';
  if (isRepetitiveOrSequential(lower)) return '同じ文字の繰り返しや連続した文字（例: aaaa…, 1234…）は使えません';
  for (const word of [context.login, context.login?.split('@')[0], context.displayName]) {
    const w = word?.normalize('NFKC').toLowerCase().trim();
    if (w && [...w].length >= 4 && lower.includes(w)) return 'ログイン ID や表示名を含むパスワードは使えません';
  }
  return null;
}

/** argon2id with the library's defaults (64 MiB, 3 passes, parallelism 4): above OWASP's minimums. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalizePassword(password), { type: argon2.argon2id });
}

/** A hash of a random value, verified when the login is unknown so that the answer takes as long. */
let dummyHash: Promise<string> | null = null;

/** Constant-time comparison inside argon2; unknown users cost one verification too. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const target = hash ?? (await (dummyHash ??= argon2.hash(`dummy-${Math.random()}`, { type: argon2.argon2id })));
  try {
    const ok = await argon2.verify(target, normalizePassword(password));
    return ok && hash !== null;
  } catch {
    return false;
  }
}

export function passwordNeedsRehash(hash: string): boolean {
  return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash);
}
