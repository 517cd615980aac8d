import { understandingForTests } from '../support/understanding';
import { readingForm } from '../../src/matching/understanding/reading-form';

/**
 * Rules v3 (docs/matching.md §7 「v3」): paraphrase families, kana memos, lists and number forms, each with sentences that
 * must NOT fire (negated, hedged away, someone else's, past or reported). Sentences written for these tests, not copied
 * from the labelled sets.
 */
describe('understandNeeds v3', () => {
  const { understand, read } = understandingForTests();

  it.each([
    ['初めての人と話すのはかなり緊張するタイプ。', 'avoid=talking'],
    ['電話に出るのが怖くて、受付のような仕事は避けたい。', 'avoid=talking'],
    ['人見知りが強く、最初は固まってしまう。', 'avoid=talking'],
    ['雑談が多い職場はしんどい。', 'avoid=talking'],
    ['会話のない作業がいい。', 'avoid=talking'],
    ['人と会うのが怖い。', 'avoid=talking'],
    ['話すのは最低限にしたい。', 'avoid=talking'],
    ['重い荷物を運ぶのは無理です。', 'avoid=physical'],
    ['階段の上り下りがきつい。', 'avoid=physical'],
    ['体力が落ちていて長くは動けない。', 'avoid=physical'],
    ['立ち作業は無理。', 'avoid=physical'],
    ['文字を書くのに時間がかかる。', 'avoid=literacy'],
    ['漢字にふりがなをふってもらえると助かる。', 'avoid=literacy'],
    ['読むのは得意ではない。', 'avoid=literacy'],
  ])('difficulty families: %s', (text, expected) => expect(read(text)).toContain(expected));

  it.each([
    ['うるさい場所だと疲れてしまう。', 'quiet'],
    ['人混みが苦手。', 'small_group'],
    ['知らない人が多い場所だと具合が悪くなる。', 'small_group'],
    ['５人くらいのグループなら。', 'small_group'],
    ['椅子に座ってできる仕事。', 'seated'],
    ['長い時間は集中が続かない。', 'short_hours'],
    ['事前に一度見てから決めたい。', 'visit_ok'],
    ['下見をさせてもらえるなら。', 'visit_ok'],
    ['最初は支援員さんについて来てほしい。', 'accompany_ok'],
    ['姉が一緒なら行けると本人。', 'accompany_ok'],
    ['合わなかったらやめられるなら、まず１回。', 'trial_ok'],
    ['女性スタッフのみの場所がいい。', 'women_only'],
    ['同い年くらいの人がいる所。', 'youth'],
    ['自宅からの送迎が必要。', 'transport'],
    ['Zoomなら参加できる。', 'online'],
    ['家から出ずに、パソコンで参加できるやり方。', 'online'],
    ['スロープがないと入れない。', 'barrier_free'],
    ['まかないが出るなら。', 'meal'],
    ['日程は体調を見ながら相談させてもらえると助かる。', 'flexible_schedule'],
    ['気が向いた時に行ける居場所。', 'flexible_schedule'],
    ['何かあった時にすぐ相談できる大人が現場にいること。', 'supporter_on_site'],
  ])('accommodation families: %s → %s', (text, value) => expect(read(text)).toContain(`preferredAccommodations=${value}`));

  it.each([
    ['雨の日も濡れない屋根のある所。', 'setting=indoor'],
    ['外より中の仕事で。', 'setting=indoor'],
    ['日差しに弱く、外での作業はしんどい。', 'setting=indoor'],
    ['外作業OK、むしろ外がいい。', 'setting=outdoor'],
    ['遠いところは通えない。', 'travel=near_home'],
    ['家のそばがいい。', 'travel=near_home'],
    ['車の免許を持っておらず、バスで。', 'travel=no_car'],
    ['運転免許は返納した。', 'travel=no_car'],
    ['車の運転ができず、困っている。', 'travel=no_car'],
    ['交通費が出ると助かる。', 'reward=wants_money'],
    ['給料が出なくてもいいから、土をいじりたい。', 'reward=unpaid_ok'],
  ])('setting, travel and reward: %s', (text, expected) => expect(read(text)).toContain(expected));

  it.each([
    ['人見知りはしないほうです。', []],
    ['人と話すことに不安はない。', []],
    ['苦手というほどではない。人と話すのも平気。', []],
    ['体を動かすのが嫌いなわけではない。', []],
    ['朝が苦手というわけではなく、早起きは得意。', []],
    ['にぎやかな所も平気。', []],
    ['大人数でも問題ない。', []],
    ['静かすぎる所は逆に落ち着かない。', []],
    ['送迎は必要ない。', []],
    ['できれば送迎はない方がいい。', []],
    ['オンラインより対面がいい。', []],
    ['一人で作業するのは寂しい。', []],
    ['一人暮らしは不安なので、誰かと一緒に住めるところがいい。', []],
    ['母と一緒に来所。', []],
    ['本人は夜は眠れないと話す。', []],
  ])('negated, refused or compared away: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['父は車の運転ができない。', []],
    ['弟は人前が苦手。', []],
    ['兄が車で送迎している。', []],
    ['以前は静かな所が好きだったが、今はにぎやかな方がいい。', []],
    ['母の話では漢字が読めないとのことだったが、本人に確認すると問題なかった。', []],
    ['本人は大学を出て地元の会社で事務をしていたが、退職した。', []],
    ['最近は近所のスーパーへ行くようになった。', []],
    ['作業所の工賃が安すぎて辞めた。', []],
    ['保護司との面談が月２回ある。', []],
    ['前の職場では電話対応がつらかった。', []],
    ['母親（75）は足が悪く、買い物には本人が付き添っている。', []],
    ['次回は２週間後に面談予定。その際に見学先の候補を伝える。', []],
    ['過去に作業所を見学したことがあるが、合わなかった。', []],
    ['去年までは週５日働いていた。', []],
    ['SNSで知り合った人とオンラインゲームをしている。', []],
    ['本人談：「朝は強いほう」。午前中の活動を希望。', ['timeOfDay=morning']],
  ])('someone else, the past and reports: %s', (text, expected) => expect(read(text)).toEqual(expected));

  const days = (text: string) => read(text).filter((s) => s.startsWith('availableDays'));
  it.each([
    ['火木ならいけるかも。', ['thu', 'tue']],
    ['月水金の午前。', ['fri', 'mon', 'wed']],
    ['年月日を書く欄。', []],
    ['火曜と金曜以外で。', ['mon', 'sat', 'sun', 'thu', 'wed']],
    ['日曜と祝日以外。', ['fri', 'mon', 'sat', 'thu', 'tue', 'wed']],
    ['土日は家族がいるので、それ以外の日に。', ['fri', 'mon', 'thu', 'tue', 'wed']],
    ['火曜と木曜は病院なので、それ以外の平日。', ['fri', 'mon', 'wed']],
    ['火〜木曜なら出られる。', ['thu', 'tue', 'wed']],
    // v4: a refused day with no day given leaves the other days (was: nothing)
    ['土曜、日曜はダメ。', ['fri', 'mon', 'thu', 'tue', 'wed']],
    ['平日の日中は就労移行支援に通っている。', []],
  ])('days: %s', (text, expected) => expect(days(text)).toEqual(expected.map((d) => `availableDays=${d}`)));

  it.each([
    ['夕方５時以降、１回１時間くらい。', ['sessionMinutes=60', 'timeOfDay=evening']],
    ['夜７時からの集まりなら。', ['timeOfDay=evening']],
    ['13時〜15時くらい。', ['timeOfDay=afternoon']],
    ['・午前× 午後○\n・週1-2\n・1h程度', ['sessionMinutes=60', 'sessionsPerWeek=2', 'timeOfDay=afternoon']],
    ['週１なら。', ['sessionsPerWeek=1']],
    ['週３くらいで体を慣らしたい。', ['sessionsPerWeek=3']],
    ['月１くらい。', ['sessionsPerWeek=0.25']],
    ['２週間に１回くらい。', ['sessionsPerWeek=0.5']],
    ['週２～３回、１回２時間くらいなら通えそう。', ['sessionMinutes=120', 'sessionsPerWeek=3']],
    ['１回あたり３０分から１時間くらい。', ['sessionMinutes=60']],
    ['片道１時間はきつい、３０分くらいまで。', ['maxTravelMinutes=30']],
    ['１時間もいられない。', []],
    ['朝は薬の影響で起きにくい。', ['timeOfDay=afternoon']],
    ['昼過ぎまで寝ていることが多い。', ['timeOfDay=afternoon']],
    ['昼間は家を空けられない。', []],
    ['起きるのが遅いので、朝イチはきつい。', ['timeOfDay=afternoon']],
  ])('times and numbers: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['じをかくのがにがてです。すわってできるしごとがいいです。', ['avoid=literacy', 'preferredAccommodations=seated']],
    ['かいわは　すくないほうが　いいです。', ['avoid=talking']],
    ['あさは　おきられないので、ひるからが　いいです。', ['timeOfDay=afternoon']],
    ['ひとりで行くのはこわいので、さいしょはだれかといっしょがいい。', ['preferredAccommodations=accompany_ok']],
    ['しょくじがでるとうれしい。おかねがほしい。', ['preferredAccommodations=meal', 'reward=wants_money']],
    ['あさってなら行ける。', []],
    ['むりょうの講座。', []],
  ])('kana memos and 分かち書き: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['職員さんがいないと不安。', ['preferredAccommodations=supporter_on_site']],
    ['誰かが一緒じゃないと不安。', ['preferredAccommodations=accompany_ok']],
    ['座れないとつらい。', ['preferredAccommodations=seated']],
    ['送迎がないと通えない。', ['preferredAccommodations=transport']],
    ['炎天下の作業は無理。', ['setting=indoor']],
    ['１～１.５時間。', ['sessionMinutes=90']],
    // v4: the other days (was: nothing)
    ['土日祝は不可。', ['availableDays=fri', 'availableDays=mon', 'availableDays=thu', 'availableDays=tue', 'availableDays=wed']],
    ['お昼から夕方まで。', ['timeOfDay=afternoon']],
    ['寝坊しがち。', ['timeOfDay=afternoon']],
  ])('a wish said as a need (〜ないと不安), refusals and number forms: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['人と関わらない仕事がいい。', ['avoid=talking']],
    ['力仕事じゃなければ何でも。', ['avoid=physical']],
    ['接客以外なら。', ['avoid=talking']],
    ['報酬は問わない。', ['reward=unpaid_ok']],
    ['収入にならなくても構わない。', ['reward=unpaid_ok']],
    ['急に休むことがあっても大丈夫な所。', ['preferredAccommodations=flexible_schedule']],
    ['車がないので、駅から歩ける所で。', ['travel=no_car']],
    ['水曜以外の平日。', ['availableDays=fri', 'availableDays=mon', 'availableDays=thu', 'availableDays=tue']],
  ])('the topic excluded, pay not asked, the station is not home: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    ['家でできることは特にない。'],
    ['最近は静かに過ごしている。'],
    ['本人は静かな口調で話す。'],
    ['短時間のアルバイトを探したが見つからなかった。'],
    ['２時間ほど話をした。'],
    ['面談は１時間ほどで終わった。'],
    ['駅まで徒歩１５分の所に住んでいる。'],
    ['近所の目が気になって外に出られない。'],
    ['外出は月に１回程度。'],
    ['収入は障害年金のみ。'],
    ['昼夜逆転は改善してきた。'],
  ])('descriptions of the person and reports of the session are not wishes: %s', (text) => expect(read(text)).toEqual([]));

  it.each([
    ['それ以外の人とは目も合わせない。', ['avoid=talking']],
    ['同年代の子がいる所は怖い。', []],
    ['土曜日の午前中だけ空いている。平日は仕事。', ['availableDays=sat', 'timeOfDay=morning']],
  ])('a wish refused as frightening, a day taken by work: %s', (text, expected) => expect(read(text)).toEqual(expected));

  it('cites a kana phrase in the coordinator own characters, spaces included', () => {
    expect(understand('ひとが　おおい　ところが　にがてです。')).toEqual([
      { phrase: 'ひとが　おおい　ところが　にがて', field: 'preferredAccommodations', value: 'small_group' },
    ]);
  });

  it('keeps the place in a quiet wish, and a too-quiet place is no wish', () => {
    expect(understand('静かな場所がいい。')).toEqual([{ phrase: '静かな場所', field: 'preferredAccommodations', value: 'quiet' }]);
    expect(read('静かすぎる場所は落ち着かない。')).toEqual([]);
  });

  it('cites the whole difficulty word, not its stem', () => {
    expect(understand('体力にも自信がない。')).toEqual([{ phrase: '体力にも自信がない', field: 'avoid', value: 'physical' }]);
    expect(understand('人が多いとしんどい。')).toEqual([
      { phrase: '人が多いとしんどい', field: 'preferredAccommodations', value: 'small_group' },
    ]);
  });

  it('reading form: folds kana words and drops spaces between Japanese characters only', () => {
    const { text, cite } = readingForm('かいわは すくない 1h 程度');
    expect(text).toBe('会話は少ない 1h 程度');
    // 会話 stands for かいわ; 少ない for すくない
    expect(cite(0, 2)).toEqual([0, 3]);
    expect(cite(3, 6)).toEqual([5, 9]);
  });
});
