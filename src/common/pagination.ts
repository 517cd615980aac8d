import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_CURSOR_LENGTH } from './keyset';

/** Far beyond any list of a municipality; keeps OFFSET a sane integer. */
export const MAX_PAGE = 100_000;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page は 1 以上の整数です' })
  @Min(1, { message: 'page は 1 以上の整数です' })
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit は 1〜100 の整数です' })
  @Min(1, { message: 'limit は 1〜100 の整数です' })
  @Max(100, { message: 'limit は 1〜100 の整数です' })
  limit: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** A large list's query: `cursor` (keyset paging, docs/lists.md) beside `page`; with a cursor, `page` is not used. */
export class CursorPageQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      '続きの位置：前の応答の nextCursor をそのまま渡すと、その次の limit 件を返す（キーセット方式。行が増えても重複・欠落しない）。指定したときは page を使わない',
    maxLength: MAX_CURSOR_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor は前の応答の nextCursor をそのまま指定してください' })
  cursor?: string;
}

/** A page of a large list: `nextCursor` leads to the next page (null at the end); the total may be an estimate. */
export interface CursorPage<T> extends Page<T> {
  nextCursor: string | null;
  totalEstimated: boolean;
}
