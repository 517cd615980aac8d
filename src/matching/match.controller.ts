import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CandidatesResponse, SearchResponse } from './dto/search-response.dto';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { CandidatesQuery, SearchMatchesDto } from './dto/search.dto';
import { MatchService } from './match.service';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('api/v1')
export class MatchController {
  constructor(private readonly service: MatchService) {}

  @Post('matches/search')
  @HttpCode(200)
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: '本人の希望（日本語の自由記述）に合う資源を順位付けして返す',
    description:
      '意味の近さ（ベクトル）・キーワード一致・本人の条件への適合を組み合わせた順位と、その理由（日本語）を返します。filters は必ず守られる条件です。' +
      '応答の needsLong が true のとき、希望の文章が埋め込みモデルの窓（512 トークン）より長かったため、重なりのある複数の区切り' +
      '（needsChunks 個）に分けて埋め込み、トークン数で重み付けして平均しました。文章の最後まですべて検索に反映されています（切り捨てなし）。',
  })
  @ApiOkResponse({ type: SearchResponse })
  search(@CurrentActor() actor: Actor, @Body() dto: SearchMatchesDto) {
    return this.service.search(actor, dto);
  }

  @Get('resources/:id/candidates')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'この資源に合いそうな、紹介待ちの本人（同意取得済み・進行中の紹介なし）の一覧' })
  @ApiOkResponse({ type: CandidatesResponse })
  candidates(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: CandidatesQuery) {
    return this.service.candidates(actor, id, query.limit ?? 10);
  }
}
