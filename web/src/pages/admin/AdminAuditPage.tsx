import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { AUDIT_LABELS } from '../../api/vocabulary';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { formatDateTimeJa } from '../../lib/dates';
import { SelectField } from '../../components/SelectField';
import '../host/host.css';
import { BackupNotice } from './BackupNotice';
import { ROLE_OPTIONS, adminKeys, listUsers, type AuditEntry } from './admin-api';

const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label])) as Record<string, string>;
/** The service's one map of audit words (actions, account events, field names); an unknown word shows as stored. */
const auditLabel = (key: string): string => (AUDIT_LABELS as Record<string, string>)[key] ?? key;
const FILTER_KEYS = ['participantId', 'userId', 'route', 'from', 'to'] as const;
type Filter = Partial<Record<(typeof FILTER_KEYS)[number], string>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMIT = 100;

/** Dates the admin picks are Japanese calendar days; the service takes timestamps (to is exclusive). */
function toQuery(filter: Filter, page: number) {
  return {
    ...(filter.participantId ? { participantId: filter.participantId } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.route ? { route: filter.route } : {}),
    ...(filter.from ? { from: `${filter.from}T00:00:00+09:00` } : {}),
    ...(filter.to ? { to: `${filter.to}T23:59:59.999+09:00` } : {}),
    page,
    limit: LIMIT,
  };
}

/** 監査ログ: who saw or changed whose record, searchable by person, user, route and period; CSV; export and erasure. */
export function AdminAuditPage() {
  const [params, setParams] = useSearchParams();
  const filter: Filter = Object.fromEntries(FILTER_KEYS.filter((k) => params.get(k)).map((k) => [k, params.get(k)!]));
  const page = Number(params.get('page') ?? '1') || 1;
  const users = useQuery({ queryKey: adminKeys.users, queryFn: listUsers });
  const audit = useQuery({
    queryKey: adminKeys.audit({ ...filter, page }),
    queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query: toQuery(filter, page) } })),
  });
  const [participantError, setParticipantError] = useState('');

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = String(data.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    const participant = next.get('participantId');
    if (participant && !UUID.test(participant)) {
      setParticipantError('本人の ID は、本人の画面に表示される 36 文字の ID を入力してください。');
      return;
    }
    setParticipantError('');
    setParams(next);
  }

  const csvQuery = new URLSearchParams(
    Object.entries({ ...toQuery(filter, 1), limit: LIMIT, format: 'csv' }).map(([k, v]) => [k, String(v)]),
  );
  const items = audit.data?.items ?? [];
  return (
    <Page title="監査ログ">
      <BackupNotice />
      <p className="lead">本人の記録を、誰が・いつ・どの項目を・どの画面や API で扱ったかの記録です（消したり書き換えたりできません）。</p>
      <form className="form" noValidate onSubmit={search} aria-label="監査ログの絞り込み">
        <TextField
          name="participantId"
          label="本人の ID"
          hint="「この人の記録を誰が見たか」を調べるときに入力"
          defaultValue={filter.participantId ?? ''}
          error={participantError || undefined}
          autoComplete="off"
        />
        <SelectField name="userId" label="利用者" defaultValue={filter.userId ?? ''}>
          <option value="">すべての利用者</option>
          {users.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}（{ROLE_LABEL[u.role] ?? u.role}）
            </option>
          ))}
        </SelectField>
        <TextField name="route" label="経路（API のパスの一部）" hint="例：/api/v1/placements" defaultValue={filter.route ?? ''} />
        <div className="row">
          <TextField name="from" label="期間の始め" type="date" defaultValue={filter.from ?? ''} />
          <TextField name="to" label="期間の終わり" type="date" defaultValue={filter.to ?? ''} />
        </div>
        <button type="submit" className="button button--primary">
          検索する
        </button>
      </form>
      <ApiErrorNotice error={audit.error} onReload={() => void audit.refetch()} />
      {filter.participantId && audit.data && <WhoSaw entries={items} total={audit.data.total} />}
      {filter.participantId && <PersonData participantId={filter.participantId} />}
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">記録（{audit.data?.total ?? 0} 件）</h2>
        <p>
          <a href={`/api/v1/audit?${csvQuery.toString()}`} download>
            この条件の記録を CSV で保存する（最初の {LIMIT} 件）
          </a>
        </p>
        {audit.data && <AuditTable entries={items} />}
        {audit.data && audit.data.total > LIMIT && (
          <div className="row">
            <button
              type="button"
              className="button button--secondary"
              disabled={page <= 1}
              onClick={() => setParams({ ...filter, page: String(page - 1) })}
            >
              前の {LIMIT} 件
            </button>
            <span>
              {page} / {Math.ceil(audit.data.total / LIMIT)} ページ
            </span>
            <button
              type="button"
              className="button button--secondary"
              disabled={page * LIMIT >= audit.data.total}
              onClick={() => setParams({ ...filter, page: String(page + 1) })}
            >
              次の {LIMIT} 件
            </button>
          </div>
        )}
      </section>
    </Page>
  );
}

