import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Roles } from '../auth/actor';
import { CursorPageQuery } from '../common/pagination';
import { IsTimestamp } from '../common/validators';
import { AuditService } from './audit.service';

export class AuditQuery extends CursorPageQuery {
  @ApiPropertyOptional({ description: 'この本人の記録を誰が見たか' })
  @IsOptional()
  @IsUUID('all', { message: 'participantId は UUID で指定してください' })
  participantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'tokenId は UUID で指定してください' }) tokenId?: string;
  @ApiPropertyOptional({ description: 'この利用者が行ったこと、またはこの利用者のアカウントに関すること（サインインなど）' })
  @IsOptional()
  @IsUUID('all', { message: 'userId は UUID で指定してください' })
  userId?: string;
  @ApiPropertyOptional({
    description: '経路の一部（例: GET /api/v1/placements）。大文字・小文字を区別しない',
    example: '/api/v1/placements',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'route は 200 文字以内です' })
  route?: string;
  @ApiPropertyOptional({ example: '2026-10-01T00:00:00+09:00' }) @IsOptional() @IsTimestamp() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsTimestamp() to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format は json または csv です' })
  format?: 'json' | 'csv';
}

export class AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() at!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) tokenId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '操作した利用者' }) userId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '操作した利用者の表示名' }) userName!: string | null;
  @ApiProperty({ enum: ['admin', 'coordinator', 'host', 'viewer'] }) role!: string;
  @ApiProperty({ description: 'read 閲覧 / write 変更 / export 出力 / erase 消去、またはアカウントの操作（sign_in など）' })
  action!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) participantId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'アカウントの操作の対象の利用者' })
  subjectUserId!: string | null;
  @ApiProperty({ type: [String], description: '扱った項目' }) fields!: string[];
  @ApiProperty({ description: '経路（メソッドと API のパス）' }) route!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: String, nullable: true, description: '次のページの cursor（これを cursor に渡す。最後のページでは null）' })
  nextCursor!: string | null;
  @ApiProperty({ description: 'true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数' })
  totalEstimated!: boolean;
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly service: AuditService) {}

  @Get()
  @ApiOperation({
    summary:
      '監査ログ：本人の情報を、誰が・いつ・どの項目を・どの操作で扱ったか（追記のみ）。本人・利用者・経路・期間で絞り込み、format=csv で出力',
  })
  @ApiOkResponse({ type: AuditPageDto, description: 'format=csv のときは text/csv（UTF-8、BOM 付き）' })
  async list(@Query() query: AuditQuery, @Res({ passthrough: true }) res: Response) {
    const page = await this.service.list(query);
    if (query.format !== 'csv') return page;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${query.participantId ?? 'all'}.csv"`);
    return this.service.toCsv(page.items);
  }
}
