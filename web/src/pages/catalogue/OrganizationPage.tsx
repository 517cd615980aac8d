import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import type { components } from '../../api/schema';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { clearDraft, useFormDraft } from '../../lib/drafts';
import { useSession } from '../../session/SessionContext';
import { Empty, LoadFailure, Loading } from '../participants/fields';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { DEVELOPMENT_STATUS_LABELS, ORGANIZATION_KIND_LABELS, RESOURCE_STATUS_LABELS, RESOURCE_TYPE_LABELS } from '../participants/vocabulary';

type Organization = components['schemas']['OrganizationView'];
type UpdateBody = components['schemas']['UpdateOrganizationDto'];

/** /catalogue/organizations/:id: a host organisation, its edit form (coordinators) and its resources. */
export function OrganizationPage() {
  const { id } = useParams();
  const queryClient = useQueryClient();
  const organization = useQuery({
    queryKey: ['organization', id],
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id! } } })),
  });
  if (organization.isPending) return <Loading what="受入先" />;
  if (organization.isError) {
    return <LoadFailure error={organization.error} what="受入先" back={{ to: '/catalogue?view=organizations', label: '受入先の一覧へ戻る' }} />;
  }
  return (
    <OrganizationDetail
      o={organization.data}
      onReload={() => void organization.refetch()}
      onSaved={(saved) => {
        queryClient.setQueryData(['organization', id], saved);
        void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      }}
    />
  );
}

