import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { TextField } from '../../components/TextField';
import { clearDraft, useFormDraft } from '../../lib/drafts';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { RESOURCE_TYPE_LABELS, RESOURCE_TYPES, type ResourceType } from '../participants/vocabulary';

const schema = z.object({
  area: z.string().trim().min(1, '地区を入力してください。').max(100, '地区は 100 文字以内で入力してください。'),
  resourceType: z.string(),
  summary: z.string().trim().min(1, '要約を入力してください。').max(200, '要約は 200 文字以内で入力してください。'),
});
type Values = z.infer<typeof schema>;

/** Records a need no resource met, for 受入先の開拓: area, type wished for and a short summary that identifies no one. */
export function UnmetNeedForm({ area, resourceType }: { area: string; resourceType?: string }) {
  const draftKey = 'unmet-need';
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { area, resourceType: resourceType ?? '', summary: '' } });
  useFormDraft(draftKey, form);
  const [done, setDone] = useState(false);
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST('/api/v1/unmet-needs', {
          body: { area: v.area.trim(), resourceType: (v.resourceType || undefined) as ResourceType | undefined, summary: v.summary.trim() },
        }),
      ),
    onSuccess: () => {
      clearDraft(draftKey);
      setDone(true);
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, ['area', 'resourceType', 'summary'])),
  });
  if (done) {
    return (
      <p className="notice notice--info" role="status">
        未充足ニーズとして記録しました。受入先の開拓と集計に使われます。<Link to="/unmet-needs">未充足ニーズの一覧を見る</Link>
      </p>
    );
  }
  return (
    <form className="form" noValidate aria-labelledby="unmet-title" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <h3 id="unmet-title">未充足ニーズとして記録する</h3>
      <p className="field__hint">
        本人の名前や希望の文章は書かないでください。誰のことか分からない短い要約だけを残します（個人情報は保存しません）。
      </p>
      {save.isError && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} />}
      {topErrors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {topErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <TextField label="地区" required error={errors.area?.message} {...form.register('area')} />
      <SelectField
        label="望まれた資源の種別"
        empty="分からない・指定なし"
        options={RESOURCE_TYPES.map((t) => ({ value: t, label: RESOURCE_TYPE_LABELS[t] }))}
        error={errors.resourceType?.message}
        {...form.register('resourceType')}
      />
      <TextAreaField
        label="要約（本人を特定しない内容）"
        hint="例：平日午前に座ってできる軽作業。駅から徒歩圏。"
        required
        rows={2}
        error={errors.summary?.message}
        {...form.register('summary')}
      />
      <div className="actions">
        <button type="submit" className="button button--secondary" disabled={save.isPending}>
          未充足ニーズを記録する
        </button>
      </div>
    </form>
  );
}
