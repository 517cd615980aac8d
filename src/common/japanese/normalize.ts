import { foldItaiji } from './itaiji';

/**
 * The version of the rules below. Stored with every indexed row (`text_rules`); raising it makes the
 * re-index at start-up (TextReindexService) rebuild lexical columns and re-embed rows whose text changed.
 * 2: the BM25 postings (resource_terms) with the character bigrams of unknown words (LexicalBm25 migration).
 * 3: resources.concepts (src/matching/understanding/concepts.ts; ResourceConcepts migration). Raise it when the
 *    `resource` patterns or `types` of CONCEPTS change, so that stored rows follow.
 */
export const TEXT_RULES_VERSION = 3;

const KATAKANA = '\u30A1-\u30FA\u30FC\u30FD-\u30FF';
/** Marks people type for the long vowel ー: hyphens, dashes, minus, wave dash, tilde (after NFKC). */
const LONG_VOWEL_LOOKALIKES = '\\-~\u2010\u2012\u2013\u2014\u2015\u2212\u301C\uFE63';
/** After katakana, not before a digit (「ルーム-2」 is a room number). */
const LONG_VOWEL_AFTER_KATAKANA = new RegExp(`(?<=[${KATAKANA}])[${LONG_VOWEL_LOOKALIKES}](?![0-9])`, 'gu');
const REPEATED_LONG_VOWEL = new RegExp(`(?<=[${KATAKANA.replace('\u30FC', '')}])\u30FC{2,}`, 'gu');
/** Elsewhere, dash look-alikes are a hyphen and the wave dash a tilde (「1−2−3」, 「10時〜12時」). */
const DASHES = /[\u2010\u2012\u2013\u2014\u2015\u2212\uFE63]/gu;

/**
 * One normalisation for every text the service matches: stored text for the lexical index and the `q`
 * filters, queries, and the text given to the embedding model. What was typed is stored unchanged.
 *
 * 1. NFKC: half-width katakana (ﾊﾟｿｺﾝ → パソコン), full-width ASCII (ＰＣ → PC), compatibility ideographs.
 * 2. Long-vowel repair: －―‐-〜~ｰ typed after katakana become ー (ゲ－ム → ゲーム); runs of ー shrink to one.
 * 3. 異体字・旧字体 folding (itaiji.ts: 髙 → 高, 﨑 → 崎, 邊 → 辺, 櫻 → 桜 …).
 * Case is kept (the tokenizer lower-cases; ILIKE ignores case). Idempotent: normalize(normalize(x)) = normalize(x).
 */
export function normalizeJapanese(text: string): string {
  const nfkc = text.normalize('NFKC');
  const repaired = nfkc.replace(LONG_VOWEL_AFTER_KATAKANA, '\u30FC').replace(REPEATED_LONG_VOWEL, '\u30FC');
  return foldItaiji(repaired.replace(DASHES, '-').replace(/\u301C/gu, '~'));
}
