import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { RESOURCE_TYPES, type ResourceType } from '../../common/catalogue.constants';
import { CursorPageQuery } from '../../common/pagination';

export const UNMET_SUMMARY_MAX = 200;

export class CreateUnmetNeedDto {
  @ApiProperty({ example: '中央' }) @IsString() @Length(1, 100, { message: 'area は 1〜100 文字です' }) area!: string;

  @ApiPropertyOptional({ enum: RESOURCE_TYPES, description: '望まれた資源の種別（分からなければ省略）' })
  @IsOptional()
  @IsIn(RESOURCE_TYPES as unknown as string[], { message: `resourceType は ${RESOURCE_TYPES.join(', ')} のいずれかです` })
  resourceType?: ResourceType;

  @ApiProperty({
    description: `コーディネーターが書く、本人を特定しない短い要約（${UNMET_SUMMARY_MAX} 文字以内）。本人の希望の文章そのものは書かない`,
    example: '平日午前に座ってできる軽作業。駅から徒歩圏',
  })
  @IsString()
  @Length(1, UNMET_SUMMARY_MAX, { message: `summary は 1〜${UNMET_SUMMARY_MAX} 文字です` })
  summary!: string;
}

export class ListUnmetNeedsQuery extends CursorPageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) area?: string;
  @ApiPropertyOptional({ enum: RESOURCE_TYPES })
  @IsOptional()
  @IsIn(RESOURCE_TYPES as unknown as string[], { message: `resourceType は ${RESOURCE_TYPES.join(', ')} のいずれかです` })
  resourceType?: ResourceType;
}

export class UnmetNeedView {
  @ApiProperty() id!: string;
  @ApiProperty() area!: string;
  @ApiProperty({ enum: RESOURCE_TYPES, nullable: true }) resourceType!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '就労体験' }) resourceTypeLabel!: string | null;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, format: 'date-time', description: '記録した日時' }) createdAt!: Date;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '記録した職員の表示名（APIトークンで記録したときはその持ち主、持ち主のないトークンはトークン名）。分からなければ null',
  })
  recordedBy!: string | null;
}

export class UnmetNeedPage {
  @ApiProperty({ type: [UnmetNeedView] }) items!: UnmetNeedView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: String, nullable: true, description: '次のページの cursor（これを cursor に渡す。最後のページでは null）' })
  nextCursor!: string | null;
  @ApiProperty({ description: 'true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数' })
  totalEstimated!: boolean;
}
