import { clean } from './cell-parsers';

/**
 * The columns of the service's template, in order, and the headers people use for them in their own lists.
 * The first header of each is the template's (and the export's); the others are recognised on import.
 */
export const IMPORT_FIELDS = {
  externalId: ['外部ID', '管理番号', '資源ID', '整理番号', 'ID'],
  organizationName: ['団体名', '事業所名', '法人名', '団体・事業所名', '運営団体', '実施団体', '受入先', '受入先名', '主催', '団体'],
  organizationKind: ['法人格・種別', '法人格', '種別', '団体種別', '法人種別', '団体の種類'],
  type: ['分類', '種類', '資源の種類', '区分', 'カテゴリ', '活動の種類', '活動分類'],
  title: ['活動名', '事業名', '名称', '資源名', 'プログラム名', '活動・事業名', '事業・活動名'],
  description: ['活動内容', '内容', '事業内容', '説明', '概要', '活動の説明'],
  tasks: ['作業内容', '作業', '主な作業'],
  target: ['対象', '対象者'],
  area: ['地区', '圏域', '地域', 'エリア', '校区', '日常生活圏域'],
  address: ['住所', '所在地', '活動場所', '場所'],
  nearestStation: ['最寄り駅', '最寄駅', '最寄りのバス停', '最寄り駅・バス停'],
  accessMinutes: ['駅からの分数', '駅から徒歩', '徒歩', '所要時間'],
  days: ['曜日・時間', '曜日', '活動曜日', '開催曜日', '日時', '開催日', '活動日', '開催日時'],
  time: ['時間', '時間帯', '活動時間', '開催時間'],
  frequency: ['頻度', '開催頻度', '回数'],
  capacity: ['定員', '受入人数', '受入れ人数', '受け入れ人数', '募集人数', '人数'],
  vacancies: ['空き', '空き人数', '空き状況', '残り', '空き数'],
  reward: ['費用・謝礼', '費用', '謝礼', '報酬', '参加費', '有償・無償', '謝金'],
  accommodations: ['配慮・受入れ条件', '配慮', '受入れ条件', '受入条件', '特徴'],
  visit: ['見学', '見学可', '見学の可否'],
  accompany: ['同行', '同行可'],
  trial: ['体験', '体験可'],
  demandTalking: ['会話の量', '会話', '人と話す'],
  demandPhysical: ['体力', '身体的負担', '体力の負担'],
  demandLiteracy: ['読み書き'],
  acceptsOutsideEligibility: ['対象外の受入れ', '対象外受入', '制度外の受入れ', '対象外'],
  status: ['状態', '受付状況', 'ステータス'],
  contactPerson: ['担当者', '担当', '担当者名'],
  phone: ['電話', '電話番号', 'TEL', '連絡先電話', '連絡先電話番号', '担当者電話番号', '携帯', '携帯電話'],
  email: ['メール', 'メールアドレス', 'E-mail', 'Email', 'mail', '連絡先メール', '担当者メール'],
  contact: ['連絡先', '問い合わせ先', '問合せ先', '問い合わせ', '担当者連絡先', '担当連絡先'],
  notes: ['備考', 'メモ', '特記事項'],
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_NAMES = Object.keys(IMPORT_FIELDS) as ImportField[];

/** The template's columns: what the export writes, in order (target, notes, visit… fold into other columns). */
export const TEMPLATE_FIELDS: ImportField[] = [
  'externalId',
  'organizationName',
  'organizationKind',
  'type',
  'title',
  'description',
  'tasks',
  'area',
  'address',
  'nearestStation',
  'accessMinutes',
  'days',
  'frequency',
  'capacity',
  'vacancies',
  'reward',
  'accommodations',
  'demandTalking',
  'demandPhysical',
  'demandLiteracy',
  'acceptsOutsideEligibility',
  'status',
  'contactPerson',
  'phone',
  'email',
];
export const TEMPLATE_HEADERS = TEMPLATE_FIELDS.map((f) => IMPORT_FIELDS[f][0]);

/** A header as compared: normalised, without spaces, marks and a trailing note in brackets (「定員（人）」→「定員」). */
export function headerKey(header: string): string {
  return clean(header)
    .replace(/[(（【[].*?[)）】\]]/g, '')
    .replace(/[\s※*◆■●★:：]/g, '')
    .toLowerCase();
}

const KNOWN = new Map<string, ImportField>();
for (const field of IMPORT_FIELD_NAMES) for (const h of IMPORT_FIELDS[field]) KNOWN.set(headerKey(h), field);

/** column index → field (or absent): the column mapping of one import. */
export type ColumnMapping = Record<number, ImportField>;

/**
 * Guesses the mapping of a header row: the user's own choices first (explicit, then remembered ones),
 * then the known headers, then a header with a contact word (連絡先, 電話, TEL, メール) as a contact field, then a header
 * that starts with a known one, the longest winning (「活動内容・特徴」→ description).
 * A field is taken by the first column that claims it.
 */
export function guessMapping(
  headers: string[],
  explicit: Record<string, ImportField | null> = {},
  remembered: Record<string, ImportField> = {},
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<ImportField>();
  const claim = (index: number, field: ImportField | null | undefined) => {
    if (!field || taken.has(field) || mapping[index]) return;
    mapping[index] = field;
    taken.add(field);
  };
  const explicitByKey = new Map(Object.entries(explicit).map(([h, f]) => [headerKey(h), f]));
  const rememberedByKey = new Map(Object.entries(remembered).map(([h, f]) => [headerKey(h), f]));
  const keys = headers.map(headerKey);
  const ignored = new Set(keys.filter((k) => explicitByKey.has(k) && explicitByKey.get(k) === null));
  keys.forEach((k, i) => claim(i, explicitByKey.get(k)));
  keys.forEach((k, i) => !ignored.has(k) && claim(i, rememberedByKey.get(k)));
  keys.forEach((k, i) => !ignored.has(k) && claim(i, KNOWN.get(k)));
  // A header naming a way to reach someone is a contact column wherever the word stands: 「担当者連絡先」 holds a
  // number, not a name, and the prefix rule below would have read it as 担当者 (the host's 担当者 then showed a phone).
  keys.forEach((k, i) => {
    if (!k || ignored.has(k) || mapping[i]) return;
    claim(i, contactField(k));
  });
  keys.forEach((k, i) => {
    if (!k || ignored.has(k) || mapping[i]) return;
    const prefix = [...KNOWN.entries()]
      .filter(([known]) => known.length >= 2 && k.startsWith(known))
      .sort((a, b) => b[0].length - a[0].length)[0];
    claim(i, prefix?.[1]);
  });
  return mapping;
}

/** The contact field a header names by one of its words (normalised key), or undefined. */
function contactField(key: string): ImportField | undefined {
  const mail = /メール|mail/.test(key);
  const phone = /電話|tel|携帯/.test(key) && !/fax/.test(key);
  if (mail && !phone) return 'email';
  if (phone && !mail) return 'phone';
  if (mail || phone || /連絡先|問い?合わ?せ/.test(key)) return 'contact';
  return undefined;
}

/**
 * The header row: among the first 30 rows, the one whose cells name the most known columns (a title row,
 * a date line or an empty row above the header is common). Null when no row names both a host and an activity.
 */
export function findHeaderRow(
  rows: string[][],
  explicit: Record<string, ImportField | null> = {},
  remembered: Record<string, ImportField> = {},
) {
  let best: { index: number; mapping: ColumnMapping; score: number } | null = null;
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const mapping = guessMapping(rows[i], explicit, remembered);
    const fields = Object.values(mapping);
    const score = fields.length;
    if (!fields.includes('organizationName') || !fields.includes('title')) continue;
    if (!best || score > best.score) best = { index: i, mapping, score };
  }
  return best;
}
