import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage, NotFoundError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { FieldErrorText } from '../../components/FieldErrors';
import { describedBy } from '../../components/FieldFrame';
import { Page } from '../../components/Page';
import './people.css';

/* Small pieces the 本人, マッチング検索 and 資源・受入先 screens share: field groups, lists' states, pages. */

/** A group of related inputs (checkboxes, radios) under one legend, with the group's error beside it. */
export function FieldGroup({
  name,
  legend,
  hint,
  error,
  children,
  className,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset
      className={`fieldset${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy(name, hint ? 'yes' : undefined, error)}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={`${name}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      <FieldErrorText name={name} message={error} />
    </fieldset>
  );
}

/** While a list or record loads: says so in words (and to screen readers). */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      {what}を読み込んでいます…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A record that failed to load: 見つかりません for a 404 (also for another area's person), else what to do. */
export function LoadFailure({ error, what, back }: { error: unknown; what: string; back: { to: string; label: string } }) {
  if (error instanceof NotFoundError) {
    return (
      <Page title={`${what}が見つかりません`}>
        <p>{what}が見つかりません。削除されたか、担当地区の外の記録の可能性があります。</p>
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={`${what}を表示できません`}>
      <ApiErrorNotice error={error} />
      <p className="visually-hidden">{errorMessage(error)}</p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </Page>
  );
}

/** 「前へ」「次へ」 and where the list is (n 件中 a〜b 件目). */
export function Pager({
  page,
  limit,
  total,
  onPage,
  label,
}: {
  page: number;
  limit: number;
  total: number;
  onPage: (page: number) => void;
  label: string;
}) {
  if (!total) return null;
  const last = Math.max(1, Math.ceil(total / limit));
  const from = (page - 1) * limit + 1;
  const to = Math.min(total, page * limit);
  return (
    <nav className="pager" aria-label={`${label}のページ`}>
      <p className="pager__status" aria-live="polite">
        {total} 件中 {from}〜{to} 件目（{page} / {last} ページ）
      </p>
      <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        前へ
      </button>
      <button type="button" className="button button--secondary button--small" disabled={page >= last} onClick={() => onPage(page + 1)}>
        次へ
      </button>
    </nav>
  );
}
