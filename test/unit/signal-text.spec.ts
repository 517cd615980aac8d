import { Logger } from '@nestjs/common';
import { JapaneseTokenizer } from '../../src/common/japanese/tokenizer';
import { signalText, type SignalTextOptions } from '../../src/matching/understanding/signal-text';

/**
 * The text the vector and lexical signals read: phrases of avoidance, refusal and negation left out
 * (bench/signal-text.ts). Sentences written for these tests, not taken from the dev set.
 */
describe('signalText', () => {
  const tokenizer = new JapaneseTokenizer();
  beforeAll(async () => {
    Logger.overrideLogger(false);
    await tokenizer.ready();
  });
  const read = (text: string, options?: SignalTextOptions) => signalText(text, (t) => tokenizer.tokens(t), options).text;

  it.each([
    // avoidance: the refused phrase goes, what follows a reason particle stays
    ['人混みは苦手なので静かな所がいい。', '静かな所がいい。'],
    ['うるさい場所や子どもが多い所は遠慮したい。絵を描くのが好き。', '絵を描くのが好き。'],
    ['猫の世話はしたくない。犬が好き。', '犬が好き。'],
    ['体を使う仕事は向いていない。パソコンなら得意。', 'パソコンなら得意。'],
    ['電車に乗るのは怖くて、家の近くがいい。', '家の近くがいい。'],
    ['ボランティアの集まりは性に合わない。庭仕事がしたい。', '庭仕事がしたい。'],
    // no need of something
    ['報酬はもらえなくてもいい。絵を描くのが好き。', '絵を描くのが好き。'],
    ['送迎は不要。図書館の手伝いがしたい。', '図書館の手伝いがしたい。'],
    // contrast: what is set aside goes, what is wanted stays
    ['大勢の集まりではなく、少人数で何かしたい。', '少人数で何かしたい。'],
    ['料理より掃除がしたい。', '掃除がしたい。'],
    ['力仕事じゃなければ何でもやる。', '何でもやる。'],
    // a list of noun phrases shares the refusal after it
    ['騒がしいお店、人が多いイベント、運動系のサークルは避けたい。畑仕事ならやってみたい。', '畑仕事ならやってみたい。'],
    ['大きな音、人混み、接客はどれも無理。絵なら描ける。', '絵なら描ける。'],
    // a heading that refuses what it lists
    ['避けたいこと：電話、パソコン、接客。できること：掃除、片付け。', 'できること:掃除、片付け。'],
    // a denied refusal: the topic is wanted, only the refusal words go
    ['人前で話すのは苦手ではない。', '人前で話すのは。'],
    ['数字を扱うのは嫌いじゃない。', '数字を扱うのは。'],
    ['力仕事が苦手なわけではない。', '力仕事が。'],
  ])('%s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each([
    // not refusals
    '無理のない範囲で、図書館の手伝いがしたい。',
    '体への負担が少ない作業がいい。',
    '接客が得意で、人と話すのが好き。',
    '料理も掃除もできる。',
    '無料の講座があれば行きたい。',
  ])('keeps %s whole', (text) => expect(read(text)).toBe(text));

  it('keeps a time said before a refusal in its own phrase: 「週1回、」 is not an item of what is refused', () => {
    expect(read('週1回、朝は無理。午後なら行ける。')).toBe('週1回、午後なら行ける。');
  });

  it('reads the whole text when nothing would be left', () => {
    expect(read('接客はあまり得意ではない。')).toBe('接客はあまり得意ではない。');
    expect(signalText('お年寄りと話すのは嫌。', (t) => tokenizer.tokens(t)).dropped).toEqual([]);
  });

  it('normalises like the other signals (NFKC) and reports the spans left out', () => {
    const r = signalText('ＰＣ作業は無理。畑がいい。', (t) => tokenizer.tokens(t));
    expect(r.text).toBe('畑がいい。');
    expect(r.dropped).toEqual([[0, 8]]);
  });

  it('leaves the kinds not asked for', () => {
    expect(read('重い物を運ぶのは無理。人混みは避けたい。', { kinds: ['avoid'] })).toBe('重い物を運ぶのは無理。');
    expect(read('人前で話すのは苦手ではない。', { denied: 'keep' })).toBe('人前で話すのは苦手ではない。');
  });
});
