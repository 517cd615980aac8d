import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOMMODATION_CODES, DAYS, DEMAND_KINDS } from '../../common/catalogue.constants';
import { CONSENT_STATUSES, HOST_VISIBLE_FIELDS, READINESS_STAGES, REFERRAL_ROUTES } from '../participant.constants';

/*
 * Response shapes of the participant routes, so that the generated web client is typed without casts.
 * They describe what toCoordinatorView returns; they validate nothing.
 */

export class ParticipantConstraintsView {
  @ApiPropertyOptional({ enum: DAYS, isArray: true }) availableDays?: string[];
  @ApiPropertyOptional() maxTravelMinutes?: number;
  @ApiPropertyOptional() hoursPerWeek?: number;
  @ApiPropertyOptional({ enum: DEMAND_KINDS, isArray: true }) avoid?: string[];
  @ApiPropertyOptional() avoidNote?: string;
  @ApiPropertyOptional({ enum: ACCOMMODATION_CODES, isArray: true }) preferredAccommodations?: string[];
}

export class ConsentView {
  @ApiProperty({ enum: CONSENT_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-20' }) date!: string | null;
  @ApiProperty({ type: String, nullable: true }) method!: string | null;
  @ApiProperty({ enum: HOST_VISIBLE_FIELDS, isArray: true }) scope!: string[];
}

export class EmbeddingStateView {
  @ApiProperty({ enum: ['pending', 'ready', 'failed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) model!: string | null;
}

/** A person's or a placement's coordinator, as shown: the user and their name. */
export class CoordinatorRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '山田 花子' }) displayName!: string;
}

export class ParticipantView {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) realName!: string | null;
  @ApiProperty({ type: String, nullable: true }) ageBand!: string | null;
  @ApiProperty() area!: string;
  @ApiProperty({ type: String, nullable: true }) householdNote!: string | null;
  @ApiProperty({ enum: REFERRAL_ROUTES }) referralRoute!: string;
  @ApiProperty({ enum: READINESS_STAGES, nullable: true }) readinessStage!: string | null;
  @ApiProperty() needs!: string;
  @ApiProperty({ type: String, nullable: true }) strengths!: string | null;
  @ApiProperty({ type: String, nullable: true }) considerationsForHost!: string | null;
  @ApiProperty({ type: String, nullable: true }) healthNote!: string | null;
  @ApiProperty({ type: String, nullable: true }) disabilityNote!: string | null;
  @ApiProperty({ type: String, nullable: true }) criminalRecordNote!: string | null;
  @ApiProperty({ type: ParticipantConstraintsView }) constraints!: ParticipantConstraintsView;
  @ApiProperty({ type: CoordinatorRef, nullable: true, description: '担当コーディネーター（利用者）。未割当は null' })
  coordinator!: CoordinatorRef | null;
  @ApiProperty({ type: ConsentView }) consent!: ConsentView;
  @ApiProperty({ type: EmbeddingStateView }) embedding!: EmbeddingStateView;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ParticipantPage {
  @ApiProperty({ type: [ParticipantView] }) items!: ParticipantView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: String, nullable: true, description: '次のページの cursor（これを cursor に渡す。最後のページでは null）' })
  nextCursor!: string | null;
  @ApiProperty({ description: 'true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数' })
  totalEstimated!: boolean;
}

export class ConsentEventView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CONSENT_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) method!: string | null;
  @ApiProperty({ enum: HOST_VISIBLE_FIELDS, isArray: true }) scope!: string[];
  @ApiProperty({ type: String, nullable: true, description: '同意（撤回）の日付。古い記録では空' }) date!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: '記録した日時' }) recordedAt!: Date;
}

export class ConsentHistory {
  @ApiProperty({ type: [ConsentEventView] }) items!: ConsentEventView[];
}
