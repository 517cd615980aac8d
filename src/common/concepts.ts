import type { ResourceType } from './catalogue.constants';
import { normalizeJapanese } from './japanese/normalize';

/**
 * What a place is about and what a person wants to do there, in one small vocabulary of participation-support
 * concepts (docs/matching.md §8). Shared by the catalogue's index (resources.concepts, written with the lexical index)
 * and the search (matching/understanding/concepts.ts reads them from the needs). The local embedding model cannot tell
 * a person who wants to help (地域の役に立ちたい) from a place where people are helped, nor link a strength (手先が器用)
 * to the work that uses it (部品の分解); the lexical signal only meets the same word. A concept names such a link once,
 * with the words each side uses. Written from the field's kinds of places and people (../shared/domain.md), before the
 * held-out needs were read; a change to `resource` or `types` raises TEXT_RULES_VERSION so that stored rows follow.
 *
 * - `needs`: how a coordinator writes that a person wants it, is good at it, or refuses it (the polarity is decided by
 *   the clause, not here: see readConcepts in matching/understanding/concepts.ts).
 * - `resource`: how a host describes a place that is about it (title, description and tasks only — the fixed wording
 *   of demands and accommodations is not read).
 * - `types`: a resource of one of these types has the concept whatever its words (what kind of place it is).
 */
export interface Concept {
  code: string;
  label: string;
  needs: RegExp;
  resource?: RegExp;
  types?: readonly ResourceType[];
  /** Who is there is told in a place's description; what is done there, in its title and tasks. */
  audience?: true;
  /**
   * A skill one can be helped with (パソコン, 履歴書): a difficulty with it (「パソコンは触ったことがない」「履歴書の書き方も
   * 自信がない」) is a reason to look for support, not something to avoid; only an avoidance (避けたい, 嫌) counts.
   */
  learnable?: true;
  /**
   * The words by which the concept itself is refused, when only some of its words are: 「友達に会うのが怖い」 refuses
   * meeting friends, not every place to belong; 「居場所は苦手」 does.
   */
  refusedAs?: RegExp;
}

/** After who: a place with them (子どもがいる場所, 若い人の多い, 同年代と話せる), not a mere mention (子どもを預けて). */
const AMONG = '(?:[のが](?:いる|多い|多く|集まる|来る)|ばかり|向け|と(?:一緒|話|関わ|会)|の(?:人|方)?(?:と|が))';

