import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ATTENDANCE, CONCERNS } from '../follow-up.constants';

export class CreateCheckinDto {
  @ApiPropertyOptional({ description: '対応する確認日（checkpoint）の id。省略時は期日を過ぎた最も古い確認日に充てます' })
  @IsOptional()
  @IsUUID('all', { message: 'checkpointId は UUID で指定してください' })
  checkpointId?: string;

  @ApiProperty({ example: '2026-11-20', description: '面談・確認の日付（日本時間の日付）' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date は YYYY-MM-DD 形式です' })
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
  @IsInt({ each: true, message: 'checkpointDays は 0 以上の整数の配列です' })
  @Min(0, { each: true })
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
