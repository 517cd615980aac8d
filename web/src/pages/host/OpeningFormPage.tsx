import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm, type Path } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { formatDateTimeJa } from '../../lib/dates';
import { NotFoundPage } from '../NotFoundPage';
import { ForbiddenError, NotFoundError, ValidationError } from '../../api/errors';
import { useSession } from '../../session/SessionContext';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { createOpening, getOpening, hostKeys, updateOpening, type Opening, type ResourceCreate } from './host-api';
import { ACCOMMODATION_LABELS, DAYS, DAY_LABELS, DEMAND_FIELDS, DEMAND_LEVEL_LABELS, RESOURCE_TYPE_LABELS, REWARD_LABELS } from './labels';
import './host.css';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const schema = z
  .object({
    type: z.string().min(1, '種類を選んでください。'),
    title: z.string().trim().min(1, '名前を入力してください。').max(200, '名前は 200 文字以内で入力してください。'),
    description: z.string().trim().min(1, '活動の説明を入力してください。').max(5000, '説明は 5000 文字以内で入力してください。'),
    tasks: z.string().max(3000, '作業内容が長すぎます。'),
    area: z.string().trim().min(1, '地区を入力してください。').max(100, '地区は 100 文字以内で入力してください。'),
    schedule: z.array(
      z.object({
        day: z.string().min(1, '曜日を選んでください。'),
        start: z.string().regex(TIME, '開始時刻を 10:00 のように入力してください。'),
        end: z.string().regex(TIME, '終了時刻を 12:00 のように入力してください。'),
      }),
    ),
    frequencyNote: z.string().max(200, '頻度は 200 文字以内で入力してください。'),
    capacity: z.number({ error: '定員を数字で入力してください。' }).int('定員は整数で入力してください。').min(0, '定員は 0 以上です。'),
    vacancies: z.number({ error: '空きを数字で入力してください。' }).int('空きは整数で入力してください。').min(0, '空きは 0 以上です。'),
    accommodations: z.array(z.string()),
    talking: z.string(),
    physical: z.string(),
    literacy: z.string(),
    reward: z.string(),
  })
  .refine((v) => v.vacancies <= v.capacity, { path: ['vacancies'], message: '空きは定員以下にしてください。' });
type FormValues = z.infer<typeof schema>;
const FIELDS: Path<FormValues>[] = [
  'type',
  'title',
  'description',
  'tasks',
  'area',
  'frequencyNote',
  'capacity',
  'vacancies',
  'accommodations',
  'reward',
];

function toForm(o?: Opening): FormValues {
  return {
    type: o?.type ?? '',
    title: o?.title ?? '',
    description: o?.description ?? '',
    tasks: o?.tasks.join('\n') ?? '',
    area: o?.area ?? '',
    schedule: o?.schedule ?? [],
    frequencyNote: o?.frequencyNote ?? '',
    capacity: o?.capacity ?? 1,
    vacancies: o?.vacancies ?? 1,
    accommodations: o?.accommodations ?? [],
    talking: o?.demands.talking ?? '',
    physical: o?.demands.physical ?? '',
    literacy: o?.demands.literacy ?? '',
    reward: o?.reward ?? '',
  };
}

function toBody(v: FormValues) {
  const demands = Object.fromEntries(DEMAND_FIELDS.filter((f) => v[f.key]).map((f) => [f.key, v[f.key]]));
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    tasks: v.tasks
      .split(/\n|、|,/)
      .map((t) => t.trim())
      .filter(Boolean),
    area: v.area.trim(),
    schedule: v.schedule,
    frequencyNote: v.frequencyNote.trim() || undefined,
    capacity: v.capacity,
    vacancies: v.vacancies,
    accommodations: v.accommodations,
    demands,
    reward: v.reward || undefined,
  } as Omit<ResourceCreate, 'organizationId' | 'type'>;
}

/** /host/openings/new and /host/openings/:id: one form, in short steps (what, when, who fits). */
export function OpeningFormPage() {
  const { id } = useParams();
  const opening = useQuery({ queryKey: hostKeys.opening(id ?? 'new'), queryFn: () => getOpening(id!), enabled: Boolean(id) });
  if (!id) return <OpeningForm />;
  if (opening.error instanceof NotFoundError || opening.error instanceof ForbiddenError) return <NotFoundPage />;
  if (opening.isPending) {
    return (
      <p className="loading" role="status">
        読み込んでいます…
      </p>
    );
  }
  if (opening.error) return <ApiErrorNotice error={opening.error} onReload={() => void opening.refetch()} />;
  return <OpeningForm opening={opening.data} key={opening.data.updatedAt} />;
}

