import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { ConfirmDatesDto, CreatePlacementDto, ListPlacementsQuery, TransitionDto } from './dto/placement.dto';
import { PlacementDetailDto, PlacementPageDto } from './dto/placement-response.dto';
import { PlacementService } from './placement.service';
import { Idempotent } from '../idempotency/idempotency.interceptor';

@ApiTags('placements')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/placements')
export class PlacementController {
  constructor(private readonly service: PlacementService) {}

  @Post()
  @Idempotent()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '資源への紹介を提案する（本人同意が必要）。rematchedFrom でつなぎなおし元の紹介と結ぶ' })
  @ApiCreatedResponse({ type: PlacementDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlacementDto) {
    return this.service.create(actor, dto);
  }

  @Get()
  @Roles('admin', 'coordinator', 'host')
  @ApiOperation({ summary: '紹介の一覧（本人・資源・担当・状態で絞り込み）。host は自団体の資源の紹介のみ、同意の範囲で表示' })
  @ApiOkResponse({ type: PlacementPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListPlacementsQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('admin', 'coordinator', 'host')
  @ApiOperation({ summary: '紹介の詳細（フォロー計画・確認日・記録を含む）' })
  @ApiOkResponse({ type: PlacementDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '状態を進める：visit 見学 / trial 体験 / active 参加・受入（フォロー開始）/ closed 終結（outcome 必須）' })
  @ApiOkResponse({ type: PlacementDetailDto })
  transition(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: TransitionDto) {
    return this.service.transition(actor, id, dto);
  }

  @Post(':id/dates')
  @HttpCode(200)
  @Roles('admin', 'coordinator', 'host')
  @ApiOperation({ summary: '見学・体験の日付を確定する（受入先も可）' })
  @ApiOkResponse({ type: PlacementDetailDto })
  confirmDates(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: ConfirmDatesDto) {
    return this.service.confirmDates(actor, id, dto);
  }
}
