import { ConfigError, loadConfig } from '../../src/config/app-config';
import { BackupService } from '../../src/backup/backup.service';
import type { BackupRunRepository } from '../../src/backup/backup-run.repository';
import { literal } from '../../src/backup/backup-file';

describe('backup configuration', () => {
  it('defaults: DATA_DIR/backups, 14 generations, 02:00 Asia/Tokyo, no encryption', () => {
    const config = loadConfig({ DATA_DIR: '/srv/data' }, '/srv/app');
    expect(config).toMatchObject({
      backupDir: '/srv/data/backups',
      backupKeep: 14,
      backupCron: '0 2 * * *',
      backupWarnAfterHours: 48,
      backupBeforeMigrations: true,
    });
    expect(config.backupEncryptionKey).toBeUndefined();
  });

  it('takes a 32-byte base64 key and BACKUP_CRON=off', () => {
    const key = Buffer.alloc(32, 3);
    const config = loadConfig({ BACKUP_ENCRYPTION_KEY: key.toString('base64'), BACKUP_CRON: 'off' }, '/srv/app');
    expect(config.backupEncryptionKey!.equals(key)).toBe(true);
    expect(config.backupCron).toBeUndefined();
  });

  it.each([
    ['BACKUP_ENCRYPTION_KEY', Buffer.alloc(16, 1).toString('base64')],
    ['BACKUP_ENCRYPTION_KEY', 'not base64 at all, but 44 characters long!!'],
    ['BACKUP_KEEP', '0'],
    ['BACKUP_CRON', 'every night'],
    ['BACKUP_CRON', '0 2 * *'],
  ])('rejects %s=%s', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
  });

  it('never echoes a rejected key in the error message', () => {
    const wrong = Buffer.alloc(24, 5).toString('base64');
    expect(() => loadConfig({ BACKUP_ENCRYPTION_KEY: wrong })).toThrow(ConfigError);
    expect(() => loadConfig({ BACKUP_ENCRYPTION_KEY: wrong })).not.toThrow(wrong);
  });
});

describe('backup status for /health', () => {
  const config = loadConfig({}, '/srv/app');
  const service = (last: Date | null, failureAt: Date | null = null) =>
    new BackupService(
      config,
      {
        lastSuccess: async () => (last ? { finishedAt: last, file: '/b/x.sql.gz', sizeBytes: 1234, durationMs: 900, lockedMs: 500 } : null),
        lastFailureAfter: async () => (failureAt ? { finishedAt: failureAt, error: 'disk full' } : null),
      } as unknown as BackupRunRepository,
      { options: { url: 'postgres://x' } } as never,
    );
  const now = new Date('2026-03-10T00:00:00Z');

  it('reports the age of the last good backup without warning while it is fresh', async () => {
    const status = await service(new Date('2026-03-09T18:00:00Z')).status(now);
    expect(status).toMatchObject({ lastSuccessAt: '2026-03-09T18:00:00.000Z', ageHours: 6, sizeBytes: 1234, durationMs: 900 });
    expect(status.warning).toBeUndefined();
  });

  it('warns when the last good backup is older than two days, or missing, or followed by a failure', async () => {
    expect((await service(new Date('2026-03-07T23:00:00Z')).status(now)).warning).toContain('49 時間前');
    expect((await service(null).status(now)).warning).toContain('まだありません');
    expect((await service(new Date('2026-03-09T18:00:00Z'), new Date('2026-03-09T20:00:00Z')).status(now)).warning).toContain('失敗');
  });
});

describe('dump literals', () => {
  it('keeps every value on one line and escapes quotes and backslashes', () => {
    expect(literal("a'b\\c\nd\re")).toBe("E'a\\'b\\\\c\\nd\\re'");
    expect(literal(null)).toBe('NULL');
  });
});
