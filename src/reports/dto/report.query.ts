import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ReportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json', description: 'xlsx は市の様式に近い Excel ブック' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format は json・csv・xlsx のいずれかです' })
  format?: 'json' | 'csv' | 'xlsx';

  @ApiPropertyOptional({ description: 'スナップショットではなく現在のデータで再計算する', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'live は true または false です' })
  live?: boolean;

  @ApiPropertyOptional({
    description:
      '小さな数の秘匿（社協の外に出す集計用）。内訳でこの値未満（1 以上）のセルを「N未満」とし、合計や他の月から逆算できないよう' +
      '追加のセルを「秘匿」にする（docs/reports.md）',
    minimum: 2,
    maximum: 10,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'suppressBelow は 2〜10 の整数です' })
  @Min(2, { message: 'suppressBelow は 2〜10 の整数です' })
  @Max(10, { message: 'suppressBelow は 2〜10 の整数です' })
  suppressBelow?: number;
}

/** Drill-down: one breakdown cell of a figure (地区 and/or 種別), or the whole figure. */
export class ReportRecordsQuery {
  @ApiPropertyOptional({ description: '内訳の地区（場所の地区、本人の地区、検索条件の地区のいずれか。指標による）' })
  @IsOptional()
  @IsString({ message: 'area は文字列です' })
  @MaxLength(100, { message: 'area は 100 文字以内です' })
  area?: string;

  @ApiPropertyOptional({ description: '内訳の資源の種別（コード。例: ibasho）' })
  @IsOptional()
  @IsString({ message: 'type は文字列です' })
  @MaxLength(100, { message: 'type は 100 文字以内です' })
  type?: string;
}
