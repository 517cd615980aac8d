import { Injectable, Logger } from '@nestjs/common';
import { OUTCOME_LABELS } from '../placements/placement.constants';
import { READINESS_STAGE_LABELS, REFERRAL_ROUTE_LABELS } from '../participants/participant.constants';
import { RESOURCE_TYPE_LABELS } from '../common/catalogue.constants';
import { UNMET_THRESHOLD } from '../matching/ranking';
import { AppException } from '../common/app.exception';
import { Clock } from '../common/clock';
import { tokyoDate } from '../common/tokyo-time';
import { toCsv } from './report.csv';
import { FIGURE_LABELS, REPORT_RULES_VERSION, type Figure } from './report.figures';
import { asOf, fiscalYearPeriod, monthPeriod, monthsBetween, previousMonth, type Period } from './report.period';
import { ReportRepository } from './report.repository';
import { suppressPeriods } from './report.suppression';
import { buildWorkbook } from './report.xlsx';

/** Codes in breakdowns shown in Japanese in the CSV. */
const VALUE_LABELS: Record<string, string> = {
  ...RESOURCE_TYPE_LABELS,
  ...OUTCOME_LABELS,
  ...REFERRAL_ROUTE_LABELS,
  ...READINESS_STAGE_LABELS,
  unknown: '未設定',
};

export interface MonthReport {
  period: { month: string; from: string; to: string; timeZone: 'Asia/Tokyo' };
  /** Set when the figures come from the immutable snapshot taken after the month ended. */
  snapshotAt: Date | null;
  live: boolean;
  /** True when the figures are a stored snapshot, served as it was made (with its own rulesVersion). */
  servedFromSnapshot: boolean;
  /** The counting rules the figures were made with (REPORT_RULES_VERSION when computed now). */
  rulesVersion: number;
  /** The month has not ended: figures are as of `asOf`, not of the month's end. */
  inProgress: boolean;
  /** The instant the figures are as of: the earlier of the month's end and now (for a snapshot, the month's end). */
  asOf: Date;
  unmetThreshold: number;
  /** Small-number suppression applied (threshold), or null. */
  suppressBelow: number | null;
  figures: Figure[];
}

export type FiscalYearReport = Awaited<ReturnType<ReportService['fiscalYear']>>;

@Injectable()
export class ReportService {
  private readonly logger = new Logger(ReportService.name);

  constructor(
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
  ) {}

  /** A month that has not started is refused; one in progress is counted as of now and marked. */
  async monthly(month: string, live = false, suppressBelow?: number): Promise<MonthReport> {
    const period = monthPeriod(month);
    const now = this.clock.now();
    if (period.from > now) {
      throw AppException.validation('month', `${month} はまだ始まっていないため集計できません（現在 ${tokyoDate(now)}）`);
    }
    const report = await this.monthReport(period, month, now, live);
    if (!suppressBelow) return report;
    return { ...report, suppressBelow, figures: suppressPeriods([report.figures], suppressBelow)[0] };
  }

  private async monthReport(period: Period, month: string, now: Date, live: boolean): Promise<MonthReport> {
    const snapshot = await this.snapshotToServe(period, month, now, live);
    return this.monthFrom(period, month, now, snapshot, snapshot ? null : await this.reports.compute(asOf(period, now)));
  }

  /** A snapshot exists only for finished months; one found for a month in progress (clock set back) is not used. */
  private snapshotToServe(period: Period, month: string, now: Date, live: boolean) {
    return live || now < period.to ? Promise.resolve(null) : this.reports.findSnapshot(month);
  }

  private monthFrom(
    period: Period,
    month: string,
    now: Date,
    snapshot: { figures: Figure[]; createdAt: Date; rulesVersion: number } | null,
    computed: Figure[] | null,
  ): MonthReport {
    return {
      period: describe(period, month),
      snapshotAt: snapshot?.createdAt ?? null,
      live: !snapshot,
      servedFromSnapshot: Boolean(snapshot),
      rulesVersion: snapshot ? snapshot.rulesVersion : REPORT_RULES_VERSION,
      inProgress: now < period.to,
      asOf: asOf(period, now).to,
      unmetThreshold: UNMET_THRESHOLD,
      suppressBelow: null,
      figures: withRates(snapshot ? snapshot.figures : labelled(computed!)),
    };
  }

