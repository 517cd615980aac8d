import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { ChoiceField } from '../../components/ChoiceField';
import { TextAreaField } from '../../components/TextAreaField';
import { applyServerErrors } from '../../components/FieldErrors';
import { TextField } from '../../components/TextField';
import { formatDateJa, tokyoToday } from '../../lib/dates';
import { clearDraft, useFormDraft } from '../../lib/drafts';
import {
  ATTENDANCE_CHOICES,
  CHECKPOINT_STATUS,
  CONCERN_CHOICES,
  WELLBEING_CHOICES,
  labelOf,
  type Checkpoint,
  type PlacementDetail,
} from './labels';
import { numbers } from './TransitionDialog';

/** A checkpoint's state as the coordinator reads it: a mark and words; a due one past its day reads 期限超過. */
function checkpointState(c: Checkpoint, today: string) {
  const key = c.status === 'due' && c.dueOn < today ? 'overdue' : c.status === 'scheduled' && c.dueOn <= today ? 'due' : c.status;
  return { key, ...(CHECKPOINT_STATUS[key] ?? { label: c.status, icon: '・' }) };
}

/** 定着フォロー: the plan as a timeline of checkpoints, the check-in form, extension and the final decision. */
export function FollowUpSection({
  placement,
  onDecide,
}: {
  placement: PlacementDetail;
  onDecide: (choice: 'settled' | 'rematched') => void;
}) {
  const followUp = placement.followUp;
  const today = tokyoToday();
  if (!followUp) {
    return (
      <section aria-labelledby="follow-up-title" id="follow-up">
        <h2 id="follow-up-title">定着フォロー</h2>
        <p>参加・受入が始まると、フォローの計画（確認日）がここに表示されます。</p>
      </section>
    );
  }
  const plans = followUp.plans ?? [];
  const latest = plans[plans.length - 1];
  const open = followUp.checkpoints.filter((c) => ['scheduled', 'due', 'overdue'].includes(c.status));
  const finalReached = followUp.checkpoints.some(
    (c) =>
      c.isFinal && c.status !== 'cancelled' && (c.status !== 'scheduled' || c.dueOn <= today) && (!latest || c.dueOn >= latest.startsOn),
  );
  const active = placement.state === 'active';
  return (
    <section aria-labelledby="follow-up-title" id="follow-up">
      <h2 id="follow-up-title">定着フォロー</h2>
      <p>
        期間: {followUp.startsOn ? formatDateJa(followUp.startsOn) : ''}〜{formatDateJa(followUp.endsOn)}
        {plans.length > 1 && `（延長 ${plans.length - 1} 回）`}
      </p>
      <h3>確認日</h3>
      <ol className="timeline" aria-label="確認日の一覧">
        {followUp.checkpoints.map((c) => {
          const state = checkpointState(c, today);
          return (
            <li key={c.id} className={`timeline__item timeline__item--${state.key}`}>
              <span className="timeline__icon" aria-hidden="true">
                {state.icon}
              </span>
              <span className="timeline__date">{formatDateJa(c.dueOn)}</span>
              <span className="timeline__what">
                {c.dayOffset}日目{c.isFinal ? '（最後の確認日）' : ''}
              </span>
              <span className="timeline__state">{state.label}</span>
            </li>
          );
        })}
      </ol>
      {active && finalReached && <FinalDecision onDecide={onDecide} />}
      {active && <CheckinForm placement={placement} open={open} today={today} />}
      {active && <ExtendForm placement={placement} />}
      <Checkins placement={placement} />
    </section>
  );
}

function FinalDecision({ onDecide }: { onDecide: (choice: 'settled' | 'rematched') => void }) {
  return (
    <div className="notice notice--info decision" role="region" aria-labelledby="decision-title">
      <h3 id="decision-title">最後の確認日を迎えました：次の一歩を決めてください</h3>
      <p>面談のうえ、定着で終結する・フォロー期間を延長する・つなぎなおす のいずれかを選んでください。</p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={() => onDecide('settled')}>
          定着で終結
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            const extend = document.getElementById('extend') as HTMLDetailsElement | null;
            if (!extend) return;
            extend.open = true;
            extend.querySelector('summary')?.focus();
          }}
        >
          延長
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDecide('rematched')}>
          つなぎなおし
        </button>
      </div>
    </div>
  );
}

