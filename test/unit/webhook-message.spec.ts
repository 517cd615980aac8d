import { NOTIFICATION_KINDS } from '../../src/notifications/notification.kinds';
import { webhookMessage } from '../../src/notifications/webhook.repository';

describe('webhookMessage', () => {
  const placementId = '1a2b3c4d-0000-4000-8000-000000000000';

  it('says what happened for every kind the service writes, with the reference and the sign-in link only', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const text = webhookMessage({ kind, placementId }, 'https://sanka.example.jp');
      expect(text).not.toContain('お知らせがあります');
      expect(text).toContain('（No.1A2B3C4D）');
      expect(text).toContain(`https://sanka.example.jp/placements/${placementId}`);
    }
    expect(webhookMessage({ kind: 'host_feedback', placementId }, 'https://x')).toMatch(/^受入先が確認日の様子を記録しました/);
  });
});
