import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/actor';
import { ParseMonthPipe } from '../common/date.pipe';
import { MonthReportDto } from './dto/month-report.dto';
import { ReportQuery } from './report.query';
import { ReportService } from './report.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/reports')
@Roles('admin', 'coordinator', 'viewer')
export class ReportController {
  constructor(private readonly service: ReportService) {}

  @Get('monthly/:month')
  @ApiOperation({
    summary: '月次集計（日本時間の暦月）。締めた月はスナップショット（snapshotAt）を返し、live=true で再計算',
    description:
      '数値は月末と現在の早い方の時点（asOf）のもの。進行中の月は inProgress: true（CSV の表題と期間に「集計途中」）、' +
      'まだ始まっていない月は 400。rulesVersion は集計規則の版、servedFromSnapshot はスナップショットをそのまま返したかどうか' +
      '（スナップショットは作成時の版のまま。live=true は現在の規則で再計算）。',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse({ type: MonthReportDto, description: 'format=csv のときは text/csv' })
  async monthly(@Param('month', ParseMonthPipe) month: string, @Query() query: ReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.service.monthly(month, query.live ?? false);
    if (query.format !== 'csv') return report;
    return csv(res, `sanka-shien-${month}.csv`, this.service.monthlyCsv(report));
  }

  @Get('fiscal-year/:year')
  @ApiOperation({
    summary: '年度集計（4月〜翌年3月）：月ごとと年度合計',
    description:
      'まだ始まっていない月は months の中で null。進行中の年度・月は inProgress: true で現在時点の数値。始まっていない年度は 400。',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async fiscalYear(@Param('year') year: string, @Query() query: ReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.service.fiscalYear(year, query.live ?? false);
    if (query.format !== 'csv') return report;
    return csv(res, `sanka-shien-fy${year}.csv`, this.service.fiscalYearCsv(report));
  }
}

function csv(res: Response, filename: string, body: string): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return body;
}
