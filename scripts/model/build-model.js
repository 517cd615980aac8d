#!/usr/bin/env node
/*
 * sanka-ja-static-v1 を作る（npm run model:build）。
 *
 * 学習済みの重みを一切使わず、同梱の辞書だけから決定的に作る小さな日本語の文埋め込みモデル:
 *   - トークナイザ: Unigram（ビタビで辞書の長い語を優先）。語彙は kuromoji 同梱の IPADIC、
 *     Sudachi 同義語辞書、このファイル内の参加支援向け話題辞書、文字（かな・JIS 第1/第2水準漢字・英数・記号）。
 *   - モデル: ONNX の Gather だけ（トークン → 384 次元ベクトル）。埋め込み表は int8 + 行ごとの倍率で持ち、
 *     Cast/Mul で float32 に戻す。パイプラインが平均プーリング → L2 正規化するので、ベクトルの長さが
 *     そのトークンの重み（助詞・記号はほぼ 0、内容語は 1 前後）になる。
 *   - ベクトル: 同義語グループ・表記ゆれ・話題ごとの乱数ベクトルと語ごとの乱数ベクトルの和に、
 *     構成要素（部分語・文字）のベクトルを少し混ぜる。乱数は語の文字列から作るシード付き PRNG
 *     （超越関数を使わない一様分布）なので、何度作ってもバイト単位で同じファイルになる。
 *
 * 出力（既定 models/sanka-ja-static-v1/、--out DIR で変更）:
 *   config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, onnx/model_quantized.onnx（同一内容）, README.md
 *
 * 依存: kuromoji（辞書）、sudachi-synonyms-dictionary、onnx-proto。ネットワークは使わない。
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const T0 = Date.now();
const ROOT = path.resolve(__dirname, '..', '..');
const MODEL_NAME = 'sanka-ja-static-v1';
const DIM = 384;
const MAX_VOCAB = 64000;
const SEED = 0x5a4b2025;
const MODEL_MAX_LENGTH = 512;

// ベクトル合成の係数
const COEF = {
  group: 1.0, // Sudachi 同義語グループ（語が属するグループごと）
  variant: 0.8, // 同じグループ内の同一語彙（表記ゆれ・略称・対訳）で 2 語以上あるもの
  topic: 1.2, // 参加支援向け話題辞書のクラスタ
  own: 0.6, // 語（見出し語・基本形）ごとの固有ベクトル
  compose: 0.35, // 部分語・漢字の構成ベクトルの混合率
  composeKana: 0.12, // かな・英字の文字だけからなる構成ベクトルの混合率
};

// トークンの重み（= ベクトルの長さ）
const W = {
  special: 0.01,
  unk: 0.05,
  punct: 0.01,
  func: 0.03,
  hira: 0.08,
  kana: 0.15, // カタカナ・英字・数字の 1 文字
  kanji: 0.45, // 単独では語でない漢字 1 文字
  generic: 0.4, // ごく一般的な語
  suffix: 0.25,
  pronoun: 0.05,
  adverb: 0.6,
  verb: 0.8,
  adj: 0.75,
  rentai: 0.3,
};

// Unigram のスコア（対数確率に相当）。1 トークン当たり -10 前後で、トークン数の少ない分割を優先する。
// 内容語は IPADIC のコストで -10.5〜-11.0。漢字・カタカナを含む 2 文字以上の語には 1 文字ごとに lengthBonus を足し、
// トークン数が同じ分割どうしでは長い内容語（「慣れ|れ|ば」）を、ひらがなだけの語よりは機能語（「が|いる」）を選ぶ。
const SCORE = { func: -10.0, word: -10.5, wordSpan: 0.5, lengthBonus: 0.35, kanji: -13.0, char: -14.0 };

const PUNCT_RE = /[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/u; // transformers.js の Punctuation と同じ
const ALL_PUNCT_RE = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]+$/u;
const HAN_RE = /\p{Script=Han}/u;
const HIRA_RE = /^[\u3041-\u309f]+$/;
const KANA_ONLY_RE = /^[\u3041-\u309f\u30a0-\u30ff]+$/;
const ASCII_ALNUM_RE = /^[a-z0-9]+$/;

// ---------------------------------------------------------------------------
// 参加支援（社会参加・居場所・就労準備）の話題辞書。同じ行の語は同じ話題ベクトルを共有する。
// 語は 1 つの話題にも複数の話題にも入れてよい。
const TOPICS = {
  農作業:
    '農作業 畑仕事 農業 畑 田んぼ 田畑 農園 農場 菜園 家庭菜園 市民農園 体験農園 草取り 草むしり 除草 収穫 野菜 種まき 種蒔き 植え付け 苗 田植え 稲刈り 水やり 耕す 農家 土いじり 園芸 ガーデニング 果樹 芋掘り いも掘り 農産物 援農 米作り 野菜作り 野菜づくり 農作物 作物 肥料 堆肥 ビニールハウス 農機具',
  植物: '花 植物 花壇 園芸 ガーデニング 植木 緑化 生け花 草花 花植え 草刈り 剪定 庭 庭仕事 庭木 樹木 森林 里山 緑',
  清掃: '清掃 掃除 片付け 片づけ ゴミ拾い ごみ拾い 美化 美化活動 清掃活動 落ち葉拾い 整理整頓 拭き掃除 掃き掃除 ゴミ出し ごみ出し 分別 ゴミ 整頓 洗浄 洗い物 皿洗い',
  料理: '料理 調理 炊事 食事づくり 食事作り 配膳 盛り付け 弁当 配食 炊き出し 子ども食堂 こども食堂 子供食堂 食堂 給食 献立 調理補助 キッチン 厨房 お菓子作り パン作り 食材 食事 ご飯 会食 食品 フードバンク フードパントリー フードドライブ 料理教室 おにぎり 野菜 食べる 作る 下ごしらえ',
  子ども:
    '子ども 子供 こども 児童 小学生 中学生 幼児 乳幼児 子育て 保育 学童 学童保育 放課後 宿題 遊び相手 遊ぶ 保育園 幼稚園 児童館 読み聞かせ 子ども食堂 こども食堂 子供食堂 キッズ 親子',
  会話: '会話 おしゃべり お喋り 話す 話し相手 雑談 交流 対話 談話 コミュニケーション 人付き合い 話 語り合い 語らい 傾聴 声かけ 挨拶 あいさつ 接客 人間関係 付き合い 対人 話し合い 喋る しゃべる 談笑 会話する 言葉',
  苦手: '苦手 不安 緊張 人見知り 対人恐怖 怖い 自信 苦痛 気後れ 気疲れ 億劫 ストレス しんどい つらい 辛い 避ける 負担',
  静か: '静か 黙々 もくもく 一人 ひとり 単独 集中 落ち着く 落ち着いた 静穏 個人作業 一人作業 マイペース 自分のペース コツコツ こつこつ 少人数 個別 静けさ 穏やか',
  軽作業:
    '軽作業 単純作業 内職 袋詰め 封入 封入作業 仕分け シール貼り 梱包 検品 組み立て 手作業 作業所 箱折り ラベル貼り 発送作業 丁合 封筒 袋詰 部品 ピッキング 仕分け作業 データ入力',
  パソコン:
    'パソコン pc 入力 データ入力 文字入力 タイピング エクセル ワード 表計算 事務 事務作業 書類 文書作成 資料作成 名簿 集計 メール インターネット ホームページ ウェブ sns デジタル it プログラミング パワーポイント スマホ スマートフォン タブレット コンピューター コンピュータ ネット オンライン 動画編集 キーボード excel word youtube zoom web',
  連絡: '電話 メール line ライン チャット zoom オンライン 連絡 やりとり やり取り メッセージ sns 返信',
  広報: 'チラシ チラシ作り チラシ作成 ポスター デザイン イラスト 広報 広報誌 ニュースレター 印刷 パンフレット 会報 編集 掲示物 ちらし ビラ 冊子 案内',
  居場所:
    '居場所 たまり場 溜まり場 サロン 集いの場 集い フリースペース 交流スペース コミュニティカフェ カフェ サードプレイス 憩いの場 茶の間 茶話会 集まり 通いの場 地域サロン ふれあいサロン 居場所づくり 寄り合い 溜まり たまり 拠点 ひろば 広場 談話室 集会 サークル 仲間 仲間づくり',
  運動: '運動 体操 スポーツ 散歩 ウォーキング 体力 筋トレ ストレッチ 動かす 体 身体 からだ ジョギング ラジオ体操 肉体労働 力仕事 体力仕事 卓球 ヨガ ダンス 運動不足 汗',
  屋外: '外 屋外 野外 アウトドア 戸外 公園 自然 外作業 野外活動 山 川 森 里山 森林 キャンプ 登山 ハイキング 外出 屋外作業',
  午後: '午後 昼過ぎ 夕方 夕刻 昼夜逆転 夜型 夜 夜間 遅い時間 遅め 昼',
  午前: '午前 朝 早朝 午前中 朝型 早起き',
  短時間: '短時間 少しずつ 短い時間 週1回 週一 週1 月1回 月1 隔週 不定期 単発 スポット 無理なく 好きな時間 少しだけ 数時間 1時間',
  生活リズム: '昼夜逆転 生活リズム 夜型 起床 睡眠 寝坊 朝起き 体調 通院 服薬 不眠 休養',
  若者: '同世代 世代 若者 若い人 青年 同年代 年代 10代 20代 30代 ユース 若年 学生 大学生 高校生 若年層 同い年 若い',
  高齢者:
    '高齢者 お年寄り シニア 老人 年配 介護 福祉施設 デイサービス 高齢 老人ホーム 介護施設 特養 認知症 傾聴ボランティア 見守り 独居 一人暮らし',
  ボランティア:
    'ボランティア 手伝い 手伝う お手伝い 手助け 支援 協力 補助 奉仕 サポート ヘルパー 助け合い 有償ボランティア 援助 役に立つ 貢献 手伝える',
  社会参加:
    'ひきこもり 引きこもり 引き籠もり 不登校 孤立 孤独 生きづらさ 就労準備 中間的就労 社会参加 参加支援 居場所 相談 支援員 社会復帰 つながり 繋がり',
  障害: '障害 障がい 障碍 精神障害 発達障害 知的障害 身体障害 メンタル うつ 鬱 精神疾患 障害者 療育 福祉 作業所 就労継続支援 就労移行支援',
  動物: '動物 犬 猫 ペット 保護犬 保護猫 飼育 世話 動物愛護 餌やり 散歩 小動物 うさぎ 鶏 牧場',
  手芸: '手芸 裁縫 編み物 刺繍 工作 ものづくり 物づくり モノづくり 木工 diy クラフト 陶芸 手作り 手づくり ハンドメイド ミシン 縫い物 革細工 製作 制作 作品',
  音楽: '音楽 歌 楽器 合唱 カラオケ 演奏 ピアノ ギター バンド 歌う コーラス 太鼓 音楽療法 ライブ',
  美術: '絵 絵画 美術 アート 書道 写真 描く 塗り絵 ぬり絵 撮影 デッサン 水彩 展示',
  読書: '読書 本 図書館 図書 読み聞かせ 朗読 蔵書 書籍 読む 文章 小説 漫画 マンガ',
  ゲーム: 'ゲーム ボードゲーム 将棋 囲碁 麻雀 トランプ eスポーツ カードゲーム テレビゲーム 趣味 遊び 遊ぶ パズル',
  販売: '販売 接客 レジ 店番 売店 喫茶 バザー マルシェ 物販 店員 売り子 品出し 陳列 商品 お店 カフェ',
  配送: '配達 配送 運搬 運転 送迎 荷物 ポスティング 配布 チラシ配り 運ぶ 配る 宅配 新聞配達 移動販売',
  イベント: 'イベント 祭り お祭り 夏祭り 行事 催し 運営 受付 準備 設営 地域行事 交流会 催し物 出店 運動会 会場 スタッフ',
  学習: '学習 勉強 講座 教室 学び 資格 研修 講習 習い事 学習支援 勉強会 教える 学ぶ 教わる 授業 宿題 日本語教室 家庭教師',
  就労: '就労 仕事 働く 就職 職場 アルバイト バイト 雇用 職業訓練 就労体験 職場体験 中間的就労 就労準備 求人 パート 勤務 職業 実習 ジョブトレーニング 就活',
  地域: '地域 町内会 自治会 まちづくり 地域活動 住民 近所 公民館 集会所 コミュニティ 防災 見守り活動 地元 町 商店街 社協 社会福祉協議会 民生委員',
  環境: 'リサイクル 環境 エコ 資源回収 古着 修理 廃品 リユース 環境保全 エコ活動',
  多文化: '外国人 多文化 日本語教室 国際交流 通訳 翻訳 英語 外国語 留学生 異文化',
  大勢: '大人数 集団 大勢 グループ みんな 団体 チーム 賑やか にぎやか ワイワイ わいわい 盛り上がる',
  健康: '健康 医療 病院 体調 健康づくり 介護予防 フレイル 保健 看護 リハビリ',
};

// ごく一般的な語（重みを下げる）
const GENERIC = new Set(
  (
    '人 方 時 事 物 今 前 後 中 上 下 場合 自分 感じ 気 様子 状態 部分 程度 以上 以下 等 際 点 面 回 日 月 年 頃 毎 各 全 多く 少し とても すごく ちょっと ' +
    'いい よい 良い 好き 得意 思う 考える 言う 行う 行く 来る 見る 使う 持つ 出る 入る やる 必要 可能 希望 大丈夫 場所 時間 たくさん 色々 いろいろ 何 なん ' +
    'もの こと ため よう とき ところ 方法 内容 関係 場 所 際 一 二 三 本人 自身 他 ほか 全て すべて 以外 最近 今回 現在 普段 毎日 少ない 多い 大きい 小さい ' +
    '探す 求める 欲しい ほしい したい 受ける 始める 続ける 出来る できる 合う'
  ).split(/\s+/),
);

// 助詞・助動詞以外で機能語として扱う語（重み ≈ 0）
const LIGHT_VERBS = new Set([
  'する',
  'いる',
  'ある',
  'なる',
  'できる',
  'れる',
  'られる',
  'せる',
  'させる',
  'くる',
  'いく',
  'おく',
  'しまう',
  'みる',
  'くれる',
  'もらう',
  'あげる',
  'やる',
  'ござる',
  'おる',
  'いただく',
  'くださる',
  'いう',
  'ちゃう',
  'じゃう',
  'てる',
  'とく',
  'すぎる',
  'やすい',
  'にくい',
  'ない',
  'ます',
  'です',
  'いい',
  'よい',
  'なさる',
  'おっしゃる',
]);
const EXTRA_FUNC = (
  'かっ けれ かろ くっ ちゃ じゃ って っけ てる でる とく どく ちゃう じゃう けど けれど だけど ので のに から まで より ほど など なんか なんて くらい ぐらい だけ しか ばかり ずつ ながら つつ ' +
  'こと もの ため よう ところ とき わけ はず つもり ほう まま うち ほか 以外 など これ それ あれ どれ ここ そこ あそこ どこ この その あの どの こう そう ああ どう こんな そんな あんな どんな ' +
  'さん 様 さま ちゃん くん たち 達 ら 等 的 化 性 的な ご お 御 第 各 毎 約 また さらに そして しかし でも だから ただ なお 及び または あと もう まだ よく ちょっと とても すごく'
).split(/\s+/);

const EXTRA_FUNC_SET = new Set(EXTRA_FUNC);

// ---------------------------------------------------------------------------
function log(msg) {
  const s = ((Date.now() - T0) / 1000).toFixed(1).padStart(5);
  console.log(`[${s}s] ${msg}`);
}
const fmt = (n) => n.toLocaleString('en-US');
const nf = (s) => s.normalize('NFKC').toLowerCase();
const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function parseArgs(argv) {
  let out = path.join(ROOT, 'models', MODEL_NAME);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = path.resolve(argv[++i] ?? '');
    else if (argv[i].startsWith('--out=')) out = path.resolve(argv[i].slice(6));
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/model/build-model.js [--out DIR]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return { out };
}

/** A token must survive NFKC+lowercase, whitespace splitting and punctuation splitting unchanged. */
function validToken(w) {
  if (!w || /\s/.test(w) || /[\u0000-\u001f\u007f-\u009f\ufffd]/.test(w)) return false;
  for (const ch of w) if (ch.codePointAt(0) > 0xffff) return false; // transformers.js の CharTrie は BMP 外を照合できない
  if (nf(w) !== w) return false;
  if (w.length > 1 && PUNCT_RE.test(w) && !ALL_PUNCT_RE.test(w)) return false;
  if (w.length > 1 && ALL_PUNCT_RE.test(w)) return false; // 記号は 1 文字ずつ
  return true;
}

