import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IMPORT_FIELD_NAMES } from '../import.columns';

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

export class ImportChangeDto {
  @ApiProperty({ description: '項目（テンプレートの見出し）' }) field!: string;
  @ApiProperty({ description: 'いまの値' }) from!: string;
  @ApiProperty({ description: '確定後の値' }) to!: string;
}

export class ImportRowDto {
  @ApiProperty({ description: 'ファイルの行番号（HSDS ではサービスの順番）' }) row!: number;
  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'refused'] }) action!: string;
  @ApiProperty({ type: String, nullable: true, description: 'この行の活動名' }) title!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'この行の団体名' }) host!: string | null;
  @ApiProperty({ type: [ImportMessageDto] }) messages!: ImportMessageDto[];
  @ApiPropertyOptional({ type: ImportMatchDto, nullable: true }) match!: ImportMatchDto | null;
  @ApiProperty({ type: [ImportChangeDto], description: '更新の行で変わる項目（いまの値 → 確定後の値）' }) changes!: ImportChangeDto[];
}

export class ImportSummaryDto {
  @ApiProperty() create!: number;
  @ApiProperty() update!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() refused!: number;
  @ApiProperty() warnings!: number;
}

export class ImportColumnDto {
  @ApiProperty({ description: '列の位置（0 から）' }) index!: number;
  @ApiProperty({ description: 'ファイルの見出し' }) header!: string;
  @ApiProperty({ enum: IMPORT_FIELD_NAMES, nullable: true, description: '割り当てた項目（null: 読み込まない）' })
  field!: string | null;
}

export class ImportNoteDto {
  @ApiProperty({ description: '行番号（0: ファイル全体）' }) row!: number;
  @ApiProperty() column!: string;
  @ApiProperty() value!: string;
  @ApiProperty() message!: string;
}

export class ImportDetailsDto {
  @ApiPropertyOptional({ description: '見出しの行（1 から）。HSDS にはない' }) headerRow?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: '読み込んだシート（xlsx）' }) sheet?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '判定した文字コード（csv）' }) encoding?: string | null;
  @ApiPropertyOptional({ type: [ImportColumnDto], description: '列の割り当て（見出し → 項目）' }) columns?: ImportColumnDto[];
  @ApiPropertyOptional({ type: [ImportNoteDto], description: 'ファイル全体についての注意' }) notes?: ImportNoteDto[];
}

export class ImportFieldDto {
  @ApiProperty({ enum: IMPORT_FIELD_NAMES }) name!: string;
  @ApiProperty({ description: 'テンプレートの見出し（画面の表示名）' }) label!: string;
}

export class ImportDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['xlsx', 'csv', 'hsds'] }) format!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ enum: ['parsing', 'previewed', 'committing', 'committed', 'failed'] }) status!: string;
  @ApiProperty({ description: '0〜100' }) progress!: number;
  @ApiProperty({ type: ImportSummaryDto }) summary!: ImportSummaryDto;
  @ApiProperty({ type: ImportDetailsDto, description: '見出しの行・列の割り当て・ファイル全体についての注意' }) details!: ImportDetailsDto;
  @ApiPropertyOptional({ type: String, nullable: true, description: '失敗したときの理由' }) error!: string | null;
  @ApiProperty({ type: [ImportRowDto] }) rows!: ImportRowDto[];
  @ApiProperty({ type: [ImportFieldDto], description: '列を割り当てられる項目（mapping の値に使う名前と表示名）' })
  fields!: ImportFieldDto[];
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: 'format は xlsx か csv です' })
  format?: 'xlsx' | 'csv';
}
