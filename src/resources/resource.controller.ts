import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourcePage, ResourceView } from './dto/resource-response.dto';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { AdjustVacanciesDto } from './dto/adjust-vacancies.dto';
import { CreateResourceDto, ListResourcesQuery, UpdateResourceDto } from './dto/resource.dto';
import { ResourceService } from './resource.service';
import { Idempotent } from '../idempotency/idempotency.interceptor';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('api/v1/resources')
@Roles('admin', 'coordinator', 'host')
export class ResourceController {
  constructor(private readonly service: ResourceService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: '資源（居場所・就労体験・ボランティア等の受入枠）を登録する。host は自団体のみ。' })
  @ApiCreatedResponse({ type: ResourceView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateResourceDto) {
    return this.service.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: '資源の一覧（種別・地区・状態・団体・キーワードで絞り込み）。host は自団体のみ。' })
  @ApiOkResponse({ type: ResourcePage })
  list(@CurrentActor() actor: Actor, @Query() query: ListResourcesQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '資源の詳細（embedding.status が ready になると検索対象）' })
  @ApiOkResponse({ type: ResourceView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '資源を更新する（説明を変えると再度埋め込みが行われます）' })
  @ApiOkResponse({ type: ResourceView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateResourceDto) {
    return this.service.update(actor, id, dto);
  }

  @Post(':id/vacancies')
  @HttpCode(200)
  @ApiOperation({ summary: '空き数を増減する（同時更新でも 0 未満・定員超過にはなりません）' })
  @ApiOkResponse({ type: ResourceView })
  adjustVacancies(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: AdjustVacanciesDto) {
    return this.service.adjustVacancies(actor, id, dto.delta);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '資源を削除する（紹介記録がある場合は不可。status を closed にしてください）' })
  async delete(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    await this.service.delete(actor, id);
  }
}
