import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOMES, PLACEMENT_STATES, type Outcome, type PlacementState } from '../placement.constants';

/** Response shapes of the placement routes (the web app's generated client reads them; no casts at call sites). */
export class PlacementOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class PlacementResourceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: PlacementOrganizationDto }) organization!: PlacementOrganizationDto;
}

export class PlacementParticipantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '仮名・コード' }) displayName!: string;
  @ApiPropertyOptional({ enum: ['pending', 'obtained', 'withdrawn'], description: '詳細でだけ返します' }) consentStatus?: string;
}

export class AfterClosureContactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'その後の様子確認' }) label!: string;
  @ApiProperty({ example: '2027-05-28', description: '期日（営業日）' }) dueOn!: string;
  @ApiProperty({ example: '2027-05-29', description: '終結日＋日数' }) nominalDueOn!: string;
  @ApiProperty({ enum: ['scheduled', 'done', 'cancelled'] }) status!: string;
  @ApiProperty({ example: 180 }) daysAfterClosure!: number;
}

class PlacementBaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PLACEMENT_STATES }) state!: PlacementState;
  @ApiProperty({ description: '状態の日本語（提案・見学・体験・参加・受入・終結）' }) stateLabel!: string;
  @ApiProperty({ enum: OUTCOMES, nullable: true, type: String }) outcome!: Outcome | null;
  @ApiProperty({ type: PlacementResourceDto }) resource!: PlacementResourceDto;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-02' }) visitDate!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-09' }) trialDate!: string | null;
  @ApiProperty() proposedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) activeAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) closedAt!: Date | null;
}

/** One row of the list (coordinators and admins; hosts get the consent-scoped projection in `participant`). */
export class PlacementSummaryDto extends PlacementBaseDto {
  @ApiProperty({
    type: PlacementParticipantDto,
    nullable: true,
    description: 'host には本人が同意した項目だけ（仮名・年代など）',
  })
  participant!: PlacementParticipantDto | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '担当（host には返しません）' }) coordinatorId?: string | null;
  @ApiPropertyOptional({
    type: AfterClosureContactDto,
    nullable: true,
    description: '定着で終結した紹介の、まだ記録のない「その後の様子確認」（host には返しません）',
  })
  afterClosureContact?: AfterClosureContactDto | null;
}

export class PlacementPageDto {
  @ApiProperty({ type: [PlacementSummaryDto] }) items!: PlacementSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: String, nullable: true, description: '次のページの cursor（これを cursor に渡す。最後のページでは null）' })
  nextCursor!: string | null;
  @ApiProperty({ description: 'true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数' })
  totalEstimated!: boolean;
}

export class FollowUpPlanDto {
  @ApiProperty({ description: '1 が最初の計画、2 以降は延長' }) sequence!: number;
  @ApiProperty({ example: '2026-11-29' }) startsOn!: string;
  @ApiProperty({ example: '2027-02-27' }) endsOn!: string;
  @ApiProperty() lengthDays!: number;
  @ApiProperty({ type: [Number] }) checkpointDays!: number[];
  @ApiProperty() extension!: boolean;
}

export class FollowUpCheckpointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-12-11', description: '期日（営業日。休業日にあたる計画日は前の営業日へ）' }) dueOn!: string;
  @ApiProperty({ example: '2026-12-13', description: '計画上の日（開始日＋日数）' }) nominalDueOn!: string;
  @ApiProperty({
    example: '2026-12-04',
    description: 'この確認日に記録できる最初の日（期日の 7 日前）。これより前は記録・受入先の所見を付けられません',
  })
  opensOn!: string;
  @ApiProperty({
    enum: ['scheduled', 'due', 'overdue', 'done', 'cancelled'],
    description: 'scheduled 予定 / due 期日 / overdue 期限超過 / done 記録済み / cancelled 取消',
  })
  status!: string;
  @ApiProperty({ description: '開始からの日数' }) dayOffset!: number;
  @ApiProperty({ description: '最後の確認日（終結・延長・つなぎなおしを決める日）' }) isFinal!: boolean;
}

export class PlacementFollowUpDto {
  @ApiPropertyOptional({ example: '2026-11-29' }) startsOn?: string;
  @ApiProperty({ example: '2027-02-27' }) endsOn!: string;
  @ApiPropertyOptional({ type: [FollowUpPlanDto] }) plans?: FollowUpPlanDto[];
  @ApiProperty({ type: [FollowUpCheckpointDto] }) checkpoints!: FollowUpCheckpointDto[];
  @ApiPropertyOptional({ type: [AfterClosureContactDto], description: '終結（定着）後の「その後の様子確認」（受入先には表示しません）' })
  afterClosureContacts?: AfterClosureContactDto[];
}

export class CheckinDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) checkpointId!: string | null;
  @ApiProperty({ example: '2026-11-29' }) date!: string;
  @ApiProperty({ enum: ['attended', 'late', 'absent_notified', 'absent'] }) attendance!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) wellbeing!: number;
  @ApiProperty({ type: String, nullable: true }) hostFeedback!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ enum: ['none', 'watch', 'urgent'] }) concern!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty() createdAt!: Date;
}

export class PlacementEventDto {
  @ApiProperty({ enum: PLACEMENT_STATES, nullable: true, type: String }) fromState!: PlacementState | null;
  @ApiProperty({ enum: PLACEMENT_STATES }) toState!: PlacementState;
  @ApiProperty({ enum: OUTCOMES, nullable: true, type: String }) outcome!: Outcome | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() actorRole!: string;
  @ApiProperty() occurredAt!: Date;
}

/** A placement with its follow-up; hosts get fewer fields (no note, check-ins or events). */
export class PlacementDetailDto extends PlacementSummaryDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'コーディネーターのメモ（host には返しません）' }) note?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'つなぎなおし先の紹介 id' }) rematchedTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'この紹介の前の（つなぎなおし元の）紹介 id' })
  rematchedFrom?: string | null;
  @ApiProperty({ type: PlacementFollowUpDto, nullable: true }) followUp!: PlacementFollowUpDto | null;
  @ApiPropertyOptional({ type: [CheckinDto] }) checkins?: CheckinDto[];
  @ApiPropertyOptional({ type: [PlacementEventDto] }) events?: PlacementEventDto[];
}
