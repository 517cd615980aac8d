/**
 * 異体字・旧字体 → 通用字体: a curated folding table for matching only (stored text keeps what was typed).
 *
 * Sources (written from the published lists; no network here):
 * - 常用漢字表（平成22年内閣告示第2号）: the 康熙字典体 (旧字体) printed in brackets after 364 of its characters.
 *   Pairs whose old form is only a glyph difference at the same code point, or a CJK Compatibility Ideograph
 *   that NFKC already folds (社 者 都 神 福 館 …), are left out: normalize.ts applies NFKC first.
 * - 人名用漢字 別表第二の二（戸籍法施行規則第60条、平成29年改正時点）: the 異体字 allowed in names (穗 堯 槇 遙 …).
 * - 表外漢字字体表（平成12年国語審議会答申）: 印刷標準字体 → 簡易慣用字体 added to the 常用漢字表 in 2010 (頰→頬 剝→剥 …).
 * - Common 俗字/異体字 of surnames and place names in 法務省の戸籍統一文字 (髙 﨑 嵜 濵 邉 𠮷 嶋 嶌 冨 舘 峯 德).
 *
 * Choices (only characters the service should treat as the same word are folded):
 * - 齊 folds to 斉 and 齋 to 斎, as in the 常用漢字表. 斉 and 斎 stay distinct (一斉 / 斎場): 「齊藤」 and 「斎藤」
 *   therefore do not meet, which is the correct reading of the two surnames' characters.
 * - 埼 is not 崎 (埼玉), 籐 is not 藤, 渕/淵 and 凛/凜 are left as they are (both forms are in everyday use).
 * - Kana variants (ヶ/ケ/が in 霞ヶ関) are not folded: ヶ月/か月 would need a word-level rule.
 *
 * Each entry: the usual form, then its variants.
 */
const GROUPS = [
  // 常用漢字表の旧字体
  '亜亞', '悪惡', '圧壓', '囲圍', '医醫', '為爲', '壱壹', '隠隱', '栄榮', '営營', '衛衞', '駅驛', '円圓', '塩鹽', '縁緣', '艶艷',
  '応應', '欧歐', '殴毆', '桜櫻', '奥奧', '横橫', '温溫', '穏穩', '仮假', '価價', '画畫', '会會', '絵繪', '壊壞', '懐懷', '拡擴',
  '殻殼', '覚覺', '学學', '岳嶽', '楽樂', '勧勸', '巻卷', '歓歡', '缶罐', '観觀', '関關', '陥陷', '巌巖', '既旣', '帰歸', '気氣',
  '亀龜', '偽僞', '戯戲', '犠犧', '旧舊', '拠據', '挙擧', '虚虛', '峡峽', '挟挾', '狭狹', '郷鄕', '暁曉', '区區', '駆驅', '勲勳',
  '薫薰', '径徑', '茎莖', '恵惠', '掲揭', '渓溪', '経經', '蛍螢', '軽輕', '継繼', '鶏鷄', '芸藝', '撃擊', '欠缺', '研硏', '県縣',
  '倹儉', '剣劍劒', '険險', '圏圈', '検檢', '献獻', '権權', '顕顯', '験驗', '厳嚴', '広廣', '効效', '恒恆', '黄黃', '鉱鑛', '号號',
  '国國圀', '黒黑', '済濟', '砕碎', '斎齋', '剤劑', '雑雜', '参參', '桟棧', '蚕蠶', '惨慘', '賛贊', '残殘', '糸絲', '歯齒', '児兒',
  '辞辭', '湿濕', '実實', '写寫', '釈釋', '寿壽', '収收', '従從', '渋澁', '獣獸', '縦縱', '粛肅', '処處', '緒緖', '叙敍', '奨奬',
  '将將', '焼燒', '称稱', '渉涉', '証證', '乗乘', '剰剩', '壌壤', '嬢孃', '条條', '浄淨', '状狀', '畳疊', '穣穰', '譲讓', '醸釀',
  '嘱囑', '触觸', '寝寢', '慎愼', '真眞', '尽盡', '図圖', '粋粹', '酔醉', '随隨', '髄髓', '数數', '枢樞', '瀬瀨', '声聲', '静靜',
  '斉齊', '摂攝', '窃竊', '専專', '戦戰', '浅淺', '潜潛', '繊纖', '践踐', '銭錢', '禅禪', '曽曾', '双雙', '壮壯', '争爭', '荘莊',
  '捜搜', '挿插', '巣巢', '装裝', '総總', '騒騷', '増增', '蔵藏', '臓臟', '即卽', '属屬', '続續', '堕墮', '対對', '体體躰', '帯帶',
  '滞滯', '台臺', '滝瀧', '択擇', '沢澤', '担擔', '単單', '胆膽', '団團', '断斷', '弾彈', '遅遲', '痴癡', '虫蟲', '昼晝', '鋳鑄',
  '庁廳', '徴徵', '聴聽', '鎮鎭', '転轉', '伝傳', '灯燈', '当當', '党黨', '盗盜', '稲稻', '闘鬪', '徳德', '独獨', '読讀', '届屆',
  '縄繩', '弐貳', '悩惱', '脳腦', '覇霸', '拝拜', '廃廢', '売賣', '麦麥', '発發', '髪髮', '抜拔', '晩晚', '蛮蠻', '秘祕', '浜濱濵',
  '払拂', '仏佛', '併倂', '並竝', '瓶甁', '餅餠', '辺邊邉', '変變', '弁辨辯瓣', '歩步', '宝寶', '豊豐', '褒襃', '翻飜', '毎每',
  '万萬', '満滿', '黙默', '弥彌', '訳譯', '薬藥', '与與', '予豫', '余餘', '誉譽', '揺搖', '様樣', '謡謠', '来來', '頼賴', '乱亂',
  '覧覽', '竜龍', '両兩', '猟獵', '緑綠', '涙淚', '塁壘', '礼禮', '励勵', '戻戾', '霊靈', '齢齡', '暦曆', '歴歷', '恋戀', '炉爐',
  '労勞', '楼樓', '録錄', '湾灣', '渇渴',
  // 2010 年に常用漢字表へ入った字の印刷標準字体 → 簡易慣用字体（表外漢字字体表）
  '頬頰', '剥剝', '叱𠮟', '填塡', '屏屛', '掻搔', '掴摑', '醤醬', '繍繡', '蝉蟬', '鹸鹼', '撹攪', '蝋蠟', '祷禱', '痩瘦', '鴎鷗',
  '麹麴', '嘘噓', '籠篭', '繋繫',
  // 人名用漢字 別表第二の二（異体字）から、名前と地名に多いもの
  '穂穗', '尭堯', '亘亙', '槙槇', '遥遙', '瑶瑤', '桧檜', '清淸', '青靑', '猪豬',
  // 戸籍統一文字などの俗字・異体字（姓と地名）
  '高髙', '崎﨑嵜', '吉𠮷', '島嶋嶌', '富冨', '館舘', '峰峯',
];

/** Variant code point → usual form. Built once; ~350 entries. */
export const ITAIJI: ReadonlyMap<string, string> = new Map(
  GROUPS.flatMap((group) => {
    const [usual, ...variants] = Array.from(group);
    return variants.map((v) => [v, usual] as const);
  }),
);

/** Folds every variant character of `text` to its usual form (code points, so 𠮷 works too). */
export function foldItaiji(text: string): string {
  let out = '';
  for (const ch of text) out += ITAIJI.get(ch) ?? ch;
  return out;
}