// --- 決定的な乱数ベクトル ---------------------------------------------------
function hash32(str, seed) {
  // FNV-1a の後に murmur3 の fmix
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
function mulberry32(a) {
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Unit vector for a key: components uniform in [-1, 1) (no transcendental functions → bit-identical everywhere). */
function randVec(key) {
  const rnd = mulberry32(hash32(key, SEED));
  const v = new Float64Array(DIM);
  let n = 0;
  for (let i = 0; i < DIM; i++) {
    const x = rnd() * 2 - 1;
    v[i] = x;
    n += x * x;
  }
  n = Math.sqrt(n);
  for (let i = 0; i < DIM; i++) v[i] /= n;
  return v;
}
function addTo(acc, v, c) {
  for (let i = 0; i < DIM; i++) acc[i] += c * v[i];
}
function normalize(v) {
  let n = 0;
  for (let i = 0; i < DIM; i++) n += v[i] * v[i];
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < DIM; i++) v[i] /= n;
  return n;
}

// --- 辞書の読み込み ---------------------------------------------------------
function loadSudachi() {
  const dir = path.dirname(require.resolve('sudachi-synonyms-dictionary'));
  const groups = JSON.parse(fs.readFileSync(path.join(dir, 'sudachi-synonyms-dictionary.json'), 'utf8'));
  return groups;
}

function loadIpadic() {
  const kuromojiDir = path.dirname(path.dirname(require.resolve('kuromoji')));
  const NodeDictionaryLoader = require(path.join(kuromojiDir, 'src', 'loader', 'NodeDictionaryLoader'));
  return new Promise((resolve, reject) => {
    new NodeDictionaryLoader(path.join(kuromojiDir, 'dict')).load((err, dic) => {
      if (err) return reject(err);
      const tid = dic.token_info_dictionary;
      const pb = tid.pos_buffer.buffer;
      const db = tid.dictionary.buffer;
      // pos_buffer: 各語の「表層形,品詞,…,基本形,読み,発音」が NUL 区切りで入っている
      let end = pb.length;
      while (end > 0 && pb[end - 1] === 0) end--;
      const dec = new TextDecoder('utf-8');
      const byOffset = new Map();
      const feats = [];
      let s = 0;
      for (let i = 0; i <= end; i++) {
        if (i === end || pb[i] === 0) {
          byOffset.set(s, feats.length);
          feats.push(dec.decode(pb.subarray(s, i)));
          s = i + 1;
        }
      }
      const dv = new DataView(db.buffer, db.byteOffset, db.length);
      const entries = [];
      for (let off = 0; off + 10 <= db.length; off += 10) {
        const posId = dv.getInt32(off + 6, true);
        if (off > 0 && posId === 0) break; // 未使用領域
        const k = byOffset.get(posId);
        if (k === undefined) break;
        const f = feats[k].split(',');
        entries.push({
          cost: dv.getInt16(off + 4, true),
          surf: f[0],
          p1: f[1],
          p2: f[2],
          ct: f[5],
          cf: f[6],
          base: f[7] === '*' ? f[0] : f[7],
        });
      }
      resolve(entries);
    });
  });
}

function jisKanji() {
  // JIS X 0208 第1・第2水準（EUC-JP の 0xB0A1–0xF4A6）。ICU のない Node では空。
  const out = [];
  let dec;
  try {
    dec = new TextDecoder('euc-jp');
  } catch {
    return null;
  }
  for (let r = 0xb0; r <= 0xf4; r++) {
    for (let c = 0xa1; c <= 0xfe; c++) {
      const s = dec.decode(new Uint8Array([r, c]));
      if (s.length === 1 && HAN_RE.test(s)) out.push(s);
    }
  }
  return out;
}

// --- 語彙 -------------------------------------------------------------------
class Vocab {
  constructor() {
    this.map = new Map(); // token -> info
  }
  get(t) {
    return this.map.get(t);
  }
  /** Adds (or merges into) a token. Lower `prio` wins a slot first when the vocabulary is capped. */
  add(token, { prio, kind, weight, score, lemmas = [], cost }) {
    if (!validToken(token)) return null;
    let e = this.map.get(token);
    this.lastAdded = null;
    if (!e) {
      e = { token, prio, kind, weight, score, lemmas: new Set(), cost: cost ?? Infinity };
      this.map.set(token, e);
      this.lastAdded = token;
    } else {
      e.prio = Math.min(e.prio, prio);
      // func は内容語より優先（同じ表層なら軽い方に合わせる）。内容語同士は重い方。
      if (kind === 'func' || e.kind === 'func') {
        if (kind === 'func') {
          e.kind = 'func';
          e.weight = Math.min(e.weight, weight);
          e.score = Math.max(e.score, score);
        }
      } else {
        if (weight > e.weight) e.weight = weight;
        if (score > e.score) e.score = score;
        if (e.kind === 'char' && kind !== 'char') e.kind = kind;
      }
      if (cost !== undefined) e.cost = Math.min(e.cost, cost);
    }
    for (const l of lemmas) e.lemmas.add(l);
    return e;
  }
}

function nounWeight(cost) {
  return 0.55 + 0.45 * clamp((cost - 2000) / 3600, 0, 1);
}
function wordScore(cost) {
  return SCORE.word - SCORE.wordSpan * clamp(((cost ?? 6000) - 2000) / 8000, 0, 1);
}

function buildVocab(ipadic, sudachi, kanjiJis) {
  const V = new Vocab();
  const srcOf = new Map(); // token -> where it first came from
  const count = (k) => {
    const last = V.lastAdded;
    if (last && !srcOf.has(last)) srcOf.set(last, k);
  };

  // 0: 文字
  const chars = new Set();
  for (let c = 0x3041; c <= 0x3096; c++) chars.add(String.fromCharCode(c));
  for (const c of 'ゝゞ') chars.add(c);
  for (let c = 0x30a1; c <= 0x30fa; c++) chars.add(String.fromCharCode(c));
  for (const c of 'ーヽヾ々〆ヶ〇') chars.add(c);
  for (let c = 0x21; c <= 0x7e; c++) chars.add(String.fromCharCode(c).toLowerCase());
  for (const c of '、。「」『』【】〔〕〈〉《》〜・…‥○●◎△▲▽▼□■◇◆☆★※→←↑↓♪〒々♡♥') chars.add(nf(c).length === 1 ? nf(c) : c);
  const kanji = new Set(kanjiJis || []);
  for (const e of ipadic) for (const ch of nf(e.surf)) if (HAN_RE.test(ch)) kanji.add(ch);
  for (const g of sudachi) for (const it of g.items) for (const ch of nf(it.midashi)) if (HAN_RE.test(ch)) kanji.add(ch);
  for (const words of Object.values(TOPICS)) for (const ch of nf(words)) if (HAN_RE.test(ch)) kanji.add(ch);
  for (const k of kanji) chars.add(k);
  for (const c of [...chars].sort(cmp)) {
    let kind = 'char';
    let weight;
    let score = SCORE.char;
    if (ALL_PUNCT_RE.test(c) || /[^\p{L}\p{N}]/u.test(c)) {
      kind = 'func';
      weight = W.punct;
      score = SCORE.func;
    } else if (HAN_RE.test(c) || c === '々' || c === '〆') {
      weight = W.kanji;
      score = SCORE.kanji;
    } else if (HIRA_RE.test(c)) weight = W.hira;
    else weight = W.kana;
    if (V.add(c, { prio: 0, kind, weight, score })) count('文字');
  }

  // 0: 機能語（助詞・助動詞・補助的な語・活用語尾）
  const addFunc = (w, weight = W.func) => {
    if (V.add(w, { prio: 0, kind: 'func', weight, score: SCORE.func })) count('機能語');
  };
  for (const e of ipadic) {
    const w = nf(e.surf);
    if (e.p1 === '助詞' || e.p1 === '助動詞' || e.p1 === '記号' || e.p1 === 'フィラー' || e.p1 === 'その他' || e.p1 === '接頭詞') {
      if ([...w].length <= 4) addFunc(w);
    } else if (e.p1 === '名詞' && (e.p2 === '非自立' || e.p2 === '代名詞' || e.p2 === '特殊')) {
      if ([...w].length <= 4) addFunc(w, e.p2 === '代名詞' ? W.pronoun : W.func);
    } else if ((e.p1 === '動詞' || e.p1 === '形容詞') && (e.p2 === '非自立' || e.p2 === '接尾' || LIGHT_VERBS.has(e.base))) {
      if ([...w].length <= 4) addFunc(w);
    } else if (e.p1 === '連体詞' && /^[こそあど]/.test(w)) addFunc(w);
    else if (e.p1 === '接続詞' && [...w].length <= 4) addFunc(w, 0.08);
  }
  for (const w of EXTRA_FUNC) addFunc(nf(w));

  // 1: 話題辞書
  const topicOf = new Map(); // lemma -> [topic]
  for (const [topic, words] of Object.entries(TOPICS)) {
    for (const raw of words.split(/\s+/).filter(Boolean)) {
      const w = nf(raw);
      if (!topicOf.has(w)) topicOf.set(w, []);
      if (!topicOf.get(w).includes(topic)) topicOf.get(w).push(topic);
      if (V.add(w, { prio: 1, kind: 'word', weight: 1.0, score: SCORE.word, lemmas: [w] })) count('話題辞書');
    }
  }

  // 2: 動詞・形容詞は語幹を基本形のベクトルに対応づける（話す → 「話」、手伝う → 「手伝」、育てる → 「育て」、
  //    苦しい → 「苦し」）。活用語尾は 1 文字のかな（機能語扱い）になるので、どの活用形でも語幹が同じトークンになる。
  for (const e of ipadic) {
    if (e.p1 !== '動詞' || e.p2 !== '自立' || LIGHT_VERBS.has(e.base) || e.cf !== '基本形') continue;
    const base = nf(e.base);
    if (!HAN_RE.test(base[0]) || [...base].length > 4) continue;
    if (!e.ct.startsWith('五段') && e.ct !== '一段') continue;
    const stem = base.slice(0, -1);
    const weight = GENERIC.has(base) ? W.generic : W.verb;
    if (V.add(stem, { prio: 2, kind: 'word', weight, score: wordScore(7000), lemmas: [base] })) count('動詞');
  }
  for (const e of ipadic) {
    if (e.p1 !== '形容詞' || e.p2 !== '自立' || LIGHT_VERBS.has(e.base) || e.cf !== '基本形') continue;
    const base = nf(e.base);
    if (!base.endsWith('い') || [...base].length > 6) continue;
    const stem = base.slice(0, -1);
    if (!([...stem].length >= 2 || HAN_RE.test(stem))) continue;
    const weight = GENERIC.has(base) ? W.generic : W.adj;
    if (V.add(stem, { prio: 2, kind: 'word', weight, score: wordScore(7000), lemmas: [base] })) count('形容詞');
  }
  for (const e of ipadic) {
    if (e.p1 !== '副詞' || e.cost >= 6000) continue;
    const w = nf(e.surf);
    if ([...w].length < 2 || [...w].length > 6) continue;
    if (
      V.add(w, {
        prio: 2,
        kind: 'word',
        weight: GENERIC.has(w) ? W.generic : W.adverb,
        score: wordScore(e.cost),
        lemmas: [w],
        cost: e.cost,
      })
    )
      count('副詞');
  }
  for (const e of ipadic) {
    if (e.p1 !== '連体詞') continue;
    const w = nf(e.surf);
    if (V.get(w)?.kind === 'func') continue;
    if (V.add(w, { prio: 2, kind: 'word', weight: W.rentai, score: wordScore(e.cost), lemmas: [w], cost: e.cost })) count('連体詞');
  }
  for (const e of ipadic) {
    if (e.p1 !== '名詞' || (e.p2 !== '接尾' && e.p2 !== '数')) continue;
    const w = nf(e.surf);
    if ([...w].length > 3) continue;
    if (V.add(w, { prio: 2, kind: 'word', weight: e.p2 === '数' ? 0.1 : W.suffix, score: wordScore(e.cost), lemmas: [w], cost: e.cost }))
      count('接尾・数');
  }

  // 3: IPADIC の名詞でコスト 5000 未満のもの（コストが低い = よく使われると推定される語、コスト順）
  // 5: 残りの名詞（かなを含む語 → 漢字 2 字 → 漢字 3 字 → その他、各々コスト順）
  const nounPos = new Set(['一般', 'サ変接続', '形容動詞語幹', '副詞可能', 'ナイ形容詞語幹']);
  const nouns = new Map();
  const ipaNounCost = new Map();
  for (const e of ipadic) {
    if (e.p1 !== '名詞' || e.p2 === '固有名詞') continue;
    const w = nf(e.surf);
    ipaNounCost.set(w, Math.min(ipaNounCost.get(w) ?? Infinity, e.cost));
    if (!nounPos.has(e.p2)) continue;
    const len = [...w].length;
    if (len < 2 || len > 6) continue;
    const allHan = [...w].every((c) => HAN_RE.test(c) || c === '々');
    let prio;
    if (e.cost < 5000) prio = 3;
    else if (!allHan && len <= 5) prio = 5;
    else if (allHan && len === 2) prio = 6;
    else if (allHan && len === 3) prio = 7;
    else prio = 8;
    const prev = nouns.get(w);
    if (!prev || e.cost < prev.cost) nouns.set(w, { w, cost: e.cost, prio: Math.min(prio, prev?.prio ?? 9) });
  }
  const ipaSurface = new Set(ipadic.map((e) => nf(e.surf)));

  // 4: Sudachi 同義語辞書（グループに 2 語以上残るもの。IPADIC にもある語 → 短い語の順）
  const groupOf = new Map(); // lemma -> [groupId]
  const variantOf = new Map(); // lemma -> [groupId:vocabNo]
  for (const g of sudachi) {
    const items = g.items
      .filter((it) => it.expandControl !== 2)
      .map((it) => ({ w: nf(it.midashi), v: it.vocabularyNumber ?? 0 }))
      .filter(
        ({ w }) =>
          validToken(w) &&
          [...w].length <= 6 &&
          (w.length > 1 || HAN_RE.test(w)) &&
          (!/^[\x00-\x7f]+$/.test(w) || (ASCII_ALNUM_RE.test(w) && w.length >= 2 && w.length <= 4)),
      );
    const uniq = new Set(items.map((x) => x.w));
    if (uniq.size < 2) continue;
    const perVocab = new Map();
    for (const { w, v } of items) perVocab.set(v, (perVocab.get(v) || new Set()).add(w));
    for (const { w, v } of items) {
      if (!groupOf.has(w)) groupOf.set(w, []);
      if (!groupOf.get(w).includes(g.id)) groupOf.get(w).push(g.id);
      if (perVocab.get(v).size < 2) continue;
      const vk = `${g.id}:${v}`;
      if (!variantOf.has(w)) variantOf.set(w, []);
      if (!variantOf.get(w).includes(vk)) variantOf.get(w).push(vk);
    }
  }

  // 「黙々と」「ゆっくりと」のような副詞は「黙々」「ゆっくり」と同じ語としても扱う
  for (const e of V.map.values()) {
    if (e.kind !== 'word' || e.token.length < 3 || !/[とに]$/.test(e.token)) continue;
    const stem = e.token.slice(0, -1);
    if (topicOf.has(stem) || groupOf.has(stem) || V.get(stem)?.kind === 'word') e.lemmas.add(stem);
  }

  const candidates = [];
  for (const n of nouns.values()) candidates.push({ w: n.w, prio: n.prio, cost: n.cost, src: '名詞' });
  for (const w of groupOf.keys()) {
    const cost = ipaNounCost.get(w);
    // IPADIC にある語は費用順、ない語は長さ順で後ろに
    candidates.push({ w, prio: 4, cost: cost ?? (ipaSurface.has(w) ? 6000 : 7000 + 100 * [...w].length), src: '同義語辞書' });
  }
  candidates.sort((a, b) => a.prio - b.prio || a.cost - b.cost || cmp(a.w, b.w));
  for (const c of candidates) {
    const cost = ipaNounCost.get(c.w);
    const weight = GENERIC.has(c.w) ? W.generic : cost !== undefined ? nounWeight(cost) : 1.0;
    const existed = V.get(c.w);
    const e = V.add(c.w, { prio: c.prio, kind: 'word', weight, score: wordScore(cost), lemmas: [c.w], cost: c.cost });
    if (e && !existed) count(c.src);
  }

  // IPADIC の名詞でもある語は IDF 代わりのコストで重みを付け直す（話題辞書の語は 0.85 以上）
  for (const e of V.map.values()) {
    if (e.kind !== 'word') continue;
    const cost = ipaNounCost.get(e.token);
    if (cost === undefined) continue;
    if (topicOf.has(e.token)) e.weight = GENERIC.has(e.token) ? W.generic : Math.max(0.85, nounWeight(cost));
    else if (e.prio >= 3 && !GENERIC.has(e.token)) e.weight = nounWeight(cost);
    e.score = Math.max(e.score, wordScore(cost));
  }
  // かな 1 文字は内容語にしない（「め」「げ」などの接尾辞）
  for (const e of V.map.values()) {
    if (e.token.length === 1 && e.kind === 'word' && KANA_ONLY_RE.test(e.token)) {
      e.weight = Math.min(e.weight, HIRA_RE.test(e.token) ? W.hira : W.kana);
      e.score = Math.min(e.score, SCORE.func);
    }
  }
  // 1 文字の漢字で語でもあるもの（畑、外、人 …）は語として扱う
  for (const e of ipadic) {
    if (e.p1 !== '名詞' || !nounPos.has(e.p2)) continue;
    const w = nf(e.surf);
    if (w.length !== 1 || !HAN_RE.test(w)) continue;
    const t = V.get(w);
    if (!t || EXTRA_FUNC_SET.has(w)) continue;
    const generic = GENERIC.has(w) || [...t.lemmas].some((l) => GENERIC.has(l));
    t.weight = generic ? W.generic : Math.max(t.kind === 'word' ? t.weight : 0, 0.8);
    t.kind = 'word';
    t.lemmas.add(w);
    t.score = Math.max(t.score, wordScore(e.cost));
  }

  for (const e of V.map.values()) {
    if (e.kind === 'word' && e.token.length >= 2 && !HIRA_RE.test(e.token)) e.score += SCORE.lengthBonus * Math.min(e.token.length - 1, 3);
  }

  // 上限で切る（優先度 → 費用 → 文字列順）
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  let all = [...V.map.values()];
  all.sort((a, b) => a.prio - b.prio || a.cost - b.cost || cmp(a.token, b.token));
  const dropped = Math.max(0, all.length + special.length - MAX_VOCAB);
  if (dropped > 0) all = all.slice(0, MAX_VOCAB - special.length);
  // id の順は 特殊トークン → 優先度 → 文字列順（安定）
  all.sort((a, b) => a.prio - b.prio || cmp(a.token, b.token));
  const stats = {};
  for (const e of all) {
    const k = srcOf.get(e.token) ?? 'その他';
    stats[k] = (stats[k] || 0) + 1;
  }
  return { special, tokens: all, groupOf, variantOf, topicOf, stats, dropped };
}

// --- 分割（transformers.js の Unigram と同じスコアでのビタビ） -------------------
class Trie {
  constructor() {
    this.root = new Map();
  }
  insert(word, id) {
    let node = this.root;
    for (let i = 0; i < word.length; i++) {
      const ch = word[i];
      let next = node.get(ch);
      if (!next) {
        next = new Map();
        node.set(ch, next);
      }
      node = next;
    }
    node.set('', id);
  }
  *prefixes(text, start) {
    let node = this.root;
    for (let i = start; i < text.length; i++) {
      node = node.get(text[i]);
      if (!node) return;
      const id = node.get('');
      if (id !== undefined) yield [i + 1, id];
    }
  }
}
function segment(text, trie, scores, excludeId) {
  const n = text.length;
  const best = new Float64Array(n + 1).fill(-Infinity);
  const back = new Int32Array(n + 1);
  const backId = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    let single = false;
    for (const [j, id] of trie.prefixes(text, i)) {
      if (id === excludeId) continue;
      if (j === i + 1) single = true;
      const s = best[i] + scores[id];
      if (s > best[j]) {
        best[j] = s;
        back[j] = i;
        backId[j] = id;
      }
    }
    if (!single) {
      const s = best[i] - 100;
      if (s > best[i + 1]) {
        best[i + 1] = s;
        back[i + 1] = i;
        backId[i + 1] = 1; // [UNK]
      }
    }
  }
  const ids = [];
  for (let j = n; j > 0; j = back[j]) ids.push(backId[j]);
  return ids.reverse();
}

