import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { formatDateJa, tokyoToday } from '../../lib/dates';
import { NotFoundPage } from '../NotFoundPage';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { getReferral, hostKeys, type HostCheckpoint, type HostPerson, type HostPlacement } from './host-api';
import { CHECKPOINT_STATUS_LABELS, PERSON_FIELD_LABELS } from './labels';
import './host.css';

const PLAIN_FIELDS = ['displayName', 'ageBand', 'strengths', 'considerationsForHost'] as const;

/** /host/referrals/:id: one referred person, within consent; dates to confirm; feedback at checkpoints. */
export function ReferralPage() {
  const { id } = useParams();
  const referral = useQuery({ queryKey: hostKeys.referral(id!), queryFn: () => getReferral(id!) });
  if (referral.error instanceof NotFoundError || referral.error instanceof ForbiddenError) return <NotFoundPage />;
  if (referral.isPending) {
    return (
      <p className="loading" role="status">
        読み込んでいます…
      </p>
    );
  }
  if (referral.error) return <ApiErrorNotice error={referral.error} onReload={() => void referral.refetch()} />;
  const p = referral.data;
  return (
    <Page title={`紹介された方：${p.participant?.displayName ?? '（お名前は非表示）'}`}>
      <p>
        <Link to="/host/referrals">紹介された方の一覧へ戻る</Link>
      </p>
      <p>
        受入枠：{p.resource.title} ・ 状態：<strong>{p.stateLabel}</strong>
      </p>
      <PersonSection person={p.participant} />
      <DatesSection placement={p} />
      <FollowUpSection placement={p} />
    </Page>
  );
}

