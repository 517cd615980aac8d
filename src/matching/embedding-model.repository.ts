import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppException, ErrorCode } from '../common/app.exception';
import { projectRoot } from '../common/project-root';
import { QueryEmbeddingCache } from './query-embedding.cache';

/** The vector column is vector(384): a model of another width cannot serve this schema. */
export const EMBEDDING_DIMS = 384;
export const LOCAL_MODEL_NAME = 'sanka-ja-static-v1';

export type ModelState = 'loading' | 'ready' | 'fallback' | 'failed';
export type TextKind = 'query' | 'passage';

export interface ModelStatus {
  state: ModelState;
  /** The model whose vectors are produced and compared now. */
  name: string | null;
  configured: string;
  dims: number | null;
  error?: string;
}

interface Candidate {
  name: string;
  modelId: string;
  localModelPath: string;
  cacheDir?: string;
  allowRemote: boolean;
  queryPrefix: string;
  passagePrefix: string;
}

interface Reply {
  id?: number;
  ok?: boolean;
  error?: string;
  dims?: number;
  vectors?: Float32Array[];
  chunks?: number[];
  tokens?: number[];
  event?: 'progress';
  file?: string;
  progress?: number;
  status?: 'progress' | 'done';
}

const LOAD_TIMEOUT_MS = 15 * 60_000;
const EMBED_TIMEOUT_MS = 120_000;
const RESTART_DELAY_MS = 5_000;

/**
 * The embedding pipeline (@xenova/transformers, feature-extraction, mean pooling, L2
 * normalisation), run in a child process. Loads the configured model; when that
 * cannot be loaded it falls back, with a warning, to the locally built Japanese model.
 */
