import * as path from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type * as kuromoji from 'kuromoji';
import { buildCompactTokenizer } from './compact-dictionary';
import { gramsOf, type LexicalTerms } from './grams';
import { normalizeJapanese } from './normalize';

interface KuromojiToken {
  word_type: string;
  surface_form: string;
  basic_form: string;
  pos: string;
  pos_detail_1: string;
  word_position: number;
}

/** One morpheme of `tokens()`: where it starts in the text given (0-based), its form, lemma and part of speech. */
export interface Morpheme {
  start: number;
  surface: string;
  lemma: string;
  pos: string;
  posDetail: string;
}

/** Function words that survive the POS filter but carry no meaning for matching. */
const STOP_WORDS = new Set([
  'する',
  'いる',
  'ある',
  'なる',
  'できる',
  'れる',
  'られる',
  'こと',
  'もの',
  'よう',
  'ため',
  'ところ',
  'さん',
  'とき',
  '方',
  '人',
  '的',
  '等',
  'など',
  'ない',
  'いい',
  'よい',
  '思う',
  'おる',
  'くる',
  'いく',
  'みる',
  // Frequent in both needs and descriptions, so they matched everything (measured on the dev set).
  '好き',
  '多い',
  '一緒',
  '出る',
  '家',
  '仕事',
  '作業',
  '週',
  '回',
]);
const SKIPPED_NOUN_DETAILS = new Set(['非自立', '代名詞', '数', '接尾', '副詞可能', '特殊']);

/**
 * Japanese morphological analysis with kuromoji (IPADIC shipped in the package).
 * Produces the content-word lemmas used for lexical relevance (tsvector / tsquery).
 */
@Injectable()
export class JapaneseTokenizer implements OnModuleInit {
  private readonly logger = new Logger(JapaneseTokenizer.name);
  private tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures> | null = null;
  private loading: Promise<void> | null = null;

  async onModuleInit(): Promise<void> {
    await this.ready();
  }

  ready(): Promise<void> {
    const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
    const started = Date.now();
    this.loading ??= buildCompactTokenizer(dicPath).then((tokenizer) => {
      this.tokenizer = tokenizer;
      this.logger.log({ ms: Date.now() - started }, '形態素解析辞書 (kuromoji/IPADIC) を読み込みました');
    });
    return this.loading;
  }

  /** Content-word lemmas (nouns, verbs, adjectives), normalised (normalizeJapanese, lower case), in text order. */
  contentWords(text: string): string[] {
    return this.lexicalTerms(text).words;
  }

  /**
   * The content words, plus character bigrams (GRAM_PREFIX + two characters) of each content word kuromoji does not
   * know (IPADIC's unknown-word processing gives a katakana run as one noun — モルック, ガーデニングクラブ, サポステ —
   * so a word sharing part of it would otherwise not match). The BM25 postings and the search terms are made of both.
   */
  lexicalTerms(text: string): LexicalTerms {
    if (!this.tokenizer) throw new Error('JapaneseTokenizer used before ready()');
    const normalised = normalizeJapanese(text).toLowerCase();
    const words: string[] = [];
    const grams: string[] = [];
    for (const token of this.tokenizer.tokenize(normalised) as KuromojiToken[]) {
      // The dictionary's lemma may itself be an old form (IPADIC lists some): normalised like the input.
      const lemma = normalizeJapanese(token.basic_form && token.basic_form !== '*' ? token.basic_form : token.surface_form);
      if (!isContentWord(token) || STOP_WORDS.has(lemma) || lemma.length === 0) continue;
      if (/^[\p{P}\p{S}\s]+$/u.test(lemma)) continue;
      words.push(lemma);
      if (token.word_type === 'UNKNOWN') grams.push(...gramsOf(lemma));
    }
    return { words, grams };
  }

  /** Every morpheme of the text as given (no normalisation here: the caller normalises, so offsets stay its own). */
  tokens(text: string): Morpheme[] {
    if (!this.tokenizer) throw new Error('JapaneseTokenizer used before ready()');
    return (this.tokenizer.tokenize(text) as KuromojiToken[]).map((t) => ({
      start: t.word_position - 1,
      surface: t.surface_form,
      lemma: t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form,
      pos: t.pos,
      posDetail: t.pos_detail_1,
    }));
  }
}

function isContentWord(token: KuromojiToken): boolean {
  if (token.pos === '名詞') return !SKIPPED_NOUN_DETAILS.has(token.pos_detail_1);
  if (token.pos === '動詞' || token.pos === '形容詞') return token.pos_detail_1 === '自立';
  return false;
}
