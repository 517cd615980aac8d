import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { formatDateJa } from '../../lib/dates';
import { useSession } from '../../session/SessionContext';
import { Empty, Loading, Pager } from '../participants/fields';
import { RESOURCE_TYPE_LABELS, RESOURCE_TYPES, type ResourceType } from '../participants/vocabulary';
import './unmet-needs.css';

const LIMIT = 20;

/**
 * /unmet-needs: the unmet-needs register (未充足ニーズ), newest first, by area and wanted type, for planning 受入先の開拓.
 * Entries are recorded from the search screen when nothing fits; they name no person (area, type, a short summary).
 * An area-limited coordinator sees their areas' entries only (the service filters).
 */
export function UnmetNeedsPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = { area: params.get('area') ?? '', resourceType: params.get('resourceType') ?? '' };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState(filter);
  const areas = session?.user.areas?.length ? session.user.areas : null;

  const query = useQuery({
    queryKey: ['unmet-needs', filter, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/unmet-needs', {
          params: {
            query: {
              page,
              limit: LIMIT,
              area: filter.area || undefined,
              resourceType: (filter.resourceType || undefined) as ResourceType | undefined,
            },
          },
        }),
      ),
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.area.trim()) next.set('area', draft.area.trim());
    if (draft.resourceType) next.set('resourceType', draft.resourceType);
    setParams(next);
  }

  function goTo(p: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  }

  const filtered = Boolean(filter.area || filter.resourceType);
  const data = query.data;
  return (
    <Page title="未充足ニーズ">
      <p className="unmet-needs__lead">
        合う資源が見つからなかったニーズの記録です。地区と望まれた種別ごとに見て、受入先の開拓に使います。本人を特定する情報は記録していません。
        {areas && <>（担当地区 {areas.join('・')} の記録だけを表示しています）</>}
      </p>
      <form className="filters" role="search" aria-label="未充足ニーズの絞り込み" onSubmit={apply}>
        <TextField name="area" label="地区" value={draft.area} onChange={(e) => setDraft({ ...draft, area: e.target.value })} />
        <SelectField
          name="resourceType"
          label="望まれた種別"
          empty="すべて"
          value={draft.resourceType}
          onChange={(e) => setDraft({ ...draft, resourceType: e.target.value })}
          options={RESOURCE_TYPES.map((t) => ({ value: t, label: RESOURCE_TYPE_LABELS[t] }))}
        />
        <div className="field">
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </form>

      {query.isPending && <Loading what="未充足ニーズの一覧" />}
      {query.isError && <ApiErrorNotice error={query.error} />}
      {data && data.items.length === 0 && (
        <Empty>
          {filtered ? '条件に合う記録はありません。絞り込みの条件を変えてください。' : 'まだ記録はありません。'}
          未充足ニーズは、<Link to="/search">マッチング検索</Link>
          で合う資源が見つからなかったときに、検索画面の「未充足ニーズとして記録する」から記録します。
        </Empty>
      )}
      {data && data.items.length > 0 && (
        <>
          {/* On a phone the table scrolls sideways inside this box: focusable, so the keyboard can scroll it too. */}
          <div className="table-wrap" role="region" aria-label="未充足ニーズの一覧（横にスクロールできます）" tabIndex={0}>
            <table className="table unmet-needs__table">
              <caption className="visually-hidden">未充足ニーズの一覧（新しい順）</caption>
              <thead>
                <tr>
                  <th scope="col">記録日</th>
                  <th scope="col">地区</th>
                  <th scope="col">望まれた種別</th>
                  <th scope="col">要約</th>
                  <th scope="col">記録した人</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((n) => (
                  <tr key={n.id}>
                    <td className="unmet-needs__date">{formatDateJa(n.createdAt)}</td>
                    <td>{n.area}</td>
                    <td>{n.resourceTypeLabel ?? '指定なし'}</td>
                    <td className="unmet-needs__summary">{n.summary}</td>
                    <td>{n.recordedBy ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} limit={data.limit} total={data.total} onPage={goTo} label="未充足ニーズの一覧" />
        </>
      )}
    </Page>
  );
}
