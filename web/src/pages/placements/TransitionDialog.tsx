import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { ChoiceField } from '../../components/ChoiceField';
import { TextAreaField } from '../../components/TextAreaField';
import { applyServerErrors } from '../../components/FieldErrors';
import { TextField } from '../../components/TextField';
import { tokyoToday } from '../../lib/dates';
import { NEXT_STATES, OUTCOME_LABELS, STATE_LABELS, type Outcome, type PlacementDetail, type PlacementState } from './labels';

const schema = z
  .object({
    to: z.enum(['visit', 'trial', 'active', 'closed'], { message: '次の状態を選んでください。' }),
    date: z.string().optional(),
    outcome: z.string().optional(),
    note: z.string().max(2000, 'メモは 2000 文字以内で入力してください。').optional(),
    followUp: z.object({
      checkpointDays: z
        .string()
        .regex(/^\s*(\d{1,3}\s*[,、]\s*)*\d{1,3}\s*$|^\s*$/, '確認日は 0 以上の日数をカンマで区切って入力してください（例: 0, 14, 28）。'),
      lengthDays: z.string().regex(/^\s*(\d{1,3})?\s*$/, 'フォロー期間は日数（1〜730）で入力してください。'),
    }),
  })
  .superRefine((v, ctx) => {
    if (v.to === 'closed' && !v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: '終結の理由を選んでください。' });
  });
type Form = z.infer<typeof schema>;
type Fields = 'to' | 'date' | 'outcome' | 'note' | 'followUp.checkpointDays' | 'followUp.lengthDays';
const FIELDS: readonly Fields[] = ['to', 'date', 'outcome', 'note', 'followUp.checkpointDays', 'followUp.lengthDays'];

export function numbers(text: string): number[] | undefined {
  const list = text
    .split(/[,、]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  return list.length ? list : undefined;
}

/**
 * 状態を進める: offers only the states the service allows next, asks for the date of a visit or trial,
 * the outcome of a closing, and the start date (today unless recorded late) and follow-up plan when the
 * person starts. `preset` opens it on a choice.
 */
export function TransitionDialog({
  placement,
  open,
  preset,
  onClose,
  onClosedAsRematch,
}: {
  placement: PlacementDetail;
  open: boolean;
  preset?: { to: PlacementState; outcome?: Outcome };
  onClose: () => void;
  onClosedAsRematch?: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const allowed = NEXT_STATES[placement.state];
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { to: undefined, date: '', outcome: '', note: '', followUp: { checkpointDays: '', lengthDays: '' } },
  });
  const { errors, isSubmitting } = form.formState;
  const to = form.watch('to');

  // The start of 参加・受入 is today unless it is recorded late; a visit or trial date stays empty until known.
  useEffect(() => {
    form.setValue('date', to === 'active' ? tokyoToday() : '');
  }, [to]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      form.reset({
        to: (preset?.to ?? (allowed.length === 1 ? allowed[0] : undefined)) as Form['to'],
        date: '',
        outcome: preset?.outcome ?? '',
        note: '',
        followUp: { checkpointDays: '', lengthDays: '' },
      });
      setFailure(null);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const mutation = useMutation({
    mutationFn: (values: Form) =>
      unwrap(
        api.POST('/api/v1/placements/{id}/transitions', {
          params: { path: { id: placement.id } },
          body: {
            to: values.to,
            date: values.date || undefined,
            outcome: values.to === 'closed' ? (values.outcome as Outcome) : undefined,
            note: values.note?.trim() || undefined,
            followUp:
              values.to === 'active' && (values.followUp.checkpointDays.trim() || values.followUp.lengthDays.trim())
                ? {
                    checkpointDays: numbers(values.followUp.checkpointDays),
                    lengthDays: values.followUp.lengthDays.trim() ? Number(values.followUp.lengthDays) : undefined,
                  }
                : undefined,
          },
        }),
      ),
  });

  async function submit(values: Form) {
    setFailure(null);
    try {
      const updated = await mutation.mutateAsync(values);
      queryClient.setQueryData(['placement', placement.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['placements'] });
      await queryClient.invalidateQueries({ queryKey: ['home'] });
      onClose();
      if (values.to === 'closed' && values.outcome === 'rematched') onClosedAsRematch?.();
    } catch (error) {
      const rest = applyServerErrors(error, form.setError, FIELDS);
      if (rest.length || !(error instanceof ValidationError)) setFailure(error);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog dialog--wide" aria-labelledby="transition-title" onClose={onClose}>
      <h2 id="transition-title" className="dialog__title">
        状態を進める（現在: {STATE_LABELS[placement.state]}）
      </h2>
      {failure !== null && (
        <ApiErrorNotice
          error={failure}
          onReload={() => {
            void queryClient.invalidateQueries({ queryKey: ['placement', placement.id] });
            onClose();
          }}
        />
      )}
      <form className="form" noValidate onSubmit={form.handleSubmit(submit)}>
        <ChoiceField
          legend="次の状態"
          required
          choices={allowed.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
          error={errors.to?.message}
          inline
          {...form.register('to')}
        />
        {(to === 'visit' || to === 'trial') && (
          <TextField
            label={to === 'visit' ? '見学日' : '体験日'}
            type="date"
            idBase="transition-date"
            hint="決まっていなければ空欄のままで構いません。"
            error={errors.date?.message}
            {...form.register('date')}
          />
        )}
        {to === 'closed' && (
          <ChoiceField
            legend="終結の理由"
            required
            choices={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))}
            error={errors.outcome?.message}
            {...form.register('outcome')}
          />
        )}
        {to === 'active' && (
          <>
            <TextField
              label="開始日"
              type="date"
              idBase="transition-date"
              max={tokyoToday()}
              hint="今日より前に始まっていれば、その日にしてください（90 日前まで）。確認日はこの日から数えます。"
              error={errors.date?.message}
              {...form.register('date')}
            />
            <TextField
              label="フォローの確認日（開始からの日数）"
              idBase="transition-checkpointDays"
              hint="カンマ区切り。空欄なら標準（14, 28, 60, 90 日目）。0 は開始日。"
              inputMode="numeric"
              error={errors.followUp?.checkpointDays?.message}
              {...form.register('followUp.checkpointDays')}
            />
            <TextField
              label="フォロー期間（日）"
              idBase="transition-lengthDays"
              hint="空欄なら標準（90 日）。"
              inputMode="numeric"
              error={errors.followUp?.lengthDays?.message}
              {...form.register('followUp.lengthDays')}
            />
          </>
        )}
        <TextAreaField
          rows={3}
          label="メモ（受入先には表示されません）"
          idBase="transition-note"
          error={errors.note?.message}
          {...form.register('note')}
        />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            記録する
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            やめる
          </button>
        </div>
      </form>
    </dialog>
  );
}
