import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import type { components } from '../../api/schema';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { ReasonLists } from '../../components/ReasonLists';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { formatDateTimeJa } from '../../lib/dates';
import { clearDraft, useFormDraft } from '../../lib/drafts';
import { useSession } from '../../session/SessionContext';
import { Empty, FieldGroup, LoadFailure, Loading } from '../participants/fields';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import {
  ACCOMMODATION_CODES,
  ACCOMMODATIONS,
  DEMAND_KIND_LABELS,
  DEMAND_KINDS,
  DEMAND_LEVEL_LABELS,
  READINESS_LABELS,
  RESOURCE_STATUS_LABELS,
  RESOURCE_TYPE_LABELS,
  REWARD_LABELS,
  scheduleText,
  type Accommodation,
} from '../participants/vocabulary';

type Resource = components['schemas']['ResourceView'];
type UpdateBody = components['schemas']['UpdateResourceDto'];

/** /catalogue/resources/:id: one opening, its edit form (coordinators) and the people waiting who fit it. */
export function ResourcePage() {
  const { id } = useParams();
  const queryClient = useQueryClient();
  const resource = useQuery({
    queryKey: ['resource', id],
    queryFn: () => unwrap(api.GET('/api/v1/resources/{id}', { params: { path: { id: id! } } })),
  });
  if (resource.isPending) return <Loading what="資源" />;
  if (resource.isError) return <LoadFailure error={resource.error} what="資源" back={{ to: '/catalogue', label: '資源・受入先の一覧へ戻る' }} />;
  const r = resource.data;
  return (
    <ResourceDetail
      r={r}
      onSaved={(saved) => {
        queryClient.setQueryData(['resource', id], saved);
        void queryClient.invalidateQueries({ queryKey: ['resources'] });
      }}
      onReload={() => void resource.refetch()}
    />
  );
}

function ResourceDetail({ r, onSaved, onReload }: { r: Resource; onSaved: (r: Resource) => void; onReload: () => void }) {
  const { session } = useSession();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const canEdit = session?.user.role === 'admin' || session?.user.role === 'coordinator';
  return (
    <Page title={r.title}>
      <p>
        <Link to="/catalogue">資源・受入先の一覧へ戻る</Link>
      </p>
      {message && (
        <p className="notice notice--info" role="status">
          {message}
        </p>
      )}
      <dl className="facts">
        <dt>受入先</dt>
        <dd>
          <Link to={`/catalogue/organizations/${r.organization.id}`}>{r.organization.name}</Link>
        </dd>
        <dt>種別</dt>
        <dd>{RESOURCE_TYPE_LABELS[r.type]}</dd>
        <dt>受付の状態</dt>
        <dd>{RESOURCE_STATUS_LABELS[r.status]}</dd>
        <dt>説明</dt>
        <dd>{r.description || '未記入'}</dd>
        <dt>作業内容</dt>
        <dd>{r.tasks.length ? r.tasks.join('、') : '未記入'}</dd>
        <dt>地区・場所</dt>
        <dd>
          {r.area}
          {r.address && `／${r.address}`}
        </dd>
        <dt>最寄り駅</dt>
        <dd>{r.nearestStation ? `${r.nearestStation}${r.accessMinutes !== null ? `から ${r.accessMinutes} 分` : ''}` : '未登録'}</dd>
        <dt>日時</dt>
        <dd>
          {scheduleText(r.schedule)}
          {r.frequencyNote && `（${r.frequencyNote}）`}
        </dd>
        <dt>空き・定員</dt>
        <dd>
          空き {r.vacancies} 人／定員 {r.capacity} 人
        </dd>
        <dt>負担の程度</dt>
        <dd>{DEMAND_KINDS.map((k) => `${DEMAND_KIND_LABELS[k]}：${DEMAND_LEVEL_LABELS[r.demands[k]]}`).join('、')}</dd>
        <dt>配慮・受入れ条件</dt>
        <dd>{r.accommodations.map((a) => ACCOMMODATIONS[a as Accommodation] ?? a).join('・') || 'なし'}</dd>
        <dt>謝礼・報酬</dt>
        <dd>{REWARD_LABELS[r.reward]}</dd>
        <dt>対象外の受入れ</dt>
        <dd>{r.acceptsOutsideEligibility ? '相談できる' : '対象の人のみ'}</dd>
        <dt>検索への反映</dt>
        <dd>{r.embedding.status === 'ready' ? '検索できます' : r.embedding.status === 'failed' ? '反映に失敗しました（管理者に連絡してください）' : '反映待ち'}</dd>
        <dt>最終更新</dt>
        <dd>{formatDateTimeJa(r.updatedAt)}</dd>
      </dl>
      {canEdit && !editing && (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            資源の情報を編集する
          </button>
        </div>
      )}
      {canEdit && editing && (
        <ResourceEditForm
          r={r}
          onReload={onReload}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            onSaved(saved);
            setEditing(false);
            setMessage('保存しました。');
          }}
        />
      )}
      {canEdit && <Candidates resourceId={r.id} />}
    </Page>
  );
}

