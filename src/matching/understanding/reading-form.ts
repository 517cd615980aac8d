/**
 * Rules v3: the form the rules read (docs/matching.md §7 「v3」). Memos written by the person themselves or taken down
 * as heard are often in kana and spaced word by word (分かち書き with 全角 spaces: 「ひとが おおい ところが にがて」). Rather than a kana
 * twin of every pattern, the reader drops the spaces between Japanese characters and writes a short list of
 * unambiguous kana words in their usual kanji (にがて → 苦手, いっしょ → 一緒). `start` / `end` map every character of
 * the result back to the span of the text given it stands for, so phrases are still cited in the coordinator's own
 * characters.
 */

/** Spaces between two Japanese characters (not between ASCII words: 「1h 程度」 keeps its space). */
const SPACE_BETWEEN_JAPANESE = '(?<=[^\\x00-\\x7F])[ \\t\\u3000]+(?=[^\\x00-\\x7F])';

/**
 * Kana words and their kanji. Only words that are not part of common longer words, or with the context that makes
 * them so (あさ before a particle, not あさって; よる not after に: 「による」; むり not むりょう: 無料).
 */
const KANA_WORDS: Array<[string, string]> = [
  ['にがて', '苦手'],
  ['むずかしい', '難しい'],
  ['こわい', '怖い'],
  ['こわく', '怖く'],
  ['むり(?!ょ)', '無理'],
  ['しずか', '静か'],
  ['すわって', '座って'],
  ['すわれる', '座れる'],
  ['けんがく', '見学'],
  ['そうげい', '送迎'],
  ['ごぜんちゅう', '午前中'],
  ['ごぜん', '午前'],
  ['ごご', '午後'],
  ['ゆうがた', '夕方'],
  ['あさ(?=は|が|から|なら|の|に|だけ|おき|起き)', '朝'],
  ['ひる(?=から|すぎ|過ぎ|は|なら|まで|ま|いこう|以降)', '昼'],
  ['(?<!に)よる(?=は|なら|から|の|に|だけ|まで)', '夜'],
  ['かいわ', '会話'],
  ['はなす', '話す'],
  ['たいりょく', '体力'],
  ['おもいもの', '重いもの'],
  ['いっしょ', '一緒'],
  ['だれか', '誰か'],
  ['ひとり', '一人'],
  ['ひと(?=が|の|と|まえ|ごみ|みしり|見知り)', '人'],
  ['おおぜい', '大勢'],
  ['おおい', '多い'],
  ['すくない', '少ない'],
  ['きんじょ', '近所'],
  ['ちかく', '近く'],
  ['くるま', '車'],
  ['めんきょ', '免許'],
  ['うんてん', '運転'],
  ['しょくじ', '食事'],
  ['ごはん', 'ご飯'],
  ['おかね', 'お金'],
  ['やすみ', '休み'],
  ['やすん', '休ん'],
  ['じかん', '時間'],
  ['しごと', '仕事'],
  ['さぎょう', '作業'],
  ['かんじ(?=が|を|は|の|も)', '漢字'],
  ['よみかき', '読み書き'],
  ['そと(?=の|で|が|は|に|へ)', '外'],
  ['へいじつ', '平日'],
  ['どにち', '土日'],
];
const KANJI_OF = new Map(KANA_WORDS.map(([kana, kanji]) => [kana.replace(/\(.*?\)/gu, ''), kanji]));
const READING = new RegExp(`${SPACE_BETWEEN_JAPANESE}|${KANA_WORDS.map(([kana]) => kana).join('|')}`, 'gu');

/**
 * The text the rules read; for each of its characters, the span [start, end) of `text` it stands for (a kanji of a
 * folded word stands for the whole kana word). `cite(from, to)` is the span of `text` behind out[from, to).
 */
export function readingForm(text: string): { text: string; cite: (from: number, to: number) => [number, number] } {
  const start: number[] = [];
  const end: number[] = [];
  let out = '';
  let from = 0;
  const copy = (to: number) => {
    for (let i = from; i < to; i++) {
      start.push(i);
      end.push(i + 1);
    }
    out += text.slice(from, to);
  };
  for (const m of text.matchAll(READING)) {
    copy(m.index);
    const kanji = KANJI_OF.get(m[0]);
    if (kanji) {
      for (let i = 0; i < kanji.length; i++) {
        start.push(m.index);
        end.push(m.index + m[0].length);
      }
      out += kanji;
    }
    from = m.index + m[0].length;
  }
  copy(text.length);
  const cite = (a: number, b: number): [number, number] =>
    b <= a ? [start[a] ?? text.length, start[a] ?? text.length] : [start[a], end[b - 1]];
  return { text: out, cite };
}
