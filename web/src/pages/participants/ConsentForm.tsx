import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ValidationError } from '../../api/errors';
import type { components } from '../../api/schema';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { applyServerErrors } from '../../components/FieldErrors';
import { TextField } from '../../components/TextField';
import { clearDraft, useFormDraft } from '../../lib/drafts';
import { FieldGroup } from './fields';
import { HOST_VISIBLE_FIELDS, SCOPE_ITEMS, type HostVisibleField } from './vocabulary';

type Participant = components['schemas']['ParticipantView'];

const schema = z.object({
  status: z.enum(['obtained', 'withdrawn'], { message: '同意したか、撤回したかを選んでください。' }),
  method: z.string().trim().min(1, '同意の取り方を入力してください（例：面談で口頭と書面により確認）。').max(200, '同意の取り方は 200 文字以内です。'),
  date: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), '日付は 2026-11-20 のように入力してください。'),
  scope: z.array(z.enum(HOST_VISIBLE_FIELDS)),
});
type ConsentValues = z.infer<typeof schema>;

/** Records consent (or its withdrawal): method, date, and item by item what a host may then see. */
export function ConsentForm({ participant, onSaved }: { participant: Participant; onSaved: (p: Participant) => void }) {
  const queryClient = useQueryClient();
  const draftKey = `consent:${participant.id}`;
  const form = useForm<ConsentValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      status: 'obtained',
      method: '',
      date: '',
      scope: (participant.consent.status === 'obtained' ? participant.consent.scope : ['displayName']) as HostVisibleField[],
    },
  });
  useFormDraft(draftKey, form);
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const { errors } = form.formState;
  const status = form.watch('status');

  const save = useMutation({
    mutationFn: (v: ConsentValues) =>
      unwrap(
        api.PUT('/api/v1/participants/{id}/consent', {
          params: { path: { id: participant.id } },
          body: { status: v.status, method: v.method.trim(), date: v.date || undefined, scope: v.status === 'withdrawn' ? [] : v.scope },
        }),
      ),
    onSuccess: (saved) => {
      clearDraft(draftKey);
      form.reset({ status: 'obtained', method: '', date: '', scope: saved.consent.scope as HostVisibleField[] });
      void queryClient.invalidateQueries({ queryKey: ['consents', participant.id] });
      void queryClient.invalidateQueries({ queryKey: ['participants'] });
      onSaved(saved);
    },
    onError: (error) => setTopErrors(applyServerErrors(error, form.setError, ['status', 'method', 'date', 'scope'])),
  });

  return (
    <form className="form" noValidate aria-labelledby="consent-form-title" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <h3 id="consent-form-title">同意を記録する</h3>
      {save.isError && !(save.error instanceof ValidationError) && <ApiErrorNotice error={save.error} />}
      {topErrors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {topErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <FieldGroup name="status" legend="本人の意思" error={errors.status?.message}>
        <ul className="checks">
          <li>
            <label>
              <input type="radio" value="obtained" {...form.register('status')} />
              同意した
            </label>
          </li>
          <li>
            <label>
              <input type="radio" value="withdrawn" {...form.register('status')} />
              同意を撤回した（受入先からはすぐに見えなくなります）
            </label>
          </li>
        </ul>
      </FieldGroup>
      <TextField label="同意の取り方" required hint="例：面談で口頭と書面により確認" error={errors.method?.message} {...form.register('method')} />
      <TextField
        label="同意した日"
        type="date"
        hint="空欄なら今日の日付になります。"
        error={errors.date?.message}
        {...form.register('date')}
      />
      {status === 'obtained' && (
        <FieldGroup
          name="scope"
          legend="受入先に見せてよい項目"
          hint="チェックした項目だけを、紹介先の受入先が見られます。本人の希望・条件・実名・ほかの紹介は、どれを選んでも見せません。"
          error={errors.scope?.message}
        >
          {HOST_VISIBLE_FIELDS.map((field) => {
            const item = SCOPE_ITEMS[field];
            const hintId = `scope-${field}-hint`;
            return (
              <div key={field} className="scope-item">
                <label className="check">
                  <input type="checkbox" value={field} aria-describedby={hintId} {...form.register('scope')} />
                  {item.label}
                  {item.sensitive && <span className="badge badge--sensitive">{item.sensitive}</span>}
                </label>
                <p id={hintId} className="scope-item__hint">
                  {item.hostSees}
                  {item.sensitive && ' 本人がこの項目について、はっきり同意した場合だけチェックしてください。'}
                </p>
              </div>
            );
          })}
        </FieldGroup>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? '記録しています…' : '同意を記録する'}
        </button>
      </div>
    </form>
  );
}
