import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { NotFoundError, UnauthorizedError, ValidationError } from '../api/errors';
import { ApiErrorNotice } from '../components/ApiErrorNotice';
import { applyServerErrors } from '../components/FieldErrors';
import { Page, SERVICE_NAME } from '../components/Page';
import { TextField } from '../components/TextField';
import { useSession } from '../session/SessionContext';
import { signIn } from '../session/session-api';

const schema = z.object({
  login: z.string().trim().min(1, 'ログインIDを入力してください。').max(200, 'ログインIDは 200 文字以内で入力してください。'),
  password: z.string().min(1, 'パスワードを入力してください。').max(1000, 'パスワードが長すぎます。'),
});
type LoginForm = z.infer<typeof schema>;

const REASONS = {
  expired: '一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。入力中だった内容は保存されています。',
  'signed-out': 'ログアウトしました。',
} as const;

/** /login: ログインID and パスワード; afterwards the person lands where they were going (ホーム by default). */
export function LoginPage() {
  const { status, reason, loadError, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [failure, setFailure] = useState<{ message: string } | { error: unknown } | null>(null);
  const form = useForm<LoginForm>({ resolver: zodResolver(schema), defaultValues: { login: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  if (status === 'signed-in') return <Navigate to={from} replace />;

  async function submit(values: LoginForm) {
    setFailure(null);
    try {
      const session = await signIn(values.login, values.password);
      setSession(session);
      navigate(from.startsWith('/login') ? '/' : from, { replace: true });
    } catch (error) {
      form.setValue('password', '');
      if (error instanceof ValidationError) {
        const rest = applyServerErrors(error, form.setError, ['login', 'password']);
        if (rest.length) setFailure({ message: rest.join(' ') });
      } else if (error instanceof UnauthorizedError) {
        setFailure({ message: error.message || 'ログインIDまたはパスワードが違います。' });
      } else if (error instanceof NotFoundError) {
        setFailure({ message: 'ログインの受付先が見つかりません。しばらくしてからもう一度お試しください。続くときは管理者に連絡してください。' });
      } else {
        setFailure({ error });
      }
    }
  }

  return (
    <main id="main" className="login">
      <p className="login__service">{SERVICE_NAME}</p>
      <Page title="ログイン">
        {reason && (
          <p className="notice notice--info" role="status">
            {REASONS[reason]}
          </p>
        )}
        {loadError !== null && !failure && <ApiErrorNotice error={loadError} />}
        {failure && 'message' in failure && (
          <div className="notice notice--error" role="alert">
            <p className="notice__title">
              <span aria-hidden="true">⚠ </span>ログインできませんでした
            </p>
            <p>{failure.message}</p>
          </div>
        )}
        {failure && 'error' in failure && <ApiErrorNotice error={failure.error} />}
        <form className="form" noValidate onSubmit={form.handleSubmit(submit)}>
          <TextField
            label="ログインID"
            autoComplete="username"
            required
            error={errors.login?.message}
            {...form.register('login')}
          />
          <TextField
            label="パスワード"
            type="password"
            autoComplete="current-password"
            required
            error={errors.password?.message}
            {...form.register('password')}
          />
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            ログイン
          </button>
        </form>
      </Page>
    </main>
  );
}
