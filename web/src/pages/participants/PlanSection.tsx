import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { formatDateJa, tokyoToday } from '../../lib/dates';
import { Empty, Loading } from './fields';
import { PLAN_KIND_LABELS, PLAN_KINDS, type PlanKind } from './vocabulary';

const schema = z.object({
  madeOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '策定日は 2026-11-20 のように入力してください。'),
  planKind: z.enum(PLAN_KINDS, { message: '初回か見直しかを選んでください。' }),
  note: z.string().trim().max(200, 'メモは 200 文字以内です。'),
});
type PlanValues = z.infer<typeof schema>;

/**
 * 参加支援プラン: the person's plans (策定日, 初回/見直し) and a form to record one. The service checks consent, the date
 * (today or up to 90 days back) and that a revision follows an initial plan; its Japanese errors are shown here.
 */
export function PlanSection({ participantId, consented }: { participantId: string; consented: boolean }) {
  const queryClient = useQueryClient();
  const plans = useQuery({
    queryKey: ['plans', participantId],
    queryFn: () => unwrap(api.GET('/api/v1/participants/{id}/plans', { params: { path: { id: participantId } } })),
  });
  const hasInitial = Boolean(plans.data?.items.some((p) => p.planKind === 'initial'));
  const form = useForm<PlanValues>({
    resolver: zodResolver(schema),
    defaultValues: { madeOn: tokyoToday(), planKind: 'initial', note: '' },
  });
  // The kind the person needs next: 初回 until they have an initial plan, then 見直し (unless the coordinator chose).
  useEffect(() => {
    if (!form.getFieldState('planKind').isDirty) form.setValue('planKind', hasInitial ? 'revision' : 'initial');
  }, [form, hasInitial]);
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const { errors } = form.formState;

  const save = useMutation({
    mutationFn: (v: PlanValues) =>
      unwrap(
        api.POST('/api/v1/participants/{id}/plans', {
          params: { path: { id: participantId } },
          body: { madeOn: v.madeOn, planKind: v.planKind, note: v.note || undefined },
        }),
      ),
    onMutate: () => {
      setTopErrors([]);
      setSaved(null);
    },
    onSuccess: (plan) => {
      form.reset({ madeOn: tokyoToday(), planKind: plan.planKind === 'initial' || hasInitial ? 'revision' : 'initial', note: '' });
      setSaved(`${formatDateJa(plan.madeOn)}の参加支援プラン（${PLAN_KIND_LABELS[plan.planKind as PlanKind]}）を記録しました。`);
      void queryClient.invalidateQueries({ queryKey: ['plans', participantId] });
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, ['madeOn', 'planKind', 'note'])),
  });

  return (
    <>
      {plans.isPending && <Loading what="参加支援プラン" />}
      {plans.isError && <ApiErrorNotice error={plans.error} />}
      {plans.data && plans.data.items.length === 0 && <Empty>まだ参加支援プランの記録はありません。</Empty>}
      {plans.data && plans.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="plan-list">
            <caption className="visually-hidden">参加支援プラン（策定日の新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">策定日</th>
                <th scope="col">種類</th>
                <th scope="col">策定した人</th>
                <th scope="col">メモ</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.items.map((plan) => (
                <tr key={plan.id}>
                  <td>{formatDateJa(plan.madeOn)}</td>
                  <td>{PLAN_KIND_LABELS[plan.planKind as PlanKind] ?? plan.planKind}</td>
                  <td>{plan.coordinator?.displayName ?? '—'}</td>
                  <td>{plan.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="form" noValidate aria-labelledby="plan-form-title" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <h3 id="plan-form-title">プランを記録する</h3>
        {!consented && <p className="notice notice--warning">参加支援プランには本人同意が必要です。先に同意を記録してください。</p>}
        {saved && (
          <p className="notice notice--info" role="status">
            {saved}
          </p>
        )}
        {save.isError && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} />}
        {topErrors.length > 0 && (
          <div className="notice notice--error" role="alert">
            {topErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
        <TextField
          label="策定日"
          type="date"
          idBase="plan-madeOn"
          required
          hint="今日から 90 日前までの日付。集計ではこの日の月に数えます。"
          error={errors.madeOn?.message}
          {...form.register('madeOn')}
        />
        <SelectField
          label="種類"
          idBase="plan-planKind"
          required
          hint="見直しは、初回のプランを記録したあとに記録できます。"
          options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_LABELS[k] }))}
          error={errors.planKind?.message}
          {...form.register('planKind')}
        />
        <TextField
          label="メモ（任意）"
          idBase="plan-note"
          hint="200 文字まで。本人が特定できること・健康や世帯のことは書かないでください。"
          error={errors.note?.message}
          {...form.register('note')}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? '記録しています…' : 'プランを記録する'}
          </button>
        </div>
      </form>
    </>
  );
}
