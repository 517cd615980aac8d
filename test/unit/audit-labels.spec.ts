import { AUDIT_LABELS } from '../../src/audit/audit.labels';
import { renderVocabularyModule } from '../../src/web-vocabulary';

describe('audit labels: one map from stored audit words to Japanese', () => {
  it.each([
    ['sign_in', 'ログイン'],
    ['user_created', '利用者の登録'],
    ['invitation_issued', '招待の発行'],
    ['read', '閲覧'],
    ['displayName', '表示名'],
    ['ageBand', '年代'],
    ['disabilityNote', '障害'],
    ['checkins', 'フォローの記録'],
  ])('%p → %p', (key, label) => {
    expect(AUDIT_LABELS[key]).toBe(label);
  });

  it('reaches the web app through the generated vocabulary', () => {
    expect(renderVocabularyModule()).toMatch(/export const AUDIT_LABELS = \{.*"sign_in":"ログイン".*\} as const;/);
  });
});
