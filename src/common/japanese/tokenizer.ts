import * as path from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import * as kuromoji from 'kuromoji';

interface KuromojiToken {
  surface_form: string;
  basic_form: string;
  pos: string;
  pos_detail_1: string;
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
    this.loading ??= new Promise((resolve, reject) => {
      const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
      const started = Date.now();
      kuromoji.builder({ dicPath }).build((err, tokenizer) => {
        if (err) return reject(err);
        this.tokenizer = tokenizer;
        this.logger.log({ ms: Date.now() - started }, '形態素解析辞書 (kuromoji/IPADIC) を読み込みました');
        resolve();
      });
    });
    return this.loading;
  }

  /** Content-word lemmas (nouns, verbs, adjectives), NFKC-normalised, in text order. */
  contentWords(text: string): string[] {
    if (!this.tokenizer) throw new Error('JapaneseTokenizer used before ready()');
    const normalised = text.normalize('NFKC').toLowerCase();
    const words: string[] = [];
    for (const token of this.tokenizer.tokenize(normalised) as KuromojiToken[]) {
      const lemma = token.basic_form && token.basic_form !== '*' ? token.basic_form : token.surface_form;
      if (!isContentWord(token) || STOP_WORDS.has(lemma) || lemma.length === 0) continue;
      if (/^[\p{P}\p{S}\s]+$/u.test(lemma)) continue;
      words.push(lemma);
    }
    return words;
  }
}

function isContentWord(token: KuromojiToken): boolean {
  if (token.pos === '名詞') return !SKIPPED_NOUN_DETAILS.has(token.pos_detail_1);
  if (token.pos === '動詞' || token.pos === '形容詞') return token.pos_detail_1 === '自立';
  return false;
}