// --- ベクトル ---------------------------------------------------------------
/**
 * Token vectors, quantised on the fly: int8 table + per-token float scale (the scale also carries the weight).
 *   lemma(l) = normalize(group·ΣG(g) + variant·ΣV(g,n) + topic·ΣT(t) + own·O(l))
 *   base(t)  = normalize(Σ lemma(l) for the token's lemmas)   or a random char vector C(t)
 *   final(t) = normalize((1-γ)·base(t) + γ·normalize(Σ weight(p)·base(p)))  over the best split of t without t itself
 *   row(t)   = weight(t) · final(t)
 */
function buildVectors(vocabList, meta) {
  const { groupOf, variantOf, topicOf } = meta;
  const V = vocabList.length;
  const lemmaVec = (lemma, acc) => {
    const v = new Float64Array(DIM);
    for (const g of groupOf.get(lemma) || []) addTo(v, randVec(`g:${g}`), COEF.group);
    for (const k of variantOf.get(lemma) || []) addTo(v, randVec(`v:${k}`), COEF.variant);
    for (const t of topicOf.get(lemma) || []) addTo(v, randVec(`t:${t}`), COEF.topic);
    addTo(v, randVec(`w:${lemma}`), COEF.own);
    normalize(v);
    addTo(acc, v, 1);
  };
  const base = new Float32Array(V * DIM);
  const tmp = new Float64Array(DIM);
  for (let i = 0; i < V; i++) {
    const e = vocabList[i];
    tmp.fill(0);
    if (e.lemmas.size > 0) for (const l of [...e.lemmas].sort(cmp)) lemmaVec(l, tmp);
    else addTo(tmp, randVec(`c:${e.token}`), 1);
    normalize(tmp);
    base.set(tmp, i * DIM);
  }
  const trie = new Trie();
  const scores = new Float64Array(V);
  for (let i = 0; i < V; i++) {
    trie.insert(vocabList[i].token, i);
    scores[i] = vocabList[i].score;
  }
  const q = new Int8Array(V * DIM);
  const scale = new Float32Array(V);
  const v = new Float64Array(DIM);
  const comp = new Float64Array(DIM);
  let composed = 0;
  for (let i = 0; i < V; i++) {
    const e = vocabList[i];
    for (let k = 0; k < DIM; k++) v[k] = base[i * DIM + k];
    if (e.token.length > 1 && e.kind !== 'func' && e.kind !== 'special') {
      const parts = segment(e.token, trie, scores, i);
      comp.fill(0);
      let strong = false;
      let total = 0;
      for (const p of parts) {
        if (p === 1) continue;
        const pe = vocabList[p];
        total += pe.weight;
        const off = p * DIM;
        for (let k = 0; k < DIM; k++) comp[k] += pe.weight * base[off + k];
        if (pe.token.length > 1 || HAN_RE.test(pe.token)) strong = true;
      }
      if (total > 0.05) {
        normalize(comp);
        const g = strong ? COEF.compose : COEF.composeKana;
        for (let k = 0; k < DIM; k++) v[k] = (1 - g) * v[k] + g * comp[k];
        normalize(v);
        composed++;
      }
    }
    // int8 量子化（行ごとの倍率に重みを含める）
    const w = e.weight;
    let m = 0;
    for (let k = 0; k < DIM; k++) m = Math.max(m, Math.abs(v[k]));
    const s = m > 0 ? (m * w) / 127 : 1;
    scale[i] = Math.fround(s);
    for (let k = 0; k < DIM; k++) q[i * DIM + k] = m > 0 ? clamp(Math.round((v[k] / m) * 127), -127, 127) : 0;
  }
  return { q, scale, composed };
}