  /**
   * 年度: each month (snapshot when one exists, unless live) and the year's own total. Months of the year
   * that have not started are null; the total and a month in progress are as of now.
   */
  async fiscalYear(year: string, live = false, suppressBelow?: number) {
    const { total, months } = fiscalYearPeriod(year);
    const now = this.clock.now();
    if (total.from > now) {
      throw AppException.validation('year', `${year}年度はまだ始まっていないため集計できません（現在 ${tokyoDate(now)}）`);
    }
    const counted = asOf(total, now);
    const started = months.filter((m) => m.from <= now);
    const snapshots = await Promise.all(started.map((m) => this.snapshotToServe(m, m.label, now, live)));
    const computedMonths = started.filter((_, i) => !snapshots[i]);
    // One grouped pass for the year total and every month without a snapshot (docs/reports.md). The total is
    // computed over the whole year: 実人数 counts a person once a year, stocks are at 31 March (or now).
    const [yearFigures, ...monthFigures] = await this.reports.computeMany([counted, ...computedMonths.map((m) => asOf(m, now))]);
    const monthReports = months.map((m) => {
      const i = started.indexOf(m);
      if (i < 0) return null;
      return this.monthFrom(m, m.label, now, snapshots[i], snapshots[i] ? null : monthFigures[computedMonths.indexOf(m)]);
    });
    let totalFigures = withRates(labelled(yearFigures));
    if (suppressBelow) {
      // One suppression over the months and the year, so no sheet or month gives back a cell withheld in another.
      const started = monthReports.filter((m): m is MonthReport => m !== null);
      const out = suppressPeriods(
        started.map((m) => m.figures),
        suppressBelow,
        { yearTotal: totalFigures },
      );
      started.forEach((m, i) => Object.assign(m, { figures: out[i], suppressBelow }));
      totalFigures = out[out.length - 1];
    }
    return {
      period: { fiscalYear: Number(year), from: total.fromDate, to: lastDay(total), timeZone: 'Asia/Tokyo' as const },
      unmetThreshold: UNMET_THRESHOLD,
      rulesVersion: REPORT_RULES_VERSION,
      inProgress: now < total.to,
      suppressBelow: suppressBelow ?? null,
      months: monthReports,
      total: {
        live: true,
        inProgress: now < total.to,
        asOf: counted.to,
        rulesVersion: REPORT_RULES_VERSION,
        figures: totalFigures,
      },
    };
  }

  /** The month's workbook: the month's sheet (indicators), 地区別 and 種別別 (docs/reports.md). */
  monthlyXlsx(report: MonthReport): Promise<Buffer> {
    return buildWorkbook(
      {
        title: `参加支援 月次集計 ${monthJa(report.period.month)}${suppressionNote(report.suppressBelow)}`,
        period: `${report.period.from}〜${report.period.to}${progressNote(report)}｜${rulesNote([report])}`,
        printedAt: jst(this.clock.now()),
        labels: VALUE_LABELS,
      },
      [{ header: monthJa(report.period.month), figures: report.figures }],
      report.figures,
    );
  }

  /** The 年度 workbook: indicators × 4月〜3月 and 合計, then the year's 地区別 and 種別別. */
  fiscalYearXlsx(report: FiscalYearReport): Promise<Buffer> {
    const started = report.months.filter((m): m is MonthReport => m !== null);
    const progress = report.inProgress ? `（集計途中・${jst(report.total.asOf)} 時点）` : '';
    return buildWorkbook(
      {
        title: `参加支援 年度集計 ${report.period.fiscalYear}年度${suppressionNote(report.suppressBelow)}`,
        period: `${report.period.from}〜${report.period.to}${progress}｜${rulesNote(started)}`,
        printedAt: jst(this.clock.now()),
        labels: VALUE_LABELS,
      },
      [
        ...report.months.map((m, i) => ({ header: `${((3 + i) % 12) + 1}月`, figures: m?.figures ?? null })),
        { header: '合計', figures: report.total.figures },
      ],
      report.total.figures,
    );
  }

