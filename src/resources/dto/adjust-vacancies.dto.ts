import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, NotEquals } from 'class-validator';

export class AdjustVacanciesDto {
  @ApiProperty({ example: -1, description: '空き数の増減（-1 で 1 名分埋まる、+1 で 1 名分空く）' })
  @IsInt({ message: 'delta は 0 以外の整数です' })
  @NotEquals(0, { message: 'delta は 0 以外の整数です' })
  @Min(-1000)
  @Max(1000)
  delta!: number;
}
