import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { formatDateJa, formatDateTimeJa } from '../../lib/dates';
import { ConsentForm } from './ConsentForm';
import { PlanSection } from './PlanSection';
import { Empty, LoadFailure, Loading } from './fields';
import {
  ACCOMMODATIONS,
  AVOID_LABELS,
  CONSENT_LABELS,
  DAY_LABELS,
  OUTCOME_LABELS,
  PLACEMENT_STATE_LABELS,
  READINESS_LABELS,
  REFERRAL_LABELS,
  SCOPE_ITEMS,
  type Accommodation,
  type ConsentStatus,
  type Day,
  type DemandKind,
  type HostVisibleField,
} from './vocabulary';

type Participant = components['schemas']['ParticipantView'];

/**
 * GET /api/v1/placements declares no response type yet (the placements screens add it):
 * the fields this timeline reads, from src/placements/placement.views.ts (summary).
 */
interface PlacementSummary {
  id: string;
  state: string;
  stateLabel?: string;
  outcome: string | null;
  resource: { id: string; title: string; organization: { id: string; name: string } };
  visitDate: string | null;
  trialDate: string | null;
  proposedAt: string;
  activeAt: string | null;
  closedAt: string | null;
}

/** /participants/:id: the person's record, consent (with history) and placements. */
export function ParticipantPage() {
  const { id } = useParams();
  const queryClient = useQueryClient();
  const participant = useQuery({
    queryKey: ['participant', id],
    queryFn: () => unwrap(api.GET('/api/v1/participants/{id}', { params: { path: { id: id! } } })),
  });
  if (participant.isPending) return <Loading what="本人の記録" />;
  if (participant.isError)
    return <LoadFailure error={participant.error} what="本人" back={{ to: '/participants', label: '本人の一覧へ戻る' }} />;
  return <ParticipantRecord p={participant.data} onSaved={(saved) => queryClient.setQueryData(['participant', id], saved)} />;
}

function ParticipantRecord({ p, onSaved }: { p: Participant; onSaved: (p: Participant) => void }) {
  const location = useLocation();
  const [message, setMessage] = useState<string | null>((location.state as { saved?: string } | null)?.saved ?? null);
  const c = p.constraints ?? {};
  const list = (values: string[] | undefined, labels: Record<string, string>) =>
    values?.length ? values.map((v) => labels[v] ?? v).join('、') : '指定なし';
  return (
    <Page title={p.displayName}>
      <p>
        <Link to="/participants">本人の一覧へ戻る</Link>
      </p>
      {message && (
        <p className="notice notice--info" role="status">
          {message}
        </p>
      )}
      <div className="actions">
        <Link className="button button--primary" to={`/search?participantId=${p.id}`}>
          この本人でマッチング検索
        </Link>
        <Link className="button button--secondary" to={`/participants/${p.id}/edit`}>
          記録を編集する
        </Link>
      </div>

      <section className="section" aria-labelledby="basics">
        <h2 id="basics">基本情報</h2>
        <dl className="facts">
          <dt>地区</dt>
          <dd>{p.area}</dd>
          <dt>年代</dt>
          <dd>{p.ageBand ?? '未記録'}</dd>
          <dt>自立の段階</dt>
          <dd>{p.readinessStage ? READINESS_LABELS[p.readinessStage] : '未設定'}</dd>
          <dt>つながった経路</dt>
          <dd>{REFERRAL_LABELS[p.referralRoute as keyof typeof REFERRAL_LABELS] ?? p.referralRoute}</dd>
          <dt>本人の希望・ニーズ</dt>
          <dd>{p.needs}</dd>
          <dt>得意なこと・興味</dt>
          <dd>{p.strengths ?? '未記録'}</dd>
          <dt>受入先に伝えたい配慮</dt>
          <dd>{p.considerationsForHost ?? '未記録'}</dd>
        </dl>
      </section>

      <section className="section" aria-labelledby="constraints">
        <h2 id="constraints">条件</h2>
        <dl className="facts">
          <dt>活動できる曜日</dt>
          <dd>{list(c.availableDays, DAY_LABELS as Record<Day, string>)}</dd>
          <dt>移動時間の上限</dt>
          <dd>{c.maxTravelMinutes !== undefined ? `${c.maxTravelMinutes} 分` : '指定なし'}</dd>
          <dt>週あたりの活動時間</dt>
          <dd>{c.hoursPerWeek !== undefined ? `${c.hoursPerWeek} 時間` : '指定なし'}</dd>
          <dt>避けたいこと</dt>
          <dd>
            {list(c.avoid, AVOID_LABELS as Record<DemandKind, string>)}
            {c.avoidNote ? `（${c.avoidNote}）` : ''}
          </dd>
          <dt>希望する配慮</dt>
          <dd>{list(c.preferredAccommodations, ACCOMMODATIONS as Record<Accommodation, string>)}</dd>
        </dl>
      </section>

      <section className="section" aria-labelledby="consent">
        <h2 id="consent">本人同意</h2>
        <dl className="facts">
          <dt>いまの状態</dt>
          <dd>{CONSENT_LABELS[p.consent.status as ConsentStatus] ?? p.consent.status}</dd>
          {p.consent.date && (
            <>
              <dt>日付</dt>
              <dd>{formatDateJa(p.consent.date)}</dd>
            </>
          )}
          {p.consent.method && (
            <>
              <dt>同意の取り方</dt>
              <dd>{p.consent.method}</dd>
            </>
          )}
          <dt>受入先に見せてよい項目</dt>
          <dd>{p.consent.scope.length ? p.consent.scope.map((f) => SCOPE_ITEMS[f as HostVisibleField]?.label ?? f).join('、') : 'なし'}</dd>
        </dl>
        {p.consent.status !== 'obtained' && (
          <p className="notice notice--warning">同意がないため、受入先への紹介（提案）はできません。情報の共有は支援会議の中だけです。</p>
        )}
        <ConsentForm
          participant={p}
          onSaved={(saved) => {
            onSaved(saved);
            setMessage('本人同意を記録しました。');
          }}
        />
        <ConsentHistory participantId={p.id} />
      </section>

      <section className="section" aria-labelledby="plans">
        <h2 id="plans">参加支援プラン</h2>
        <PlanSection participantId={p.id} consented={p.consent.status === 'obtained'} />
      </section>

      <section className="section" aria-labelledby="placements">
        <h2 id="placements">紹介の記録</h2>
        <PlacementTimeline participantId={p.id} />
      </section>
    </Page>
  );
}