function OrganizationDetail({ o, onSaved, onReload }: { o: Organization; onSaved: (o: Organization) => void; onReload: () => void }) {
  const { session } = useSession();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const canEdit = session?.user.role === 'admin' || session?.user.role === 'coordinator';
  // A host brought in from the 社協's list is not 開拓 in the reports unless the coordinator says it was developed.
  const developed = useMutation({
    mutationFn: (next: boolean) =>
      unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id: o.id } }, body: { developed: next } })),
    onSuccess: (saved) => {
      onSaved(saved);
      setMessage(saved.developed ? '開拓として集計に数えます。' : '開拓としては数えません。');
    },
  });
  const resources = useQuery({
    queryKey: ['resources', { organizationId: o.id }],
    queryFn: () => unwrap(api.GET('/api/v1/resources', { params: { query: { organizationId: o.id, limit: 100 } } })),
  });
  return (
    <Page title={o.name}>
      <p>
        <Link to="/catalogue?view=organizations">受入先の一覧へ戻る</Link>
      </p>
      {message && (
        <p className="notice notice--info" role="status">
          {message}
        </p>
      )}
      <dl className="facts">
        <dt>団体の種類</dt>
        <dd>{ORGANIZATION_KIND_LABELS[o.kind] ?? o.kind}</dd>
        <dt>地区</dt>
        <dd>{o.area ?? '未登録'}</dd>
        <dt>開拓の状況</dt>
        <dd>{DEVELOPMENT_STATUS_LABELS[o.developmentStatus] ?? o.developmentStatus}</dd>
        <dt>登録のしかた</dt>
        <dd>
          {o.origin === 'import' ? '既存の一覧から取り込み' : 'この画面で登録'}
          {o.origin === 'import' && (o.developed ? '（開拓として集計に数えます）' : '（開拓としては数えません）')}
        </dd>
        <dt>連絡先</dt>
        <dd>{[o.contact?.person, o.contact?.phone, o.contact?.email].filter(Boolean).join('／') || '未登録'}</dd>
        <dt>メモ</dt>
        <dd>{o.notes ?? 'なし'}</dd>
      </dl>
      {canEdit && !editing && (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            受入先の情報を編集する
          </button>
          {o.origin === 'import' && (
            <button
              type="button"
              className="button button--secondary"
              disabled={developed.isPending}
              onClick={() => developed.mutate(!o.developed)}
            >
              {o.developed ? '開拓として数えない' : '開拓として数える（本当に開拓した受入先）'}
            </button>
          )}
        </div>
      )}
      {developed.isError && <ApiErrorNotice error={developed.error} onReload={onReload} />}
      {canEdit && editing && (
        <OrganizationEditForm
          o={o}
          onReload={onReload}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            onSaved(saved);
            setEditing(false);
            setMessage('保存しました。');
          }}
        />
      )}
      <section className="section" aria-labelledby="org-resources">
        <h2 id="org-resources">この受入先の資源</h2>
        {resources.isPending && <Loading what="資源の一覧" />}
        {resources.isError && <ApiErrorNotice error={resources.error} />}
        {resources.data && resources.data.items.length === 0 && <Empty>まだ資源は登録されていません。</Empty>}
        {resources.data && resources.data.items.length > 0 && (
          <ul>
            {resources.data.items.map((r) => (
              <li key={r.id}>
                <Link to={`/catalogue/resources/${r.id}`}>{r.title}</Link>（{RESOURCE_TYPE_LABELS[r.type]}・{RESOURCE_STATUS_LABELS[r.status]}・空き{' '}
                {r.vacancies} 人）
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

const schema = z.object({
  name: z.string().trim().min(1, '名前を入力してください。').max(200, '名前は 200 文字以内で入力してください。'),
  area: z.string().max(100, '地区は 100 文字以内で入力してください。'),
  developmentStatus: z.enum(['developing', 'accepting', 'suspended']),
  contact: z.object({
    person: z.string().max(100, '担当者は 100 文字以内で入力してください。'),
    phone: z.string().max(40, '電話番号は 40 文字以内で入力してください。'),
    email: z.string().refine((v) => v === '' || /^[^@\s]+@[^@\s]+$/.test(v), 'メールアドレスの形式で入力してください。'),
  }),
  notes: z.string().max(2000, 'メモは 2000 文字以内で入力してください。'),
});
type Values = z.infer<typeof schema>;
const FIELDS: readonly Path<Values>[] = ['name', 'area', 'developmentStatus', 'contact.person', 'contact.phone', 'contact.email', 'notes'];

function OrganizationEditForm({
  o,
  onSaved,
  onCancel,
  onReload,
}: {
  o: Organization;
  onSaved: (o: Organization) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const draftKey = `organization-edit:${o.id}`;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: o.name,
      area: o.area ?? '',
      developmentStatus: o.developmentStatus as Values['developmentStatus'],
      contact: { person: o.contact?.person ?? '', phone: o.contact?.phone ?? '', email: o.contact?.email ?? '' },
      notes: o.notes ?? '',
    },
  });
  useFormDraft(draftKey, form);
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const contact = Object.fromEntries(Object.entries(v.contact).filter(([, value]) => value.trim())) as UpdateBody['contact'];
      const body: UpdateBody = {
        name: v.name.trim(),
        area: (v.area.trim() || null) as string | undefined,
        developmentStatus: v.developmentStatus,
        contact,
        notes: (v.notes.trim() || null) as string | undefined,
      };
      return unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id: o.id } }, body }));
    },
    onSuccess: (saved) => {
      clearDraft(draftKey);
      onSaved(saved);
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, FIELDS)),
  });
  return (
    <form className="form section" noValidate aria-labelledby="org-edit-title" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <h2 id="org-edit-title">受入先の情報を編集する</h2>
      {save.isError && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} onReload={onReload} />}
      {topErrors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {topErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <TextField label="名前" required error={errors.name?.message} {...form.register('name')} />
      <TextField label="地区" error={errors.area?.message} {...form.register('area')} />
      <SelectField
        label="開拓の状況"
        options={Object.entries(DEVELOPMENT_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        error={errors.developmentStatus?.message}
        {...form.register('developmentStatus')}
      />
      <TextField label="担当者" error={errors.contact?.person?.message} {...form.register('contact.person')} />
      <TextField label="電話番号" error={errors.contact?.phone?.message} {...form.register('contact.phone')} />
      <TextField label="メールアドレス" type="email" error={errors.contact?.email?.message} {...form.register('contact.email')} />
      <TextAreaField label="メモ" error={errors.notes?.message} {...form.register('notes')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          保存する
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
    </form>
  );
}