export const CONCEPTS: readonly Concept[] = [
  // What kind of place: the person's intent.
  {
    code: 'work',
    label: '働く場',
    needs:
      /働きたい|働いてみたい|働ける|働く練習|仕事がしたい|仕事をしたい|仕事を探|就職|稼ぎ|稼げ|稼ぐ|収入|給料|工賃|お金になる|お金がほしい|お金が欲しい|アルバイト|バイト/u,
    types: ['work_experience'],
  },
  {
    code: 'contribute',
    // the type volunteer is part of it: 「お金にならないボランティアはやりたくない」 avoids this very concept
    label: 'ボランティア・人の役に立つ',
    needs:
      /役に立|役立|ボランティア|人のために|誰かのため|手伝いたい|お手伝いがしたい|恩返し|貢献|ありがとう|感謝され|喜ばれ|頼られ|相手になれ|おしゃべり相手/u,
    types: ['volunteer'],
  },
  {
    code: 'belong',
    label: '居場所',
    needs:
      /居場所|過ごせる場所|過ごせるところ|ほっと|ホッと|気晴らし|息抜き|くつろ|のんびり|話し相手|仲間がほしい|仲間が欲しい|友達|友だち|集まれる|安心できる場所|安心していられる|家以外|外に出るきっかけ|外出のきっかけ|たまり場/u,
    types: ['ibasho'],
    refusedAs: /居場所|集まれる|たまり場/u,
  },
  {
    code: 'learn',
    learnable: true,
    label: '学び直し・講座',
    needs: /勉強|学び直|学習|資格|講座|教わりたい|習いたい|覚えたい/u,
    // 学習支援 is tutoring others (childcare), not learning
    resource: /勉強(?!を見|を教え)|学び直|学習(?!支援|サポート)|講座|教室|資格/u,
  },
  {
    code: 'job_prep',
    learnable: true,
    label: '就職の準備',
    needs: /就職|履歴書|(?<!初回の?)面接|求人|ハローワーク|職業訓練|就労準備/u,
    resource: /就職|履歴書|面接|求人|ハローワーク|職業訓練|就労準備|応募書類/u,
  },
  {
    code: 'consult',
    learnable: true,
    label: '相談・当事者の集まり',
    needs: /相談したい|話を聞いてほしい|聞いてもらえる|同じ経験|同じような経験|当事者|同じ悩み|分かってもらえる/u,
    resource: /相談|ピアサポート|当事者|茶話会|自助|家族会|つどい/u,
  },
  {
    code: 'housing',
    label: '住まい',
    needs: /住まい|住む所|住むところ|住む場所|住める|家を出たい|部屋を借り|部屋が見つから|寝泊まり|住居|住み込み/u,
    types: ['housing_support'],
  },
  // What is done there.
  {
    code: 'farming',
    label: '農作業・園芸',
    needs: /畑|農作業|農業|野菜|土いじり|土を触|園芸|花を育て|植物|草取り|草むしり|収穫/u,
    resource: /畑|農作業|農業|野菜|田んぼ|果樹|収穫|植え付け|草取り|花苗|苗|園芸|花壇|ビニールハウス|いちご|みかん/u,
  },
  {
    code: 'handwork',
    label: '手作業・軽作業',
    needs:
      /手先|(?<!不)器用|手作業|細かい作業|単純作業|同じ作業|繰り返しの?作業|黙々と|コツコツ|こつこつ|内職|袋詰め|組み立て|組立|分解|仕分け|シール貼り|箱折り/u,
    resource: /袋詰め|箱折り|組み立て|組立|分解|仕分け|選別|パック詰め|シール貼り|内職|部品|検品|縫|網すき|手作業/u,
  },
  {
    code: 'cleaning',
    label: '清掃',
    needs: /掃除|清掃|片付け|片づけ|きれいにする|整理整頓|雪かき|除雪|草刈り|ごみ拾い|ゴミ拾い/u,
    resource: /掃除|清掃|片付け|片づけ|ベッドメイク|ごみ拾い|ゴミ拾い|草刈り|除雪|雪かき/u,
  },
  {
    code: 'cooking',
    label: '料理・食',
    needs:
      /料理|調理|お菓子|菓子づくり|菓子作り|(?<!\p{sc=Katakana})パン(?!\p{sc=Katakana})|下ごしらえ|弁当づくり|弁当作り|食事作り|ご飯を作|厨房|台所/u,
    resource:
      /料理|調理|お菓子|焼き菓子|(?<!\p{sc=Katakana})パン(?!\p{sc=Katakana})|弁当|配食|食堂|厨房|給食|まかない|仕込み|下処理|洗い物|皿洗い/u,
  },
  {
    code: 'crafts',
    label: 'ものづくり・修理',
    needs:
      /ものづくり|物づくり|もの作り|何かを作|工作|木工|大工|修理|(?:物|もの|機械|家電|壊れたもの)を直す|機械いじり|手芸|裁縫|縫い物|編み物|ミシン|道具/u,
    resource: /ものづくり|物づくり|(?<!パン|菓子|食品)工房|木工|大工|修理|修繕|手芸|裁縫|縫い|編み物|ミシン|工作|陶芸|網すき|薪/u,
  },
  {
    code: 'office',
    learnable: true,
    label: 'パソコン・事務',
    needs: /パソコン|PC|スマホ|エクセル|Excel|ワード|入力|事務(?!的|所)|データ|タイピング|数字に強|計算が得意|書類/u,
    resource: /パソコン|PC|入力|事務(?!所)|データ|文書|書類|スキャン|会計|集計/u,
  },
  {
    code: 'driving',
    label: '運転・配達',
    needs: /運転|ドライブ|配達|配送|免許がある|免許を持って|車が好き/u,
    resource: /運転|配達|配送|ドライバー|同乗|運搬/u,
  },
  {
    code: 'sales',
    label: '接客・販売',
    needs: /接客|販売|レジ(?![ャュ])|店番|売り場|お店|受付|お客/u,
    resource: /接客|販売|レジ(?![ャュ])|店番|売り場|受付|フロント|お客/u,
  },
  {
    code: 'elderly_care',
    label: '高齢者の支え',
    needs: /介護の仕事|介護に興味|介護職|お年寄りの役|高齢者の役|お年寄りと|高齢者と|高齢の方と|傾聴|聞き役|話し相手にな|お年寄りが好き/u,
    resource: /傾聴|話し相手|介護(?!者)|特養|老健|デイサービス|高齢者宅|見守り訪問|配食/u,
  },
  {
    code: 'childcare',
    label: '子どもと関わる',
    needs:
      /(?:子ども|子供|こども)と(?:関わ|遊|接|触れ合)|(?:子ども|子供|こども)が好き|子どもの役|学習支援|勉強を教え|教えるのが好き|保育(?!園|所)/u,
    resource: /子ども|子供|こども|児童|学習サポート|学習支援|中高生|小学生|保育|登下校|少年/u,
  },
  {
    code: 'animals',
    label: '動物',
    needs: /動物(?!アレルギー)|(?<![山])犬(?!山)|猫(?!背|舌|アレルギー)|ペット|(?<![競練群相])馬(?![鈴鹿券])|生き物/u,
    resource: /動物|(?<![山])犬(?!山)|猫|(?<![競練群相])馬(?![鈴鹿券])|牧場|飼育/u,
  },
  {
    code: 'exercise',
    label: '体を動かす',
    needs: /運動(?!会|機能)|体操|スポーツ|散歩|歩くのが好き|体を動か|体力をつけ|体力づくり|汗を流/u,
    resource: /体操|運動(?!会)|スポーツ|卓球|ウォーキング|散歩|さんぽ|野球|サッカー|グラウンドゴルフ|体を動かす|体力づくり/u,
  },
  {
    code: 'outdoors_nature',
    label: '自然の中',
    needs: /自然(?![にと])|(?<!\p{sc=Han})(?:山|森|海|川)(?![\p{sc=Han}さ])|山登り|森林|海辺|川沿い|外の空気|外で体を|外で作業|屋外/u,
    resource: /里山|山林|竹林|森林|(?<!\p{sc=Han})(?:山|森|海|川)(?![\p{sc=Han}さ])|浜辺|砂浜|海岸|自然(?![にと])|屋外|境内|公園/u,
  },
  {
    code: 'creative',
    label: '創作・趣味',
    needs: /絵を描|絵が好き|イラスト|音楽|楽器|歌|写真(?!付き)|ゲーム(?!依存)|ボードゲーム|将棋|囲碁|読書|漫画|アニメ|創作/u,
    resource: /絵|イラスト|音楽|楽器|合唱|写真|ゲーム|ボードゲーム|将棋|囲碁|読書|漫画|創作|アート/u,
  },
  // Who is there: mostly what a person wants to avoid (子どもがいる場所は避けたい), sometimes what they look for.
  {
    code: 'among_children',
    audience: true,
    label: '子どもがいる',
    needs: new RegExp(`(?:子ども|子供|こども|小学生|中学生|親子|赤ちゃん)${AMONG}`, 'u'),
    resource: /子ども|子供|児童|親子|小学生|中学生|中高生|赤ちゃん|子育て/u,
  },
  {
    code: 'among_elderly',
    audience: true,
    label: '高齢者が多い',
    needs: new RegExp(`(?:お年寄り|高齢者|年配の人|年配の方)${AMONG}`, 'u'),
    resource: /お年寄り|高齢者|年配|シニア|百歳体操|老人|特養|老健|認知症/u,
  },
  {
    code: 'among_youth',
    audience: true,
    label: '若い人が多い',
    needs: new RegExp(`(?:若い人|若者|同年代|同世代|同じ年頃|(?<![小中])学生)${AMONG}`, 'u'),
    resource: /若者|若い人|同世代|10代|20代|(?<![小中])学生|中高生/u,
  },
  {
    code: 'lively',
    audience: true,
    label: 'にぎやか・大勢',
    // 「若い人の多い」 is about who, not how many
    needs: /にぎやか|賑やか|大勢|大人数|(?<!若い|年配の|お年寄りの)人(?:が|の)多[いく]|うるさい|騒がしい|人混み|イベント|まつり|祭り/u,
    resource: /にぎやか|賑やか|大勢|大人数|イベント|大会(?!議)|祭り|まつり|おしゃべりを楽しん|談笑/u,
  },
];

