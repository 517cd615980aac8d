import { Injectable, Logger } from '@nestjs/common';
import { OUTCOME_LABELS } from '../placements/placement.constants';
import { READINESS_STAGE_LABELS, REFERRAL_ROUTE_LABELS } from '../participants/participant.constants';
import { RESOURCE_TYPE_LABELS } from '../common/catalogue.constants';
import { UNMET_THRESHOLD } from '../matching/ranking';
import { tokyoDate } from '../common/tokyo-time';
import { toCsv } from './report.csv';
import { FIGURE_LABELS, type Figure } from './report.figures';
import { fiscalYearPeriod, monthPeriod, monthsBetween, previousMonth, type Period } from './report.period';
import { ReportRepository } from './report.repository';

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
  unmetThreshold: number;
  figures: Figure[];
}

@Injectable()
export class ReportService {
  private readonly logger = new Logger(ReportService.name);

  constructor(private readonly reports: ReportRepository) {}

  async monthly(month: string, live = false): Promise<MonthReport> {
    const period = monthPeriod(month);
    const snapshot = live ? null : await this.reports.findSnapshot(month);
    return {
      period: describe(period, month),
      snapshotAt: snapshot?.createdAt ?? null,
      live: !snapshot,
      unmetThreshold: UNMET_THRESHOLD,
      figures: snapshot ? snapshot.figures : labelled(await this.reports.compute(period)),
    };
  }

  /** 年度: each month (snapshot when one exists, unless live) and the year's own total. */
  async fiscalYear(year: string, live = false) {
    const { total, months } = fiscalYearPeriod(year);
    return {
      period: { fiscalYear: Number(year), from: total.fromDate, to: lastDay(total), timeZone: 'Asia/Tokyo' as const },
      unmetThreshold: UNMET_THRESHOLD,
      months: await Promise.all(months.map((m) => this.monthly(m.label, live))),
      // Computed over the whole year: 実人数 counts a person once a year, stocks are at 31 March.
      total: { live: true, figures: labelled(await this.reports.compute(total)) },
    };
  }

  monthlyCsv(report: MonthReport): string {
    return toCsv([{ period: report.period.month, figures: report.figures }], VALUE_LABELS);
  }

  fiscalYearCsv(report: Awaited<ReturnType<ReportService['fiscalYear']>>): string {
    return toCsv(
      [
        ...report.months.map((m) => ({ period: m.period.month, figures: m.figures })),
        { period: `${report.period.fiscalYear}年度 合計`, figures: report.total.figures },
      ],
      VALUE_LABELS,
    );
  }

  /** Job handler: freezes a finished month. Immutable: a second run keeps the first. */
  async snapshot(month: string): Promise<boolean> {
    const saved = await this.reports.saveSnapshot(month, labelled(await this.reports.compute(monthPeriod(month))));
    if (saved) this.logger.log({ month }, `月次集計のスナップショットを保存しました（${month}）`);
    return saved;
  }

  /** Catches up snapshots missed while the service was down (every finished month with data). */
  async catchUp(now: Date = new Date()): Promise<string[]> {
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

function describe(period: Period, month: string) {
  return { month, from: period.fromDate, to: lastDay(period), timeZone: 'Asia/Tokyo' as const };
}

function lastDay(period: Period): string {
  return new Date(Date.parse(`${period.toDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
