import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, Post, Res, type PipeTransform } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Public, Roles, type Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedDto, DueListDto, RecomputeDueDatesDto, RecomputeDueDatesResultDto } from './dto/follow-up.dto';
import { FollowUpService } from './follow-up.service';
import { MorningDigestService } from './morning-digest.service';

/** The secret of a feed URL (43 base64url characters, optionally '.ics'): anything else is a 400, never a lookup. */
@Injectable()
export class ParseFeedTokenPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const m = /^([A-Za-z0-9_-]{43})(?:\.ics)?$/.exec(value);
    if (!m) throw AppException.validation('token', 'カレンダー配信の URL が正しくありません');
    return m[1];
  }
}

/** Follow-up on the office's calendar: the personal calendar feed, today's list, and the offered recomputation of due dates. */
@ApiTags('follow-up')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1')
export class FollowUpCalendarController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly digest: MorningDigestService,
    private readonly followUp: FollowUpService,
    private readonly audit: AuditService,
  ) {}

  @Post('me/calendar-feed')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary:
      '自分の確認日・見学・体験をカレンダー（Outlook・Google・Garoon など）に配信する URL を発行する（URL はこの応答でだけ表示。再発行で以前の URL は無効）',
  })
  @ApiCreatedResponse({ type: CalendarFeedDto })
  enableFeed(@CurrentActor() actor: Actor): Promise<CalendarFeedDto> {
    return this.feeds.enable(actor);
  }

  @Delete('me/calendar-feed')
  @HttpCode(204)
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'カレンダー配信を止める（URL は直ちに使えなくなります）' })
  @ApiNoContentResponse()
  async revokeFeed(@CurrentActor() actor: Actor): Promise<void> {
    await this.feeds.revoke(actor);
  }

  @Get('calendar-feeds/:token')
  @Public()
  @ApiOperation({
    summary: 'カレンダー配信（iCalendar）。URL の秘密だけで読めるため、個人情報は載せません（件名は予定の種類と紹介の番号だけ）',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar（RFC 5545）', schema: { type: 'string' } })
  async feed(@Param('token', ParseFeedTokenPipe) token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.feeds.render(token);
    // Set only on success, so that errors stay JSON like everywhere else.
    res.type('text/calendar; charset=utf-8').setHeader('Cache-Control', 'private, no-store');
    return body;
  }

  @Get('follow-up/today')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary:
      '今日の自分の一覧（ホーム用）：期限超過・今日までの確認日・その後の様子確認・未読の至急の懸念（朝のメールと同じ項目。メールには名前・場所を書かない）',
  })
  @ApiOkResponse({ type: DueListDto })
  async due(@CurrentActor() actor: Actor): Promise<DueListDto> {
    const userId = actor.userId ?? actor.tokenId;
    const items = userId ? await this.digest.itemsFor(userId) : [];
    if (items.length)
      await this.audit.record(
        actor,
        'read',
        items.map((i) => i.participantId),
        ['displayName'],
      );
    return {
      today: this.followUp.today(),
      items: items.map(({ participantId: _, ...item }) => ({ ...item, label: LABELS[item.kind] })),
    };
  }

  @Post('follow-up/due-dates/recompute')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: '既存の計画の確認日を、いまの営業日の規則で計算しなおす（1 回限りの提案。apply: true で移動、省略時は試算のみ）',
  })
  @ApiOkResponse({ type: RecomputeDueDatesResultDto })
  async recompute(@Body() dto: RecomputeDueDatesDto): Promise<RecomputeDueDatesResultDto> {
    const apply = dto.apply ?? false;
    return { ...(await this.followUp.recomputeDueDates(apply)), applied: apply };
  }
}

const LABELS: Record<string, string> = {
  urgent: '至急の懸念（未読）',
  overdue: '期限超過の確認日',
  due: '今日までの確認日',
  after_closure: 'その後の様子確認',
};