/** The concepts a resource is about: its type, and the words of its title, description and tasks. */
export function resourceConcepts(r: { type: ResourceType; title: string; description: string; tasks: readonly string[] }): string[] {
  const what = normalizeJapanese([r.title, ...r.tasks].join('\n'));
  const all = `${what}\n${normalizeJapanese(r.description)}`;
  const said = (c: Concept) => {
    if (!c.resource) return false;
    if (!c.audience) return c.resource.test(what);
    // 「子どもはいません」「大勢で騒ぐことはありません」: a host saying who is NOT there
    return [...all.matchAll(new RegExp(c.resource.source, 'gu'))].some((m) => !DENIED_AFTER.test(all.slice(m.index + m[0].length)));
  };
  return CONCEPTS.filter((c) => c.types?.includes(r.type) || said(c)).map((c) => c.code);
}

/** A negation soon after, in the same sentence: 「子どもは いません」「騒ぐことは ありません」「にぎやかでは ない」. */
const DENIED_AFTER = /^[^。\n]{0,12}?(?:いません|ありません|いない|おりません|では(?:ない|なく)|じゃない)/u;

export const CONCEPT_CODES = CONCEPTS.map((c) => c.code);
export const CONCEPT_LABELS: Record<string, string> = Object.fromEntries(CONCEPTS.map((c) => [c.code, c.label]));
