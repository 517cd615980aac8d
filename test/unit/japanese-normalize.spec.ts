import { ITAIJI, foldItaiji } from '../../src/common/japanese/itaiji';
import { normalizeJapanese } from '../../src/common/japanese/normalize';

/** [as typed, usual form]: each pair must normalise to the same text. */
const SAME_WORD: Array<[string, string]> = [
  // width variants
  ['ﾊﾟｿｺﾝ', 'パソコン'],
  ['ＰＣ', 'PC'],
  ['ＤＶＤ', 'DVD'],
  ['ｺｰﾋｰ', 'コーヒー'],
  ['ｶﾞｰﾃﾞﾆﾝｸﾞ', 'ガーデニング'],
  ['１２３', '123'],
  ['データ　入力', 'データ 入力'],
  // long-vowel marks typed after katakana
  ['ゲ－ム', 'ゲーム'],
  ['ゲ―ム', 'ゲーム'],
  ['ゲ‐ム', 'ゲーム'],
  ['ゲ-ム', 'ゲーム'],
  ['ゲ〜ム', 'ゲーム'],
  ['ゲ～ム', 'ゲーム'],
  ['ゲ~ム', 'ゲーム'],
  ['ゲ—ム', 'ゲーム'],
  ['ゲ−ム', 'ゲーム'],
  ['ｹﾞｰﾑ', 'ゲーム'],
  ['ゲーーム', 'ゲーム'],
  ['ボランティア・サ－クル', 'ボランティア・サークル'],
  // 異体字・旧字体 in names, places and words
  ['髙橋', '高橋'],
  ['山﨑', '山崎'],
  ['宮嵜', '宮崎'],
  ['渡邊', '渡辺'],
  ['渡邉', '渡辺'],
  ['齋藤', '斎藤'],
  ['濵田', '浜田'],
  ['濱田', '浜田'],
  ['德島', '徳島'],
  ['櫻井', '桜井'],
  ['澤田', '沢田'],
  ['國分寺', '国分寺'],
  ['會議', '会議'],
  ['驛前', '駅前'],
  ['縣道', '県道'],
  ['廣島', '広島'],
  ['惠子', '恵子'],
  ['龍ケ崎', '竜ケ崎'],
  ['𠮷田', '吉田'],
  ['中嶋', '中島'],
  ['冨田', '富田'],
  ['大舘', '大館'],
  ['峯岸', '峰岸'],
  ['學習支援', '学習支援'],
  ['體操', '体操'],
  ['鷗外', '鴎外'],
  ['神奈川', '神奈川'], // compatibility ideograph 神 (U+FA19), folded by NFKC
  ['ﾎﾞﾗﾝﾃｨｱで髙齢者の傾聴', 'ボランティアで高齢者の傾聴'],
];

/** Different words that must stay apart. */
const DIFFERENT: Array<[string, string]> = [
  ['埼玉', '崎玉'],
  ['一斉', '一斎'],
  ['藤', '籐'],
  ['ルーム-2', 'ルームー2'],
  ['A-B', 'AーB'],
];

describe('normalizeJapanese', () => {
  it.each(SAME_WORD)('treats %p and %p as the same word', (typed, usual) => {
    expect(normalizeJapanese(typed)).toBe(normalizeJapanese(usual));
  });

  it.each(DIFFERENT)('keeps %p and %p apart', (a, b) => {
    expect(normalizeJapanese(a)).not.toBe(normalizeJapanese(b));
  });

  it('repairs long vowels to ー and keeps hyphens elsewhere', () => {
    expect(normalizeJapanese('ゲ－ム')).toBe('ゲーム');
    expect(normalizeJapanese('1−2−3')).toBe('1-2-3');
    expect(normalizeJapanese('10時〜12時')).toBe('10時~12時');
    expect(normalizeJapanese('ルーム-2')).toBe('ルーム-2');
  });

  it.each([...SAME_WORD.map(([a]) => a), ...DIFFERENT.flat()])('is idempotent on %p', (text) => {
    expect(normalizeJapanese(normalizeJapanese(text))).toBe(normalizeJapanese(text));
  });
});

describe('itaiji table', () => {
  it('has a few hundred pairs, none folding to another variant, none NFKC already folds', () => {
    expect(ITAIJI.size).toBeGreaterThan(300);
    for (const [variant, usual] of ITAIJI) {
      expect({ variant, usual, chained: ITAIJI.has(usual) }).toEqual({ variant, usual, chained: false });
      expect({ variant, nfkc: variant.normalize('NFKC') }).toEqual({ variant, nfkc: variant });
      expect(variant).not.toBe(usual);
    }
  });

  it('folds characters outside the BMP', () => {
    expect(foldItaiji('𠮷野家')).toBe('吉野家');
  });
});
