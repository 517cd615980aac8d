import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { MailRepository } from '../auth/mail.repository';
import { AuditService } from '../audit/audit.service';
import { BusinessCalendar } from '../calendar/business-calendar';
import { Clock } from '../common/clock';
import { addressOf } from '../common/person-name';
import { AppConfig } from '../config/app-config';
import { JobName } from '../jobs/job.constants';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { DigestRepository, type DigestRecipient, type DueItem } from './digest.repository';

const SECTIONS: Array<{ kind: DueItem['kind']; heading: string }> = [
  { kind: 'urgent', heading: '未読の至急の懸念' },
  { kind: 'overdue', heading: '記録のない期限超過の確認日' },
  { kind: 'due', heading: '今日までの確認日' },
  { kind: 'after_closure', heading: 'その後の様子確認' },
];
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/**
 * The morning digest: on business days at DIGEST_TIME (Asia/Tokyo), one e-mail per coordinator who has
 * something due today, overdue, 「その後の様子確認」 or an unread urgent concern. Lines name the person by
 * display name and the place only, with a link into the web app: never needs, health or household text.
 * The ledger (one row per coordinator and day) makes it idempotent; the reconcile pass catches up a day
 * whose run was missed (downtime), and the claim keeps a concurrent run from sending twice.
 */
@Injectable()
export class MorningDigestService implements OnModuleInit {
  private readonly logger = new Logger(MorningDigestService.name);

  constructor(
    private readonly digests: DigestRepository,
    private readonly mail: MailRepository,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly registry: ReconcileRegistry,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.registry.handle(JobName.MorningDigest, () => this.run());
    this.registry.register({ key: 'morningDigest', order: 20, run: () => this.catchUp() });
  }

  /** The user's list for today (also the API's due list, for ホーム). */
  itemsFor(userId: string): Promise<DueItem[]> {
    return this.digests.items(userId, this.clock.today(), this.clock.now());
  }

  /** The scheduled job: today's digests, unless the office is closed today or mail is off. Returns how many went out. */
  async run(): Promise<number> {
    const today = this.clock.today();
    if (!this.mail.enabled || !this.calendar.isBusinessDay(today)) return 0;
    let sent = 0;
    let failed = 0;
    for (const recipient of await this.digests.recipients()) {
      const items = await this.digests.items(recipient.id, today, this.clock.now());
      if (!items.length || !(await this.digests.claim(recipient.id, today, items.length))) continue;
      try {
        await this.audit.record(
          this.actorOf(recipient),
          'read',
          items.map((i) => i.participantId),
          ['displayName'],
        );
        await this.mail.send({ to: recipient.email, ...this.compose(recipient, today, items) });
        await this.digests.markSent(recipient.id, today);
        sent++;
      } catch (err) {
        await this.digests.release(recipient.id, today);
        failed++;
        this.logger.warn({ user: recipient.id, err: String(err) }, 'morning digest not sent; retrying');
      }
    }
    if (failed) throw new Error(`morning digest: ${failed} not sent, ${sent} sent; retrying`);
    await this.digests.finishRun(today, sent);
    return sent;
  }

  /** Reconcile: after downtime over DIGEST_TIME, today's digest goes out once, late rather than never. */
  async catchUp(): Promise<number> {
    const today = this.clock.today();
    const { hour, minute } = this.config.digestTime;
    const due = new Date(`${today}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+09:00`);
    if (!this.mail.enabled || !this.calendar.isBusinessDay(today) || this.clock.now() < due) return 0;
    if (await this.digests.hasRun(today)) return 0;
    return this.run();
  }

  compose(recipient: DigestRecipient, today: string, items: DueItem[]): { subject: string; text: string } {
    const weekday = WEEKDAYS[new Date(`${today}T00:00:00Z`).getUTCDay()];
    const lines = [`${recipient.displayName} 様`, '', `${today}（${weekday}）のフォローの予定です。`];
    for (const section of SECTIONS) {
      const group = items.filter((i) => i.kind === section.kind);
      if (!group.length) continue;
      lines.push('', `■ ${section.heading}（${group.length} 件）`);
      for (const item of group) {
        lines.push(`・${addressOf(item.displayName)}／${item.resourceTitle}${detail(item)}`);
        lines.push(`  ${this.config.publicUrl}/placements/${item.placementId}`);
      }
    }
    lines.push('', '詳しい内容はサインインして確認してください（このメールには相談内容・健康・世帯の情報を載せていません）。');
    return { subject: `【参加支援】今日のフォロー ${items.length} 件（${today}）`, text: lines.join('\n') };
  }

  private actorOf(recipient: DigestRecipient): Actor {
    return { tokenId: null, userId: recipient.id, role: recipient.role, organizationId: null, areas: null, route: 'morning-digest' };
  }
}

function detail(item: DueItem): string {
  if (item.kind === 'urgent') return '';
  if (item.kind === 'after_closure') return `（期日 ${item.dueOn}）`;
  const moved = item.nominalDueOn && item.nominalDueOn !== item.dueOn ? `、計画日 ${item.nominalDueOn}` : '';
  return ` ${item.dayOffset}日目（期日 ${item.dueOn}${moved}）`;
}
