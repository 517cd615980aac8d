// Child process that owns the transformers.js pipeline. It runs as native ESM
// (@xenova/transformers is ESM-only) and keeps inference off the API's event loop.
// Protocol (IPC, advanced serialisation):
//   → {id, op: 'load', modelId, localModelPath, cacheDir, allowRemote, quantized}
//   ← {id, ok: true, dims} | {id, ok: false, error}
//   → {id, op: 'embed', texts: string[]}
//   ← {id, ok: true, vectors: Float32Array[]} | {id, ok: false, error}
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
function meanPoolNormalize(hidden, mask) {
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
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      v[j] /= Math.max(count, 1);
      norm += v[j] * v[j];
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dims; j++) v[j] /= norm;
    vectors.push(v);
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

async function embed(texts) {
  if (!extractor) throw new Error('model not loaded');
  const { hidden, mask } = await forward(texts);
  return { vectors: meanPoolNormalize(hidden, mask) };
}

process.on('message', async (message) => {
  try {
    const result = message.op === 'load' ? await load(message) : await embed(message.texts);
    process.send?.({ id: message.id, ok: true, ...result });
  } catch (err) {
    process.send?.({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