function PersonSection({ person }: { person: HostPerson | null }) {
  const shown = PLAIN_FIELDS.filter((f) => person && f in person);
  const sensitive = person?.sensitive ?? [];
  const withheld = Object.keys(PERSON_FIELD_LABELS).filter(
    (f) => !(shown as readonly string[]).includes(f) && !sensitive.some((s) => s.field === f),
  );
  return (
    <section aria-labelledby="person-heading">
      <h2 id="person-heading">ご本人について（同意の範囲）</h2>
      {!person && <p>ご本人の同意がないため、表示できる情報はありません。コーディネーターに問い合わせてください。</p>}
      {person && (
        <dl className="person">
          {shown.map((f) => (
            <div key={f}>
              <dt>{PERSON_FIELD_LABELS[f]}</dt>
              <dd>{person[f] || '（記入なし）'}</dd>
            </div>
          ))}
        </dl>
      )}
      {sensitive.length > 0 && (
        <div className="notice notice--warning">
          <p className="notice__title">取り扱いに特に注意が必要な情報</p>
          <p>ご本人が受入先に伝えることに個別に同意した情報です。ほかの人に伝えたり、記録を持ち出したりしないでください。</p>
          <dl className="person">
            {sensitive.map((s) => (
              <div key={s.field}>
                <dt>
                  {s.label}（{s.category}）
                </dt>
                <dd>{s.value || '（記入なし）'}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <div className="withheld" data-testid="withheld-note">
        <p>
          次の項目は、ご本人が共有に同意していないため表示していません（記録があるかどうかも表示しません）：
          {withheld.map((f) => PERSON_FIELD_LABELS[f]).join('、') || 'なし'}。
        </p>
        <p>ご本人の希望や条件、ほかの紹介先などの支援の記録は、受入先には表示されません。</p>
      </div>
    </section>
  );
}

const dateSchema = z.object({
  visitDate: z.string(),
  trialDate: z.string(),
});
type DateForm = z.infer<typeof dateSchema>;

function DatesSection({ placement }: { placement: HostPlacement }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState('');
  const [top, setTop] = useState<string[]>([]);
  const form = useForm<DateForm>({
    resolver: zodResolver(dateSchema),
    defaultValues: { visitDate: placement.visitDate ?? '', trialDate: placement.trialDate ?? '' },
  });
  const save = useMutation({
    mutationFn: async (v: DateForm) => {
      const body = { ...(v.visitDate ? { visitDate: v.visitDate } : {}), ...(v.trialDate ? { trialDate: v.trialDate } : {}) };
      return (await unwrap(
        api.POST('/api/v1/placements/{id}/dates', { params: { path: { id: placement.id } }, body }),
      )) as unknown as HostPlacement;
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(hostKeys.referral(placement.id), saved);
      void queryClient.invalidateQueries({ queryKey: hostKeys.referrals });
      setDone('日付を保存しました。コーディネーターにも伝わります。');
    },
    onError: (error) => setTop(applyServerErrors(error, form.setError, ['visitDate', 'trialDate'])),
  });
  const closed = placement.state === 'closed';
  return (
    <section aria-labelledby="dates-heading">
      <h2 id="dates-heading">見学・体験の日付</h2>
      <p>
        見学：{placement.visitDate ? formatDateJa(placement.visitDate) : '未定'} ／ 体験：
        {placement.trialDate ? formatDateJa(placement.trialDate) : '未定'}
      </p>
      {!closed && (
        <form
          className="form"
          noValidate
          onSubmit={form.handleSubmit((v) => {
            setDone('');
            setTop([]);
            save.mutate(v);
          })}
        >
          <TextField
            label="見学の日付"
            type="date"
            hint="決まった日、または提案する日"
            error={form.formState.errors.visitDate?.message}
            {...form.register('visitDate')}
          />
          <TextField label="体験の日付" type="date" error={form.formState.errors.trialDate?.message} {...form.register('trialDate')} />
          {top.length > 0 && (
            <p className="field__error" role="alert">
              {top.join(' ')}
            </p>
          )}
          {save.error && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} />}
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            日付を保存する
          </button>
          <p role="status">{done}</p>
        </form>
      )}
    </section>
  );
}

function FollowUpSection({ placement }: { placement: HostPlacement }) {
  const checkpoints = placement.followUp?.checkpoints ?? [];
  return (
    <section aria-labelledby="followup-heading">
      <h2 id="followup-heading">定着フォローの確認日</h2>
      {checkpoints.length === 0 && <p>参加・受入が始まると、確認日がここに表示されます。</p>}
      {checkpoints.length > 0 && (
        <>
          <p>確認日ごとに、受入先から見た様子を記録してください。困ったことがあれば、いつでもコーディネーターに相談できます。</p>
          <ol className="checkpoints">
            {checkpoints.map((c) => (
              <li key={c.id} className="host-card">
                <CheckpointFeedback placementId={placement.id} checkpoint={c} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

const ATTENDANCE = ['毎回来ている', '遅刻・早退があった', '休みがあった（連絡あり）', '休みがあった（連絡なし）', '来ていない'];
const feedbackSchema = z.object({
  attendance: z.string().min(1, '出席の様子を選んでください。'),
  manner: z.string().trim().min(1, '様子を入力してください。').max(900, '様子は 900 文字以内で入力してください。'),
  concerns: z.string().trim().max(900, '気になることは 900 文字以内で入力してください。'),
});
type FeedbackForm = z.infer<typeof feedbackSchema>;

function CheckpointFeedback({ placementId, checkpoint }: { placementId: string; checkpoint: HostCheckpoint }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState('');
  const prefix = `cp-${checkpoint.id.slice(0, 8)}`;
  const form = useForm<FeedbackForm>({
    resolver: zodResolver(feedbackSchema),
    defaultValues: { attendance: '', manner: '', concerns: '' },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: async (v: FeedbackForm) => {
      // One text for the coordinator's check-in, in the three parts hosts are asked about.
      const feedback = `出席：${v.attendance}\n様子：${v.manner}\n気になること：${v.concerns || '特になし'}`;
      return (await unwrap(
        api.POST('/api/v1/placements/{id}/host-feedback', {
          params: { path: { id: placementId } },
          body: { checkpointId: checkpoint.id, feedback },
        }),
      )) as unknown as HostPlacement;
    },
    onSuccess: (placement) => {
      queryClient.setQueryData(hostKeys.referral(placementId), placement);
      setSaved('記録しました。コーディネーターに伝わります。');
    },
  });
  const cancelled = checkpoint.status === 'cancelled';
  // The service takes a checkpoint's view from a few days before its day (opensOn), not weeks ahead.
  const notYet = checkpoint.opensOn > tokyoToday();
  return (
    <>
      <h3>
        {checkpoint.dayOffset} 日目の確認（{formatDateJa(checkpoint.dueOn)}）{checkpoint.isFinal && '・最終'}
      </h3>
      <p>状態：{CHECKPOINT_STATUS_LABELS[checkpoint.status] ?? checkpoint.status}</p>
      {checkpoint.hostFeedback && (
        <div className="notice notice--info">
          <p className="notice__title">記録した内容</p>
          <p className="host-feedback">{checkpoint.hostFeedback}</p>
        </div>
      )}
      {!cancelled && notYet && <p>この確認日の様子は {formatDateJa(checkpoint.opensOn)} から記録できます。</p>}
      {!cancelled && !notYet && (
        <form className="form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
          <SelectField
            idBase={`${prefix}-attendance`}
            label="出席"
            required
            error={errors.attendance?.message}
            {...form.register('attendance')}
          >
            <option value="">選んでください</option>
            {ATTENDANCE.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label="様子"
            required
            hint="作業や人との関わりで気づいたこと"
            error={errors.manner?.message}
            {...form.register('manner')}
            idBase={`${prefix}-manner`}
          />
          <TextAreaField
            label="気になること"
            error={errors.concerns?.message}
            {...form.register('concerns')}
            idBase={`${prefix}-concerns`}
          />
          {save.error && <ApiErrorNotice error={save.error} />}
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {checkpoint.hostFeedback ? '記録を更新する' : 'この確認日の様子を記録する'}
          </button>
          <p role="status">{saved}</p>
        </form>
      )}
    </>
  );
}
