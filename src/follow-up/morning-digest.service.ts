import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { MailRepository } from '../auth/mail.repository';
import { AuditService } from '../audit/audit.service';
import { BusinessCalendar } from '../calendar/business-calendar';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobName } from '../jobs/job.constants';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { placementRef } from '../common/placement-ref';
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
 * something due today, overdue, 「その後の様子確認」 or an unread urgent concern. E-mail passes through mail services
 * outside the municipality, so, like the calendar feed, it carries no personal data: no display name, not even the
 * place (a place and a date tell who goes where), never needs, health or household text — only counts, what is due
 * and when, the placement's reference (No.…) and a link to its page, behind sign-in.
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
        // The mail tells its reader that these people have dates (no field of theirs): recorded as a read.
        await this.audit.record(
          this.actorOf(recipient),
          'read',
          items.map((i) => i.participantId),
          [],
        );
        await this.mail.send({ to: recipient.email, ...this.compose(today, items) });
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

  /** Subject and plain-text body (no HTML part): nothing of the person, see the class comment. */
  compose(today: string, items: DueItem[]): { subject: string; text: string } {
    const weekday = WEEKDAYS[new Date(`${today}T00:00:00Z`).getUTCDay()];
    // No greeting by name either: the mail names nobody.
    const lines = [`${today}（${weekday}）のフォローの予定です。合計 ${items.length} 件。`];
    for (const section of SECTIONS) {
      const group = items.filter((i) => i.kind === section.kind);
      if (!group.length) continue;
      lines.push('', `■ ${section.heading}（${group.length} 件）`);
      for (const item of group) {
        lines.push(`・${placementRef(item.placementId)}${detail(item)}`);
        lines.push(`  ${this.config.publicUrl}/placements/${item.placementId}`);
      }
    }
    lines.push(
      '',
      'No. は支援記録の番号です。対象の方と活動先は、リンク先でサインインして確認してください。',
      '（このメールには氏名・活動先・相談内容・健康・世帯の情報を載せていません。）',
    );
    return { subject: `【参加支援】今日のフォロー ${items.length} 件（${today}）`, text: lines.join('\n') };
  }

  private actorOf(recipient: DigestRecipient): Actor {
    return { tokenId: null, userId: recipient.id, role: recipient.role, organizationId: null, areas: null, route: 'morning-digest' };
  }
}

/** What is due and by when (期限); the date it was planned for when the office calendar moved it. */
function detail(item: DueItem): string {
  if (item.kind === 'urgent') return ' 至急の懸念（未読）';
  if (item.kind === 'after_closure') return ` その後の様子確認（期限 ${item.dueOn}）`;
  const moved = item.nominalDueOn && item.nominalDueOn !== item.dueOn ? `、計画日 ${item.nominalDueOn}` : '';
  return ` 定着フォロー確認 ${item.dayOffset}日目（期限 ${item.dueOn}${moved}）`;
}