// --- ONNX -------------------------------------------------------------------
function buildOnnx(q, scale, V) {
  const { onnx } = require('onnx-proto');
  const T = onnx.TensorProto.DataType;
  const A = onnx.AttributeProto.AttributeType;
  const dim = (d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d });
  const vi = (name, elemType, dims) => ({ name, type: { tensorType: { elemType, shape: { dim: dims.map(dim) } } } });
  const bytes = (ta) => new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength);
  const model = {
    irVersion: 7,
    producerName: 'sanka build-model.js',
    producerVersion: '1',
    domain: 'jp.sanka',
    modelVersion: 1,
    docString: `${MODEL_NAME}: static Japanese token embeddings (int8 table + per-token scale), last_hidden_state = table[input_ids] * attention_mask`,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: MODEL_NAME,
      initializer: [
        { name: 'embeddings.q', dims: [V, DIM], dataType: T.INT8, rawData: bytes(q) },
        { name: 'embeddings.scale', dims: [V, 1], dataType: T.FLOAT, rawData: bytes(scale) },
        { name: 'axes_2', dims: [1], dataType: T.INT64, rawData: bytes(new BigInt64Array([2n])) },
      ],
      input: [
        vi('input_ids', T.INT64, ['batch_size', 'sequence_length']),
        vi('attention_mask', T.INT64, ['batch_size', 'sequence_length']),
        vi('token_type_ids', T.INT64, ['batch_size', 'sequence_length']), // 宣言のみ（未使用）
      ],
      output: [vi('last_hidden_state', T.FLOAT, ['batch_size', 'sequence_length', DIM])],
      node: [
        {
          name: 'gather_q',
          opType: 'Gather',
          input: ['embeddings.q', 'input_ids'],
          output: ['tok_q'],
          attribute: [{ name: 'axis', type: A.INT, i: 0 }],
        },
        { name: 'cast_q', opType: 'Cast', input: ['tok_q'], output: ['tok_f'], attribute: [{ name: 'to', type: A.INT, i: T.FLOAT }] },
        {
          name: 'gather_scale',
          opType: 'Gather',
          input: ['embeddings.scale', 'input_ids'],
          output: ['tok_scale'],
          attribute: [{ name: 'axis', type: A.INT, i: 0 }],
        },
        {
          name: 'cast_mask',
          opType: 'Cast',
          input: ['attention_mask'],
          output: ['mask_f'],
          attribute: [{ name: 'to', type: A.INT, i: T.FLOAT }],
        },
        { name: 'unsqueeze_mask', opType: 'Unsqueeze', input: ['mask_f', 'axes_2'], output: ['mask_3d'] },
        { name: 'mul_scale_mask', opType: 'Mul', input: ['tok_scale', 'mask_3d'], output: ['tok_scale_masked'] },
        { name: 'mul_out', opType: 'Mul', input: ['tok_f', 'tok_scale_masked'], output: ['last_hidden_state'] },
      ],
    },
  };
  const err = onnx.ModelProto.verify(model);
  if (err) throw new Error(`ONNX model invalid: ${err}`);
  return Buffer.from(onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish());
}

