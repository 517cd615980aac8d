import type { ReactNode } from 'react';
import { ApiErrorNotice } from './ApiErrorNotice';

/**
 * The three states every list shows before its rows: loading (announced politely), failed (what to do),
 * and empty (a sentence saying so). Renders the children only when there is something to show.
 */
export function ListState({
  isLoading,
  error,
  isEmpty,
  empty,
  onReload,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  isEmpty: boolean;
  empty: string;
  onReload?: () => void;
  children: ReactNode;
}) {
  if (isLoading) {
    return (
      <p className="list-state" role="status">
        読み込んでいます…
      </p>
    );
  }
  if (error) return <ApiErrorNotice error={error} onReload={onReload} />;
  if (isEmpty) return <p className="list-state list-state--empty">{empty}</p>;
  return <>{children}</>;
}

/** 「前へ」「次へ」 with where the reader is (12件中 1〜10件目). */
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
  if (total <= limit) return null;
  const last = Math.max(1, Math.ceil(total / limit));
  const from = (page - 1) * limit + 1;
  const to = Math.min(total, page * limit);
  return (
    <nav className="pager" aria-label={`${label}のページ`}>
      <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        前へ
      </button>
      <span className="pager__where">
        {total}件中 {from}〜{to}件目（{page}/{last}ページ）
      </span>
      <button type="button" className="button button--secondary button--small" disabled={page >= last} onClick={() => onPage(page + 1)}>
        次へ
      </button>
    </nav>
  );
}
