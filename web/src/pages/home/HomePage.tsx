import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ListState, Pager } from '../../components/ListState';
import { Page } from '../../components/Page';
import { navItemsFor } from '../../layout/AppLayout';
import { formatDateJa, tokyoMonth } from '../../lib/dates';
import { useSession } from '../../session/SessionContext';
import { KIND_LABELS, isUrgent, useUnreadNotifications } from '../notifications/notifications';

const LIMIT = 10;

/** ホーム: today's work — follow-ups due and overdue, 「その後の様子確認」, placements waiting for a next step, unread notifications, this month. */
export function HomePage() {
  const { session } = useSession();
  const role = session?.user.role;
  const worker = role === 'admin' || role === 'coordinator';
  return (
    <Page title="ホーム">
      <p className="lead">今日は{formatDateJa(new Date(), { wareki: true })}です。</p>
      {worker && (
        <div className="home-grid">
          <DueFollowUps />
          <AfterClosureContacts />
          <NextSteps />
          <UnreadNotifications />
          {/* Viewers and admins may read the figures too; hosts may not. */}
          <MonthFigures />
        </div>
      )}
      {!worker && role === 'viewer' && <MonthFigures />}
      <section aria-labelledby="home-menu">
        <h2 id="home-menu">メニュー</h2>
        <ul className="menu-list">
          {/* The same role rule as the main menu: a viewer (city officer) is offered 集計 only, no screen that refuses them. */}
          {navItemsFor(role)
            .filter((item) => item.to !== '/' && !item.to.startsWith('/admin'))
            .map((item) => (
              <li key={item.to}>
                <Link to={item.to}>{item.label}</Link>
              </li>
            ))}
        </ul>
      </section>
    </Page>
  );
}

function DueFollowUps() {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['home', 'due', page],
    queryFn: () => unwrap(api.GET('/api/v1/follow-up/due', { params: { query: { page, limit: LIMIT } } })),
  });
  const items = query.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="home-due">
      <h2 id="home-due">今日のフォロー（期日・期限超過）</h2>
      <ListState
        isLoading={query.isLoading}
        error={query.error}
        isEmpty={!items.length}
        empty="今日までに期日を迎えたフォローはありません。"
      >
        <ul className="record-list">
          {items.map((c) => (
            <li key={c.checkpointId} className={c.overdue ? 'record record--overdue' : 'record'}>
              <Link to={`/placements/${c.placementId}#follow-up`}>
                {c.participant.displayName}（{c.resourceTitle}）
              </Link>
              <p className="record__meta">
                <span className="tag">
                  <span aria-hidden="true">{c.overdue ? '⚠ ' : '● '}</span>
                  {c.overdue ? '期限超過' : '今日'}
                </span>{' '}
                {formatDateJa(c.dueOn)}・{c.dayOffset}日目{c.isFinal ? '（最後の確認日）' : ''}
              </p>
            </li>
          ))}
        </ul>
        {query.data && <Pager label="今日のフォロー" page={page} limit={LIMIT} total={query.data.total} onPage={setPage} />}
      </ListState>
    </section>
  );
}

/** 「その後の様子確認」 due today or earlier (from GET /follow-up/today, the same list as the morning digest). */
function AfterClosureContacts() {
  const query = useQuery({
    queryKey: ['home', 'today'],
    queryFn: () => unwrap(api.GET('/api/v1/follow-up/today')),
  });
  const today = query.data?.today;
  const items = (query.data?.items ?? []).filter((i) => i.kind === 'after_closure');
  return (
    <section className="panel" aria-labelledby="home-after-closure">
      <h2 id="home-after-closure">その後の様子確認</h2>
      <ListState
        isLoading={query.isLoading}
        error={query.error}
        isEmpty={!items.length}
        empty="今日までに予定した「その後の様子確認」はありません。"
      >
        <ul className="record-list">
          {items.map((c) => {
            const overdue = !!c.dueOn && !!today && c.dueOn < today;
            return (
              <li key={c.checkpointId ?? c.placementId} className="record">
                <Link to={`/placements/${c.placementId}`}>
                  {c.displayName}（{c.resourceTitle}）
                </Link>
                <p className="record__meta">
                  <span className="tag">{overdue ? '予定日を過ぎています' : '今日'}</span> {c.dueOn ? formatDateJa(c.dueOn) : ''}
                  {c.dayOffset != null ? `・終結から${c.dayOffset}日` : ''}
                </p>
              </li>
            );
          })}
        </ul>
      </ListState>
    </section>
  );
}

