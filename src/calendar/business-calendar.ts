import { holidays } from '@holiday-jp/holiday_jp';
import { Injectable } from '@nestjs/common';
import { addDays } from '../common/tokyo-time';
import { AppConfig, type DueDateRule } from '../config/app-config';

/** 29 Dec – 3 Jan: the usual 年末年始 closure of a 社協 office. */
const YEAR_END = ['12-29', '12-30', '12-31', '01-01', '01-02', '01-03'];
/** Far more than any real run of closed days (年末年始 plus a weekend and a holiday is about 9). */
const MAX_CLOSED_RUN = 60;

/**
 * The office's calendar in Tokyo dates 'YYYY-MM-DD': weekends, 国民の祝日 with 振替休日 and 国民の休日
 * (from @holiday-jp/holiday_jp, a maintained list of the Cabinet Office's holidays), 年末年始 and the
 * deployment's own closed days. Follow-up plans, the reconciler, the digest and reports all ask this one.
 */
@Injectable()
export class BusinessCalendar {
  private readonly annual: Set<string>;
  private readonly once: Set<string>;

  constructor(private readonly config: AppConfig) {
    const extra = config.officeClosedDates;
    this.annual = new Set(extra.filter((d) => d.length === 5));
    this.once = new Set(extra.filter((d) => d.length === 10));
  }

  get rule(): DueDateRule {
    return this.config.followUpDueDateRule;
  }

  /** Why the office is closed that day (土曜日, 元日, 年末年始, …), or null on a business day. */
  closedReason(date: string): string | null {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0) return '日曜日';
    if (weekday === 6) return '土曜日';
    const holiday = (holidays as Record<string, { name: string } | undefined>)[date];
    if (holiday) return holiday.name;
    const monthDay = date.slice(5);
    if (this.config.officeYearEndClosure && YEAR_END.includes(monthDay)) return '年末年始';
    if (this.annual.has(monthDay) || this.once.has(date)) return '休業日';
    return null;
  }

  isBusinessDay(date: string): boolean {
    return this.closedReason(date) === null;
  }

  /** The first business day on or after `date` (step +1) or on or before it (step -1). */
  nearest(date: string, step: 1 | -1): string {
    let day = date;
    for (let i = 0; i <= MAX_CLOSED_RUN; i++, day = addDays(day, step)) if (this.isBusinessDay(day)) return day;
    return date; // every day closed for two months: a configuration mistake; keep the nominal day
  }

  /** `days` business days after `date` (0: `date` itself, even when closed). */
  addBusinessDays(date: string, days: number): string {
    let day = date;
    for (let left = days; left > 0; left--) day = this.nearest(addDays(day, 1), 1);
    return day;
  }

  /**
   * The day a checkpoint is due: its nominal day moved off a closed day by `rule`, but never before
   * the plan's first day (then it moves forward instead), so day 0 stays on the activation day or later.
   */
  dueOn(nominal: string, startsOn: string, rule: DueDateRule = this.rule): string {
    if (rule === 'none' || this.isBusinessDay(nominal)) return nominal;
    if (rule === 'previous') {
      const before = this.nearest(nominal, -1);
      if (before >= startsOn) return before;
    }
    return this.nearest(nominal, 1);
  }
}