// --- tokenizer.json など ------------------------------------------------------
function tokenizerJson(special, tokens) {
  const vocab = special.map((t) => [t, 0.0]).concat(tokens.map((e) => [e.token, Number(e.score.toFixed(4))]));
  const sp = (content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special.map((t, i) => sp(t, i)),
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] },
    pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Punctuation', behavior: 'Isolated' }] },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'Fuse' },
    model: { type: 'Unigram', unk_id: 1, vocab, byte_fallback: false },
  };
}

function readme(info) {
  return `# ${MODEL_NAME}

参加支援のマッチング用に、**学習済みの重みを使わずに** 同梱の辞書だけから作った小さな日本語の文埋め込みモデルです。
\`npm run model:build\`（scripts/model/build-model.js）で生成され、何度作っても同じバイト列になります。

- 形式: transformers.js（@xenova/transformers 2.17）の \`feature-extraction\` パイプラインでそのまま読める
  ONNX + tokenizer.json。\`{ pooling: 'mean', normalize: true }\` で 384 次元の単位ベクトルを返します。
- 中身: Transformer 層はなく、トークンごとの固定ベクトル（int8 + 行ごとの倍率）を引くだけの静的埋め込みです。
  文ベクトルは語ベクトルの重み付き平均で、語順・否定・文脈は区別しません。
- トークナイザ: Unigram（NFKC・小文字化 → 空白・記号で分割 → 辞書の長い語を優先するビタビ）。
  語彙 ${fmt(info.vocabSize)}（文字 ${fmt(info.stats['文字'] || 0)}、機能語、IPADIC の名詞・動詞・形容詞・副詞、
  Sudachi 同義語辞書の語、参加支援向け話題辞書 ${info.topicCount} 話題の語）。
- ベクトル: 同義語グループ・表記ゆれ・話題ごとの乱数ベクトル＋語ごとの乱数ベクトル＋構成要素（部分語・漢字）。
  助詞・助動詞・記号はほぼ長さ 0、内容語は長さ 1 前後なので、平均プーリングでは内容語が効きます。
- 問い合わせ・文書の接頭辞は不要です（config.json の \`sanka.queryPrefix\` / \`passagePrefix\` は空）。
- 最大長 ${MODEL_MAX_LENGTH} トークン（それ以上は切り捨て）。

精度は多言語 E5 などの学習済みモデルに大きく劣ります。学習済みモデルを用意できない環境での代替です。
ひらがなだけで書かれた文（「にんげんかんけいがにがて」）は辞書の語に当たらず、ほぼ文字単位になります。

\`\`\`js
const { pipeline, env } = await import('@xenova/transformers');
env.localModelPath = '<このフォルダの親>/';
env.allowRemoteModels = false;
const extractor = await pipeline('feature-extraction', '${MODEL_NAME}', { quantized: false });
const out = await extractor(['人と話すのが苦手です'], { pooling: 'mean', normalize: true }); // dims [1, ${DIM}]
\`\`\`

出典: IPADIC（kuromoji 0.1.2 同梱の辞書データ。IPADIC のライセンスに従う）、
Sudachi 同義語辞書（npm sudachi-synonyms-dictionary、Apache-2.0）。

| 項目 | 値 |
| --- | --- |
| 次元 | ${DIM} |
| 語彙 | ${fmt(info.vocabSize)} |
| ONNX | ${fmt(info.onnxBytes)} バイト（model.onnx と model_quantized.onnx は同一） |
| sha256(model.onnx) | ${info.onnxSha} |
| sha256(tokenizer.json) | ${info.tokSha} |
| 漢字の出典 | ${info.kanjiSource} |
`;
}

