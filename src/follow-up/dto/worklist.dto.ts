import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export const DUE_FILTERS = ['all', 'today', 'overdue'] as const;
export const NEXT_STEP_REASONS = ['no_visit_date', 'trial_ended', 'final_checkpoint'] as const;
export type NextStepReason = (typeof NEXT_STEP_REASONS)[number];

export class DueCheckpointsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DUE_FILTERS, default: 'all', description: 'today 今日が期日 / overdue 期日を過ぎた / all 両方' })
  @IsOptional()
  @IsIn(DUE_FILTERS as unknown as string[], { message: `due は ${DUE_FILTERS.join(', ')} のいずれかです` })
  due?: (typeof DUE_FILTERS)[number];
}

export class NextStepsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NEXT_STEP_REASONS, description: '次の一歩の理由で絞り込む' })
  @IsOptional()
  @IsIn(NEXT_STEP_REASONS as unknown as string[], { message: `reason は ${NEXT_STEP_REASONS.join(', ')} のいずれかです` })
  reason?: NextStepReason;
}

export class WorklistParticipantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '仮名・コード' }) displayName!: string;
}

export class DueCheckpointDto {
  @ApiProperty({ format: 'uuid' }) checkpointId!: string;
  @ApiProperty({ format: 'uuid' }) placementId!: string;
  @ApiProperty({ type: WorklistParticipantDto }) participant!: WorklistParticipantDto;
  @ApiProperty() resourceTitle!: string;
  @ApiProperty({ example: '2026-11-29' }) dueOn!: string;
  @ApiProperty({ description: '開始からの日数' }) dayOffset!: number;
  @ApiProperty({ description: '最後の確認日' }) isFinal!: boolean;
  @ApiProperty({ enum: ['scheduled', 'due', 'overdue'] }) status!: string;
  @ApiProperty({ description: '期日（日本時間の日付）を過ぎている' }) overdue!: boolean;
}

export class DueCheckpointPageDto {
  @ApiProperty({ type: [DueCheckpointDto] }) items!: DueCheckpointDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ example: '2026-11-29', description: '基準にした今日（日本時間）' }) today!: string;
}

export class NextStepDto {
  @ApiProperty({ format: 'uuid' }) placementId!: string;
  @ApiProperty({ type: WorklistParticipantDto }) participant!: WorklistParticipantDto;
  @ApiProperty() resourceTitle!: string;
  @ApiProperty({ enum: ['proposed', 'trial', 'active'] }) state!: string;
  @ApiProperty({
    enum: NEXT_STEP_REASONS,
    description: 'no_visit_date 提案のまま見学日が未定 / trial_ended 体験日が過ぎた / final_checkpoint 最後の確認日を迎えた',
  })
  reason!: NextStepReason;
  @ApiProperty({ description: '理由の基準日（提案日・体験日・最後の確認日）', example: '2026-11-20' }) since!: string;
}

export class NextStepPageDto {
  @ApiProperty({ type: [NextStepDto] }) items!: NextStepDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}
