import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class StartImportDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv', 'hsds'], description: '省略時はファイル名と中身から判断' })
  @IsOptional()
  @IsIn(['xlsx', 'csv', 'hsds'], { message: 'format は xlsx, csv, hsds のいずれかです' })
  format?: 'xlsx' | 'csv' | 'hsds';

  @ApiPropertyOptional({
    description: '列の割り当ての修正（JSON 文字列）: {"見出し": "項目名" | null}。指定した割り当ては次回の取り込みでも使われます',
    example: '{"事業所": "organizationName", "メモ欄": null}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  mapping?: string;
}

export class CommitImportDto {
  @ApiProperty({
    enum: ['all', 'valid_only'],
    description: 'all: すべての行を一度に（取り込めない行があれば確定しない） / valid_only: 取り込める行だけ',
  })
  @IsIn(['all', 'valid_only'], { message: 'mode は all か valid_only です' })
  mode!: 'all' | 'valid_only';
}

export class ImportStartedDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['parsing', 'previewed', 'committing', 'committed', 'failed'] }) status!: string;
}

export class ImportMessageDto {
  @ApiProperty({ description: '列（見出し）' }) column!: string;
  @ApiProperty({ description: 'セルの値' }) value!: string;
  @ApiProperty({ description: '何が問題か、何が期待されるか' }) message!: string;
  @ApiProperty({ enum: ['warning', 'error'] }) level!: string;
}

export class ImportMatchDto {
  @ApiProperty() resourceId!: string;
  @ApiProperty({ enum: ['externalId', 'id', 'organizationTitle'] }) by!: string;
  @ApiProperty({ description: '一致した資源（団体名 / 活動名）' }) label!: string;
}

export class ImportRowDto {
  @ApiProperty({ description: 'ファイルの行番号（HSDS ではサービスの順番）' }) row!: number;
  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'refused'] }) action!: string;
  @ApiProperty({ type: [ImportMessageDto] }) messages!: ImportMessageDto[];
  @ApiPropertyOptional({ type: ImportMatchDto, nullable: true }) match!: ImportMatchDto | null;
}

export class ImportSummaryDto {
  @ApiProperty() create!: number;
  @ApiProperty() update!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() refused!: number;
  @ApiProperty() warnings!: number;
}

export class ImportDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['xlsx', 'csv', 'hsds'] }) format!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ enum: ['parsing', 'previewed', 'committing', 'committed', 'failed'] }) status!: string;
  @ApiProperty({ description: '0〜100' }) progress!: number;
  @ApiProperty({ type: ImportSummaryDto }) summary!: ImportSummaryDto;
  @ApiProperty({ description: '見出しの行・列の割り当て・ファイル全体についての注意' }) details!: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, description: '失敗したときの理由' }) error!: string | null;
  @ApiProperty({ type: [ImportRowDto] }) rows!: ImportRowDto[];
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: 'format は xlsx か csv です' })
  format?: 'xlsx' | 'csv';
}
