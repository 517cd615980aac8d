import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { formatDateJa, formatDateTimeJa } from '../../lib/dates';
import type { DrillTarget } from './ChartPanel';
import { label, type ReportRecords } from './report-data';

const STATE_LABELS: Record<string, string> = {
  proposed: '提案',
  visit: '見学',
  trial: '体験',
  active: '参加・受入',
  closed: '終結',
  open: '受付中',
  paused: '休止',
};

/** The records behind a number: what was counted, area-scoped by the service. */
export function DrillDownPanel({ target, onClose }: { target: DrillTarget; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const query = useQuery({
    queryKey: ['reports', 'records', target.month, target.key, target.area, target.type],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/reports/monthly/{month}/figures/{key}/records', {
          params: { path: { month: target.month, key: target.key }, query: { area: target.area, type: target.type } },
        }),
      ) as Promise<ReportRecords>,
  });
  useEffect(() => heading.current?.focus(), [target]);
  const records = query.data?.records ?? [];
  // The unmet-needs register: its entries name no person; the summary stands where a resource would.
  const register = target.key === 'unmetNeeds.recorded';
  return (
    <section className="report-panel drill-down" aria-labelledby="drill-down-title">
      <div className="report-panel__head">
        <h2 id="drill-down-title" ref={heading} tabIndex={-1}>
          {target.title} の内訳{query.data ? `（${records.length}件）` : ''}
        </h2>
        <button type="button" className="button button--secondary button--small no-print" onClick={onClose}>
          閉じる
        </button>
      </div>
      {query.data?.areaLimited && <p>{register ? '担当地区の記録だけを表示しています。' : '担当地区の本人の記録だけを表示しています。'}</p>}
      <ApiErrorNotice error={query.error} />
      {query.isPending && <p className="loading">読み込んでいます…</p>}
      {query.data && (
        <div className="table-wrap">
          <table className="report-table" data-testid="drill-down-table">
            <caption className="visually-hidden">{target.title} の記録</caption>
            <thead>
              <tr>
                <th scope="col">日付</th>
                <th scope="col">本人</th>
                <th scope="col">{register ? '要約' : '資源・受入先'}</th>
                <th scope="col">地区</th>
                <th scope="col">種別</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={`${r.kind}-${r.id}`}>
                  <td>{r.at.length === 10 ? formatDateJa(r.at) : formatDateTimeJa(r.at)}</td>
                  <td>{r.participantName ?? '—'}</td>
                  <td>{(register ? r.summary : r.resourceTitle) ?? '—'}</td>
                  <td>{r.area ?? '—'}</td>
                  <td>{r.type ? label(r.type) : '—'}</td>
                  <td>{r.state ? (STATE_LABELS[r.state] ?? r.state) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
