import type { ImportStatus } from './import-api';

/** What the service is doing, as a progress bar with the same words beside it. */
export function ImportProgress({ status, progress }: { status: ImportStatus; progress: number }) {
  const doing = status === 'committing' ? '登録しています' : 'ファイルを読み込んで、いまの資源と照らし合わせています';
  const percent = Math.round(progress);
  return (
    <div className="import-progress" role="status">
      <label htmlFor="import-progress-bar">{doing}…</label>
      <progress id="import-progress-bar" max={100} value={percent}>
        {percent}%
      </progress>
      <span className="import-progress__percent">{percent}%</span>
    </div>
  );
}
