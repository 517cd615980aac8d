/**
 * Version of the counting rules (docs/reports.md). Raise it whenever a rule changes what a figure counts:
 * snapshots keep the version they were made with and are served as they were.
 * 1: the first rules. 2: figures as of the earlier of the period's end and now (months in progress).
 * 3: a rate with an empty denominator is null (「—」), not 0.
 * 4: 新規の受入先 / 新規の資源（開拓） leave out what a catalogue import brought in (organizations/resources.developed).
 * 5: 未充足ニーズの記録（登録簿） counts the unmet-needs register's entries (unmet_needs) by area and wanted type, beside
 *    the searches flagged unmet (unchanged); 参加支援のプラン策定件数 (plans.*: initial plans 延べ and 実人数, revisions
 *    apart). Snapshots made before lack both.
 */
export const REPORT_RULES_VERSION = 5;

/** A cell withheld by small-number suppression (docs/reports.md): 「3未満」 (below the threshold) or 「秘匿」 (secondary). */
export interface SuppressedCell {
  value: null;
  suppressed: true;
  display: string;
}

export type BreakdownValue = number | SuppressedCell;

/** One reported number, with its breakdowns (地区, 種別, …) where they apply. */
export interface Figure {
  key: string;
  label: string;
  /** null: a rate with an empty denominator (「—」), or a value withheld by suppression (then `suppressed`). */
  value: number | null;
  suppressed?: true;
  display?: string;
  breakdowns?: Partial<Record<BreakdownKind, Record<string, BreakdownValue>>>;
}

/** Figures that are ratios: never suppressed as counts, 「—」 when the denominator is empty. */
export const RATE_KEYS = new Set(['followup.settledRatePercent']);

/**
 * Counts of events in a period: the 年度 value is the sum of the months (for every breakdown value too), so a
 * month's cell could be recovered from the year minus the other months. 実人数 and stocks at the end are not sums.
 */
export const ADDITIVE_KEYS = new Set([
  'placements.proposed.total',
  'matches.total',
  'plans.made.total',
  'plans.revised.total',
  'placements.closed.total',
  'placements.rematched',
  'followup.ended',
  'followup.settled',
  'followup.checkins',
  'followup.checkpointsDue',
  'participants.registered',
  'catalogue.newOrganizations',
  'catalogue.newResources',
  'searches.total',
  'searches.unmet',
  'unmetNeeds.recorded',
]);

export type BreakdownKind = 'area' | 'type' | 'outcome' | 'referralRoute' | 'readinessStage' | 'areaFilter' | 'typeFilter';

export const BREAKDOWN_LABELS: Record<BreakdownKind, string> = {
  area: '地区',
  type: '資源の種別',
  outcome: '終結の理由',
  referralRoute: 'つながりの経路',
  readinessStage: '本人の段階',
  areaFilter: '検索条件の地区',
  typeFilter: '検索条件の種別',
};

/** Japanese labels of every figure, in report order. The counting rules are in docs/reports.md. */
export const FIGURE_LABELS: Record<string, string> = {
  'placements.proposed.total': '紹介の提案（延べ）',
  'placements.proposed.people': '紹介の提案（実人数）',
  'matches.total': 'マッチング件数：参加・受入の開始（延べ）',
  'matches.people': 'マッチング件数：参加・受入の開始（実人数）',
  'plans.made.total': '参加支援のプラン策定件数（延べ）',
  'plans.made.people': '参加支援のプラン策定件数（実人数）',
  'plans.revised.total': '参加支援プランの見直し（延べ）',
  'plans.revised.people': '参加支援プランの見直し（実人数）',
  'placements.closed.total': '終結（延べ）',
  'placements.closed.people': '終結（実人数）',
  'placements.rematched': 'つなぎなおし',
  'followup.ended': 'フォローを終えた終結（参加・受入を経た終結）',
  'followup.settled': '定着（参加・受入を経て定着で終結）',
  'followup.settledRatePercent': '定着率（%）',
  'followup.activeAtEnd': '期末の定着フォロー中（参加・受入中）',
  'followup.checkins': 'フォロー記録の件数',
  'followup.checkpointsDue': '期日を迎えた確認日',
  'followup.overdueAtEnd': '期末に記録のない期限超過の確認日',
  'followup.afterClosureDue': '終結（定着）後の「その後の様子確認」の予定日を迎えた件数',
  'followup.afterClosureContacts': '終結（定着）後の「その後の様子確認」の記録',
  'participants.registered': '新規登録の本人',
  'participants.consentObtained': '本人同意の取得（実人数）',
  'participants.consentWithdrawn': '本人同意の撤回（実人数）',
  'catalogue.openAtEnd': 'つなぎ先（支援メニュー）の数：期末に受付中の資源',
  'catalogue.ibashoOpenAtEnd': '地域の居場所の数：期末に受付中の居場所',
  'catalogue.newOrganizations': '新規の受入先（開拓）',
  'catalogue.newResources': '新規の資源（開拓）',
  'catalogue.pausedOrClosed': '休止・受付終了にした資源',
  'searches.total': '資源の検索',
  'searches.unmet': '合う資源がなかった検索（未充足ニーズ）',
  'unmetNeeds.recorded': '未充足ニーズの記録（登録簿・地区と望まれた種別）',
};
