import { ApiProperty } from '@nestjs/swagger';
import { CoordinatorRef } from '../../participants/dto/participant-response.dto';
import { PLAN_KINDS } from '../plan.constants';

/** One 参加支援プラン as the coordinator's screen shows it. */
export class PlanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) participantId!: string;
  @ApiProperty({ example: '2026-11-27', description: '策定日（東京の日付）' }) madeOn!: string;
  @ApiProperty({ enum: PLAN_KINDS, description: 'initial 初回 / revision 見直し' }) planKind!: string;
  @ApiProperty({ type: CoordinatorRef, nullable: true, description: '策定したコーディネーター（利用者）' })
  coordinator!: CoordinatorRef | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class PlanList {
  @ApiProperty({ type: [PlanView], description: '策定日の新しい順' }) items!: PlanView[];
}