const schema = z.object({
  title: z.string().trim().min(1, 'タイトルを入力してください。').max(200, 'タイトルは 200 文字以内で入力してください。'),
  description: z.string().max(5000, '説明は 5000 文字以内で入力してください。'),
  area: z.string().trim().min(1, '地区を入力してください。').max(100, '地区は 100 文字以内で入力してください。'),
  nearestStation: z.string().max(100, '最寄り駅は 100 文字以内で入力してください。'),
  accessMinutes: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 600), '駅からの所要時間は 0〜600 の整数（分）で入力してください。'),
  frequencyNote: z.string().max(200, '頻度は 200 文字以内で入力してください。'),
  status: z.enum(['open', 'paused', 'closed']),
  accommodations: z.array(z.string()),
});
type Values = z.infer<typeof schema>;
const FIELDS: readonly Path<Values>[] = ['title', 'description', 'area', 'nearestStation', 'accessMinutes', 'frequencyNote', 'status', 'accommodations'];

function ResourceEditForm({
  r,
  onSaved,
  onCancel,
  onReload,
}: {
  r: Resource;
  onSaved: (r: Resource) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const draftKey = `resource-edit:${r.id}`;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      title: r.title,
      description: r.description,
      area: r.area,
      nearestStation: r.nearestStation ?? '',
      accessMinutes: r.accessMinutes === null ? '' : String(r.accessMinutes),
      frequencyNote: r.frequencyNote ?? '',
      status: r.status as Values['status'],
      accommodations: r.accommodations,
    },
  });
  useFormDraft(draftKey, form);
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: UpdateBody = {
        title: v.title.trim(),
        description: v.description,
        area: v.area.trim(),
        nearestStation: (v.nearestStation.trim() || null) as string | undefined,
        accessMinutes: (v.accessMinutes ? Number(v.accessMinutes) : null) as number | undefined,
        frequencyNote: (v.frequencyNote.trim() || null) as string | undefined,
        status: v.status,
        accommodations: v.accommodations as UpdateBody['accommodations'],
      };
      return unwrap(api.PATCH('/api/v1/resources/{id}', { params: { path: { id: r.id } }, body }));
    },
    onSuccess: (saved) => {
      clearDraft(draftKey);
      onSaved(saved);
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, FIELDS)),
  });
  return (
    <form className="form section" noValidate aria-labelledby="edit-title" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <h2 id="edit-title">資源の情報を編集する</h2>
      {save.isError && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} onReload={onReload} />}
      {topErrors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {topErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <TextField label="タイトル" required error={errors.title?.message} {...form.register('title')} />
      <TextAreaField label="活動の説明" hint="この文章がマッチング検索に使われます。" error={errors.description?.message} {...form.register('description')} />
      <TextField label="地区" required error={errors.area?.message} {...form.register('area')} />
      <TextField label="最寄り駅・バス停" error={errors.nearestStation?.message} {...form.register('nearestStation')} />
      <TextField label="駅からの所要時間（分）" inputMode="numeric" error={errors.accessMinutes?.message} {...form.register('accessMinutes')} />
      <TextField label="頻度" hint="例：月2回" error={errors.frequencyNote?.message} {...form.register('frequencyNote')} />
      <SelectField
        label="受付の状態"
        options={Object.entries(RESOURCE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        error={errors.status?.message}
        {...form.register('status')}
      />
      <FieldGroup name="accommodations" legend="配慮・受入れ条件" error={errors.accommodations?.message}>
        <ul className="checks">
          {ACCOMMODATION_CODES.map((a) => (
            <li key={a}>
              <label>
                <input type="checkbox" value={a} {...form.register('accommodations')} />
                {ACCOMMODATIONS[a]}
              </label>
            </li>
          ))}
        </ul>
      </FieldGroup>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          保存する
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
    </form>
  );
}

function Candidates({ resourceId }: { resourceId: string }) {
  const candidates = useQuery({
    queryKey: ['candidates', resourceId],
    queryFn: () => unwrap(api.GET('/api/v1/resources/{id}/candidates', { params: { path: { id: resourceId }, query: { limit: 10 } } })),
  });
  return (
    <section className="section" aria-labelledby="candidates-title">
      <h2 id="candidates-title">この資源に合いそうな、紹介を待っている本人</h2>
      <p className="field__hint">同意があり、進行中の紹介がない本人のうち、希望が近い順です（担当地区の本人だけ）。</p>
      {candidates.isPending && <Loading what="紹介を待っている本人" />}
      {candidates.isError && <ApiErrorNotice error={candidates.error} />}
      {candidates.data && candidates.data.candidates.length === 0 && <Empty>いま紹介を待っている本人で、合いそうな人はいません。</Empty>}
      {candidates.data && candidates.data.candidates.length > 0 && (
        <ul className="cards">
          {candidates.data.candidates.map((c) => (
            <li key={c.participant.id} className="card">
              <p>
                <Link to={`/participants/${c.participant.id}`}>{c.participant.displayName}</Link>
              </p>
              <p>
                {c.participant.area}
                {c.participant.ageBand && `・${c.participant.ageBand}`}
                {c.participant.readinessStage && `・${READINESS_LABELS[c.participant.readinessStage]}`}
              </p>
              <ReasonLists reasons={c.reasons} cautions={c.cautions} idPrefix={`candidate-${c.participant.id}`} />
              <p>
                <Link to={`/search?participantId=${c.participant.id}`}>この本人でマッチング検索</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
