import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlacementDetailDto } from '../placements/dto/placement-response.dto';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { CreateCheckinDto, ExtendFollowUpDto, HostFeedbackDto } from './dto/follow-up.dto';
import { FollowUpPlacementService } from './follow-up-placement.service';
import { Idempotent } from '../idempotency/idempotency.interceptor';

/** Follow-up (定着フォロー) of one placement; the paths stay under the placement they belong to. */
@ApiTags('placements')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/placements')
export class FollowUpController {
  constructor(private readonly service: FollowUpPlacementService) {}

  @Post(':id/checkins')
  @Idempotent()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '定着フォローの記録（出席・調子・受入先の所見・懸念）。urgent はすぐ通知' })
  @ApiCreatedResponse({ type: PlacementDetailDto, description: '記録後の紹介' })
  checkin(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: CreateCheckinDto) {
    return this.service.checkin(actor, id, dto);
  }

  @Post(':id/follow-up/extend')
  @HttpCode(200)
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'フォロー期間を延長する（延長は記録されます）' })
  @ApiOkResponse({ type: PlacementDetailDto, description: '延長後の紹介' })
  extend(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: ExtendFollowUpDto) {
    return this.service.extend(actor, id, dto);
  }

  @Post(':id/host-feedback')
  @HttpCode(200)
  @Roles('admin', 'coordinator', 'host')
  @ApiOperation({ summary: '確認日に受入先から見た様子を記録する（その確認日の記録に含まれます）' })
  @ApiOkResponse({ type: PlacementDetailDto })
  hostFeedback(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: HostFeedbackDto) {
    return this.service.hostFeedback(actor, id, dto.checkpointId, dto.feedback);
  }
}
