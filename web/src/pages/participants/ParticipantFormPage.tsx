import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import type { components } from '../../api/schema';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { clearDraft, useFormDraft } from '../../lib/drafts';
import { useSession } from '../../session/SessionContext';
import { FieldGroup, LoadFailure, Loading } from './fields';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import {
  ACCOMMODATION_CODES,
  ACCOMMODATIONS,
  AVOID_LABELS,
  DAY_LABELS,
  DAYS,
  DEMAND_KINDS,
  READINESS_LABELS,
  READINESS_STAGES,
  REFERRAL_LABELS,
  REFERRAL_ROUTES,
} from './vocabulary';

type Participant = components['schemas']['ParticipantView'];
type CreateBody = components['schemas']['CreateParticipantDto'];

const MAX_NEEDS = 2000;
const optionalText = (label: string, max: number) => z.string().max(max, `${label}は ${max} 文字以内で入力してください。`);
const minutes = (label: string, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) <= max), `${label}は 0〜${max} の整数で入力してください。`);

const schema = z.object({
  displayName: z.string().trim().min(1, '表示名（仮名・コード）を入力してください。').max(100, '表示名は 100 文字以内で入力してください。'),
  realName: optionalText('実名', 100),
  ageBand: optionalText('年代', 20),
  area: z.string().trim().min(1, '地区を入力してください。').max(100, '地区は 100 文字以内で入力してください。'),
  needs: z.string().trim().min(1, '本人の希望・ニーズを入力してください。').max(MAX_NEEDS, `本人の希望は ${MAX_NEEDS} 文字以内で入力してください。`),
  strengths: optionalText('得意なこと・興味', 1000),
  considerationsForHost: optionalText('受入先に伝えたい配慮', 1000),
  householdNote: optionalText('世帯の状況', 1000),
  healthNote: optionalText('健康状態', 1000),
  disabilityNote: optionalText('障害', 1000),
  criminalRecordNote: optionalText('犯罪歴等', 1000),
  referralRoute: z.string(),
  readinessStage: z.string(),
  constraints: z.object({
    availableDays: z.array(z.string()),
    maxTravelMinutes: minutes('移動時間の上限', 600),
    hoursPerWeek: minutes('週あたりの活動時間', 80),
    avoid: z.array(z.string()),
    avoidNote: optionalText('避けたいこと', 500),
    preferredAccommodations: z.array(z.string()),
  }),
});
type FormValues = z.infer<typeof schema>;

const EMPTY: FormValues = {
  displayName: '',
  realName: '',
  ageBand: '',
  area: '',
  needs: '',
  strengths: '',
  considerationsForHost: '',
  householdNote: '',
  healthNote: '',
  disabilityNote: '',
  criminalRecordNote: '',
  referralRoute: '',
  readinessStage: '',
  constraints: { availableDays: [], maxTravelMinutes: '', hoursPerWeek: '', avoid: [], avoidNote: '', preferredAccommodations: [] },
};

/** Every field the service may name in errors[] (its JSON path), so that its messages land beside them. */
const FIELDS = [
  ...(Object.keys(EMPTY).filter((k) => k !== 'constraints') as Path<FormValues>[]),
  'constraints.availableDays',
  'constraints.maxTravelMinutes',
  'constraints.hoursPerWeek',
  'constraints.avoid',
  'constraints.avoidNote',
  'constraints.preferredAccommodations',
] as const satisfies readonly Path<FormValues>[];

function toValues(p: Participant): FormValues {
  const c = p.constraints ?? {};
  return {
    displayName: p.displayName,
    realName: p.realName ?? '',
    ageBand: p.ageBand ?? '',
    area: p.area,
    needs: p.needs,
    strengths: p.strengths ?? '',
    considerationsForHost: p.considerationsForHost ?? '',
    householdNote: p.householdNote ?? '',
    healthNote: p.healthNote ?? '',
    disabilityNote: p.disabilityNote ?? '',
    criminalRecordNote: p.criminalRecordNote ?? '',
    referralRoute: p.referralRoute ?? '',
    readinessStage: p.readinessStage ?? '',
    constraints: {
      availableDays: c.availableDays ?? [],
      maxTravelMinutes: c.maxTravelMinutes === undefined ? '' : String(c.maxTravelMinutes),
      hoursPerWeek: c.hoursPerWeek === undefined ? '' : String(c.hoursPerWeek),
      avoid: c.avoid ?? [],
      avoidNote: c.avoidNote ?? '',
      preferredAccommodations: c.preferredAccommodations ?? [],
    },
  };
}

