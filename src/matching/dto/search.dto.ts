import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { NestedObject } from '../../common/validators';
import { ACCOMMODATION_CODES, DAYS, RESOURCE_TYPES, type Day, type ResourceType } from '../../common/catalogue.constants';
import { MAX_NEEDS_LENGTH } from '../../common/limits';
import { PersonConstraintsDto } from '../../participants/dto/person-constraints.dto';
import { UNDERSTOOD_FIELDS, type UnderstoodField } from '../understanding/vocabulary';

/** One thing read from the needs text that the coordinator removed (「読み取った条件」の × ボタン). */
export class IgnoreUnderstoodDto {
  @ApiProperty({ enum: UNDERSTOOD_FIELDS, description: '読み取った条件の項目（応答の understood[].field）' })
  @IsIn(UNDERSTOOD_FIELDS, { message: `field は ${UNDERSTOOD_FIELDS.join(', ')} のいずれかです` })
  field!: UnderstoodField;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], description: '読み取った条件の値（応答の understood[].value）' })
  @ValidateBy({
    name: 'isStringOrNumber',
    validator: { validate: (v: unknown) => (typeof v === 'string' && v.length <= 100) || Number.isFinite(v) },
  })
  value!: string | number;
}

/** Hard filters: a result always satisfies every one of them. */
export class SearchFiltersDto {
  @ApiPropertyOptional({ enum: RESOURCE_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RESOURCE_TYPES.length)
  @IsIn(RESOURCE_TYPES as unknown as string[], { each: true, message: `filters.types の値は ${RESOURCE_TYPES.join(', ')} のいずれかです` })
  types?: ResourceType[];

  @ApiPropertyOptional({ type: [String], example: ['中央', '東部'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  areas?: string[];

  @ApiPropertyOptional({ enum: DAYS, isArray: true, description: 'このいずれかの曜日に活動がある資源だけ' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsIn(DAYS as unknown as string[], { each: true, message: `filters.days の値は ${DAYS.join(', ')} のいずれかです` })
  days?: Day[];

  @ApiPropertyOptional({ description: '最寄り駅・バス停からの所要時間（分）の上限。未登録の資源は除外' })
  @IsOptional()
  @IsInt({ message: 'filters.maxTravelMinutes は 0 以上の整数（分）です' })
  @Min(0)
  @Max(600)
  maxTravelMinutes?: number;

  @ApiPropertyOptional({ enum: ACCOMMODATION_CODES, isArray: true, description: 'すべてを満たす資源だけ' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACCOMMODATION_CODES.length)
  @IsIn(ACCOMMODATION_CODES, { each: true, message: `filters.accommodations の値は ${ACCOMMODATION_CODES.join(', ')} のいずれかです` })
  accommodations?: string[];
}

export class SearchMatchesDto {
  @ApiPropertyOptional({
    description: `本人の希望・苦手なこと（${MAX_NEEDS_LENGTH} 文字以内）。participantId を指定した場合は省略可`,
    example: '人と話すのが苦手。静かな場所で黙々とできる作業を、週1回短時間から',
  })
  @IsOptional()
  @IsString({ message: 'needs は文字列です' })
  @MinLength(1, { message: 'needs を入力してください' })
  @MaxLength(MAX_NEEDS_LENGTH, { message: `needs は ${MAX_NEEDS_LENGTH} 文字以内で入力してください` })
  needs?: string;

  @ApiPropertyOptional({ description: '登録済みの本人。保存された希望と条件を使います' })
  @IsOptional()
  @IsUUID('all', { message: 'participantId は UUID で指定してください' })
  participantId?: string;

  @ApiPropertyOptional({ type: SearchFiltersDto }) @IsOptional() @NestedObject(() => SearchFiltersDto) filters?: SearchFiltersDto;

  @ApiPropertyOptional({ type: PersonConstraintsDto })
  @IsOptional()
  @NestedObject(() => PersonConstraintsDto)
  constraints?: PersonConstraintsDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @IsInt({ message: 'limit は 1〜50 の整数です' })
  @Min(1, { message: 'limit は 1〜50 の整数です' })
  @Max(50, { message: 'limit は 1〜50 の整数です' })
  limit?: number;

  @ApiPropertyOptional({ description: '満員（空き 0）の資源も含める', default: false }) @IsOptional() @IsBoolean() includeFull?: boolean;

  @ApiPropertyOptional({
    type: [IgnoreUnderstoodDto],
    description: '希望文から読み取った条件のうち、使わないもの（field と value が同じ読み取りを外します）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IgnoreUnderstoodDto)
  ignore?: IgnoreUnderstoodDto[];
}

export class CandidatesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit は 1〜50 の整数です' })
  @Min(1, { message: 'limit は 1〜50 の整数です' })
  @Max(50, { message: 'limit は 1〜50 の整数です' })
  limit?: number;
}
