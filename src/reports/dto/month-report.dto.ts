import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shape of GET /api/v1/reports/monthly/:month (JSON). */
export class MonthPeriodDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30', description: '最終日（この日を含む）' }) to!: string;
  @ApiProperty({ enum: ['Asia/Tokyo'] }) timeZone!: 'Asia/Tokyo';
}

export class FigureDto {
  @ApiProperty({ example: 'matches.total' }) key!: string;
  @ApiProperty({ example: 'マッチング件数：参加・受入の開始（延べ）' }) label!: string;
  @ApiProperty() value!: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
    description: '内訳（area 地区・type 資源の種別・outcome 終結の理由 など → 値 → 件数）',
  })
  breakdowns?: Record<string, Record<string, number>>;
}

export class MonthReportDto {
  @ApiProperty({ type: MonthPeriodDto }) period!: MonthPeriodDto;
  @ApiProperty({ type: Date, nullable: true }) snapshotAt!: Date | null;
  @ApiProperty() live!: boolean;
  @ApiProperty() servedFromSnapshot!: boolean;
  @ApiProperty() rulesVersion!: number;
  @ApiProperty({ description: '月の途中（数値は asOf 時点）' }) inProgress!: boolean;
  @ApiProperty() asOf!: Date;
  @ApiProperty() unmetThreshold!: number;
  @ApiProperty({ type: [FigureDto] }) figures!: FigureDto[];
}
