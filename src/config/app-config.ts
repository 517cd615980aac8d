import { isIP } from 'node:net';
import * as path from 'node:path';
import { isCalendarDate } from '../common/dates';

/**
 * All configuration, read from the environment exactly once at boot.
 * Nothing else in src/ reads process.env: inject AppConfig instead.
 */
export type Role = 'api' | 'worker' | 'all';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DUE_DATE_RULES = ['previous', 'next', 'none'] as const;
export type DueDateRule = (typeof DUE_DATE_RULES)[number];

export class AppConfig {
  port!: number;
  host!: string;
  dataDir!: string;
  adminToken?: string;
  /** Unset: the service starts its embedded PostgreSQL (PGlite + pgvector) under dataDir. */
  databaseUrl?: string;
  /** shared_buffers of the embedded PostgreSQL: searches are fast only while the catalogue and its
   *  indexes fit (about 600 MB at 100,000 resources). Allocated in full at start. Unset: sized from the
   *  data and the machine at each start (database/embedded-postgres.ts, defaultSharedBuffers). */
  embeddedDbSharedBuffers?: string;
  redisUrl!: string;
  queuePrefix!: string;
  logLevel!: LogLevel;
  role!: Role;
  embeddingModel!: string;
  embeddingModelDir?: string;
  /** Built by `npm run model:build`; used when the configured model cannot be loaded. */
  localModelDir!: string;
  embeddingAllowDownload!: boolean;
  embeddingBatchSize!: number;
  /** Searches whose hard filters leave at most this many resources compute every distance exactly;
   *  above it the HNSW index answers (approximately). */
  searchExactMaxRows!: number;
  /** Within SEARCH_EXACT_MAX_ROWS, the exact vector list comes from an index in the API process's memory
   *  (≈ 15 MB at 10,000 resources; src/matching/vector-index.ts) instead of the database. false: in SQL. */
  searchVectorIndex!: boolean;
  demoData!: boolean;
  bodyLimit!: string;
  /** How often the reconciler re-creates lost jobs (seconds). */
  reconcileIntervalSeconds!: number;
  /** Default follow-up plan: length and checkpoint days after activation (fortnightly, then monthly). */
  followUpLengthDays!: number;
  followUpCheckpointDays!: number[];
  /** A checkpoint without a check-in becomes overdue this many business days after its date… */
  followUpOverdueGraceBusinessDays!: number;
  /** …or, when set, this many seconds after it (a fixed duration, e.g. for short test periods). */
  followUpOverdueGraceSeconds?: number;
  /** Where a checkpoint whose day the office is closed moves: the business day before, after, or nowhere. */
  followUpDueDateRule!: DueDateRule;
  /** 年末年始 (29 Dec – 3 Jan) closed; further closed days as 'MM-DD' (every year) or 'YYYY-MM-DD'. */
  officeYearEndClosure!: boolean;
  officeClosedDates!: string[];
  /** Closing as 定着 schedules 「その後の様子確認」 this many days later by default (0 = not unless asked). */
  followUpAfterClosureDays!: number;
  /** The coordinators' morning e-mail on business days, Tokyo time 'HH:MM' (needs SMTP_URL). */
  digestTime!: { hour: number; minute: number };
  /** The host portal reminds a host to check an opening not updated for this many days (stale vacancies). */
  hostStaleDays!: number;
  /** Optional outbound webhook for notifications (signed with HMAC-SHA256, retried). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Requests per minute and token (429 with Retry-After beyond). */
  rateLimitPerMinute!: number;
  /** Reverse proxies whose X-Forwarded-For is believed (express `trust proxy`): addresses, CIDRs or
   *  names such as `loopback`. Empty: the socket address is the client. */
  trustedProxy!: string[];
  /** Requests answered 401 per minute and client address (429 beyond). */
  rateLimitFailedAuthPerMinute!: number;
  /** Browser sessions: idle timeout and absolute lifetime. */
  sessionIdleMinutes!: number;
  sessionAbsoluteHours!: number;
  /** Base of invitation links (default http://HOST:PORT). */
  publicUrl!: string;
  /** Optional delivery of invitation and reset links by e-mail; without it the link is shown once to the admin. */
  smtpUrl?: string;
  mailFrom!: string;
  /** Sign-in lockout: this many failures within the window lock a login (or a client address) for lockMinutes. */
  loginLockThreshold!: number;
  loginLockAddressThreshold!: number;
  loginLockWindowMinutes!: number;
  loginLockMinutes!: number;
  /** The HSDS (Open Referral) endpoints answer without credentials: the catalogue published as open data. */
  hsdsPublic!: boolean;
  // --- backup (src/backup/, docs/backup.md) ---
  /** Where backups are written (default DATA_DIR/backups). */
  backupDir!: string;
  /** Generations kept in backupDir; older backup files are deleted after a good backup. */
  backupKeep!: number;
  /** Nightly backup schedule (cron, Asia/Tokyo); empty BACKUP_CRON=off disables it. */
  backupCron?: string;
  /** AES-256-GCM key (32 bytes); backups are encrypted when set. Never logged. */
  backupEncryptionKey?: Buffer;
  /** /health warns when the last good backup is older than this. */
  backupWarnAfterHours!: number;
  /** Take a backup before applying migrations to a database that already has a schema. */
  backupBeforeMigrations!: boolean;
  // --- end backup ---

