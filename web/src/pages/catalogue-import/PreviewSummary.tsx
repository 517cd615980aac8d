import type { CatalogueImport } from './import-api';

const FIGURES = [
  { key: 'create', label: '新規' },
  { key: 'update', label: '更新' },
  { key: 'unchanged', label: '変更なし' },
  { key: 'refused', label: '取り込めない' },
  { key: 'warnings', label: '注意' },
] as const;

/** The counts of the preview (行数; 注意 counts the cells with a warning) and what the service noticed about the whole file. */
export function PreviewSummary({ data }: { data: CatalogueImport }) {
  const { details, summary } = data;
  const notes = details.notes ?? [];
  const read = [details.sheet ? `シート「${details.sheet}」` : null, details.encoding ? `文字コード ${details.encoding}` : null].filter(
    Boolean,
  );
  return (
    <section aria-labelledby="import-summary-title">
      <h2 id="import-summary-title">プレビュー：{data.filename}</h2>
      <dl className="figures" data-testid="import-summary">
        {FIGURES.map((f) => (
          <div key={f.key} className={`figures__item${f.key === 'refused' && summary.refused > 0 ? ' figures__item--refused' : ''}`}>
            <dt>{f.label}</dt>
            <dd>
              {summary[f.key]}
              <span className="figures__unit">{f.key === 'warnings' ? '件' : '行'}</span>
            </dd>
          </div>
        ))}
      </dl>
      {read.length > 0 && <p className="field__hint">{read.join('、')}として読みました。</p>}
      {notes.length > 0 && (
        <div className="notice notice--info">
          <p className="notice__title">ファイル全体について</p>
          <ul>
            {notes.map((n, i) => (
              <li key={i}>
                {n.message}
                {n.value ? `（${n.value}）` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
