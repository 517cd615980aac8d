/**
 * The one exception type for domain errors. Each code maps to one HTTP status in
 * AppExceptionFilter; messages are Japanese because coordinators and hosts read them.
 * Never put a participant's needs, health or household text in a message.
 */
export enum ErrorCode {
  Validation = 'VALIDATION_FAILED',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  ResourceHasPlacements = 'RESOURCE_HAS_PLACEMENTS',
  NoVacancy = 'NO_VACANCY',
  InvalidTransition = 'INVALID_TRANSITION',
  ConsentRequired = 'CONSENT_REQUIRED',
  /** An administrator tried to disable their own account: a rule, not someone else's change. */
  CannotDisableSelf = 'CANNOT_DISABLE_SELF',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RateLimited = 'RATE_LIMITED',
  SignInLocked = 'SIGN_IN_LOCKED',
  ModelUnavailable = 'MODEL_UNAVAILABLE',
  DependencyUnavailable = 'DEPENDENCY_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.ResourceHasPlacements]: 409,
  [ErrorCode.NoVacancy]: 409,
  [ErrorCode.InvalidTransition]: 409,
  [ErrorCode.ConsentRequired]: 409,
  [ErrorCode.CannotDisableSelf]: 409,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.SignInLocked]: 423,
  [ErrorCode.ModelUnavailable]: 503,
  [ErrorCode.DependencyUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

export interface FieldError {
  field: string;
  message: string;
}

export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }

  static validation(field: string, message: string): AppException {
    return new AppException(ErrorCode.Validation, `入力内容に誤りがあります: ${field}: ${message}`, {
      errors: [{ field, message }],
    });
  }

  static notFound(what: string, id: string): AppException {
    return new AppException(ErrorCode.NotFound, `${what}（id: ${id}）が見つかりません。`);
  }

  static forbidden(message = 'この操作を行う権限がありません。'): AppException {
    return new AppException(ErrorCode.Forbidden, message);
  }
}
