import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { ConsentDto, CreateParticipantDto, ListParticipantsQuery, UpdateParticipantDto } from './dto/participant.dto';
import { ConsentHistory, ParticipantPage, ParticipantView } from './dto/participant-response.dto';
import { ParticipantService } from './participant.service';
import { Idempotent } from '../idempotency/idempotency.interceptor';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('api/v1/participants')
@Roles('admin', 'coordinator')
export class ParticipantController {
  constructor(private readonly service: ParticipantService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: '本人を登録する（仮名・コードでよい）' })
  @ApiCreatedResponse({ type: ParticipantView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateParticipantDto) {
    return this.service.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: '本人の一覧（表示名・地区・同意・自立の段階・担当で絞り込み）' })
  @ApiOkResponse({ type: ParticipantPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListParticipantsQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '本人の記録（コーディネーター向け、全項目）' })
  @ApiOkResponse({ type: ParticipantView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '本人の記録を更新する（希望を変えると再度埋め込み）' })
  @ApiOkResponse({ type: ParticipantView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateParticipantDto) {
    return this.service.update(actor, id, dto);
  }

  @Put(':id/consent')
  @ApiOperation({ summary: '本人同意を記録する（status・方法・受入先に見せてよい項目）。撤回は即時に反映' })
  @ApiOkResponse({ type: ParticipantView })
  consent(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: ConsentDto) {
    return this.service.setConsent(actor, id, dto);
  }

  @Get(':id/consents')
  @ApiOperation({ summary: '本人同意の履歴（新しい順：状態・方法・日付・受入先に見せてよい項目）' })
  @ApiOkResponse({ type: ConsentHistory })
  consents(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.service.consentHistory(actor, id);
  }

  @Get(':id/export')
  @Roles('admin')
  @ApiOperation({ summary: '本人について保有するすべての情報を JSON で出力する（個人情報の開示請求用、監査ログに記録）' })
  @ApiOkResponse({
    description:
      '本人の記録、同意の履歴、紹介とその経過、確認の記録、参加支援プラン（supportPlans）、監査ログの該当行をそのまま含む JSON 文書',
    schema: { type: 'object', additionalProperties: true },
  })
  export(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.service.export(actor, id);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: '本人の記録を消去する（個人情報を削除し、過去の集計のための記録だけを残す）' })
  async erase(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    await this.service.erase(actor, id);
  }
}
