import { useForm } from 'react-hook-form';
import { errorMessage } from '../../api/errors';
import { ChoiceField } from '../../components/ChoiceField';
import type { CatalogueImport, CommitMode } from './import-api';

const CHOICES: ReadonlyArray<{ value: CommitMode; label: string }> = [
  { value: 'all', label: 'すべて（問題があれば取り込まない）' },
  { value: 'valid_only', label: '問題のない行だけ' },
];

/** 「取り込みを確定する」: every row in one go (nothing if a row is refused), or only the rows that can be taken. */
export function CommitForm({
  summary,
  busy,
  error,
  onCommit,
}: {
  summary: CatalogueImport['summary'];
  busy: boolean;
  error: unknown;
  onCommit: (mode: CommitMode) => void;
}) {
  const form = useForm<{ mode: CommitMode }>({ defaultValues: { mode: summary.refused > 0 ? 'valid_only' : 'all' } });
  const writes = summary.create + summary.update;
  return (
    <form className="panel" aria-labelledby="import-commit-title" onSubmit={form.handleSubmit((v) => onCommit(v.mode))}>
      <h2 id="import-commit-title">取り込みを確定する</h2>
      <p>
        新規 {summary.create} 行と更新 {summary.update} 行を登録します。
        {summary.refused > 0 && `取り込めない行が ${summary.refused} 行あります。「すべて」では何も登録されません。`}
      </p>
      <ChoiceField legend="確定の方法" choices={CHOICES} {...form.register('mode')} />
      {error !== null && error !== undefined && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">確定できませんでした</p>
          <p>{errorMessage(error)}</p>
        </div>
      )}
      <button type="submit" className="button button--primary" disabled={busy || writes === 0}>
        {busy ? '確定しています…' : '取り込みを確定する'}
      </button>
      {writes === 0 && <p className="field__hint">登録する行がありません（すべて変更なし、または取り込めない行です）。</p>}
    </form>
  );
}
