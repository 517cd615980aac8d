// Child process that owns the transformers.js pipeline. It runs as native ESM
// (@xenova/transformers is ESM-only) and keeps inference off the API's event loop.
// Protocol (IPC, advanced serialisation):
//   → {id, op: 'load', modelId, localModelPath, cacheDir, allowRemote, quantized}
//   ← {id, ok: true, dims} | {id, ok: false, error}
//   → {id, op: 'embed', texts: string[]}
//   ← {id, ok: true, vectors: Float32Array[]} | {id, ok: false, error}
//   ← {event: 'progress', file, progress, status}   (model download progress)
import { env, pipeline } from '@xenova/transformers';

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
  const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
  return { dims: probe.dims[1] };
}

async function embed(texts) {
  if (!extractor) throw new Error('model not loaded');
  const output = await extractor(texts, { pooling: 'mean', normalize: true });
  const [rows, dims] = output.dims;
  const vectors = [];
  for (let i = 0; i < rows; i++) vectors.push(Float32Array.from(output.data.subarray(i * dims, (i + 1) * dims)));
  return { vectors };
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