function OpeningForm({ opening }: { opening?: Opening }) {
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const form = useForm<FormValues>({ resolver: zodResolver(schema), defaultValues: toForm(opening) });
  const schedule = useFieldArray({ control: form.control, name: 'schedule' });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: FormValues) =>
      opening
        ? updateOpening(opening.id, toBody(values))
        : createOpening({
            ...toBody(values),
            organizationId: session!.user.organizationId!,
            type: values.type as ResourceCreate['type'],
          }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(hostKeys.opening(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: hostKeys.openings });
      navigate('/host', { replace: true });
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, FIELDS)),
  });
  const title = opening ? `受入枠の編集：${opening.title}` : '受入枠の新規登録';
  return (
    <Page title={title}>
      <p>
        <Link to="/host">自団体の受入枠へ戻る</Link>
      </p>
      {opening && <p>最終更新：{formatDateTimeJa(opening.updatedAt)}</p>}
      {topErrors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {topErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {save.error && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} />}
      <form
        className="form"
        noValidate
        onSubmit={form.handleSubmit((values) => {
          setTopErrors([]);
          save.mutate(values);
        })}
      >
        <fieldset className="fieldset">
          <legend>1. どんな活動ですか</legend>
          {!opening && (
            <SelectField label="種類" required error={errors.type?.message} {...form.register('type')}>
              <option value="">選んでください</option>
              {Object.entries(RESOURCE_TYPE_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </SelectField>
          )}
          <TextField label="名前" required hint="例：畑の草取り・野菜の収穫" error={errors.title?.message} {...form.register('title')} />
          <TextAreaField
            label="活動の説明"
            required
            hint="どんな場所で、何をするか。初めての人が知りたいことを書いてください。"
            error={errors.description?.message}
            {...form.register('description')}
          />
          <TextAreaField
            label="作業内容"
            hint="1 行に 1 つ。例：草取り"
            rows={3}
            error={errors.tasks?.message}
            {...form.register('tasks')}
          />
          <TextField label="地区" required hint="例：中央" error={errors.area?.message} {...form.register('area')} />
        </fieldset>
        <fieldset className="fieldset">
          <legend>2. いつ・何人ですか</legend>
          {schedule.fields.map((field, index) => (
            <div className="schedule-row" key={field.id} role="group" aria-label={`活動日 ${index + 1}`}>
              <SelectField
                label={`曜日（${index + 1}）`}
                error={errors.schedule?.[index]?.day?.message}
                {...form.register(`schedule.${index}.day`)}
              >
                <option value="">選んでください</option>
                {DAYS.map((d) => (
                  <option key={d} value={d}>
                    {DAY_LABELS[d]}曜日
                  </option>
                ))}
              </SelectField>
              <TextField
                label={`開始（${index + 1}）`}
                type="time"
                error={errors.schedule?.[index]?.start?.message}
                {...form.register(`schedule.${index}.start`)}
              />
              <TextField
                label={`終了（${index + 1}）`}
                type="time"
                error={errors.schedule?.[index]?.end?.message}
                {...form.register(`schedule.${index}.end`)}
              />
              <button type="button" className="button button--secondary" onClick={() => schedule.remove(index)}>
                この活動日を削除<span className="visually-hidden">（{index + 1}）</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => schedule.append({ day: '', start: '10:00', end: '12:00' })}
          >
            活動日を追加する
          </button>
          <TextField
            label="頻度"
            hint="例：月2回（第1・第3水曜）"
            error={errors.frequencyNote?.message}
            {...form.register('frequencyNote')}
          />
          <TextField
            label="定員（名）"
            type="number"
            inputMode="numeric"
            min={0}
            required
            error={errors.capacity?.message}
            {...form.register('capacity', { valueAsNumber: true })}
          />
          <TextField
            label="いまの空き（名）"
            type="number"
            inputMode="numeric"
            min={0}
            required
            error={errors.vacancies?.message}
            {...form.register('vacancies', { valueAsNumber: true })}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>3. どんな人に合いますか</legend>
          <fieldset className="fieldset">
            <legend>受入れの配慮（あてはまるものすべて）</legend>
            <ul className="checks">
              {Object.entries(ACCOMMODATION_LABELS).map(([code, label]) => (
                <li key={code}>
                  <label className="check">
                    <input type="checkbox" value={code} {...form.register('accommodations')} />
                    {label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {DEMAND_FIELDS.map((f) => (
            <SelectField key={f.key} label={f.label} {...form.register(f.key)}>
              <option value="">わからない・決めていない</option>
              {Object.entries(DEMAND_LEVEL_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </SelectField>
          ))}
          <SelectField label="謝礼・報酬" error={errors.reward?.message} {...form.register('reward')}>
            <option value="">決めていない</option>
            {Object.entries(REWARD_LABELS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {opening ? '変更を保存する' : '登録する'}
        </button>
      </form>
    </Page>
  );
}
