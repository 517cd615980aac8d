import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import type { components } from '../../api/schema';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { loadDraft, useFormDraft } from '../../lib/drafts';
import { Empty, FieldGroup, Loading } from '../participants/fields';
import { TextAreaField } from '../../components/TextAreaField';
import {
  ACCOMMODATION_CODES,
  ACCOMMODATIONS,
  AVOID_LABELS,
  DAY_LABELS,
  DAYS,
  DEMAND_KINDS,
  DEMAND_KIND_LABELS,
  DEMAND_LEVEL_LABELS,
  RESOURCE_TYPE_LABELS,
  RESOURCE_TYPES,
  REWARD_LABELS,
  scheduleText,
  type Accommodation,
} from '../participants/vocabulary';
import { ResultCard } from './ResultCard';
import { UnderstoodChips, type Ignore } from './UnderstoodChips';
import { UnmetNeedForm } from './UnmetNeedForm';

type SearchBody = components['schemas']['SearchMatchesDto'];
type SearchResponse = components['schemas']['SearchResponse'];
type Result = components['schemas']['SearchResultView'];
type Participant = components['schemas']['ParticipantView'];

const minutes = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 600), '0〜600 の整数（分）で入力してください。');
const schema = z.object({
  needs: z.string().trim().min(1, '希望・ニーズを入力してください。').max(2000, '希望・ニーズは 2000 文字以内で入力してください。'),
  filters: z.object({
    types: z.array(z.string()),
    area: z.string().max(100, '地区は 100 文字以内で入力してください。'),
    days: z.array(z.string()),
    maxTravelMinutes: minutes,
    accommodations: z.array(z.string()),
  }),
  constraints: z.object({ availableDays: z.array(z.string()), maxTravelMinutes: minutes, avoid: z.array(z.string()) }),
  includeFull: z.boolean(),
});
type Values = z.infer<typeof schema>;

const EMPTY: Values = {
  needs: '',
  filters: { types: [], area: '', days: [], maxTravelMinutes: '', accommodations: [] },
  constraints: { availableDays: [], maxTravelMinutes: '', avoid: [] },
  includeFull: false,
};
const FIELDS: readonly Path<Values>[] = [
  'needs',
  'filters.types',
  'filters.days',
  'filters.maxTravelMinutes',
  'filters.accommodations',
  'constraints.availableDays',
  'constraints.maxTravelMinutes',
  'constraints.avoid',
];

function fromPerson(p: Participant): Values {
  const c = p.constraints ?? {};
  return {
    ...EMPTY,
    needs: p.needs,
    constraints: {
      availableDays: c.availableDays ?? [],
      maxTravelMinutes: c.maxTravelMinutes === undefined ? '' : String(c.maxTravelMinutes),
      avoid: c.avoid ?? [],
    },
  };
}

function toBody(v: Values, participantId: string | null): SearchBody {
  const f = v.filters;
  const c = v.constraints;
  type Filters = NonNullable<SearchBody['filters']>;
  type Constraints = NonNullable<SearchBody['constraints']>;
  return {
    needs: v.needs.trim(),
    participantId: participantId ?? undefined,
    filters: {
      types: f.types.length ? (f.types as Filters['types']) : undefined,
      areas: f.area.trim() ? [f.area.trim()] : undefined,
      days: f.days.length ? (f.days as Filters['days']) : undefined,
      maxTravelMinutes: f.maxTravelMinutes ? Number(f.maxTravelMinutes) : undefined,
      accommodations: f.accommodations.length ? (f.accommodations as Filters['accommodations']) : undefined,
    },
    constraints: {
      availableDays: c.availableDays as Constraints['availableDays'],
      maxTravelMinutes: c.maxTravelMinutes ? Number(c.maxTravelMinutes) : undefined,
      avoid: c.avoid as Constraints['avoid'],
    },
    includeFull: v.includeFull,
    limit: 10,
  };
}

