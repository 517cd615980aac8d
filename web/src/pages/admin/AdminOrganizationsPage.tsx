import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { formatDateJa } from '../../lib/dates';
import { SelectField } from '../../components/SelectField';
import type { Organization } from '../host/host-api';
import '../host/host.css';
import { ORGANIZATION_KIND_LABELS } from '../participants/vocabulary';
import { DEVELOPMENT_STATUS_LABELS, adminKeys, listOrganizations } from './admin-api';

const schema = z.object({
  name: z.string().trim().min(1, '団体名を入力してください。').max(200, '団体名は 200 文字以内です。'),
  kind: z.string().min(1, '種類を選んでください。'),
  area: z.string().trim().max(100, '地区は 100 文字以内です。'),
  developmentStatus: z.enum(['developing', 'accepting', 'suspended']),
});
type FormValues = z.infer<typeof schema>;

/** 受入先と開拓: every organisation with its development status; those 開拓中 listed first for follow-up. */
export function AdminOrganizationsPage() {
  const organizations = useQuery({ queryKey: adminKeys.organizations, queryFn: listOrganizations });
  const developing = organizations.data?.filter((o) => o.developmentStatus === 'developing') ?? [];
  return (
    <Page title="受入先と開拓">
      <ApiErrorNotice error={organizations.error} onReload={() => void organizations.refetch()} />
      <section aria-labelledby="developing-heading">
        <h2 id="developing-heading">開拓中の受入先（{developing.length} 件）</h2>
        <p>声をかけている・相談中の団体です。受入れが決まったら「受入可」に変えてください。</p>
        {developing.length === 0 ? (
          <p>開拓中の団体はありません。</p>
        ) : (
          <OrganizationTable organizations={developing} caption="開拓中の受入先" />
        )}
      </section>
      <CreateOrganization />
      <section aria-labelledby="all-heading">
        <h2 id="all-heading">すべての受入先（{organizations.data?.length ?? 0} 件）</h2>
        {organizations.data && <OrganizationTable organizations={organizations.data} caption="すべての受入先" />}
      </section>
    </Page>
  );
}

function OrganizationTable({ organizations, caption }: { organizations: Organization[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">団体名</th>
            <th scope="col">種類</th>
            <th scope="col">地区</th>
            <th scope="col">連絡先</th>
            <th scope="col">登録日</th>
            <th scope="col">開拓の状況</th>
          </tr>
        </thead>
        <tbody>
          {organizations.map((o) => (
            <OrganizationRow key={o.id} organization={o} tableId={caption} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrganizationRow({ organization: o, tableId }: { organization: Organization; tableId: string }) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (developmentStatus: string) =>
      unwrap(
        api.PATCH('/api/v1/organizations/{id}', {
          params: { path: { id: o.id } },
          body: { developmentStatus: developmentStatus as Organization['developmentStatus'] },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.organizations }),
  });
  const selectId = `ds-${tableId === 'すべての受入先' ? 'all' : 'dev'}-${o.id}`;
  return (
    <tr>
      <th scope="row">{o.name}</th>
      <td>{ORGANIZATION_KIND_LABELS[o.kind] ?? o.kind}</td>
      <td>{o.area ?? '—'}</td>
      <td>{[o.contact?.person, o.contact?.phone, o.contact?.email].filter(Boolean).join(' ／ ') || '—'}</td>
      <td>{formatDateJa(o.createdAt)}</td>
      <td>
        <label htmlFor={selectId} className="visually-hidden">
          開拓の状況（{o.name}）
        </label>
        <select
          id={selectId}
          className="field__select"
          value={o.developmentStatus}
          disabled={update.isPending}
          onChange={(e) => update.mutate(e.target.value)}
        >
          {Object.entries(DEVELOPMENT_STATUS_LABELS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        <ApiErrorNotice error={update.error} />
      </td>
    </tr>
  );
}

function CreateOrganization() {
  const queryClient = useQueryClient();
  const [top, setTop] = useState<string[]>([]);
  const [done, setDone] = useState('');
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', kind: '', area: '', developmentStatus: 'developing' },
  });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      unwrap(
        api.POST('/api/v1/organizations', {
          body: {
            name: v.name.trim(),
            kind: v.kind as components['schemas']['CreateOrganizationDto']['kind'],
            ...(v.area ? { area: v.area } : {}),
            developmentStatus: v.developmentStatus,
          },
        }),
      ),
    onSuccess: (_saved, v) => {
      setDone(`「${v.name}」を登録しました。`);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: adminKeys.organizations });
    },
    onError: (error) => setTop(applyServerErrors(error, form.setError, ['name', 'kind', 'area', 'developmentStatus'])),
  });
  return (
    <section aria-labelledby="org-create-heading">
      <h2 id="org-create-heading">受入先を登録する</h2>
      <form
        className="form"
        noValidate
        onSubmit={form.handleSubmit((v) => {
          setTop([]);
          setDone('');
          create.mutate(v);
        })}
      >
        <TextField label="団体名" required error={errors.name?.message} {...form.register('name')} />
        <SelectField label="種類" required error={errors.kind?.message} {...form.register('kind')}>
          <option value="">選んでください</option>
          {Object.entries(ORGANIZATION_KIND_LABELS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField label="地区" error={errors.area?.message} {...form.register('area')} />
        <SelectField label="開拓の状況" {...form.register('developmentStatus')}>
          {Object.entries(DEVELOPMENT_STATUS_LABELS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </SelectField>
        {top.length > 0 && (
          <p className="field__error" role="alert">
            {top.join(' ')}
          </p>
        )}
        {create.error && !(create.error instanceof ValidationError) && <ApiErrorNotice error={create.error} />}
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          登録する
        </button>
        <p role="status">{done}</p>
      </form>
    </section>
  );
}
