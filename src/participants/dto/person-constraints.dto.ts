import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ACCOMMODATION_CODES, DAYS, DEMAND_KINDS, type Day, type DemandKind } from '../../common/catalogue.constants';

/** Soft preferences of the person: they raise or lower the score and explain it, never exclude. */
export class PersonConstraintsDto {
  @ApiPropertyOptional({ enum: DAYS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsIn(DAYS as unknown as string[], { each: true, message: `availableDays の値は ${DAYS.join(', ')} のいずれかです` })
  availableDays?: Day[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'maxTravelMinutes は 0 以上の整数（分）です' })
  @Min(0)
  @Max(600)
  maxTravelMinutes?: number;

  @ApiPropertyOptional({
    enum: DEMAND_KINDS,
    isArray: true,
    description: '避けたい負担（talking 人と話す / physical 体力 / literacy 読み書き）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(DEMAND_KINDS as unknown as string[], { each: true, message: `avoid の値は ${DEMAND_KINDS.join(', ')} のいずれかです` })
  avoid?: DemandKind[];

  @ApiPropertyOptional({ enum: ACCOMMODATION_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACCOMMODATION_CODES.length)
  @IsIn(ACCOMMODATION_CODES, { each: true, message: `preferredAccommodations の値は ${ACCOMMODATION_CODES.join(', ')} のいずれかです` })
  preferredAccommodations?: string[];
}