const REASON_LABELS: Record<string, string> = {
  no_visit_date: '見学日が未定',
  trial_ended: '体験日が過ぎました',
  final_checkpoint: '最後の確認日を迎えました',
};

function NextSteps() {
  const [page, setPage] = useState(1);
  const [reason, setReason] = useState<'' | 'no_visit_date' | 'trial_ended' | 'final_checkpoint'>('');
  const query = useQuery({
    queryKey: ['home', 'next-steps', page, reason],
    queryFn: () =>
      unwrap(api.GET('/api/v1/follow-up/next-steps', { params: { query: { page, limit: LIMIT, reason: reason || undefined } } })),
  });
  const items = query.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="home-next">
      <h2 id="home-next">次の一歩を待つ紹介</h2>
      <div className="filters">
        <label className="field__label" htmlFor="home-next-reason">
          理由
        </label>
        <select
          id="home-next-reason"
          className="field__input field__input--inline"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value as typeof reason);
            setPage(1);
          }}
        >
          <option value="">すべて</option>
          {Object.entries(REASON_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <ListState isLoading={query.isLoading} error={query.error} isEmpty={!items.length} empty="次の一歩を待っている紹介はありません。">
        <ul className="record-list">
          {items.map((s) => (
            <li key={s.placementId} className="record">
              <Link to={`/placements/${s.placementId}`}>
                {s.participant.displayName}（{s.resourceTitle}）
              </Link>
              <p className="record__meta">
                <span className="tag">{REASON_LABELS[s.reason]}</span> {formatDateJa(s.since)}
              </p>
            </li>
          ))}
        </ul>
        {query.data && <Pager label="次の一歩を待つ紹介" page={page} limit={LIMIT} total={query.data.total} onPage={setPage} />}
      </ListState>
    </section>
  );
}

function UnreadNotifications() {
  const query = useUnreadNotifications();
  const items = (query.data ?? []).slice(0, 5);
  return (
    <section className="panel" aria-labelledby="home-notifications">
      <h2 id="home-notifications">未読の通知</h2>
      <ListState isLoading={query.isLoading} error={query.error} isEmpty={!items.length} empty="未読の通知はありません。">
        <ul className="record-list">
          {items.map((n) => (
            <li key={n.id} className={isUrgent(n) ? 'record record--urgent' : 'record'}>
              <p className="record__meta">
                <span className="tag">
                  {isUrgent(n) && <span aria-hidden="true">⚠ </span>}
                  {KIND_LABELS[n.kind] ?? n.kind}
                </span>
              </p>
              {n.placementId ? <Link to={`/placements/${n.placementId}#follow-up`}>{n.message}</Link> : <p>{n.message}</p>}
            </li>
          ))}
        </ul>
        {(query.data?.length ?? 0) > items.length && <Link to="/notifications">通知をすべて見る（{query.data?.length}件）</Link>}
      </ListState>
    </section>
  );
}

const MONTH_FIGURES = [
  { key: 'matches.total', label: 'マッチング件数（延べ）' },
  { key: 'matches.people', label: 'マッチング件数（実人数）' },
  { key: 'placements.proposed.total', label: '紹介の提案' },
  { key: 'placements.closed.total', label: '終結' },
  { key: 'followup.settled', label: 'うち定着' },
] as const;

function MonthFigures() {
  const month = tokyoMonth();
  const query = useQuery({
    queryKey: ['home', 'month', month],
    queryFn: () => unwrap(api.GET('/api/v1/reports/monthly/{month}', { params: { path: { month }, query: { format: 'json' } } })),
  });
  const figures = new Map((query.data?.figures ?? []).map((f) => [f.key, f.value]));
  const [y, m] = month.split('-').map(Number);
  return (
    <section className="panel" aria-labelledby="home-month">
      <h2 id="home-month">
        今月の数字（{y}年{m}月）
      </h2>
      <ListState isLoading={query.isLoading} error={query.error} isEmpty={!query.data} empty="集計がありません。">
        <dl className="figures">
          {MONTH_FIGURES.map((f) => (
            <div key={f.key} className="figures__item">
              <dt>{f.label}</dt>
              <dd>{figures.get(f.key) ?? 0}件</dd>
            </div>
          ))}
        </dl>
        <p className="record__meta">
          マッチング件数は参加・受入が始まった件数です。<Link to="/reports">集計を見る</Link>
        </p>
      </ListState>
    </section>
  );
}