function toBody(v: FormValues, editing: boolean): CreateBody {
  // Empty optional text is "not recorded": null when editing (clears it), left out when registering.
  const text = (value: string) => (value.trim() ? value.trim() : editing ? null : undefined) as string | undefined;
  const c = v.constraints;
  return {
    displayName: v.displayName.trim(),
    realName: text(v.realName),
    ageBand: text(v.ageBand),
    area: v.area.trim(),
    needs: v.needs.trim(),
    strengths: text(v.strengths),
    considerationsForHost: text(v.considerationsForHost),
    householdNote: text(v.householdNote),
    healthNote: text(v.healthNote),
    disabilityNote: text(v.disabilityNote),
    criminalRecordNote: text(v.criminalRecordNote),
    referralRoute: (v.referralRoute || undefined) as CreateBody['referralRoute'],
    readinessStage: (v.readinessStage || (editing ? null : undefined)) as CreateBody['readinessStage'],
    constraints: {
      availableDays: c.availableDays as NonNullable<CreateBody['constraints']>['availableDays'],
      maxTravelMinutes: c.maxTravelMinutes ? Number(c.maxTravelMinutes) : undefined,
      hoursPerWeek: c.hoursPerWeek ? Number(c.hoursPerWeek) : undefined,
      avoid: c.avoid as NonNullable<CreateBody['constraints']>['avoid'],
      avoidNote: c.avoidNote.trim() || undefined,
      preferredAccommodations: c.preferredAccommodations as NonNullable<CreateBody['constraints']>['preferredAccommodations'],
    },
  };
}

