import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { formatDateJa } from '../../lib/dates';
import { useSession } from '../../session/SessionContext';
import { Empty, Loading, Pager } from './fields';
import { SelectField } from '../../components/SelectField';
import { CONSENT_LABELS, CONSENT_STATUSES, READINESS_LABELS, READINESS_STAGES, type ConsentStatus, type ReadinessStage } from './vocabulary';

const LIMIT = 20;

/** /participants: the people a coordinator supports, searchable by name or code, area, consent, stage and assignee. */
export function ParticipantsPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = {
    q: params.get('q') ?? '',
    area: params.get('area') ?? '',
    consentStatus: params.get('consentStatus') ?? '',
    readinessStage: params.get('readinessStage') ?? '',
    mine: params.get('mine') === '1',
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState(filter);

  const query = useQuery({
    queryKey: ['participants', filter, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/participants', {
          params: {
            query: {
              page,
              limit: LIMIT,
              q: filter.q || undefined,
              area: filter.area || undefined,
              consentStatus: (filter.consentStatus || undefined) as ConsentStatus | undefined,
              readinessStage: (filter.readinessStage || undefined) as ReadinessStage | undefined,
              coordinatorId: filter.mine && session ? session.user.id : undefined,
            },
          },
        }),
      ),
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) {
      if (value === true) next.set(key, '1');
      else if (typeof value === 'string' && value.trim()) next.set(key, value.trim());
    }
    setParams(next);
  }

  function goTo(p: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  }

  const data = query.data;
  return (
    <Page title="本人">
      <div className="actions">
        <Link to="/participants/new" className="button button--primary">
          本人を登録する
        </Link>
      </div>
      <form className="filters" role="search" aria-label="本人の絞り込み" onSubmit={apply}>
        <TextField
          name="q"
          label="表示名・コード"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          autoComplete="off"
        />
        <TextField name="area" label="地区" value={draft.area} onChange={(e) => setDraft({ ...draft, area: e.target.value })} />
        <SelectField
          name="consentStatus"
          label="本人同意"
          empty="すべて"
          value={draft.consentStatus}
          onChange={(e) => setDraft({ ...draft, consentStatus: e.target.value })}
          options={CONSENT_STATUSES.map((s) => ({ value: s, label: CONSENT_LABELS[s] }))}
        />
        <SelectField
          name="readinessStage"
          label="自立の段階"
          empty="すべて"
          value={draft.readinessStage}
          onChange={(e) => setDraft({ ...draft, readinessStage: e.target.value })}
          options={READINESS_STAGES.map((s) => ({ value: s, label: READINESS_LABELS[s] }))}
        />
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={draft.mine} onChange={(e) => setDraft({ ...draft, mine: e.target.checked })} />
            自分が担当の本人だけ
          </label>
        </div>
        <div className="field">
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </form>

      {query.isPending && <Loading what="本人の一覧" />}
      {query.isError && <ApiErrorNotice error={query.error} />}
      {data && data.items.length === 0 && (
        <Empty>
          条件に合う本人はいません。{params.toString() ? '絞り込みの条件を変えてください。' : '「本人を登録する」から登録できます。'}
        </Empty>
      )}
      {data && data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">本人の一覧</caption>
              <thead>
                <tr>
                  <th scope="col">表示名</th>
                  <th scope="col">地区</th>
                  <th scope="col">本人同意</th>
                  <th scope="col">自立の段階</th>
                  <th scope="col">登録日</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/participants/${p.id}`}>{p.displayName}</Link>
                    </td>
                    <td>{p.area}</td>
                    <td>{CONSENT_LABELS[p.consent.status as ConsentStatus] ?? p.consent.status}</td>
                    <td>{p.readinessStage ? READINESS_LABELS[p.readinessStage] : '未設定'}</td>
                    <td>{formatDateJa(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} limit={data.limit} total={data.total} onPage={goTo} label="本人の一覧" />
        </>
      )}
    </Page>
  );
}
