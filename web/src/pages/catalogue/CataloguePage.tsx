import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { useSession } from '../../session/SessionContext';
import { TextField } from '../../components/TextField';
import { Empty, Loading, Pager } from '../participants/fields';
import { SelectField } from '../../components/SelectField';
import {
  DEVELOPMENT_STATUS_LABELS,
  ORGANIZATION_KIND_LABELS,
  RESOURCE_STATUS_LABELS,
  RESOURCE_TYPE_LABELS,
  RESOURCE_TYPES,
  scheduleText,
  type ResourceType,
} from '../participants/vocabulary';

const LIMIT = 20;
type View = 'resources' | 'organizations';

/** /catalogue: the resources (openings) and the host organisations, each list searchable and paged. */
export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'organizations' ? 'organizations' : 'resources';
  const choose = (next: View) => setParams(next === 'resources' ? {} : { view: next });
  const { session } = useSession();
  const canImport = session?.user.role === 'admin' || session?.user.role === 'coordinator';
  return (
    <Page title="資源・受入先">
      {canImport && (
        <p className="actions">
          <Link to="/catalogue/import" className="button button--secondary">
            資源リストの取り込み（Excel・CSV）
          </Link>
        </p>
      )}
      <div className="actions" role="group" aria-label="表示する一覧">
        <button
          type="button"
          className={`button ${view === 'resources' ? 'button--primary' : 'button--secondary'}`}
          aria-pressed={view === 'resources'}
          onClick={() => choose('resources')}
        >
          資源（受入枠）
        </button>
        <button
          type="button"
          className={`button ${view === 'organizations' ? 'button--primary' : 'button--secondary'}`}
          aria-pressed={view === 'organizations'}
          onClick={() => choose('organizations')}
        >
          受入先（団体）
        </button>
      </div>
      {view === 'resources' ? <ResourceList /> : <OrganizationList />}
    </Page>
  );
}

function usePageParam() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };
  return { params, setParams, page, setPage };
}

function ResourceList() {
  const { params, setParams, page, setPage } = usePageParam();
  const filter = { q: params.get('q') ?? '', type: params.get('type') ?? '', area: params.get('area') ?? '', status: params.get('status') ?? '' };
  const [draft, setDraft] = useState(filter);
  const query = useQuery({
    queryKey: ['resources', filter, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/resources', {
          params: {
            query: {
              page,
              limit: LIMIT,
              q: filter.q || undefined,
              type: filter.type ? [filter.type as ResourceType] : undefined,
              area: filter.area ? [filter.area] : undefined,
              status: filter.status ? [filter.status as 'open' | 'paused' | 'closed'] : undefined,
            },
          },
        }),
      ),
  });
  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  }
  const data = query.data;
  return (
    <section aria-labelledby="resources-title">
      <h2 id="resources-title">資源（受入枠）</h2>
      <form className="filters" role="search" aria-label="資源の絞り込み" onSubmit={apply}>
        <TextField name="q" label="キーワード" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <SelectField
          name="type"
          label="種別"
          empty="すべて"
          value={draft.type}
          onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          options={RESOURCE_TYPES.map((t) => ({ value: t, label: RESOURCE_TYPE_LABELS[t] }))}
        />
        <TextField name="area" label="地区" value={draft.area} onChange={(e) => setDraft({ ...draft, area: e.target.value })} />
        <SelectField
          name="status"
          label="受付の状態"
          empty="すべて"
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          options={Object.entries(RESOURCE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <div className="field">
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </form>
      {query.isPending && <Loading what="資源の一覧" />}
      {query.isError && <ApiErrorNotice error={query.error} />}
      {data && data.items.length === 0 && <Empty>条件に合う資源はありません。</Empty>}
      {data && data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">資源の一覧</caption>
              <thead>
                <tr>
                  <th scope="col">タイトル</th>
                  <th scope="col">受入先</th>
                  <th scope="col">種別</th>
                  <th scope="col">地区</th>
                  <th scope="col">日時</th>
                  <th scope="col">空き</th>
                  <th scope="col">状態</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/catalogue/resources/${r.id}`}>{r.title}</Link>
                    </td>
                    <td>
                      <Link to={`/catalogue/organizations/${r.organization.id}`}>{r.organization.name}</Link>
                    </td>
                    <td>{RESOURCE_TYPE_LABELS[r.type]}</td>
                    <td>{r.area}</td>
                    <td>{scheduleText(r.schedule)}</td>
                    <td>
                      {r.vacancies} / {r.capacity} 人
                    </td>
                    <td>{RESOURCE_STATUS_LABELS[r.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} limit={data.limit} total={data.total} onPage={setPage} label="資源の一覧" />
        </>
      )}
    </section>
  );
}

function OrganizationList() {
  const { params, setParams, page, setPage } = usePageParam();
  const filter = { q: params.get('q') ?? '', kind: params.get('kind') ?? '', area: params.get('area') ?? '' };
  const [draft, setDraft] = useState(filter);
  const query = useQuery({
    queryKey: ['organizations', filter, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organizations', {
          params: {
            query: {
              page,
              limit: LIMIT,
              q: filter.q || undefined,
              kind: (filter.kind || undefined) as components['schemas']['OrganizationView']['kind'] | undefined,
              area: filter.area || undefined,
            },
          },
        }),
      ),
  });
  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams({ view: 'organizations' });
    for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  }
  const data = query.data;
  return (
    <section aria-labelledby="organizations-title">
      <h2 id="organizations-title">受入先（団体）</h2>
      <form className="filters" role="search" aria-label="受入先の絞り込み" onSubmit={apply}>
        <TextField name="q" label="名前" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <SelectField
          name="kind"
          label="団体の種類"
          empty="すべて"
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
          options={Object.entries(ORGANIZATION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="area" label="地区" value={draft.area} onChange={(e) => setDraft({ ...draft, area: e.target.value })} />
        <div className="field">
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </form>
      {query.isPending && <Loading what="受入先の一覧" />}
      {query.isError && <ApiErrorNotice error={query.error} />}
      {data && data.items.length === 0 && <Empty>条件に合う受入先はありません。</Empty>}
      {data && data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">受入先の一覧</caption>
              <thead>
                <tr>
                  <th scope="col">名前</th>
                  <th scope="col">団体の種類</th>
                  <th scope="col">地区</th>
                  <th scope="col">開拓の状況</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/catalogue/organizations/${o.id}`}>{o.name}</Link>
                    </td>
                    <td>{ORGANIZATION_KIND_LABELS[o.kind] ?? o.kind}</td>
                    <td>{o.area ?? '—'}</td>
                    <td>{DEVELOPMENT_STATUS_LABELS[o.developmentStatus] ?? o.developmentStatus}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} limit={data.limit} total={data.total} onPage={setPage} label="受入先の一覧" />
        </>
      )}
    </section>
  );
}
