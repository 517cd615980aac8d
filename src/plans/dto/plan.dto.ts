import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';
import { PLAN_BACKDATE_MAX_DAYS, PLAN_KINDS, PLAN_NOTE_MAX_LENGTH, type PlanKind } from '../plan.constants';

export class CreatePlanDto {
  @ApiProperty({
    description: `策定日（YYYY-MM-DD、東京の日付）。今日以前で、${PLAN_BACKDATE_MAX_DAYS} 日前まで`,
    example: '2026-11-27',
  })
  @IsCalendarDate()
  madeOn!: string;

  @ApiProperty({ enum: PLAN_KINDS, description: 'initial 初回の策定 / revision 見直し（初回のプランが先に必要）' })
  @IsIn(PLAN_KINDS as unknown as string[])
  planKind!: PlanKind;

  @ApiPropertyOptional({
    maxLength: PLAN_NOTE_MAX_LENGTH,
    description: '短いメモ（本人を特定できる内容・希望・健康・世帯のことは書かない）。本人の記録を消去すると消えます',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_NOTE_MAX_LENGTH)
  note?: string;
}
