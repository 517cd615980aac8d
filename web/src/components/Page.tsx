import { useEffect, type ReactNode } from 'react';

export const SERVICE_NAME = '参加支援マッチング';

/** Every page has exactly one h1 naming it, and the browser tab says the same. */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} | ${SERVICE_NAME}`;
  }, [title]);
  return (
    <div className="page">
      <h1 className="page__title">{title}</h1>
      {children}
    </div>
  );
}
