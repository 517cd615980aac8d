import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { formatDateJa } from '../../lib/dates';
import { hostKeys, listReferrals } from './host-api';
import './host.css';

/** 紹介された方: the placements at this organisation's openings (only what each person agreed to show). */
export function ReferralsPage() {
  const referrals = useQuery({ queryKey: hostKeys.referrals, queryFn: listReferrals });
  return (
    <Page title="紹介された方">
      <p className="lead">コーディネーターから紹介された方です。表示されるのは、ご本人が受入先に伝えることに同意した項目だけです。</p>
      {referrals.isPending && (
        <p className="loading" role="status">
          読み込んでいます…
        </p>
      )}
      <ApiErrorNotice error={referrals.error} onReload={() => void referrals.refetch()} />
      {referrals.data && referrals.data.length === 0 && <p>紹介された方はまだいません。</p>}
      <ul className="host-cards">
        {referrals.data?.map((p) => (
          <li key={p.id} className="host-card">
            <h2 className="host-card__title">
              <Link to={`/host/referrals/${p.id}`}>{p.participant?.displayName ?? '（お名前は非表示）'}</Link>
            </h2>
            <p className="host-card__meta">
              {p.resource.title} ・ 状態：{p.stateLabel}
            </p>
            {p.visitDate && <p className="host-card__meta">見学：{formatDateJa(p.visitDate)}</p>}
            {p.trialDate && <p className="host-card__meta">体験：{formatDateJa(p.trialDate)}</p>}
          </li>
        ))}
      </ul>
    </Page>
  );
}
