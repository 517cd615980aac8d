/**
 * The backup file: a plain SQL script (docs/backup.md "File format"), gzip-compressed and optionally
 * encrypted with AES-256-GCM. Reading checks everything that can be checked before a byte reaches a
 * database: the encryption key, the authentication tag, gzip's CRC and length, the header, every data
 * section's row count and the end marker.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { Transform, Writable, type TransformCallback, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as readline from 'node:readline';

/** First line of every dump; the JSON after it is the header. */
export const HEADER_PREFIX = '-- sanka-backup ';
/** Last line; the JSON after it holds the row counts. Absent = the file was cut short. */
export const TRAILER_PREFIX = '-- sanka-backup-end ';
/** Starts a table's data: `-- data "table" rows`. Each data row is then exactly one line starting with '('. */
export const DATA_PREFIX = '-- data ';
/** Ends the last data section (index builds and sequence values follow). */
export const DATA_END = '-- data-end';
/** Every statement is followed by a line holding only this, so that readers split without parsing SQL. */
export const STATEMENT_END = ';';
export const FORMAT_VERSION = 1;

/** Encrypted files: magic, key check, IV, ciphertext, GCM tag. */
const MAGIC = Buffer.from('SANKAENC', 'ascii');
const KEY_CHECK_LENGTH = 8;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export interface DumpHeader {
  format: number;
  createdAt: string;
  source: 'embedded' | 'postgresql';
  serverVersion: string;
  migrations: string[];
  reason: string;
}

export interface DumpTrailer {
  rows: Record<string, number>;
  statements: number;
}

/** A backup file that cannot be used; the message is for the administrator (Japanese, then English). */
export class BackupFileError extends Error {}

/** Derived, not secret: tells a wrong key from a damaged file without decrypting anything. */
function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('sanka-backup key check v1').digest().subarray(0, KEY_CHECK_LENGTH);
}

export function encryptStream(key: Buffer): Transform {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  let headerSent = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (!headerSent) {
        this.push(Buffer.concat([MAGIC, keyCheck(key), iv]));
        headerSent = true;
      }
      done(null, cipher.update(chunk));
    },
    flush(done: TransformCallback) {
      if (!headerSent) this.push(Buffer.concat([MAGIC, keyCheck(key), iv]));
      const last = cipher.final();
      done(null, Buffer.concat([last, cipher.getAuthTag()]));
    },
  });
}

/** Holds back the last 16 bytes (the tag) and checks it at the end: a wrong tag fails the stream. */
function decryptStream(key: Buffer, iv: Buffer): Transform {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const all = Buffer.concat([tail, chunk]);
      tail = all.subarray(Math.max(0, all.length - TAG_LENGTH));
      done(null, decipher.update(all.subarray(0, all.length - tail.length)));
    },
    flush(done: TransformCallback) {
      if (tail.length < TAG_LENGTH) return done(damaged('暗号化されたファイルが途中で切れています', 'encrypted file is truncated'));
      decipher.setAuthTag(tail);
      try {
        done(null, decipher.final());
      } catch {
        done(
          damaged('暗号化されたファイルの認証に失敗しました（改ざんまたは破損）', 'authentication tag mismatch: file altered or damaged'),
        );
      }
    },
  });
}

function damaged(ja: string, en: string): BackupFileError {
  return new BackupFileError(`バックアップファイルを使えません: ${ja} (backup file refused: ${en})`);
}