const checkinSchema = z.object({
  checkpointId: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '面談日を入力してください。'),
  attendance: z.string({ message: '出欠を選んでください。' }).min(1, '出欠を選んでください。'),
  wellbeing: z.string({ message: '本人の調子を選んでください。' }).min(1, '本人の調子を選んでください。'),
  concern: z.string(),
  hostFeedback: z.string().max(2000, '2000 文字以内で入力してください。'),
  note: z.string().max(2000, '2000 文字以内で入力してください。'),
});
type CheckinForm = z.infer<typeof checkinSchema>;
const CHECKIN_FIELDS = ['checkpointId', 'date', 'attendance', 'wellbeing', 'concern', 'hostFeedback', 'note'] as const;

function CheckinForm({ placement, open, today }: { placement: PlacementDetail; open: Checkpoint[]; today: string }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const draftKey = `checkin:${placement.id}`;
  // Only checkpoints whose window has opened (the service gives opensOn, a few days before the due day) can be
  // recorded; with none open the record is a 臨時 one, so a note from the first days does not use up 14日目.
  const recordable = open.filter((c) => c.opensOn <= today);
  const firstDue = recordable[0];
  const form = useForm<CheckinForm>({
    resolver: zodResolver(checkinSchema),
    defaultValues: {
      checkpointId: firstDue?.id ?? '',
      date: today,
      attendance: '',
      wellbeing: '',
      concern: 'none',
      hostFeedback: '',
      note: '',
    },
  });
  useFormDraft(draftKey, form);
  const { errors, isSubmitting } = form.formState;
  const mutation = useMutation({
    mutationFn: (v: CheckinForm) =>
      unwrap(
        api.POST('/api/v1/placements/{id}/checkins', {
          params: { path: { id: placement.id } },
          body: {
            checkpointId: v.checkpointId || undefined,
            date: v.date,
            attendance: v.attendance as (typeof ATTENDANCE_CHOICES)[number]['value'],
            wellbeing: Number(v.wellbeing),
            concern: v.concern as 'none' | 'watch' | 'urgent',
            hostFeedback: v.hostFeedback.trim() || undefined,
            note: v.note.trim() || undefined,
          },
        }),
      ),
  });

  async function submit(values: CheckinForm) {
    setFailure(null);
    setSaved(false);
    try {
      const updated = await mutation.mutateAsync(values);
      clearDraft(draftKey);
      queryClient.setQueryData(['placement', placement.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['home'] });
      const next = updated.followUp?.checkpoints.find((c) => ['scheduled', 'due', 'overdue'].includes(c.status) && c.opensOn <= today);
      form.reset({
        ...form.getValues(),
        checkpointId: next?.id ?? '',
        attendance: '',
        wellbeing: '',
        concern: 'none',
        hostFeedback: '',
        note: '',
      });
      setSaved(true);
    } catch (error) {
      const rest = applyServerErrors(error, form.setError, CHECKIN_FIELDS);
      if (rest.length || !(error instanceof ValidationError)) setFailure(error);
    }
  }

  return (
    <div className="panel">
      <h3 id="checkin-title">フォローの記録</h3>
      {saved && (
        <p className="notice notice--info" role="status">
          <span aria-hidden="true">✓ </span>記録しました。
        </p>
      )}
      {failure !== null && (
        <ApiErrorNotice error={failure} onReload={() => void queryClient.invalidateQueries({ queryKey: ['placement', placement.id] })} />
      )}
      <form className="form" noValidate aria-labelledby="checkin-title" onSubmit={form.handleSubmit(submit)}>
        <div className="field">
          <label className="field__label" htmlFor="field-checkin-checkpointId">
            対応する確認日
          </label>
          <select id="field-checkin-checkpointId" className="field__input" {...form.register('checkpointId')}>
            {recordable.map((c) => (
              <option key={c.id} value={c.id}>
                {formatDateJa(c.dueOn)}（{c.dayOffset}日目）
              </option>
            ))}
            <option value="">確認日に充てない（臨時の記録）</option>
          </select>
        </div>
        <TextField label="面談日" type="date" required idBase="checkin-date" error={errors.date?.message} {...form.register('date')} />
        <ChoiceField
          legend="出欠"
          required
          inline
          choices={ATTENDANCE_CHOICES}
          error={errors.attendance?.message}
          {...form.register('attendance')}
        />
        <ChoiceField
          legend="本人の調子"
          required
          inline
          choices={WELLBEING_CHOICES}
          error={errors.wellbeing?.message}
          {...form.register('wellbeing')}
        />
        <ChoiceField legend="懸念" inline choices={CONCERN_CHOICES} error={errors.concern?.message} {...form.register('concern')} />
        <TextAreaField
          rows={3}
          label="受入先から見た様子"
          idBase="checkin-hostFeedback"
          error={errors.hostFeedback?.message}
          {...form.register('hostFeedback')}
        />
        <TextAreaField rows={3} label="メモ" idBase="checkin-note" error={errors.note?.message} {...form.register('note')} />
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          記録する
        </button>
      </form>
    </div>
  );
}

