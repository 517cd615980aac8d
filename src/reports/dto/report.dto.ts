import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** Response shapes of the report routes (OpenAPI; the web app's types are generated from them). */

export class SuppressedCellDto {
  @ApiProperty({ type: 'null', nullable: true, description: '秘匿したセルは null' }) value!: null;
  @ApiProperty({ enum: [true] }) suppressed!: true;
  @ApiProperty({ example: '3未満', description: '「N未満」（小さな数）または「秘匿」（逆算を防ぐための追加の秘匿）' }) display!: string;
}

@ApiExtraModels(SuppressedCellDto)
export class FigureDto {
  @ApiProperty({ example: 'matches.total' }) key!: string;
  @ApiProperty({ example: 'マッチング件数：参加・受入の開始（延べ）' }) label!: string;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: '分母が 0 の率（画面と Excel では「—」）や秘匿した値は null',
  })
  value!: number | null;
  @ApiPropertyOptional({ enum: [true] }) suppressed?: true;
  @ApiPropertyOptional({ example: '秘匿' }) display?: string;
  @ApiPropertyOptional({
    description: '内訳の種類（area, type, outcome, referralRoute, readinessStage, areaFilter, typeFilter）ごとの値',
    type: 'object',
    additionalProperties: {
      type: 'object',
      additionalProperties: { oneOf: [{ type: 'number' }, { $ref: getSchemaPath(SuppressedCellDto) }] },
    },
  })
  breakdowns?: Record<string, Record<string, number | SuppressedCellDto>>;
}

export class MonthPeriodDto {
  @ApiProperty({ example: '2025-10' }) month!: string;
  @ApiProperty({ example: '2025-10-01' }) from!: string;
  @ApiProperty({ example: '2025-10-31' }) to!: string;
  @ApiProperty({ enum: ['Asia/Tokyo'] }) timeZone!: 'Asia/Tokyo';
}

export class MonthReportDto {
  @ApiProperty({ type: MonthPeriodDto }) period!: MonthPeriodDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) snapshotAt!: Date | null;
  @ApiProperty() live!: boolean;
  @ApiProperty() servedFromSnapshot!: boolean;
  @ApiProperty() rulesVersion!: number;
  @ApiProperty() inProgress!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) asOf!: Date;
  @ApiProperty() unmetThreshold!: number;
  @ApiProperty({ type: 'number', nullable: true, description: '小さな数の秘匿のしきい値（秘匿なしは null）' })
  suppressBelow!: number | null;
  @ApiProperty({ type: [FigureDto] }) figures!: FigureDto[];
}

export class FiscalYearPeriodDto {
  @ApiProperty({ example: 2025 }) fiscalYear!: number;
  @ApiProperty({ example: '2025-04-01' }) from!: string;
  @ApiProperty({ example: '2026-03-31' }) to!: string;
  @ApiProperty({ enum: ['Asia/Tokyo'] }) timeZone!: 'Asia/Tokyo';
}

export class FiscalYearTotalDto {
  @ApiProperty() live!: boolean;
  @ApiProperty() inProgress!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) asOf!: Date;
  @ApiProperty() rulesVersion!: number;
  @ApiProperty({ type: [FigureDto] }) figures!: FigureDto[];
}

export class FiscalYearReportDto {
  @ApiProperty({ type: FiscalYearPeriodDto }) period!: FiscalYearPeriodDto;
  @ApiProperty() unmetThreshold!: number;
  @ApiProperty() rulesVersion!: number;
  @ApiProperty() inProgress!: boolean;
  @ApiProperty({ type: 'number', nullable: true }) suppressBelow!: number | null;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(MonthReportDto) }, { type: 'null' }] },
    description: '4月〜3月。まだ始まっていない月は null',
  })
  months!: Array<MonthReportDto | null>;
  @ApiProperty({ type: FiscalYearTotalDto }) total!: FiscalYearTotalDto;
}

export class ReportRecordDto {
  @ApiProperty({ enum: ['placement', 'participant', 'plan', 'checkpoint', 'checkin', 'search', 'resource', 'organization', 'unmet_need'] })
  kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ description: '日時（ISO 8601）または日付（YYYY-MM-DD）' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) participantId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '本人の表示名（削除済みは「（削除済み）」）' }) participantName!: string | null;
  @ApiProperty({ type: String, nullable: true }) placementId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '資源のタイトル（受入先の指標では受入先名）' }) resourceTitle!: string | null;
  @ApiProperty({ type: String, nullable: true }) area!: string | null;
  @ApiProperty({ type: String, nullable: true }) type!: string | null;
  @ApiProperty({ type: String, nullable: true }) state!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '未充足ニーズの記録の要約（本人を特定しない短い文）。ほかの記録では null' })
  summary!: string | null;
}

export class ReportRecordsDto {
  @ApiProperty({ example: 'matches.total' }) key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: '2025-10' }) month!: string;
  @ApiProperty({ type: String, nullable: true }) area!: string | null;
  @ApiProperty({ type: String, nullable: true }) type!: string | null;
  @ApiProperty({
    description: '担当地区の外の本人の記録（未充足ニーズでは担当地区の外の記録）は含まない（地区を限られたコーディネーター）',
  })
  areaLimited!: boolean;
  @ApiProperty({ description: '記録は現在のデータから（スナップショットの数値とは、その後の修正の分だけ違うことがある）' })
  asOf!: string;
  @ApiProperty({ type: [ReportRecordDto] }) records!: ReportRecordDto[];
}
