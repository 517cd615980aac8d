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
import { formatDateTimeJa } from '../../lib/dates';
import { SelectField } from '../../components/SelectField';
import '../host/host.css';
import { ROLE_OPTIONS, adminKeys, listOrganizations, type ApiToken, type CreatedApiToken } from './admin-api';

const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label])) as Record<string, string>;

const schema = z
  .object({
    name: z.string().trim().min(1, '名前を入力してください。').max(100, '名前は 100 文字以内です。'),
    role: z.enum(['coordinator', 'host', 'viewer', 'admin'], { error: '役割を選んでください。' }),
    organizationId: z.string(),
    expiresAt: z.string(),
  })
  .refine((v) => v.role !== 'host' || v.organizationId, { path: ['organizationId'], message: '受入先のトークンは団体を選んでください。' });
type FormValues = z.infer<typeof schema>;

async function listTokens(): Promise<ApiToken[]> {
  return unwrap(api.GET('/api/v1/tokens'));
}

/** API トークン: for automation. The secret is shown once; revocation is immediate. */
export function AdminTokensPage() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: adminKeys.tokens, queryFn: listTokens });
  const organizations = useQuery({ queryKey: adminKeys.organizations, queryFn: listOrganizations });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [top, setTop] = useState<string[]>([]);
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', role: 'coordinator', organizationId: '', expiresAt: '' },
  });
  const { errors } = form.formState;
  const role = form.watch('role');
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      unwrap(
        api.POST('/api/v1/tokens', {
          body: {
            name: v.name.trim(),
            role: v.role,
            ...(v.role === 'host' ? { organizationId: v.organizationId } : {}),
            // The end of the chosen day in Japan.
            ...(v.expiresAt ? { expiresAt: `${v.expiresAt}T23:59:59+09:00` } : {}),
          },
        }),
      ),
    onSuccess: (token) => {
      setCreated(token);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
    },
    onError: (error) => setTop(applyServerErrors(error, form.setError, ['name', 'role', 'organizationId', 'expiresAt'])),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.tokens }),
  });
  const orgName = (id: string | null) => organizations.data?.find((o) => o.id === id)?.name ?? '';
  return (
    <Page title="API トークン">
      <p className="lead">ほかのシステムから API を使うための鍵です。人が使うときは「利用者と招待」からアカウントを作ってください。</p>
      <section aria-labelledby="token-create-heading">
        <h2 id="token-create-heading">トークンを発行する</h2>
        <form
          className="form"
          noValidate
          onSubmit={form.handleSubmit((v) => {
            setTop([]);
            setCreated(null);
            create.mutate(v);
          })}
        >
          <TextField label="名前" required hint="誰・何に渡すか" error={errors.name?.message} {...form.register('name')} />
          <SelectField label="役割" required error={errors.role?.message} {...form.register('role')}>
            {ROLE_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
          {role === 'host' && (
            <SelectField label="団体" required error={errors.organizationId?.message} {...form.register('organizationId')}>
              <option value="">選んでください</option>
              {organizations.data?.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          )}
          <TextField label="有効期限（任意）" type="date" error={errors.expiresAt?.message} {...form.register('expiresAt')} />
          {top.length > 0 && (
            <p className="field__error" role="alert">
              {top.join(' ')}
            </p>
          )}
          {create.error && !(create.error instanceof ValidationError) && <ApiErrorNotice error={create.error} />}
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            発行する
          </button>
        </form>
        {created && (
          <div className="notice notice--warning" role="status">
            <p className="notice__title">「{created.name}」の秘密の値（今だけ表示されます）</p>
            <p className="secret" data-testid="token-secret">
              {created.token}
            </p>
            <p>この画面を離れると二度と表示できません。安全な場所に保管してください。</p>
          </div>
        )}
      </section>
      <section aria-labelledby="token-list-heading">
        <h2 id="token-list-heading">発行済みのトークン</h2>
        <ApiErrorNotice error={tokens.error ?? revoke.error} onReload={() => void tokens.refetch()} />
        {tokens.data && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">名前</th>
                  <th scope="col">役割</th>
                  <th scope="col">最後に使われた日時</th>
                  <th scope="col">有効期限</th>
                  <th scope="col">状態</th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td>
                      {ROLE_LABEL[t.role] ?? t.role}
                      {t.organizationId && `（${orgName(t.organizationId)}）`}
                    </td>
                    <td>{t.lastUsedAt ? formatDateTimeJa(t.lastUsedAt) : '未使用'}</td>
                    <td>{t.expiresAt ? formatDateTimeJa(t.expiresAt) : 'なし'}</td>
                    <td>
                      {t.revokedAt ? (
                        `失効（${formatDateTimeJa(t.revokedAt)}）`
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={revoke.isPending}
                          onClick={() => {
                            if (
                              window.confirm(
                                `トークン「${t.name}」を失効させます。使っているシステムはすぐに使えなくなります。よろしいですか。`,
                              )
                            ) {
                              revoke.mutate(t.id);
                            }
                          }}
                        >
                          失効させる<span className="visually-hidden">（{t.name}）</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