const extendSchema = z.object({
  lengthDays: z.string().regex(/^\s*(\d{1,3})?\s*$/, '延長する日数（1〜730）を入力してください。'),
  checkpointDays: z.string().regex(/^\s*(\d{1,3}\s*[,、]\s*)*\d{1,3}\s*$|^\s*$/, '確認日は日数をカンマで区切って入力してください。'),
  note: z.string().max(2000, '2000 文字以内で入力してください。'),
});
type ExtendForm = z.infer<typeof extendSchema>;

function ExtendForm({ placement }: { placement: PlacementDetail }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<ExtendForm>({
    resolver: zodResolver(extendSchema),
    defaultValues: { lengthDays: '', checkpointDays: '', note: '' },
  });
  const { errors, isSubmitting } = form.formState;
  async function submit(v: ExtendForm) {
    setFailure(null);
    setSaved(false);
    try {
      const updated = await unwrap(
        api.POST('/api/v1/placements/{id}/follow-up/extend', {
          params: { path: { id: placement.id } },
          body: {
            lengthDays: v.lengthDays.trim() ? Number(v.lengthDays) : undefined,
            checkpointDays: numbers(v.checkpointDays),
            note: v.note.trim() || undefined,
          },
        }),
      );
      queryClient.setQueryData(['placement', placement.id], updated);
      form.reset();
      setSaved(true);
    } catch (error) {
      const rest = applyServerErrors(error, form.setError, ['lengthDays', 'checkpointDays', 'note'] as const);
      if (rest.length || !(error instanceof ValidationError)) setFailure(error);
    }
  }
  return (
    <details className="panel" id="extend">
      <summary>フォロー期間を延長する</summary>
      {saved && (
        <p className="notice notice--info" role="status">
          延長しました。
        </p>
      )}
      {failure !== null && <ApiErrorNotice error={failure} />}
      <form className="form" noValidate onSubmit={form.handleSubmit(submit)}>
        <TextField
          label="延長する日数"
          idBase="extend-lengthDays"
          hint="空欄なら標準（90 日）。"
          inputMode="numeric"
          error={errors.lengthDays?.message}
          {...form.register('lengthDays')}
        />
        <TextField
          label="延長期間の確認日（延長開始からの日数）"
          idBase="extend-checkpointDays"
          hint="カンマ区切り。空欄なら標準。"
          inputMode="numeric"
          error={errors.checkpointDays?.message}
          {...form.register('checkpointDays')}
        />
        <TextAreaField rows={3} label="延長の理由" idBase="extend-note" error={errors.note?.message} {...form.register('note')} />
        <button type="submit" className="button button--secondary" disabled={isSubmitting}>
          延長する
        </button>
      </form>
    </details>
  );
}

function Checkins({ placement }: { placement: PlacementDetail }) {
  const checkins = placement.checkins ?? [];
  return (
    <>
      <h3>これまでの記録</h3>
      {checkins.length === 0 ? (
        <p className="list-state list-state--empty">まだ記録はありません。</p>
      ) : (
        <ul className="record-list">
          {[...checkins].reverse().map((c) => (
            <li key={c.id} className={c.concern === 'urgent' ? 'record record--urgent' : 'record'}>
              {/* Items joined by an explicit full-width space: JSX drops a line's leading one, which ran 「良い懸念」 together. */}
              <p className="record__title">
                {[
                  formatDateJa(c.date),
                  `出欠: ${labelOf(ATTENDANCE_CHOICES, c.attendance)}`,
                  `調子: ${labelOf(WELLBEING_CHOICES, String(c.wellbeing))}`,
                ].join('　')}
                {'　'}懸念: {c.concern === 'urgent' && <span aria-hidden="true">⚠ </span>}
                {labelOf(CONCERN_CHOICES, c.concern)}
              </p>
              {c.hostFeedback && <p>受入先から: {c.hostFeedback}</p>}
              {c.note && <p>メモ: {c.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
