import { useQuery } from '@tanstack/react-query';
import { formatDateTimeJa } from '../../lib/dates';
import { adminKeys, fetchBackupStatus } from './admin-api';

/** The state of the backups (GET /health's `backup`): a warning when the last good one is old or missing. */
export function BackupNotice() {
  const backup = useQuery({ queryKey: adminKeys.health, queryFn: fetchBackupStatus });
  if (!backup.data) return null;
  const { lastSuccessAt, warning } = backup.data;
  return (
    <div className={`notice ${warning ? 'notice--warning' : 'notice--info'}`} data-testid="backup-status">
      <p>
        <strong>バックアップ：</strong>
        {lastSuccessAt ? `最後に成功したのは ${formatDateTimeJa(lastSuccessAt)}` : 'まだ成功したバックアップがありません'}
      </p>
      {warning && lastSuccessAt && <p>{warning}</p>}
    </div>
  );
}