function who(e: AuditEntry): string {
  return e.userName ?? (e.tokenId ? `トークン ${e.tokenId.slice(0, 8)}` : 'ADMIN_TOKEN');
}

/** "Who saw this person's record?": one line per person (or token), with how often and when last. */
function WhoSaw({ entries, total }: { entries: AuditEntry[]; total: number }) {
  const byWho = new Map<string, { name: string; role: string; reads: number; other: number; last: string }>();
  for (const e of entries) {
    const key = e.userId ?? e.tokenId ?? 'admin-token';
    const row = byWho.get(key) ?? { name: who(e), role: e.role, reads: 0, other: 0, last: String(e.at) };
    if (e.action === 'read') row.reads++;
    else row.other++;
    if (String(e.at) > row.last) row.last = String(e.at);
    byWho.set(key, row);
  }
  return (
    <section aria-labelledby="who-heading">
      <h2 id="who-heading">この本人の記録を見た人・扱った人</h2>
      {total > entries.length && <p>記録が多いため、新しい {entries.length} 件から数えています。期間で絞り込んでください。</p>}
      {byWho.size === 0 ? (
        <p>この条件では、記録を扱った人はいません。</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="who-saw">
            <thead>
              <tr>
                <th scope="col">利用者</th>
                <th scope="col">役割</th>
                <th scope="col">閲覧</th>
                <th scope="col">変更・出力など</th>
                <th scope="col">最後</th>
              </tr>
            </thead>
            <tbody>
              {[...byWho.values()].map((r) => (
                <tr key={r.name + r.role}>
                  <th scope="row">{r.name}</th>
                  <td>{ROLE_LABEL[r.role] ?? r.role}</td>
                  <td>{r.reads} 回</td>
                  <td>{r.other} 回</td>
                  <td>{formatDateTimeJa(r.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) return <p>該当する記録はありません。</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">利用者</th>
            <th scope="col">役割</th>
            <th scope="col">操作</th>
            <th scope="col">本人</th>
            <th scope="col">項目</th>
            <th scope="col">経路</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTimeJa(String(e.at))}</td>
              <td>{who(e)}</td>
              <td>{ROLE_LABEL[e.role] ?? e.role}</td>
              <td>{auditLabel(e.action)}</td>
              <td>{e.participantId ? e.participantId.slice(0, 8) : '—'}</td>
              <td>{e.fields.map(auditLabel).join('、')}</td>
              <td>{e.route}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface PersonRecord {
  id: string;
  displayName: string;
}

/** Disclosure (export) and erasure of one person's data: erasure only after typing the person's name. */
function PersonData({ participantId }: { participantId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [person, setPerson] = useState<PersonRecord | null>(null);
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState('');
  const load = useMutation({
    mutationFn: async () =>
      (await unwrap(api.GET('/api/v1/participants/{id}', { params: { path: { id: participantId } } }))) as unknown as PersonRecord,
    onSuccess: (p) => {
      setPerson(p);
      setTyped('');
      dialog.current?.showModal();
    },
  });
  const exportData = useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/participants/{id}/export', { params: { path: { id: participantId } } })),
    onSuccess: (data) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `participant-${participantId}.json`;
      a.click();
      URL.revokeObjectURL(url);
      setDone('本人のデータを出力しました（この出力も監査ログに記録されています）。');
    },
  });
  const erase = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/participants/{id}', { params: { path: { id: participantId } } })),
    onSuccess: () => {
      dialog.current?.close();
      setDone(`${person?.displayName ?? ''}の個人情報を消去しました。`);
    },
  });
  return (
    <section aria-labelledby="person-data-heading">
      <h2 id="person-data-heading">この本人のデータ（開示・消去）</h2>
      <div className="row">
        <button type="button" className="button button--secondary" onClick={() => exportData.mutate()} disabled={exportData.isPending}>
          保有するデータを出力する（JSON）
        </button>
        <button type="button" className="button button--secondary" onClick={() => load.mutate()} disabled={load.isPending}>
          本人の記録を消去する…
        </button>
      </div>
      <p role="status">{done}</p>
      <ApiErrorNotice error={load.error ?? exportData.error} />
      <dialog ref={dialog} className="dialog" aria-labelledby="erase-title">
        <h2 id="erase-title" className="dialog__title">
          {person?.displayName}の記録を消去します
        </h2>
        <ul>
          <li>氏名・希望・条件・健康などの個人情報、同意の記録、フォローのメモは元に戻せない形で削除されます。</li>
          <li>集計のための件数（紹介・終結の数）だけが、誰のものか分からない形で残ります。</li>
          <li>受入先の画面からも見えなくなります。監査ログの記録は残ります。</li>
          <li>開示の請求があるときは、先に「保有するデータを出力する」で出力してください。</li>
        </ul>
        <TextField
          name="confirm-name"
          label={`確認のため「${person?.displayName ?? ''}」と入力してください`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
        />
        <ApiErrorNotice error={erase.error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
            やめる
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!person || typed.trim() !== person.displayName || erase.isPending}
            onClick={() => erase.mutate()}
          >
            消去する
          </button>
        </div>
      </dialog>
    </section>
  );
}
