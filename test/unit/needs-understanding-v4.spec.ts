import { understandingForTests } from '../support/understanding';

/**
 * Rules v4 (docs/matching.md §7 「Rules v4」): days refused or busy → the other days, day ranges and memo forms, clock
 * ranges, a parent's call, a family member's quoted wish or schedule, limits from 以上, and paraphrases. Each pattern
 * has sentences that must fire and sentences that must not. Sentences written for these tests, not copied from the
 * labelled sets.
 */
describe('understandNeeds v4', () => {
  const { read } = understandingForTests();
  const days = (text: string) =>
    read(text)
      .filter((e) => e.startsWith('availableDays='))
      .map((e) => e.replace('availableDays=', ''))
      .sort();
  const WEEKDAYS = ['fri', 'mon', 'thu', 'tue', 'wed'];

  it.each([
    ['月〜金の午前なら。', WEEKDAYS],
    ['月から水は行けます。', ['mon', 'tue', 'wed']],
    ['火曜から木曜まで。', ['thu', 'tue', 'wed']],
    ['平日のみ希望。', WEEKDAYS],
    ['週末だけ。', ['sat', 'sun']],
    ['土日祝なら動ける。', ['sat', 'sun']],
    ['どようとにちようなら。', ['sat', 'sun']],
    ['きんようびなら行けそう。', ['fri']],
    ['月、水、金は大丈夫。', ['fri', 'mon', 'wed']],
    ['火と木曜なら。', ['thu', 'tue']],
    ['火曜や木曜がいい。', ['thu', 'tue']],
    ['ＭＯＮ以外では月水金ＯＫ。', ['fri', 'mon', 'wed']],
    ['水金ＰＭ可。', ['fri', 'wed']],
    ['日ＡＭのみ。', ['sun']],
  ])('day ranges, lists and memo forms: %s', (text, expected) => expect(days(text)).toEqual(expected));

  it.each([
    // what looks like days but is not: a date, a period, 通う in kana, a reversed range
    ['年月日を書く欄がある。', []],
    ['毎日少しずつ。', []],
    ['一人でかようのは不安。', []],
    ['日用品の買い物は行ける。', []],
  ])('not days: %s', (text, expected) => expect(days(text)).toEqual(expected));

  it.each([
    // a day refused or named as busy, and no day given: the other days
    ['火曜はどうしても無理です。', ['fri', 'mon', 'sat', 'sun', 'thu', 'wed']],
    ['金曜は作業所。', ['mon', 'sat', 'sun', 'thu', 'tue', 'wed']],
    ['土曜は歯医者の日。', ['fri', 'mon', 'sun', 'thu', 'tue', 'wed']],
    ['水曜は病院の日です。', ['fri', 'mon', 'sat', 'sun', 'thu', 'tue']],
    ['日曜は教会に行くので無理。', ['fri', 'mon', 'sat', 'thu', 'tue', 'wed']],
    ['土日はちょっと難しいかも。', WEEKDAYS],
    ['月曜はちょっと…。', ['fri', 'sat', 'sun', 'thu', 'tue', 'wed']],
    ['木曜と金曜はパートなので無理です。', ['mon', 'sat', 'sun', 'tue', 'wed']],
    ['月〜水はデイケア。', ['fri', 'sat', 'sun', 'thu']],
    ['祖母の介護を手伝うのが毎週火曜。', ['fri', 'mon', 'sat', 'sun', 'thu', 'wed']],
    ['月曜と水曜は訓練があるので行けません。', ['fri', 'sat', 'sun', 'thu', 'tue']],
    ['毎週金曜はハローワーク。', ['mon', 'sat', 'sun', 'thu', 'tue', 'wed']],
    ['火曜デイケア。', ['fri', 'mon', 'sat', 'sun', 'thu', 'wed']],
    ['祖父がいない日（月・金）は出られない。', ['sat', 'sun', 'thu', 'tue', 'wed']],
    // a day given as well: only the days given
    ['月〜水はデイケア、木金なら。', ['fri', 'thu']],
    ['月曜は作業所、それ以外なら。', ['fri', 'sat', 'sun', 'thu', 'tue', 'wed']],
    ['火曜は無理だけど、木曜なら。', ['thu']],
  ])('days refused or busy leave the other days: %s', (text, expected) => expect(days(text)).toEqual(expected));

  it.each([
    // the refusal denied, a part of the day, someone else's day
    ['平日は無理ではない。', WEEKDAYS],
    ['水曜は行けなくもない。', ['wed']],
    ['平日の午前は通院があるので、午後がいい。', []],
    ['平日の日中は孫の世話がある。土日なら。', ['sat', 'sun']],
    ['火・木は午前中リハビリ。', []],
    ['平日の午前は無理。', []],
    ['火曜は午後なら。', ['tue']],
    // a day as the date of one plan is not out every week; a day told as what happened is a report
    ['金曜日に区役所へ行く予定。', []],
    ['毎週金曜に通院している。', ['mon', 'sat', 'sun', 'thu', 'tue', 'wed']],
    ['先週の月曜に面談に来た。', []],
    ['土曜は人が多いから嫌だ。', ['fri', 'mon', 'sun', 'thu', 'tue', 'wed']],
    ['土曜は嫌じゃない。', ['sat']],
    // what follows a day up to the next day is its own; a list shares what follows
    ['土日OK、平日NG。', ['sat', 'sun']],
    ['火曜は無理、木曜は大丈夫。', ['thu']],
    ['火曜か木曜は無理。', ['fri', 'mon', 'sat', 'sun', 'wed']],
    ['日曜日は礼拝。', ['fri', 'mon', 'sat', 'thu', 'tue', 'wed']],
    ['姉は火曜と木曜が休み。', []],
    ['母の通院は火曜。本人は木曜なら。', ['thu']],
    // the person's own wish to stay home on weekdays (the father's work is only the reason)
    ['父の仕事が平日なので、平日は家にいたい。', ['sat', 'sun']],
    ['父のデイサービスがある月曜なら出られる。', ['mon']],
  ])('refusal scope: %s', (text, expected) => expect(days(text)).toEqual(expected));

  it.each([
    ['9時から16時まで動ける。', []],
    ['10時〜15時くらい。', []],
    ['9時から12時まで。', ['timeOfDay=morning']],
    ['13時〜17時の間。', ['timeOfDay=afternoon']],
    ['正午から夕方までなら。', ['timeOfDay=afternoon']],
    ['ＰＭのみ可。', ['timeOfDay=afternoon']],
    ['ＡＭなら。', ['timeOfDay=morning']],
  ])('clock ranges and memo times: %s', (text, expected) => expect(read(text).filter((e) => e.startsWith('timeOfDay='))).toEqual(expected));

  it.each([
    // a parent telling: the son or daughter named is the person
    ['母より：「娘は人と話すのが苦手で」。', ['avoid=talking']],
    ['父から、息子は車の運転もできないと聞いた。', ['travel=no_car']],
    // without a parent telling, a son is someone else
    ['息子は人と話すのが苦手です。', []],
    // the family member as the object of worry, not the subject
    ['長い時間は母が心配なので１時間くらいまで。', ['sessionMinutes=60']],
    // a family member's quoted wish for the person is theirs
    ['父「もっと外に出てほしい、週５でもいいから」。本人は週１回なら。', ['sessionsPerWeek=1']],
    // a quote that describes the person still counts
    ['母「この子は朝が弱くて」。', ['timeOfDay=afternoon']],
  ])('whose words: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['電車で６０分以上かかる所は無理。', ['maxTravelMinutes=60']],
    ['通うのに３０分以上かかるのはきつい。', ['maxTravelMinutes=30']],
    ['週４日以上は厳しい。', []],
  ])('limits from 以上: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['電話はかけられない。', 'avoid=talking'],
    ['電話や会議は苦手。', 'avoid=talking'],
    ['長く立っていられない。', 'avoid=physical'],
    ['初めての人と話すと声が震える。', 'avoid=talking'],
    ['大きな声を出すのがつらい。', 'avoid=talking'],
    ['激しい動きは医師に止められている。', 'avoid=physical'],
    ['ディスレクシアの診断を受けている。', 'avoid=literacy'],
    ['ペンを持って字を書くと手が震える。', 'avoid=literacy'],
    ['重いものを運ぶと膝に響く。', 'avoid=physical'],
    ['ワイワイした所は苦手。', 'preferredAccommodations=quiet'],
    ['人がいっぱいだと疲れる。', 'preferredAccommodations=small_group'],
    ['隅で見てるだけでもいいなら。', 'preferredAccommodations=visit_ok'],
    ['見学→体験の流れで。', 'preferredAccommodations=trial_ok'],
    ['叔母の付き添いで行けたら。', 'preferredAccommodations=accompany_ok'],
    ['付添い希望。', 'preferredAccommodations=accompany_ok'],
    ['最初は支援員と一緒に、と本人。', 'preferredAccommodations=accompany_ok'],
    ['兄と一緒に参加したい。', 'preferredAccommodations=accompany_ok'],
    ['女性スタッフしかいない所なら。', 'preferredAccommodations=women_only'],
    ['勤務日を自分で決められる所。', 'preferredAccommodations=flexible_schedule'],
    ['自分のペースで通える所。', 'preferredAccommodations=flexible_schedule'],
    ['雨でも中でできる作業。', 'setting=indoor'],
    ['外の空気を吸える仕事。', 'setting=outdoor'],
    ['本人は「外は暑いからいやだ」と。', 'setting=indoor'],
    ['運転は主治医に止められている。', 'travel=no_car'],
    ['車はずいぶん前に手放した。', 'travel=no_car'],
    ['お金は別に求めていない。', 'reward=unpaid_ok'],
    ['ボランティアでもいいので何かしたい。', 'reward=unpaid_ok'],
    ['少しでもお金になれば。', 'reward=wants_money'],
    ['毎日同じ時間に通える所がいい。', 'sessionsPerWeek=5'],
    ['２週に１回くらい。', 'sessionsPerWeek=0.5'],
    ['朝は遅いので。', 'timeOfDay=afternoon'],
  ])('paraphrases: %s', (text, expected) => expect(read(text)).toContain(expected));

  it.each([
    ['見学なしで始めても平気。', 'preferredAccommodations=visit_ok'],
    ['黙々と続ける作業は得意。', 'preferredAccommodations=solo_work'],
    ['謝礼は気にしない。', 'reward=wants_money'],
    ['職員さんが近くにいてくれると安心。', 'travel=near_home'],
    ['駅から遠いと行けない。', 'travel=near_home'],
    ['バス停から近い所。', 'travel=near_home'],
    ['一人でいられる場所があると安心。', 'preferredAccommodations=solo_work'],
    ['木曜日に電話で相談があった。', 'preferredAccommodations=flexible_schedule'],
    ['地元からは少し離れた所がいい。', 'travel=near_home'],
    ['足が不自由で車椅子を使っている。', 'avoid=physical'],
    ['人と話すこと自体は嫌がらない。', 'avoid=talking'],
    ['重い物は持てないことはない。', 'avoid=physical'],
    ['外は平気。', 'setting=indoor'],
    // no interest refuses the wish (2026-11-30, a new-user trial)
    ['オンラインには興味がない。', 'preferredAccommodations=online'],
    ['送迎には関心がない。', 'preferredAccommodations=transport'],
  ])('guards: %s does not give %s', (text, unexpected) => expect(read(text)).not.toContain(unexpected));
});
