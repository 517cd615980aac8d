import { understandingForTests } from '../support/understanding';
import { parseNumber } from '../../src/matching/understanding/rules';

/** 希望文の読み取り: the tricky cases of docs/understanding-labels.md, one expectation each (the real kuromoji). */
describe('understandNeeds', () => {
  const { understand, read } = understandingForTests();

  it('reads the guide example with the phrase each value came from', () => {
    const found = understand('人と話すのが苦手で、午後からなら週１回くらい行けそうです。');
    expect(found).toEqual(
      expect.arrayContaining([
        { phrase: '人と話すのが苦手', field: 'avoid', value: 'talking' },
        { phrase: '午後から', field: 'timeOfDay', value: 'afternoon' },
        // the phrase is the coordinator's own characters (全角 kept), the value is parsed after NFKC
        { phrase: '週１回', field: 'sessionsPerWeek', value: 1 },
      ]),
    );
    expect(found).toHaveLength(3);
  });

  it.each([
    ['人と話すのは苦手ではない。', []],
    ['本人曰く「話すのは別に嫌じゃない」。ただ、体を動かすのは苦手。', ['avoid=physical']],
    ['腰が悪いわけではない。', []],
    ['重い物を持つのは問題ないです。', []],
    ['体力はあるので力仕事も大丈夫。', []],
    ['人と話すのが好きで、接客もやってみたいそうです。', []],
    ['体を動かすのは嫌いではない。', []],
    ['人と話すのは得意ではない。', ['avoid=talking']],
  ])('negation and liking: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['母が腰が悪くて、通院の付き添いをしている。', []],
    ['父は人と話すのが苦手で、家にいることが多い。', []],
    ['母は腰が悪く、重い物が持てない。', []],
    ['家族が送迎してくれるので移動は問題ない。', []],
    ['父が入院中なので、土日なら動ける。', ['availableDays=sat', 'availableDays=sun']],
    // the family member becomes the subject only from where it is named; a companion is not a subject
    ['土日なら家族が車で送ってくれる。', ['availableDays=sat', 'availableDays=sun']],
    ['最初は母親が一緒なら出られそう。', ['preferredAccommodations=accompany_ok']],
    ['近所の人とおしゃべりするのが好きだった。', []],
    ['母親は早く働いてほしいと考えているが、本人はまずはお試しでいいと話していた。', ['preferredAccommodations=trial_ok']],
  ])('someone else: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['以前は人と話すのが苦手だったが、今は平気とのこと。', []],
    ['人と話すのが苦手だったけど、今は慣れてきた。', []],
    ['以前は腰が悪かったが、今は治って力仕事もできる。', []],
    ['以前は工場にいたが腰を痛めて退職。今も長時間の立ち仕事は難しい。', ['avoid=physical']],
  ])('past that is over: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    [
      '月曜以外なら大丈夫です。',
      ['availableDays=fri', 'availableDays=sat', 'availableDays=sun', 'availableDays=thu', 'availableDays=tue', 'availableDays=wed'],
    ],
    [
      '日曜じゃなければ行ける。',
      ['availableDays=fri', 'availableDays=mon', 'availableDays=sat', 'availableDays=thu', 'availableDays=tue', 'availableDays=wed'],
    ],
    ['平日は仕事があるので土日のみ。', ['availableDays=sat', 'availableDays=sun']],
    // v4: a refused day with no day given leaves the other days (was: nothing)
    ['土日はダメ。', ['availableDays=fri', 'availableDays=mon', 'availableDays=thu', 'availableDays=tue', 'availableDays=wed']],
    ['月、水、金の午前なら通える。', ['availableDays=fri', 'availableDays=mon', 'availableDays=wed', 'timeOfDay=morning']],
    ['月２回くらい。毎日家にいる。', ['sessionsPerWeek=0.5']],
  ])('days: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['午前中は無理だけど、午後からなら大丈夫。', ['timeOfDay=afternoon']],
    ['夜は家族の世話があるので無理。', []],
    ['朝が苦手で、昼夜逆転気味。', ['timeOfDay=afternoon']],
  ])('time of day, clause by clause: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['週２〜３回通えるところ。', ['sessionsPerWeek=3']],
    ['週三日くらいなら無理なく続けられそう。', ['sessionsPerWeek=3']],
    ['１〜２時間程度の活動がよい。', ['sessionMinutes=120']],
    ['半日くらいなら頑張れる。', ['sessionMinutes=240']],
    ['最初は1時間半程度で。', ['sessionMinutes=90']],
    ['バスで片道40分くらいまでなら通える。', ['maxTravelMinutes=40']],
    ['移動は1時間以内でお願いしたい。', ['maxTravelMinutes=60']],
    ['20代男性。5年ほど自宅にこもりがち。', []],
  ])('numbers: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['一人では不安なので、最初は誰かと一緒なら行けるかも。', ['preferredAccommodations=accompany_ok']],
    ['オンラインは苦手なので、実際に通える場所がいい。', []],
    ['送迎はなくても大丈夫です。', []],
    ['若い人が多い所は苦手なので、年配の方が多い所がいい。', []],
    ['近所だと知り合いに会うのが嫌なので、少し離れた所がいい。', []],
    ['畑とか外の作業は嫌。', ['setting=indoor']],
    ['とにかく外に出るきっかけがほしい。', []],
    ['車も自転車もないので歩いて行ける範囲で。', ['travel=near_home', 'travel=no_car']],
    ['一人で黙々とできる作業。', ['preferredAccommodations=solo_work']],
    ['できれば静かな所がいい。', ['preferredAccommodations=quiet']],
  ])('wishes, refused wishes, the more specific field: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it('parses kanji numbers', () => {
    expect([parseNumber('三'), parseNumber('十'), parseNumber('十二'), parseNumber('二十'), parseNumber('2.5')]).toEqual([
      3, 10, 12, 20, 2.5,
    ]);
  });

  it('keeps the original characters in the phrase when normalisation keeps the length', () => {
    const [u] = understand('ＰＣは苦手じゃないが、接客は無理。');
    expect(u).toEqual({ phrase: '接客は無理', field: 'avoid', value: 'talking' });
  });
});
