import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, NestedObject } from '../../common/validators';
import { CursorPageQuery } from '../../common/pagination';
import { OUTCOMES, PLACEMENT_STATES, type Outcome, type PlacementState } from '../placement.constants';

export class CreatePlacementDto {
  @ApiProperty() @IsUUID('all', { message: 'participantId は UUID で指定してください' }) participantId!: string;
  @ApiProperty() @IsUUID('all', { message: 'resourceId は UUID で指定してください' }) resourceId!: string;
  @ApiPropertyOptional({ description: 'コーディネーターのメモ（受入先には表示されません）' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    description: 'つなぎなおし：終結（outcome: rematched）した同じ本人の紹介の id。その紹介の rematchedTo がこの紹介になります',
  })
  @IsOptional()
  @IsUUID('all', { message: 'rematchedFrom は UUID で指定してください' })
  rematchedFrom?: string;
}

export class FollowUpOptionsDto {
  @ApiPropertyOptional({ description: 'フォロー期間（日）。既定は 90', minimum: 1, maximum: 730 })
  @IsOptional()
  @IsInt({ message: 'followUp.lengthDays は 1〜730 の整数です' })
  @Min(1, { message: 'followUp.lengthDays は 1〜730 の整数です' })
  @Max(730, { message: 'followUp.lengthDays は 1〜730 の整数です' })
  lengthDays?: number;

  @ApiPropertyOptional({
    type: [Number],
    description: '確認日（開始からの日数）。既定は 14, 28, 60, 90。0 はすぐ',
    example: [14, 28, 60, 90],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsInt({ each: true, message: 'followUp.checkpointDays は 0 以上の整数の配列です' })
  @Min(0, { each: true, message: 'followUp.checkpointDays は 0 以上の整数の配列です' })
  @Max(730, { each: true })
  checkpointDays?: number[];
}

export class TransitionDto {
  @ApiProperty({ enum: PLACEMENT_STATES.filter((s) => s !== 'proposed') })
  @IsIn(['visit', 'trial', 'active', 'closed'], { message: 'to は visit, trial, active, closed のいずれかです' })
  to!: Exclude<PlacementState, 'proposed'>;

  @ApiPropertyOptional({
    enum: OUTCOMES,
    description: 'closed のとき必須：settled 定着 / withdrew 中断 / host_declined 受入先の辞退 / rematched つなぎなおし / other',
  })
  @IsOptional()
  @IsIn(OUTCOMES as unknown as string[], { message: `outcome は ${OUTCOMES.join(', ')} のいずれかです` })
  outcome?: Outcome;

  @ApiPropertyOptional({ description: 'つなぎなおし先の紹介（placement）id' })
  @IsOptional()
  @IsUUID('all', { message: 'rematchedTo は UUID で指定してください' })
  rematchedTo?: string;

  @ApiPropertyOptional({
    description:
      'visit・trial のとき：見学日・体験日（YYYY-MM-DD、体験日は見学日以降）。active のとき：参加・受入の開始日（省略時は今日・東京時間）。' +
      '今日以前で、90 日前より後、記録済みの見学日・体験日以降。フォローの確認日はこの日から数え、過ぎた確認日はすぐ「時期」になります',
    example: '2026-11-27',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 730,
    description: 'outcome が settled（定着）のとき：「その後の様子確認」を何日後に予定するか（0 はしない。省略時はサービスの既定）',
    example: 180,
  })
  @IsOptional()
  @IsInt({ message: 'afterClosureContactDays は 0〜730 の整数です' })
  @Min(0, { message: 'afterClosureContactDays は 0〜730 の整数です' })
  @Max(730, { message: 'afterClosureContactDays は 0〜730 の整数です' })
  afterClosureContactDays?: number;

  @ApiPropertyOptional({ type: FollowUpOptionsDto, description: 'to が active のときのフォロー計画' })
  @IsOptional()
  @NestedObject(() => FollowUpOptionsDto)
  followUp?: FollowUpOptionsDto;
}

export class ListPlacementsQuery extends CursorPageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'participantId は UUID で指定してください' }) participantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'resourceId は UUID で指定してください' }) resourceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'coordinatorId は UUID で指定してください' }) coordinatorId?: string;
  @ApiPropertyOptional({ enum: PLACEMENT_STATES })
  @IsOptional()
  @IsIn(PLACEMENT_STATES as unknown as string[], { message: `state は ${PLACEMENT_STATES.join(', ')} のいずれかです` })
  state?: PlacementState;
}

export class ConfirmDatesDto {
  @ApiPropertyOptional({ example: '2026-12-02' }) @IsOptional() @IsCalendarDate() visitDate?: string;
  @ApiPropertyOptional({ example: '2026-12-09' }) @IsOptional() @IsCalendarDate() trialDate?: string;
}
