import * as service from '../../api/vocabulary';

/** Plain-Japanese labels of the catalogue vocabulary for hosts (codes and shared labels come from the service). */
export const RESOURCE_STATUS_LABELS: Record<string, string> = { open: '受付中', paused: '休止', closed: '終了' };

export const RESOURCE_TYPE_LABELS: Record<string, string> = service.RESOURCE_TYPE_LABELS;

export const DAY_LABELS: Record<string, string> = service.DAY_LABELS;
export const DAYS = service.DAYS;

/** The documented list of accommodations (配慮・受入れ条件), in the README's order. */
export const ACCOMMODATION_LABELS: Record<string, string> = {
  visit_ok: '見学できる',
  accompany_ok: '支援者の同行ができる',
  trial_ok: '体験できる',
  small_group: '少人数',
  short_hours: '短い時間から参加できる',
  quiet: '静かな環境',
  seated: '座ってできる',
  supporter_on_site: '支援者がいつもいる',
  flexible_schedule: '日時を相談できる',
  little_talking: '会話が少なくてよい',
  solo_work: '一人でできる作業がある',
  barrier_free: 'バリアフリー',
  transport: '送迎がある',
  meal: '食事がある',
  women_only: '女性のみ',
  youth: '若い人向け',
  online: 'オンラインで参加できる',
};

export const DEMAND_FIELDS = [
  { key: 'talking', label: '人と話す量' },
  { key: 'physical', label: '体力（からだの負担）' },
  { key: 'literacy', label: '読み書き' },
] as const;
export const DEMAND_LEVEL_LABELS: Record<string, string> = { low: '少ない', medium: 'ふつう', high: '多い' };

export const REWARD_LABELS: Record<string, string> = { unpaid: '無償', honorarium: '謝礼あり', paid: '有償（給与）' };

/** What a host may be shown of a person, by field (the consent scope). */
export const PERSON_FIELD_LABELS: Record<string, string> = {
  displayName: '呼び名',
  ageBand: '年代',
  strengths: '得意なこと・興味',
  considerationsForHost: '受入先に伝えたい配慮',
  healthNote: '健康状態',
  disabilityNote: '障害',
  criminalRecordNote: '犯罪歴等',
  householdNote: '世帯の状況',
};

export const CHECKPOINT_STATUS_LABELS: Record<string, string> = {
  scheduled: '予定',
  due: '確認の時期',
  overdue: '確認が遅れています',
  done: '確認済み',
  cancelled: '取りやめ',
};
