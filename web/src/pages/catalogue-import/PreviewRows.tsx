import { useState } from 'react';
import { Pager } from '../../components/ListState';
import { SelectField } from '../../components/SelectField';
import { ACTION_LABELS, hasProblem, type ImportRow, type RowAction } from './import-api';

const PAGE_SIZE = 50;
type Filter = 'all' | 'problems' | RowAction;
const FILTERS: ReadonlyArray<{ value: Filter; label: string }> = [
  { value: 'all', label: 'すべての行' },
  { value: 'problems', label: '問題のある行だけ（取り込めない・注意）' },
  { value: 'refused', label: '取り込めない行' },
  { value: 'create', label: '新規の行' },
  { value: 'update', label: '更新の行' },
  { value: 'unchanged', label: '変更なしの行' },
];

const shows = (filter: Filter) => (row: ImportRow) =>
  filter === 'all' ? true : filter === 'problems' ? hasProblem(row) : row.action === filter;

/** The preview row by row: the activity, what will happen to it, which fields change, and the messages about its cells. */
export function PreviewRows({ rows }: { rows: ImportRow[] }) {
  const [filter, setFilter] = useState<Filter>(() => (rows.some(hasProblem) ? 'problems' : 'all'));
  const [page, setPage] = useState(1);
  const shown = rows.filter(shows(filter));
  const visible = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <section aria-labelledby="import-rows-title">
      <h2 id="import-rows-title">行ごとの結果</h2>
      <div className="filters">
        <SelectField
          name="import-row-filter"
          label="表示する行"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value as Filter);
            setPage(1);
          }}
          options={FILTERS}
        />
      </div>
      {shown.length === 0 ? (
        <p className="empty">この条件に合う行はありません。</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table import-rows">
              <caption className="visually-hidden">取り込みのプレビュー（{FILTERS.find((f) => f.value === filter)?.label}）</caption>
              <thead>
                <tr>
                  <th scope="col">行</th>
                  <th scope="col">活動（団体）</th>
                  <th scope="col">結果</th>
                  <th scope="col">変わる項目</th>
                  <th scope="col">確認してほしいこと</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((row) => (
                  <PreviewRow key={row.row} row={row} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} limit={PAGE_SIZE} total={shown.length} onPage={setPage} label="プレビューの行" />
        </>
      )}
    </section>
  );
}

function PreviewRow({ row }: { row: ImportRow }) {
  return (
    <tr>
      <td>{row.row} 行目</td>
      <td>
        {row.title || '（活動名なし）'}
        {row.host && <span className="import-rows__host">（{row.host}）</span>}
        {row.match && row.match.label !== `${row.host} / ${row.title}` && (
          <span className="import-rows__match">一致した資源：{row.match.label}</span>
        )}
      </td>
      <td>
        <span className={`tag import-action import-action--${row.action}`}>{ACTION_LABELS[row.action]}</span>
      </td>
      <td>
        {row.changes.length === 0 ? (
          row.action === 'unchanged' ? '変更なし' : '—'
        ) : (
          <ul className="import-changes">
            {row.changes.map((c, i) => (
              <li key={i}>
                {c.field}：{c.from} → {c.to}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {row.messages.length === 0 ? (
          '—'
        ) : (
          <ul className="import-messages">
            {row.messages.map((m, i) => (
              <li key={i} className={`import-messages__item import-messages__item--${m.level}`}>
                <strong>{m.level === 'error' ? '取り込めない' : '注意'}</strong>
                {m.column && `［${m.column}］`}
                {m.value && `「${m.value}」`}：{m.message}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
