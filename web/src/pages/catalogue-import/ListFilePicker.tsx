import { useState, type DragEvent, type FormEvent } from 'react';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const ACCEPT = '.xlsx,.csv,.json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/json';

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 「一覧のファイル」: a real file input with its label (keyboard and screen readers), and a drop zone around it
 * for people who drag the file from their folder. Nothing is registered yet: the service reads it for a preview.
 */
export function ListFilePicker({ busy, error, onRead }: { busy: boolean; error: unknown; onRead: (file: File) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  function drop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    if (file) onRead(file);
  }
  return (
    <form className="form" aria-labelledby="import-pick-title" onSubmit={submit}>
      <h2 id="import-pick-title">一覧のファイルを選ぶ</h2>
      <div
        className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <label htmlFor="import-file" className="field__label">
          社会資源リストのファイル（.xlsx、.csv、HSDS の .json。20 MB まで）
        </label>
        <p id="import-file-hint" className="field__hint">
          ここにファイルをドラッグして置くこともできます。CSV は UTF-8 でも Shift_JIS でも読めます。
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          accept={ACCEPT}
          aria-describedby="import-file-hint"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {file && (
          <p className="drop-zone__chosen" data-testid="chosen-file">
            選んだファイル：{file.name}（{sizeText(file.size)}）
          </p>
        )}
      </div>
      <ApiErrorNotice error={error} />
      <button type="submit" className="button button--primary" disabled={!file || busy}>
        {busy ? '送っています…' : '読み込んでプレビューする'}
      </button>
    </form>
  );
}