export function isEncrypted(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    fs.readSync(fd, head, 0, head.length, 0);
    return head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** The decompressed SQL of a backup file as a stream; errors are BackupFileErrors with a clear message. */
function openSql(file: string, key: Buffer | undefined): Readable {
  if (!fs.existsSync(file)) throw new BackupFileError(`バックアップファイルがありません: ${file} (no such file)`);
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(MAGIC.length + KEY_CHECK_LENGTH + IV_LENGTH);
  const headLength = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  let compressed: Readable;
  if (headLength >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (!key) {
      throw new BackupFileError(
        'このバックアップは暗号化されています: BACKUP_ENCRYPTION_KEY に作成時の鍵を設定してください (backup is encrypted: set BACKUP_ENCRYPTION_KEY)',
      );
    }
    if (headLength < head.length) throw damaged('暗号化ヘッダーが途中で切れています', 'encryption header truncated');
    if (!head.subarray(MAGIC.length, MAGIC.length + KEY_CHECK_LENGTH).equals(keyCheck(key))) {
      throw new BackupFileError(
        '暗号鍵が違います: このバックアップは別の BACKUP_ENCRYPTION_KEY で暗号化されています (wrong encryption key for this backup)',
      );
    }
    const iv = head.subarray(MAGIC.length + KEY_CHECK_LENGTH);
    compressed = fs.createReadStream(file, { start: head.length }).pipe(decryptStream(key, iv));
  } else if (headLength >= 2 && head.subarray(0, 2).equals(GZIP_MAGIC)) {
    compressed = fs.createReadStream(file);
  } else {
    throw damaged('このサービスのバックアップ（gzip または暗号化形式）ではありません', 'not a backup of this service');
  }
  const gunzip = createGunzip();
  const forward = (err: Error) =>
    gunzip.destroy(err instanceof BackupFileError ? err : damaged(`読み込めません (${err.message})`, err.message));
  compressed.on('error', forward);
  compressed.pipe(gunzip);
  gunzip.once('close', () => compressed.destroy());
  return gunzip;
}

export type SqlItem =
  | { kind: 'header'; header: DumpHeader }
  | { kind: 'data'; table: string; rows: number }
  | { kind: 'statement'; sql: string; dataRows: number }
  | { kind: 'trailer'; trailer: DumpTrailer };

/**
 * Reads a backup file as header, statements and trailer, checking as it goes: a missing header,
 * a data section whose row count differs, or a missing end marker fails with BackupFileError.
 */
export async function* readBackup(file: string, key: Buffer | undefined): AsyncGenerator<SqlItem> {
  const sql = openSql(file, key);
  const lines = readline.createInterface({ input: sql, crlfDelay: Infinity });
  let lineNo = 0;
  let statement: string[] = [];
  let dataRows = 0;
  let section: { table: string; expected: number; seen: number } | null = null;
  let trailer: DumpTrailer | null = null;
  let statements = 0;
  const counted: Record<string, number> = {};
  const closeSection = () => {
    if (!section) return;
    if (section.seen !== section.expected) {
      throw damaged(
        `表 ${section.table} の行数が合いません（${section.expected} 行のはずが ${section.seen} 行）`,
        `row count mismatch in ${section.table}`,
      );
    }
    counted[section.table] = section.seen;
    section = null;
  };
  try {
    for await (const line of lines) {
      lineNo++;
      if (lineNo === 1) {
        if (!line.startsWith(HEADER_PREFIX)) throw damaged('先頭にバックアップのヘッダーがありません', 'missing header');
        const header = JSON.parse(line.slice(HEADER_PREFIX.length)) as DumpHeader;
        if (header.format !== FORMAT_VERSION)
          throw damaged(`形式 ${header.format} には対応していません`, `unsupported format ${header.format}`);
        yield { kind: 'header', header };
        continue;
      }
      if (trailer) throw damaged('終端マーカーの後にデータがあります', 'data after end marker');
      if (statement.length === 0) {
        if (line.startsWith(TRAILER_PREFIX)) {
          closeSection();
          trailer = JSON.parse(line.slice(TRAILER_PREFIX.length)) as DumpTrailer;
          continue;
        }
        if (line.startsWith(DATA_PREFIX)) {
          closeSection();
          const m = /^-- data "([^"]+)" (\d+)$/.exec(line);
          if (!m) throw damaged(`${lineNo} 行目のデータ見出しが読めません`, `bad data marker at line ${lineNo}`);
          section = { table: m[1], expected: Number(m[2]), seen: 0 };
          yield { kind: 'data', table: section.table, rows: section.expected };
          continue;
        }
        if (line === DATA_END) {
          closeSection();
          continue;
        }
        if (line === '' || line.startsWith('-- ')) continue;
      }
      if (line === STATEMENT_END) {
        statements++;
        yield { kind: 'statement', sql: statement.join('\n'), dataRows };
        statement = [];
        dataRows = 0;
        continue;
      }
      if (section && line.startsWith('(')) {
        section.seen++;
        dataRows++;
      }
      statement.push(line);
    }
  } catch (err) {
    if (err instanceof BackupFileError) throw err;
    if (err instanceof SyntaxError) throw damaged('ヘッダーまたは終端マーカーが壊れています', err.message);
    throw damaged(`読み込めません (${(err as Error).message})`, (err as Error).message);
  } finally {
    // Also when the consumer stops early: errors still in flight must not become uncaught exceptions.
    sql.on('error', () => undefined);
    sql.destroy();
  }
  if (!trailer) throw damaged('終端マーカーがありません（途中で切れたファイル）', 'end marker missing: file truncated');
  if (statement.length) throw damaged('最後の SQL 文が終わっていません', 'unterminated statement');
  const t = trailer as DumpTrailer;
  if (t.statements !== statements) throw damaged('SQL 文の数が合いません', `statement count ${statements} != ${t.statements}`);
  for (const [table, rows] of Object.entries(t.rows)) {
    if (counted[table] !== rows) throw damaged(`表 ${table} の行数が合いません`, `row count mismatch in ${table}`);
  }
  yield { kind: 'trailer', trailer: t };
}

/** Reads the whole file once: header and trailer if it is intact, BackupFileError otherwise. */
export async function verifyBackupFile(file: string, key: Buffer | undefined): Promise<{ header: DumpHeader; trailer: DumpTrailer }> {
  if (key && isEncrypted(file)) await authenticate(file, key);
  let header: DumpHeader | null = null;
  let trailer: DumpTrailer | null = null;
  for await (const item of readBackup(file, key)) {
    if (item.kind === 'header') header = item.header;
    if (item.kind === 'trailer') trailer = item.trailer;
  }
  return { header: header!, trailer: trailer! };
}

/**
 * Checks the GCM tag of an encrypted file before its content is read: the tag is checked only at the end of the
 * stream, so a byte altered mid-file otherwise surfaced as whatever structure check it broke first (a row count, a
 * gzip error) instead of 「認証に失敗」. A wrong key or a cut header is left to openSql, which names them.
 */
async function authenticate(file: string, key: Buffer): Promise<void> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(MAGIC.length + KEY_CHECK_LENGTH + IV_LENGTH);
  const headLength = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (headLength < head.length || !head.subarray(MAGIC.length, MAGIC.length + KEY_CHECK_LENGTH).equals(keyCheck(key))) return;
  const discard = new Writable({ write: (_chunk, _enc, done) => done() });
  await pipeline(
    fs.createReadStream(file, { start: head.length }),
    decryptStream(key, head.subarray(MAGIC.length + KEY_CHECK_LENGTH)),
    discard,
  );
}

/** A SQL literal on one line: an E'' string with backslash, quote and line breaks escaped. */
export function literal(value: string | null): string {
  if (value === null) return 'NULL';
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