  monthlyCsv(report: MonthReport): string {
    const title = `参加支援 月次集計 ${report.period.month}${progressNote(report)}｜${rulesNote([report])}`;
    return toCsv([{ period: periodLabel(report), figures: report.figures }], VALUE_LABELS, title);
  }

  fiscalYearCsv(report: FiscalYearReport): string {
    const months = report.months.filter((m): m is MonthReport => m !== null);
    const yearLabel = `${report.period.fiscalYear}年度 合計${report.total.inProgress ? '（集計途中）' : ''}`;
    const progress = report.inProgress ? `（集計途中・${jst(report.total.asOf)} 時点）` : '';
    const title = `参加支援 年度集計 ${report.period.fiscalYear}年度${progress}｜${rulesNote(months)}`;
    return toCsv(
      [...months.map((m) => ({ period: periodLabel(m), figures: m.figures })), { period: yearLabel, figures: report.total.figures }],
      VALUE_LABELS,
      title,
    );
  }

  /** Job handler: freezes a finished month. Immutable: a second run keeps the first. */
  async snapshot(month: string): Promise<boolean> {
    const period = monthPeriod(month);
    if (this.clock.now() < period.to) return false; // a month in progress is not frozen
    const saved = await this.reports.saveSnapshot(month, labelled(await this.reports.compute(period)), REPORT_RULES_VERSION);
    if (saved) this.logger.log({ month }, `月次集計のスナップショットを保存しました（${month}）`);
    return saved;
  }

  /** Catches up snapshots missed while the service was down (every finished month with data). */
  async catchUp(now: Date = this.clock.now()): Promise<string[]> {
    const first = await this.reports.firstDataAt();
    if (!first) return [];
    const last = previousMonth(now);
    const firstMonth = tokyoDate(new Date(first)).slice(0, 7);
    if (firstMonth > last) return [];
    const created: string[] = [];
    for (const month of monthsBetween(firstMonth, last)) {
      if (!(await this.reports.findSnapshot(month)) && (await this.snapshot(month))) created.push(month);
    }
    return created;
  }
}

function labelled(figures: Figure[]): Figure[] {
  const order = Object.keys(FIGURE_LABELS);
  return figures.map((f) => ({ ...f, label: FIGURE_LABELS[f.key] ?? f.key })).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

/** A rate with an empty denominator is null (「—」), also in snapshots made before rules version 3. */
function withRates(figures: Figure[]): Figure[] {
  const ended = figures.find((f) => f.key === 'followup.ended');
  return figures.map((f) => (f.key === 'followup.settledRatePercent' && ended?.value === 0 ? { ...f, value: null } : f));
}

function monthJa(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

function suppressionNote(threshold: number | null): string {
  return threshold ? `（${threshold}未満を秘匿）` : '';
}

function describe(period: Period, month: string) {
  return { month, from: period.fromDate, to: lastDay(period), timeZone: 'Asia/Tokyo' as const };
}

function lastDay(period: Period): string {
  return new Date(Date.parse(`${period.toDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** "2026-11-29 13:05" in Tokyo. */
export function jst(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function progressNote(m: MonthReport): string {
  if (m.inProgress) return `（集計途中・${jst(m.asOf)} 時点）`;
  return m.servedFromSnapshot && m.snapshotAt ? `（${jst(new Date(m.snapshotAt))} 作成のスナップショット）` : '';
}

function periodLabel(m: MonthReport): string {
  return m.inProgress ? `${m.period.month}（集計途中）` : m.period.month;
}

/** Which counting rules made the figures; snapshots made under other rules are named. */
function rulesNote(months: MonthReport[]): string {
  const older = months.filter((m) => m.rulesVersion !== REPORT_RULES_VERSION);
  const note = `集計規則 第${REPORT_RULES_VERSION}版`;
  if (!older.length) return note;
  return `${note}（${older.map((m) => `${m.period.month} はスナップショットのため第${m.rulesVersion}版`).join('、')}）`;
}