  get runsApi(): boolean {
    return this.role === 'api' || this.role === 'all';
  }
  get runsWorker(): boolean {
    return this.role === 'worker' || this.role === 'all';
  }
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    expected: string,
  ) {
    super(`設定 ${key} が不正です: ${expected} (invalid configuration ${key}: expected ${expected})`);
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, key: string, fallback?: string): string | undefined {
  const value = env[key];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function int(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = str(env, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(key, `${min} から ${max} までの整数`);
  }
  return value;
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = str(env, key);
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(key, 'true または false');
}

function oneOf<T extends string>(env: Env, key: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, key, fallback)!;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(key, allowed.join(' | '));
  return raw as T;
}

function url(env: Env, key: string, protocols: string[], fallback?: string): string | undefined {
  const raw = str(env, key, fallback);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) throw new Error();
  } catch {
    throw new ConfigError(key, `${protocols.map((p) => p + '//…').join(' または ')} 形式の URL`);
  }
  return raw;
}

/** A PostgreSQL memory setting in MB or GB, within [minMb, maxMb]; undefined when unset. */
function memorySize(env: Env, key: string, minMb: number, maxMb: number): string | undefined {
  const raw = str(env, key);
  if (raw === undefined) return undefined;
  const m = /^(\d+)(MB|GB)$/.exec(raw);
  const mb = m ? Number(m[1]) * (m[2] === 'GB' ? 1024 : 1) : NaN;
  if (!(mb >= minMb && mb <= maxMb)) throw new ConfigError(key, `${minMb}MB から ${maxMb / 1024}GB までの大きさ（例: 256MB, 1GB）`);
  return raw;
}

function dayList(env: Env, key: string, fallback: number[], max: number): number[] {
  const raw = str(env, key);
  if (raw === undefined) return fallback.filter((d) => d <= max);
  const days = raw.split(',').map((d) => Number(d.trim()));
  if (!days.length || days.some((d) => !Number.isInteger(d) || d < 0 || d > max)) {
    throw new ConfigError(key, `0 から FOLLOWUP_LENGTH_DAYS (${max}) までの日数をカンマ区切りで（例: 14,28,60,90）`);
  }
  return [...new Set(days)].sort((a, b) => a - b);
}

/** OFFICE_CLOSED_DATES: comma-separated 'MM-DD' (every year, e.g. 08-15) or 'YYYY-MM-DD' (once). */
function closedDates(env: Env, key: string): string[] {
  const raw = str(env, key);
  if (raw === undefined) return [];
  const items = raw.split(',').map((s) => s.trim());
  const valid = (d: string) => (/^\d{2}-\d{2}$/.test(d) ? isCalendarDate(`2000-${d}`) : isCalendarDate(d));
  if (!items.every(valid)) throw new ConfigError(key, "'MM-DD'（毎年）または 'YYYY-MM-DD' のカンマ区切り（例: 08-15,2027-05-06）");
  return items;
}

