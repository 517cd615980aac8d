import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { areaFilter, assertAreaWritable } from '../access/access.rules';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { RESOURCE_TYPE_LABELS, type ResourceType } from '../common/catalogue.constants';
import { CreateUnmetNeedDto, ListUnmetNeedsQuery, UnmetNeedPage, UnmetNeedView } from './dto/unmet-need.dto';
import { UnmetNeedRepository, type UnmetNeed } from './unmet-need.repository';

/*
 * The unmet-needs register: a need no resource met, for developing new hosts (受入先の開拓) and the reports.
 * It holds no personal data (a coordinator's short, non-identifying summary, never the needs text, no person id),
 * so reading it is not in the audit log. Coordinators limited to some areas record and see those areas only.
 */
@ApiTags('unmet-needs')
@ApiBearerAuth()
@Controller('api/v1/unmet-needs')
@Roles('admin', 'coordinator')
export class UnmetNeedController {
  constructor(private readonly unmet: UnmetNeedRepository) {}

  @Post()
  @ApiOperation({ summary: '未充足ニーズを記録する（地区・望まれた種別・本人を特定しない短い要約。受入先の開拓と集計に使う）' })
  @ApiCreatedResponse({ type: UnmetNeedView })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateUnmetNeedDto): Promise<UnmetNeedView> {
    assertAreaWritable(actor, dto.area);
    const row = await this.unmet.create({
      area: dto.area,
      resourceType: dto.resourceType ?? null,
      summary: dto.summary.trim(),
      userId: actor.userId ?? null,
      tokenId: actor.tokenId,
    });
    return toView(row);
  }

  @Get()
  @ApiOperation({
    summary:
      '未充足ニーズの一覧（新しい順。地区・種別で絞り込み。page または cursor で続きを取得。地区を限られたコーディネーターには担当地区の記録だけ）',
  })
  @ApiOkResponse({ type: UnmetNeedPage })
  async list(@CurrentActor() actor: Actor, @Query() query: ListUnmetNeedsQuery): Promise<UnmetNeedPage> {
    const page = await this.unmet.list({ ...query, areas: areaFilter(actor) });
    return { ...page, items: page.items.map(toView) };
  }
}

function toView(row: UnmetNeed): UnmetNeedView {
  return { ...row, resourceTypeLabel: row.resourceType ? (RESOURCE_TYPE_LABELS[row.resourceType as ResourceType] ?? null) : null };
}
