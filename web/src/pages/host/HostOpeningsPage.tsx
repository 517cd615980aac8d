import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { formatDateJa } from '../../lib/dates';
import { adjustVacancies, daysSince, getWebSettings, hostKeys, listOpenings, updateOpening, type Opening } from './host-api';
import { DAY_LABELS, RESOURCE_STATUS_LABELS, RESOURCE_TYPE_LABELS } from './labels';
import './host.css';

/** 自団体の受入枠: the organisation's openings, vacancies with big −/+ buttons, pause and resume. Phone first. */
export function HostOpeningsPage() {
  const openings = useQuery({ queryKey: hostKeys.openings, queryFn: listOpenings });
  const settings = useQuery({ queryKey: hostKeys.settings, queryFn: getWebSettings });
  const staleDays = settings.data?.hostStaleDays ?? 30;
  return (
    <Page title="自団体の受入枠">
      <p className="lead">空きの数や日時が変わったら、ここで更新してください。コーディネーターの検索にすぐ反映されます。</p>
      <p>
        <Link to="/host/openings/new" className="button button--primary host-wide">
          受入枠を新しく登録する
        </Link>
      </p>
      {openings.isPending && (
        <p className="loading" role="status">
          読み込んでいます…
        </p>
      )}
      <ApiErrorNotice error={openings.error} onReload={() => void openings.refetch()} />
      {openings.data && openings.data.length === 0 && <p>登録された受入枠はまだありません。</p>}
      <ul className="host-cards">
        {openings.data?.map((opening) => (
          <li key={opening.id}>
            <OpeningCard opening={opening} staleDays={staleDays} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function OpeningCard({ opening, staleDays }: { opening: Opening; staleDays: number }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const onSaved = (saved: Opening, text: string) => {
    queryClient.setQueryData<Opening[]>(hostKeys.openings, (list) => list?.map((o) => (o.id === saved.id ? saved : o)));
    queryClient.setQueryData(hostKeys.opening(saved.id), saved);
    setMessage(text);
  };
  const vacancies = useMutation({
    mutationFn: (delta: number) => adjustVacancies(opening.id, delta),
    onSuccess: (saved) => onSaved(saved, `空きを ${saved.vacancies} 名にしました。`),
  });
  const status = useMutation({
    mutationFn: (next: 'open' | 'paused') => updateOpening(opening.id, { status: next }),
    onSuccess: (saved) => onSaved(saved, saved.status === 'paused' ? '受付を休止しました。' : '受付を再開しました。'),
  });
  const confirm = useMutation({
    // Saving the same vacancies again records that the host checked the opening today.
    mutationFn: () => updateOpening(opening.id, { vacancies: opening.vacancies }),
    onSuccess: (saved) => onSaved(saved, '確認した日を記録しました。'),
  });
  const age = daysSince(opening.updatedAt);
  const stale = opening.status !== 'closed' && age >= staleDays;
  const headingId = `opening-${opening.id}`;
  const busy = vacancies.isPending || status.isPending || confirm.isPending;
  return (
    <article className="host-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="host-card__title">
        {opening.title}
      </h2>
      <p className="host-card__meta">
        <span className={`host-badge host-badge--${opening.status}`}>{RESOURCE_STATUS_LABELS[opening.status]}</span>
        {RESOURCE_TYPE_LABELS[opening.type] ?? opening.type}
        {opening.schedule.length > 0 && <> ・ {opening.schedule.map((s) => `${DAY_LABELS[s.day]} ${s.start}〜${s.end}`).join('、')}</>}
        {opening.frequencyNote && <> ・ {opening.frequencyNote}</>}
      </p>
      <div className="vacancy" role="group" aria-label={`空き（${opening.title}）`}>
        <button
          type="button"
          className="vacancy__button"
          aria-label={`空きを1名減らす（${opening.title}）`}
          disabled={busy || opening.vacancies <= 0}
          onClick={() => vacancies.mutate(-1)}
        >
          −
        </button>
        <p className="vacancy__value" data-testid="vacancies">
          空き <strong>{opening.vacancies}</strong> 名<span className="vacancy__capacity"> ／ 定員 {opening.capacity} 名</span>
        </p>
        <button
          type="button"
          className="vacancy__button"
          aria-label={`空きを1名増やす（${opening.title}）`}
          disabled={busy || opening.vacancies >= opening.capacity}
          onClick={() => vacancies.mutate(1)}
        >
          +
        </button>
      </div>
      <p className="host-card__updated">最終更新：{formatDateJa(opening.updatedAt)}</p>
      {stale && (
        <div className="notice notice--warning">
          <p>
            {age}{' '}
            日間更新されていません。空きの数と日時が今も合っているか確かめてください。合っていれば「このままで合っている」を押してください。
          </p>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => confirm.mutate()}>
            このままで合っている
          </button>
        </div>
      )}
      <p role="status" className="host-card__message">
        {message}
      </p>
      <ApiErrorNotice error={vacancies.error ?? status.error ?? confirm.error} />
      <div className="host-card__actions">
        {opening.status === 'open' && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => status.mutate('paused')}>
            受付を休止する
          </button>
        )}
        {opening.status === 'paused' && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => status.mutate('open')}>
            受付を再開する
          </button>
        )}
        <Link to={`/host/openings/${opening.id}`} className="button button--secondary">
          内容を編集する<span className="visually-hidden">（{opening.title}）</span>
        </Link>
      </div>
    </article>
  );
}
