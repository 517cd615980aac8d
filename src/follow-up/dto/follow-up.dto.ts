import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../../common/validators';
import { ATTENDANCE, CONCERNS } from '../follow-up.constants';

export class CreateCheckinDto {
  @ApiPropertyOptional({ description: '対応する確認日（checkpoint）の id。省略時は期日を過ぎた最も古い確認日に充てます' })
  @IsOptional()
  @IsUUID('all', { message: 'checkpointId は UUID で指定してください' })
  checkpointId?: string;

  @ApiProperty({ example: '2026-11-20', description: '面談・確認の日付（日本時間の日付）' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ enum: ATTENDANCE, description: 'attended 参加 / late 遅刻 / absent_notified 連絡ありの欠席 / absent 無断欠席' })
  @IsIn(ATTENDANCE as unknown as string[], { message: `attendance は ${ATTENDANCE.join(', ')} のいずれかです` })
  attendance!: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: '本人の調子（1 とても悪い 〜 5 とても良い）' })
  @IsInt({ message: 'wellbeing は 1〜5 の整数です' })
  @Min(1, { message: 'wellbeing は 1〜5 の整数です' })
  @Max(5, { message: 'wellbeing は 1〜5 の整数です' })
  wellbeing!: number;

  @ApiPropertyOptional({ description: '受入先から見た様子' }) @IsOptional() @IsString() @MaxLength(2000) hostFeedback?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;

  @ApiPropertyOptional({ enum: CONCERNS, default: 'none', description: 'urgent はすぐ担当者に通知' })
  @IsOptional()
  @IsIn(CONCERNS as unknown as string[], { message: `concern は ${CONCERNS.join(', ')} のいずれかです` })
  concern?: 'none' | 'watch' | 'urgent';
}

export class ExtendFollowUpDto {
  @ApiPropertyOptional({ description: '延長する日数（既定はサービスの標準期間）' })
  @IsOptional()
  @IsInt({ message: 'lengthDays は 1〜730 の整数です' })
  @Min(1)
  @Max(730)
  lengthDays?: number;

  @ApiPropertyOptional({ type: [Number], description: '延長期間内の確認日（延長開始からの日数）' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsInt({ each: true, message: 'checkpointDays は 0 以上の整数の配列です' })
  @Min(0, { each: true })
  @Max(730, { each: true })
  checkpointDays?: number[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class HostFeedbackDto {
  @ApiProperty() @IsUUID('all', { message: 'checkpointId は UUID で指定してください' }) checkpointId!: string;
  @ApiProperty({ description: '受入先から見た様子' })
  @IsString()
  @Length(1, 2000, { message: 'feedback は 1〜2000 文字です' })
  feedback!: string;
}

export class CalendarFeedDto {
  @ApiProperty({
    description: '個人用カレンダー配信（iCalendar）の URL。秘密を含むため、この応答でだけ表示します（再発行で以前の URL は無効）',
    example: 'https://sanka.example.jp/api/v1/calendar-feeds/3q2-…ics',
  })
  url!: string;
}

export class RecomputeDueDatesDto {
  @ApiPropertyOptional({ default: false, description: 'true で実際に移動します（省略時は移動する確認日の一覧だけを返します）' })
  @IsOptional()
  @IsBoolean({ message: 'apply は true または false です' })
  apply?: boolean;
}

export class MovedCheckpointDto {
  @ApiProperty() placementId!: string;
  @ApiProperty() checkpointId!: string;
  @ApiProperty({ description: '計画上の日（開始日＋日数）' }) nominalDueOn!: string;
  @ApiProperty({ description: '移動前の期日' }) from!: string;
  @ApiProperty({ description: '移動後の期日（営業日）' }) to!: string;
}

export class RecomputeDueDatesResultDto {
  @ApiProperty({ description: '調べた確認日（参加・受入中の紹介の、まだ期日前の確認日）' }) checked!: number;
  @ApiProperty({ type: [MovedCheckpointDto] }) moved!: MovedCheckpointDto[];
  @ApiProperty({ description: 'true: 移動した / false: 一覧だけ（試算）' }) applied!: boolean;
}

export class DueItemDto {
  @ApiProperty({
    enum: ['overdue', 'due', 'after_closure', 'urgent'],
    description: '期限超過 / 期日 / その後の様子確認 / 未読の至急の懸念',
  })
  kind!: string;
  @ApiProperty({ description: '見出し（例: その後の様子確認）' }) label!: string;
  @ApiProperty() placementId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) checkpointId!: string | null;
  @ApiProperty({ description: '本人の表示名（仮名）' }) displayName!: string;
  @ApiProperty({ description: '場所（資源名）' }) resourceTitle!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '期日（営業日）' }) dueOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '計画上の日' }) nominalDueOn!: string | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: '開始からの日数（その後の様子確認は終結からの日数）',
  })
  dayOffset!: number | null;
}

export class DueListDto {
  @ApiProperty({ description: '今日（日本時間）' }) today!: string;
  @ApiProperty({ type: [DueItemDto] }) items!: DueItemDto[];
}
