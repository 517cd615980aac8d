import { createHash } from 'node:crypto';

export interface CachedEmbedding {
  model: string;
  vector: Float32Array;
  chunks: number;
}

/** Query vectors kept per process: coordinators re-run the same needs, and a vector depends only on model + text. */
export const QUERY_EMBEDDING_CACHE_SIZE = 1_000;

/**
 * A bounded LRU of query vectors keyed by a hash of (model, text), so that the needs text itself is not
 * kept as a key (the vector is, as it is in the database). A Map iterates in insertion order: a hit is
 * re-inserted, and the first key is the least recently used one. 1,000 vectors of 384 floats ≈ 1.6 MB.
 */
export class QueryEmbeddingCache {
  private readonly entries = new Map<string, CachedEmbedding>();

  constructor(private readonly capacity = QUERY_EMBEDDING_CACHE_SIZE) {}

  get size(): number {
    return this.entries.size;
  }

  static key(model: string, text: string): string {
    return createHash('sha256').update(model).update('\0').update(text).digest('base64url');
  }

  get(model: string, text: string): CachedEmbedding | undefined {
    const key = QueryEmbeddingCache.key(model, text);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(text: string, value: CachedEmbedding): void {
    if (this.capacity <= 0) return;
    const key = QueryEmbeddingCache.key(value.model, text);
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
