import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { useSession } from '../../session/SessionContext';
import { ChartPanel, FigureNumber, type Column, type DrillTarget, type TableModel } from './ChartPanel';
import { DrillDownPanel } from './DrillDownPanel';
import {
  currentMonth,
  display,
  figure,
  fiscalYearOf,
  headline,
  label,
  monthLabel,
  monthsOfFiscalYear,
  numeric,
  previousMonth,
  type CellValue,
  type Figure,
  type FiscalYearReport,
  type MonthReport,
} from './report-data';
import './reports.css';

/** The headline cards: the municipality's indicators first. */
const CARDS: Array<{ key: string; title: string; rate?: boolean }> = [
  { key: 'matches.total', title: 'マッチング件数（延べ）' },
  { key: 'matches.people', title: 'マッチング件数（実人数）' },
  { key: 'plans.made.total', title: 'プラン策定件数（延べ）' },
  { key: 'plans.made.people', title: 'プラン策定件数（実人数）' },
  { key: 'placements.closed.total', title: '終結（延べ）' },
  { key: 'followup.settledRatePercent', title: '定着率', rate: true },
  { key: 'followup.overdueAtEnd', title: '月末の期限超過の確認日' },
  { key: 'searches.unmet', title: '未充足ニーズ（合う資源がなかった検索）' },
  { key: 'unmetNeeds.recorded', title: '未充足ニーズの記録（登録簿）' },
  { key: 'catalogue.openAtEnd', title: 'つなぎ先の数（月末）' },
  { key: 'catalogue.ibashoOpenAtEnd', title: '居場所の数（月末）' },
];

const SUPPRESS_BELOW = 3;

function useMonthReport(month: string, suppress: boolean) {
  return useQuery({
    queryKey: ['reports', 'monthly', month, suppress],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/reports/monthly/{month}', {
          params: { path: { month }, query: suppress ? { suppressBelow: SUPPRESS_BELOW } : {} },
        }),
      ) as Promise<MonthReport>,
  });
}

