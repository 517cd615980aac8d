import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page, SERVICE_NAME } from '../../components/Page';
import { TextField } from '../../components/TextField';

// NIST SP 800-63B: length only, no composition rules; the service also refuses common passwords and the login.
const schema = z
  .object({
    password: z
      .string()
      .min(12, 'パスワードは 12 文字以上にしてください（日本語の文でもかまいません）。')
      .max(1024, 'パスワードが長すぎます。'),
    confirm: z.string().min(1, '確認のため、もう一度入力してください。'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: '上のパスワードと一致しません。' });
type FormValues = z.infer<typeof schema>;

/** /invitation/:token — public: the invited person (or one resetting a password) sets a password. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const [accepted, setAccepted] = useState<{ login: string; displayName: string } | null>(null);
  const [linkError, setLinkError] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(schema), defaultValues: { password: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: FormValues) {
    setLinkError('');
    setFailure(null);
    try {
      const result = await unwrap(api.POST('/api/v1/invitations/accept', { body: { token, password: values.password } }));
      setAccepted({ login: result.login, displayName: result.displayName });
    } catch (error) {
      if (error instanceof ValidationError) {
        const rest = applyServerErrors(error, form.setError, ['password']);
        const tokenError = error.fieldErrors.find((e) => e.field === 'token');
        if (tokenError) setLinkError(tokenError.message);
        else if (rest.length) setLinkError(rest.join(' '));
      } else {
        setFailure(error);
      }
    }
  }

  return (
    <main id="main" className="login">
      <p className="login__service">{SERVICE_NAME}</p>
      <Page title="パスワードの設定">
        {accepted ? (
          <div className="notice notice--info" role="status">
            <p className="notice__title">パスワードを設定しました</p>
            <p>
              {accepted.displayName}：ログインID「{accepted.login}」と今のパスワードでログインしてください。
            </p>
            <p>
              <Link to="/login">ログイン画面へ</Link>
            </p>
          </div>
        ) : (
          <>
            <p>招待されたアカウントのパスワードを決めてください。このリンクは 1 回だけ使えます。</p>
            {linkError && (
              <div className="notice notice--error" role="alert">
                <p className="notice__title">
                  <span aria-hidden="true">⚠ </span>このリンクでは設定できません
                </p>
                <p>{linkError}</p>
              </div>
            )}
            <ApiErrorNotice error={failure} />
            <form className="form" noValidate onSubmit={form.handleSubmit(submit)}>
              <TextField
                label="新しいパスワード"
                type="password"
                autoComplete="new-password"
                required
                hint="12 文字以上。記号や数字を混ぜる必要はありません。覚えやすい長い文がおすすめです。よく使われるものやログインIDを含むものは使えません。"
                error={errors.password?.message}
                {...form.register('password')}
              />
              <TextField
                label="新しいパスワード（確認）"
                type="password"
                autoComplete="new-password"
                required
                error={errors.confirm?.message}
                {...form.register('confirm')}
              />
              <button type="submit" className="button button--primary" disabled={isSubmitting}>
                パスワードを設定する
              </button>
            </form>
          </>
        )}
      </Page>
    </main>
  );
}
