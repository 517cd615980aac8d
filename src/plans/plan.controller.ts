import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { CreatePlanDto } from './dto/plan.dto';
import { PlanList, PlanView } from './dto/plan-response.dto';
import { PlanService } from './plan.service';

@ApiTags('participants')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/participants/:id/plans')
@Roles('admin', 'coordinator')
export class PlanController {
  constructor(private readonly service: PlanService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary:
      '参加支援プランを記録する（初回 initial / 見直し revision）。本人同意が必要。策定日は今日以前で 90 日前まで。消去した本人には記録できない',
  })
  @ApiCreatedResponse({ type: PlanView })
  create(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: CreatePlanDto) {
    return this.service.create(actor, id, dto);
  }

  @Get()
  @ApiOperation({ summary: '本人の参加支援プランの一覧（策定日の新しい順、監査ログに記録）' })
  @ApiOkResponse({ type: PlanList })
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.service.list(actor, id);
  }
}