/** /search (and /matching): ranked resources for a person's needs, with reasons; compare, propose, or record an unmet need. */
export function SearchPage() {
  const [params] = useSearchParams();
  const participantId = params.get('participantId');
  const person = useQuery({
    queryKey: ['participant', participantId],
    enabled: !!participantId,
    queryFn: () => unwrap(api.GET('/api/v1/participants/{id}', { params: { path: { id: participantId! } } })),
  });
  const draftKey = `search:${participantId ?? 'free'}`;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  useFormDraft(draftKey, form);
  const filled = useRef(false);
  useEffect(() => {
    // The person's needs and constraints fill the form once, unless a draft of this search was kept.
    if (person.data && !filled.current) {
      filled.current = true;
      if (!loadDraft<Values>(draftKey)?.needs) form.reset(fromPerson(person.data));
    }
  }, [person.data, draftKey, form]);

  const [topErrors, setTopErrors] = useState<string[]>([]);
  const [compared, setCompared] = useState<string[]>([]);
  // 読み取った条件 the coordinator removed, one list per chip; a new search from the form starts again with none.
  const [ignored, setIgnored] = useState<Ignore[][]>([]);
  const searched = useRef<Values | null>(null);
  const search = useMutation({
    mutationFn: ({ v, ignore }: { v: Values; ignore: Ignore[] }) =>
      unwrap(api.POST('/api/v1/matches/search', { body: { ...toBody(v, participantId), ignore: ignore.length ? ignore : undefined } })),
    onMutate: () => {
      setTopErrors([]);
      setCompared([]);
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, FIELDS)),
  });
  const { errors } = form.formState;
  const run = (v: Values, ignore: Ignore[][]) => {
    searched.current = v;
    setIgnored(ignore);
    search.mutate({ v, ignore: ignore.flat() });
  };

  return (
    <Page title="マッチング検索">
      {participantId && person.isPending && <Loading what="本人の記録" />}
      {participantId && person.isError && <ApiErrorNotice error={person.error} />}
      {person.data && (
        <p className="notice notice--info">
          <Link to={`/participants/${person.data.id}`}>{person.data.displayName}</Link>
          の希望と条件で検索します（{person.data.area}）。
          {person.data.consent.status !== 'obtained' && ' 同意がないため、まだ提案はできません。'}
        </p>
      )}
      <form className="form" noValidate role="search" aria-label="マッチング検索" onSubmit={form.handleSubmit((v) => run(v, []))}>
        <TextAreaField
          label="希望・ニーズ"
          hint="本人の言葉で、やりたいこと・苦手なことを書きます（2000 文字まで）。"
          required
          rows={4}
          error={errors.needs?.message}
          {...form.register('needs')}
        />
        <details className="fieldset" open={!!participantId || undefined}>
          <summary className="field__label">本人の条件（順位に反映されます。合わない資源も除外はしません）</summary>
          <FieldGroup name="constraints.availableDays" legend="活動できる曜日" error={errors.constraints?.availableDays?.message}>
            <ul className="checks">
              {DAYS.map((d) => (
                <li key={d}>
                  <label>
                    <input type="checkbox" value={d} {...form.register('constraints.availableDays')} />
                    {DAY_LABELS[d]}
                  </label>
                </li>
              ))}
            </ul>
          </FieldGroup>
          <TextField
            label="本人の移動時間の上限（分）"
            inputMode="numeric"
            error={errors.constraints?.maxTravelMinutes?.message}
            {...form.register('constraints.maxTravelMinutes')}
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
        </details>
        <details className="fieldset">
          <summary className="field__label">絞り込み（必ず満たす条件）</summary>
          <FieldGroup name="filters.types" legend="種別" error={errors.filters?.types?.message}>
            <ul className="checks">
              {RESOURCE_TYPES.map((t) => (
                <li key={t}>
                  <label>
                    <input type="checkbox" value={t} {...form.register('filters.types')} />
                    {RESOURCE_TYPE_LABELS[t]}
                  </label>
                </li>
              ))}
            </ul>
          </FieldGroup>
          <TextField label="地区" error={errors.filters?.area?.message} {...form.register('filters.area')} />
          <FieldGroup name="filters.days" legend="活動がある曜日（いずれか）" error={errors.filters?.days?.message}>
            <ul className="checks">
              {DAYS.map((d) => (
                <li key={d}>
                  <label>
                    <input type="checkbox" value={d} {...form.register('filters.days')} />
                    {DAY_LABELS[d]}
                  </label>
                </li>
              ))}
            </ul>
          </FieldGroup>
          <TextField
            label="駅からの所要時間の上限（分）"
            inputMode="numeric"
            error={errors.filters?.maxTravelMinutes?.message}
            {...form.register('filters.maxTravelMinutes')}
          />
          <FieldGroup name="filters.accommodations" legend="必要な配慮（すべて満たす）" error={errors.filters?.accommodations?.message}>
            <ul className="checks">
              {ACCOMMODATION_CODES.map((a) => (
                <li key={a}>
                  <label>
                    <input type="checkbox" value={a} {...form.register('filters.accommodations')} />
                    {ACCOMMODATIONS[a]}
                  </label>
                </li>
              ))}
            </ul>
          </FieldGroup>
          <label className="check">
            <input type="checkbox" {...form.register('includeFull')} />
            満員（空き 0）の資源も表示する
          </label>
        </details>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={search.isPending}>
            検索
          </button>
        </div>
      </form>

      {search.isPending && <Loading what="検索結果" />}
      {search.isError && !(search.error instanceof ValidationError) && <ApiErrorNotice error={search.error} />}
      {topErrors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {topErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {search.data && searched.current && (
        <UnderstoodChips
          items={search.data.understood}
          removed={ignored.length}
          busy={search.isPending}
          onRemove={(items) => run(searched.current!, [...ignored, items])}
          onRestore={() => run(searched.current!, [])}
        />
      )}
      {search.data && !search.isPending && (
        <Results
          data={search.data}
          participant={person.data ?? null}
          compared={compared}
          setCompared={setCompared}
          unmetArea={form.getValues('filters.area').trim() || person.data?.area || ''}
          unmetType={form.getValues('filters.types')[0]}
        />
      )}
    </Page>
  );
}

function Results({
  data,
  participant,
  compared,
  setCompared,
  unmetArea,
  unmetType,
}: {
  data: SearchResponse;
  participant: Participant | null;
  compared: string[];
  setCompared: (ids: string[]) => void;
  unmetArea: string;
  unmetType?: string;
}) {
  const [params] = useSearchParams();
  const chosen = data.results.filter((r) => compared.includes(r.resource.id));
  return (
    <section className="section" aria-labelledby="results-title">
      <h2 id="results-title">検索結果（{data.results.length} 件）</h2>
      {data.needsLong && <p className="field__hint">希望の文章が長いため、いくつかに区切って最後まで検索に使いました。</p>}
      {data.unmet && (
        <>
          <div className="notice notice--warning">
            <p className="notice__title">この希望によく合う資源は見つかりませんでした</p>
            <p>
              {data.results.length ? '近いものを表示しています。' : ''}
              地域に足りない資源として記録すると、受入先の開拓に役立ちます。
            </p>
          </div>
          <UnmetNeedForm area={unmetArea} resourceType={unmetType} />
        </>
      )}
      {data.results.length === 0 && <Empty>条件に合う資源はありません。絞り込みの条件を減らしてください。</Empty>}
      {chosen.length >= 2 && <CompareTable results={chosen} />}
      {compared.length === 1 && <p className="field__hint">もう 1 件選ぶと、並べて比べられます。</p>}
      <ul className="cards">
        {data.results.map((result, i) => (
          <li key={result.resource.id}>
            <ResultCard
              result={result}
              rank={i + 1}
              compared={compared.includes(result.resource.id)}
              canCompare={compared.length < 3}
              onCompare={(on) => setCompared(on ? [...compared, result.resource.id] : compared.filter((id) => id !== result.resource.id))}
              proposal={<Propose participant={participant} resource={result.resource} rematchedFrom={params.get('rematchedFrom')} />}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * 「提案する」: opens a small dialog that says who is proposed to what, takes an optional note (メモ, not shown to the
 * host) and asks 「提案する」 or 「やめる」, so that one stray click does not create a placement. A native modal
 * <dialog>: it keeps focus inside, closes on Escape and gives focus back to the button.
 */
function Propose({
  participant,
  resource,
  rematchedFrom,
}: {
  participant: Participant | null;
  resource: Result['resource'];
  rematchedFrom: string | null;
}) {
  type CreateBody = components['schemas']['CreatePlacementDto'];
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const idBase = `propose-${resource.id.slice(0, 8)}`;
  const propose = useMutation({
    mutationFn: () => {
      // つなぎなおし: the closed placement this one replaces (?rematchedFrom=…).
      const body: CreateBody = {
        participantId: participant!.id,
        resourceId: resource.id,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(rematchedFrom ? { rematchedFrom } : {}),
      };
      return unwrap(api.POST('/api/v1/placements', { body }));
    },
    onSuccess: () => dialogRef.current?.close(),
  });
  if (!participant) {
    return <p className="field__hint">本人の記録から検索すると、ここから提案できます。</p>;
  }
  if (propose.isSuccess) {
    const placement = propose.data as unknown as { id?: string };
    return (
      <p className="notice notice--info" role="status">
        {participant.displayName}に提案しました。
        {placement.id && <Link to={`/placements/${placement.id}`}>紹介の詳細を見る</Link>}
      </p>
    );
  }
  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (note.length > 2000) {
      setNoteError('メモは 2000 文字以内で入力してください。');
      return;
    }
    setNoteError('');
    propose.mutate();
  }
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          propose.reset();
          dialogRef.current?.showModal();
        }}
      >
        提案する
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${idBase}-title`}>
        <h2 id={`${idBase}-title`} className="dialog__title">
          提案の確認
        </h2>
        <dl className="dialog__summary">
          <dt>本人</dt>
          <dd>{participant.displayName}</dd>
          <dt>提案先</dt>
          <dd>
            {resource.title}（{resource.organization.name}）
          </dd>
        </dl>
        {propose.isError && <ApiErrorNotice error={propose.error} />}
        <form className="form" noValidate onSubmit={submit}>
          <TextAreaField
            name="note"
            idBase={`${idBase}-note`}
            rows={3}
            label="メモ（受入先には表示されません）"
            hint="任意。提案の理由や、見学の前に確かめたいことなど。"
            error={noteError || undefined}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="dialog__actions">
            <button type="submit" className="button button--primary" disabled={propose.isPending}>
              提案する
            </button>
            <button type="button" className="button button--secondary" onClick={() => dialogRef.current?.close()}>
              やめる
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

function CompareTable({ results }: { results: Result[] }) {
  const rows: { label: string; value: (r: Result) => string }[] = [
    { label: '受入先', value: (r) => r.resource.organization.name },
    { label: '種別', value: (r) => r.resource.typeLabel },
    { label: '地区・駅', value: (r) => [r.resource.area, r.resource.nearestStation].filter(Boolean).join('／') },
    { label: '駅からの時間', value: (r) => (r.resource.accessMinutes === null ? '未登録' : `${r.resource.accessMinutes} 分`) },
    { label: '日時', value: (r) => scheduleText(r.resource.schedule) },
    { label: '空き', value: (r) => `${r.resource.vacancies} 人（定員 ${r.resource.capacity} 人）` },
    ...DEMAND_KINDS.map((k) => ({
      label: DEMAND_KIND_LABELS[k],
      value: (r: Result) => DEMAND_LEVEL_LABELS[r.resource.demands[k]] ?? r.resource.demands[k],
    })),
    { label: '謝礼', value: (r) => REWARD_LABELS[r.resource.reward] ?? r.resource.reward },
    { label: '配慮', value: (r) => r.resource.accommodations.map((a) => ACCOMMODATIONS[a as Accommodation] ?? a).join('・') || 'なし' },
    { label: '合う理由', value: (r) => r.reasons.join('、') || 'なし' },
    { label: '注意', value: (r) => r.cautions.join('、') || 'なし' },
  ];
  return (
    <div className="table-wrap">
      <table className="table compare">
        <caption className="field__label">選んだ資源を比べる</caption>
        <thead>
          <tr>
            <td />
            {results.map((r) => (
              <th key={r.resource.id} scope="col">
                {r.resource.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {results.map((r) => (
                <td key={r.resource.id}>{row.value(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