/** /participants/new and /participants/:id/edit. */
export function ParticipantFormPage() {
  const { id } = useParams();
  const existing = useQuery({
    queryKey: ['participant', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/participants/{id}', { params: { path: { id: id! } } })),
  });
  if (!id) return <ParticipantForm />;
  if (existing.isPending) return <Loading what="本人の記録" />;
  if (existing.isError) return <LoadFailure error={existing.error} what="本人" back={{ to: '/participants', label: '本人の一覧へ戻る' }} />;
  return <ParticipantForm participant={existing.data} onReload={() => void existing.refetch()} />;
}

function ParticipantForm({ participant, onReload }: { participant?: Participant; onReload?: () => void }) {
  const editing = !!participant;
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const draftKey = editing ? `participant-edit:${participant.id}` : 'participant-new';
  const defaults = participant ? toValues(participant) : { ...EMPTY, area: session?.user.areas?.[0] ?? '' };
  const form = useForm<FormValues>({ resolver: zodResolver(schema), defaultValues: defaults });
  useFormDraft(draftKey, form);
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const { errors } = form.formState;

  const save = useMutation({
    mutationFn: (values: FormValues) =>
      editing
        ? unwrap(api.PATCH('/api/v1/participants/{id}', { params: { path: { id: participant.id } }, body: toBody(values, true) }))
        : unwrap(api.POST('/api/v1/participants', { body: toBody(values, false) })),
    onSuccess: (saved) => {
      clearDraft(draftKey);
      queryClient.setQueryData(['participant', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['participants'] });
      navigate(`/participants/${saved.id}`, { state: { saved: editing ? '保存しました。' : '登録しました。' } });
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, FIELDS)),
  });

  useEffect(() => {
    if (save.isError && !(save.error instanceof ValidationError)) window.scrollTo({ top: 0 });
  }, [save.isError, save.error]);

  const title = editing ? `${participant.displayName}の記録を編集` : '本人を登録する';
  return (
    <Page title={title}>
      <p>
        <Link to={editing ? `/participants/${participant.id}` : '/participants'}>{editing ? '本人の記録へ戻る' : '本人の一覧へ戻る'}</Link>
      </p>
      <p className="field__hint">入力中の内容は、このタブに自動で保存されます（ログアウトすると消えます）。</p>
      {save.isError && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} onReload={onReload} />}
      {topErrors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {topErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <form className="form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <h2>基本情報</h2>
        <TextField
          label="表示名（仮名・コード）"
          hint="実名でなくてかまいません（例：Aさん、C-012）。"
          required
          error={errors.displayName?.message}
          {...form.register('displayName')}
        />
        <TextField label="実名（任意）" error={errors.realName?.message} {...form.register('realName')} />
        <TextField label="年代" hint="例：30代" error={errors.ageBand?.message} {...form.register('ageBand')} />
        <TextField label="地区" required error={errors.area?.message} {...form.register('area')} />
        <SelectField
          label="つながった経路"
          empty="選んでください"
          options={REFERRAL_ROUTES.map((r) => ({ value: r, label: REFERRAL_LABELS[r] }))}
          error={errors.referralRoute?.message}
          {...form.register('referralRoute')}
        />
        <SelectField
          label="自立の段階"
          empty="未設定"
          hint="日常生活自立 → 社会生活自立 → 就労自立"
          options={READINESS_STAGES.map((r) => ({ value: r, label: READINESS_LABELS[r] }))}
          error={errors.readinessStage?.message}
          {...form.register('readinessStage')}
        />

        <h2>希望と得意なこと</h2>
        <TextAreaField
          label="本人の希望・ニーズ"
          hint="本人の言葉で、やりたいこと・苦手なことを書きます。マッチング検索に使います。受入先には見せません。"
          required
          rows={5}
          error={errors.needs?.message}
          {...form.register('needs')}
        />
        <TextAreaField label="得意なこと・興味" error={errors.strengths?.message} {...form.register('strengths')} />
        <TextAreaField
          label="受入先に伝えたい配慮"
          hint="本人が同意した場合だけ受入先に見せます。"
          error={errors.considerationsForHost?.message}
          {...form.register('considerationsForHost')}
        />

        <h2>条件</h2>
        <FieldGroup name="constraints.availableDays" legend="活動できる曜日" error={errors.constraints?.availableDays?.message}>
          <table className="week">
            <caption className="visually-hidden">活動できる曜日（週）</caption>
            <thead>
              <tr>
                {DAYS.map((d) => (
                  <th key={d} scope="col" id={`day-${d}`}>
                    {DAY_LABELS[d]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {DAYS.map((d) => (
                  <td key={d}>
                    <input
                      type="checkbox"
                      value={d}
                      aria-label={`${DAY_LABELS[d]}曜日`}
                      {...form.register('constraints.availableDays')}
                    />
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </FieldGroup>
        <TextField
          label="移動時間の上限（分）"
          inputMode="numeric"
          hint="最寄り駅・バス停から活動場所までの時間"
          error={errors.constraints?.maxTravelMinutes?.message}
          {...form.register('constraints.maxTravelMinutes')}
        />
        <TextField
          label="週あたりの活動時間の目安（時間）"
          inputMode="numeric"
          error={errors.constraints?.hoursPerWeek?.message}
          {...form.register('constraints.hoursPerWeek')}
        />
        <FieldGroup name="constraints.avoid" legend="避けたいこと" error={errors.constraints?.avoid?.message}>
          <ul className="checks">
            {DEMAND_KINDS.map((k) => (
              <li key={k}>
                <label>
                  <input type="checkbox" value={k} {...form.register('constraints.avoid')} />
                  {AVOID_LABELS[k]}
                </label>
              </li>
            ))}
          </ul>
        </FieldGroup>
        <TextAreaField
          label="避けたいこと（自由記述）"
          rows={2}
          error={errors.constraints?.avoidNote?.message}
          {...form.register('constraints.avoidNote')}
        />
        <FieldGroup name="constraints.preferredAccommodations" legend="希望する配慮" error={errors.constraints?.preferredAccommodations?.message}>
          <ul className="checks">
            {ACCOMMODATION_CODES.map((code) => (
              <li key={code}>
                <label>
                  <input type="checkbox" value={code} {...form.register('constraints.preferredAccommodations')} />
                  {ACCOMMODATIONS[code]}
                </label>
              </li>
            ))}
          </ul>
        </FieldGroup>

        <h2>
          要配慮個人情報など<span className="badge badge--sensitive">要配慮</span>
        </h2>
        <p className="notice notice--warning">
          健康状態・障害・犯罪歴等は要配慮個人情報です。世帯の状況も含め、受入先には見せません。本人が項目ごとにはっきり同意した場合だけ、その項目を受入先に見せます（本人同意の画面で選びます）。
        </p>
        <TextAreaField label="世帯の状況" error={errors.householdNote?.message} {...form.register('householdNote')} />
        <TextAreaField label="健康状態（要配慮個人情報）" error={errors.healthNote?.message} {...form.register('healthNote')} />
        <TextAreaField label="障害（要配慮個人情報）" error={errors.disabilityNote?.message} {...form.register('disabilityNote')} />
        <TextAreaField label="犯罪歴等（要配慮個人情報）" error={errors.criminalRecordNote?.message} {...form.register('criminalRecordNote')} />

        <div className="actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? '保存しています…' : editing ? '保存する' : '登録する'}
          </button>
        </div>
      </form>
    </Page>
  );
}