/** 集計: the month and the 年度 at a glance, numbers that open their records, the workbook to file. */
export function ReportsPage() {
  const { session } = useSession();
  const canDrill = session?.user.role === 'admin' || session?.user.role === 'coordinator';
  const thisMonth = currentMonth();
  const [month, setMonth] = useState(() => previousMonth(thisMonth));
  const [suppress, setSuppress] = useState(false);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const year = fiscalYearOf(month);
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => fiscalYearOf(thisMonth) - i), [thisMonth]);
  const months = monthsOfFiscalYear(year).filter((m) => m <= thisMonth);

  const fy = useQuery({
    queryKey: ['reports', 'fiscal-year', year, suppress],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/reports/fiscal-year/{year}', {
          params: { path: { year: String(year) }, query: suppress ? { suppressBelow: SUPPRESS_BELOW } : {} },
        }),
      ) as Promise<FiscalYearReport>,
  });
  const current = useMonthReport(month, suppress);
  const previous = useMonthReport(previousMonth(month), suppress);
  // Drill-down is for the 社協's own work: not on figures prepared for outside (suppressed) or for viewers.
  const onDrill = canDrill && !suppress ? setDrill : undefined;

  const figures = current.data?.figures;
  const models = useMemo(() => (fy.data && figures ? buildModels(fy.data, figures, month) : null), [fy.data, figures, month]);
  const query = suppress ? `&suppressBelow=${SUPPRESS_BELOW}` : '';

  return (
    <Page title="集計">
      <p className="lead print-only">
        参加支援 集計　{year}年度・{month.slice(0, 4)}年{Number(month.slice(5, 7))}月{suppress ? `（${SUPPRESS_BELOW}未満を秘匿）` : ''}
      </p>
      <form className="report-controls no-print" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label className="field__label" htmlFor="report-year">
            年度
          </label>
          <select
            id="report-year"
            className="field__input"
            value={year}
            onChange={(e) => {
              const y = Number(e.target.value);
              // The same calendar month in the chosen 年度, or its latest month so far.
              const available = monthsOfFiscalYear(y).filter((m) => m <= thisMonth);
              const same = available.find((m) => m.slice(5) === month.slice(5));
              setMonth(same ?? available[available.length - 1]);
              setDrill(null);
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年度
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="report-month">
            月
          </label>
          <select
            id="report-month"
            className="field__input"
            value={month}
            onChange={(e) => {
              setMonth(e.target.value);
              setDrill(null);
            }}
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {m.slice(0, 4)}年{monthLabel(m)}
                {m === thisMonth ? '（集計途中）' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--check">
          <input id="report-suppress" type="checkbox" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
          <label htmlFor="report-suppress">社協の外に出す集計（{SUPPRESS_BELOW}未満の数を秘匿）</label>
        </div>
        <div className="report-downloads">
          <a className="button button--secondary button--small" href={`/api/v1/reports/monthly/${month}?format=xlsx${query}`} download>
            月次の Excel
          </a>
          <a className="button button--secondary button--small" href={`/api/v1/reports/fiscal-year/${year}?format=xlsx${query}`} download>
            年度の Excel
          </a>
          <a className="button button--secondary button--small" href={`/api/v1/reports/fiscal-year/${year}?format=csv${query}`} download>
            CSV（機械処理用）
          </a>
          <button type="button" className="button button--primary button--small" onClick={() => window.print()}>
            印刷
          </button>
        </div>
      </form>

      <ApiErrorNotice error={fy.error ?? current.error} />
      {(fy.isPending || current.isPending) && <p className="loading">読み込んでいます…</p>}

      {current.data && (
        <section aria-labelledby="report-cards">
          <h2 id="report-cards">
            {month.slice(0, 4)}年{monthLabel(month)}の主な数値{current.data.inProgress ? '（集計途中）' : ''}
          </h2>
          <ul className="report-cards">
            {CARDS.map((card) => (
              <Card
                key={card.key}
                title={card.title}
                rate={card.rate}
                value={headline(figure(current.data.figures, card.key))}
                previous={headline(figure(previous.data?.figures, card.key))}
                target={{ month, key: card.key, title: `${month} ${card.title}` }}
                onDrill={card.rate ? undefined : onDrill}
              />
            ))}
          </ul>
        </section>
      )}

      {models && (
        <>
          <section aria-labelledby="report-year-trend" className="report-section">
            <h2 id="report-year-trend">{year}年度の推移</h2>
            <div className="report-grid">
              <ChartPanel title="マッチング件数と終結（月ごと）" model={models.trend} onDrill={onDrill} />
              <ChartPanel
                title="参加支援プランの策定と見直し（月ごと）"
                description="策定は初回のプラン、見直しは別に数えます（策定日の月）。"
                model={models.plans}
                onDrill={onDrill}
              />
              <ChartPanel title="定着フォローの確認日" model={models.followUp} onDrill={onDrill} />
              <ChartPanel title="つなぎ先と居場所の数（月末）" model={models.catalogue} onDrill={onDrill} />
            </div>
          </section>
          <section aria-labelledby="report-month-breakdown" className="report-section">
            <h2 id="report-month-breakdown">{monthLabel(month)}の内訳</h2>
            <div className="report-grid">
              <ChartPanel title="地区別" model={models.byArea} horizontal onDrill={onDrill} />
              <ChartPanel title="資源の種別別" model={models.byType} horizontal onDrill={onDrill} />
              <ChartPanel
                title="終結の理由"
                model={models.outcomes}
                horizontal
                note={`定着率 ${display(headline(figure(figures, 'followup.settledRatePercent')), true)}（参加・受入を経た終結のうち定着の割合。終結がない月は「—」）`}
              />
              <ChartPanel
                title="未充足ニーズ：地区別"
                description="検索画面から記録した未充足ニーズ（登録簿）と、合う資源がなかった検索（検索条件の地区）。受入先の開拓の手がかりです。"
                model={models.unmetByArea}
                horizontal
                onDrill={onDrill}
              />
              <ChartPanel
                title="未充足ニーズ：種別別"
                description="記録は望まれた種別、検索は検索条件の種別。"
                model={models.unmetByType}
                horizontal
                onDrill={onDrill}
              />
            </div>
          </section>
        </>
      )}
      {drill && <DrillDownPanel target={drill} onClose={() => setDrill(null)} />}
    </Page>
  );
}

function Card({
  title,
  value,
  previous,
  rate,
  target,
  onDrill,
}: {
  title: string;
  value: CellValue;
  previous: CellValue;
  rate?: boolean;
  target: DrillTarget;
  onDrill?: (t: DrillTarget) => void;
}) {
  const now = numeric(value);
  const before = numeric(previous);
  // The change is shown only between two shown numbers, so it never gives back a withheld one.
  const change = now !== null && before !== null ? Math.round((now - before) * 10) / 10 : null;
  const sign = change === null ? '' : change > 0 ? '＋' : change < 0 ? '−' : '±';
  return (
    <li className="report-card">
      <span className="report-card__title">{title}</span>
      <span className="report-card__value" data-testid={`card-${target.key}`}>
        <FigureNumber value={value} rate={rate} target={target} onDrill={onDrill} />
      </span>
      <span className="report-card__change">
        前月比 {change === null ? '—' : `${sign}${Math.abs(change).toLocaleString('ja-JP')}${rate ? ' ポイント' : ''}`}
      </span>
    </li>
  );
}

/** Every chart's table, from the reports: months of the 年度 for trends, the chosen month for breakdowns. */
function buildModels(fy: FiscalYearReport, figures: Figure[], month: string) {
  const fyMonths = monthsOfFiscalYear(fy.period.fiscalYear);
  const monthly = (key: string, name: string, kind: 'bar' | 'line'): Column => ({
    name,
    kind,
    cells: fy.months.map((m) => (m ? headline(figure(m.figures, key)) : null)),
    drill: (i) => (fy.months[i] ? { month: fyMonths[i], key, title: `${fyMonths[i]} ${name}` } : undefined),
  });
  const trendRows = fyMonths.map(monthLabel);
  const trend: TableModel = {
    rowHeader: '月',
    rows: trendRows,
    columns: [
      monthly('matches.total', '開始（マッチング件数・延べ）', 'bar'),
      monthly('matches.people', 'マッチング件数（実人数）', 'line'),
      monthly('placements.closed.total', '終結（延べ）', 'bar'),
    ],
  };
  const plans: TableModel = {
    rowHeader: '月',
    rows: trendRows,
    columns: [
      monthly('plans.made.total', 'プラン策定件数（延べ）', 'bar'),
      monthly('plans.made.people', 'プラン策定件数（実人数）', 'line'),
      monthly('plans.revised.total', 'プランの見直し（延べ）', 'bar'),
    ],
  };
  const followUp: TableModel = {
    rowHeader: '月',
    rows: trendRows,
    columns: [monthly('followup.checkpointsDue', '期日を迎えた確認日', 'bar'), monthly('followup.overdueAtEnd', '月末の期限超過', 'bar')],
  };
  const catalogue: TableModel = {
    rowHeader: '月',
    rows: trendRows,
    columns: [monthly('catalogue.openAtEnd', 'つなぎ先の数', 'line'), monthly('catalogue.ibashoOpenAtEnd', '居場所の数', 'line')],
  };
  type Kind = 'area' | 'type' | 'outcome' | 'areaFilter' | 'typeFilter';
  // Each column reads its figure's breakdown of `kind`, or of its own kind (the register by area beside searches by filter).
  const breakdown = (kind: Kind, keys: Array<[string, string, Kind?]>, rowHeader: string) => {
    const of = (key: string, own?: Kind) => figure(figures, key)?.breakdowns?.[own ?? kind] ?? {};
    const names = [...new Set(keys.flatMap(([key, , own]) => Object.keys(of(key, own))))].sort((a, b) => a.localeCompare(b, 'ja'));
    const filterOf = (k: Kind) => (k === 'area' || k === 'areaFilter' ? 'area' : k === 'type' || k === 'typeFilter' ? 'type' : null);
    return {
      rowHeader,
      rows: names.map(label),
      columns: keys.map(([key, name, own]) => {
        const filter = filterOf(own ?? kind);
        return {
          name,
          kind: 'bar' as const,
          cells: names.map((n) => of(key, own)[n] ?? 0),
          drill: filter ? (i: number) => ({ month, key, [filter]: names[i], title: `${month} ${name}（${label(names[i])}）` }) : undefined,
        };
      }),
    };
  };
  return {
    trend,
    plans,
    followUp,
    catalogue,
    byArea: breakdown(
      'area',
      [
        ['matches.total', 'マッチング件数（延べ）'],
        ['plans.made.total', 'プラン策定件数（延べ）'],
        ['followup.activeAtEnd', '月末の定着フォロー中'],
      ],
      '地区',
    ),
    byType: breakdown(
      'type',
      [
        ['matches.total', 'マッチング件数（延べ）'],
        ['catalogue.openAtEnd', 'つなぎ先の数（月末）'],
      ],
      '種別',
    ),
    outcomes: breakdown('outcome', [['placements.closed.total', '終結（延べ）']], '終結の理由'),
    // The register's entries (by their area and wanted type) beside the searches flagged unmet (by the search's filters).
    unmetByArea: breakdown(
      'area',
      [
        ['unmetNeeds.recorded', '記録（登録簿）'],
        ['searches.unmet', '合う資源がなかった検索', 'areaFilter'],
      ],
      '地区',
    ),
    unmetByType: breakdown(
      'type',
      [
        ['unmetNeeds.recorded', '記録（登録簿）'],
        ['searches.unmet', '合う資源がなかった検索', 'typeFilter'],
      ],
      '種別',
    ),
  };
}
