import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { DueCheckpointPageDto, DueCheckpointsQuery, NextStepPageDto, NextStepsQuery } from './dto/worklist.dto';
import { WorklistService } from './worklist.service';

/** The coordinator's work for today (ホーム): answered by one query each, scoped to the actor's areas. */
@ApiTags('follow-up')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/follow-up')
@Roles('admin', 'coordinator')
export class WorklistController {
  constructor(private readonly service: WorklistService) {}

  @Get('due')
  @ApiOperation({ summary: '期日を迎えた・過ぎた定着フォローの確認日（担当地区の本人のみ、古い順）' })
  @ApiOkResponse({ type: DueCheckpointPageDto })
  due(@CurrentActor() actor: Actor, @Query() query: DueCheckpointsQuery) {
    return this.service.due(actor, query);
  }

  @Get('next-steps')
  @ApiOperation({ summary: '次の一歩を待つ紹介：見学日が未定の提案、体験日が過ぎた体験、最後の確認日を迎えた参加・受入' })
  @ApiOkResponse({ type: NextStepPageDto })
  nextSteps(@CurrentActor() actor: Actor, @Query() query: NextStepsQuery) {
    return this.service.nextSteps(actor, query);
  }
}
