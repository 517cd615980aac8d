import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as kuromoji from 'kuromoji';
import { buildCompactTokenizer, compactDictionaryFile } from '../../src/common/japanese/compact-dictionary';

const DIC_PATH = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Every text the project labels or ranks: needs, resources, the understanding halves. */
function corpus(): string[] {
  const texts: string[] = [];
  const devset = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'matching-devset.json'), 'utf8')) as {
    resources: Array<{ title: string; description: string; tasks?: string | string[] }>;
    needs: Array<{ needs: string }>;
  };
  for (const r of devset.resources) texts.push(r.title, r.description, [r.tasks ?? ''].flat().join('、'));
  for (const n of devset.needs) texts.push(n.needs);
  const dir = path.join(FIXTURES, 'understanding');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const half = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { sentences: Array<{ text: string }> };
    for (const s of half.sentences) texts.push(s.text);
  }
  // Unknown words, symbols, half-width kana, digits, rare kanji and a long run: the unknown-word dictionary's paths.
  texts.push('ﾊﾟｿｺﾝ入力ＯＫ、ＡＢＣ１２３、㈱さくら、☆♪、髙﨑さん、ｗｗｗ', 'あ'.repeat(300), 'ぴえん草生えるエモい', '');
  return texts;
}

function officialTokenizer(): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  return new Promise((resolve, reject) => kuromoji.builder({ dicPath: DIC_PATH }).build((err, t) => (err ? reject(err) : resolve(t))));
}

describe('compact kuromoji dictionary', () => {
  it('cuts only trailing zero padding, keeping a margin, to a multiple of 4 bytes', () => {
    const data = Buffer.alloc(20_000);
    data.write('abc', 100);
    data[5000] = 7;
    const out = new Uint8Array(compactDictionaryFile(zlib.gzipSync(data)));
    expect(out.length).toBe(5001 + 4096 + 3);
    expect(out.length % 4).toBe(0);
    expect(Buffer.from(out).equals(data.subarray(0, out.length))).toBe(true);
    // Nothing to cut: the file is kept whole.
    const full = Buffer.alloc(64, 1);
    expect(new Uint8Array(compactDictionaryFile(zlib.gzipSync(full))).length).toBe(64);
  });

  it("gives every token kuromoji's own builder gives, on every labelled and development text", async () => {
    const [official, compact] = await Promise.all([officialTokenizer(), buildCompactTokenizer(DIC_PATH)]);
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(600);
    for (const text of texts) expect(compact.tokenize(text)).toEqual(official.tokenize(text));
  }, 60_000);
});
