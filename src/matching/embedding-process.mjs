// Child process that owns the transformers.js pipeline. It runs as native ESM
// (@xenova/transformers is ESM-only) and keeps inference off the API's event loop.
// Protocol (IPC, advanced serialisation):
//   → {id, op: 'load', modelId, localModelPath, cacheDir, allowRemote, quantized}
//   ← {id, ok: true, dims} | {id, ok: false, error}
//   → {id, op: 'embed', texts: string[], prefix?: string}
//   ← {id, ok: true, vectors: Float32Array[], chunks: number[], tokens: number[]} | {id, ok: false, error}
//     (chunks[i] > 1: text i was longer than the model's window and embedded in overlapping chunks)
//   ← {event: 'progress', file, progress, status}   (model file loading / download progress)
import { env, mean_pooling, pipeline } from '@xenova/transformers';

let extractor = null;

async function load(message) {
  env.localModelPath = message.localModelPath;
  env.allowLocalModels = true;
  env.allowRemoteModels = Boolean(message.allowRemote);
  if (message.cacheDir) env.cacheDir = message.cacheDir;
  extractor = await pipeline('feature-extraction', message.modelId, {
    quantized: message.quantized,
    progress_callback: (p) => {
      if (p.status === 'progress' || p.status === 'done') {
        process.send?.({ event: 'progress', file: p.file, progress: p.progress ?? 100, status: p.status });
      }
    },
  });
  return { dims: await checkPooling() };
}

/** The pipeline's own tokenizer and model, without its pooling (see meanPoolNormalize). */
async function forward(texts) {
  const inputs = extractor.tokenizer(texts, { padding: true, truncation: true });
  const output = await extractor.model(inputs);
  return { hidden: output.last_hidden_state ?? output.logits, mask: inputs.attention_mask };
}

/**
 * Mean pooling + L2 normalisation over the pipeline's own tokenizer and model. transformers.js
 * 2.17 does the same in `mean_pooling`, but converts every mask element from BigInt once per
 * hidden dimension, which took ~90 % of the time per text (docs/benchmarks.md); here the mask
 * is read once per token. `checkPooling` holds it to the library's result at every load.
 */
function meanPoolNormalize(hidden, mask, normalise = true) {
  const [rows, tokens, dims] = hidden.dims;
  const vectors = [];
  for (let i = 0; i < rows; i++) {
    const v = new Float32Array(dims);
    let count = 0;
    for (let k = 0; k < tokens; k++) {
      if (Number(mask.data[i * tokens + k]) === 0) continue;
      count++;
      const offset = (i * tokens + k) * dims;
      for (let j = 0; j < dims; j++) v[j] += hidden.data[offset + j];
    }
    for (let j = 0; j < dims; j++) v[j] /= Math.max(count, 1);
    // Unnormalised with its token count when chunks of one text are to be averaged (embed).
    vectors.push(normalise ? normalize(v) : { vector: v, count });
  }
  return vectors;
}

/** Compares meanPoolNormalize with the library on texts of different lengths (padding included); returns the dimensions. */
async function checkPooling() {
  const { hidden, mask } = await forward(['probe', '静かな場所で、週1回短時間から作業をしてみたい。']);
  const ours = meanPoolNormalize(hidden, mask);
  const theirs = mean_pooling(hidden, mask).normalize(2, -1);
  const dims = hidden.dims[2];
  for (let i = 0; i < ours.length; i++) {
    for (let j = 0; j < dims; j++) {
      if (Math.abs(ours[i][j] - theirs.data[i * dims + j]) > 1e-5) throw new Error('pooling differs from transformers.js mean_pooling');
    }
  }
  return dims;
}

/** Tokens shared by consecutive chunks, so that a sentence cut at a boundary is read whole in one of them. */
const CHUNK_OVERLAP_TOKENS = 64;

/** Tokens per chunk for the text itself: the model's window less the special tokens ([CLS] [SEP]). */
function contentWindow() {
  const max = Math.min(extractor.tokenizer.model_max_length || 512, extractor.model.config?.max_position_embeddings || 512);
  const special = extractor.tokenizer.encode('').length;
  return Math.max(16, max - special);
}

