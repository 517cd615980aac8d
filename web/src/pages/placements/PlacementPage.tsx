import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { formatDateJa, formatDateTimeJa } from '../../lib/dates';
import { FollowUpSection } from './FollowUpSection';
import { OUTCOME_LABELS, STATE_LABELS, rematchUrl, type Outcome, type PlacementDetail, type PlacementState } from './labels';
import { TransitionDialog } from './TransitionDialog';

/** /placements/:id — one placement: where it stands, its history, and its follow-up. */
export function PlacementPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['placement', id],
    queryFn: () => unwrap(api.GET('/api/v1/placements/{id}', { params: { path: { id } } })),
  });
  const placement = query.data;
  const title = placement ? `紹介：${placement.participant?.displayName ?? '本人'} → ${placement.resource.title}` : '紹介';
  return (
    <Page title={title}>
      <p>
        <Link to="/placements">紹介の一覧へ戻る</Link>
      </p>
      <ListState
        isLoading={query.isLoading}
        error={query.error}
        isEmpty={!placement}
        empty="紹介が見つかりません。"
        onReload={() => void query.refetch()}
      >
        {placement && <PlacementBody placement={placement} />}
      </ListState>
    </Page>
  );
}

function PlacementBody({ placement }: { placement: PlacementDetail }) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<{ to?: PlacementState; outcome?: Outcome } | null>(null);
  const closed = placement.state === 'closed';
  const canRematch = closed && placement.outcome === 'rematched' && !placement.rematchedTo;
  return (
    <>
      <dl className="facts">
        <dt>状態</dt>
        <dd>
          <span className={`state state--${placement.state}`}>{STATE_LABELS[placement.state]}</span>
          {placement.outcome && `（${OUTCOME_LABELS[placement.outcome]}）`}
        </dd>
        <dt>本人</dt>
        <dd>
          {placement.participant ? <Link to={`/participants/${placement.participant.id}`}>{placement.participant.displayName}</Link> : '—'}
        </dd>
        <dt>資源</dt>
        <dd>{placement.resource.title}</dd>
        <dt>受入先</dt>
        <dd>{placement.resource.organization.name}</dd>
        <dt>提案日</dt>
        <dd>{formatDateJa(placement.proposedAt)}</dd>
        <dt>見学日</dt>
        <dd>{placement.visitDate ? formatDateJa(placement.visitDate) : '未定'}</dd>
        <dt>体験日</dt>
        <dd>{placement.trialDate ? formatDateJa(placement.trialDate) : '未定'}</dd>
        {placement.activeAt && (
          <>
            <dt>参加・受入の開始</dt>
            <dd>{formatDateJa(placement.activeAt)}</dd>
          </>
        )}
        {placement.closedAt && (
          <>
            <dt>終結日</dt>
            <dd>{formatDateJa(placement.closedAt)}</dd>
          </>
        )}
        {placement.rematchedFrom && (
          <>
            <dt>つなぎなおし元</dt>
            <dd>
              <Link to={`/placements/${placement.rematchedFrom}`}>前の紹介を見る</Link>
            </dd>
          </>
        )}
        {placement.rematchedTo && (
          <>
            <dt>つなぎなおし先</dt>
            <dd>
              <Link to={`/placements/${placement.rematchedTo}`}>新しい紹介を見る</Link>
            </dd>
          </>
        )}
        {placement.note && (
          <>
            <dt>メモ</dt>
            <dd>{placement.note}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {!closed && (
          <button type="button" className="button button--primary" onClick={() => setDialog({})}>
            状態を進める
          </button>
        )}
        {canRematch && (
          <Link className="button button--primary" to={rematchUrl(placement)}>
            つなぎなおし：同じ本人の資源を探す
          </Link>
        )}
      </div>
      <FollowUpSection
        placement={placement}
        onDecide={(choice) => setDialog({ to: 'closed', outcome: choice === 'settled' ? 'settled' : 'rematched' })}
      />
      <section aria-labelledby="history-title">
        <h2 id="history-title">経過</h2>
        <ol className="record-list">
          {(placement.events ?? []).map((e, i) => (
            <li key={i} className="record">
              <p className="record__title">
                {formatDateTimeJa(e.occurredAt)}　{e.fromState ? `${STATE_LABELS[e.fromState]} → ` : ''}
                {STATE_LABELS[e.toState]}
                {e.outcome ? `（${OUTCOME_LABELS[e.outcome]}）` : ''}
              </p>
              {e.note && <p>{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
      <TransitionDialog
        placement={placement}
        open={dialog !== null}
        preset={dialog?.to ? { to: dialog.to, outcome: dialog.outcome } : undefined}
        onClose={() => setDialog(null)}
        onClosedAsRematch={() => navigate(rematchUrl(placement))}
      />
    </>
  );
}
