import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseMonthPipe } from '../common/date.pipe';
import { FiscalYearReportDto, MonthReportDto, ReportRecordsDto } from './dto/report.dto';
import { ReportQuery, ReportRecordsQuery } from './dto/report.query';
import { ReportDrillDownService } from './report-drill-down.service';
import { ReportService } from './report.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/reports')
@Roles('admin', 'coordinator', 'viewer')
export class ReportController {
  constructor(
    private readonly service: ReportService,
    private readonly drillDown: ReportDrillDownService,
  ) {}

  @Get('monthly/:month')
  @ApiOperation({
    summary: '月次集計（日本時間の暦月）。締めた月はスナップショット（snapshotAt）を返し、live=true で再計算',
    description:
      '数値は月末と現在の早い方の時点（asOf）のもの。進行中の月は inProgress: true（CSV の表題と期間に「集計途中」）、' +
      'まだ始まっていない月は 400。rulesVersion は集計規則の版、servedFromSnapshot はスナップショットをそのまま返したかどうか' +
      '（スナップショットは作成時の版のまま。live=true は現在の規則で再計算）。format=xlsx は月のシートと地区別・種別別のシートの' +
      ' Excel ブック。suppressBelow で小さな数を秘匿。',
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiOkResponse({ type: MonthReportDto })
  async monthly(@Param('month', ParseMonthPipe) month: string, @Query() query: ReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.service.monthly(month, query.live ?? false, query.suppressBelow);
    if (query.format === 'xlsx') return xlsx(res, `sanka-shien-${month}.xlsx`, await this.service.monthlyXlsx(report));
    if (query.format !== 'csv') return report;
    return csv(res, `sanka-shien-${month}.csv`, this.service.monthlyCsv(report));
  }

  @Get('monthly/:month/figures/:key/records')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: '集計の内訳の記録（ドリルダウン）：その月の指標に数えた紹介・本人・確認日・検索など',
    description:
      'area・type で内訳の 1 セルに絞る。地区を限られたコーディネーターには担当地区の本人の記録だけを返す。記録は現在のデータから' +
      '数える（スナップショット後の修正があれば数値と違うことがある）。閲覧者（viewer）は集計のみで、この一覧は使えない。' +
      '本人の記録の参照は監査ログに残る。',
  })
  @ApiParam({ name: 'key', example: 'matches.total' })
  @ApiOkResponse({ type: ReportRecordsDto })
  records(
    @CurrentActor() actor: Actor,
    @Param('month', ParseMonthPipe) month: string,
    @Param('key') key: string,
    @Query() query: ReportRecordsQuery,
  ) {
    return this.drillDown.figureRecords(actor, month, key, query);
  }

  @Get('fiscal-year/:year')
  @ApiOperation({
    summary: '年度集計（4月〜翌年3月）：月ごとと年度合計',
    description:
      'まだ始まっていない月は months の中で null。進行中の年度・月は inProgress: true で現在時点の数値。始まっていない年度は 400。' +
      'format=xlsx は年度シート（指標×4月〜3月・合計）と年度の地区別・種別別のシートの Excel ブック。suppressBelow で小さな数を秘匿' +
      '（月と年度をまとめて秘匿するので、年度から他の月を引いても戻らない）。',
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiOkResponse({ type: FiscalYearReportDto })
  async fiscalYear(@Param('year') year: string, @Query() query: ReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.service.fiscalYear(year, query.live ?? false, query.suppressBelow);
    if (query.format === 'xlsx') return xlsx(res, `sanka-shien-fy${year}.xlsx`, await this.service.fiscalYearXlsx(report));
    if (query.format !== 'csv') return report;
    return csv(res, `sanka-shien-fy${year}.csv`, this.service.fiscalYearCsv(report));
  }
}

function csv(res: Response, filename: string, body: string): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return body;
}

function xlsx(res: Response, filename: string, body: Buffer): StreamableFile {
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return new StreamableFile(body, { type: XLSX, length: body.length });
}
