import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { useSession } from '../../session/SessionContext';
import { TextAreaField } from '../../components/TextAreaField';
import { ORGANIZATION_KIND_LABELS } from '../participants/vocabulary';
import { getOrganization, hostKeys, type Organization } from './host-api';
import './host.css';

const schema = z.object({
  area: z.string().trim().max(100, '地区は 100 文字以内で入力してください。'),
  person: z.string().trim().max(100, '担当者は 100 文字以内で入力してください。'),
  phone: z.string().trim().max(40, '電話番号は 40 文字以内で入力してください。'),
  email: z.union([z.literal(''), z.email('メールアドレスの形式で入力してください。')]),
  notes: z.string().max(2000, 'メモは 2000 文字以内で入力してください。'),
});
type FormValues = z.infer<typeof schema>;

/** 団体情報: the organisation's own profile and contact. Staff accounts are managed by the administrator. */
export function HostOrganizationPage() {
  const { session } = useSession();
  const orgId = session?.user.organizationId ?? '';
  const organization = useQuery({ queryKey: hostKeys.organization(orgId), queryFn: () => getOrganization(orgId), enabled: Boolean(orgId) });
  return (
    <Page title="団体情報">
      {!orgId && <p>この利用者は団体に結びついていません。管理者に連絡してください。</p>}
      <ApiErrorNotice error={organization.error} onReload={() => void organization.refetch()} />
      {organization.data && <OrganizationForm organization={organization.data} key={organization.data.id} />}
      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">職員のアカウント</h2>
        <p>職員の追加・利用停止・パスワードの再設定は、管理者（社会福祉協議会など）に依頼してください。</p>
      </section>
    </Page>
  );
}

function OrganizationForm({ organization }: { organization: Organization }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState('');
  const [top, setTop] = useState<string[]>([]);
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      area: organization.area ?? '',
      person: organization.contact?.person ?? '',
      phone: organization.contact?.phone ?? '',
      email: organization.contact?.email ?? '',
      notes: organization.notes ?? '',
    },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: async (v: FormValues) =>
      (await unwrap(
        api.PATCH('/api/v1/organizations/{id}', {
          params: { path: { id: organization.id } },
          body: {
            area: v.area || undefined,
            contact: { person: v.person || undefined, phone: v.phone || undefined, email: v.email || undefined },
            notes: v.notes,
          },
        }),
      )) as unknown as Organization,
    onSuccess: (saved) => {
      queryClient.setQueryData(hostKeys.organization(saved.id), saved);
      setDone('保存しました。');
    },
    onError: (error) => setTop(applyServerErrors(error, form.setError, ['area', 'person', 'phone', 'email', 'notes'])),
  });
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{organization.name}</h2>
      <p>種類：{ORGANIZATION_KIND_LABELS[organization.kind] ?? organization.kind}</p>
      <form
        className="form"
        noValidate
        onSubmit={form.handleSubmit((v) => {
          setDone('');
          setTop([]);
          save.mutate(v);
        })}
      >
        <TextField label="地区" error={errors.area?.message} {...form.register('area')} />
        <TextField label="担当者" autoComplete="name" error={errors.person?.message} {...form.register('person')} />
        <TextField label="電話番号" type="tel" autoComplete="tel" error={errors.phone?.message} {...form.register('phone')} />
        <TextField label="メールアドレス" type="email" autoComplete="email" error={errors.email?.message} {...form.register('email')} />
        <TextAreaField label="団体の紹介・メモ" error={errors.notes?.message} {...form.register('notes')} />
        {top.length > 0 && (
          <p className="field__error" role="alert">
            {top.join(' ')}
          </p>
        )}
        {save.error && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} />}
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          保存する
        </button>
        <p role="status">{done}</p>
      </form>
    </section>
  );
}
