import { useQuery } from '@tanstack/react-query';
import { api, BACKGROUND_HEADERS, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type CatalogueImport = components['schemas']['ImportDto'];
export type ImportRow = components['schemas']['ImportRowDto'];
export type ImportColumn = components['schemas']['ImportColumnDto'];
export type ImportField = components['schemas']['ImportFieldDto'];
export type ImportStatus = CatalogueImport['status'];
export type RowAction = ImportRow['action'];
export type CommitMode = components['schemas']['CommitImportDto']['mode'];
/** The user's corrections: file header → field name, or null for 「読み込まない」. */
export type ColumnMapping = Record<string, string | null>;

export const importKeys = { one: (id: string) => ['catalogue-import', id] as const };

export const ACTION_LABELS: Record<RowAction, string> = {
  create: '新規',
  update: '更新',
  unchanged: '変更なし',
  refused: '取り込めない',
};

/** While the service reads or writes, the screen asks again every second. */
const WORKING: ImportStatus[] = ['parsing', 'committing'];
export const isWorking = (status: ImportStatus | undefined) => !!status && WORKING.includes(status);

/** Sends the list (multipart, field `file`) with the corrected column mapping, if any: the service answers with the new import's id. */
export function startImport(file: File, mapping?: ColumnMapping) {
  const fields = { file: file.name, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) };
  return unwrap(
    api.POST('/api/v1/imports', {
      body: fields,
      // The typed body names the fields; the request itself carries the File (the browser sets the multipart boundary).
      bodySerializer: ({ mapping: json }) => {
        const form = new FormData();
        form.append('file', file, file.name);
        if (json) form.append('mapping', json);
        return form;
      },
    }),
  );
}

export function commitImport(id: string, mode: CommitMode) {
  return unwrap(api.POST('/api/v1/imports/{id}/commit', { params: { path: { id } }, body: { mode } }));
}

/** One import: its state, and the preview once read. Polls while the service parses or commits. */
export function useCatalogueImport(id: string | null) {
  return useQuery({
    queryKey: importKeys.one(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id: id! } }, headers: BACKGROUND_HEADERS })),
    refetchInterval: (query) => (isWorking(query.state.data?.status) ? 1000 : false),
  });
}

/** A row the person should look at: refused, or with a warning about one of its cells. */
export const hasProblem = (row: ImportRow) => row.action === 'refused' || row.messages.length > 0;
