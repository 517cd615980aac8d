import { useState, type FormEvent } from 'react';
import type { ColumnMapping, ImportColumn, ImportField } from './import-api';

const SKIP = '';

/**
 * 「列の割り当て」: each header of the file and the item it was read into, with a select to correct it.
 * 「この割り当てで読み直す」 sends the same file again with the corrections; the service remembers them for the next list.
 */
export function ColumnMappingForm({
  columns,
  fields,
  canReread,
  busy,
  onReread,
}: {
  columns: ImportColumn[];
  fields: ImportField[];
  canReread: boolean;
  busy: boolean;
  onReread: (mapping: ColumnMapping) => void;
}) {
  const named = columns.filter((c) => c.header);
  const detected = Object.fromEntries(named.map((c) => [c.header, c.field ?? SKIP]));
  const [draft, setDraft] = useState<Record<string, string>>(detected);
  const changed = named.some((c) => draft[c.header] !== detected[c.header]);
  const labelOf = new Map(fields.map((f) => [f.name, f.label]));
  const twice = fields.filter((f) => named.filter((c) => draft[c.header] === f.name).length > 1);
  const unmapped = named.filter((c) => !c.field).length;
  function submit(e: FormEvent) {
    e.preventDefault();
    // Only the corrections: the other columns are read as detected (and are not pinned in the remembered mapping).
    const corrections = named.filter((c) => draft[c.header] !== detected[c.header]);
    onReread(Object.fromEntries(corrections.map((c) => [c.header, draft[c.header] || null])));
  }
  return (
    <form className="panel" aria-labelledby="import-mapping-title" onSubmit={submit}>
      <h2 id="import-mapping-title">列の割り当て</h2>
      <p>
        ファイルの見出しを、どの項目として読んだかです。{unmapped > 0 && `${unmapped} 列は読み込んでいません。`}
        違っていれば直して「この割り当てで読み直す」を押してください。直した割り当ては次の取り込みでも使われます。
      </p>
      <ul className="mapping-grid">
        {named.map((c) => (
          <li key={c.index} className={`mapping-grid__item${c.field ? '' : ' mapping-grid__item--unmapped'}`}>
            <label htmlFor={`mapping-${c.index}`} className="field__label">
              {c.header}
            </label>
            <select
              id={`mapping-${c.index}`}
              className="field__input field__input--inline"
              value={draft[c.header] ?? SKIP}
              onChange={(e) => setDraft({ ...draft, [c.header]: e.target.value })}
            >
              <option value={SKIP}>読み込まない</option>
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      {twice.length > 0 && (
        <p className="notice notice--warning" role="status">
          {twice.map((f) => `「${labelOf.get(f.name)}」`).join('')}が二つ以上の列に割り当てられています。左の列のほうが使われます。
        </p>
      )}
      {!canReread && <p className="field__hint">割り当てを直して読み直すには、上でファイルをもう一度選んで読み込んでください。</p>}
      <button type="submit" className="button button--secondary" disabled={!changed || !canReread || busy}>
        この割り当てで読み直す
      </button>
    </form>
  );
}
