import { Logger } from '@nestjs/common';
import { JapaneseTokenizer } from '../../src/common/japanese/tokenizer';
import { CONCEPTS, resourceConcepts } from '../../src/common/concepts';
import { conceptSignal, readConcepts } from '../../src/matching/understanding/concepts';
import { NeedsUnderstanding } from '../../src/matching/understanding/needs-understanding';
import { mergeUnderstood } from '../../src/matching/understanding/preferences';
import { isUnderstoodValue } from '../../src/matching/understanding/vocabulary';

/** Concepts (docs/matching.md §8): sentences written for these tests, not taken from the dev or held-out sets. */
describe('concepts', () => {
  const tokenizer = new JapaneseTokenizer();
  const understanding = new NeedsUnderstanding(tokenizer);
  beforeAll(async () => {
    Logger.overrideLogger(false);
    await tokenizer.ready();
  });
  const concepts = (text: string) =>
    understanding
      .read(text)
      .filter((u) => u.field === 'concept' || u.field === 'avoidConcept')
      .map((u) => `${u.field === 'concept' ? '+' : '-'}${u.value}(${u.phrase})`);

  describe('resourceConcepts', () => {
    const resource = (over: Partial<Parameters<typeof resourceConcepts>[0]>) =>
      resourceConcepts({ type: 'other', title: '', description: '', tasks: [], ...over });

    it('gives the kind of place from the type', () => {
      expect(resource({ type: 'work_experience' })).toEqual(['work']);
      expect(resource({ type: 'volunteer' })).toEqual(['contribute']);
      expect(resource({ type: 'ibasho' })).toEqual(['belong']);
      expect(resource({ type: 'housing_support' })).toEqual(['housing']);
      expect(resource({ type: 'other' })).toEqual([]);
    });

    it('reads what is done from the title and tasks only, who is there also from the description', () => {
      expect(resource({ title: '部品の袋詰め', tasks: ['検品'] })).toEqual(['handwork']);
      // the description mentions a field and children: only the audience counts
      const cafe = resource({ title: '喫茶スペース', description: '畑で採れた野菜を使います。子育て中の親子が立ち寄ります。' });
      expect(cafe).toEqual(['among_children']);
      expect(resource({ title: 'リユース自転車の整備', tasks: ['パンク修理'] })).toEqual(['crafts']); // パンク is not パン
    });

    it('does not take who is NOT there for who is, nor a word inside another word', () => {
      expect(resource({ title: '静かな読書室', description: '大勢で騒ぐことはありません。子どもはいません。' })).toEqual(['creative']);
      expect(resource({ title: '大会議室での封入作業', tasks: ['封入'] })).toEqual([]);
      expect(resource({ title: '小学生の登下校見守り' })).toEqual(['childcare', 'among_children']);
      expect(resource({ title: 'パン工房の袋詰め' })).toEqual(['handwork', 'cooking']);
    });

    it('uses the same normalisation as the rest of the index (half-width katakana)', () => {
      expect(resource({ title: 'ﾊﾟｿｺﾝ入力' })).toEqual(['office']);
    });
  });

  describe('readConcepts (through NeedsUnderstanding.read)', () => {
    it.each([
      // a strength or a wish is wanted; a refused or hard thing is avoided
      ['手先は器用。子どもがいる場所は避けたい。', ['+handwork(手先)', '-among_children(子どもがいる)']],
      ['接客は無理だけど、掃除なら得意です。', ['+cleaning(掃除)', '-sales(接客)']],
      ['地域の役に立ちたい。', ['+contribute(役に立)']],
      ['気晴らしできる場所があれば。', ['+belong(気晴らし)']],
      // a learnable skill named as a difficulty is a reason for support, not something to avoid
      ['パソコンは苦手です。', []],
      ['パソコンは避けたい。', ['-office(パソコン)']],
      // something not needed is neither wanted nor avoided
      ['給料は出なくてもいい。', []],
      // a mere mention of people is no place among them
      ['子どもを実家に預けられる日なら行ける。', []],
      // wanted and avoided at once: left to the other signals
      ['料理は好きだが、料理を人に出すのは怖い。', []],
      // a concept named as a fact, not a wish, gives nothing (v2, after a red-team of 149 sentences)
      ['母の年金収入で暮らしている。', []],
      ['ゲーム依存で昼夜逆転している。', []],
      ['料理はしたことがない。', []],
      // someone else's activity is not the person's (clauses.ts)
      ['父は大工だった。本人は外に出るきっかけがほしい。', ['+belong(外に出るきっかけ)']],
      // a past that ended badly is no wish; a wish after it is
      ['以前は接客をしていたが、トラブルで辞めた。', []],
      ['工場は辞めたが、畑仕事ならやってみたい。', ['+farming(畑)']],
      // a strength denied, a dislike said plainly, a heading with an arrow
      ['手先が器用というわけではない。', []],
      ['歌うのは好きではない。', ['-creative(歌)']],
      ['できないこと→力仕事、運転', ['-driving(運転)']],
      // meeting friends refused is not every place to belong refused
      ['友達に会うのが怖い。', []],
      // no interest is a refusal (a new-user trial: 「農作業には興味がない」 was read as a wish); an interest is a wish
      ['農作業には興味がない。', ['-farming(農作業)']],
      ['料理に興味がある。', ['+cooking(料理)']],
      ['お金にならないボランティアはやりたくない。', ['-contribute(ボランティア)']],
      // a word inside another word
      ['長いスパンで見守ってほしい。沢山の人がいる所は苦手。', []],
    ])('%s', (text, expected) => {
      expect(concepts(text).sort()).toEqual([...expected].sort());
    });

    it('cites the coordinator’s own characters when normalisation keeps the length', () => {
      expect(concepts('ＰＣが得意')).toEqual(['+office(ＰＣ)']);
      expect(concepts('ﾊﾟｿｺﾝが得意')).toEqual(['+office(パソコン)']); // ﾊﾟ is two characters: the normalised text is cited
    });

    it('reads avoidance when the whole text is a refusal (signalText would keep it all)', () => {
      const spans = { avoided: [[0, 9]] as Array<[number, number]>, difficult: [], unneeded: [] };
      expect(readConcepts('にぎやかな所は避けたい', spans, (t) => tokenizer.tokens(t))).toEqual([
        { phrase: 'にぎやか', field: 'avoidConcept', value: 'lively' },
      ]);
      expect(concepts('にぎやかな所は避けたい')).toEqual(['-lively(にぎやか)']);
    });
  });

  describe('conceptSignal', () => {
    it('is the share of wanted concepts met (at most two counted), minus one for anything avoided', () => {
      expect(conceptSignal(['work', 'handwork'], ['handwork'])).toBe(1);
      expect(conceptSignal(['work'], ['handwork', 'work'])).toBe(0.5);
      expect(conceptSignal(['work'], ['handwork', 'work', 'farming'])).toBe(0.5); // capped at two
      expect(conceptSignal(['work', 'among_children'], ['work'], ['among_children'])).toBe(0);
      expect(conceptSignal(['among_children'], [], ['among_children'])).toBe(-1);
      expect(conceptSignal(['work'], [], [])).toBe(0);
    });
  });

  it('merges concepts into the preferences, labelled, and drops what the coordinator removed', () => {
    const read = understanding.read('手先は器用。にぎやかな所は避けたい。');
    const merged = mergeUnderstood({}, read);
    expect(merged.preferences.concept).toEqual(['handwork']);
    expect(merged.preferences.avoidConcept).toEqual(['lively']);
    const labels = merged.understood.filter((u) => u.field.endsWith('oncept')).map((u) => u.label);
    expect(labels.sort()).toEqual(['希望する内容: 手作業・軽作業', '避けたい内容: にぎやか・大勢']);
    const ignored = mergeUnderstood({}, read, [{ field: 'concept', value: 'handwork' }]);
    expect(ignored.preferences.concept).toBeUndefined();
    expect(isUnderstoodValue('concept', 'handwork')).toBe(true);
    expect(isUnderstoodValue('avoidConcept', 'no-such-concept')).toBe(false);
  });

  it('reads a text once and gives copies from then on (a chip removed searches the same text again)', () => {
    const spy = jest.spyOn(understanding, 'constraints');
    const text = '手先は器用。午後から週1回くらいなら。';
    const first = understanding.read(text);
    first[0].phrase = 'changed by a caller';
    const again = understanding.read(text);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(again).toEqual(understanding.read(text));
    expect(again.map((u) => u.phrase)).not.toContain('changed by a caller');
    spy.mockRestore();
  });

  it('has unique codes and labels, and patterns that match no empty string', () => {
    expect(new Set(CONCEPTS.map((c) => c.code)).size).toBe(CONCEPTS.length);
    expect(new Set(CONCEPTS.map((c) => c.label)).size).toBe(CONCEPTS.length);
    for (const c of CONCEPTS) {
      expect(c.needs.test('')).toBe(false);
      expect(c.resource?.test('') ?? false).toBe(false);
      expect(c.resource || c.types).toBeTruthy();
    }
  });
});
