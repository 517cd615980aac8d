import type { AccountAuditAction } from '../auth/account-audit';
import { FIELD_LABELS } from '../common/field-labels';
import type { AuditAction } from './audit.repository';

/** What each audited action is called on /admin/audit (record actions and account events). */
const AUDIT_ACTION_LABELS: Record<AuditAction | AccountAuditAction, string> = {
  read: '閲覧',
  write: '変更',
  export: '出力',
  erase: '消去',
  sign_in: 'ログイン',
  sign_in_failed: 'ログイン失敗',
  sign_in_locked: 'ログインの一時停止',
  sign_out: 'ログアウト',
  password_changed: 'パスワード変更',
  user_created: '利用者の登録',
  user_updated: '利用者の変更',
  user_disabled: '利用者の無効化',
  invitation_issued: '招待の発行',
  invitation_accepted: '招待の受諾',
  reset_issued: 'パスワード再設定の発行',
};

/** Parts of a record that an audit entry names besides request fields (a placement's check-ins and history). */
const AUDIT_PART_LABELS: Record<string, string> = {
  consent: '同意',
  checkins: 'フォローの記録',
  events: '紹介の経過',
  plans: '参加支援プラン',
};

/**
 * The one map from what an audit entry stores (its action, the fields it touched) to the Japanese the audit screen
 * shows; field names share the labels of validation messages. The screen falls back to the stored word.
 */
export const AUDIT_LABELS: Record<string, string> = { ...FIELD_LABELS, ...AUDIT_PART_LABELS, ...AUDIT_ACTION_LABELS };