// --- main -------------------------------------------------------------------
async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  log(`${MODEL_NAME} を作成します → ${out}`);

  const [ipadic, sudachi] = await Promise.all([loadIpadic(), Promise.resolve(loadSudachi())]);
  log(`IPADIC ${fmt(ipadic.length)} 語、Sudachi 同義語 ${fmt(sudachi.length)} グループを読み込み`);
  const jis = jisKanji();
  const kanjiSource = jis
    ? 'IPADIC・Sudachi・話題辞書・JIS X 0208 第1/第2水準'
    : 'IPADIC・Sudachi・話題辞書（この Node には EUC-JP デコーダがなく JIS 表を使えなかった）';
  if (!jis) console.warn('警告: TextDecoder(euc-jp) が使えないため JIS 水準表を省きます。ほかの環境で作ったモデルと内容が変わります。');

  const vb = buildVocab(ipadic, sudachi, jis);
  const vocabList = [
    ...vb.special.map((t, i) => ({
      token: t,
      kind: 'special',
      weight: i === 1 ? W.unk : W.special,
      score: 0,
      lemmas: new Set(),
      prio: -1,
    })),
    ...vb.tokens,
  ];
  const V = vocabList.length;
  log(
    `語彙 ${fmt(V)} 語を作成（${Object.entries(vb.stats)
      .map(([k, n]) => `${k} ${fmt(n)}`)
      .join('、')}；上限 ${fmt(MAX_VOCAB)} のため ${fmt(vb.dropped)} 語を除外）`,
  );

  const { q, scale, composed } = buildVectors(vocabList, vb);
  log(`ベクトル ${fmt(V)} × ${DIM} を合成・int8 化（構成要素を混ぜた語 ${fmt(composed)}）`);

  const onnxBuf = buildOnnx(q, scale, V);
  log(`ONNX 書き出し ${(onnxBuf.length / 1e6).toFixed(1)} MB`);

  const tok = tokenizerJson(vb.special, vb.tokens);
  const tokStr = JSON.stringify(tok);
  const tokConfig = {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: MODEL_MAX_LENGTH,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: false,
    padding_side: 'right',
  };
  const onnxSha = crypto.createHash('sha256').update(onnxBuf).digest('hex');
  const tokSha = crypto.createHash('sha256').update(tokStr).digest('hex');
  const config = {
    _name_or_path: MODEL_NAME,
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: DIM,
    vocab_size: V,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: DIM,
    max_position_embeddings: MODEL_MAX_LENGTH,
    type_vocab_size: 2,
    pad_token_id: 0,
    torch_dtype: 'float32',
    sanka: {
      name: MODEL_NAME,
      queryPrefix: '',
      passagePrefix: '',
      description:
        '学習済み重みを使わず IPADIC・Sudachi 同義語辞書・参加支援向け話題辞書から決定的に作った静的な日本語文埋め込み（384 次元、平均プーリング + L2 正規化）。',
      dims: DIM,
      pooling: 'mean',
      normalize: true,
      static: true,
      vocabSize: V,
      topics: Object.keys(TOPICS).length,
      seed: SEED,
      onnxSha256: onnxSha,
      tokenizerSha256: tokSha,
    },
  };

  fs.mkdirSync(path.join(out, 'onnx'), { recursive: true });
  fs.writeFileSync(path.join(out, 'onnx', 'model.onnx'), onnxBuf);
  fs.writeFileSync(path.join(out, 'onnx', 'model_quantized.onnx'), onnxBuf);
  fs.writeFileSync(path.join(out, 'tokenizer.json'), tokStr);
  fs.writeFileSync(path.join(out, 'tokenizer_config.json'), JSON.stringify(tokConfig, null, 2) + '\n');
  fs.writeFileSync(path.join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  fs.writeFileSync(
    path.join(out, 'README.md'),
    readme({
      vocabSize: V,
      stats: vb.stats,
      topicCount: Object.keys(TOPICS).length,
      onnxBytes: onnxBuf.length,
      onnxSha,
      tokSha,
      kanjiSource,
    }),
  );
  log(`tokenizer.json ${(tokStr.length / 1e6).toFixed(1)} MB、config.json ほかを書き出し`);

  // transformers.js 自身のトークナイザで分割を確かめる
  try {
    const { AutoTokenizer, env } = await import('@xenova/transformers');
    env.localModelPath = path.dirname(out) + path.sep;
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const tokenizer = await AutoTokenizer.from_pretrained(path.basename(out));
    const samples = [
      '人と話すのが苦手。静かな場所で黙々とできる作業を、週1回短時間から',
      '体を動かすのは好き。外の作業がいい。畑や草取りなど',
      '昼夜逆転しているので午後から。同じ世代の人がいる居場所を探している',
      'パソコンが得意。データ入力やチラシ作りなら手伝える',
      '子どもが好きで、子ども食堂で料理を手伝いたい',
    ];
    log('分割の確認（transformers.js）:');
    for (const s of samples) {
      const ids = tokenizer.encode(s, null, { add_special_tokens: false });
      const pieces = ids.map((id) => {
        const e = vocabList[id];
        return e.weight >= 0.3 ? e.token : `(${e.token})`;
      });
      console.log(`    ${pieces.join(' ')}`);
    }
  } catch (err) {
    console.warn(`分割の確認を省略: ${err instanceof Error ? err.message : err}`);
  }
  log(`完了（${((Date.now() - T0) / 1000).toFixed(1)} 秒）。確認: node scripts/model/check-model.js`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