function timeOfDay(env: Env, key: string, fallback: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(str(env, key, fallback)!);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new ConfigError(key, "日本時間の 'HH:MM'（例: 08:30）");
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUSTED_PROXY: comma-separated IPv4/IPv6 addresses, CIDRs, or loopback / linklocal / uniquelocal. */
function proxyList(env: Env, key: string): string[] {
  const raw = str(env, key);
  if (raw === undefined) return [];
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const valid = (item: string): boolean => {
    if (PROXY_NAMES.includes(item)) return true;
    const [address, bits, ...rest] = item.split('/');
    const family = isIP(address);
    if (!family || rest.length) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  };
  if (!items.length || !items.every(valid)) {
    throw new ConfigError(key, 'IP アドレス・CIDR（例: 10.0.0.0/8）または loopback / linklocal / uniquelocal のカンマ区切り');
  }
  return items;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const config = new AppConfig();
  config.port = int(env, 'PORT', 3000, 0, 65535);
  config.host = str(env, 'HOST', '127.0.0.1')!;
  config.dataDir = path.resolve(cwd, str(env, 'DATA_DIR', './data')!);
  config.adminToken = str(env, 'ADMIN_TOKEN');
  if (config.adminToken !== undefined && config.adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', '16 文字以上のランダムな文字列');
  }
  config.databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  config.embeddedDbSharedBuffers = memorySize(env, 'EMBEDDED_DB_SHARED_BUFFERS', 32, 1024);
  config.redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379')!;
  config.queuePrefix = str(env, 'QUEUE_PREFIX', 'sanka')!;
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(config.queuePrefix)) {
    throw new ConfigError('QUEUE_PREFIX', '英数字と _ . : - からなる 64 文字以内の文字列');
  }
  config.logLevel = oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
  config.role = oneOf<Role>(env, 'ROLE', ['api', 'worker', 'all'], 'all');
  config.embeddingModel = str(env, 'EMBEDDING_MODEL', 'Xenova/multilingual-e5-small')!;
  const modelDir = str(env, 'EMBEDDING_MODEL_DIR');
  config.embeddingModelDir = modelDir ? path.resolve(cwd, modelDir) : undefined;
  config.localModelDir = path.resolve(cwd, str(env, 'LOCAL_MODEL_DIR', './models')!);
  config.embeddingAllowDownload = bool(env, 'EMBEDDING_ALLOW_DOWNLOAD', false);
  config.embeddingBatchSize = int(env, 'EMBEDDING_BATCH_SIZE', 32, 1, 256);
  config.searchExactMaxRows = int(env, 'SEARCH_EXACT_MAX_ROWS', 10_000, 0, 1_000_000);
  config.searchVectorIndex = bool(env, 'SEARCH_VECTOR_INDEX', true);
  config.demoData = bool(env, 'DEMO_DATA', true);
  config.bodyLimit = str(env, 'BODY_LIMIT', '256kb')!;
  if (!/^\d+(kb|mb)$/i.test(config.bodyLimit)) throw new ConfigError('BODY_LIMIT', '例: 256kb, 1mb');
  config.reconcileIntervalSeconds = int(env, 'RECONCILE_INTERVAL_SECONDS', 300, 5, 86400);
  config.followUpLengthDays = int(env, 'FOLLOWUP_LENGTH_DAYS', 90, 1, 730);
  config.followUpCheckpointDays = dayList(env, 'FOLLOWUP_CHECKPOINT_DAYS', [14, 28, 60, 90], config.followUpLengthDays);
  config.webhookUrl = url(env, 'WEBHOOK_URL', ['https:', 'http:']);
  config.webhookSecret = str(env, 'WEBHOOK_SECRET');
  if (config.webhookUrl && (!config.webhookSecret || config.webhookSecret.length < 16)) {
    throw new ConfigError('WEBHOOK_SECRET', 'WEBHOOK_URL を使うときは 16 文字以上の署名用の秘密');
  }
  config.rateLimitPerMinute = int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000);
  config.trustedProxy = proxyList(env, 'TRUSTED_PROXY');
  config.rateLimitFailedAuthPerMinute = int(env, 'RATE_LIMIT_FAILED_AUTH_PER_MINUTE', 60, 1, 1_000_000);
  config.followUpOverdueGraceBusinessDays = int(env, 'FOLLOWUP_OVERDUE_GRACE_BUSINESS_DAYS', 5, 0, 60);
  config.followUpOverdueGraceSeconds =
    str(env, 'FOLLOWUP_OVERDUE_GRACE_SECONDS') === undefined
      ? undefined
      : int(env, 'FOLLOWUP_OVERDUE_GRACE_SECONDS', 0, 0, 365 * 24 * 3600);
  config.followUpDueDateRule = oneOf(env, 'FOLLOWUP_DUE_DATE_RULE', DUE_DATE_RULES, 'previous');
  config.officeYearEndClosure = bool(env, 'OFFICE_YEAR_END_CLOSURE', true);
  config.officeClosedDates = closedDates(env, 'OFFICE_CLOSED_DATES');
  config.followUpAfterClosureDays = int(env, 'FOLLOWUP_AFTER_CLOSURE_DAYS', 0, 0, 730);
  config.digestTime = timeOfDay(env, 'DIGEST_TIME', '08:30');
  config.hostStaleDays = int(env, 'HOST_STALE_DAYS', 30, 1, 365);
  config.sessionIdleMinutes = int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60);
  config.sessionAbsoluteHours = int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 30 * 24);
  if (config.sessionIdleMinutes > config.sessionAbsoluteHours * 60) {
    throw new ConfigError('SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS 以下の分数');
  }
  const linkHost = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  config.publicUrl = url(env, 'PUBLIC_URL', ['https:', 'http:'], `http://${linkHost}:${config.port}`)!.replace(/\/+$/, '');
  config.smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  config.mailFrom = str(env, 'MAIL_FROM', 'no-reply@localhost')!;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(config.mailFrom)) throw new ConfigError('MAIL_FROM', 'メールアドレス（例: sanka@example.jp）');
  config.loginLockThreshold = int(env, 'LOGIN_LOCK_THRESHOLD', 5, 1, 100);
  config.loginLockAddressThreshold = int(env, 'LOGIN_LOCK_ADDRESS_THRESHOLD', 50, 1, 10_000);
  config.loginLockWindowMinutes = int(env, 'LOGIN_LOCK_WINDOW_MINUTES', 15, 1, 24 * 60);
  config.loginLockMinutes = int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60);
  config.hsdsPublic = bool(env, 'HSDS_PUBLIC', false);
  Object.assign(config, loadBackupConfig(env, config.dataDir, cwd));
  return config;
}