@Injectable()
export class EmbeddingModelRepository implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EmbeddingModel');
  private child: ChildProcess | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private current: Candidate | null = null;
  private state: ModelState = 'loading';
  private lastError: string | undefined;
  private loading: Promise<void> | null = null;
  private stopping = false;
  private lastProgressLog = 0;
  private readonly queries = new QueryEmbeddingCache();

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.loading = this.load();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.child?.kill();
  }

  /** The model process id: lets the recovery tests kill it as a crash would. */
  processId(): number | undefined {
    return this.child?.pid;
  }

  status(): ModelStatus {
    return {
      state: this.state,
      name: this.current?.name ?? null,
      configured: this.config.embeddingModel,
      dims: this.current ? EMBEDDING_DIMS : null,
      error: this.lastError,
    };
  }

  /** Resolves when a model is usable; throws MODEL_UNAVAILABLE when none could be loaded. */
  async ready(): Promise<string> {
    await this.loading;
    if (!this.current || this.state === 'failed' || this.state === 'loading') {
      throw new AppException(
        ErrorCode.ModelUnavailable,
        '埋め込みモデルを読み込めていません。管理者に連絡してください（/health を参照）。',
      );
    }
    return this.current.name;
  }

  /**
   * Vectors of the texts. A text longer than the model's window is embedded in overlapping chunks and
   * pooled (embedding-process.mjs): `chunks[i]` > 1 says so; `tokens[i]` is its length in model tokens.
   */
  async embed(texts: string[], kind: TextKind): Promise<{ model: string; vectors: Float32Array[]; chunks: number[]; tokens: number[] }> {
    const model = await this.ready();
    // Sent apart from the text so that every chunk of a long text carries it.
    const prefix = kind === 'query' ? this.current!.queryPrefix : this.current!.passagePrefix;
    const vectors: Float32Array[] = [];
    const chunks: number[] = [];
    const tokens: number[] = [];
    for (let i = 0; i < texts.length; i += this.config.embeddingBatchSize) {
      const batch = texts.slice(i, i + this.config.embeddingBatchSize);
      const reply = await this.request({ op: 'embed', texts: batch, prefix }, EMBED_TIMEOUT_MS);
      vectors.push(...reply.vectors!);
      chunks.push(...reply.chunks!);
      tokens.push(...reply.tokens!);
    }
    return { model, vectors, chunks, tokens };
  }

  /**
   * The vector of one search's needs, from the per-process cache when the same text was searched with the
   * current model (a repeated search skips the model process round trip; see QueryEmbeddingCache).
   */
  async embedQuery(text: string): Promise<{ model: string; vector: Float32Array; chunks: number }> {
    const cached = this.queries.get(await this.ready(), text);
    if (cached) return cached;
    const { model, vectors, chunks } = await this.embed([text], 'query');
    const result = { model, vector: vectors[0], chunks: chunks[0] };
    this.queries.set(text, result);
    return result;
  }

  private async load(): Promise<void> {
    this.state = 'loading';
    for (const [index, candidate] of this.candidates().entries()) {
      try {
        const started = Date.now();
        this.spawn();
        const reply = await this.request(
          {
            op: 'load',
            modelId: candidate.modelId,
            localModelPath: candidate.localModelPath,
            cacheDir: candidate.cacheDir,
            allowRemote: candidate.allowRemote,
            quantized: candidate.name !== LOCAL_MODEL_NAME,
          },
          LOAD_TIMEOUT_MS,
        );
        if (reply.dims !== EMBEDDING_DIMS) throw new Error(`model has ${reply.dims} dimensions; the database stores ${EMBEDDING_DIMS}`);
        this.current = candidate;
        this.state = index === 0 ? 'ready' : 'fallback';
        this.lastError = index === 0 ? undefined : this.lastError;
        this.logger.log({ model: candidate.name, ms: Date.now() - started }, '埋め込みモデルを読み込みました');
        if (index > 0) {
          this.logger.warn(
            { configured: this.config.embeddingModel, using: candidate.name, reason: this.lastError },
            `設定されたモデル ${this.config.embeddingModel} を読み込めないため、ローカルモデル ${candidate.name} で動作しています（検索精度は下がります）`,
          );
        }
        return;
      } catch (err) {
        if (this.stopping) return; // shut down while loading: not a model failure
        this.lastError = `${candidate.name}: ${err instanceof Error ? err.message : String(err)}`;
        this.logger.warn({ model: candidate.name, err: this.lastError }, '埋め込みモデルを読み込めませんでした');
      }
    }
    this.current = null;
    this.state = 'failed';
    this.logger.error(
      { err: this.lastError },
      '使える埋め込みモデルがありません。`npm run model:build` でローカルモデルを作成してください',
    );
  }

  private candidates(): Candidate[] {
    const configured: Candidate = this.config.embeddingModelDir
      ? {
          name: this.config.embeddingModel,
          modelId: path.basename(this.config.embeddingModelDir),
          localModelPath: path.dirname(this.config.embeddingModelDir) + path.sep,
          allowRemote: false,
          ...prefixesFor(this.config.embeddingModel, this.config.embeddingModelDir),
        }
      : {
          name: this.config.embeddingModel,
          modelId: this.config.embeddingModel,
          localModelPath: this.config.localModelDir + path.sep,
          cacheDir: path.join(this.config.dataDir, 'model-cache'),
          allowRemote: this.config.embeddingAllowDownload,
          ...prefixesFor(this.config.embeddingModel, path.join(this.config.localModelDir, this.config.embeddingModel)),
        };
    const local: Candidate = {
      name: LOCAL_MODEL_NAME,
      modelId: LOCAL_MODEL_NAME,
      localModelPath: this.config.localModelDir + path.sep,
      allowRemote: false,
      ...prefixesFor(LOCAL_MODEL_NAME, path.join(this.config.localModelDir, LOCAL_MODEL_NAME)),
    };
    return configured.name === LOCAL_MODEL_NAME && !this.config.embeddingModelDir ? [local] : [configured, local];
  }

  private spawn(): void {
    this.child?.removeAllListeners();
    this.child?.kill();
    const child = fork(path.join(projectRoot(), 'src', 'matching', 'embedding-process.mjs'), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (reply: Reply) => this.onReply(reply));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    this.child = child;
  }

  private onReply(reply: Reply): void {
    if (reply.event === 'progress') {
      if (reply.status === 'done' || ((reply.progress ?? 0) < 100 && Date.now() - this.lastProgressLog > 2_000)) {
        this.lastProgressLog = Date.now();
        this.logger.log(
          { file: reply.file, progress: Math.round(reply.progress ?? 0) },
          `モデルファイルを読み込み中（未取得ならダウンロード） ${reply.file} ${Math.round(reply.progress ?? 0)}%`,
        );
      }
      return;
    }
    const waiter = this.pending.get(reply.id!);
    if (!waiter) return;
    this.pending.delete(reply.id!);
    clearTimeout(waiter.timer);
    if (reply.ok) waiter.resolve(reply);
    else waiter.reject(new Error(reply.error ?? 'embedding failed'));
  }

  /** A crashed model process fails its callers, is reported in /health, and is restarted. */
  private onExit(child: ChildProcess, code: number | null, signal: string | null): void {
    if (child !== this.child) return;
    const error = new Error(`embedding process exited (code ${code}, signal ${signal})`);
    for (const [id, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
      this.pending.delete(id);
    }
    this.child = null;
    if (this.stopping || this.state === 'loading') return;
    this.state = 'failed';
    this.lastError = error.message;
    this.logger.error({ err: error.message }, '埋め込みプロセスが停止しました。再起動します');
    setTimeout(() => {
      if (!this.stopping) this.loading = this.load();
    }, RESTART_DELAY_MS).unref();
  }

  private request(message: Record<string, unknown>, timeoutMs: number): Promise<Reply> {
    const child = this.child;
    if (!child?.connected) return Promise.reject(new Error('embedding process is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`embedding process did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      child.send({ ...message, id });
    });
  }
}

/** E5 models expect "query: " / "passage: "; a local model declares its own in config.json. */
function prefixesFor(name: string, dir: string): { queryPrefix: string; passagePrefix: string } {
  try {
    const declared = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).sanka;
    if (declared) return { queryPrefix: declared.queryPrefix ?? '', passagePrefix: declared.passagePrefix ?? '' };
  } catch {
    // no local config: decide by name
  }
  return /e5/i.test(name) ? { queryPrefix: 'query: ', passagePrefix: 'passage: ' } : { queryPrefix: '', passagePrefix: '' };
}
