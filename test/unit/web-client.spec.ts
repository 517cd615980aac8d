import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  SERVER_ERROR_MESSAGE,
  ServerError,
  UnauthorizedError,
  ValidationError,
  errorMessage,
  toApiError,
} from '../../web/src/api/errors';
import { clearDraft, loadDraft, saveDraft, setDraftOwner } from '../../web/src/lib/drafts';

/** The web app's mapping of API errors to what the UI shows (web/src/api/errors.ts). */
describe('web API errors', () => {
  it('keeps the field errors of a 400 for the fields they name', () => {
    const error = toApiError(400, {
      statusCode: 400,
      code: 'VALIDATION',
      message: '入力内容に誤りがあります。',
      errors: [{ field: 'needs', message: '希望を入力してください。' }, { bogus: true }],
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([{ field: 'needs', message: '希望を入力してください。' }]);
    expect(error.message).toBe('入力内容に誤りがあります。');
  });

  it("maps each status to its own type, with the service's Japanese message", () => {
    expect(toApiError(401, { message: 'ログインしてください。' })).toBeInstanceOf(UnauthorizedError);
    expect(toApiError(403, {})).toBeInstanceOf(ForbiddenError);
    expect(toApiError(404, {})).toBeInstanceOf(NotFoundError);
    expect(toApiError(429, {})).toBeInstanceOf(RateLimitError);
    const conflict = toApiError(409, { message: '受入枠に空きがありません。' });
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toBe('受入枠に空きがありません。');
    expect(toApiError(403, null).message).toBe('この操作を行う権限がありません。');
  });

  it("never passes a server failure's details on: a 5xx says what to do", () => {
    const error = toApiError(502, { message: 'upstream connect error: ECONNREFUSED 10.0.0.1:5432' });
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe(SERVER_ERROR_MESSAGE);
    expect(errorMessage(new TypeError('x is undefined'))).toBe('予期しない問題が起きました。画面を再読み込みしてください。');
  });
});

describe('web form drafts', () => {
  const store = new Map<string, string>();
  beforeAll(() => {
    (globalThis as Record<string, unknown>).window = {
      sessionStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
        key: (i: number) => [...store.keys()][i] ?? null,
        get length() {
          return store.size;
        },
      },
    };
  });
  afterAll(() => {
    setDraftOwner(null);
    delete (globalThis as Record<string, unknown>).window;
  });
  beforeEach(() => setDraftOwner('user-a'));

  it('saves, restores and clears a draft per form', () => {
    expect(loadDraft('participant-new')).toBeNull();
    saveDraft('participant-new', { needs: '静かな場所で週1回' });
    expect(loadDraft('participant-new')).toEqual({ needs: '静かな場所で週1回' });
    clearDraft('participant-new');
    expect(loadDraft('participant-new')).toBeNull();
  });

  it('treats a damaged draft as none', () => {
    store.set('sanka-draft:user-a:broken', '{not json');
    expect(loadDraft('broken')).toBeNull();
  });

  it("keeps a draft under the signed-in user's id, and never gives it to another user", () => {
    saveDraft('participant-new', { needs: '静かな場所で週1回', healthNote: '通院中' });
    expect([...store.keys()]).toContain('sanka-draft:user-a:participant-new');
    setDraftOwner('user-a'); // a reload by the same user keeps it
    expect(loadDraft('participant-new')).toEqual({ needs: '静かな場所で週1回', healthNote: '通院中' });
    setDraftOwner('user-b'); // another user signs in on this tab
    expect(loadDraft('participant-new')).toBeNull();
    expect(JSON.stringify([...store.values()])).not.toContain('通院中');
  });

  it('removes every draft when the session ends, and saves none while signed out', () => {
    saveDraft('participant-new', { needs: '静かな場所で週1回' });
    store.set('sanka-draft:participant-new', '{"needs":"古い形の下書き"}'); // written before drafts had a user
    store.set('other-app', 'kept');
    setDraftOwner(null);
    expect([...store.keys()]).toEqual(['other-app']);
    saveDraft('participant-new', { needs: '静かな場所で週1回' });
    expect(loadDraft('participant-new')).toBeNull();
    expect([...store.keys()]).toEqual(['other-app']);
  });
});
