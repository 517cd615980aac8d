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
import { formatDateJa, formatDateTimeJa } from '../../lib/dates';
import { SelectField } from '../../components/SelectField';
import '../host/host.css';
import { BackupNotice } from './BackupNotice';
import { ROLE_OPTIONS, USER_STATUS_LABELS, adminKeys, listOrganizations, listUsers, type InvitationLink, type User } from './admin-api';

const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label])) as Record<string, string>;

const schema = z
  .object({
    login: z.string().trim().min(1, 'ログインIDを入力してください。').max(200, 'ログインIDは 200 文字以内です。'),
    displayName: z.string().trim().min(1, '氏名を入力してください。').max(100, '氏名は 100 文字以内です。'),
    role: z.enum(['coordinator', 'host', 'viewer', 'admin'], { error: '役割を選んでください。' }),
    organizationId: z.string(),
    email: z.union([z.literal(''), z.email('メールアドレスの形式で入力してください。')]),
    areas: z.string().max(500, '地区が長すぎます。'),
  })
  .refine((v) => v.role !== 'host' || v.organizationId, { path: ['organizationId'], message: '受入先の職員は団体を選んでください。' });
type FormValues = z.infer<typeof schema>;

/** 利用者と招待: create a user (the one-time link shown to copy), disable, issue a new link (reset). */
export function AdminUsersPage() {
  const users = useQuery({ queryKey: adminKeys.users, queryFn: listUsers });
  const [link, setLink] = useState<{ user: string; invitation: InvitationLink } | null>(null);
  return (
    <Page title="利用者と招待">
      <BackupNotice />
      <CreateUser onCreated={(user, invitation) => setLink({ user, invitation })} />
      {link && <InvitationLinkBox name={link.user} invitation={link.invitation} onClose={() => setLink(null)} />}
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">利用者の一覧</h2>
        <ApiErrorNotice error={users.error} onReload={() => void users.refetch()} />
        {users.data && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">氏名</th>
                  <th scope="col">ログインID</th>
                  <th scope="col">役割</th>
                  <th scope="col">状態</th>
                  <th scope="col">最後のログイン</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <UserRow key={u.id} user={u} onLink={(invitation) => setLink({ user: u.displayName, invitation })} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}

function UserRow({ user, onLink }: { user: User; onLink: (invitation: InvitationLink) => void }) {
  const queryClient = useQueryClient();
  const setStatus = useMutation({
    mutationFn: async (status: 'active' | 'disabled') =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { status } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
  const issue = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id: user.id } } })),
    onSuccess: (invitation) => {
      onLink(invitation);
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
  const disable = () => {
    if (
      window.confirm(
        `${user.displayName}を無効にします。ログイン中の画面はすぐに使えなくなり、この人の API トークンも失効します。よろしいですか。`,
      )
    ) {
      setStatus.mutate('disabled');
    }
  };
  return (
    <tr>
      <th scope="row">{user.displayName}</th>
      <td>{user.login}</td>
      <td>{ROLE_LABEL[user.role] ?? user.role}</td>
      <td>{USER_STATUS_LABELS[user.status]}</td>
      <td>{user.lastSignInAt ? formatDateTimeJa(user.lastSignInAt) : '—'}</td>
      <td>
        <div className="row">
          {user.status !== 'disabled' && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => issue.mutate()}
              disabled={issue.isPending}
            >
              {user.status === 'invited' ? '招待リンクを再発行' : 'パスワード再設定リンク'}
              <span className="visually-hidden">（{user.displayName}）</span>
            </button>
          )}
          {user.status !== 'disabled' ? (
            <button type="button" className="button button--secondary button--small" onClick={disable} disabled={setStatus.isPending}>
              無効にする<span className="visually-hidden">（{user.displayName}）</span>
            </button>
          ) : (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setStatus.mutate('active')}
              disabled={setStatus.isPending}
            >
              有効に戻す<span className="visually-hidden">（{user.displayName}）</span>
            </button>
          )}
        </div>
        <ApiErrorNotice error={setStatus.error ?? issue.error} />
      </td>
    </tr>
  );
}

function InvitationLinkBox({ name, invitation, onClose }: { name: string; invitation: InvitationLink; onClose: () => void }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.invitationUrl);
      setCopied('コピーしました。');
    } catch {
      setCopied('コピーできませんでした。リンクを選んでコピーしてください。');
    }
  };
  return (
    <section className="notice notice--info" aria-labelledby="link-heading">
      <h2 id="link-heading" className="notice__title">
        {name}の{invitation.purpose === 'invite' ? '招待' : 'パスワード再設定'}リンク
      </h2>
      <p>このリンクは今だけ表示されます。本人に渡してください（1 回限り、{formatDateJa(invitation.invitationExpiresAt)} まで有効）。</p>
      {invitation.emailed && <p>本人のメールアドレスにも送りました。</p>}
      <p className="secret" data-testid="invitation-url">
        {invitation.invitationUrl}
      </p>
      <div className="row">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          リンクをコピー
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          閉じる
        </button>
      </div>
      <p role="status">{copied}</p>
    </section>
  );
}

function CreateUser({ onCreated }: { onCreated: (name: string, invitation: InvitationLink) => void }) {
  const queryClient = useQueryClient();
  const organizations = useQuery({ queryKey: adminKeys.organizations, queryFn: listOrganizations });
  const [top, setTop] = useState<string[]>([]);
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: { login: '', displayName: '', role: 'coordinator', organizationId: '', email: '', areas: '' },
  });
  const { errors } = form.formState;
  const role = form.watch('role');
  const create = useMutation({
    mutationFn: async (v: FormValues) => {
      const areas = v.areas
        .split(/[、,\s]+/)
        .map((a) => a.trim())
        .filter(Boolean);
      return unwrap(
        api.POST('/api/v1/users', {
          body: {
            login: v.login.trim(),
            displayName: v.displayName.trim(),
            role: v.role,
            ...(v.role === 'host' ? { organizationId: v.organizationId } : {}),
            ...(v.email ? { email: v.email } : {}),
            ...(v.role === 'coordinator' && areas.length ? { areas } : {}),
          },
        }),
      );
    },
    onSuccess: (invitation, v) => {
      onCreated(v.displayName, invitation);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
    onError: (error) =>
      setTop(applyServerErrors(error, form.setError, ['login', 'displayName', 'role', 'organizationId', 'email', 'areas'])),
  });
  return (
    <section aria-labelledby="create-heading">
      <h2 id="create-heading">利用者を招待する</h2>
      <form
        className="form"
        noValidate
        onSubmit={form.handleSubmit((v) => {
          setTop([]);
          create.mutate(v);
        })}
      >
        <TextField label="氏名" required error={errors.displayName?.message} {...form.register('displayName')} />
        <TextField
          label="ログインID"
          required
          hint="メールアドレスか、わかりやすい名前"
          autoComplete="off"
          error={errors.login?.message}
          {...form.register('login')}
        />
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
        {role === 'coordinator' && (
          <TextField
            label="担当地区"
            hint="空欄ならすべての地区。複数は「、」で区切る"
            error={errors.areas?.message}
            {...form.register('areas')}
          />
        )}
        <TextField
          label="メールアドレス（任意）"
          type="email"
          hint="通知やリンクの送り先"
          error={errors.email?.message}
          {...form.register('email')}
        />
        {top.length > 0 && (
          <p className="field__error" role="alert">
            {top.join(' ')}
          </p>
        )}
        {create.error && !(create.error instanceof ValidationError) && <ApiErrorNotice error={create.error} />}
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          招待リンクを作る
        </button>
      </form>
    </section>
  );
}
