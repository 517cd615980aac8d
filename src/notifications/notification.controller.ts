import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { ListNotificationsQuery, NotificationDto } from './dto/notification.dto';
import { NotificationService } from './notification.service';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/notifications')
@Roles('admin', 'coordinator')
export class NotificationController {
  constructor(private readonly service: NotificationService) {}

  @Get()
  @ApiOperation({
    summary: '自分あての通知（フォローの期日・期限超過・最終確認・緊急の懸念）。admin はすべて',
    description:
      '担当コーディネーターがいる紹介の通知はその人に、未割当（または担当者が無効・担当地区外）の通知は本人の地区の' +
      'コーディネーター全員に届きます。担当地区が限られたコーディネーターには、地区外の本人の通知は届きません。既読は読んだ人ごと',
  })
  @ApiOkResponse({ type: [NotificationDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery): Promise<NotificationDto[]> {
    return this.service.list(actor, query.unread ?? false);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: '通知を既読にする（自分にとってだけ）' })
  @ApiNoContentResponse()
  async read(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    await this.service.markRead(actor, id);
  }
}
