import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { ListState, Pager } from '../../components/ListState';
import { Page } from '../../components/Page';
import { formatDateTimeJa } from '../../lib/dates';
import { KIND_LABELS, byUrgency, isUrgent, type Notification } from './notifications';

const LIMIT = 20;

/** /notifications — newest 200 from the service, urgent first; filter by unread and kind, page through. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') !== 'false';
  const kind = params.get('kind') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['notifications', { unreadOnly }],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { unread: unreadOnly } } })),
  });
  const markRead = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const [failure, setFailure] = useState<unknown>(null);
  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) merged.delete(k);
      else merged.set(k, v);
    }
    merged.delete('page');
    if (next.page) merged.set('page', next.page);
    // flushSync: react-router navigates in a transition, so without it the controlled checkbox snaps back to its old
    // state until the transition commits (seen in browser tests under load as a box still checked after ?unread=false).
    setParams(merged, { flushSync: true });
  };
  const all = [...(query.data ?? [])].filter((n) => !kind || n.kind === kind).sort(byUrgency);
  const items = all.slice((page - 1) * LIMIT, page * LIMIT);
  return (
    <Page title="通知">
      <div className="filters">
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => set({ unread: e.target.checked ? undefined : 'false' })} />{' '}
          未読だけ表示
        </label>
        <label className="field__label" htmlFor="filter-kind">
          種類
        </label>
        <select
          id="filter-kind"
          className="field__input field__input--inline"
          value={kind}
          onChange={(e) => set({ kind: e.target.value || undefined })}
        >
          <option value="">すべて</option>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {failure !== null && <ApiErrorNotice error={failure} />}
      <ListState
        isLoading={query.isLoading}
        error={query.error}
        isEmpty={!items.length}
        empty={unreadOnly ? '未読の通知はありません。' : '通知はありません。'}
        onReload={() => void query.refetch()}
      >
        <ul className="record-list">
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              onRead={() => markRead.mutateAsync(n.id).then(() => setFailure(null), setFailure)}
              busy={markRead.isPending}
            />
          ))}
        </ul>
        <Pager label="通知" page={page} limit={LIMIT} total={all.length} onPage={(p) => set({ page: String(p) })} />
      </ListState>
    </Page>
  );
}

function NotificationItem({ notification: n, onRead, busy }: { notification: Notification; onRead: () => void; busy: boolean }) {
  const urgent = isUrgent(n);
  return (
    <li className={`record${urgent ? ' record--urgent' : ''}${n.readAt ? ' record--read' : ''}`}>
      <p className="record__title">
        {urgent && <span aria-hidden="true">⚠ </span>}
        <span className="tag">{KIND_LABELS[n.kind] ?? n.kind}</span> {n.readAt ? '既読' : '未読'}　{formatDateTimeJa(n.createdAt)}
      </p>
      <p>{n.message}</p>
      <div className="actions">
        {n.placementId && <Link to={`/placements/${n.placementId}#follow-up`}>紹介を開く</Link>}
        {!n.readAt && (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={onRead}>
            既読にする
          </button>
        )}
      </div>
    </li>
  );
}
