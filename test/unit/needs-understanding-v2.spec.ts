import { understandingForTests } from '../support/understanding';

/**
 * Rules v2 (docs/matching.md §7 「v2」): one block per mechanism, with sentences written for these tests (not copied from
 * the labelled sets).
 */
describe('understandNeeds v2', () => {
  const { read } = understandingForTests();
  const days = (text: string) => read(text).filter((s) => s.startsWith('availableDays'));

  it.each([
    ['水曜は通院があるので、ほかの日なら行けます。', ['mon', 'tue', 'thu', 'fri', 'sat', 'sun']],
    ['火曜と金曜は作業所があるから、それ以外で。', ['mon', 'wed', 'thu', 'sat', 'sun']],
    ['土日は家族の世話があるので、平日に。', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['月曜から木曜のどこかで。', ['mon', 'tue', 'wed', 'thu']],
    ['月曜から水曜までデイケアなので、木曜か金曜。', ['thu', 'fri']],
    ['日曜は体調がいいので、日曜日に。', ['sun']],
  ])('days named as taken are not available; それ以外 gives the others: %s', (text, expected) =>
    expect(days(text)).toEqual(expected.map((d) => `availableDays=${d}`).sort()),
  );

  it.each([
    ['夕方は子どもの習い事があるので、昼過ぎなら。', ['timeOfDay=afternoon']],
    ['妻が夜勤の日があるので、夕方は家にいたい。午前中なら。', ['timeOfDay=morning']],
    ['午前は弟を送っていくので、午後。', ['timeOfDay=afternoon']],
    ['朝から昼まで作業所なので、夕方。', ['timeOfDay=evening']],
    ['午後は調子がいいから、午後がいい。', ['timeOfDay=afternoon']],
  ])('a time named as taken or wanted at home is not read: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['人前で話すのが苦手なのは兄のほうで、本人はよく話す。', []],
    ['重い物が持てないのは祖母で、本人は元気です。', []],
    ['母が買い物に行く水曜の午後なら出られる。', ['availableDays=wed', 'timeOfDay=afternoon']],
    ['父が腰を痛めている日は付き添うので、金曜なら。', ['availableDays=fri']],
  ])('third person: cleft and relative clauses: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['小学生の頃は漢字が苦手だったけど、今は読書が趣味。', []],
    ['学生時代は人と話すのが怖かった。', []],
    ['今は一人でバスに乗って通院できる。', []],
    ['祖父は「体力がない」と言うが、本人は体力がないとは思っていない。', []],
  ])('past, getting about alone and a denied claim: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['電車で20分くらいまでなら。', ['maxTravelMinutes=20']],
    ['４５分以内で行けるところ。', ['maxTravelMinutes=45']],
    ['自転車で通えて、２０分以内なら。', ['maxTravelMinutes=20', 'travel=near_home']],
    ['１時間～２時間くらい作業したい。', ['sessionMinutes=120']],
    ['２時間以上は集中がもたない。', []],
    ['まずは２０分～１時間程度。', ['sessionMinutes=60']],
  ])('numbers go to travel or to the session by their context: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['週に１、２回くらい。', ['sessionsPerWeek=2']],
    ['週３で。', ['sessionsPerWeek=3']],
    ['しゅうに　いっかいなら。', ['sessionsPerWeek=1']],
    ['週イチくらいから。', ['sessionsPerWeek=1']],
    ['かようびの　ごぜんちゅう。', ['availableDays=tue', 'timeOfDay=morning']],
    ['１８時以降なら。', ['timeOfDay=evening']],
    ['１０時からの活動がいい。', ['timeOfDay=morning']],
    ['毎朝起きるのは１２時近く。', ['timeOfDay=afternoon']],
    ['朝はなかなか起きられない。', ['timeOfDay=afternoon']],
    ['１７時以降は無理。', []],
  ])('frequency, kana and clock times: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['人と話さなくて済む作業。', 'avoid=talking'],
    ['人と目を合わせるのがダメ。', 'avoid=talking'],
    ['脚が不自由です。', 'avoid=physical'],
    ['長時間の立ち仕事はもたない。', 'avoid=physical'],
    ['徒歩で行けるところ。', 'travel=near_home'],
    ['車なしで通える所。', 'travel=no_car'],
    ['謝礼はなくても大丈夫。', 'reward=unpaid_ok'],
    ['給料はいらないです。', 'reward=unpaid_ok'],
    ['お金にならなくてもいい。', 'reward=unpaid_ok'],
    ['女の人だけの場なら。', 'preferredAccommodations=women_only'],
    ['年の近い人がいるところ。', 'preferredAccommodations=youth'],
    ['曜日は相談で。', 'preferredAccommodations=flexible_schedule'],
    ['職員さんが近くにいてくれると助かる。', 'preferredAccommodations=supporter_on_site'],
    ['車で迎えに来てくれるなら。', 'preferredAccommodations=transport'],
    ['自宅にいながら参加できるもの。', 'preferredAccommodations=online'],
    ['一度体験できれば。', 'preferredAccommodations=trial_ok'],
    ['ひとり作業が向いている。', 'preferredAccommodations=solo_work'],
    ['外の活動がしたい。', 'setting=outdoor'],
    ['知り合いと一緒なら。', 'preferredAccommodations=accompany_ok'],
    ['相談員が同行してくれるなら。', 'preferredAccommodations=accompany_ok'],
  ])('paraphrase lexicon: %s', (text, expected) => expect(read(text)).toContain(expected));

  it.each([
    ['ネットで調べて知った。', 'preferredAccommodations=online'],
    ['電車がないので自転車で。', 'travel=no_car'],
    ['月曜以外で。', 'setting=outdoor'],
  ])('paraphrases that are not the wish: %s', (text, unexpected) => expect(read(text)).not.toContain(unexpected));
});
