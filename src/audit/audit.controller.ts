import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { Roles } from '../auth/actor';
import { PageQuery } from '../common/pagination';
import { AuditService } from './audit.service';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'この本人の記録を誰が見たか' })
  @IsOptional()
  @IsUUID('all', { message: 'participantId は UUID で指定してください' })
  participantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'tokenId は UUID で指定してください' }) tokenId?: string;
  @ApiPropertyOptional({ example: '2026-10-01T00:00:00+09:00' })
  @IsOptional()
  @IsISO8601({}, { message: 'from は ISO 8601 の日時です' })
  from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({}, { message: 'to は ISO 8601 の日時です' }) to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format は json または csv です' })
  format?: 'json' | 'csv';
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly service: AuditService) {}

  @Get()
  @ApiOperation({ summary: '監査ログ：本人の情報を、誰が・いつ・どの項目を・どの操作で扱ったか（追記のみ）。format=csv で出力' })
  async list(@Query() query: AuditQuery, @Res({ passthrough: true }) res: Response) {
    const page = await this.service.list(query);
    if (query.format !== 'csv') return page;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${query.participantId ?? 'all'}.csv"`);
    return this.service.toCsv(page.items);
  }
}
