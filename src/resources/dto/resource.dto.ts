import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQuery } from '../../common/pagination';
import { IsClockTime, NestedObject } from '../../common/validators';
import {
  ACCOMMODATION_CODES,
  DAYS,
  DEMAND_LEVELS,
  RESOURCE_STATUSES,
  RESOURCE_TYPES,
  REWARDS,
  type Day,
  type DemandLevel,
  type ResourceStatus,
  type ResourceType,
  type Reward,
} from '../../common/catalogue.constants';

const list = (values: readonly string[]) => values.join(', ');

export class ScheduleSlotDto {
  @ApiProperty({ enum: DAYS }) @IsIn(DAYS as unknown as string[], { message: `day は ${list(DAYS)} のいずれかです` }) day!: Day;
  @ApiProperty({ example: '10:00' })
  @IsClockTime()
  start!: string;
  @ApiProperty({ example: '12:00' })
  @IsClockTime()
  end!: string;
}

export class DemandsDto {
  @ApiPropertyOptional({ enum: DEMAND_LEVELS, description: '人と話す量' })
  @IsOptional()
  @IsIn(DEMAND_LEVELS as unknown as string[], { message: 'demands.talking は low, medium, high のいずれかです' })
  talking?: DemandLevel;
  @ApiPropertyOptional({ enum: DEMAND_LEVELS, description: '体力（身体的負担）' })
  @IsOptional()
  @IsIn(DEMAND_LEVELS as unknown as string[], { message: 'demands.physical は low, medium, high のいずれかです' })
  physical?: DemandLevel;
  @ApiPropertyOptional({ enum: DEMAND_LEVELS, description: '読み書き' })
  @IsOptional()
  @IsIn(DEMAND_LEVELS as unknown as string[], { message: 'demands.literacy は low, medium, high のいずれかです' })
  literacy?: DemandLevel;
}

export class CreateResourceDto {
  @ApiProperty() @IsUUID('all', { message: 'organizationId は UUID で指定してください' }) organizationId!: string;

  @ApiProperty({
    enum: RESOURCE_TYPES,
    description: 'ibasho 居場所 / work_experience 就労体験 / volunteer ボランティア / housing_support 住まい支援 / other',
  })
  @IsIn(RESOURCE_TYPES as unknown as string[], { message: `type は ${list(RESOURCE_TYPES)} のいずれかです` })
  type!: ResourceType;

  @ApiProperty({ example: '農園での草取り・収穫体験' }) @IsString() @Length(1, 200, { message: 'title は 1〜200 文字です' }) title!: string;

  @ApiProperty({ description: '活動の説明（この文章が意味検索に使われます）' })
  @IsString()
  @MaxLength(5000, { message: 'description は 5000 文字以内です' })
  description!: string;

  @ApiPropertyOptional({ type: [String], example: ['草取り', '収穫'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tasks?: string[];

  @ApiProperty({ example: '中央', description: '市町村が使う地区名' })
  @IsString()
  @Length(1, 100, { message: 'area は 1〜100 文字です' })
  area!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber()
  @IsLatitude({ message: 'latitude は -90〜90 の数値です' })
  latitude?: number;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber()
  @IsLongitude({ message: 'longitude は -180〜180 の数値です' })
  longitude?: number;
  @ApiPropertyOptional({ example: 'みどり中央駅', nullable: true }) @IsOptional() @IsString() @MaxLength(100) nearestStation?: string;

  @ApiPropertyOptional({ description: '最寄り駅・バス停からの所要時間（分）', nullable: true })
  @IsOptional()
  @IsInt({ message: 'accessMinutes は 0 以上の整数（分）です' })
  @Min(0, { message: 'accessMinutes は 0 以上の整数（分）です' })
  @Max(600)
  accessMinutes?: number;

  @ApiProperty({ type: [ScheduleSlotDto] })
  @IsArray({ message: 'schedule は [{day, start, end}] の配列です' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScheduleSlotDto)
  schedule!: ScheduleSlotDto[];

  @ApiPropertyOptional({ example: '月2回（第1・第3水曜）', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  frequencyNote?: string;

  @ApiProperty({ minimum: 0 })
  @IsInt({ message: 'capacity は 0 以上の整数です' })
  @Min(0, { message: 'capacity は 0 以上の整数です' })
  @Max(100000)
  capacity!: number;
  @ApiProperty({ minimum: 0, description: '現在の空き（capacity 以下）' })
  @IsInt({ message: 'vacancies は 0 以上の整数です' })
  @Min(0, { message: 'vacancies は 0 以上の整数です' })
  @Max(100000)
  vacancies!: number;

  @ApiPropertyOptional({ enum: ACCOMMODATION_CODES, isArray: true, description: '配慮・受入れ条件（README の一覧を参照）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACCOMMODATION_CODES.length)
  @IsIn(ACCOMMODATION_CODES, { each: true, message: `accommodations の値は ${list(ACCOMMODATION_CODES)} のいずれかです` })
  accommodations?: string[];

  @ApiPropertyOptional({ type: DemandsDto }) @IsOptional() @NestedObject(() => DemandsDto) demands?: DemandsDto;

  @ApiPropertyOptional({ enum: REWARDS, description: 'unpaid 無償 / honorarium 謝礼 / paid 有償' })
  @IsOptional()
  @IsIn(REWARDS as unknown as string[], { message: `reward は ${list(REWARDS)} のいずれかです` })
  reward?: Reward;

  @ApiPropertyOptional({ description: '本来の対象外の人も受け入れるか' }) @IsOptional() @IsBoolean() acceptsOutsideEligibility?: boolean;

  @ApiPropertyOptional({ enum: RESOURCE_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(RESOURCE_STATUSES as unknown as string[], { message: `status は ${list(RESOURCE_STATUSES)} のいずれかです` })
  status?: ResourceStatus;
}

export class UpdateResourceDto extends PartialType(CreateResourceDto) {}

const toArray = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(',');

export class ListResourcesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: RESOURCE_TYPES, isArray: true })
  @IsOptional()
  @Transform(toArray)
  @IsIn(RESOURCE_TYPES as unknown as string[], { each: true, message: `type は ${list(RESOURCE_TYPES)} のいずれかです` })
  type?: ResourceType[];
  @ApiPropertyOptional({ isArray: true, type: String })
  @IsOptional()
  @Transform(toArray)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  area?: string[];
  @ApiPropertyOptional({ enum: RESOURCE_STATUSES, isArray: true })
  @IsOptional()
  @Transform(toArray)
  @IsIn(RESOURCE_STATUSES as unknown as string[], { each: true, message: `status は ${list(RESOURCE_STATUSES)} のいずれかです` })
  status?: ResourceStatus[];
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'organizationId は UUID で指定してください' }) organizationId?: string;
  @ApiPropertyOptional({ description: 'タイトル・説明・作業内容の部分一致' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}
