/** Errors the UI can show without ever printing a stack or raw JSON. */

export interface FieldError {
  field: string;
  message: string;
}

/** The service's error body: `{statusCode, code, message, errors?}` with Japanese messages. */
export interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: `errors[]` names the fields; shown beside them. */
export class ValidationError extends ApiError {
  constructor(
    message: string,
    readonly fieldErrors: FieldError[],
    code?: string,
  ) {
    super(400, message, code);
  }
}
/** 401: not signed in, or the session ended. */
export class UnauthorizedError extends ApiError {}
/** 403: signed in, but not allowed (or the CSRF token was missing). */
export class ForbiddenError extends ApiError {}
export class NotFoundError extends ApiError {}
/** 409: someone changed the record, or the step is not allowed now: the message says what. */
export class ConflictError extends ApiError {}
export class RateLimitError extends ApiError {}
/** 5xx: the server failed; the UI says what to do, not what went wrong inside. */
export class ServerError extends ApiError {}
/** No answer at all (network down, service stopped). */
export class NetworkError extends ApiError {
  constructor() {
    super(0, 'サーバーに接続できません。ネットワークの接続を確かめて、もう一度お試しください。');
  }
}

const FALLBACK: Record<number, string> = {
  400: '入力内容を確かめてください。',
  401: 'ログインが必要です。',
  403: 'この操作を行う権限がありません。',
  404: '見つかりませんでした。削除された可能性があります。',
  409: 'ほかの人がこの内容を変更したため、保存できませんでした。',
  429: 'リクエストが多すぎます。しばらく待ってからもう一度お試しください。',
};
export const SERVER_ERROR_MESSAGE =
  'サーバーで問題が起きました。時間をおいてもう一度お試しください。続くときは管理者に連絡してください。';

/** Turns an error response into a typed error. The server's message is used only when it is a plain sentence. */
export function toApiError(status: number, body: unknown): ApiError {
  const b: ErrorBody = body && typeof body === 'object' ? (body as ErrorBody) : {};
  const message = typeof b.message === 'string' && b.message.trim() ? b.message : (FALLBACK[status] ?? SERVER_ERROR_MESSAGE);
  if (status >= 500) return new ServerError(status, SERVER_ERROR_MESSAGE, b.code);
  switch (status) {
    case 400: {
      const fields = Array.isArray(b.errors)
        ? b.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string')
        : [];
      return new ValidationError(message, fields, b.code);
    }
    case 401:
      return new UnauthorizedError(status, message, b.code);
    case 403:
      return new ForbiddenError(status, message, b.code);
    case 404:
      return new NotFoundError(status, message, b.code);
    case 409:
      return new ConflictError(status, message, b.code);
    case 429:
      return new RateLimitError(status, message, b.code);
    default:
      return new ApiError(status, message, b.code);
  }
}

/** A sentence for any error, for places that have no better one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '予期しない問題が起きました。画面を再読み込みしてください。';
}
