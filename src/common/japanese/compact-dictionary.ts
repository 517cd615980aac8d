import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type * as kuromoji from 'kuromoji';

/**
 * Builds kuromoji's tokenizer from its IPADIC files with less memory than `kuromoji.builder().build()`.
 *
 * Why (docs/benchmarks.md, "Memory of the service tree"): kuromoji 0.1.2 decompresses its 12 dictionary files at
 * once, copies every decompressed buffer once more, and keeps them whole although several are mostly zero padding
 * (unk.dat and unk_pos.dat are 10 MiB each for < 2 kB of data; tid.dat 10 MiB for 3.9 MB, tid_pos.dat 42 MiB for
 * 36 MB). A process holding the tokenizer measured 352 MB RSS that way and 249 MB this way, with the same tokens.
 *
 * How: kuromoji's own loader and Tokenizer classes, with one method replaced — each file is decompressed in turn
 * (synchronously, so at most one decompressed file is garbage at a time) into a buffer of its data's length. The
 * padding cut is the run of zero bytes after the last non-zero byte, keeping TRAILING_MARGIN bytes of it: every
 * read of a dictionary record starts at an offset inside the data, and a record (10 bytes in tid/unk, a
 * NUL-terminated string in the pos files) is far shorter than the margin, so reads never pass the end.
 * `test/unit/compact-dictionary.spec.ts` checks that every token of the labelled and development texts is the same
 * as with kuromoji's own builder.
 */
const TRAILING_MARGIN = 4096;

type Callback = (err: Error | null, buffer?: ArrayBuffer) => void;
interface DictionaryLoader {
  loadArrayBuffer(file: string, callback: Callback): void;
  load(callback: (err: Error | null, dic: unknown) => void): void;
}

/** The decompressed file without its trailing zero padding (margin kept, length a multiple of 4 for Int32Array views). */
export function compactDictionaryFile(gzipped: Buffer): ArrayBuffer {
  const data = zlib.gunzipSync(gzipped);
  let last = data.length - 1;
  while (last >= 0 && data[last] === 0) last--;
  const length = Math.min(data.length, (last + 1 + TRAILING_MARGIN + 3) & ~3);
  const out = new ArrayBuffer(length);
  new Uint8Array(out).set(data.subarray(0, length));
  return out;
}

/** kuromoji's Tokenizer over the dictionary at dicPath (the package's `dict` folder), loaded compactly. */
export function buildCompactTokenizer(dicPath: string): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  const src = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'src');
  /* eslint-disable @typescript-eslint/no-require-imports -- kuromoji's internal classes have no typings */
  const NodeDictionaryLoader = require(path.join(src, 'loader', 'NodeDictionaryLoader')) as new (dicPath: string) => DictionaryLoader;
  const Tokenizer = require(path.join(src, 'Tokenizer')) as new (dic: unknown) => kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const loader = new NodeDictionaryLoader(dicPath);
  loader.loadArrayBuffer = (file, callback) => {
    let buffer: ArrayBuffer;
    try {
      buffer = compactDictionaryFile(fs.readFileSync(file));
    } catch (err) {
      return callback(err as Error);
    }
    callback(null, buffer);
  };
  return new Promise((resolve, reject) => {
    loader.load((err, dic) => (err ? reject(err) : resolve(new Tokenizer(dic))));
  });
}
