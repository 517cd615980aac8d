import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ColumnMappingForm } from './ColumnMappingForm';
import { CommitForm } from './CommitForm';
import { FileLinks } from './FileLinks';
import { ImportProgress } from './ImportProgress';
import { ListFilePicker } from './ListFilePicker';
import { PreviewRows } from './PreviewRows';
import { PreviewSummary } from './PreviewSummary';
import {
  commitImport,
  importKeys,
  isWorking,
  startImport,
  useCatalogueImport,
  type CatalogueImport,
  type ColumnMapping,
  type CommitMode,
} from './import-api';
import './catalogue-import.css';

/**
 * /catalogue/import (admin and coordinators): the 社協's own list → a preview (counts, column mapping, row messages)
 * → commit. The import's id is in the address, so a reload comes back to the same preview.
 */
export function CatalogueImportPage() {
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const [file, setFile] = useState<File | null>(null);
  // The person's corrections for this file, kept across several re-reads (a 「読み込まない」 is not remembered by the service).
  const [corrections, setCorrections] = useState<ColumnMapping>({});
  const upload = useMutation({
    mutationFn: (input: { file: File; mapping?: ColumnMapping }) => startImport(input.file, input.mapping),
    onSuccess: (started, input) => {
      setFile(input.file);
      setCorrections(input.mapping ?? {});
      setParams({ id: started.id });
    },
  });
  const current = useCatalogueImport(id);
  return (
    <Page title="資源リストの取り込み">
      <p className="lead">
        社協の社会資源リスト（Excel・CSV）を読み込みます。まずプレビューで、新しく登録する行・更新する行・取り込めない行を確かめてから確定します。
      </p>
      <ListFilePicker busy={upload.isPending} error={upload.error} onRead={(f) => upload.mutate({ file: f })} />
      {id && (
        <ListState isLoading={current.isPending} error={current.error} isEmpty={false} empty="" onReload={() => void current.refetch()}>
          {current.data && (
            <ImportResult
              key={current.data.id}
              data={current.data}
              rereading={upload.isPending}
              onReread={file ? (changes) => upload.mutate({ file, mapping: { ...corrections, ...changes } }) : undefined}
            />
          )}
        </ListState>
      )}
      <FileLinks />
    </Page>
  );
}

function ImportResult({
  data,
  rereading,
  onReread,
}: {
  data: CatalogueImport;
  rereading: boolean;
  onReread?: (mapping: ColumnMapping) => void;
}) {
  const client = useQueryClient();
  const commit = useMutation({
    mutationFn: (mode: CommitMode) => commitImport(data.id, mode),
    onSuccess: (started) => {
      client.setQueryData<CatalogueImport>(importKeys.one(data.id), { ...data, status: started.status, progress: 0 });
      void client.invalidateQueries({ queryKey: importKeys.one(data.id) });
    },
  });
  const committed = data.status === 'committed';
  useEffect(() => {
    if (committed) void client.invalidateQueries({ queryKey: ['resources'] });
  }, [committed, client]);
  if (isWorking(data.status)) return <ImportProgress status={data.status} progress={data.progress} />;
  if (data.status === 'failed') {
    return (
      <div className="notice notice--error" role="alert">
        <p className="notice__title">「{data.filename}」を取り込めませんでした</p>
        <p>{data.error}</p>
        <p>ファイルを直して、もう一度選んでください。</p>
      </div>
    );
  }
  return (
    <>
      {data.status === 'committed' && <CommittedNotice data={data} />}
      <PreviewSummary data={data} />
      {data.status === 'previewed' && data.details.columns && (
        <ColumnMappingForm
          columns={data.details.columns}
          fields={data.fields}
          canReread={!!onReread}
          busy={rereading}
          onReread={(mapping) => onReread?.(mapping)}
        />
      )}
      <PreviewRows rows={data.rows} />
      {data.status === 'previewed' && (
        <CommitForm summary={data.summary} busy={commit.isPending} error={commit.error} onCommit={(mode) => commit.mutate(mode)} />
      )}
    </>
  );
}

/** After the commit: what was registered, and where to find it. */
function CommittedNotice({ data }: { data: CatalogueImport }) {
  return (
    <div className="notice notice--info" role="status">
      <p className="notice__title">取り込みました</p>
      <p>
        新規 {data.summary.create} 行、更新 {data.summary.update}{' '}
        行を登録しました。マッチング検索に出るまで、内容の解析に少し時間がかかります。
      </p>
      <p>
        <Link to="/catalogue">資源・受入先の一覧を見る</Link>
      </p>
    </div>
  );
}
