import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ListState, Pager } from '../../components/ListState';
import { Page } from '../../components/Page';
import { formatDateJa } from '../../lib/dates';
import { OUTCOME_LABELS, STATES, STATE_LABELS, type PlacementState, type PlacementSummary } from './labels';

const BOARD_LIMIT = 10;
const LIST_LIMIT = 20;

/** /placements — the board by state (提案 → 見学 → 体験 → 参加・受入 → 終結) or a filterable list. */
export function PlacementsPage() {
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const setView = (next: 'board' | 'list') => setParams(next === 'list' ? { view: 'list' } : {});
  return (
    <Page title="紹介">
      <div className="tabs" role="group" aria-label="表示の切り替え">
        <button type="button" className="button button--small tabs__tab" aria-pressed={view === 'board'} onClick={() => setView('board')}>
          状態別のボード
        </button>
        <button type="button" className="button button--small tabs__tab" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          一覧
        </button>
      </div>
      {view === 'board' ? <Board /> : <PlacementList />}
    </Page>
  );
}

function usePlacements(state: PlacementState | undefined, page: number, limit: number) {
  return useQuery({
    queryKey: ['placements', { state, page, limit }],
    queryFn: () => unwrap(api.GET('/api/v1/placements', { params: { query: { state, page, limit } } })),
  });
}

function Board() {
  return (
    <div className="board">
      {STATES.map((state) => (
        <BoardColumn key={state} state={state} />
      ))}
    </div>
  );
}

function BoardColumn({ state }: { state: PlacementState }) {
  const query = usePlacements(state, 1, BOARD_LIMIT);
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  return (
    <section className="board__column" aria-labelledby={`board-${state}`}>
      <h2 id={`board-${state}`} className="board__title">
        {STATE_LABELS[state]}
        {query.data && <span className="board__count">（{total}件）</span>}
      </h2>
      <ListState isLoading={query.isLoading} error={query.error} isEmpty={!items.length} empty="ありません。">
        <ul className="board__cards">
          {items.map((p) => (
            <li key={p.id} className="card">
              <Link to={`/placements/${p.id}`} className="card__link">
                {p.participant?.displayName ?? '本人'}
              </Link>
              <span className="card__sub">{p.resource.title}</span>
              <span className="card__sub">{cardDate(p)}</span>
            </li>
          ))}
        </ul>
        {total > items.length && (
          <Link to={`/placements?view=list&state=${state}`} className="board__more">
            {STATE_LABELS[state]}をすべて見る（{total}件）
          </Link>
        )}
      </ListState>
    </section>
  );
}

function cardDate(p: PlacementSummary): string {
  if (p.state === 'closed' && p.closedAt) return `終結 ${formatDateJa(p.closedAt)}${p.outcome ? `（${OUTCOME_LABELS[p.outcome]}）` : ''}`;
  if (p.state === 'active' && p.activeAt) return `開始 ${formatDateJa(p.activeAt)}`;
  if (p.state === 'trial') return p.trialDate ? `体験 ${formatDateJa(p.trialDate)}` : '体験日 未定';
  if (p.state === 'visit') return p.visitDate ? `見学 ${formatDateJa(p.visitDate)}` : '見学日 未定';
  return `提案 ${formatDateJa(p.proposedAt)}`;
}

function PlacementList() {
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const state = STATES.includes(stateParam as PlacementState) ? (stateParam as PlacementState) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = usePlacements(state, page, LIST_LIMIT);
  const update = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged);
  };
  const items = query.data?.items ?? [];
  return (
    <>
      <div className="filters">
        <label className="field__label" htmlFor="filter-state">
          状態で絞り込む
        </label>
        <select
          id="filter-state"
          className="field__input field__input--inline"
          value={state ?? ''}
          onChange={(e) => update({ state: e.target.value || undefined, page: undefined })}
        >
          <option value="">すべて</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <ListState
        isLoading={query.isLoading}
        error={query.error}
        isEmpty={!items.length}
        empty={state ? `「${STATE_LABELS[state]}」の紹介はありません。` : '紹介はまだありません。マッチング検索から提案できます。'}
        onReload={() => void query.refetch()}
      >
        <table className="table">
          <caption className="visually-hidden">紹介の一覧</caption>
          <thead>
            <tr>
              <th scope="col">本人</th>
              <th scope="col">資源（受入先）</th>
              <th scope="col">状態</th>
              <th scope="col">日付</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/placements/${p.id}`}>{p.participant?.displayName ?? '本人'}</Link>
                </td>
                <td>
                  {p.resource.title}（{p.resource.organization.name}）
                </td>
                <td>{STATE_LABELS[p.state]}</td>
                <td>{cardDate(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {query.data && (
          <Pager label="紹介の一覧" page={page} limit={LIST_LIMIT} total={query.data.total} onPage={(n) => update({ page: String(n) })} />
        )}
      </ListState>
    </>
  );
}