function ConsentHistory({ participantId }: { participantId: string }) {
  const history = useQuery({
    queryKey: ['consents', participantId],
    queryFn: () => unwrap(api.GET('/api/v1/participants/{id}/consents', { params: { path: { id: participantId } } })),
  });
  return (
    <>
      <h3>同意の履歴</h3>
      {history.isPending && <Loading what="同意の履歴" />}
      {history.isError && <ApiErrorNotice error={history.error} />}
      {history.data && history.data.items.length === 0 && <Empty>まだ同意の記録はありません。</Empty>}
      {history.data && history.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">同意の履歴（新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">日付</th>
                <th scope="col">状態</th>
                <th scope="col">同意の取り方</th>
                <th scope="col">受入先に見せてよい項目</th>
                <th scope="col">記録した日時</th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{e.date ? formatDateJa(e.date) : '—'}</td>
                  <td>{CONSENT_LABELS[e.status]}</td>
                  <td>{e.method ?? '—'}</td>
                  <td>{e.scope.length ? e.scope.map((f) => SCOPE_ITEMS[f].label).join('、') : 'なし'}</td>
                  <td>{formatDateTimeJa(e.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function PlacementTimeline({ participantId }: { participantId: string }) {
  const placements = useQuery({
    queryKey: ['placements', { participantId }],
    queryFn: async () => {
      const data = await unwrap(api.GET('/api/v1/placements', { params: { query: { participantId, limit: 100 } } }));
      return data as unknown as { items: PlacementSummary[]; total: number };
    },
  });
  if (placements.isPending) return <Loading what="紹介の記録" />;
  if (placements.isError) return <ApiErrorNotice error={placements.error} />;
  if (!placements.data.items.length) return <Empty>まだ紹介はありません。「この本人でマッチング検索」から提案できます。</Empty>;
  const items = [...placements.data.items].sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
  return (
    <ol className="timeline">
      {items.map((pl) => (
        <li key={pl.id}>
          <p>
            <strong>{formatDateJa(pl.proposedAt)}</strong> {pl.resource.title}（{pl.resource.organization.name}）
          </p>
          <p>
            いまの段階：{pl.stateLabel ?? PLACEMENT_STATE_LABELS[pl.state] ?? pl.state}
            {pl.outcome && `（${OUTCOME_LABELS[pl.outcome] ?? pl.outcome}）`}
            {pl.visitDate && `／見学 ${formatDateJa(pl.visitDate)}`}
            {pl.trialDate && `／体験 ${formatDateJa(pl.trialDate)}`}
            {pl.activeAt && `／参加開始 ${formatDateJa(pl.activeAt)}`}
            {pl.closedAt && `／終結 ${formatDateJa(pl.closedAt)}`}
          </p>
          <p>
            <Link to={`/placements/${pl.id}`}>紹介の詳細</Link>
          </p>
        </li>
      ))}
    </ol>
  );
}