function tokenCount(text) {
  return extractor.tokenizer.encode(text, null, { add_special_tokens: false }).length;
}

/**
 * Splits a text longer than the window into overlapping chunks that each fit it. Boundaries fall after
 * sentences (。！？ and line ends) where possible; a sentence longer than a chunk is cut by characters.
 * Consecutive chunks share about CHUNK_OVERLAP_TOKENS tokens of sentences.
 */
function chunkText(text, prefix, window) {
  const budget = window - tokenCount(prefix);
  const pieces = [];
  for (const sentence of text.match(/[^。！？!?\n]*(?:[。！？!?]+|\n+|$)/gu).filter(Boolean)) {
    if (tokenCount(sentence) <= budget) pieces.push(sentence);
    else for (const part of splitByTokens(sentence, budget)) pieces.push(part);
  }
  const chunks = [];
  let current = [];
  let used = 0;
  for (const piece of pieces) {
    const n = tokenCount(piece);
    if (used + n > budget && current.length) {
      chunks.push(current.join(''));
      // Carry the last sentences (up to the overlap) into the next chunk.
      const carried = [];
      let carriedTokens = 0;
      for (let i = current.length - 1; i >= 0; i--) {
        const m = tokenCount(current[i]);
        if (carriedTokens + m > CHUNK_OVERLAP_TOKENS || carriedTokens + m + n > budget) break;
        carried.unshift(current[i]);
        carriedTokens += m;
      }
      current = carried;
      used = carriedTokens;
    }
    current.push(piece);
    used += n;
  }
  if (current.length) chunks.push(current.join(''));
  return chunks;
}

/** Cuts a long sentence into parts of at most `budget` tokens (binary search on the character length). */
function splitByTokens(sentence, budget) {
  const chars = Array.from(sentence);
  const parts = [];
  let start = 0;
  while (start < chars.length) {
    let lo = start + 1;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (tokenCount(chars.slice(start, mid).join('')) <= budget) lo = mid;
      else hi = mid - 1;
    }
    parts.push(chars.slice(start, lo).join(''));
    start = lo;
  }
  return parts;
}

/**
 * Texts within the window are embedded as they are. A longer text (the pipeline would silently drop
 * everything past 512 tokens: a wish written after a long life history would not count) is embedded in
 * overlapping chunks whose mean-pooled vectors are averaged weighted by their token counts, then
 * L2-normalised: every part of the text counts, in proportion to its length.
 */
async function embed(texts, prefix = '') {
  if (!extractor) throw new Error('model not loaded');
  const window = contentWindow();
  const tokens = texts.map((t) => tokenCount(prefix + t));
  const plan = texts.map((t, i) => (tokens[i] <= window ? [prefix + t] : chunkText(t, prefix, window).map((c) => prefix + c)));
  const flat = plan.flat();
  const { hidden, mask } = await forward(flat);
  const pooled = meanPoolNormalize(hidden, mask, false);
  const vectors = [];
  let k = 0;
  for (const chunks of plan) {
    if (chunks.length === 1) {
      vectors.push(normalize(pooled[k++].vector));
      continue;
    }
    const dims = pooled[k].vector.length;
    const sum = new Float32Array(dims);
    let weight = 0;
    for (let c = 0; c < chunks.length; c++, k++) {
      const { vector, count } = pooled[k];
      for (let j = 0; j < dims; j++) sum[j] += vector[j] * count;
      weight += count;
    }
    for (let j = 0; j < dims; j++) sum[j] /= Math.max(weight, 1);
    vectors.push(normalize(sum));
  }
  return { vectors, chunks: plan.map((c) => c.length), tokens };
}

function normalize(v) {
  let norm = 0;
  for (let j = 0; j < v.length; j++) norm += v[j] * v[j];
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < v.length; j++) v[j] /= norm;
  return v;
}

process.on('message', async (message) => {
  try {
    const result = message.op === 'load' ? await load(message) : await embed(message.texts, message.prefix);
    process.send?.({ id: message.id, ok: true, ...result });
  } catch (err) {
    process.send?.({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