const CRON_FIELD = /^[\d*/,-]+$/;

/** Backup settings (docs/backup.md). The key is 32 random bytes in base64: `openssl rand -base64 32`. */
function loadBackupConfig(env: Env, dataDir: string, cwd: string): Partial<AppConfig> {
  const cron = str(env, 'BACKUP_CRON', '0 2 * * *')!;
  if (cron !== 'off' && (cron.split(/\s+/).length !== 5 || !cron.split(/\s+/).every((f) => CRON_FIELD.test(f)))) {
    throw new ConfigError('BACKUP_CRON', '5 項目の cron 式（Asia/Tokyo、例: 0 2 * * *）または off');
  }
  const rawKey = str(env, 'BACKUP_ENCRYPTION_KEY');
  let key: Buffer | undefined;
  if (rawKey !== undefined) {
    key = /^[A-Za-z0-9+/]{43}=$/.test(rawKey) ? Buffer.from(rawKey, 'base64') : undefined;
    if (key?.length !== 32)
      throw new ConfigError('BACKUP_ENCRYPTION_KEY', '32 バイトの鍵を base64 で（例: openssl rand -base64 32 の出力）');
  }
  return {
    backupDir: path.resolve(cwd, str(env, 'BACKUP_DIR', path.join(dataDir, 'backups'))!),
    backupKeep: int(env, 'BACKUP_KEEP', 14, 1, 1000),
    backupCron: cron === 'off' ? undefined : cron,
    backupEncryptionKey: key,
    backupWarnAfterHours: int(env, 'BACKUP_WARN_AFTER_HOURS', 48, 1, 24 * 365),
    backupBeforeMigrations: bool(env, 'BACKUP_BEFORE_MIGRATIONS', true),
  };
}
