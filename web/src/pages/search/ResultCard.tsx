import type { components } from '../../api/schema';
import { ReasonLists } from '../../components/ReasonLists';
import { scheduleText, ACCOMMODATIONS, type Accommodation } from '../participants/vocabulary';

type Result = components['schemas']['SearchResultView'];

/** A signal 0..1 as five steps, said in words; the bar only repeats it. Anything above 0 is at least 「低い」: one
 *  matched keyword scores a small BM25 share, and 「ほとんどなし」 beside 「キーワードが一致」 read as a contradiction. */
function level(value: number): { step: number; words: string } {
  const share = Math.max(0, Math.min(1, value));
  const step = share > 0 ? Math.max(1, Math.round(share * 5)) : 0;
  const words = step >= 4 ? '高い' : step >= 3 ? 'やや高い' : step >= 2 ? '中くらい' : step >= 1 ? '低い' : 'ほとんどなし';
  return { step, words };
}

/** The fit signal (−1..1) in its own words: 0 means the resource neither meets nor breaks a constraint (or tells
 *  nothing about it), which is 「どちらとも言えない」, not 「やや高い」; below 0 something works against the person. */
export function fitLevel(fit: number): { step: number; words: string } {
  if (fit <= -0.3) return { step: 0, words: '合わない点が多い' };
  if (fit < -0.05) return { step: 1, words: '合わない点あり' };
  if (fit <= 0.05) return { step: 2, words: 'どちらとも言えない' };
  if (fit < 0.5) return { step: 3, words: 'やや合う' };
  if (fit < 0.8) return { step: 4, words: '合う' };
  return { step: 5, words: 'よく合う' };
}

function WhyRanked({ signals, titleId }: { signals: Result['signals']; titleId: string }) {
  const rows = [
    { label: '希望との意味の近さ', ...level(signals.vector) },
    { label: 'ことばの一致', ...level(signals.lexical) },
    { label: '本人の条件への合い方', ...fitLevel(signals.fit) },
    { label: '活動内容の合い方', ...fitLevel(signals.concept) },
  ];
  return (
    <div>
      <p className="field__label" id={`${titleId}-why`}>
        この順位になった理由
      </p>
      <dl className="why" aria-labelledby={`${titleId}-why`}>
        {rows.map((r) => (
          <div key={r.label} className="why__row">
            <dt>{r.label}</dt>
            <dd className="bar" aria-hidden="true">
              <div className={`bar__fill w-${r.step}`} />
            </dd>
            <dd>
              {r.words}
              <span className="visually-hidden">（5段階の{r.step}）</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** One search result: an article whose heading is the resource's title, with its reasons as text. */
export function ResultCard({
  result,
  rank,
  compared,
  canCompare,
  onCompare,
  proposal,
}: {
  result: Result;
  rank: number;
  compared: boolean;
  canCompare: boolean;
  onCompare: (on: boolean) => void;
  proposal: React.ReactNode;
}) {
  const r = result.resource;
  const titleId = `result-${r.id}`;
  return (
    <article className="card" aria-labelledby={titleId}>
      <p className="field__hint">{rank} 位</p>
      <h3 id={titleId}>{r.title}</h3>
      <p>
        {r.organization.name}・{r.typeLabel}
      </p>
      <p>
        {r.area}
        {r.nearestStation && `／${r.nearestStation}`}
        {r.accessMinutes !== null && `から ${r.accessMinutes} 分`}
      </p>
      <p>{scheduleText(r.schedule)}{r.frequencyNote && `（${r.frequencyNote}）`}</p>
      <p>
        空き {r.vacancies} 人／定員 {r.capacity} 人
      </p>
      {r.accommodations.length > 0 && (
        <p className="field__hint">{r.accommodations.map((a) => ACCOMMODATIONS[a as Accommodation] ?? a).join('・')}</p>
      )}
      <ReasonLists reasons={result.reasons} cautions={result.cautions} idPrefix={titleId} />
      <WhyRanked signals={result.signals} titleId={titleId} />
      <label className="check">
        <input type="checkbox" checked={compared} disabled={!compared && !canCompare} onChange={(e) => onCompare(e.target.checked)} />
        比べる（3 件まで）
      </label>
      {proposal}
    </article>
  );
}
