import { ConflictError, NetworkError, ServerError, ValidationError, errorMessage } from '../api/errors';

/** 409 codes that state a rule (the service's ErrorCode) rather than a record someone else changed first. */
const RULE_CODES = new Set(['CANNOT_DISABLE_SELF', 'CONSENT_REQUIRED', 'RESOURCE_HAS_PLACEMENTS']);

/**
 * An API error as a person should read it: a 409 says what changed and offers to reload,
 * a 5xx says what to do. Never a stack or raw JSON.
 */
export function ApiErrorNotice({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  if (error instanceof ConflictError && error.code && RULE_CODES.has(error.code)) {
    // A 409 that is a standing rule, not a change by someone else: reloading would not help, so say only why.
    return (
      <div className="notice notice--warning" role="alert">
        <p className="notice__title">この操作はできません</p>
        <p>{error.message}</p>
      </div>
    );
  }
  if (error instanceof ConflictError) {
    return (
      <div className="notice notice--warning" role="alert">
        <p className="notice__title">ほかの人が先に変更しました</p>
        <p>{error.message}</p>
        <p>最新の内容を読み込んでから、もう一度操作してください。入力した内容は残ります。</p>
        {onReload && (
          <button type="button" className="button button--secondary" onClick={onReload}>
            最新の内容を読み込む
          </button>
        )}
      </div>
    );
  }
  const title =
    error instanceof ServerError
      ? 'サーバーで問題が起きました'
      : error instanceof NetworkError
        ? 'サーバーに接続できません'
        : error instanceof ValidationError
          ? '入力内容を確かめてください'
          : 'うまくいきませんでした';
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">
        <span aria-hidden="true">⚠ </span>
        {title}
      </p>
      <p>{errorMessage(error)}</p>
    </div>
  );
}
