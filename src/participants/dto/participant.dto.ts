import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CursorPageQuery } from '../../common/pagination';
import { IsCalendarDate, NestedObject } from '../../common/validators';
import { MAX_NEEDS_LENGTH } from '../../common/limits';
import { PersonConstraintsDto } from './person-constraints.dto';
import {
  CONSENT_STATUSES,
  HOST_VISIBLE_FIELDS,
  READINESS_STAGES,
  REFERRAL_ROUTES,
  type HostVisibleField,
  type ReadinessStage,
  type ReferralRoute,
} from '../participant.constants';

export class ParticipantConstraintsDto extends PersonConstraintsDto {
  @ApiPropertyOptional({ description: '1 週間に活動できる時間の目安' })
  @IsOptional()
  @IsInt({ message: 'constraints.hoursPerWeek は 0〜80 の整数です' })
  @Min(0)
  @Max(80)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ description: '避けたいこと（自由記述）' }) @IsOptional() @IsString() @MaxLength(500) avoidNote?: string;
}

const NOTE = (field: string, max = 1000) => MaxLength(max, { message: `${field} は ${max} 文字以内です` });

export class CreateParticipantDto {
  @ApiProperty({ description: '仮名・コード（実名でなくてよい）', example: 'Aさん' })
  @IsString()
  @Length(1, 100, { message: 'displayName は 1〜100 文字です' })
  displayName!: string;

  @ApiPropertyOptional({ description: '実名（任意）', nullable: true }) @IsOptional() @IsString() @NOTE('realName', 100) realName?: string;
  @ApiPropertyOptional({ example: '30代', nullable: true }) @IsOptional() @IsString() @NOTE('ageBand', 20) ageBand?: string;
  @ApiProperty({ example: '中央' }) @IsString() @Length(1, 100, { message: 'area は 1〜100 文字です' }) area!: string;

  @ApiProperty({ description: `本人の希望・やりたいこと・苦手なこと（${MAX_NEEDS_LENGTH} 文字以内）` })
  @IsString()
  @MinLength(1, { message: 'needs を入力してください' })
  @MaxLength(MAX_NEEDS_LENGTH, { message: `needs は ${MAX_NEEDS_LENGTH} 文字以内です` })
  needs!: string;

  @ApiPropertyOptional({ description: '得意なこと・興味', nullable: true }) @IsOptional() @IsString() @NOTE('strengths') strengths?: string;
  @ApiPropertyOptional({ description: '受入先に伝えたい配慮（本人の同意範囲で表示）', nullable: true })
  @IsOptional()
  @IsString()
  @NOTE('considerationsForHost')
  considerationsForHost?: string;
  @ApiPropertyOptional({ description: '世帯の状況（要配慮）', nullable: true })
  @IsOptional()
  @IsString()
  @NOTE('householdNote')
  householdNote?: string;
  @ApiPropertyOptional({ description: '健康状態（要配慮個人情報）', nullable: true })
  @IsOptional()
  @IsString()
  @NOTE('healthNote')
  healthNote?: string;
  @ApiPropertyOptional({ description: '障害（要配慮個人情報）', nullable: true })
  @IsOptional()
  @IsString()
  @NOTE('disabilityNote')
  disabilityNote?: string;
  @ApiPropertyOptional({ description: '犯罪歴等（要配慮個人情報）', nullable: true })
  @IsOptional()
  @IsString()
  @NOTE('criminalRecordNote')
  criminalRecordNote?: string;

  @ApiPropertyOptional({ enum: REFERRAL_ROUTES })
  @IsOptional()
  @IsIn(REFERRAL_ROUTES as unknown as string[], { message: `referralRoute は ${REFERRAL_ROUTES.join(', ')} のいずれかです` })
  referralRoute?: ReferralRoute;

  @ApiPropertyOptional({
    enum: READINESS_STAGES,
    nullable: true,
    description: 'daily_living 日常生活自立 / social_life 社会生活自立 / employment 就労自立',
  })
  @IsOptional()
  @IsIn(READINESS_STAGES as unknown as string[], { message: `readinessStage は ${READINESS_STAGES.join(', ')} のいずれかです` })
  readinessStage?: ReadinessStage;

  @ApiPropertyOptional({ type: ParticipantConstraintsDto })
  @IsOptional()
  @NestedObject(() => ParticipantConstraintsDto)
  constraints?: ParticipantConstraintsDto;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      '担当コーディネーター（利用者 id）。省略時はコーディネーターが登録すれば本人、admin なら未割当（null）。' +
      'ほかのコーディネーターを指定できるのは admin だけで、その人の担当地区に本人の地区が含まれている必要があります',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'coordinatorId は UUID で指定してください' })
  coordinatorId?: string | null;
}

export class UpdateParticipantDto extends PartialType(CreateParticipantDto) {}

export class ConsentDto {
  @ApiProperty({ enum: ['obtained', 'withdrawn'] })
  @IsIn(['obtained', 'withdrawn'], { message: 'status は obtained または withdrawn です' })
  status!: 'obtained' | 'withdrawn';

  @ApiProperty({ example: '面談で口頭と書面により確認' })
  @IsString()
  @Length(1, 200, { message: 'method（同意の取り方）を 1〜200 文字で入力してください' })
  method!: string;

  @ApiPropertyOptional({ example: '2026-11-20', description: '同意の日付（省略時は今日、日本時間）' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiProperty({ enum: HOST_VISIBLE_FIELDS, isArray: true, description: '受入先に見せてよい項目' })
  @IsArray({ message: 'scope は項目名の配列です' })
  @ArrayMaxSize(HOST_VISIBLE_FIELDS.length)
  @ArrayUnique()
  @IsIn(HOST_VISIBLE_FIELDS as unknown as string[], {
    each: true,
    message: `scope の値は ${HOST_VISIBLE_FIELDS.join(', ')} のいずれかです`,
  })
  scope!: HostVisibleField[];
}

export class ListParticipantsQuery extends CursorPageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) area?: string;
  @ApiPropertyOptional({ enum: CONSENT_STATUSES }) @IsOptional() @IsIn(CONSENT_STATUSES as unknown as string[]) consentStatus?: string;
  @ApiPropertyOptional({ description: 'この利用者が担当の本人だけ' })
  @IsOptional()
  @IsUUID('all', { message: 'coordinatorId は UUID で指定してください' })
  coordinatorId?: string;

  @ApiPropertyOptional({ enum: READINESS_STAGES })
  @IsOptional()
  @IsIn(READINESS_STAGES as unknown as string[], { message: `readinessStage は ${READINESS_STAGES.join(', ')} のいずれかです` })
  readinessStage?: ReadinessStage;

  @ApiPropertyOptional({ description: '表示名（仮名・コード）の一部' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}
